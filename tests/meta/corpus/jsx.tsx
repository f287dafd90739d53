// JSX in TSX: resources acquired in components and effects.
import { openSync, closeSync } from 'node:fs';

declare const React: { useEffect(effect: () => void | (() => void), deps?: unknown[]): void };
declare const pool: { connect(): Promise<{ release(): void; query(q: string): Promise<string> }> };
declare namespace JSX {
  interface IntrinsicElements {
    [name: string]: Record<string, unknown>;
  }
}

export function Viewer<T extends { path: string }>({ path }: T) {
  React.useEffect(() => {
    const fd = openSync(path, 'r');
    return () => closeSync(fd);
  }, [path]);
  const load = async () => {
    const client = await pool.connect();
    try {
      return <pre data-x={await client.query('x')}>{path}</pre>;
    } finally {
      client.release();
    }
  };
  return (
    <>
      <div onClick={async () => (await pool.connect()).release()} {...{ a: 1 }}>
        {path satisfies string}
        {/* comment */}
        <Nested.Item key="a" value={<span />} />
      </div>
      {void load()}
    </>
  );
}

const Nested = { Item: (props: { value: unknown }) => <i>{String(props.value)}</i> };
