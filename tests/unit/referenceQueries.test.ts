/**
 * src/analysis/references.ts, the queries on a role: `isConsumingUse` (a use that needs the value live) and
 * `isPassedOn` (an argument that may read it). Each case is one reference to `x` in a statement.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isConsumingUse, isPassedOn } from '../../src/analysis/references.js';
import { runProbe } from './probe.js';

/** `[consuming, passed on]` for the one reference to `x` in `statement`. */
function queriesOf(statement: string): [boolean, boolean] {
  const found: [boolean, boolean][] = [];
  runProbe(`declare let x: any, y: any, f: any, C: any;\n${statement}`, () => ({
    'Identifier[name="x"]': (node: TSESTree.Identifier) => {
      if (node.parent.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id === node) return;
      found.push([isConsumingUse(node), isPassedOn(node)]);
    },
  }));
  expect(found).toHaveLength(1);
  return found[0] ?? [false, false];
}

describe('isConsumingUse', () => {
  it.each([
    ['x.query();', true],
    ['x();', true],
    ['x!.query();', true],
    ['y = x.fd;', true],
    ['f(x.fd);', true],
    ['x.a + 1;', true],
    ['y = x.open ? 1 : 2;', false],
    ['y = f() ? x.a : 2;', true],
    ['x.done = true;', false],
    ['y = x.a = 1;', false],
    ['x.uses++;', false],
    ['delete x.tag;', false],
    ['if (!x.closed) f();', false],
    ['y = typeof x.a;', false],
    ['y = -x.a;', true],
    ['y = x.a === 1;', false],
    ['y = x.a instanceof C;', false],
    ['x.ready && f();', false],
    ['y = f() && x.a;', true],
    ['if (x.open) f();', false],
    ['while (x.open) f();', false],
    ['do f(); while (x.open);', false],
    ['f(x);', false],
    ['if (x) f();', false],
    ['y = x;', false],
  ])('%s: %s', (statement, expected) => {
    expect(queriesOf(statement)[0]).toBe(expected);
  });
});

describe('isPassedOn', () => {
  it.each([
    ['f(x);', true],
    ['new C(x);', true],
    ['y.send(x);', true],
    ['f?.(x);', true],
    ['f(x as any);', true],
    ['console.log(x);', false],
    ['console!.log(x);', false],
    ['console?.error(x);', false],
    ['y.console.log(x);', true],
    ['x.query();', false],
    ['x(1);', false],
    ['f(...[x]);', false],
    ['y = x;', false],
  ])('%s: %s', (statement, expected) => {
    expect(queriesOf(statement)[1]).toBe(expected);
  });
});
