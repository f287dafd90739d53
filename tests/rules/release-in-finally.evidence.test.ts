/**
 * release-in-finally on release evidence (issue 18, and the in-house pairs of issue 15): a value or a receiver that
 * the function releases itself is a resource of that function, whatever made it (`src/analysis/evidence.ts`).
 */
import preferUsing from '../../src/rules/prefer-using.js';
import rule from '../../src/rules/release-in-finally.js';
import { jsRuleTester, ruleTester, typedRuleTester } from '../RuleTester.js';

ruleTester.run('release-in-finally (release evidence)', rule, {
  valid: [
    {
      // an input device's \`down()\` / \`up()\` is a gesture, not a semaphore's pair
      code: `export async function dragTo(page: any, x: number, y: number) {
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 5 });
  await page.mouse.up();
}
export async function pressShift(page: any) {
  await page.keyboard.down('Shift');
  await page.keyboard.press('A');
  await page.keyboard.up('Shift');
}`,
    },
    {
      // test code: a suite factory that receives ava's \`test\` (typed with the framework's \`TestFn\`)
      code: `import type { TestFn } from 'ava';
import { createPool } from 'slonik';
export const createPoolTests = (test: TestFn<{ dsn: string }>) => {
  test('ends the pool', async (t) => {
    const pool = await createPool(t.context.dsn);
    await pool.query('select 1');
    await pool.end();
  });
};`,
    },
    {
      // a record from a query verb: its \`destroy()\` deletes a row (Sequelize), it frees nothing
      code: `export async function remove(Integration, id: string, hooks: Array<(x: unknown) => Promise<void>>) {
  const integration = await Integration.findOne({ where: { id } });
  if (!integration) return;
  for (const hook of hooks) await hook(integration);
  await integration.destroy({ force: true });
}`,
    },
    {
      // the helper's client is ended in `finally`
      code: `export async function version(url: string) {
  const client = await getTargetDbConnection(url);
  try {
    const { rows } = await client.query('SELECT version()');
    return rows;
  } finally {
    await client.end();
  }
}`,
    },
    {
      // \`await using\` disposes the value on every exit
      code: `export async function exportAll(path: string) {
  await using archive = await openArchive(path);
  await archive.writeAll();
}`,
    },
    {
      // a callback-scoped helper releases the client itself: nothing is released here
      code: `export async function version(url: string) {
  return withConnection(url, async (client) => {
    const { rows } = await client.query('SELECT version()');
    return rows;
  });
}`,
    },
    {
      // the semaphore is released in \`finally\`
      code: `export class BlockStore {
  private readonly lock = new Semaphore(1);
  async put(block: Block): Promise<void> {
    await this.lock.wait();
    try {
      await this.putBlockOrHeader(block);
    } finally {
      this.lock.release();
    }
  }
}`,
    },
    {
      // the in-house lock is unlocked in \`finally\`
      code: `export async function runNext(job: Job, resource: string) {
  const lock = await locker.lock(resource);
  try {
    await triggerNextJob(job);
  } finally {
    await locker.unlock(lock, resource);
  }
}`,
    },
    {
      // a parameter: this function did not acquire the client, so its release here is no evidence
      code: `export async function finish(client: Client) {
  await client.query('COMMIT');
  await client.end();
}`,
    },
    {
      // a field: the class owns it, not this method
      code: `export class Exporter {
  async flush() {
    await this.client.send(this.batch);
    await this.client.disconnect();
  }
}`,
    },
    {
      // a module-level client, not acquired by this function
      code: `const client = createClient();
export async function ping() {
  await client.ping();
  await client.quit();
}`,
    },
    {
      // \`res.end()\` finishes a response this function was given
      code: `export function handle(req: Request, res: Response) {
  res.write(render(req));
  res.end();
}`,
    },
    {
      // a request written and then ended: \`end()\` finishes the work, it frees nothing
      code: `export function post(options: RequestOptions, body: string) {
  const req = http.request(options);
  req.on('error', fail);
  req.write(body);
  req.end();
}`,
    },
    {
      // an \`end()\` that is not awaited finishes a stream or an encoder
      code: `export function encode(text: string, encoding: string) {
  const encoder = iconv.getEncoder(encoding);
  const head = encoder.convert(text);
  const tail = encoder.end();
  return concat(head, tail);
}`,
    },
    {
      // a stream's writer closed after its writes finishes the stream
      code: `export async function copy(readable: ReadableStream, writable: WritableStream) {
  const writer = writable.getWriter();
  for await (const chunk of readable) await writer.write(chunk);
  await writer.close();
}`,
    },
    {
      // a value looked up in a registry belongs to the registry
      code: `export function stop(name: string) {
  const worker = this.workers.get(name);
  worker.removeAllListeners('exit');
  worker.terminate();
}`,
    },
    {
      // a module loaded with require() is the module's, not this function's
      code: `async function shutdown() {
  const db = require('./database');
  await db.delete('locks');
  await db.close();
}
module.exports = { shutdown };`,
    },
    {
      // a one-shot script: \`main()\` ends with the process
      code: `async function main() {
  const client = await connectTo(process.env.URL);
  await client.migrate();
  await client.close();
}
main();`,
    },
    {
      // connecting a module-level object sets up the module's own client, which the program keeps
      code: `import mongoose from 'mongoose';
export async function reindex(uri: string) {
  await mongoose.connect(uri);
  await Content.init();
  await mongoose.disconnect();
}`,
    },
    {
      // released under a guard on some paths only: the design of code that may not hold it (not reported)
      code: `export function destroyTooltip(element: Element) {
  const tooltip = Tooltip.lookup(element);
  if (tooltip) {
    tooltip.dispose();
  }
}`,
    },
    {
      // released in \`catch\` only: a failed connect is cleaned up, a good one is kept (not reported)
      code: `export async function connectBroker(broker: Broker) {
  try {
    await broker.connect();
  } catch (error) {
    await broker.disconnect();
    throw error;
  }
}`,
    },
    {
      // handed off: the caller owns the connection, and nothing before the hand-off can leave without releasing it
      code: `export async function connect(url: string) {
  const conn = await dial(url);
  let up: boolean;
  try {
    up = await conn.ping();
  } catch (error) {
    await conn.close();
    throw error;
  }
  if (!up) {
    await conn.close();
    throw new Error('down');
  }
  return conn;
}`,
    },
    {
      // a transaction committed or rolled back on every exit
      code: `export async function replaceDomains(id: number, domains: string[]) {
  const trx = await db.begin();
  try {
    await trx.exec('DELETE FROM cname WHERE page = ?', [id]);
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
    },
    {
      // a value made with \`new\`, ended in \`finally\`
      code: `import { Client } from './db';
export async function version(cfg: Config) {
  const client = new Client(cfg);
  try {
    const { rows } = await client.query('SELECT version()');
    return rows;
  } finally {
    await client.end();
  }
}`,
    },
    {
      // \`await using\` disposes a value made with \`new\` on every exit
      code: `import { Archive } from './archive';
export async function exportAll(path: string) {
  await using archive = new Archive(path);
  await archive.writeAll();
}`,
    },
    {
      // connected by its own \`connect()\` before the \`try\`: a failed connect holds nothing, the pair is the acquisition
      code: `import { Client } from './db';
export async function version(cfg: Config) {
  const client = new Client(cfg);
  await client.connect();
  try {
    return await client.query('SELECT version()');
  } finally {
    await client.end();
  }
}`,
    },
    {
      // the same for a value a helper makes: judged at \`client.connect()\`, not also at \`makeClient()\`
      code: `export async function version(cfg: Config) {
  const client = await makeClient(cfg);
  await client.connect();
  try {
    return await client.query('SELECT version()');
  } finally {
    await client.end();
  }
}`,
    },
    {
      // a value made with \`new\` set up by its own call before the \`try\`: a failed set-up holds nothing yet
      code: `import Database from './db';
export async function importPad(records: Record<string, string>) {
  const padDb = new Database('memory', { data: new Map() });
  await padDb.init();
  try {
    for (const [key, value] of Object.entries(records)) await padDb.set(key, value);
  } finally {
    await padDb.close();
  }
}`,
    },
    {
      // the platform's constructors hold nothing of this function's (\`abort()\` is no release; observers, channels and
      // audio contexts are not this rule's)
      code: `export async function watch(element: Element, url: string) {
  const controller = new AbortController();
  const observer = new MutationObserver(onChange);
  observer.observe(element, { childList: true });
  const channel = new BroadcastChannel('updates');
  const audio = new window.AudioContext();
  const done = new Promise((resolve) => setTimeout(resolve, 10));
  await fetch(url, { signal: controller.signal });
  await done;
  controller.abort();
  observer.disconnect();
  channel.close();
  await audio.close();
}`,
    },
    {
      // only synchronous work between \`new\` and the release: a value made with \`new\` holds memory until then
      code: `import * as Y from 'yjs';
export async function diff(document: Y.Doc, state: Uint8Array) {
  const dbYdoc = new Y.Doc();
  Y.applyUpdate(dbYdoc, state);
  const update = Y.encodeStateAsUpdate(dbYdoc, Y.encodeStateVector(document));
  dbYdoc.destroy();
  return update;
}`,
    },
    {
      // a module-level value made with \`new\`: not acquired by this function
      code: `import { Client } from './db';
const client = new Client(config);
export async function ping() {
  await client.query('SELECT 1');
  await client.end();
}`,
    },
    {
      // a value made with \`new\` and written to before its \`end()\`: a request being finished
      code: `import { Request } from './http';
export async function post(body: string) {
  const req = new Request(options);
  req.write(body);
  await flush();
  await req.end();
}`,
    },
    {
      // nothing can throw between the acquisition and the release
      code: `export async function touch(path: string) {
  const handle = await openFile(path);
  await handle.close();
}`,
    },
  ],
  invalid: [
    {
      // one defect, one finding: a value set up by its own call pair (connect/quit) is reported once, at that pair
      code: `export async function ping(url: string) {
  const client = makeClient(url);
  await client.connect();
  await client.ping();
  await client.quit();
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 3,
          column: 9,
          endLine: 3,
          endColumn: 25,
          data: { name: '`client`', releaseLine: '5', path: 'the `await` on line 4 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`client`' },
              output: `export async function ping(url: string) {
  const client = makeClient(url);
  await client.connect();
  try {
    await client.ping();
  } finally {
    await client.quit();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // issue 18: a project helper returns a client; the function ends it on success only
      code: `export async function version(url: string) {
  const client = await getTargetDbConnection(url);
  const { rows } = await client.query('SELECT version()');
  await client.end();
  return rows;
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 50,
          data: { name: '`client`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`client`' },
              output: `export async function version(url: string) {
  const client = await getTargetDbConnection(url);
  try {
    const { rows } = await client.query('SELECT version()');
    return rows;
  } finally {
    await client.end();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // issue 18: a semaphore the catalog does not know; the call pair on \`this.lock\` is the acquisition
      code: `export class BlockStore {
  private readonly lock = new Semaphore(1);
  async put(block: Block): Promise<void> {
    await this.lock.wait();
    await this.putBlockOrHeader(block);
    this.lock.release();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 27,
          data: { name: '`this.lock`', releaseLine: '6', path: 'the `await` on line 5 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`this.lock`' },
              output: `export class BlockStore {
  private readonly lock = new Semaphore(1);
  async put(block: Block): Promise<void> {
    await this.lock.wait();
    try {
      await this.putBlockOrHeader(block);
    } finally {
      this.lock.release();
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // issue 15: an in-house lock service, unlocked through its receiver with the acquired value
      code: `export async function runNext(job: Job, resource: string) {
  const lock = await locker.lock(resource);
  await triggerNextJob(job);
  await locker.unlock(lock, resource);
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 43,
          data: { name: '`lock`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`lock`' },
              output: `export async function runNext(job: Job, resource: string) {
  const lock = await locker.lock(resource);
  try {
    await triggerNextJob(job);
  } finally {
    await locker.unlock(lock, resource);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // issue 18: a producer from a helper, disconnected on the happy path only
      code: `export async function publish(settings: Settings, topic: string, messages: Message[]) {
  const producer = await getProducer(settings);
  await producer.send({ topic, messages });
  await producer.disconnect();
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 26,
          endLine: 2,
          endColumn: 47,
          data: { name: '`producer`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`producer`' },
              output: `export async function publish(settings: Settings, topic: string, messages: Message[]) {
  const producer = await getProducer(settings);
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // issue 15: begin -> commit | rollback on the acquired transaction; a query runs before the \`try\`
      code: `export async function replaceDomains(id: number, domains: string[]) {
  const trx = await db.begin();
  await trx.exec('DELETE FROM cname WHERE page = ?', [id]);
  try {
    for (const domain of domains) await trx.exec('INSERT INTO cname VALUES (?, ?)', [id, domain]);
    await trx.commit();
  } catch (error) {
    await trx.rollback();
    throw error;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 31,
          data: { name: '`trx`', releaseLine: '6', path: 'the `await` on line 3 rejects' },
          suggestions: null,
        },
      ],
    },
    {
      // disposed by hand in \`finally\`, after an \`await\` that can reject
      code: `export async function exportAll(path: string) {
  const archive = await openArchive(path);
  try {
    await archive.writeAll();
  } finally {
    await log('done');
    await archive[Symbol.asyncDispose]();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceThrowsInFinally',
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 42,
          data: { name: '`archive`', releaseLine: '7', path: 'the `await` on line 6 rejects' },
          suggestions: [
            {
              messageId: 'suggestNestedFinally',
              output: `export async function exportAll(path: string) {
  const archive = await openArchive(path);
  try {
    await archive.writeAll();
  } finally {
    try {
      await log('done');
    } finally {
      await archive[Symbol.asyncDispose]();
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // the user's release methods (settings.cleanup.resources) count as evidence for any acquisition
      code: `export async function move(from: string, to: string) {
  const conn = await borrowConnection();
  await conn.rename(from, to);
  await conn.checkin();
}`,
      settings: {
        cleanup: { resources: [{ module: '@acme/db', acquire: 'checkout', release: { methods: ['checkin'] } }] },
      },
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 40,
          data: { name: '`conn`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`conn`' },
              output: `export async function move(from: string, to: string) {
  const conn = await borrowConnection();
  try {
    await conn.rename(from, to);
  } finally {
    await conn.checkin();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // issue 18: a value made with \`new\` of a constructor the catalog does not know, ended on success only
      code: `import { Client } from './db';
export async function version(cfg: Config) {
  const client = new Client(cfg);
  const { rows } = await client.query('SELECT version()');
  await client.end();
  return rows;
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 33,
          data: { name: '`client`', releaseLine: '5', path: 'the `await` on line 4 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`client`' },
              output: `import { Client } from './db';
export async function version(cfg: Config) {
  const client = new Client(cfg);
  try {
    const { rows } = await client.query('SELECT version()');
    return rows;
  } finally {
    await client.end();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // issue 18: made with \`new\`, connected, queried, ended on success only: one finding, at the connecting pair
      code: `import { Client } from './db';
export async function version(cfg: Config, sql: string) {
  const client = new Client(cfg);
  await client.connect();
  const { rows } = await client.query(sql);
  await client.end();
  return rows;
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 25,
          data: { name: '`client`', releaseLine: '6', path: 'the `await` on line 5 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`client`' },
              output: `import { Client } from './db';
export async function version(cfg: Config, sql: string) {
  const client = new Client(cfg);
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return rows;
  } finally {
    await client.end();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a constructor the file declares is no built-in, whatever its name
      code: `class Map {
  async load(): Promise<void> {}
  async close(): Promise<void> {}
}
export async function render() {
  const map = new Map();
  await map.load();
  await map.close();
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 24,
          data: { name: '`map`', releaseLine: '8', path: 'the `await` on line 7 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`map`' },
              output: `class Map {
  async load(): Promise<void> {}
  async close(): Promise<void> {}
}
export async function render() {
  const map = new Map();
  try {
    await map.load();
  } finally {
    await map.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a \`try\` that starts after a call that can throw
      code: `export async function notify(url: string, events: Event[]) {
  const relay = await Relay.dial(url);
  await relay.auth(sign);
  try {
    for (const event of events) await relay.publish(event);
  } finally {
    relay.close();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceGapBeforeTry',
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 38,
          data: { name: '`relay`', releaseLine: '7', path: 'the `await` on line 3 rejects' },
          suggestions: null,
        },
      ],
    },
  ],
});

jsRuleTester.run('release-in-finally (release evidence, JavaScript)', rule, {
  valid: [
    {
      // the FTP client made with \`new\` is closed in \`finally\`
      code: `const ftp = require('basic-ftp');
async function upload(cfg, from, to) {
  const client = new ftp.Client();
  try {
    await client.access(cfg);
    await client.uploadFrom(from, to);
  } finally {
    client.close();
  }
}
module.exports = { upload };`,
    },
    {
      // the browser is closed in \`finally\`
      code: `async function render(url) {
  const browser = await chromium.launch();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    return await page.screenshot();
  } finally {
    await browser.close();
  }
}
module.exports = { render };`,
    },
  ],
  invalid: [
    {
      // a client made with \`new\` through a module's namespace, closed on success only
      code: `const ftp = require('basic-ftp');
async function upload(cfg, from, to) {
  const client = new ftp.Client();
  await client.access(cfg);
  await client.uploadFrom(from, to);
  client.close();
}
module.exports = { upload };`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 34,
          data: { name: '`client`', releaseLine: '6', path: 'the `await` on line 4 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`client`' },
              output: `const ftp = require('basic-ftp');
async function upload(cfg, from, to) {
  const client = new ftp.Client();
  try {
    await client.access(cfg);
    await client.uploadFrom(from, to);
  } finally {
    client.close();
  }
}
module.exports = { upload };`,
            },
          ],
        },
      ],
    },
    {
      // a failed navigation leaves a browser process behind
      code: `async function render(url) {
  const browser = await chromium.launch();
  const page = await browser.newPage();
  await page.goto(url);
  const shot = await page.screenshot();
  await browser.close();
  return shot;
}
module.exports = { render };`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 42,
          data: { name: '`browser`', releaseLine: '6', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`browser`' },
              output: `async function render(url) {
  const browser = await chromium.launch();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const shot = await page.screenshot();
    return shot;
  } finally {
    await browser.close();
  }
}
module.exports = { render };`,
            },
          ],
        },
      ],
    },
  ],
});

const typedDisposableLeak = `class Conn implements Disposable { query(sql: string) { return Promise.resolve(sql); } [Symbol.dispose]() {} }
declare function connect(): Conn;
export async function run() {
  const conn = connect();
  await conn.query('select 1');
  conn[Symbol.dispose]();
}`;

const typedNewDisposableLeak = `class Conn implements Disposable { query(sql: string) { return Promise.resolve(sql); } [Symbol.dispose]() {} }
export async function run() {
  const conn = new Conn();
  await conn.query('select 1');
  conn[Symbol.dispose]();
}`;

typedRuleTester.run('release-in-finally (release evidence, typed)', rule, {
  valid: [],
  invalid: [
    {
      // a Disposable made with \`new\`, disposed by hand on the happy path only
      code: typedNewDisposableLeak,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 26,
          data: { name: '`conn`', releaseLine: '5', path: 'the `await` on line 4 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`conn`' },
              output: `class Conn implements Disposable { query(sql: string) { return Promise.resolve(sql); } [Symbol.dispose]() {} }
export async function run() {
  const conn = new Conn();
  try {
    await conn.query('select 1');
  } finally {
    conn[Symbol.dispose]();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a Disposable the catalog does not know, disposed by hand on the happy path only
      code: typedDisposableLeak,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 25,
          data: { name: '`conn`', releaseLine: '6', path: 'the `await` on line 5 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`conn`' },
              output: `class Conn implements Disposable { query(sql: string) { return Promise.resolve(sql); } [Symbol.dispose]() {} }
declare function connect(): Conn;
export async function run() {
  const conn = connect();
  try {
    await conn.query('select 1');
  } finally {
    conn[Symbol.dispose]();
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('prefer-using (one defect, one finding: release evidence)', preferUsing, {
  valid: [
    {
      // release-in-finally reports this leak by release evidence; prefer-using stays quiet
      code: typedDisposableLeak,
    },
    {
      // the same for a Disposable made with \`new\`
      code: typedNewDisposableLeak,
    },
  ],
  invalid: [],
});

// Issue 18's producer and client shapes, correct: released in `finally`, by `using`, or by a callback-scoped helper.
ruleTester.run('release-in-finally (release evidence: correct versions)', rule, {
  valid: [
    {
      // issue 18's producer, disconnected in `finally`
      code: `export async function publish(settings: Settings, topic: string, messages: Message[]) {
  const producer = await getProducer(settings);
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}`,
    },
    {
      // a callback-scoped helper of the same file disconnects the producer in its own `finally`; the callback's
      // producer is a parameter, which the callback did not acquire
      code: `async function withProducer<T>(settings: Settings, fn: (producer: Producer) => Promise<T>): Promise<T> {
  const producer = await getProducer(settings);
  try {
    return await fn(producer);
  } finally {
    await producer.disconnect();
  }
}
export async function publish(settings: Settings, topic: string, messages: Message[]) {
  await withProducer(settings, async (producer) => {
    await producer.send({ topic, messages });
  });
}`,
    },
    {
      // `await using` disposes the client on every exit; the early `end()` on the happy path is no evidence
      code: `export async function version(url: string) {
  await using client = await getTargetDbConnection(url);
  const { rows } = await client.query('SELECT version()');
  await client.end();
  return rows;
}`,
    },
    {
      // `using` disposes the in-house lock on every exit, whatever unlocks it earlier
      code: `export async function runNext(job: Job, resource: string) {
  using lock = await locker.lock(resource);
  await triggerNextJob(job);
  await locker.unlock(lock, resource);
}`,
    },
  ],
  invalid: [],
});

// The in-house pairs of issue 15 without settings: on the acquired value (`const x = await r.verb(); … r.pair(x)`) and
// on the same receiver (`await r.verb(); … r.pair()`).
ruleTester.run('release-in-finally (release evidence: in-house pairs)', rule, {
  valid: [
    {
      // acquire/release on the acquired value: released in `finally`
      code: `export async function renew(leases: LeaseService, key: string) {
  const lease = await leases.acquire(key);
  try {
    await refreshCache(key);
  } finally {
    await leases.release(lease);
  }
}`,
    },
    {
      // acquire/release on the receiver: released in `finally`
      code: `export async function renew(leases: LeaseService, key: string) {
  await leases.acquire(key);
  try {
    await refreshCache(key);
  } finally {
    leases.release(key);
  }
}`,
    },
    {
      // open/close on the acquired value: closed in `finally`
      code: `export async function checksum(store: DocumentStore, id: string) {
  const handle = await store.open(id);
  try {
    return await handle.digest('sha256');
  } finally {
    await store.close(handle);
  }
}`,
    },
    {
      // open/close on the receiver: closed in `finally`
      code: `export async function migrate(db: Database) {
  await db.open();
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
}`,
    },
    {
      // startSession/endSession on the acquired value: ended in `finally`
      code: `export async function impersonate(auth: AuthService, user: User, action: Action) {
  const session = await auth.startSession(user);
  try {
    await action.run(session);
  } finally {
    await auth.endSession(session);
  }
}`,
    },
    {
      // startSession/endSession on the receiver: ended in `finally`
      code: `export class Terminal {
  async exec(command: string) {
    await this.shell.startSession();
    try {
      await this.shell.run(command);
    } finally {
      await this.shell.endSession();
    }
  }
}`,
    },
    {
      // checkout/checkin on the acquired value: checked in in `finally`
      code: `export async function rename(connections: ConnectionBroker, from: string, to: string) {
  const conn = await connections.checkout();
  try {
    await conn.rename(from, to);
  } finally {
    await connections.checkin(conn);
  }
}`,
    },
    {
      // checkout/checkin on the receiver: checked in in `finally`
      code: `export async function build(workspace: Workspace, ref: string) {
  await workspace.checkout(ref);
  try {
    await workspace.run('npm test');
  } finally {
    await workspace.checkin();
  }
}`,
    },
    {
      // reserve/release on the acquired value: released in `finally`
      code: `export async function render(slots: SlotPool, job: Job) {
  const slot = await slots.reserve();
  try {
    await renderOn(slot, job);
  } finally {
    slots.release(slot);
  }
}`,
    },
    {
      // reserve/release on the receiver: released in `finally`
      code: `export async function upload(quota: Quota, file: File) {
  await quota.reserve(file.size);
  try {
    await storage.put(file);
  } finally {
    quota.release(file.size);
  }
}`,
    },
    {
      // begin -> commit | rollback on the receiver: committed in the `try`, rolled back in a `catch` that rethrows
      code: `export async function replaceDomains(db: Database, id: number, domains: string[]) {
  await db.begin();
  try {
    await db.exec('DELETE FROM cname WHERE page = ?', [id]);
    for (const domain of domains) await db.exec('INSERT INTO cname VALUES (?, ?)', [id, domain]);
    await db.commit();
  } catch (error) {
    await db.rollback();
    throw error;
  }
}`,
    },
  ],
  invalid: [
    {
      // acquire/release on the acquired value, released on success only
      code: `export async function renew(leases: LeaseService, key: string) {
  const lease = await leases.acquire(key);
  await refreshCache(key);
  await leases.release(lease);
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 42,
          data: { name: '`lease`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`lease`' },
              output: `export async function renew(leases: LeaseService, key: string) {
  const lease = await leases.acquire(key);
  try {
    await refreshCache(key);
  } finally {
    await leases.release(lease);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // acquire/release on the receiver: the call pair is the acquisition
      code: `export async function renew(leases: LeaseService, key: string) {
  await leases.acquire(key);
  await refreshCache(key);
  leases.release(key);
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 28,
          data: { name: '`leases`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`leases`' },
              output: `export async function renew(leases: LeaseService, key: string) {
  await leases.acquire(key);
  try {
    await refreshCache(key);
  } finally {
    leases.release(key);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // open/close on the acquired value: the handle is closed through its store, on success only
      code: `export async function checksum(store: DocumentStore, id: string) {
  const handle = await store.open(id);
  const digest = await handle.digest('sha256');
  await store.close(handle);
  return digest;
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 38,
          data: { name: '`handle`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`handle`' },
              output: `export async function checksum(store: DocumentStore, id: string) {
  const handle = await store.open(id);
  try {
    const digest = await handle.digest('sha256');
    return digest;
  } finally {
    await store.close(handle);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // open/close on the receiver (a parameter, not a module-level client)
      code: `export async function migrate(db: Database) {
  await db.open();
  await db.migrate();
  await db.close();
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 18,
          data: { name: '`db`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`db`' },
              output: `export async function migrate(db: Database) {
  await db.open();
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // startSession/endSession on the acquired value, ended through its service on success only
      code: `export async function impersonate(auth: AuthService, user: User, action: Action) {
  const session = await auth.startSession(user);
  await action.run(session);
  await auth.endSession(session);
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 25,
          endLine: 2,
          endColumn: 48,
          data: { name: '`session`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`session`' },
              output: `export async function impersonate(auth: AuthService, user: User, action: Action) {
  const session = await auth.startSession(user);
  try {
    await action.run(session);
  } finally {
    await auth.endSession(session);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // startSession/endSession on the receiver
      code: `export class Terminal {
  async exec(command: string) {
    await this.shell.startSession();
    await this.shell.run(command);
    await this.shell.endSession();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 36,
          data: { name: '`this.shell`', releaseLine: '5', path: 'the `await` on line 4 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`this.shell`' },
              output: `export class Terminal {
  async exec(command: string) {
    await this.shell.startSession();
    try {
      await this.shell.run(command);
    } finally {
      await this.shell.endSession();
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // checkout/checkin on the acquired value, checked in through its broker on success only
      code: `export async function rename(connections: ConnectionBroker, from: string, to: string) {
  const conn = await connections.checkout();
  await conn.rename(from, to);
  await connections.checkin(conn);
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 44,
          data: { name: '`conn`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`conn`' },
              output: `export async function rename(connections: ConnectionBroker, from: string, to: string) {
  const conn = await connections.checkout();
  try {
    await conn.rename(from, to);
  } finally {
    await connections.checkin(conn);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // checkout/checkin on the receiver
      code: `export async function build(workspace: Workspace, ref: string) {
  await workspace.checkout(ref);
  await workspace.run('npm test');
  await workspace.checkin();
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 32,
          data: { name: '`workspace`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`workspace`' },
              output: `export async function build(workspace: Workspace, ref: string) {
  await workspace.checkout(ref);
  try {
    await workspace.run('npm test');
  } finally {
    await workspace.checkin();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // reserve/release on the acquired value, released through its pool on success only
      code: `export async function render(slots: SlotPool, job: Job) {
  const slot = await slots.reserve();
  await renderOn(slot, job);
  slots.release(slot);
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 37,
          data: { name: '`slot`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`slot`' },
              output: `export async function render(slots: SlotPool, job: Job) {
  const slot = await slots.reserve();
  try {
    await renderOn(slot, job);
  } finally {
    slots.release(slot);
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // reserve/release on the receiver
      code: `export async function upload(quota: Quota, file: File) {
  await quota.reserve(file.size);
  await storage.put(file);
  quota.release(file.size);
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 33,
          data: { name: '`quota`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`quota`' },
              output: `export async function upload(quota: Quota, file: File) {
  await quota.reserve(file.size);
  try {
    await storage.put(file);
  } finally {
    quota.release(file.size);
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});

// Ownership on release evidence: a borrow keeps the release checked, a guard in `finally` still releases, and a
// semaphore's `take()`/`signal()` on one receiver is a call pair.
ruleTester.run('release-in-finally (release evidence: ownership)', rule, {
  valid: [
    {
      // released in `finally` under a presence guard: every exit that holds the client ends it
      code: `export async function version(url: string) {
  const client = await getTargetDbConnection(url);
  try {
    const { rows } = await client.query('SELECT version()');
    return rows;
  } finally {
    if (client) await client.end();
  }
}`,
    },
    {
      // a borrow in a function that releases in `finally`: every exit releases
      code: `export async function migrate(url: string, dir: string) {
  const client = await getTargetDbConnection(url);
  try {
    await runMigrations(client, dir);
  } finally {
    await client.end();
  }
}`,
    },
    {
      // take/signal on one receiver: signalled in `finally`
      code: `export class Uploader {
  async upload(part: Part) {
    await this.sem.take();
    try {
      await this.send(part);
    } finally {
      this.sem.signal();
    }
  }
}`,
    },
  ],
  invalid: [
    {
      // a borrow: the client passed to another call is still this function's to end, and that call can reject
      code: `export async function migrate(url: string, dir: string) {
  const client = await getTargetDbConnection(url);
  await runMigrations(client, dir);
  await client.end();
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 50,
          data: { name: '`client`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`client`' },
              output: `export async function migrate(url: string, dir: string) {
  const client = await getTargetDbConnection(url);
  try {
    await runMigrations(client, dir);
  } finally {
    await client.end();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a borrow under a borrow key of an options object (`{ client }`)
      code: `export async function migrate(url: string, dir: string) {
  const client = await getTargetDbConnection(url);
  await runMigrations({ client, dir });
  await client.end();
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 24,
          endLine: 2,
          endColumn: 50,
          data: { name: '`client`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`client`' },
              output: `export async function migrate(url: string, dir: string) {
  const client = await getTargetDbConnection(url);
  try {
    await runMigrations({ client, dir });
  } finally {
    await client.end();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // take/signal on one receiver, signalled on success only
      code: `export class Uploader {
  async upload(part: Part) {
    await this.sem.take();
    await this.send(part);
    this.sem.signal();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 26,
          data: { name: '`this.sem`', releaseLine: '5', path: 'the `await` on line 4 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`this.sem`' },
              output: `export class Uploader {
  async upload(part: Part) {
    await this.sem.take();
    try {
      await this.send(part);
    } finally {
      this.sem.signal();
    }
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // begin -> commit on the receiver: reported, but no suggestion moves the commit into a \`finally\`, where it would
      // commit after a failure too
      code: `export async function replaceDomains(db: Database, id: number, domains: string[]) {
  await db.begin();
  await db.exec('DELETE FROM cname WHERE page = ?', [id]);
  for (const domain of domains) await db.exec('INSERT INTO cname VALUES (?, ?)', [id, domain]);
  await db.commit();
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 19,
          data: { name: '`db`', releaseLine: '5', path: 'the `await` on line 3 rejects' },
          suggestions: null,
        },
      ],
    },
    {
      // the same on the acquired transaction
      code: `export async function replaceDomains(db: Database, id: number) {
  const trx = await db.begin();
  await trx.exec('DELETE FROM cname WHERE page = ?', [id]);
  await trx.commit();
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 31,
          data: { name: '`trx`', releaseLine: '4', path: 'the `await` on line 3 rejects' },
          suggestions: null,
        },
      ],
    },
  ],
});

ruleTester.run('release-in-finally (release evidence: what it follows)', rule, {
  valid: [
    {
      // a record made by \`create()\` whose \`destroy()\` deletes a row: no evidence, also when it is handed on
      code: `export async function register(User, mailer, data) {
  const user = await User.create(data);
  const sent = await mailer.sendWelcome(user.email);
  if (!sent) {
    await user.destroy();
    return null;
  }
  return user;
}`,
      filename: 'register.js',
    },
    {
      // a value destructured from the call is not the call's result: only a value bound to a name is followed
      code: `export async function version(url: string) {
  const { client, info } = await openTarget(url);
  await client.query('SELECT version()');
  await client.end();
  return info;
}`,
    },
  ],
  invalid: [
    {
      // an element taken out of a collection is this function's once taken: its leak on a path is reported
      code: `export async function drainIdle(idle) {
  while (idle.length > 0) {
    const conn = idle.pop();
    await conn.query('DISCARD ALL');
    await conn.end();
  }
}`,
      filename: 'drain.js',
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 28,
          data: { name: '`conn`', releaseLine: '5', path: 'the `await` on line 4 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`conn`' },
              output: `export async function drainIdle(idle) {
  while (idle.length > 0) {
    const conn = idle.pop();
    try {
      await conn.query('DISCARD ALL');
    } finally {
      await conn.end();
    }
  }
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // the leak before a hand-off, with the suggestion to release it in a \`catch\` that rethrows
      code: `export async function openOrClose(url, keep) {
  const conn = await openConnection(url);
  await conn.query('SET search_path TO app');
  if (keep) return conn;
  conn.close();
  return null;
}`,
      filename: 'keep.js',
      errors: [
        {
          messageId: 'evidenceLeaksBeforeHandOff',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 41,
          data: { name: '`conn`', releaseLine: '5', path: 'the `await` on line 3 rejects', handOffLine: '4' },
          suggestions: [
            {
              messageId: 'suggestReleaseInCatch',
              data: { noun: '`conn`' },
              output: `export async function openOrClose(url, keep) {
  const conn = await openConnection(url);
  try {
    await conn.query('SET search_path TO app');
  } catch (error) {
    conn.close();
    throw error;
  }
  if (keep) return conn;
  conn.close();
  return null;
}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      // \`open()\` on a field (not a module-level object, which the program keeps): the session is this method's
      code: `export class Store {
  constructor(private readonly driver: { open(): Promise<Session> }) {}
  async ping(): Promise<void> {
    const session = await this.driver.open();
    await session.run('RETURN 1');
    await session.close();
  }
}`,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 45,
          data: { name: '`session`', releaseLine: '6', path: 'the `await` on line 5 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`session`' },
              output: `export class Store {
  constructor(private readonly driver: { open(): Promise<Session> }) {}
  async ping(): Promise<void> {
    const session = await this.driver.open();
    try {
      await session.run('RETURN 1');
    } finally {
      await session.close();
    }
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
