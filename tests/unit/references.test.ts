/**
 * src/analysis/references.ts: the one reference classifier. Each case is one reference to `x` in a statement, and
 * the role (with its detail) the classifier gives it.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { classifyReference, type ReleaseMatcher, type Reference } from '../../src/analysis/references.js';
import { runProbe, type ProbeContext } from './probe.js';

const SPEC: ReleaseMatcher = {
  methods: ['release', 'close'],
  symbols: true,
  receiverMethods: ['destroy'],
  functions: ['closeSync'],
  transferMethods: new Set(['move']),
};

/** The roles of every reference to `x` in `code`, summarised as text. */
function rolesIn(code: string, release: ReleaseMatcher = SPEC): string[] {
  const roles: string[] = [];
  const describeRole = (reference: Reference, context: ProbeContext): string => {
    switch (reference.role) {
      case 'release':
        return `release ${reference.method ?? '()'}`;
      case 'pass':
        return `pass ${context.sourceCode.getText(reference.call.callee)}#${reference.index}`;
      case 'transfer':
        return 'transfer';
      case 'flow':
        return `flow ${reference.how}${reference.target ? ` ${context.sourceCode.getText(reference.target)}` : ''}`;
      default:
        return reference.role;
    }
  };
  runProbe(code, (context) => ({
    'Identifier[name="x"]': (node: TSESTree.Identifier) => {
      // The declaration of `x` itself is not a reference.
      if (node.parent.type === AST_NODE_TYPES.VariableDeclarator && node.parent.id === node) return;
      roles.push(describeRole(classifyReference(node, release), context));
    },
  }));
  return roles;
}

describe('classifyReference', () => {
  it('finds releases in every shape the matcher allows', () => {
    expect(
      rolesIn('x.release(); x?.close(); (x as any).release(); x[Symbol.dispose](); pool.destroy(x); closeSync(x, 1);'),
    ).toEqual([
      'release release',
      'release close',
      'release release',
      'release @@dispose',
      'release destroy',
      'release closeSync',
    ]);
    expect(rolesIn('x(); x[Symbol.asyncDispose]();', { callValue: true })).toEqual(['release ()', 'use']);
  });

  it('takes an argument in another position, or another function, for a pass', () => {
    expect(rolesIn('closeSync(fd, x); send(x); new Query(sql, x); x.m(); log.info(x);')).toEqual([
      'pass closeSync#1',
      'pass send#0',
      'pass Query#1',
      'use',
      'pass log.info#0',
    ]);
  });

  it('reads the value in place: methods, properties, await, strings, iteration', () => {
    expect(
      rolesIn(
        "x.query(); x.done = true; await x; x; `${x}`; 'opened ' + x; for (const a of x) {} void x; -x; x.p++; a[x];",
      ),
    ).toEqual(['use', 'use', 'use', 'use', 'use', 'use', 'use', 'use', 'use', 'use', 'use']);
  });

  it('tells tests and comparisons apart from uses', () => {
    expect(
      rolesIn(
        'if (x) {} while (x) {} !x; typeof x; x === y; y != x; a < x; switch (x) {} c = x ? 1 : 2; x && x.close(); if (a || x) {}',
      ),
    ).toEqual([
      'identity',
      'identity',
      'identity',
      'identity',
      'identity',
      'identity',
      'identity',
      'identity',
      'identity',
      'identity',
      'release close',
      'identity',
    ]);
  });

  it('follows the value where it flows on', () => {
    expect(
      rolesIn(
        'function f() { return x; } function* g() { yield x; } const h = () => x; y = x; this.c = x; const z = x; [x]; ({ k: x }); [...x]; c = a ? x : b; c = x ?? b; for (y in x) {}',
      ),
    ).toEqual([
      'flow return',
      'flow yield',
      'flow arrow-body',
      'flow assign y',
      'flow assign this.c',
      'flow declare z',
      'flow element',
      'flow property',
      'flow spread',
      'flow branch',
      'flow branch',
      'use',
    ]);
  });

  it('hands the contents on through a transfer method', () => {
    expect(rolesIn('x.move(); x.use(y);')).toEqual(['transfer', 'use']);
  });
});
