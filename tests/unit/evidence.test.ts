/**
 * Release evidence (src/analysis/evidence.ts): which calls it makes acquisitions of, and the file-level answer the
 * prefilter asks (a superset: no release-like call on a name, no evidence).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { evidenceAcquisitionAt, evidenceAt, mayHoldEvidence } from '../../src/analysis/evidence.js';
import { resourceModel } from '../../src/resources/match.js';
import { withCalls } from './harness.js';
import { runProbe } from './probe.js';

/** `label -> release spec` for every call of `code` that release evidence makes an acquisition of. */
function evidenceIn(code: string, settings: Record<string, unknown> = {}): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  runProbe(
    code,
    (context) => {
      const visit = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
        const acquisition = evidenceAcquisitionAt(resourceModel(context), node);
        if (acquisition) found[acquisition.label] = acquisition.resource.release;
      };
      return { CallExpression: visit, NewExpression: visit };
    },
    { settings },
  );
  return found;
}

function holds(code: string): boolean {
  let answer = false;
  withCalls(code, (_call, context) => {
    answer = mayHoldEvidence(resourceModel(context));
  });
  return answer;
}

describe('mayHoldEvidence', () => {
  it('is false for a file whose release-like words are no calls on a name', () => {
    expect(holds(`// close the connection at the end\nexport const end = 'close';\nrun(end);`)).toBe(false);
    expect(holds(`export function f(x) { return close(x); }`)).toBe(false);
  });

  it('is true for a release-like call on a name, through `?.`, `!` and spacing, and for the dispose symbols', () => {
    expect(holds(`f(); client.end();`)).toBe(true);
    expect(holds(`f(); this.lock?.release();`)).toBe(true);
    expect(holds(`f(); conn! . close ();`)).toBe(true);
    expect(holds(`f(); fh?.[Symbol.asyncDispose]();`)).toBe(true);
    expect(holds(`f(); stack[Symbol.dispose]();`)).toBe(true);
  });
});

describe('evidenceAcquisitionAt', () => {
  it('makes a value released here a resource, with the release it saw first', () => {
    expect(
      evidenceIn(`export async function f(url) {
  const client = await getConnection(url);
  await client.query('x');
  await client.end();
}`),
    ).toEqual({
      'getConnection()': {
        methods: expect.arrayContaining(['end', 'close', 'release']) as unknown,
        awaitRelease: true,
      },
    });
  });

  it('makes a receiver pair an acquisition, and an in-house pair on the acquired value', () => {
    expect(
      evidenceIn(`export async function f(job, r) {
  const lock = await locker.lock(r);
  await next(job);
  await locker.unlock(lock, r);
  await this.sema.down();
  this.sema.up();
}`),
    ).toEqual({
      'locker.lock()': expect.objectContaining({ receiverMethods: ['unlock'], awaitRelease: true }) as unknown,
      'this.sema.down()': { receiverMethods: ['up', 'release', 'unlock', 'signal'], awaitRelease: false },
    });
  });

  it('counts the release methods of the settings', () => {
    const settings = { cleanup: { resources: [{ acquire: 'checkout', release: { methods: ['checkin'] } }] } };
    const code = `export async function f() {
  const conn = await borrow();
  await conn.use();
  conn.checkin();
}`;
    expect(Object.keys(evidenceIn(code, settings))).toEqual(['borrow()']);
    expect(Object.keys(evidenceIn(code))).toEqual([]);
  });

  it('leaves catalog resources to the catalog, and values this function did not make', () => {
    expect(
      evidenceIn(`import { open } from 'node:fs/promises';
export async function f(client, p) {
  const fh = await open(p);
  await fh.close();
  await client.end();
  const cached = cache.get(p);
  cached.close();
}`),
    ).toEqual({});
  });

  it('makes a value made with `new` a resource, but not one of the platform (a global the file does not declare)', () => {
    expect(
      evidenceIn(`import { Client } from './db';
import * as ftp from 'basic-ftp';
export async function f(cfg) {
  const client = new Client(cfg);
  await client.query('x');
  await client.end();
  const remote = new ftp.Client();
  await remote.list();
  remote.close();
  const observer = new MutationObserver(cb);
  await settle();
  observer.disconnect();
  const channel = new window.BroadcastChannel('c');
  await settle();
  channel.close();
}`),
    ).toEqual({
      'new Client()': expect.objectContaining({ methods: expect.arrayContaining(['end']) as unknown }) as unknown,
      'new ftp.Client()': expect.objectContaining({ awaitRelease: false }) as unknown,
    });
  });

  it('follows a constructor the file declares, even under a global name', () => {
    expect(
      Object.keys(
        evidenceIn(`class Map { async close() {} }
export async function f() {
  const map = new Map();
  await map.load();
  await map.close();
}`),
      ),
    ).toEqual(['new Map()']);
  });

  it('takes a value that its own call pair connects at that pair, not at the value', () => {
    expect(
      Object.keys(
        evidenceIn(`import { Client } from './db';
export async function f(cfg) {
  const client = new Client(cfg);
  await client.connect();
  await client.query('x');
  await client.end();
  const other = await makeClient(cfg);
  await other.connect();
  await other.query('x');
  await other.end();
}`),
      ),
    ).toEqual(['client.connect()', 'other.connect()']);
  });

  it('is memoised per call', () => {
    withCalls(`export async function f() { const c = await make(); await c.close(); }`, (call, context) => {
      const model = resourceModel(context);
      expect(evidenceAt(model, call)).toBe(evidenceAt(model, call));
    });
  });
});
