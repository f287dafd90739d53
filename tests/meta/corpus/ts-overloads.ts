// Overload signatures (functions, methods, constructors), `this` parameters, optional methods, getters/setters,
// definite assignment, around timers (issue 12: no-leaked-timer threw on a class with an interval and overloads).
import * as fs from 'node:fs';

type Tick = () => void;

// Leak (no-leaked-timer): the interval field is never cleared; `stop` is overloaded and clears nothing.
export class Poller {
  private timer = setInterval(() => this.tick(), 1000);
  private retry!: NodeJS.Timeout;
  onTick?: Tick;

  constructor();
  constructor(interval: number);
  constructor(private readonly interval = 1000) {}

  start(): void;
  start(delay: number): void;
  start(this: Poller, delay: number, jitter: number): void;
  start(delay?: number, jitter = 0): void {
    this.retry = setTimeout(() => this.tick(), (delay ?? this.interval) + jitter);
  }

  stop(): void;
  stop(force: boolean): void;
  stop(force?: boolean): void {
    clearTimeout(this.retry);
    if (force) this.onTick = undefined;
  }

  flush?(): void {
    this.tick();
  }

  get running(): boolean {
    return this.timer !== undefined;
  }
  set running(value: boolean) {
    if (!value) this.stop(true);
  }

  tick(): void {
    this.onTick?.();
  }
}

// Released on every path: the overloads must not confuse the rules.
export class Heartbeat {
  #timer: NodeJS.Timeout | undefined;
  start(): void;
  start(ms: number): void;
  start(ms = 1000): void {
    this.#timer = setInterval(() => fs.writeSync(1, '.'), ms);
  }
  stop(): void;
  stop(reason: string): void;
  stop(_reason?: string): void {
    clearInterval(this.#timer);
  }
}

export function readHead(path: string): string;
export function readHead(path: string, bytes: number): string;
export function readHead(this: unknown, path: string, bytes = 16): string {
  const fd = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    fs.readSync(fd, buffer);
    return buffer.toString();
  } finally {
    fs.closeSync(fd);
  }
}

export declare function acquire(path: string): number;
export declare function acquire(path: string, flags: string): number;

export function every(ms: number): void;
export function every(ms: number, tick: Tick): void;
export function every(ms: number, tick?: Tick): void {
  // Leak (no-leaked-timer): never cleared, never handed to anyone who could.
  const id = setInterval(() => tick?.(), ms);
  fs.writeSync(1, String(ms));
}
