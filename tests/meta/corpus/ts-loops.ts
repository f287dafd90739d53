// `#private` members, static blocks, overloads and an abstract base around long-running loops.
declare function work(): Promise<void>;
declare function sleep(ms: number): Promise<void>;

abstract class Runner {
  abstract run(): Promise<void>;
  abstract run(signal: AbortSignal): Promise<void>;
}

// Leak (require-stop-signal): nothing can stop this loop, and the class has no stop method.
export class Consumer extends Runner {
  static #count = 0;
  static {
    Consumer.#count += 1;
  }
  #seen = 0;

  async run(): Promise<void>;
  async run(signal: AbortSignal): Promise<void>;
  async run(_signal?: AbortSignal): Promise<void> {
    while (true) {
      await work();
      this.#seen += Consumer.#count;
    }
  }
}

export class Stoppable {
  readonly #controller = new AbortController();
  async run(): Promise<void> {
    const { signal } = this.#controller;
    while (!signal.aborted) await sleep(10);
  }
  stop(): void {
    this.#controller.abort();
  }
}
