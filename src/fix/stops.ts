/**
 * Edits that make a class stop its loop: the statement a stop method runs (`this.#controller.abort();`,
 * `this.stopped = true;`), at the start of a teardown method, or in a new `stop()` method.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { StopAction } from '../analysis/stops.js';
import type { ClassNode } from '../analysis/teardown.js';
import { memberName } from '../util/ast.js';
import { insertFirstStatement } from './statements.js';
import { indentOf, indentUnit } from './tryFinally.js';

/** `this.#controller.abort();`, `this.stopped = true;`; null for a flag with no plain stopping value. */
export function stopActionText(action: StopAction): string | null {
  if (action.type === 'abort') return `${action.key}.abort();`;
  return action.flag.stopValue === null ? null : `${action.flag.key} = ${String(action.flag.stopValue)};`;
}

/**
 * `stop() { <text> }` after the last member of the class, indented like it; null when the class has a member named
 * `stop` already (a method, a field, an accessor, an overload signature or an abstract declaration) or no member.
 */
export function addStopMethod(
  sourceCode: Readonly<TSESLint.SourceCode>,
  classNode: ClassNode,
  text: string,
): TSESLint.ReportFixFunction | null {
  const members = classNode.body.body;
  const last = members.at(-1);
  if (!last || members.some((member) => 'key' in member && memberName(member) === 'stop')) return null;
  const indent = indentOf(sourceCode, last);
  const unit = indentUnit(sourceCode, last);
  return (fixer) => fixer.insertTextAfter(last, `\n\n${indent}stop() {\n${indent}${unit}${text}\n${indent}}`);
}

/** `<text>` as the first statement of a teardown method's body (before anything there can throw). */
export function addToTeardown(
  sourceCode: Readonly<TSESLint.SourceCode>,
  body: TSESTree.BlockStatement,
  text: string,
): TSESLint.ReportFixFunction {
  return (fixer) => insertFirstStatement(sourceCode, fixer, body, text);
}
