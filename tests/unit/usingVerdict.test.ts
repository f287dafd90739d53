import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { usingVerdictOf, type UsingQuery, type UsingVerdict } from '../../src/analysis/usingVerdict.js';
import { resourceModel } from '../../src/resources/match.js';
import type { Specifier } from '../../src/resources/specifiers.js';
import { walk } from '../../src/util/walk.js';
import { withCalls } from './harness.js';

/** `<name>: <verdict>` for every variable declarator in `code` (untyped), in source order. */
function verdicts(code: string, allow: Specifier[] = []): string[] {
  const found: string[] = [];
  withCalls(`${code}\nprobe();`, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
    const query: UsingQuery = { context, model: resourceModel(context), allow, types: () => null };
    walk(context.sourceCode.visitorKeys, context.sourceCode.ast, (node) => {
      if (node.type !== AST_NODE_TYPES.VariableDeclarator) return;
      const name = context.sourceCode.getText(node.id);
      found.push(`${name}: ${summary(usingVerdictOf(query, node), context.sourceCode)}`);
    });
  });
  return found;
}

function summary(verdict: UsingVerdict, sourceCode: Readonly<TSESLint.SourceCode>): string {
  switch (verdict.kind) {
    case 'none':
      return 'none';
    case 'neverDisposed':
      return `neverDisposed ${verdict.value.noun}`;
    case 'releasedByHand':
      return `releasedByHand ${verdict.value.noun} ${sourceCode.getText(verdict.site.call)}${verdict.site.awaited ? ' awaited' : ''}`;
  }
}

describe('usingVerdictOf', () => {
  it('finds Disposables released by hand and ones never disposed', () => {
    expect(
      verdicts(`import { open } from 'node:fs/promises';
export async function head(path: string) {
  const fh = await open(path);
  try {
    return await fh.read();
  } finally {
    await fh.close();
  }
}
export function stack() {
  const stack = new DisposableStack();
  stack.defer(() => {});
}
export function byHand() {
  const own = new DisposableStack();
  own.dispose();
}`),
    ).toEqual([
      'fh: releasedByHand file handle fh.close() awaited',
      'stack: neverDisposed disposable stack',
      'own: releasedByHand disposable stack own.dispose()',
    ]);
  });

  it("leaves release-in-finally's findings, hand-offs, `var`, module-level and destructured bindings alone", () => {
    expect(
      verdicts(`import { open } from 'node:fs/promises';
export async function leak(path: string) {
  const fh = await open(path);
  await fh.read();
}
export function make() {
  const stack = new DisposableStack();
  return stack;
}
export async function old(path: string) {
  var fv = await open(path);
  try {
    return await fv.read();
  } finally {
    await fv.close();
  }
}
const moduleStack = new DisposableStack();
export async function parts(path: string) {
  const { fd } = await open(path);
  return fd;
}`),
    ).toEqual(['fh: none', 'stack: none', 'fv: none', 'moduleStack: none', '{ fd }: none']);
  });

  it('honours `allow`', () => {
    expect(
      verdicts(
        `export function byHand() {
  const own = new DisposableStack();
  own.dispose();
}`,
        [{ from: 'lib', name: 'DisposableStack' }],
      ),
    ).toEqual(['own: none']);
  });
});
