import { describe, expect, it } from 'vitest';

import { lifetimeOf, verdictFor } from '../../src/analysis/cache.js';
import { resourceModel } from '../../src/resources/match.js';
import { withCalls } from './harness.js';

interface Summary {
  form: string;
  name: string | null;
  releases: string[];
  uses: number;
  escapes: number;
  borrows: number;
  verdict: string;
}

/** The lifetime and verdict of every acquisition in `code`, summarised for assertions. */
function lifetimes(code: string): Summary[] {
  const found: Summary[] = [];
  withCalls(code, (call, context) => {
    const model = resourceModel(context);
    const acquisition = model.acquisitionOf(call);
    if (!acquisition) return;
    const lifetime = lifetimeOf(model, acquisition);
    expect(lifetimeOf(model, acquisition)).toBe(lifetime);
    found.push({
      form: lifetime.form,
      name: lifetime.name,
      releases: lifetime.releases.map(
        (site) => `${context.sourceCode.getText(site.call)}${site.nested ? ' (nested)' : ''}`,
      ),
      uses: lifetime.uses.length,
      escapes: lifetime.escapes.length,
      borrows: lifetime.borrows.length,
      verdict: verdictFor(model, acquisition).kind,
    });
  });
  return found;
}

const PRELUDE = `import { Pool } from 'pg'; import { Mutex } from 'async-mutex'; import * as fs from 'fs';
const pool = new Pool(); const mutex = new Mutex();`;

describe('computeLifetime', () => {
  it('classifies how the value is held', () => {
    const forms = lifetimes(`${PRELUDE}
      async function f() {
        const a = await pool.connect();
        let b; b = await pool.connect();
        await mutex.acquire();
        await using c = await pool.connect();
        this.d = await pool.connect();
        return pool.connect();
      }
      async function g() { const { x } = await pool.connect(); x.release(); }
    `).map((summary) => summary.form);
    expect(forms).toEqual(['declared', 'assigned', 'floating', 'using', 'handed-off', 'handed-off', 'unsupported']);
  });

  it('sorts references into releases, uses, borrows and hand-offs', () => {
    const [summary] = lifetimes(`${PRELUDE}
      async function f() {
        const client = await pool.connect();
        if (client) await client.query('x');
        console.log(\`\${client}\`);
        register(client);
        client?.release();
        setTimeout(() => client.release(), 10);
      }
    `);
    expect(summary).toEqual({
      form: 'declared',
      name: 'client',
      releases: ['client?.release()', 'client.release() (nested)'],
      uses: 3,
      // register(client) lends the client: this function releases it (issue 14: a borrow, not a hand-off).
      escapes: 0,
      borrows: 1,
      verdict: 'safe',
    });
  });

  it('finds releases through the receiver and through module functions', () => {
    expect(
      lifetimes(`${PRELUDE}
        async function f(p) {
          await mutex.acquire();
          mutex.release();
          const fd = fs.openSync(p);
          fs.readSync(fd);
          fs.closeSync(fd);
          const release = await mutex.acquire();
          release();
        }
      `).map((summary) => [summary.releases, summary.uses, summary.escapes]),
    ).toEqual([
      [['mutex.release()'], 0, 0],
      [['fs.closeSync(fd)'], 1, 0],
      [['mutex.release()', 'release()'], 0, 0],
    ]);
  });
});

describe('verdictOf', () => {
  it.each([
    ['const c = await pool.connect(); try { await c.query(); } finally { c.release(); }', 'safe'],
    ['const c = await pool.connect(); await c.query();', 'never'],
    ['const c = await pool.connect(); await c.query(); c.release();', 'leaksOnPath'],
    ['const c = await pool.connect(); try { await c.query(); } catch (e) { c.release(); }', 'onlyInCatch'],
    ['const c = await pool.connect(); try { await c.query(); } finally { if (ok) c.release(); }', 'somePaths'],
    ['const c = await pool.connect(); await x(); try { await c.query(); } finally { c.release(); }', 'gapBeforeTry'],
    [
      'const c = await pool.connect(); try { await c.query(); } finally { await c.query("COMMIT"); c.release(); }',
      'throwsInFinally',
    ],
    [
      'const c = await pool.connect(); try { await c.query(); c.release(); } catch (e) { c.release(); throw e; }',
      'safe',
    ],
    ['const c = await pool.connect(); n++; c.release();', 'safe'],
    ['await mutex.acquire();', 'safe'],
  ])('%s → %s', (body, verdict) => {
    const [summary] = lifetimes(`${PRELUDE} async function f(ok, n) { ${body} }`);
    expect(summary?.verdict).toBe(verdict);
  });

  it('leaves module-level acquisitions alone (app lifetime)', () => {
    expect(lifetimes(`${PRELUDE} const c = await pool.connect(); await c.query();`)[0]?.verdict).toBe('safe');
  });
});
