/**
 * no-use-after-release on pending acquisitions (issue 14): the awaited binding holds the resource, as it does for
 * release-in-finally.
 */
import rule from '../../src/rules/no-use-after-release.js';
import { ruleTester } from '../RuleTester.js';

ruleTester.run('no-use-after-release', rule, {
  valid: [
    {
      // every use comes before the release in `finally`
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const pending = pool.connect();
  const client = await pending;
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
    },
  ],
  invalid: [
    {
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const pending = pool.connect();
  const client = await pending;
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
  await client.query('select 2');
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '9',
            paths: 'on every path to here',
          },
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 15,
        },
      ],
    },
    {
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const [reader, writer] = await Promise.all([pool.connect(), pool.connect()]);
  try {
    await reader.query('select 1');
  } finally {
    reader.release();
    writer.release();
  }
  await writer.query('select 2');
}`,
      output: null,
      errors: [
        {
          messageId: 'useAfterRelease',
          data: {
            resource: 'client `writer` from `pool.connect()`',
            noun: 'client',
            release: '`writer.release()`',
            releaseLine: '9',
            paths: 'on every path to here',
          },
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 15,
        },
      ],
    },
  ],
});
