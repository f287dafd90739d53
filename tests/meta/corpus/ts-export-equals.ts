// A CommonJS-style TypeScript module: `import x = require()`, a namespace merged with a function, `export =`.
import fs = require('node:fs');
import pg = require('pg');

const pool = new pg.Pool();

function handlers(path: string): number {
  const fd = fs.openSync(path, 'r');
  try {
    return fs.fstatSync(fd).size;
  } finally {
    fs.closeSync(fd);
  }
}

namespace handlers {
  export async function query(sql: string): Promise<unknown> {
    const client = await pool.connect();
    try {
      return await client.query(sql);
    } finally {
      client.release();
    }
  }
  export declare function overloaded(a: string): string;
  export declare function overloaded(a: number): number;
}

export = handlers;
