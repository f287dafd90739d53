import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { usingVerdictOf } from '../../src/analysis/usingVerdict.js';
import { usingRewrite } from '../../src/fix/usingRewrite.js';
import { resourceModel } from '../../src/resources/match.js';
import { walk } from '../../src/util/walk.js';
import { withCalls } from './harness.js';

/** A fixer that records edits as ranges and texts, as ESLint's does. */
const fixer = {
  replaceText: (node: TSESTree.Node | TSESTree.Token, text: string) => ({ range: node.range, text }),
  replaceTextRange: (range: TSESTree.Range, text: string) => ({ range, text }),
  removeRange: (range: TSESTree.Range) => ({ range, text: '' }),
} as unknown as TSESLint.RuleFixer;

/** `code` with the `using` rewrite of its one disposable released by hand applied, `exact` or not; null without one. */
function rewritten(code: string): string | null {
  let result: string | null = null;
  withCalls(`${code}\nprobe();`, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
    const query = { context, model: resourceModel(context), allow: [], types: () => null };
    walk(context.sourceCode.visitorKeys, context.sourceCode.ast, (node) => {
      if (node.type !== AST_NODE_TYPES.VariableDeclarator) return;
      const verdict = usingVerdictOf(query, node);
      if (verdict.kind !== 'releasedByHand') return;
      const rewrite = usingRewrite(context.sourceCode, verdict.binding, 'using');
      if (!rewrite) return;
      const fixes = [rewrite.fix(fixer)].flat() as TSESLint.RuleFix[];
      let text = context.sourceCode.text;
      for (const fix of [...fixes].sort((a, b) => b.range[0] - a.range[0]))
        text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
      result = `${rewrite.exact ? 'exact' : 'moved'}\n${text.replace(/\nprobe\(\);$/u, '')}`;
    });
  });
  return result;
}

describe('usingRewrite', () => {
  it('removes a release that is a statement of the same block (not exact: it moves to the block end)', () => {
    expect(
      rewritten(`export function run(log) {
  const stack = new DisposableStack();
  stack.dispose();
  log('done');
}`),
    ).toBe(`moved
export function run(log) {
  using _stack = new DisposableStack();
  log('done');
}`);
  });

  it('keeps a release with a comment inside, which the removal would lose', () => {
    expect(
      rewritten(`export function run(log) {
  const stack = new DisposableStack();
  stack.dispose(/* now */);
  log('done');
}`),
    ).toBeNull();
  });

  it('drops a `finally` that only releases, and keeps the `catch`', () => {
    expect(
      rewritten(`export function run(log) {
  const stack = new DisposableStack();
  try {
    log(stack.disposed);
  } catch (error) {
    log(error);
  } finally {
    stack.dispose();
  }
}`),
    ).toBe(`exact
export function run(log) {
  using stack = new DisposableStack();
  try {
    log(stack.disposed);
  } catch (error) {
    log(error);
  }
}`);
  });
});
