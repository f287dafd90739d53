// Applies the SQL files of `migrations/` that have not run yet, in name order, in one transaction.
// `node src/migrate.ts` (Node strips the types).
import { open, readdir } from 'node:fs/promises';

import pg from 'pg';

async function readMigration(path: URL): Promise<string> {
  // `await using` closes the file when the function leaves, however it leaves.
  await using file = await open(path, 'r');
  return file.readFile('utf8');
}

export async function migrate(pool: pg.Pool, dir: URL): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const applied: string[] = [];
  // cleanup: release-in-finally — COMMIT in `finally` can throw before `release()` runs (and it commits a
  // half-applied migration when one failed).
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('create table if not exists migrations (name text primary key)');
    const { rows } = await client.query<{ name: string }>('select name from migrations');
    const done = new Set(rows.map((row) => row.name));
    for (const name of names) {
      if (done.has(name)) continue;
      await client.query(await readMigration(new URL(name, dir)));
      await client.query('insert into migrations (name) values ($1)', [name]);
      applied.push(name);
    }
  } finally {
    await client.query('COMMIT');
    client.release();
  }
  return applied;
}

if (import.meta.main) {
  const pool = new pg.Pool({ connectionString: process.env.JOBS_DATABASE_URL });
  try {
    console.log('applied:', await migrate(pool, new URL('../migrations/', import.meta.url)));
  } finally {
    await pool.end();
  }
}
