// JSX parsed by espree.
import { openSync, closeSync } from 'fs';

export function Viewer({ path, pool }) {
  const fd = openSync(path, 'r');
  try {
    return <pre onClick={async () => (await pool.connect()).release()}>{fd}</pre>;
  } finally {
    closeSync(fd);
  }
}

export const Other = () => (
  <>
    <Viewer.Part {...{ path: 'a' }} x="&amp;" />
    {/* comment */}
  </>
);
