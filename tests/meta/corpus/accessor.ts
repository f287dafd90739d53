// Class `accessor` fields, abstract classes, parameter properties, overloads, index signatures.
import * as fs from 'node:fs';

export abstract class Base {
  accessor fd: number = fs.openSync('a', 'r');
  static accessor shared = fs.openSync('b', 'r');
  declare readonly kind: string;
  #secret = fs.openSync('c', 'r');
  protected abstract accessor name: string;
  [key: string]: unknown;

  constructor(public readonly path: string, protected mode?: number) {}

  abstract open(): number;
  close(): void;
  close(fd: number): void;
  close(fd?: number): void {
    fs.closeSync(fd ?? this.fd);
    fs.closeSync(this.#secret);
  }

  get secret(): number {
    return this.#secret;
  }
  set secret(value: number) {
    this.#secret = value;
  }
  static {
    const fd = fs.openSync('d', 'r');
    try {
      Base.shared = fd;
    } finally {
      fs.closeSync(fd);
    }
  }
  #privateMethod(): number {
    return fs.openSync(this.path, 'r');
  }
  has(other: Base): boolean {
    return #secret in other && this.#privateMethod() > 0;
  }
}
