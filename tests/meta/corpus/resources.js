// The resource shapes of resources.ts in plain JavaScript.
import { Mutex } from 'async-mutex';
import * as fs from 'node:fs';
import pg from 'pg';

const pool = new pg.Pool();
const mutex = new Mutex();

export async function shapes(flag, items) {
  const client = await pool.connect(), other = await pool.connect();
  let late;
  late = await pool.connect();
  (await pool.connect()).release();
  const fd = flag ? fs.openSync('a', 'r') : fs.openSync('b', 'r');
  try {
    switch (items.length) {
      case 0:
        return;
      default:
        throw new Error('many');
    }
  } catch {
    client.release();
  } finally {
    other['release']();
    late?.release?.();
    fs.closeSync(fd);
  }
  const release = await mutex.acquire();
  if (flag) release();
  const release2 = await mutex.acquire();
  return items.map((item) => (release2(), item));
}

export async function gap() {
  const client = await pool.connect();
  await client.query('x');
  try {
    await client.query('y');
  } finally {
    client.release();
  }
}

export async function leakOnPath(flag) {
  const client = await pool.connect();
  const rows = await client.query('x'); /* keep */
  if (flag) return rows;
  client.release();
  return rows;
}

export async function fixable() {
  const client = await pool.connect();
  const rows = await client.query('x'); // a comment
  client.release();
  return rows;
}

export async function fixableNoSemicolons() {
  const client = await pool.connect()
  const rows = await client.query('x')
  client.release()
  ;[rows].forEach(String)
  return rows
}

export async function throwsInFinally() {
  const release = await mutex.acquire();
  try {
    await fs.promises.readFile('x');
  } finally {
    await fs.promises.writeFile('x', 'y');
    release();
  }
}

export async function never() {
  const client = await pool.connect();
  await client.query('x');
  const inner = 1;
  return inner;
}
