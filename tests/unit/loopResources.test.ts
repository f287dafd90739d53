import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { heldWithoutFinally } from '../../src/analysis/loopResources.js';
import { stoppableLoopOf, type LoopNode } from '../../src/analysis/loops.js';
import { resourceModel } from '../../src/resources/match.js';
import { withCalls } from './harness.js';

function loopAround(node: TSESTree.Node): LoopNode {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.WhileStatement || current.type === AST_NODE_TYPES.ForStatement) return current;
  }
  throw new Error('no loop');
}

/** For the loop around each `probe()` call: the names of the resources it holds without a `finally`. */
function holds(code: string): string[][] {
  const found: string[][] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
    const model = resourceModel(context);
    const facts = stoppableLoopOf(loopAround(call), model);
    found.push(
      facts
        ? heldWithoutFinally(facts, model).map((hold) => {
            expect(hold.loop).toBe(facts.loop);
            expect(hold.owner).toBe(facts.owner);
            return hold.lifetime.name ?? '?';
          })
        : ['not checked'],
    );
  });
  return found;
}

const prelude = `import pg from 'pg';
const pool = new pg.Pool();
declare function handle(client: pg.PoolClient): Promise<void>;
declare const signal: AbortSignal;
`;

describe('heldWithoutFinally', () => {
  it('leaves to release-in-finally a resource the loop lends and the function releases after the loop', () => {
    // Issue 14: the function releases the client, so `handle(client)` borrows it, and release-in-finally reports the
    // release a throw in the loop skips (one defect, one finding).
    expect(
      holds(`${prelude}
export async function afterLoop() {
  const client = await pool.connect();
  const other = await pool.connect();
  while (!signal.aborted) { probe(); await handle(client); await handle(other); }
  client.release();
  other.release();
}
export async function later() {
  const client = await pool.connect();
  while (!signal.aborted) { probe(); await handle(client); }
  client.release();
  while (!signal.aborted) { probe(); await handle(client); }
}`),
    ).toEqual([[], [], []]);
  });

  it('finds a resource only handed to calls in the loop, even one never released (release-in-finally sees a hand-off)', () => {
    expect(
      holds(`${prelude}
export async function neverReleased() {
  const client = await pool.connect();
  while (!signal.aborted) { probe(); await handle(client); }
}
export async function* generator() {
  const client = await pool.connect();
  for (;;) { probe(); yield await handle(client); }
}`),
    ).toEqual([['client'], ['client']]);
  });

  it('leaves resources a finally around the loop releases, or that the loop does not hold', () => {
    expect(
      holds(`${prelude}
export async function inFinally() {
  const client = await pool.connect();
  try {
    while (!signal.aborted) { probe(); await handle(client); }
  } finally {
    client.release();
  }
}
export async function notInLoop() {
  const client = await pool.connect();
  await handle(client);
  while (!signal.aborted) { probe(); await client.query('select 1'); }
  client.release();
}
export async function handedOn() {
  const client = await pool.connect();
  while (!signal.aborted) { probe(); await handle(client); }
  return client;
}
export async function nested() {
  const client = await pool.connect();
  while (!signal.aborted) { probe(); await handle(client); }
  process.on('exit', () => client.release());
}
export async function acquiredInside() {
  while (!signal.aborted) {
    probe();
    const client = await pool.connect();
    await handle(client);
    client.release();
  }
}
export async function alsoPassedBefore() {
  const client = await pool.connect();
  await handle(client);
  while (!signal.aborted) { probe(); await handle(client); }
  client.release();
}
export async function floating() {
  await pool.connect();
  while (!signal.aborted) { probe(); await handle(undefined as never); }
}
export function sync() {
  while (true) { probe(); }
}`),
    ).toEqual([[], [], [], [], [], [], [], ['not checked']]);
  });
});
