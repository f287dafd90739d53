/**
 * The syntactic gate before a call's type is asked (`worthTyping` in src/resources/disposables.ts): a `new`, a call of
 * a function by its name, or a method whose name says it makes something; any other method call is not typed.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { worthTyping } from '../../src/resources/disposables.js';
import { resourceModel } from '../../src/resources/match.js';
import { calleeName } from '../../src/util/ast.js';
import { runProbe } from './probe.js';

const CODE = `
connect();
make(() => 1);
registry.register('a');
source.next(1);
list.push(1);
this.handlers.forEach((h) => h());
pool.openConn();
pool.acquire();
mutex.lock();
db.begin();
client.startSession();
stack.use(x);
tracer.startActiveSpan('s');
fs.createReadStream(p);
a.b.c();
(f())();
new Scope();
new ns.Scope();
`;

/** Each call's callee text (the name for a call of a call), and the gate's answer. */
function answers(): Map<string, boolean> {
  const found = new Map<string, boolean>();
  runProbe(CODE, (context) => {
    const model = resourceModel(context);
    const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
      const key = `${node.type === 'NewExpression' ? 'new ' : ''}${calleeName(node) ?? context.sourceCode.getText(node.callee)}`;
      found.set(key, worthTyping(model, node));
    };
    return { CallExpression: visit, NewExpression: visit };
  });
  return found;
}

describe('worthTyping', () => {
  const gate = answers();

  it('lets through a `new` and a call of a function by its name', () => {
    expect(gate.get('connect')).toBe(true);
    expect(gate.get('make')).toBe(true);
    expect(gate.get('new Scope')).toBe(true);
    expect(gate.get('h')).toBe(true);
  });

  it('lets through a method whose name says it makes something, and the vocabulary of acquisitions', () => {
    for (const method of ['openConn', 'acquire', 'lock', 'begin', 'startSession', 'use', 'startActiveSpan']) {
      expect(gate.get(method), method).toBe(true);
    }
    // `createReadStream` is a catalog acquisition name and starts with `create`.
    expect(gate.get('createReadStream')).toBe(true);
  });

  it('keeps out every other method call, and a call of a call', () => {
    for (const method of ['register', 'next', 'push', 'forEach', 'c']) expect(gate.get(method), method).toBe(false);
    expect(gate.get('f()')).toBe(false);
  });
});
