// Explicit resource management: `using` and `await using` in every position.
declare function openFile(path: string): Disposable & { read(): string };
declare function connect(): Promise<AsyncDisposable & { query(q: string): Promise<unknown> }>;

export function sync(): string {
  using file = openFile('a');
  using _ = null, __ = undefined;
  return file.read();
}

export async function asynchronous(): Promise<unknown> {
  await using conn = await connect();
  await using stack = new AsyncDisposableStack();
  stack.defer(async () => {});
  for (using f of [openFile('b')]) f.read();
  for await (await using c of [connect()]) await c.query('x');
  {
    using inner = openFile('c');
    if (inner.read()) return conn.query('y');
  }
  switch (1 as number) {
    case 1: {
      using s = openFile('d');
      break;
    }
  }
  const stack2 = new DisposableStack();
  const fh = stack2.use(openFile('e'));
  using moved = stack2.move();
  return fh.read() + String(moved.disposed);
}
