// Decorators (class, method, accessor, field, parameter) on classes that hold listeners, locks and clients.
import { Mutex } from 'async-mutex';
import pg from 'pg';

function logged<T>(value: T, _context?: unknown): T {
  return value;
}
const inject = (_token: string) => (_target: object, _key: string | symbol | undefined, _index: number) => {};

@logged
export class Widget {
  @logged accessor size = 0;
  @logged readonly mutex = new Mutex();

  constructor(@inject('pool') private readonly pool: pg.Pool) {
    this.size = 1;
  }

  // Leak (no-leaked-listener): added on `window` on every mount, never removed (`destroy` forgets it).
  @logged
  mount(): void {
    window.addEventListener('resize', this.onResize);
  }

  onResize = (): void => {
    this.size += 1;
  };

  destroy(): void {
    this.size = 0;
  }

  // Leak (no-floating-resource): the lock is acquired and its release function dropped.
  @logged
  async critical(work: () => Promise<void>): Promise<void> {
    await this.mutex.acquire();
    await work();
  }

  // Leak (no-use-after-release): the client is used after it went back to the pool.
  @logged
  async count(@inject('table') table: string): Promise<number> {
    const client = await this.pool.connect();
    const { rowCount } = await client.query(`select * from ${table}`);
    client.release();
    await client.query('select 1');
    return rowCount ?? 0;
  }
}
