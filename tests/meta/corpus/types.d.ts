// Declarations only: ambient modules, overloads, global augmentation, namespaces.
declare module 'fake-db' {
  export interface Client {
    query(sql: string): Promise<unknown[]>;
    release(destroy?: boolean): void;
  }
  export class Pool {
    connect(): Promise<Client>;
    connect(callback: (err: Error | null, client: Client, done: () => void) => void): void;
  }
  export function open(path: string): number;
  export function open(path: string, flags: string): number;
  const _default: { Pool: typeof Pool };
  export default _default;
}

declare module '*.sql' {
  const text: string;
  export = text;
}

declare global {
  interface Window {
    cleanupLock?: { acquire(): Promise<() => void> };
  }
  var leakedPool: import('fake-db').Pool | undefined;
}

declare namespace Legacy.Nested {
  function acquire(): () => void;
  let counter: number;
  export { counter as count };
}

export declare function overloaded(a: string): string;
export declare function overloaded(a: number): number;
export declare const enum Flags {
  A = 1,
  B = A << 1,
}
export type Release = () => void;
export {};
