import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { verdictFor } from '../../src/analysis/cache.js';
import { finallyVerdictOf, releaseInFinallyReports } from '../../src/analysis/finallyVerdict.js';
import { resourceModel } from '../../src/resources/match.js';
import { walk } from '../../src/util/walk.js';
import { withCalls } from './harness.js';

/** `<guarantee verdict> -> <reported verdict> <reports?>` for every acquisition in `code`. */
function verdicts(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    const model = resourceModel(context);
    const acquisition = model.acquisitionOf(call);
    if (!acquisition) return;
    const reports = releaseInFinallyReports(model, call) ? 'reports' : 'quiet';
    found.push(`${verdictFor(model, acquisition).kind} -> ${finallyVerdictOf(model, acquisition).kind} ${reports}`);
  });
  return found;
}

describe('finallyVerdictOf', () => {
  it('does not judge a name-only `getConnection()` that is never released', () => {
    expect(
      verdicts(`class Broker {
  constructor(connectionPool) { this.connectionPool = connectionPool; }
  async connect() {
    const connection = await this.connectionPool.getConnection();
    await connection.authenticate();
  }
}`),
    ).toEqual(['never -> safe quiet']);
  });

  it('still judges a name-only `getConnection()` whose release is misplaced', () => {
    expect(
      verdicts(`class Repo {
  constructor(pool) { this.pool = pool; }
  async find(id) {
    const connection = await this.pool.getConnection();
    const [rows] = await connection.query('select 1', [id]);
    connection.release();
    return rows;
  }
}`),
    ).toEqual(['leaksOnPath -> leaksOnPath reports']);
  });

  it('judges a known pool: `connect()` never released, and a release in `finally`', () => {
    expect(
      verdicts(`import { Pool } from 'pg';
const pool = new Pool();
export async function leak() {
  const client = await pool.connect();
  await client.query('select 1');
}
export async function safe() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`),
    ).toEqual(['never -> never reports', 'safe -> safe quiet']);
  });
});

describe('releaseInFinallyReports', () => {
  it('is false for a `new` expression and for a call that acquires nothing', () => {
    const found: string[] = [];
    withCalls(`import { Pool } from 'pg';\nconst pool = new Pool();\nprobe(pool);`, (call, context) => {
      const model = resourceModel(context);
      found.push(`${context.sourceCode.getText(call)} ${String(releaseInFinallyReports(model, call))}`);
      walk(context.sourceCode.visitorKeys, context.sourceCode.ast, (node) => {
        if (node.type === AST_NODE_TYPES.NewExpression)
          found.push(`${context.sourceCode.getText(node)} ${String(releaseInFinallyReports(model, node))}`);
      });
    });
    expect(found).toEqual(['probe(pool) false', 'new Pool() false']);
  });
});
