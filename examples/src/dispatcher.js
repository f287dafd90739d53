// The dispatcher: a few runners take jobs from the `jobs` table in parallel, each over its own pooled client, and a
// LISTEN client logs the jobs as they are queued. `node src/dispatcher.js`; stops on SIGTERM.
import { setTimeout as sleep } from 'node:timers/promises';

import pg from 'pg';

import { handlers } from './handlers.js';

const pool = new pg.Pool({ connectionString: process.env.JOBS_DATABASE_URL, max: 8 });

/** Claims the next pending job with the runner's client, runs it and stores its result; false when none is pending. */
async function runNext(client) {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query(
      `select id, type, payload from jobs where state = 'pending' order by id limit 1 for update skip locked`,
    );
    const job = rows[0];
    if (job) {
      const result = await handlers[job.type](job.payload);
      await client.query(`update jobs set state = 'done', result = $2 where id = $1`, [job.id, result]);
    }
    await client.query('COMMIT');
    return job !== undefined;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * One runner, a stoppable worker: its loop checks the signal of the controller that stop() aborts, and its `finally`
 * gives the client back to the pool however the loop ends.
 */
export class Runner {
  #controller = new AbortController();
  #done = null;

  start() {
    this.#done = this.#loop(this.#controller.signal);
  }

  async #loop(signal) {
    const client = await pool.connect();
    try {
      while (!signal.aborted) {
        // Poll once a second while the queue is empty; an abort ends the wait at once.
        if (!(await runNext(client))) await sleep(1000, undefined, { signal }).catch(() => {});
      }
    } finally {
      client.release();
    }
  }

  async stop() {
    this.#controller.abort();
    await this.#done;
  }
}

/** Starts the runners, a LISTEN client and a heartbeat; stop() is meant to stop them all. */
export class Dispatcher {
  #runners = [];
  #heartbeat = new AbortController();
  #listener = null;

  async start(count) {
    for (let i = 0; i < count; i++) {
      const runner = new Runner();
      runner.start();
      this.#runners.push(runner);
    }
    // cleanup: dispose-owned-resources — the LISTEN client is checked out for the dispatcher's whole life, but stop()
    // never releases it: every dispatcher that is stopped and started again keeps one more client out of the pool.
    this.#listener = await pool.connect();
    this.#listener.on('notification', (message) => console.log('queued', message.payload));
    await this.#listener.query('listen jobs_queued');
    void this.#beat(this.#heartbeat.signal);
  }

  async #beat(signal) {
    // cleanup: require-stop-signal — stop() never aborts `#heartbeat`, so this loop keeps writing heartbeats (and keeps
    // the process alive) after the dispatcher is stopped.
    while (!signal.aborted) {
      await pool.query('insert into heartbeats (at) values (now())');
      await sleep(30_000, undefined, { signal }).catch(() => {});
    }
  }

  async stop() {
    await Promise.all(this.#runners.map((runner) => runner.stop()));
  }
}

if (import.meta.main) {
  const dispatcher = new Dispatcher();
  await dispatcher.start(4);
  process.once('SIGTERM', () => {
    dispatcher.stop().finally(() => pool.end());
  });
}
