// The job worker: claims pending jobs from the `jobs` table, one at a time per queue, runs them, and stores the
// result. Stops when it receives SIGTERM.
import { setTimeout as sleep } from 'node:timers/promises';

import { Mutex } from 'async-mutex';
import pg from 'pg';

import { handlers } from './handlers.js';

const { Pool } = pg;
const pool = new Pool({ connectionString: process.env.JOBS_DATABASE_URL, max: 4 });

/** One claim at a time in this process, so two loops never race for the same row. */
const claimMutex = new Mutex();
/** Jobs of one queue run one after the other. */
const queueMutexes = new Map();

function mutexFor(queue) {
  let mutex = queueMutexes.get(queue);
  if (!mutex) {
    mutex = new Mutex();
    queueMutexes.set(queue, mutex);
  }
  return mutex;
}

/** Claims the next pending job, or returns null. */
async function claimNext() {
  // runExclusive releases the lock on every path, the rejected query included.
  return claimMutex.runExclusive(async () => {
    const { rows } = await pool.query(
      `update jobs set state = 'running', started_at = now()
        where id = (select id from jobs where state = 'pending' order by id limit 1 for update skip locked)
        returning id, queue, type, payload, cancelled`,
    );
    return rows[0] ?? null;
  });
}

/** Tells the other workers that `job` is still alive. */
function touch(job) {
  pool.query('update jobs set heartbeat_at = now() where id = $1', [job.id]).catch(() => {});
}

/** Runs one job while holding its queue's lock, with a heartbeat while it runs. */
async function runJob(job) {
  const mutex = mutexFor(job.queue);
  // cleanup: release-in-finally — a cancelled job returns before the `try`, so its queue stays locked forever.
  const release = await mutex.acquire();
  if (job.cancelled) return null;
  try {
    // cleanup: no-leaked-timer — if the handler rejects, `clearInterval` is skipped and the heartbeat runs forever,
    // reporting a failed job as alive.
    const heartbeat = setInterval(() => touch(job), 5000);
    const result = await handlers[job.type](job.payload);
    clearInterval(heartbeat);
    return result;
  } finally {
    release();
  }
}

/** Stores a result and the job's new state in one transaction. */
async function complete(job, result) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`update jobs set state = 'done', finished_at = now() where id = $1`, [job.id]);
    await client.query('insert into results (job_id, body) values ($1, $2)', [job.id, result]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Records why a job failed. */
async function fail(job, error) {
  // cleanup: release-in-finally — if the UPDATE rejects, the client never goes back to the pool (autofix: try/finally).
  const client = await pool.connect();
  await client.query(`update jobs set state = 'failed', error = $2 where id = $1`, [job.id, String(error)]);
  client.release();
}

/** Puts a failed job back in its queue, unless it has used up its three attempts. */
export async function retry(job) {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select attempts from jobs where id = $1 for update', [job.id]);
    if (rows[0].attempts >= 3) {
      client.release();
      return false;
    }
    await client.query(`update jobs set state = 'pending', attempts = attempts + 1 where id = $1`, [job.id]);
    return true;
  } finally {
    // cleanup: no-use-after-release — a job out of attempts has already released the client above, so this second
    // release throws "Release called on client which has already been released to the pool".
    client.release();
  }
}

/** Takes jobs until `signal` aborts; waits a second whenever the queue is empty. */
export async function work(signal) {
  while (!signal.aborted) {
    const job = await claimNext();
    if (!job) {
      await sleep(1000, undefined, { signal }).catch(() => {});
      continue;
    }
    try {
      await complete(job, await runJob(job));
    } catch (error) {
      await fail(job, error);
    }
  }
  await pool.end();
}

if (import.meta.main) {
  const controller = new AbortController();
  process.once('SIGTERM', () => controller.abort());
  await work(controller.signal);
}
