#!/usr/bin/env node
// Modern JavaScript (module): top-level await, labels, generators, optional chaining, private fields, static blocks.
import { Mutex } from 'async-mutex';
import * as fs from 'node:fs';
import data from './data.json' with { type: 'json' };
export * as ns from 'node:path';
export { data };

const mutex = new Mutex();
const release = await mutex.acquire();
try {
  outer: for (let i = 0; i < 3; i++) {
    inner: while (true) {
      if (i) continue outer;
      break inner;
    }
  }
} finally {
  release();
}

export function* lines(path) {
  const fd = fs.openSync(path, 'r');
  try {
    yield* [fd];
    yield fd;
  } finally {
    fs.closeSync(fd);
  }
}

export async function* chunks(pool) {
  const client = await pool?.connect?.();
  try {
    for await (const row of client?.rows ?? []) yield row;
  } finally {
    client?.release();
  }
}

export class Cache {
  #fd = fs.openSync('cache', 'r');
  static #instances = 0;
  static {
    Cache.#instances++;
  }
  get fd() {
    return this.#fd;
  }
  set fd(value) {
    this.#fd ??= value;
  }
  static has(o) {
    return #fd in o;
  }
  close() {
    fs.closeSync(this.#fd);
  }
}

let x = 1n;
x ||= 2n;
x &&= 3n;
x ??= 4n;
export const big = 1_000_000n ** x;
export const re = /[\p{L}--\p{Lu}]/v;
export const meta = import.meta.url;
export const lazy = () => import('node:os');
export const tagged = String.raw`a${1}b`;
export const groups = Object.groupBy([1, 2], (n) => (n % 2 ? 'odd' : 'even'));
export default async function () {
  const fd = fs.openSync('d', 'r');
  (0, fs.closeSync)(fd);
  void (await mutex.acquire())();
}
