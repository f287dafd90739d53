import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { bareRelease, bindInFinallyFix, releaseRestInFinallyFix } from '../../src/fix/bind.js';
import { withCalls } from './harness.js';

/** A fixer that records text edits, and the text with them applied (they do not overlap). */
const fixer = {
  replaceText: (node: TSESTree.Node, text: string): TSESLint.RuleFix => ({ range: node.range, text }),
  replaceTextRange: (range: TSESTree.Range, text: string): TSESLint.RuleFix => ({ range, text }),
} as unknown as TSESLint.RuleFixer;

function apply(code: string, fixes: TSESLint.RuleFix | Iterable<TSESLint.RuleFix> | null): string {
  if (fixes === null) return code;
  const list = 'range' in fixes ? [fixes] : [...fixes];
  return [...list]
    .sort((a, b) => b.range[0] - a.range[0])
    .reduce((text, fix) => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]), code);
}

/** The outputs of `edit` on the statement `drop();`, or null when it has no fix. */
function edited(
  code: string,
  edit: (
    sourceCode: Readonly<TSESLint.SourceCode>,
    statement: TSESTree.ExpressionStatement,
  ) => TSESLint.ReportFixFunction | null,
): string | null {
  let output: string | null | undefined;
  withCalls(code, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'drop') return;
    if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return;
    const fix = edit(context.sourceCode, call.parent);
    output = fix && apply(code, fix(fixer));
  });
  if (output === undefined) throw new Error('no `drop();` statement');
  return output;
}

describe('bindInFinallyFix', () => {
  it('binds the value and wraps the rest of the block in try/finally', () => {
    expect(
      edited(`function f() {\n  drop();\n  use();\n}`, (sourceCode, statement) =>
        bindInFinallyFix(sourceCode, statement, 'handle', 'handle.close();'),
      ),
    ).toBe(`function f() {\n  const handle = drop();\n  try {\n    use();\n  } finally {\n    handle.close();\n  }\n}`);
  });

  it('has no fix when nothing follows, or when a declaration is used after the block', () => {
    expect(
      edited(`function f() {\n  drop();\n}`, (sourceCode, statement) =>
        bindInFinallyFix(sourceCode, statement, 'handle', 'handle.close();'),
      ),
    ).toBeNull();
    expect(
      edited(`drop();\nexport const x = 1;`, (sourceCode, statement) =>
        bindInFinallyFix(sourceCode, statement, 'handle', 'handle.close();'),
      ),
    ).toBeNull();
  });
});

describe('releaseRestInFinallyFix', () => {
  it('keeps the statement, and a comment before the rest, and releases in a finally around the rest', () => {
    expect(
      edited(`async function f() {\n  drop();\n  // work\n  await use();\n}`, (sourceCode, statement) =>
        releaseRestInFinallyFix(sourceCode, statement, 'sema.release();'),
      ),
    ).toBe(
      `async function f() {\n  drop();\n  // work\n  try {\n    await use();\n  } finally {\n    sema.release();\n  }\n}`,
    );
  });
});

describe('bareRelease', () => {
  it('shows a release statement as a call', () => {
    expect(bareRelease('await fh.close();')).toBe('fh.close()');
    expect(bareRelease('release();')).toBe('release()');
  });
});
