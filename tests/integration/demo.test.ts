/**
 * The README's first command, `npm run demo`: with `--check`, the demo lints the bundled examples with the built plugin
 * and fails unless every finding matches a `// cleanup:` marker of the examples and every marker has its finding, and
 * unless the output of `--fix` re-lints cleanly. A change of a rule that silences or adds a finding in the examples
 * fails here (the exported-singleton rule once silenced two of the Dispatcher's markers).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run demo', () => {
  it('finds exactly what the examples mark, and --fix re-lints cleanly', () => {
    // `npm test` builds before vitest; the demo lints with dist/.
    expect(existsSync(`${root}/dist/index.js`)).toBe(true);
    const run = spawnSync(process.execPath, ['scripts/demo.js', '--check'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    expect(run.stderr).not.toContain('findings and `// cleanup:` markers disagree');
    expect(run.stdout).toContain('Markers: all matched');
    expect(run.status).toBe(0);
  }, 180_000);
});
