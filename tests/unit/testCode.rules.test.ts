import releaseInFinally from '../../src/rules/release-in-finally.js';
import noUseAfterRelease from '../../src/rules/no-use-after-release.js';
import noFloatingResource from '../../src/rules/no-floating-resource.js';
import noLeakedListener from '../../src/rules/no-leaked-listener.js';
import noLeakedTimer from '../../src/rules/no-leaked-timer.js';
import preferUsing from '../../src/rules/prefer-using.js';
import requireStopSignal from '../../src/rules/require-stop-signal.js';
import disposeOwnedResources from '../../src/rules/dispose-owned-resources.js';
import noSharedConnection from '../../src/rules/no-shared-connection.js';
import { ruleTester } from '../RuleTester.js';

/** The finding in a plain function: release-in-finally. */
const releaseInFinallyInFunction = `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release();
}
`;

/** release-in-finally's finding in {@link releaseInFinallyInFunction}, and its fix. */
const releaseInFinallyInFunctionReport = {
  errors: [
    {
      messageId: 'leaksOnPath' as const,
      data: {
        resource: 'client `client` from `pool.connect()`',
        path: 'the `await` on line 5 rejects',
        releaseLine: '6',
      },
      line: 4,
      column: 24,
      endLine: 4,
      endColumn: 38,
      suggestions: null,
    },
  ],
  output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
}
`,
};

/** The finding inside `it` from vitest, in a file that is not a test file: release-in-finally. */
const releaseInFinallyInVitestIt = `import { it } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool();

it('runs', async () => {
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release();
});
`;

/** The finding in a plain function: no-use-after-release. */
const noUseAfterReleaseInFunction = `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  client.release();
  await client.query('SELECT 1');
}
`;

/** The finding inside `it` from vitest, in a file that is not a test file: no-use-after-release. */
const noUseAfterReleaseInVitestIt = `import { it } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool();

it('runs', async () => {
  const client = await pool.connect();
  client.release();
  await client.query('SELECT 1');
});
`;

/** The finding in a plain function: no-floating-resource. */
const noFloatingResourceInFunction = `import fs from 'node:fs';
export async function run() {
  fs.openSync('a.txt', 'r');
}
`;

/** The finding inside `it` from vitest, in a file that is not a test file: no-floating-resource. */
const noFloatingResourceInVitestIt = `import { it } from 'vitest';
import fs from 'node:fs';

it('runs', async () => {
  fs.openSync('a.txt', 'r');
});
`;

/** The finding in a plain function: no-leaked-listener. */
const noLeakedListenerInFunction = `export async function run() {
  class Widget {
    constructor() {
      window.addEventListener('resize', this.onResize);
    }
    onResize = () => {};
    destroy() {}
  }
  new Widget();
}
`;

/** The finding inside `it` from vitest, in a file that is not a test file: no-leaked-listener. */
const noLeakedListenerInVitestIt = `import { it } from 'vitest';

it('runs', async () => {
  class Widget {
    constructor() {
      window.addEventListener('resize', this.onResize);
    }
    onResize = () => {};
    destroy() {}
  }
  new Widget();
});
`;

/** The finding in a plain function: no-leaked-timer. */
const noLeakedTimerInFunction = `export async function run() {
  const id = setInterval(() => {}, 1000);
}
`;

/** The finding inside `it` from vitest, in a file that is not a test file: no-leaked-timer. */
const noLeakedTimerInVitestIt = `import { it } from 'vitest';

it('runs', async () => {
  const id = setInterval(() => {}, 1000);
});
`;

/** The finding in a plain function: prefer-using. */
const preferUsingInFunction = `import { open } from 'node:fs/promises';
export async function run() {
  const fh = await open('a.txt');
  try {
    await fh.read();
  } finally {
    await fh.close();
  }
}
`;

/** The finding inside `it` from vitest, in a file that is not a test file: prefer-using. */
const preferUsingInVitestIt = `import { it } from 'vitest';
import { open } from 'node:fs/promises';

it('runs', async () => {
  const fh = await open('a.txt');
  try {
    await fh.read();
  } finally {
    await fh.close();
  }
});
`;

/** The finding in a plain function: require-stop-signal. */
const requireStopSignalInFunction = `declare const queue: { take(): Promise<string> };
export async function run() {
  while (true) {
    await queue.take();
  }
}
`;

/** The finding inside `it` from vitest, in a file that is not a test file: require-stop-signal. */
const requireStopSignalInVitestIt = `import { it } from 'vitest';
declare const queue: { take(): Promise<string> };

it('runs', async () => {
  while (true) {
    await queue.take();
  }
});
`;

/** The finding in a plain function: dispose-owned-resources. */
const disposeOwnedResourcesInFunction = `import fs from 'node:fs';
export async function run() {
  class Watcher {
    watcher = fs.watch('.');
  }
  return new Watcher();
}
`;

/** The finding inside `it` from vitest, in a file that is not a test file: dispose-owned-resources. */
const disposeOwnedResourcesInVitestIt = `import { it } from 'vitest';
import fs from 'node:fs';

it('runs', async () => {
  class Watcher {
    watcher = fs.watch('.');
  }
  return new Watcher();
});
`;

/** The finding in a plain function: no-leaked-timer. */
const timerInFunction = `export function run() {
  const id = setInterval(() => {}, 1000);
}
`;

/** Issue 16: a listener added in a per-test event handler (node:test), not in a test file: no-leaked-listener. */
const listenerInTestHandler = `import { it } from 'node:test';
import { EventEmitter } from 'node:events';

it('echoes what a client publishes', () => {
  const server = new EventEmitter();
  server.once('client', (client: EventEmitter) => {
    client.on('subscribe', () => {
      client.on('publish', (packet: unknown) => client.emit('echo', packet));
    });
  });
});
`;

/** Issue 16: acquisitions left pending in a vitest test, not in a test file: no-floating-resource. */
const pendingInTest = `import { Mutex } from 'async-mutex';
import { expect, test } from 'vitest';

test('a second acquire waits', async () => {
  const mutex = new Mutex();
  await mutex.acquire();
  mutex.acquire();
  expect(mutex.isLocked()).toBe(true);
});
`;

ruleTester.run('release-in-finally', releaseInFinally, {
  valid: [
    // Scripts (`settings.cleanup.scriptFiles`): a failure ends the process, and what the run holds ends with it.
    { code: releaseInFinallyInFunction, filename: 'scripts/migrate.ts' },
    { code: releaseInFinallyInFunction, filename: 'examples/pool/index.ts' },
    { code: releaseInFinallyInFunction, filename: 'server/utils/migrations/001-users.js' },
    { code: releaseInFinallyInFunction, filename: 'packages/cli/src/lib/setup/backup.ts' },
    { code: releaseInFinallyInFunction, filename: 'docs/recipes/puppeteer.js' },
    { code: releaseInFinallyInFunction, filename: 'packages/db/benchmarks/query.ts' },
    {
      code: releaseInFinallyInFunction,
      filename: 'tools/run.ts',
      settings: { cleanup: { scriptFiles: ['tools/**'] } },
    },
    // release evidence in a script
    {
      code: `import { connect } from './db.js';
export async function run() {
  const conn = await connect();
  await conn.execute('SELECT 1');
  await conn.close();
}
`,
      filename: 'bench/query.ts',
    },
    {
      // a test file
      code: releaseInFinallyInFunction,
      filename: 'src/run.test.ts',
    },
    {
      // inside `it` from 'vitest'
      code: releaseInFinallyInVitestIt,
      filename: 'src/run.ts',
    },
    {
      // node:test's `describe`/`it`
      code: `import { describe, it } from 'node:test';
import { Pool } from 'pg';
const pool = new Pool();

describe('pool', () => {
  it('queries', async () => {
    const client = await pool.connect();
    await client.query('SELECT 1');
    client.release();
  });
});
`,
      filename: 'src/pool.ts',
    },
    {
      // node:test's default `test` and `t.test`
      code: `import test from 'node:test';
import { Pool } from 'pg';
const pool = new Pool();

test('pool', async (t) => {
  await t.test('queries', async () => {
    const client = await pool.connect();
    await client.query('SELECT 1');
    client.release();
  });
});
`,
      filename: 'src/pool.ts',
    },
    {
      // jest/vitest globals: `describe` is an unbound global called at module level
      code: `import { Pool } from 'pg';
const pool = new Pool();

describe('pool', () => {
  beforeEach(async () => {
    const client = await pool.connect();
    await client.query('SELECT 1');
    client.release();
  });
});
`,
      filename: 'src/pool.ts',
    },
    {
      // jest globals declared in `languageOptions.globals`, `.each`/`.only` forms
      code: `import { Pool } from 'pg';
const pool = new Pool();

describe.each([1, 2])('pool %i', () => {
  it.only('queries', async () => {
    const client = await pool.connect();
    await client.query('SELECT 1');
    client.release();
  });
});
`,
      filename: 'src/pool.ts',
      languageOptions: { globals: { describe: 'readonly', it: 'readonly' } },
    },
    {
      // mocha TDD globals
      code: `import { Pool } from 'pg';
const pool = new Pool();

suite('pool', function () {
  test('queries', async function () {
    const client = await pool.connect();
    await client.query('SELECT 1');
    client.release();
  });
});
`,
      filename: 'src/pool.ts',
    },
  ],
  invalid: [
    {
      // a request handler in an example server runs per request: it is not the script's one run
      code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/', async (req, res) => {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT 1');
  client.release();
  res.json(rows);
});
app.listen(3000);
`,
      filename: 'examples/server.ts',
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 7 rejects',
            releaseLine: '8',
          },
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'client' },
              output: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/', async (req, res) => {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT 1');
    res.json(rows);
  } finally {
    client.release();
  }
});
app.listen(3000);
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // release evidence outside a script folder
      code: `import { connect } from './db.js';
export async function run() {
  const conn = await connect();
  await conn.execute('SELECT 1');
  await conn.close();
}
`,
      filename: 'src/query.ts',
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          data: { name: '`conn`', releaseLine: '5', path: 'the `await` on line 4 rejects' },
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 31,
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`conn`' },
              output: `import { connect } from './db.js';
export async function run() {
  const conn = await connect();
  try {
    await conn.execute('SELECT 1');
  } finally {
    await conn.close();
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // `scriptFiles` replaces the default script folders
      code: releaseInFinallyInFunction,
      filename: 'scripts/migrate.ts',
      settings: { cleanup: { scriptFiles: ['tools/**'] } },
      ...releaseInFinallyInFunctionReport,
    },
    {
      // not a script folder
      code: releaseInFinallyInFunction,
      filename: 'src/scripting/run.ts',
      ...releaseInFinallyInFunctionReport,
    },
    {
      // a test file, checked with `tests: 'check'`
      code: releaseInFinallyInFunction,
      filename: 'src/run.test.ts',
      settings: { cleanup: { tests: 'check' } },
      ...releaseInFinallyInFunctionReport,
    },
    {
      // inside `it` from 'vitest', checked with `tests: 'check'`
      code: releaseInFinallyInVitestIt,
      filename: 'src/run.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 7 rejects',
            releaseLine: '8',
          },
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 38,
          suggestions: null,
        },
      ],
      output: `import { it } from 'vitest';
import { Pool } from 'pg';
const pool = new Pool();

it('runs', async () => {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
});
`,
    },
    {
      // a local function named `test` is not the framework
      code: `import { Pool } from 'pg';
const pool = new Pool();

function test(name: string, run: () => Promise<void>) {
  return run();
}

test('queries', async () => {
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release();
});
`,
      filename: 'src/pool.ts',
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 10 rejects',
            releaseLine: '11',
          },
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 38,
          suggestions: null,
        },
      ],
      output: `import { Pool } from 'pg';
const pool = new Pool();

function test(name: string, run: () => Promise<void>) {
  return run();
}

test('queries', async () => {
  const client = await pool.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    client.release();
  }
});
`,
    },
    {
      // a global `it` only inside a function: the file calls no framework global at module level
      code: `import { Pool } from 'pg';
const pool = new Pool();

export function register() {
  it('queries', async () => {
    const client = await pool.connect();
    await client.query('SELECT 1');
    client.release();
  });
}
`,
      filename: 'src/pool.ts',
      errors: [
        {
          messageId: 'leaksOnPath',
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 7 rejects',
            releaseLine: '8',
          },
          line: 6,
          column: 26,
          endLine: 6,
          endColumn: 40,
          suggestions: null,
        },
      ],
      output: `import { Pool } from 'pg';
const pool = new Pool();

export function register() {
  it('queries', async () => {
    const client = await pool.connect();
    try {
      await client.query('SELECT 1');
    } finally {
      client.release();
    }
  });
}
`,
    },
  ],
});

ruleTester.run('no-use-after-release', noUseAfterRelease, {
  valid: [
    {
      // a test file
      code: noUseAfterReleaseInFunction,
      filename: 'src/run.test.ts',
    },
    {
      // inside `it` from 'vitest'
      code: noUseAfterReleaseInVitestIt,
      filename: 'src/run.ts',
    },
  ],
  invalid: [
    {
      // a test file, checked with `tests: 'check'`
      code: noUseAfterReleaseInFunction,
      filename: 'src/run.test.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'useAfterRelease',
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '5',
            paths: 'on every path to here',
          },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 15,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // inside `it` from 'vitest', checked with `tests: 'check'`
      code: noUseAfterReleaseInVitestIt,
      filename: 'src/run.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'useAfterRelease',
          data: {
            resource: 'client `client` from `pool.connect()`',
            noun: 'client',
            release: '`client.release()`',
            releaseLine: '7',
            paths: 'on every path to here',
          },
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 15,
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('no-floating-resource', noFloatingResource, {
  valid: [
    {
      // a test file
      code: noFloatingResourceInFunction,
      filename: 'src/run.test.ts',
    },
    {
      // inside `it` from 'vitest'
      code: noFloatingResourceInVitestIt,
      filename: 'src/run.ts',
    },
    {
      // issue 16: acquisitions left pending in a test
      code: pendingInTest,
      filename: 'src/mutex.ts',
    },
  ],
  invalid: [
    {
      // a test file, checked with `tests: 'check'`
      code: noFloatingResourceInFunction,
      filename: 'src/run.test.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'discarded',
          data: { resource: 'file descriptor from `fs.openSync()`' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 28,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // inside `it` from 'vitest', checked with `tests: 'check'`
      code: noFloatingResourceInVitestIt,
      filename: 'src/run.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'discarded',
          data: { resource: 'file descriptor from `fs.openSync()`' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 28,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // issue 16: acquisitions left pending in a test, checked with `tests: 'check'`
      code: pendingInTest,
      filename: 'src/mutex.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'neverReleased',
          data: { resource: 'lock from `mutex.acquire()`', release: 'mutex.release()' },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 24,
          suggestions: [
            {
              messageId: 'suggestFinally',
              data: { name: 'release' },
              output: `import { Mutex } from 'async-mutex';
import { expect, test } from 'vitest';

test('a second acquire waits', async () => {
  const mutex = new Mutex();
  const release = await mutex.acquire();
  try {
    mutex.acquire();
    expect(mutex.isLocked()).toBe(true);
  } finally {
    release();
  }
});
`,
            },
          ],
        },
        {
          messageId: 'neverReleased',
          data: { resource: 'lock from `mutex.acquire()`', release: 'mutex.release()' },
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 18,
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('no-leaked-listener', noLeakedListener, {
  valid: [
    {
      // a test file
      code: noLeakedListenerInFunction,
      filename: 'src/run.test.ts',
    },
    {
      // inside `it` from 'vitest'
      code: noLeakedListenerInVitestIt,
      filename: 'src/run.ts',
    },
    {
      // issue 16: a listener added inside a per-test event handler
      code: listenerInTestHandler,
      filename: 'src/echo.ts',
    },
  ],
  invalid: [
    {
      // a test file, checked with `tests: 'check'`
      code: noLeakedListenerInFunction,
      filename: 'src/run.test.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'neverRemoved',
          data: {
            type: 'resize',
            handler: 'this.onResize',
            target: '`window`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`destroy()`',
          },
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 55,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // inside `it` from 'vitest', checked with `tests: 'check'`
      code: noLeakedListenerInVitestIt,
      filename: 'src/run.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'neverRemoved',
          data: {
            type: 'resize',
            handler: 'this.onResize',
            target: '`window`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`destroy()`',
          },
          line: 6,
          column: 7,
          endLine: 6,
          endColumn: 55,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // issue 16: a listener added inside a per-test event handler, checked with `tests: 'check'`
      code: listenerInTestHandler,
      filename: 'src/echo.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'inlineHandler',
          data: {
            type: 'publish',
            target: '`client`',
            owner: 'this handler',
            unit: 'call of the handler',
            teardown: 'the handler once its work is done',
          },
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 77,
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('no-leaked-timer', noLeakedTimer, {
  valid: [
    {
      // a test file
      code: noLeakedTimerInFunction,
      filename: 'src/run.test.ts',
    },
    {
      // inside `it` from 'vitest'
      code: noLeakedTimerInVitestIt,
      filename: 'src/run.ts',
    },
    {
      // a test file by path
      code: timerInFunction,
      filename: 'test/pool.ts',
    },
    {
      // a test file by path
      code: timerInFunction,
      filename: 'tests/pool.ts',
    },
    {
      // a test file by path
      code: timerInFunction,
      filename: 'packages/db/test/pool.ts',
    },
    {
      // a test file by path
      code: timerInFunction,
      filename: 'src/__tests__/pool.ts',
    },
    {
      // a test file by path
      code: timerInFunction,
      filename: 'src/pool.spec.ts',
    },
    {
      // `testFiles` names it
      code: timerInFunction,
      filename: 'qa/pool.ts',
      settings: { cleanup: { testFiles: ['qa/**'] } },
    },
    {
      // a test support package (issue 16: changed from checked; measured on the repository sweeps)
      code: timerInFunction,
      filename: 'packages/test-utils/pool.ts',
    },
    {
      // a test helper module outside the test folders
      code: timerInFunction,
      filename: 'src/test-helper.ts',
    },
    {
      // an end-to-end suite
      code: timerInFunction,
      filename: 'apps/web/e2e/pool.ts',
    },
  ],
  invalid: [
    {
      // a test file, checked with `tests: 'check'`
      code: noLeakedTimerInFunction,
      filename: 'src/run.test.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'neverCleared',
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`run()`' },
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 41,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // inside `it` from 'vitest', checked with `tests: 'check'`
      code: noLeakedTimerInVitestIt,
      filename: 'src/run.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'neverCleared',
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: 'this function' },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 41,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // not a test folder nor a test file name
      code: timerInFunction,
      filename: 'src/testing/pool.ts',
      errors: [
        {
          messageId: 'neverCleared',
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`run()`' },
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 41,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // not a test folder nor a test file name
      code: timerInFunction,
      filename: 'src/contest.ts',
      errors: [
        {
          messageId: 'neverCleared',
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`run()`' },
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 41,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // not a test folder nor a test file name
      code: timerInFunction,
      filename: 'packages/testcontainers/pool.ts',
      errors: [
        {
          messageId: 'neverCleared',
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`run()`' },
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 41,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // `testFiles` replaces the defaults
      code: timerInFunction,
      filename: 'src/pool.test.ts',
      settings: { cleanup: { testFiles: ['e2e/**'] } },
      errors: [
        {
          messageId: 'neverCleared',
          data: { timer: 'interval', clear: 'clearInterval', id: 'id', owner: '`run()`' },
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 41,
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('prefer-using', preferUsing, {
  valid: [
    {
      // a test file
      code: preferUsingInFunction,
      filename: 'src/run.test.ts',
    },
    {
      // inside `it` from 'vitest'
      code: preferUsingInVitestIt,
      filename: 'src/run.ts',
    },
  ],
  invalid: [
    {
      // a test file, checked with `tests: 'check'`
      code: preferUsingInFunction,
      filename: 'src/run.test.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'releasedInFinally',
          data: { resource: 'file handle', name: 'fh', release: 'await fh.close()', keyword: 'await using' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { open } from 'node:fs/promises';
export async function run() {
  await using fh = await open('a.txt');
  await fh.read();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // inside `it` from 'vitest', checked with `tests: 'check'`
      code: preferUsingInVitestIt,
      filename: 'src/run.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'releasedInFinally',
          data: { resource: 'file handle', name: 'fh', release: 'await fh.close()', keyword: 'await using' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 11,
          suggestions: [
            {
              messageId: 'suggestUsing',
              data: { name: 'fh', keyword: 'await using' },
              output: `import { it } from 'vitest';
import { open } from 'node:fs/promises';

it('runs', async () => {
  await using fh = await open('a.txt');
  await fh.read();
});
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('require-stop-signal', requireStopSignal, {
  valid: [
    {
      // a test file
      code: requireStopSignalInFunction,
      filename: 'src/run.test.ts',
    },
    {
      // inside `it` from 'vitest'
      code: requireStopSignalInVitestIt,
      filename: 'src/run.ts',
    },
  ],
  invalid: [
    {
      // a test file, checked with `tests: 'check'`
      code: requireStopSignalInFunction,
      filename: 'src/run.test.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'endlessLoop',
          data: { loop: 'while (true)' },
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 15,
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // inside `it` from 'vitest', checked with `tests: 'check'`
      code: requireStopSignalInVitestIt,
      filename: 'src/run.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'endlessLoop',
          data: { loop: 'while (true)' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 15,
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('dispose-owned-resources', disposeOwnedResources, {
  valid: [
    {
      // a test file
      code: disposeOwnedResourcesInFunction,
      filename: 'src/run.test.ts',
    },
    {
      // inside `it` from 'vitest'
      code: disposeOwnedResourcesInVitestIt,
      filename: 'src/run.ts',
    },
  ],
  invalid: [
    {
      // a test file, checked with `tests: 'check'`
      code: disposeOwnedResourcesInFunction,
      filename: 'src/run.test.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'noTeardown',
          data: {
            className: 'Watcher',
            fields: '`this.watcher` (file watcher from `fs.watch()`)',
            them: 'it',
            method: '[Symbol.dispose]',
          },
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'suggestDisposeMethod',
              data: { method: '[Symbol.dispose]', them: 'it' },
              output: `import fs from 'node:fs';
export async function run() {
  class Watcher {
    watcher = fs.watch('.');

    [Symbol.dispose]() {
      this.watcher.close();
    }
  }
  return new Watcher();
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // inside `it` from 'vitest', checked with `tests: 'check'`
      code: disposeOwnedResourcesInVitestIt,
      filename: 'src/run.ts',
      settings: { cleanup: { tests: 'check' } },
      errors: [
        {
          messageId: 'noTeardown',
          data: {
            className: 'Watcher',
            fields: '`this.watcher` (file watcher from `fs.watch()`)',
            them: 'it',
            method: '[Symbol.dispose]',
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 16,
          suggestions: [
            {
              messageId: 'suggestDisposeMethod',
              data: { method: '[Symbol.dispose]', them: 'it' },
              output: `import { it } from 'vitest';
import fs from 'node:fs';

it('runs', async () => {
  class Watcher {
    watcher = fs.watch('.');

    [Symbol.dispose]() {
      this.watcher.close();
    }
  }
  return new Watcher();
});
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

ruleTester.run('no-shared-connection', noSharedConnection, {
  valid: [],
  invalid: [
    {
      // no-shared-connection checks test files
      code: `import mysql from 'mysql2/promise';

const conn = await mysql.createConnection({});

export async function run() {
  await conn.query('x');
}
`,
      filename: 'src/run.test.ts',
      errors: [
        {
          messageId: 'sharedConnection',
          data: {
            connection: 'connection `conn` from `mysql.createConnection()`',
            users: 'the exported function `run`',
          },
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 11,
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});
