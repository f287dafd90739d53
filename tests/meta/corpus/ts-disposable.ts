// Explicit resource management with types: a class implementing AsyncDisposable, released by hand in `finally`.
import { open } from 'node:fs/promises';

class Session implements AsyncDisposable {
  async [Symbol.asyncDispose](): Promise<void> {}
  async send(_message: string): Promise<void> {}
}
declare function begin(): Promise<Session>;
declare function begin(name: string): Promise<Session>;

// prefer-using (with type information): a hand-written `await using`.
export async function run(work: () => Promise<void>): Promise<void> {
  const session = await begin();
  try {
    await work();
    await session.send('done');
  } finally {
    await session[Symbol.asyncDispose]();
  }
}

// prefer-using (untyped too): `open()` from fs/promises closed by hand in `finally`.
export async function head(path: string): Promise<string> {
  const fh = await open(path);
  try {
    return (await fh.read()).buffer.toString();
  } finally {
    await fh.close();
  }
}
