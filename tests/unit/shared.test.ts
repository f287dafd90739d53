import { ASTUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { IMPORTERS, moduleBindingOf, threadBoundIn, type ModuleBinding } from '../../src/analysis/shared.js';
import { resourceModel } from '../../src/resources/match.js';
import { withCalls } from './harness.js';

/** The verdict on the declarator of every variable named by a `probe(name)` call, as one line of text. */
function bindings(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    const argument = call.arguments[0];
    if (call.callee.type !== 'Identifier' || call.callee.name !== 'probe' || argument?.type !== 'Identifier') return;
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(argument), argument.name);
    const declarator = variable?.defs[0]?.node;
    if (declarator?.type !== 'VariableDeclarator') throw new Error(`no declarator for ${argument.name}`);
    found.push(show(moduleBindingOf(resourceModel(context), declarator)));
  });
  return found;
}

function show(binding: ModuleBinding): string {
  switch (binding.type) {
    case 'unshared':
      return 'unshared';
    case 'overwritten':
      return `overwritten: ${binding.writes
        .map(
          (write) =>
            `${write.name} line ${write.assignment.loc.start.line} ${write.value.label} in ${write.user.description}`,
        )
        .join('; ')}`;
    case 'sharedConnection':
      return [
        `shared ${binding.id.name} (${binding.connection.label}) by ${binding.users.map((user) => user.description).join(' + ')}`,
        ...binding.transactions.map((transaction) => `${transaction.label} in ${transaction.user.description}`),
      ].join('; ');
  }
}

/** The thread-bound values in the argument of every `probe(…)` call: `name or label @ line:column`. */
function threadBound(code: string): string[][] {
  const found: string[][] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== 'Identifier' || call.callee.name !== 'probe') return;
    found.push(
      threadBoundIn(resourceModel(context), call.arguments[0] as TSESTree.Node).map(
        (bound) => `${bound.name ?? bound.value.label} @ ${bound.node.loc.start.line}:${bound.node.loc.start.column}`,
      ),
    );
  });
  return found;
}

describe('moduleBindingOf', () => {
  it('finds a single connection used by concurrent code, each user once, an export first', () => {
    expect(
      bindings(`import mysql from 'mysql2/promise';
export const conn = await mysql.createConnection({});
app.get('/a', async () => { await conn.query('x'); await conn.query('y'); });
app.get('/b', async () => conn.query('z'));
probe(conn);`),
    ).toEqual([
      'shared conn (mysql.createConnection()) by the modules that import it (it is exported) + ' +
        'the request handler passed to `app.get()` on line 3 + the request handler passed to `app.get()` on line 4',
    ]);
    expect(IMPORTERS.kind).toBe('exported');
  });

  it('lists the transactions concurrent users open, and not set-up, tear-down or checks', () => {
    expect(
      bindings(`import pg from 'pg';
const client = new pg.Client();
client.connect();
client.on('error', () => {});
export async function pay() {
  if (!client) return;
  await client.query('BEGIN');
  await client.query({ text: 'START TRANSACTION ISOLATION LEVEL SERIALIZABLE' });
  await client.end();
}
probe(client);`),
    ).toEqual([
      "shared client (new pg.Client()) by the exported function `pay`; client.query('BEGIN') in the exported function `pay`; " +
        'client.query({…}) in the exported function `pay`',
    ]);
  });

  it('leaves pools, unused connections and connections used once at a time alone', () => {
    expect(
      bindings(`import pg from 'pg';
import mysql from 'mysql2/promise';
const pool = new pg.Pool();
app.get('/', async () => pool.query('x'));
const idle = await mysql.createConnection({});
const once = await mysql.createConnection({});
await once.query('x');
let later = new pg.Client();
later = new pg.Pool();
app.get('/l', async () => later.query('x'));
const other = 1;
probe(pool); probe(idle); probe(once); probe(later); probe(other);`),
    ).toEqual(['unshared', 'unshared', 'unshared', 'unshared', 'unshared']);
  });

  it('finds a module-level `let` that concurrent code overwrites, through destructuring too', () => {
    expect(
      bindings(`import mysql from 'mysql2/promise';
let conn;
let [other] = [];
export async function run() {
  conn = await mysql.createConnection({});
  other = await mysql.createConnection({});
  await conn.query('x');
  await other.query('x');
  await conn.end();
  other = null;
}
app.get('/', async () => { conn = await mysql.createConnection({}); await conn.query('x'); });
probe(conn); probe(other);`),
    ).toEqual([
      'overwritten: conn line 5 mysql.createConnection() in the exported function `run`; ' +
        'conn line 12 mysql.createConnection() in the request handler passed to `app.get()` on line 12',
      'overwritten: other line 6 mysql.createConnection() in the exported function `run`',
    ]);
  });

  it('does not call a lazy initialisation, synchronous code or a kept connection an overwrite', () => {
    expect(
      bindings(`import mysql from 'mysql2/promise';
let lazy;
export async function getLazy() { if (!lazy) lazy = await mysql.createConnection({}); return lazy; }
let early;
export async function getEarly() { if (early) return early; early = await mysql.createConnection({}); return early; }
let either;
export async function getEither() { either ?? (either = await mysql.createConnection({})); await either.query('x'); }
let sync;
export function openSync() { sync = mysql.createConnection({}); sync.end(); }
let kept;
export async function init() { kept = await mysql.createConnection({}); await kept.query('x'); }
let declared, twice;
var twice;
export async function both() { twice = await mysql.createConnection({}); await twice.end(); }
probe(lazy); probe(early); probe(either); probe(sync); probe(kept); probe(twice);`),
    ).toEqual([
      'shared lazy (mysql.createConnection()) by the exported function `getLazy`',
      'shared early (mysql.createConnection()) by the exported function `getEarly`',
      'shared either (mysql.createConnection()) by the exported function `getEither`',
      'unshared',
      'shared kept (mysql.createConnection()) by the exported function `init`',
      'unshared',
    ]);
  });
});

describe('threadBoundIn', () => {
  it('finds connections and pools in objects, arrays and `const` objects sent by name', () => {
    expect(
      threadBound(`import pg from 'pg';
import mysql from 'mysql2/promise';
import fs from 'node:fs';
const pool = new pg.Pool();
const conn = await mysql.createConnection({});
const data = { conn, nested: [pool] };
let loose = { conn };
const fd = fs.openSync('f');
probe({ pool, list: [conn, ...rest], fd });
probe(data);
probe(loose);
probe(new pg.Client());
probe(fd);
probe({ a: { b: { c: { d: conn } } } });`),
    ).toEqual([['pool @ 9:8', 'conn @ 9:21'], ['conn @ 10:6', 'pool @ 10:6'], [], ['new pg.Client() @ 12:6'], [], []]);
  });
});
