/**
 * src/analysis/prefilter.ts: the places in a file's text where an acquisition could be, a superset of what the
 * resource model recognises.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  acquisitionOffsets,
  anyOffsetWithin,
  mayReportIn,
  type PrefilteredRule,
  type PrefilterOptions,
} from '../../src/analysis/prefilter.js';
import { ResourceModel, resourceModel } from '../../src/resources/match.js';
import { readSettings } from '../../src/resources/settings.js';
import { runProbe } from './probe.js';

/** The call text (receiver included) at every offset the prefilter keeps. */
function kept(code: string, settings: Record<string, unknown> = {}): string[] {
  const found: string[] = [];
  runProbe(
    code,
    (context) => ({
      Program() {
        const model = resourceModel(context);
        for (const offset of acquisitionOffsets(model, model.acquirers)) {
          const start = Math.max(code.lastIndexOf(' ', offset), code.lastIndexOf('\n', offset)) + 1;
          found.push(code.slice(start, code.indexOf('(', offset)));
        }
        // Memoised per file and acquirer list.
        expect(acquisitionOffsets(model, model.acquirers)).toBe(acquisitionOffsets(model, model.acquirers));
      },
    }),
    { settings },
  );
  return found;
}

describe('acquisitionOffsets', () => {
  it('keeps a module function or instance method only where the file names its module', () => {
    expect(kept(`import fs from 'node:fs';\nfs.openSync(p);\nsocket.open();`)).toEqual(['fs.openSync', 'socket.open']);
    expect(kept(`socket.open(); client.connect(); fsp.open(p);`)).toEqual([]);
    expect(kept(`const { Pool } = require("pg");\nclient.connect();`)).toEqual(['client.connect']);
  });

  it('keeps a name fallback only where the receiver could match its pattern', () => {
    expect(
      kept(
        'this.pool.connect(); this.#pool.getConnection(); socket.connect(); m.acquire(); lock.acquire(); (p as Pool).connect(); pool["connect"](); runner = ds.createQueryRunner(); connect();',
      ),
    ).toEqual([
      'this.pool.connect',
      'this.#pool.getConnection',
      'lock.acquire',
      'Pool).connect',
      'pool["connect"]',
      'ds.createQueryRunner',
    ]);
  });

  it('follows the settings: user resources, and name fallbacks switched off', () => {
    const resources = [
      { module: '@acme/db', acquire: 'checkout', release: { methods: ['checkin'] }, noun: 'connection' },
    ];
    expect(kept(`import { db } from '@acme/db';\ndb.checkout();`, { cleanup: { resources } })).toEqual(['db.checkout']);
    expect(kept(`other.checkout();`, { cleanup: { resources } })).toEqual([]);
    expect(kept('this.pool.connect();', { cleanup: { nameFallbacks: false } })).toEqual([]);
  });
});

describe('the strings of the pass', () => {
  it('gives the model the strings its own pass reads: whole strings as written, `node:` kept', () => {
    const code = [
      "import { MongoClient } from 'node:mongodb';",
      'const a = `pg`, b = `a${b}pg`, c = "it is \'ws\'";',
      '// require("knex")',
      'this.pool.connect();',
    ].join('\n');
    const probes = ['mongodb', 'node:mongodb', 'pg', 'a${b}pg', 'ws', "it is 'ws'", 'knex'];
    let answers: { pass: boolean[]; own: boolean[] } | undefined;
    runProbe(code, (context) => {
      const model = resourceModel(context);
      expect(acquisitionOffsets(model, model.acquirers)).toHaveLength(1);
      const own = new ResourceModel(context.sourceCode, readSettings(context.settings));
      answers = {
        pass: probes.map((probe) => model.writesString(probe)),
        own: probes.map((probe) => own.writesString(probe)),
      };
      return {};
    });
    expect(answers?.pass).toEqual([false, true, true, false, false, true, false]);
    expect(answers?.own).toEqual(answers?.pass);
  });
});

describe('a parser without a token list', () => {
  /** What the token scans and the text scans answer for `code`: acquisition offsets and the rules let run. */
  function bothScans(code: string): { tokens: [number[], string[]]; text: [number[], string[]] } {
    let result: { tokens: [number[], string[]]; text: [number[], string[]] } | undefined;
    runProbe(code, (context) => {
      const model = resourceModel(context);
      const sourceCode = context.sourceCode;
      // The same file as a parser without `ast.tokens` gives it (a fresh AST object: the scans memoise per AST).
      const bare = Object.create(sourceCode, {
        ast: { value: { ...sourceCode.ast, tokens: undefined } },
      }) as typeof sourceCode;
      const bareModel = new ResourceModel(bare, readSettings(context.settings));
      const answer = (m: ResourceModel): [number[], string[]] => [
        [...acquisitionOffsets(m, m.acquirers)],
        RULES.filter((rule) => mayReportIn(m, rule)),
      ];
      result = { tokens: answer(model), text: answer(bareModel) };
      return {};
    });
    if (!result) throw new Error('the probe did not run');
    return result;
  }

  it('scans the text and finds the same places, plus mentions in comments', () => {
    const code = [
      "import { Worker } from 'node:worker_threads';",
      'const client = await this.pool.connect();',
      "pool['connect']();",
      'class A { t = setInterval(f, 1); }',
      'emitter.on("x", f);',
    ].join('\n');
    const { tokens, text } = bothScans(code);
    expect(tokens[0]).toHaveLength(2);
    expect(text).toEqual(tokens);
    // Release evidence: a release-like call on a name, `?.`, `!` and `[Symbol.asyncDispose]` included.
    for (const released of ['client!.end();', 'this.lock?.release ();', 'fh?.[Symbol.asyncDispose]();']) {
      const scans = bothScans(`export async function f() {\n  ${released}\n}`);
      expect(scans.tokens[1]).toContain('release-in-finally');
      expect(scans.text).toEqual(scans.tokens);
    }
    expect(bothScans('export function f() {\n  end();\n  x.end;\n}').tokens[1]).not.toContain('release-in-finally');
    const commented = bothScans('// this.pool.connect() and setInterval\nexport const x = 1;');
    expect(commented.tokens).toEqual([[], []]);
    expect(commented.text[0]).toHaveLength(1);
    expect(commented.text[1]).toContain('release-in-finally');
    expect(commented.text[1]).toContain('no-leaked-timer');
  });
});

describe('anyOffsetWithin', () => {
  it('finds an offset inside a range, by binary search', () => {
    const node = (start: number, end: number): TSESTree.Node => ({ range: [start, end] }) as TSESTree.Node;
    expect(anyOffsetWithin([], node(0, 10))).toBe(false);
    expect(anyOffsetWithin([3, 12, 40], node(10, 20))).toBe(true);
    expect(anyOffsetWithin([3, 12, 40], node(13, 40))).toBe(false);
    expect(anyOffsetWithin([3, 12, 40], node(0, 4))).toBe(true);
  });
});

const RULES: readonly PrefilteredRule[] = [
  'dispose-owned-resources',
  'no-floating-resource',
  'no-leaked-listener',
  'no-leaked-timer',
  'no-shared-connection',
  'no-use-after-release',
  'prefer-using',
  'release-in-finally',
  'require-stop-signal',
];

/** The rules whose prefilter lets them run on `code` (untyped). */
function running(code: string, options: PrefilterOptions = {}): PrefilteredRule[] {
  const found: PrefilteredRule[] = [];
  runProbe(code, (context) => {
    const model = resourceModel(context);
    for (const rule of RULES) if (mayReportIn(model, rule, options)) found.push(rule);
    return {};
  });
  return found;
}

describe('mayReportIn', () => {
  it('lets no rule run on code that holds nothing any rule looks for', () => {
    expect(
      running('export function add(a: number, b: number) {\n  for (const x of [a]) b += x;\n  return b;\n}'),
    ).toEqual([]);
  });

  it('asks for what each rule looks for', () => {
    expect(running('lock.acquire();')).toEqual([
      'no-floating-resource',
      'no-shared-connection',
      'no-use-after-release',
      'prefer-using',
      'release-in-finally',
    ]);
    expect(running('setTimeout(f, 1);')).toEqual([]);
    expect(running('setTimeout(f, 1);', { checkTimeouts: true })).toEqual(['no-leaked-timer']);
    expect(running('setTimeout(f, 1);', { checkIdempotent: true })).toEqual(['no-use-after-release']);
    expect(running('setInterval(f, 1);')).toEqual(['no-floating-resource', 'no-leaked-timer']);
    expect(running('emitter.on("x", f);')).toEqual(['no-leaked-listener']);
    expect(running('const stack = new DisposableStack();')).toEqual(['no-floating-resource', 'prefer-using']);
    expect(running('async function f() { await g(); }')).toEqual(['require-stop-signal']);
    expect(running('new Worker(url);')).toEqual(['require-stop-signal']);
    // A module-level instance of the catalog, by its module's name in a string.
    expect(running('import { Client } from "pg";\nexport const db = new Client();')).toEqual(['no-shared-connection']);
    expect(running("import { Client } from 'node:pg';")).toEqual(['no-shared-connection']);
    expect(running('const pg = "pgx";')).toEqual([]);
  });

  it('lets dispose-owned-resources run on a class that could own something', () => {
    expect(running('class A { x = 1; }')).toEqual([]);
    expect(running('class A { ws = new WebSocket(url); }')).toEqual(['dispose-owned-resources']);
    // `fs.watch()` and a `ws` WebSocket are acquisitions (issue 15): every rule that judges acquisitions runs.
    for (const code of [
      'import { watch } from "fs";\nclass A { w = watch(p); }',
      'import { ws } from "ws";\nclass A { w = new ws(p); }',
    ]) {
      expect(running(code)).toEqual([
        'dispose-owned-resources',
        'no-floating-resource',
        'no-shared-connection',
        'no-use-after-release',
        'prefer-using',
        'release-in-finally',
      ]);
    }
    expect(running('class A { t = setInterval(f, 1); }')).toEqual([
      'dispose-owned-resources',
      'no-floating-resource',
      'no-leaked-timer',
    ]);
  });
});

describe('a minified or generated bundle', () => {
  /** The rules the prefilter lets run on `code`. */
  function rulesFor(code: string): string[] {
    let rules: string[] = [];
    runProbe(code, (context) => {
      const model = resourceModel(context);
      rules = RULES.filter((rule) => mayReportIn(model, rule));
      return {};
    });
    return rules;
  }

  const leak =
    "import fs from 'node:fs'; export function f(p) { const fd = fs.openSync(p, 'r'); read(fd); fs.closeSync(fd); }";

  it('lets no rule run where lines are 500 characters long on average (issue 16: an emscripten runtime on the sweeps)', () => {
    const bundle = `${leak} ${'var a=1;'.repeat(80)}`;
    expect(bundle.length).toBeGreaterThan(500);
    expect(rulesFor(bundle)).toEqual([]);
  });

  it('lets the rules run on the same code written over a few lines', () => {
    const written = `${leak}\n${'var a=1;\n'.repeat(80)}`;
    expect(rulesFor(written)).toContain('release-in-finally');
  });
});
