/**
 * The TypeScript-checker layer (src/resources/types.ts) and the specifiers of `allow` (src/resources/specifiers.ts),
 * on real programs made in memory: the default library of the installed TypeScript and, where a test asks for it,
 * the repository's `@types/node`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseAndGenerateServices } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import * as tsutils from 'ts-api-utils';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { matchesSomeSpecifier, type Provenance } from '../../src/resources/specifiers.js';
import {
  acceptsDisposable,
  canCompileUsing,
  catalogResourceOfType,
  isAsyncDisposable,
  isDisposable,
  isEventDriven,
  isIteratorLike,
  isNodeTimer,
  isStream,
  mayMakeDisposable,
  packageOfFile,
  typeOfNode,
  typeOrigin,
  type TypeServices,
} from '../../src/resources/types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = path.join(root, 'tests/unit/__virtual__.ts');

interface Compiled {
  readonly types: TypeServices;
  readonly ast: TSESTree.Program;
  /** The initialiser of the variable `name`. */
  readonly init: (name: string) => TSESTree.Expression;
}

function compile(code: string, options: ts.CompilerOptions = {}): Compiled {
  const compilerOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: [],
    lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'],
    typeRoots: [path.join(root, 'node_modules/@types')],
    ...options,
  };
  const host = ts.createCompilerHost(compilerOptions, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    path.resolve(fileName) === FILE
      ? ts.createSourceFile(fileName, code, languageVersion, true)
      : getSourceFile(fileName, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => path.resolve(fileName) === FILE || fileExists(fileName);
  const program = ts.createProgram([FILE], compilerOptions, host);
  const { ast, services } = parseAndGenerateServices(code, {
    filePath: FILE,
    programs: [program],
    range: true,
    loc: true,
  });
  const types: TypeServices = {
    // The default import is the namespace at run time; its declared type differs only by `default`.
    ts: ts as unknown as TypeServices['ts'],
    utils: tsutils,
    program,
    checker: program.getTypeChecker(),
    services: services as ParserServicesWithTypeInformation,
  };
  const init = (name: string): TSESTree.Expression => {
    for (const statement of ast.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init)
          return declarator.init;
      }
    }
    throw new Error(`no variable ${name}`);
  };
  return { types, ast: ast as TSESTree.Program, init };
}

const DISPOSABLES = `
class Sync implements Disposable { [Symbol.dispose]() {} }
class Async implements AsyncDisposable { async [Symbol.asyncDispose]() {} }
class Both implements Disposable, AsyncDisposable { [Symbol.dispose]() {} async [Symbol.asyncDispose]() {} }
declare const maybe: Sync | undefined;
declare const loose: any;
declare const mixed: Sync | string;
function* gen() { yield 1; }
export const sync = new Sync();
export const async = new Async();
export const both = new Both();
export const optional = maybe;
export const anything = loose;
export const union = mixed;
export const plain = { close() {} };
export const iterator = [1, 2].values();
export const generator = gen();
export const stack = new DisposableStack();
`;

const CALLS = `
class Conn implements Disposable { [Symbol.dispose]() {} }
class Session implements AsyncDisposable { async [Symbol.asyncDispose]() {} }
class Box<T> implements Disposable { constructor(readonly value: T) {} [Symbol.dispose]() {} }
class Builder { self(): this { return this; } count(): number { return 1; } }
class Chain implements Disposable { next(): this { return this; } [Symbol.dispose]() {} }
declare function log(message: string): void;
declare function count(): number;
declare function text(): string | undefined;
declare function plain(): { close(): void };
declare function connect(): Conn;
declare function maybe(): Conn | null;
declare function begin(): Promise<Session>;
declare function later(): Promise<{ id: number }>;
declare function make<T>(factory: () => T): T;
declare function frozen<T>(value: T): Readonly<T>;
declare function open(path: string): Conn;
declare function open(fd: number): void;
declare const anyFn: any;
const builder = new Builder();
const chain = new Chain();
async function main() {
  const a = log('x');
  const b = count();
  const c = text();
  const d = plain();
  const e = anyFn();
  const f = connect();
  const g = maybe();
  const h = await begin();
  const i = await later();
  const j = make(() => new Conn());
  const k = frozen(new Conn());
  const l = open(1);
  const m = chain.next();
  const r = builder.self();
  const n = builder.count();
  const o = new Box(1);
  const p = new Builder();
  const q = later();
}
`;

describe('mayMakeDisposable: the cheap filter before the type of a call', () => {
  const { types, ast } = compile(CALLS);
  const main = ast.body.find(
    (statement) => statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id?.name === 'main',
  ) as TSESTree.FunctionDeclaration;
  const call = (
    name: string,
  ): { source: TSESTree.CallExpression | TSESTree.NewExpression; awaited: boolean; value: TSESTree.Expression } => {
    for (const statement of main.body.body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      const declarator = statement.declarations[0]!;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name || !declarator.init) continue;
      const init = declarator.init;
      const awaited = init.type === AST_NODE_TYPES.AwaitExpression;
      const source = awaited ? init.argument : init;
      if (source.type === AST_NODE_TYPES.CallExpression || source.type === AST_NODE_TYPES.NewExpression)
        return { source, awaited, value: init };
    }
    throw new Error(`no call bound to ${name}`);
  };

  it.each([
    ['a', 'void', false],
    ['b', 'number', false],
    ['c', 'string | undefined', false],
    ['d', 'an object without dispose', false],
    ['e', 'a call of any', false],
    ['i', 'an awaited promise of a plain object', false],
    ['n', 'a method returning number', false],
    ['p', 'new of a class without dispose', false],
    ['r', 'a this-typed method of a class without dispose', false],
    ['q', 'a promise not awaited', false],
    ['f', 'a Disposable', true],
    ['g', 'Disposable | null', true],
    ['h', 'an awaited promise of an AsyncDisposable', true],
    ['j', 'a generic result (decided by the full type)', true],
    ['k', 'a mapped result (decided by the full type)', true],
    ['l', 'an overloaded function with one Disposable overload', true],
    ['m', 'a this-typed method of a Disposable class', true],
    ['o', 'new of a generic Disposable class', true],
  ])('%s: %s → %s', (name, _what, expected) => {
    const { source, awaited } = call(name);
    expect(mayMakeDisposable(types, source, awaited)).toBe(expected);
  });

  it('never rules out a call whose value the full type finds Disposable', () => {
    for (const name of ['f', 'g', 'h', 'j', 'k', 'l', 'm', 'o']) {
      const { source, awaited, value } = call(name);
      const type = typeOfNode(types, value);
      // `open(1)` picks the overload that returns void; the filter cannot tell overloads apart, so it lets it through.
      expect(isDisposable(types, type) || isAsyncDisposable(types, type), name).toBe(name !== 'l');
      expect(mayMakeDisposable(types, source, awaited), name).toBe(true);
    }
  });
});

describe('mayMakeDisposable on `super(…)`', () => {
  it('rules it out without asking the checker: a super call has no value, even under a Disposable base', () => {
    const { types, ast } = compile(`
class Base implements Disposable { [Symbol.dispose]() {} }
class Derived extends Base { constructor() { super(); } }
`);
    const derived = ast.body[1] as TSESTree.ClassDeclaration;
    const constructor = derived.body.body[0] as TSESTree.MethodDefinition;
    const statement = constructor.value.body?.body[0] as TSESTree.ExpressionStatement;
    const call = statement.expression as TSESTree.CallExpression;
    expect(call.callee.type).toBe(AST_NODE_TYPES.Super);
    // What the full type says: `void`.
    expect(isDisposable(types, typeOfNode(types, call))).toBe(false);
    let asked = 0;
    const counting: TypeServices = {
      ...types,
      services: {
        ...types.services,
        getTypeAtLocation: (node) => {
          asked++;
          return types.services.getTypeAtLocation(node);
        },
      },
    };
    expect(mayMakeDisposable(counting, call, false)).toBe(false);
    expect(asked).toBe(0);
  });
});

describe('isDisposable / isAsyncDisposable', () => {
  const { types, init } = compile(DISPOSABLES);
  const type = (name: string): ts.Type => typeOfNode(types, init(name));

  it.each([
    ['sync', true, false],
    ['async', false, true],
    ['both', true, true],
    ['optional', true, false],
    ['anything', false, false],
    ['union', false, false],
    ['plain', false, false],
    ['stack', true, false],
  ])('%s: Disposable %s, AsyncDisposable %s', (name, sync, async) => {
    expect(isDisposable(types, type(name))).toBe(sync);
    expect(isAsyncDisposable(types, type(name))).toBe(async);
  });

  it('knows iterators and generators, which iteration closes', () => {
    expect(isIteratorLike(types, type('iterator'))).toBe(true);
    expect(isIteratorLike(types, type('generator'))).toBe(true);
    expect(isIteratorLike(types, type('sync'))).toBe(false);
  });

  it('names types and says where they are declared', () => {
    expect(typeOrigin(types, type('sync'))).toMatchObject({ name: 'Sync', module: null, lib: false });
    expect(typeOrigin(types, type('stack'))).toMatchObject({ name: 'DisposableStack', module: null, lib: true });
    expect(typeOrigin(types, type('union'))).toBeNull();
    expect(typeOrigin(types, type('plain'))).toBeNull();
    expect(catalogResourceOfType(types, type('stack'))?.id).toBe('lib:DisposableStack');
    expect(catalogResourceOfType(types, type('sync'))).toBeNull();
  });
});

describe('Node types', () => {
  const { types, init } = compile(
    `import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
export const timer = setTimeout(() => {}, 1);
export const immediate = setImmediate(() => {});
export const stream = createReadStream('x');
export const server = http.createServer();
export const handle = await open('x');
`,
    { types: ['node'] },
  );
  const type = (name: string): ts.Type => typeOfNode(types, init(name));

  it('recognises Node timers, streams and event-driven objects', () => {
    expect(isNodeTimer(types, type('timer'))).toBe(true);
    expect(isNodeTimer(types, type('immediate'))).toBe(true);
    expect(isNodeTimer(types, type('handle'))).toBe(false);
    expect(isStream(types, type('stream'))).toBe(true);
    expect(isStream(types, type('server'))).toBe(false);
    expect(isEventDriven(types, type('server'))).toBe(true);
    expect(isEventDriven(types, type('handle'))).toBe(false);
  });

  it('maps a FileHandle to its catalog entry', () => {
    expect(isAsyncDisposable(types, type('handle'))).toBe(true);
    expect(typeOrigin(types, type('handle'))).toMatchObject({ name: 'FileHandle', module: 'fs/promises', lib: false });
    expect(catalogResourceOfType(types, type('handle'))?.id).toBe('fs/promises:open');
  });
});

describe('acceptsDisposable', () => {
  const { types, ast } = compile(`
class Conn implements Disposable { [Symbol.dispose]() {} }
declare const conn: Conn;
declare function adopt(c: Conn): void;
declare function maybe(c: Conn | undefined): void;
declare function text(s: string, target: { query(): void }): void;
declare function loose(value: unknown): void;
declare function generic<T>(value: T): T;
declare function rest(...values: Conn[]): void;
declare function restText(...values: string[]): void;
declare function object(value: object): void;
declare const untyped: any;
adopt(conn);
maybe(conn);
text('x', conn as never);
loose(conn);
generic(conn);
rest(conn, conn);
restText('a', 'b');
object(conn);
untyped(conn);
`);
  const calls = ast.body
    .filter(
      (statement): statement is TSESTree.ExpressionStatement => statement.type === AST_NODE_TYPES.ExpressionStatement,
    )
    .map((statement) => statement.expression as TSESTree.CallExpression);
  const byName = (name: string): TSESTree.CallExpression =>
    calls.find((call) => (call.callee as TSESTree.Identifier).name === name)!;

  it.each([
    ['adopt', 0, true],
    ['maybe', 0, true],
    ['text', 0, false],
    ['text', 1, false],
    ['loose', 0, true],
    ['generic', 0, true],
    ['rest', 1, true],
    ['restText', 1, false],
    ['object', 0, true],
    ['untyped', 0, true],
    ['adopt', 3, false],
  ])('%s argument %i: %s', (name, index, expected) => {
    expect(acceptsDisposable(types, byName(name), index)).toBe(expected);
  });
});

describe('canCompileUsing', () => {
  it('needs the global Disposable types', () => {
    const withLib = compile('export {};').types;
    expect(canCompileUsing(withLib, 'sync')).toBe(true);
    expect(canCompileUsing(withLib, 'async')).toBe(true);
    const without = compile('export {};', { lib: ['lib.es2022.d.ts'] }).types;
    expect(canCompileUsing(without, 'sync')).toBe(false);
    expect(canCompileUsing(without, 'async')).toBe(false);
  });

  it('finds them in @types/node too', () => {
    const node = compile('export {};', { lib: ['lib.es2022.d.ts'], types: ['node'] }).types;
    expect(canCompileUsing(node, 'sync')).toBe(true);
    expect(canCompileUsing(node, 'async')).toBe(true);
  });
});

describe('packageOfFile', () => {
  it.each([
    ['/app/node_modules/pg/lib/index.d.ts', 'pg'],
    ['/app/node_modules/@types/node/fs.d.ts', 'node'],
    ['/app/node_modules/@types/scope__pkg/index.d.ts', '@scope/pkg'],
    ['/app/node_modules/@scope/pkg/dist/index.d.ts', '@scope/pkg'],
    ['/app/node_modules/a/node_modules/b/index.d.ts', 'b'],
    ['C:\\app\\node_modules\\pg\\index.d.ts', 'pg'],
    ['/app/src/db.ts', null],
  ])('%s → %s', (file, expected) => {
    expect(packageOfFile(file)).toBe(expected);
  });
});

describe('matchesSomeSpecifier', () => {
  const cwd = '/app';
  const fromPackage: Provenance = { name: 'open', module: 'fs/promises', lib: false, file: null };
  const fromFile: Provenance = { name: 'Conn', module: null, lib: false, file: '/app/src/db.ts' };
  const fromLib: Provenance = { name: 'DisposableStack', module: null, lib: true, file: null };

  it('matches names anywhere', () => {
    expect(matchesSomeSpecifier(['open'], fromPackage, cwd)).toBe(true);
    expect(matchesSomeSpecifier(['close'], fromPackage, cwd)).toBe(false);
  });

  it('matches packages, with or without `node:`', () => {
    expect(
      matchesSomeSpecifier([{ from: 'package', package: 'node:fs/promises', name: 'open' }], fromPackage, cwd),
    ).toBe(true);
    expect(
      matchesSomeSpecifier([{ from: 'package', package: 'fs/promises', name: ['read', 'open'] }], fromPackage, cwd),
    ).toBe(true);
    expect(matchesSomeSpecifier([{ from: 'package', package: 'fs', name: 'open' }], fromPackage, cwd)).toBe(false);
    expect(matchesSomeSpecifier([{ from: 'package', package: 'fs', name: 'Conn' }], fromFile, cwd)).toBe(false);
  });

  it('matches project files, by path from the cwd when given', () => {
    expect(matchesSomeSpecifier([{ from: 'file', name: 'Conn' }], fromFile, cwd)).toBe(true);
    expect(matchesSomeSpecifier([{ from: 'file', name: 'Conn', path: 'src/db.ts' }], fromFile, cwd)).toBe(true);
    expect(matchesSomeSpecifier([{ from: 'file', name: 'Conn', path: 'src/db' }], fromFile, cwd)).toBe(true);
    expect(matchesSomeSpecifier([{ from: 'file', name: 'Conn', path: 'src/other.ts' }], fromFile, cwd)).toBe(false);
    expect(matchesSomeSpecifier([{ from: 'file', name: 'open' }], fromPackage, cwd)).toBe(false);
    expect(
      matchesSomeSpecifier([{ from: 'file', name: 'Conn', path: 'src/db.ts' }], { ...fromFile, file: null }, cwd),
    ).toBe(false);
  });

  it('matches the default library and globals', () => {
    expect(matchesSomeSpecifier([{ from: 'lib', name: 'DisposableStack' }], fromLib, cwd)).toBe(true);
    expect(matchesSomeSpecifier([{ from: 'lib', name: 'Conn' }], fromFile, cwd)).toBe(false);
  });
});
