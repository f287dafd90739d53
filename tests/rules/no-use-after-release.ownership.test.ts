/**
 * no-use-after-release and ownership (issue 14): comparing identities after a release is no use; a borrow after a
 * release (an argument, a borrow key of an options object) is.
 */
import rule from '../../src/rules/no-use-after-release.js';
import { ruleTester } from '../RuleTester.js';

const pg = `import pg from 'pg';\nconst pool = new pg.Pool();`;
const released = `  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }`;
const usedAt = (column: number) => ({
  messageId: 'useAfterRelease' as const,
  line: 10,
  column,
  endLine: 10,
  endColumn: column + 6,
  data: {
    resource: 'client `client` from `pool.connect()`',
    noun: 'client',
    release: '`client.release()`',
    releaseLine: '8',
    paths: 'on every path to here',
  },
  suggestions: null,
});

ruleTester.run('no-use-after-release', rule, {
  valid: [
    {
      // === and Object.is compare identities: nothing the release took away is read
      code: `${pg}
export async function same(other: pg.PoolClient) {
${released}
  return [client === other, Object.is(client, other)];
}`,
    },
    {
      // expect(a).toBe(b) and .not.toBe compare with Object.is
      code: `${pg}
export async function same(other: pg.PoolClient, expect) {
${released}
  expect(client).toBe(other);
  expect(other).not.toBe(client);
}`,
    },
    {
      // assert.strictEqual compares identities
      code: `${pg}
import assert from 'node:assert';
export async function same(other: pg.PoolClient) {
${released}
  assert.strictEqual(client, other);
}`,
    },
  ],
  invalid: [
    {
      // toEqual reads the client's properties
      code: `${pg}
export async function same(other: pg.PoolClient, expect) {
${released}
  expect(client).toEqual(other);
}`,
      output: null,
      errors: [usedAt(10)],
    },
    {
      // a borrow through an options object after the release
      code: `${pg}
export async function run(sql: string) {
${released}
  await runQuery(sql, { client });
}`,
      output: null,
      errors: [usedAt(25)],
    },
  ],
});
