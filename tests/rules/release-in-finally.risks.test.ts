/**
 * release-in-finally on values that count only some risks (`finallyVerdict.ts` `withCountedRisk`): a stream, socket,
 * server or child process that may outlive its function counts an `await`, a `throw` or an exit before its release,
 * not a synchronous call; a browser does not count a call of its own methods that is not awaited. The first risk of
 * the statements may not count while a later one does. Every named resource counts only the plain calls that name it
 * (`RiskScanner`'s subject policy), and release evidence counts none; an `await` that cannot reject is no risk.
 */
import rule from '../../src/rules/release-in-finally.js';
import { ruleTester } from '../RuleTester.js';

/** A pooled client held while a tagged template builds a query (`params` extends the signature, `where` is the condition). */
const taggedQuery = (params: string, where: string): string => `import { Pool } from 'pg';
const pool = new Pool();
export async function owner(sql: (strings: TemplateStringsArray, ...values: unknown[]) => string${params}) {
  const client = await pool.connect();
  const text = sql\`select * from t where ${where}\`;
  client.release();
  return text;
}`;

/** A pooled client taken in an earlier `try` whose `catch` runs `catchBody`, released in the next `try`'s `finally`. */
const clientFromEarlierTry = (catchBody: string): string => `import { Pool } from 'pg';
const pool = new Pool();
export async function handler(req, res, log) {
  let client;
  try {
    client = await pool.connect();
    await client.query('SET search_path TO app');
  } catch (err) {
${catchBody}
  }
  try {
    res.json((await client.query('select 1')).rows);
  } finally {
    client.release();
  }
}`;

ruleTester.run('release-in-finally', rule, {
  valid: [
    {
      // only synchronous calls before the release: a write stream reports its errors as events
      code: `import fs from 'node:fs';

export function save(file, rows) {
  const out = fs.createWriteStream(file);
  out.write(header(rows));
  format(rows);
  out.end();
}`,
      filename: 'save.js',
    },
    {
      // only the browser's own method, not awaited, before the release
      code: `import puppeteer from 'puppeteer';

export async function version() {
  const browser = await puppeteer.launch();
  const version = browser.version();
  await browser.close();
  return version;
}`,
      filename: 'version.js',
    },
    {
      // plain calls that do not name the value: a getter, a logger, a cache lookup
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function load(cache, log, id) {
  const client = await pool.connect();
  log.debug('connected', id);
  const key = cache.keyFor(id);
  try {
    return await client.query('select * from t where id = $1', [key]);
  } finally {
    client.release();
  }
}`,
      filename: 'load.js',
    },
    {
      // a logger's level method in \`finally\` before the release
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function load(id) {
  const client = await pool.connect();
  try {
    return await client.query('select 1');
  } finally {
    this.logger.info('done', id);
    client.release();
  }
}`,
      filename: 'finally.js',
    },
    {
      // awaits that cannot reject: a promise whose handler does not rethrow, a promise with no \`reject\`
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function load(signal, notify) {
  const client = await pool.connect();
  await notify('start').catch(() => undefined);
  await new Promise((resolve) => signal.addEventListener('abort', resolve));
  await notify('done').catch(console.error);
  client.release();
}`,
      filename: 'handled.js',
    },
    {
      // release evidence counts no plain call: the value comes from an API that fails asynchronously
      code: `export async function run(makeStream, input) {
  const stream = await makeStream();
  const topic = stream.topic(input.name);
  publish(topic, input.events);
  await stream.close();
}`,
      filename: 'evidence.js',
    },
    {
      // \`readline.createInterface()\` does not throw
      code: `import fs from 'node:fs';
import { createInterface } from 'node:readline';
export async function count(path) {
  const input = fs.createReadStream(path);
  const lines = createInterface({ input });
  try {
    let n = 0;
    for await (const _ of lines) n++;
    return n;
  } finally {
    input.destroy();
  }
}`,
      filename: 'lines.js',
    },
    {
      // an exit that runs only when the binding holds nothing leaks nothing
      code: `export async function disposeRun(getRun, runId) {
  const run = getRun(runId);
  if (run === undefined) {
    throw new Error(\`no run \${runId}\`);
  }
  await run.dispose();
}`,
      filename: 'dispose.js',
    },
    {
      // an unabortable promise timer cannot reject; a listener cleanup in \`finally\` before the close does not throw
      code: `import { setTimeout as delay } from 'node:timers/promises';
import puppeteer from 'puppeteer';
import { Pool } from 'pg';
const pool = new Pool();
export async function probe() {
  const client = await pool.connect();
  await delay(100);
  client.release();
}
export async function shot(browser: puppeteer.Browser, url: string) {
  const page = await browser.newPage();
  try {
    return await page.goto(url);
  } finally {
    page.removeAllListeners();
    await page.close();
  }
}`,
      filename: 'timer.ts',
    },
    {
      // a step of the value's own iteration: when \`cursor.next()\` rejects, the driver has closed the cursor itself
      code: `export async function renameDomain(db, oldDomain, res) {
  const cursor = db.collection('addresses').find({ domain: oldDomain });
  const updates = [];
  let doc;
  try {
    while ((doc = await cursor.next())) {
      updates.push(doc._id);
    }
    await cursor.close();
  } catch (err) {
    return res.status(500).json({ error: err.message });
  }
  return updates;
}`,
      filename: 'rename.js',
    },
    {
      // the step of \`for await\` over the value itself
      code: `export async function collect(openCursor, query) {
  const cursor = openCursor(query);
  const rows = [];
  for await (const row of cursor) rows.push(row);
  await cursor.close();
  return rows;
}`,
      filename: 'collect.js',
    },
    {
      // a timer start given a function does not throw, even when its callback's text names the value
      code: `import { Pool } from 'pg';
export class Client {
  interval: ReturnType<typeof setInterval> | undefined;
  constructor(private pool: Pool, private refreshing: boolean) {}
  async connect() {
    const test = await this.pool.connect();
    if (this.refreshing) {
      this.interval = setInterval(async () => {
        const test = await this.pool.connect();
        test.release();
      }, 60_000);
    }
    test.release();
  }
}`,
      filename: 'client.ts',
    },
    {
      // acquired at the end of an earlier \`try\` block: its \`catch\` runs only when nothing was acquired
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function handler(req, res) {
  let client;
  try {
    client = await pool.connect();
  } catch (err) {
    return res.status(503).end();
  }
  try {
    res.json((await client.query('select 1')).rows);
  } finally {
    client.release();
  }
}`,
      filename: 'handler.js',
    },
    {
      // the earlier \`try\`'s \`catch\` releases the value: a throw after the acquisition in that block leaks nothing
      code: clientFromEarlierTry('    client?.release();\n    return res.status(503).end();'),
      filename: 'handler.js',
    },
    {
      // the earlier \`try\`'s \`catch\` carries on into the \`try\` that releases: a throw there leaks nothing
      code: clientFromEarlierTry('    log.warn(err);'),
      filename: 'handler.js',
    },
    {
      // the same through the builder calls chained on \`find()\`, which return the cursor itself
      code: `export async function clearFolder(db, mailbox) {
  const cursor = db.collection('messages').find({ mailbox }).sort({ uid: -1 });
  let doc;
  while ((doc = await cursor.next())) {
    remove(doc);
  }
  await cursor.close();
}`,
      filename: 'clear.js',
    },
    {
      // a tagged template that does not name the value is no risk (a named resource counts only what names it)
      code: taggedQuery(', id: number', 'id = ${id}'),
    },
  ],
  invalid: [
    {
      // the guard exits are skipped: the message names the \`await\` that can reject while the client is held
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(id) {
  const client = await pool.connect();
  if (!client) throw new Error('no client');
  if (client === undefined) return null;
  const rows = await client.query('select 1');
  client.release();
  return rows;
}`,
      filename: 'guarded.js',
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 7 rejects',
            releaseLine: '8',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'client' },
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function f(id) {
  const client = await pool.connect();
  try {
    if (!client) throw new Error('no client');
    if (client === undefined) return null;
    const rows = await client.query('select 1');
    return rows;
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // the first risk (a synchronous call) does not count for a stream; the `await` after it does
      code: `import fs from 'node:fs';

export async function save(file, rows) {
  const out = fs.createWriteStream(file);
  out.write(header(rows));
  await flush(rows);
  out.end();
}`,
      filename: 'save.js',
      output: `import fs from 'node:fs';

export async function save(file, rows) {
  const out = fs.createWriteStream(file);
  try {
    out.write(header(rows));
    await flush(rows);
  } finally {
    out.end();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 41,
          data: {
            resource: 'write stream `out` from `fs.createWriteStream()`',
            path: 'the `await` on line 6 rejects',
            releaseLine: '7',
          },
        },
      ],
    },
    {
      // a browser's own call does not count; another function's call that takes the browser does
      code: `import puppeteer from 'puppeteer';

export async function shot(url) {
  const browser = await puppeteer.launch();
  const version = browser.version();
  save(browser, version);
  await browser.close();
}`,
      filename: 'shot.js',
      output: `import puppeteer from 'puppeteer';

export async function shot(url) {
  const browser = await puppeteer.launch();
  try {
    const version = browser.version();
    save(browser, version);
  } finally {
    await browser.close();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 43,
          data: {
            resource: 'browser `browser` from `puppeteer.launch()`',
            path: '`save()` on line 6 throws',
            releaseLine: '7',
          },
        },
      ],
    },
    {
      // an \`await\` in the loop's body is no step of the cursor: it leaks the cursor when it rejects
      code: `export async function renameDomain(db, oldDomain, res) {
  const cursor = db.collection('addresses').find({ domain: oldDomain });
  let doc;
  try {
    while ((doc = await cursor.next())) {
      await db.collection('users').updateOne({ _id: doc.user }, { $set: { domain: oldDomain } });
    }
    await cursor.close();
  } catch (err) {
    return res.status(500).json({ error: err.message });
  }
  return true;
}`,
      filename: 'rename.js',
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 72,
          data: { name: '`cursor`', releaseLine: '8', path: 'the `await` on line 6 rejects' },
        },
      ],
    },
    {
      // any other value's \`next()\` is a risk: a hand-written pager does not close itself when a step fails
      code: `export async function exportAll(api, query, out) {
  const pager = api.createPager(query);
  for (;;) {
    const { value, done } = await pager.next();
    if (done) break;
    out.write(value);
  }
  await pager.close();
}`,
      filename: 'export.js',
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 17,
          endLine: 2,
          endColumn: 39,
          data: { name: '`pager`', releaseLine: '8', path: 'the `await` on line 4 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`pager`' },
              output: `export async function exportAll(api, query, out) {
  const pager = api.createPager(query);
  try {
    for (;;) {
      const { value, done } = await pager.next();
      if (done) break;
      out.write(value);
    }
  } finally {
    await pager.close();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // the earlier \`try\`'s \`catch\` leaves without releasing: the \`await\` after the acquisition in that block leaks
      code: clientFromEarlierTry('    return res.status(503).end();'),
      filename: 'handler.js',
      output: null,
      errors: [
        {
          messageId: 'gapBeforeTry',
          line: 6,
          column: 20,
          endLine: 6,
          endColumn: 34,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the `await` on line 7 rejects',
            tryLine: '11',
          },
        },
      ],
    },
    {
      // a tagged template that names the value can throw before the release: the tag is a function call
      code: taggedQuery('', 'owner = ${client.processID}'),
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          data: {
            resource: 'client `client` from `pool.connect()`',
            path: 'the tagged template `sql` on line 5 throws',
            releaseLine: '6',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'client' },
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function owner(sql: (strings: TemplateStringsArray, ...values: unknown[]) => string) {
  const client = await pool.connect();
  try {
    const text = sql\`select * from t where owner = \${client.processID}\`;
    return text;
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
