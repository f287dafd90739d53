/**
 * The one recogniser (src/resources/recognize.ts): `resourceAt` over the shapes every rule family meets, its views,
 * and the architecture rule that keeps the older recognisers out of `analysis/` and `rules/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it, vi } from 'vitest';

import { resourceModel } from '../../src/resources/match.js';
import {
  acquisitionAt,
  disposableAt,
  ownedResourceAt,
  resourceAt,
  sharedValueAt,
  timerAt,
  type Resource,
} from '../../src/resources/recognize.js';
import { typeServices } from '../../src/resources/types.js';
import { fixturesDir } from '../RuleTester.js';
import { withCalls } from './harness.js';
import type { ProbeContext } from './probe.js';

/** One line per resource: `kind noun label receiver release facets`. */
function describeResource(resource: Resource | null, context: ProbeContext): string {
  if (!resource) return '-';
  const { release } = resource;
  const shapes = [
    ...(release.methods ?? []).map((method) => `.${method}()`),
    ...(release.functions ?? []).map((fn) => `${fn}(x)`),
    ...(release.callValue === true ? ['x()'] : []),
    ...(release.receiverMethods ?? []).map((method) => `receiver.${method}(x)`),
  ];
  const facets = [
    resource.acquisition ? `acquisition=${resource.acquisition.resource.id}` : null,
    resource.timer ? `timer=${resource.timer.promises ? 'promises' : (resource.timer.clearName ?? '')}` : null,
    resource.instance ? `instance=${resource.instance.id}` : null,
    resource.sharing ? `sharing=${resource.sharing}` : null,
    resource.disposable ? `disposable=${resource.disposable.async ? 'async' : 'sync'}` : null,
  ].filter((facet) => facet !== null);
  const receiver = resource.receiver ? context.sourceCode.getText(resource.receiver) : '-';
  return [resource.kind, resource.noun, resource.label, receiver, shapes.join('|') || '-', ...facets].join(' ');
}

/** What `resourceAt` says about the argument of every `probe(…)` call (untyped). */
function recognised(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
    const node = call.arguments[0] as TSESTree.Expression;
    const resource = resourceAt(node, resourceModel(context));
    expect(resourceAt(node, resourceModel(context))).toBe(resource);
    found.push(describeResource(resource, context));
  });
  return found;
}

describe('resourceAt', () => {
  it('recognises acquisitions, timers, instances, handles and Disposables, through await and wrappers', () => {
    expect(
      recognised(`import pg from 'pg';
import mysql from 'mysql2/promise';
import { Mutex } from 'async-mutex';
import fs from 'node:fs';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { setInterval as every } from 'node:timers/promises';
const pool = new pg.Pool();
const mutex = new Mutex();
export async function f() {
  probe(await pool.connect());
  probe((await mutex.acquire()) as () => void);
  probe(fs.openSync('x'));
  probe(open('x'));
  probe(setInterval(() => {}, 10));
  probe(setTimeout(() => {}, 10));
  probe(every(10));
  probe(new Worker('w.js'));
  probe(new pg.Pool());
  probe(new pg.Client());
  probe(mysql.createConnection({}));
  probe(new Mutex());
  probe(new DisposableStack());
  probe(new Map());
  probe(makeThing());
  probe(cond ? a() : b());
}`),
    ).toEqual([
      'acquisition client pool.connect() pool .release() acquisition=pg:Pool#connect sharing=single',
      'acquisition lock mutex.acquire() mutex x()|receiver.release(x) acquisition=async-mutex:Mutex#acquire sharing=other',
      'acquisition file descriptor fs.openSync() fs closeSync(x)|close(x) acquisition=fs:openSync sharing=other',
      'acquisition file handle open() - .close() acquisition=fs/promises:open sharing=other disposable=async',
      'interval interval setInterval() - .close()|.unref()|.@@dispose()|clearInterval(x) timer=clearInterval',
      'timeout timeout setTimeout() - .close()|.unref()|.@@dispose()|clearTimeout(x) timer=clearTimeout',
      'interval interval setInterval() - - timer=promises',
      'handle worker thread new Worker() - .terminate()',
      'instance pool new pg.Pool() - .end() instance=pg:Pool sharing=shareable',
      'instance connection new pg.Client() - .end() instance=pg:Client sharing=single',
      'acquisition connection mysql.createConnection() mysql .end()|.destroy() acquisition=mysql:createConnection sharing=single',
      'instance instance new Mutex() - - instance=async-mutex:Mutex sharing=other',
      'disposable disposable stack new DisposableStack() - .dispose()|.@@dispose() disposable=sync',
      '-',
      '-',
      '-',
    ]);
  });

  it('gives each view what it asked before: owned resources, sharing, Disposables under `allow`', () => {
    expect.hasAssertions();
    withCalls(
      `import pg from 'pg';
import mysql from 'mysql2/promise';
import { open } from 'node:fs/promises';
probe(setTimeout(() => {}, 10));
probe(mysql.createConnection({}).promise());
probe(new (require('pg').native.Client as unknown as typeof Object)());
probe(open('x'));
probe(new DisposableStack());`,
      (call, context) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
        const model = resourceModel(context);
        const node = call.arguments[0] as TSESTree.Expression;
        const query = { context, model, types: null, allow: [] };
        const allowAll = { ...query, allow: ['open', 'DisposableStack'] };
        const owned = ownedResourceAt(model, node, query);
        const shared = sharedValueAt(model, node);
        const line = call.loc.start.line;
        if (line === 4) expect([owned, shared]).toEqual([null, null]);
        if (line === 5) expect(shared?.label).toBe('mysql.createConnection()');
        // A long constructor: no-shared-connection shortens it to its last name after 32 characters.
        if (line === 6) expect([shared?.label, owned?.label]).toEqual(['new …Client()', 'new Client()']);
        if (line === 7 || line === 8) {
          expect(disposableAt(query, node)?.noun).toBe(line === 7 ? 'file handle' : 'disposable stack');
          expect(ownedResourceAt(model, node, null)?.kind ?? null).toBe(line === 7 ? 'acquisition' : null);
        }
        if (line === 8)
          expect([disposableAt(allowAll, node), ownedResourceAt(model, node, allowAll)]).toEqual([null, null]);
      },
    );
  });

  it('recognises a catalog instance made by a `require` call for every rule (was: no-shared-connection only)', () => {
    expect.hasAssertions();
    withCalls(`probe(require('knex')({}));`, (call, context) => {
      if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
      const model = resourceModel(context);
      const node = call.arguments[0] as TSESTree.Expression;
      expect(ownedResourceAt(model, node, null)?.kind).toBe('instance');
      expect(sharedValueAt(model, node)?.sharing).toBe('shareable');
    });
  });

  it('recognises a typed Disposable by its type, and only when type services are given', () => {
    const found: string[] = [];
    const probe = {
      meta: { type: 'problem', schema: [], messages: {} },
      create: (context: ProbeContext): TSESLint.RuleListener => ({
        CallExpression(call) {
          if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
          const model = resourceModel(context);
          const node = call.arguments[0] as TSESTree.Expression;
          found.push(describeResource(resourceAt(node, model, typeServices(context)), context));
          found.push(describeResource(resourceAt(node, model), context));
        },
      }),
    };
    const messages = new Linter({ configType: 'flat' }).verify(
      `class Conn implements AsyncDisposable { async [Symbol.asyncDispose]() {} }
declare function connect(): Promise<Conn>;
declare function probe(value: unknown): void;
export async function f() {
  probe(await connect());
  probe(setTimeout(() => {}, 1));
}`,
      [
        {
          files: ['**/*.ts'],
          languageOptions: {
            parser: tsParser as unknown as Linter.Parser,
            parserOptions: { projectService: true, tsconfigRootDir: fixturesDir },
          },
          plugins: { probe: { rules: { probe: probe as unknown as TSESLint.LooseRuleDefinition } } as never },
          rules: { 'probe/probe': 'error' },
        },
      ],
      path.join(fixturesDir, 'file.ts'),
    );
    expect(messages).toEqual([]);
    expect(found).toEqual([
      'disposable `Conn` value connect() - .@@asyncDispose() disposable=async',
      '-',
      'timeout timeout setTimeout() - .close()|.unref()|.@@dispose()|clearTimeout(x) timer=clearTimeout',
      'timeout timeout setTimeout() - .close()|.unref()|.@@dispose()|clearTimeout(x) timer=clearTimeout',
    ]);
  });
});

describe('cheap first', () => {
  it('asks import provenance only after the names matched, and never for a resource its names already give', () => {
    expect.hasAssertions();
    withCalls(
      `import pg from 'pg';
const pool = new pg.Pool();
export async function f(db: { run(): void }) {
  probe(db.run());
  probe(await pool.connect());
}`,
      (call, context) => {
        if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
        const model = resourceModel(context);
        const node = call.arguments[0] as TSESTree.Expression;
        const source = (node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node) as TSESTree.CallExpression;
        const asked: TSESTree.Node[] = [];
        const originOf = model.originOf.bind(model);
        const spy = vi.spyOn(model, 'originOf').mockImplementation((of, depth) => {
          asked.push(of);
          return originOf(of, depth);
        });
        try {
          if (call.loc.start.line === 4) {
            expect([acquisitionAt(model, source), timerAt(model, source)]).toEqual([null, null]);
            expect(asked).toEqual([]);
          } else {
            expect(resourceAt(node, model)?.kind).toBe('acquisition');
            expect(asked).not.toContain(source);
          }
        } finally {
          spy.mockRestore();
        }
      },
    );
  });
});

describe('architecture', () => {
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
  const OLD_RECOGNISERS =
    /\b(?:acquisitionOf|ownedResourceOf|disposableOf|disposableValueOf|sharedValueOf|timerStartOf)\b/u;

  it('keeps the older recognisers out of analysis/ and rules/: they go through recognize.ts', () => {
    const offending: string[] = [];
    for (const folder of ['analysis', 'rules']) {
      const files = readdirSync(path.join(src, folder), { recursive: true, encoding: 'utf8' });
      for (const file of files.filter((name) => name.endsWith('.ts'))) {
        const text = readFileSync(path.join(src, folder, file), 'utf8');
        const imports = text.match(/^import[^;]*;/gmu) ?? [];
        if (imports.some((statement) => OLD_RECOGNISERS.test(statement))) offending.push(`${folder}/${file}: import`);
        if (/\.acquisitionOf\(/u.test(text)) offending.push(`${folder}/${file}: ResourceModel#acquisitionOf`);
      }
    }
    expect(offending).toEqual([]);
  });
});
