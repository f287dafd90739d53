// TypeScript-only syntax mixed with resource acquisition.
import type { PoolClient } from 'pg';
import pg, { type Pool as PgPool } from 'pg';
import { Mutex } from 'async-mutex';
import * as fsp from 'node:fs/promises';
export * as pathNs from 'node:path';
export type { PgPool };

enum Mode {
  Read = 'r',
  Write = 'w',
}
const enum Size {
  Small = 1,
  Large = Small << 4,
}
namespace Inner {
  export const pool = new pg.Pool();
  export namespace Deeper {
    export const mutex = new Mutex();
  }
}
module Legacy {
  export const x = 1;
}

const pool = new pg.Pool() satisfies PgPool;
const mutex = new Mutex();
let definite!: PoolClient;

function assertClient(value: unknown): asserts value is PoolClient {
  if (!value) throw new Error('no client');
}

export async function run<T extends object = {}>(arg: T): Promise<unknown> {
  const client = (await pool.connect()) as PoolClient;
  const release = await mutex.acquire()!;
  const handle = <fsp.FileHandle>await fsp.open('x', Mode.Read);
  try {
    assertClient(client);
    definite = client!;
    label: for (const key in arg) {
      if (key === 'skip') continue label;
      if (key === 'stop') break label;
    }
    const result = await client?.query?.('select 1')!;
    return result satisfies unknown as unknown;
  } finally {
    release();
    client.release();
    await handle.close();
  }
}

export abstract class Repo<T> {
  protected abstract readonly pool: PgPool;
  private client?: PoolClient;
  async open(this: Repo<T>): Promise<void> {
    this.client = await this.pool.connect();
  }
  abstract close(): void;
}

export const top = await Inner.Deeper.mutex.runExclusive(async () => Size.Large);
export const tuple = [1, 'a'] as const;
export let fn: typeof run | undefined = undefined;
type Mapped<T> = { readonly [K in keyof T as `get${Capitalize<string & K>}`]-?: () => T[K] };
export type { Mapped };
export = undefined as never;
