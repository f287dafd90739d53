// Abstract classes and members, `declare` fields, `accessor` fields, index signatures, parameter properties holding
// resources, definite assignment, static blocks and `#private` members.
import { Worker } from 'node:worker_threads';
import pg from 'pg';

export abstract class Service {
  declare readonly kind: string;
  protected abstract readonly pool: pg.Pool;
  abstract accessor name: string;
  [key: string]: unknown;

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  abstract stop(force: boolean): Promise<void>;
  protected abstract dispose?(): void;
  abstract get state(): string;
  abstract set state(value: string);

  async restart(): Promise<void> {
    await this.stop(true);
    await this.start();
  }
}

// Leak (dispose-owned-resources): the class creates the worker, and `close()` never terminates it.
export class Thumbnailer extends Service {
  readonly worker = new Worker(new URL('./resize.js', import.meta.url));
  accessor name = 'thumbnailer';
  declare pool: pg.Pool;
  client!: pg.PoolClient;
  static #instances = 0;

  static {
    Thumbnailer.#instances += 1;
  }

  constructor(
    private readonly helper: Worker = new Worker('./helper.js'),
    protected readonly dir = '/tmp',
  ) {
    super();
  }

  get state(): string {
    return String(Thumbnailer.#instances);
  }
  set state(value: string) {
    this.name = value;
  }

  async start(): Promise<void> {
    this.worker.postMessage(this.dir);
    this.helper.postMessage('start');
  }

  async stop(): Promise<void>;
  async stop(force: boolean): Promise<void>;
  async stop(force?: boolean): Promise<void> {
    await this.helper.terminate();
    if (force) this.name = '';
  }

  close(): void {
    this.helper.postMessage('bye');
  }
}

export class Owned {
  #worker = new Worker('./owned.js');
  constructor(public readonly id: string) {}
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#worker.terminate();
  }
}
