/**
 * The text edits that stop a leaked timer: `clearInterval(id);` (or the timer's own clear function) written where the
 * timer analysis says it stops the timer.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { TimerFix } from '../analysis/timers.js';
import { insertFirstStatement } from './statements.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The edit for `fix`: `clear(id);` first in a teardown or cleanup, before the statement, or `return () => clear(id);`. */
export function clearTimerFix(
  sourceCode: SourceCode,
  fix: TimerFix,
  clear: string,
  id: string,
): TSESLint.ReportFixFunction {
  const call = `${clear}(${id})`;
  switch (fix.kind) {
    case 'clearInTeardown':
    case 'clearInCleanup':
      return (fixer) => insertFirstStatement(sourceCode, fixer, fix.body, `${call};`);
    case 'clearFirst':
      return (fixer) => fixer.insertTextBefore(fix.statement, `${call};\n${lineIndent(sourceCode, fix.statement)}`);
    case 'returnCleanup':
      return (fixer) => fixer.insertTextAfter(fix.after, `\n${lineIndent(sourceCode, fix.after)}return () => ${call};`);
  }
}

/** The whitespace before `node` on its line, or nothing when code precedes it there (the new line starts at column 0). */
function lineIndent(sourceCode: SourceCode, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  const before = line.slice(0, node.loc.start.column);
  return /^\s*$/u.test(before) ? before : '';
}
