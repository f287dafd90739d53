// Namespaces (nested, dotted, merged with an enum), `import x = require()`, `import x = N.M` aliases, enums,
// interfaces and types next to functions that acquire.
import fs = require('node:fs');
import pg from 'pg';

export interface Job {
  id: string;
  release(): void;
}
export type Handler<T = Job> = (job: T) => Promise<void>;

export enum State {
  Idle,
  Running = 'running',
}
export const enum Bits {
  A = 1,
  B = A << 1,
}
declare enum Ambient {
  X,
}

export namespace Jobs {
  export const pool = new pg.Pool();

  // Leak (release-in-finally): the client goes back to the pool only when the query succeeds.
  export async function run(job: Job): Promise<void> {
    const client = await pool.connect();
    await client.query('update jobs set state = $1 where id = $2', [State.Running, job.id]);
    client.release();
  }

  export namespace Files {
    export function head(path: string): number {
      const fd = fs.openSync(path, 'r');
      try {
        return fs.fstatSync(fd).size;
      } finally {
        fs.closeSync(fd);
      }
    }

    export namespace Deep {
      export const depth = Ambient.X;
    }
  }
}

export namespace Outer.Inner {
  export async function locked(pool: pg.Pool): Promise<number> {
    const client = await pool.connect();
    try {
      const { rowCount } = await client.query('select 1');
      return rowCount ?? 0;
    } finally {
      client.release();
    }
  }
}

namespace State {
  export const all = [State.Idle, State.Running];
}

import Files = Jobs.Files;
import Deep = Jobs.Files.Deep;
export const sizes = [Files.head('a'), Deep.depth, Bits.B, State.all.length];
