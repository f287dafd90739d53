/**
 * require-stop-signal: a resource a loop holds, released by the function after the loop. The loop stores it each
 * iteration (a hand-off to a collection, not a borrow), so release-in-finally does not follow it; the release after
 * the loop is skipped when the loop throws, and the suggestion moves that release into a `finally` around the loop.
 */
import rule from '../../src/rules/require-stop-signal.js';
import { ruleTester } from '../RuleTester.js';

ruleTester.run('require-stop-signal', rule, {
  valid: [
    {
      // the same loop, released in a `finally` around it
      code: `import pg from 'pg';

const pool = new pg.Pool();

export async function run(signal, seen) {
  const client = await pool.connect();
  try {
    while (!signal.aborted) {
      seen.push(client);
      await tick();
    }
  } finally {
    client.release();
  }
}`,
      filename: 'run.js',
    },
  ],
  invalid: [
    {
      code: `import pg from 'pg';

const pool = new pg.Pool();

export async function run(signal, seen) {
  const client = await pool.connect();
  while (!signal.aborted) {
    seen.push(client);
    await tick();
  }
  client.release();
}`,
      filename: 'run.js',
      output: null,
      errors: [
        {
          messageId: 'heldWithoutFinally',
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 38,
          data: { resource: 'client `client` from `pool.connect()`', line: '7' },
          suggestions: [
            {
              messageId: 'suggestWrapLoop',
              data: { noun: 'client' },
              output: `import pg from 'pg';

const pool = new pg.Pool();

export async function run(signal, seen) {
  const client = await pool.connect();
  try {
    while (!signal.aborted) {
      seen.push(client);
      await tick();
    }
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
