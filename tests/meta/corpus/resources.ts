// Resource-shaped code in odd positions: every path a lifetime analysis must survive.
import { Mutex, Semaphore } from 'async-mutex';
import * as fs from 'node:fs';
import { open } from 'node:fs/promises';
import pg from 'pg';

const pool = new pg.Pool();
const mutex = new Mutex();
const sema = new Semaphore(2);

export async function shapes(flag: boolean, items: string[]): Promise<unknown> {
  const [value, releaseSema] = await sema.acquire();
  const { release: _unused } = { release: () => {} };
  const client = await pool.connect(), other = await pool.connect();
  let late;
  late = await pool.connect();
  (await pool.connect()).release();
  void (await mutex.acquire());
  fs.openSync('floating', 'r');
  const fd = flag ? fs.openSync('a', 'r') : fs.openSync('b', 'r');
  const handle = await (flag ? open('x') : open('y'));
  try {
    switch (items.length) {
      case 0:
        return;
      case 1:
        fs.closeSync(fd);
      // falls through
      default:
        throw new Error('many');
    }
  } catch {
    client.release();
  } finally {
    other['release']();
    late?.release?.();
    releaseSema();
    handle.close().catch(() => {});
    for (;;) {
      break;
    }
  }
  const release = await mutex.acquire();
  if (flag) release();
  const release2 = await mutex.acquire();
  return items.map((item) => (release2(), item)), value;
}

export async function nested(): Promise<void> {
  const release = await mutex.acquire();
  try {
    try {
      await Promise.reject(new Error('x'));
    } finally {
      await fs.promises.writeFile('x', 'y');
      release();
    }
  } catch (error: unknown) {
    if (error instanceof Error) throw error;
  }
}

export function* generator(): Generator<number> {
  const fd = fs.openSync('g', 'r');
  yield fd;
  fs.closeSync(fd);
}

export const arrow = async () => {
  const client = await pool.connect();
  return client.query('select 1').finally(() => client.release());
};

export async function callbacks(): Promise<void> {
  pool.connect((err, client, done) => {
    if (err) return done(err);
    client?.query('x', () => done());
  });
  await mutex.runExclusive(async () => {
    const c = await pool.connect();
    c.release();
  });
  const fd = fs.openSync('h', 'r');
  process.on('exit', () => fs.closeSync(fd));
  setTimeout(() => fs.closeSync(fd), 1);
}

class Service {
  pool = pool;
  lock = new Mutex();
  async run(): Promise<void> {
    const release = await this.lock.acquire();
    const client = await this.pool.connect();
    try {
      await client.query('x');
    } finally {
      client.release();
    }
    release();
  }
}
export { Service };
