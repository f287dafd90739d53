// Declarations only, class-heavy: `declare class` with overloads and accessors, abstract declarations, `declare module`
// with `export =`, `declare global`, nested `declare namespace`, `accessor` declarations, index signatures.
/// <reference types="node" />
import type { EventEmitter } from 'node:events';

export declare class HubConnection {
  private readonly connection;
  private _timer?;
  readonly baseUrl: string;
  static readonly defaultTimeout = 30000;
  [key: `on${string}`]: unknown;
  constructor(url: string);
  constructor(url: string, options: { timeout?: number });
  get state(): 'connected' | 'disconnected';
  set state(value: 'connected' | 'disconnected');
  accessor retries: number;
  start(): Promise<void>;
  start(signal: AbortSignal): Promise<void>;
  stop(): Promise<void>;
  on(event: string, listener: (...args: unknown[]) => void): this;
  off(event: string): this;
  off(event: string, listener: (...args: unknown[]) => void): this;
  private _startInternal;
  protected static create<T extends HubConnection>(this: new (url: string) => T, url: string): T;
  [Symbol.asyncDispose](): Promise<void>;
}

export declare abstract class Transport extends EventTemplate {
  protected abstract readonly socket: unknown;
  abstract connect(url: string): Promise<void>;
  abstract send(data: string): Promise<void>;
  abstract send(data: ArrayBuffer): Promise<void>;
  abstract stop(error?: Error): Promise<void>;
  onreceive: ((data: string) => void) | null;
}

declare class EventTemplate implements Partial<EventEmitter> {
  addListener?(event: string | symbol, listener: (...args: any[]) => void): this;
}

declare module 'legacy-pool' {
  class Pool {
    constructor(size?: number);
    acquire(): Promise<Pool.Lease>;
    acquire(callback: (error: Error | null, lease: Pool.Lease) => void): void;
    drain(): Promise<void>;
  }
  namespace Pool {
    interface Lease {
      release(): void;
    }
  }
  export = Pool;
}

declare global {
  interface Window {
    hub?: HubConnection;
  }
  var sharedTimer: NodeJS.Timeout | undefined;
  function acquireGlobalLock(): Promise<() => void>;
  namespace NodeJS {
    interface ProcessEnv {
      POOL_SIZE?: string;
    }
  }
}

export declare namespace Protocol.Messages {
  const enum Type {
    Invocation = 1,
    Completion = 3,
  }
  interface Invocation {
    readonly type: Type.Invocation;
    target: string;
  }
  function parse(input: string): Invocation[];
  function parse(input: ArrayBuffer): Invocation[];
  namespace Nested {
    let counter: number;
  }
}

export declare function connect(url: string): HubConnection;
export declare function connect(url: string, options: object): HubConnection;
