// `using` declarations parsed by espree.
import { openSync, closeSync } from 'node:fs';

export function sync(open) {
  using file = open('a');
  using a = null, b = undefined;
  for (using f of [open('b')]) f.read();
  return file.read();
}

export async function asynchronous(connect) {
  await using conn = await connect();
  for await (await using c of [connect()]) await c.query('x');
  const fd = openSync('x');
  using stack = new DisposableStack();
  stack.defer(() => closeSync(fd));
  return conn;
}
