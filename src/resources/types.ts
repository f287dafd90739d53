/**
 * The TypeScript-checker layer: what type information says about a value (STYLE.md items 12, 13).
 *
 * One named predicate per question (`isDisposable`, `isAsyncDisposable`, `isNodeTimer`, …), each asked of one node or
 * type after the rule's syntax and scope checks passed. Nothing here walks the program: no `getSourceFiles()`, no
 * cross-file search; each answer looks at one type, its properties and their declarations.
 *
 * `typescript` is an optional peer dependency. It, and `ts-api-utils` (which imports it), are loaded on the first
 * typed question, so the plugin still loads in a project without TypeScript. In untyped mode {@link typeServices}
 * returns null and no other function here is called.
 */
import { createRequire } from 'node:module';

import {
  AST_NODE_TYPES,
  ESLintUtils,
  type ParserServicesWithTypeInformation,
  type TSESLint,
  type TSESTree,
} from '@typescript-eslint/utils';
import type * as TsApiUtils from 'ts-api-utils';
import type * as TS from 'typescript';

import { ConfigurationError } from '../util/errors.js';
import { disposableResources, type ResourceSpec } from './catalog.js';
import { normalizeModule } from './settings.js';

export interface TypeServices {
  readonly ts: typeof TS;
  readonly utils: typeof TsApiUtils;
  readonly program: TS.Program;
  readonly checker: TS.TypeChecker;
  readonly services: ParserServicesWithTypeInformation;
}

/** Where a declaration lives: a package or ambient module, the default library, or a file of the project. */
export interface DeclarationOrigin {
  /** `fs/promises` for `declare module 'fs/promises'`, `pg` for a file under `node_modules/pg` or `@types/pg`; null in project files. */
  readonly module: string | null;
  /** Declared in TypeScript's default library (`lib.*.d.ts`). */
  readonly lib: boolean;
  /** The declaring file's path. */
  readonly file: string;
}

/** A type's own name and where it is declared. */
export interface TypeOrigin extends DeclarationOrigin {
  readonly name: string;
}

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const load = createRequire(import.meta.url);
const servicesByFile = new WeakMap<TSESTree.Program, TypeServices | null>();

/**
 * The file's type services, or null when it was parsed without type information (another parser, or
 * @typescript-eslint/parser without `project`/`projectService`). Made once per file, on the first call.
 */
export function typeServices(context: AnyContext): TypeServices | null {
  const ast = context.sourceCode.ast;
  const cached = servicesByFile.get(ast);
  if (cached !== undefined) return cached;
  let result: TypeServices | null = null;
  const raw = context.sourceCode.parserServices;
  // Checked first: getParserServices throws for parsers that give no node maps at all (espree).
  if (raw?.program && raw.esTreeNodeToTSNodeMap) {
    const services = ESLintUtils.getParserServices(context, true);
    if (services.program) {
      const { ts, utils } = typescriptModules();
      result = {
        ts,
        utils,
        program: services.program,
        checker: services.program.getTypeChecker(),
        services: services,
      };
    }
  }
  servicesByFile.set(ast, result);
  return result;
}

let modules: { readonly ts: typeof TS; readonly utils: typeof TsApiUtils } | undefined;

/**
 * `typescript` (checked against {@link SUPPORTED_TYPESCRIPT}) and `ts-api-utils`, loaded on the first typed question
 * and kept: resolving a module on every file costs more than the rest of the file's type services.
 */
function typescriptModules(): { readonly ts: typeof TS; readonly utils: typeof TsApiUtils } {
  if (!modules) {
    const ts = load('typescript') as typeof TS;
    assertSupportedTypeScript(ts.version);
    modules = { ts, utils: load('ts-api-utils') as typeof TsApiUtils };
  }
  return modules;
}

/** The TypeScript versions the type-aware rules run with: typescript-eslint 8's range, from the first with `using`. */
export const SUPPORTED_TYPESCRIPT = '>=5.2 <6.1';

/**
 * Throws one line ({@link ConfigurationError}) when the installed TypeScript is outside {@link SUPPORTED_TYPESCRIPT}
 * (TypeScript 7, the native port, has no compiler API for typescript-eslint to use). Only the typed path calls this:
 * the untyped rules run next to any TypeScript, or none.
 */
export function assertSupportedTypeScript(version: string | undefined): void {
  const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
  if ((major === 5 && minor >= 2) || (major === 6 && minor === 0)) return;
  throw new ConfigurationError(
    `eslint-plugin-cleanup: type-aware linting needs TypeScript ${SUPPORTED_TYPESCRIPT}, but this project has TypeScript ${version ?? '(unknown version)'}; ` +
      'install typescript@~6.0 for the typed configs, or use `recommended` without type information.',
  );
}

/** The type of one expression (an `await` expression gives the awaited type). */
export function typeOfNode(types: TypeServices, node: TSESTree.Node): TS.Type {
  return types.services.getTypeAtLocation(node);
}

/** The non-nullish members of a type (`FileHandle | undefined` → `[FileHandle]`), through type parameters' constraints. */
function constituents(types: TypeServices, type: TS.Type): TS.Type[] {
  const nonNullable = types.checker.getNonNullableType(type);
  return types.utils.unionConstituents(nonNullable).map((part) => types.checker.getApparentType(part));
}

function isOpaque(types: TypeServices, type: TS.Type): boolean {
  const flags = types.ts.TypeFlags;
  return (type.flags & (flags.Any | flags.Unknown | flags.Never)) !== 0;
}

/** `[Symbol.dispose]` / `[Symbol.asyncDispose]` of a type, when it has one. */
function wellKnownMember(types: TypeServices, type: TS.Type, name: 'dispose' | 'asyncDispose'): TS.Symbol | undefined {
  return types.utils.getWellKnownSymbolPropertyOfType(type, name, types.checker);
}

function hasEvery(types: TypeServices, type: TS.Type, name: 'dispose' | 'asyncDispose'): boolean {
  const parts = constituents(types, type);
  return (
    parts.length > 0 &&
    parts.every((part) => !isOpaque(types, part) && wellKnownMember(types, part, name) !== undefined)
  );
}

/** Does every (non-nullish) value of this type have `[Symbol.dispose]()`? `any` and `unknown` do not. */
export function isDisposable(types: TypeServices, type: TS.Type): boolean {
  return hasEvery(types, type, 'dispose');
}

/** Does every (non-nullish) value of this type have `[Symbol.asyncDispose]()`? `any` and `unknown` do not. */
export function isAsyncDisposable(types: TypeServices, type: TS.Type): boolean {
  return hasEvery(types, type, 'asyncDispose');
}

/**
 * Could a call of `source` produce a Disposable? A cheap filter asked before the value's own type: it reads the
 * declared return types of the callee's signatures, so the checker does not resolve the call (overloads, inference,
 * contextually typed callbacks), which is most of what a typed question costs. False only when no signature can: every
 * return type is a primitive, `void`, `any`, or an object type without `[Symbol.dispose]` / `[Symbol.asyncDispose]`
 * (through `await` when `awaited`). A return type that depends on the call (a type parameter, `this`, a conditional or
 * mapped type) or a callee without signatures leaves the answer to the full type.
 */
export function mayMakeDisposable(
  types: TypeServices,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
  awaited: boolean,
): boolean {
  // `super(…)` has no value (TypeScript types it `void`); its callee is the base class.
  if (source.callee.type === AST_NODE_TYPES.Super) return false;
  const callee = types.services.getTypeAtLocation(source.callee);
  // Calling `any` gives `any`, which is never taken for a Disposable.
  if ((callee.flags & types.ts.TypeFlags.Any) !== 0) return false;
  const apparent = types.checker.getApparentType(callee);
  const signatures =
    source.type === AST_NODE_TYPES.NewExpression ? apparent.getConstructSignatures() : apparent.getCallSignatures();
  if (signatures.length === 0) return true;
  return signatures.some((signature) =>
    mayBeDisposableType(types, types.checker.getReturnTypeOfSignature(signature), awaited),
  );
}

function mayBeDisposableType(types: TypeServices, type: TS.Type, awaited: boolean): boolean {
  let target: TS.Type | undefined = type;
  if (awaited) {
    // `getAwaitedType` is public API since TypeScript 5.x; without it the full type decides.
    if (typeof types.checker.getAwaitedType !== 'function') return true;
    target = types.checker.getAwaitedType(type);
    if (!target) return true;
  }
  const { TypeFlags, ObjectFlags } = types.ts;
  const never =
    TypeFlags.Any |
    TypeFlags.Unknown |
    TypeFlags.Never |
    TypeFlags.VoidLike |
    TypeFlags.Null |
    TypeFlags.StringLike |
    TypeFlags.NumberLike |
    TypeFlags.BigIntLike |
    TypeFlags.BooleanLike |
    TypeFlags.EnumLike |
    TypeFlags.ESSymbolLike;
  return types.utils.unionConstituents(target).some((part) => {
    if ((part.flags & never) !== 0) return false;
    if ((part.flags & TypeFlags.Object) === 0) return true;
    // Members that depend on type arguments: decided on the instantiated type.
    if (((part as TS.ObjectType).objectFlags & (ObjectFlags.Mapped | ObjectFlags.ReverseMapped)) !== 0) return true;
    return (
      wellKnownMember(types, part, 'dispose') !== undefined ||
      wellKnownMember(types, part, 'asyncDispose') !== undefined
    );
  });
}

/** Where a declaration lives (see {@link DeclarationOrigin}). */
export function declarationOrigin(types: TypeServices, declaration: TS.Node): DeclarationOrigin {
  const sourceFile = declaration.getSourceFile();
  const file = sourceFile.fileName;
  const lib =
    types.program.isSourceFileDefaultLibrary(sourceFile) ||
    /[\\/]typescript[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/.test(file);
  for (let node: TS.Node = declaration.parent; !types.ts.isSourceFile(node); node = node.parent) {
    if (types.ts.isModuleDeclaration(node) && types.ts.isStringLiteral(node.name)) {
      return { module: normalizeModule(node.name.text), lib, file };
    }
  }
  return { module: lib ? null : packageOfFile(file), lib, file };
}

/** `pg` for `…/node_modules/pg/lib/index.d.ts`, `@scope/x` for `…/node_modules/@types/scope__x/…`, else null. */
export function packageOfFile(file: string): string | null {
  const normalized = file.replaceAll('\\', '/');
  const at = normalized.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const parts = normalized.slice(at + '/node_modules/'.length).split('/');
  const first = parts[0] ?? '';
  if (first === '@types') {
    const name = parts[1] ?? '';
    return name.includes('__') ? `@${name.replace('__', '/')}` : name;
  }
  return first.startsWith('@') ? `${first}/${parts[1] ?? ''}` : first;
}

/** The name of a type (its alias, else its symbol) and where it is declared; null for anonymous types and unions. */
export function typeOrigin(types: TypeServices, type: TS.Type): TypeOrigin | null {
  const parts = types.utils.unionConstituents(types.checker.getNonNullableType(type));
  const [part] = parts;
  if (parts.length !== 1 || !part) return null;
  const symbol = part.aliasSymbol ?? part.getSymbol();
  const declaration = symbol?.declarations?.[0];
  if (!symbol || !declaration) return null;
  const name = symbol.getName();
  if (name.startsWith('__')) return null;
  return { name, ...declarationOrigin(types, declaration) };
}

/**
 * The interface or class that declares the disposal method the value uses (`[Symbol.asyncDispose]` if present, else
 * `[Symbol.dispose]`), with its origin: `Timeout` in `timers`, `Readable` in `stream`, `IteratorObject` in the lib.
 */
function disposalDeclarer(types: TypeServices, type: TS.Type): TypeOrigin | null {
  for (const part of constituents(types, type)) {
    const member = wellKnownMember(types, part, 'asyncDispose') ?? wellKnownMember(types, part, 'dispose');
    const declaration = member?.declarations?.[0];
    const container = declaration?.parent;
    if (!container) continue;
    const name =
      (types.ts.isInterfaceDeclaration(container) || types.ts.isClassDeclaration(container)) && container.name
        ? container.name.text
        : '';
    return { name, ...declarationOrigin(types, container) };
  }
  return null;
}

/** Node's `Timeout` and `Immediate`: Disposable, but cancelled with `clearTimeout`/`clearImmediate` (their disposal is on its way out). */
export function isNodeTimer(types: TypeServices, type: TS.Type): boolean {
  const declarer = disposalDeclarer(types, type);
  return (
    declarer !== null && declarer.module === 'timers' && (declarer.name === 'Timeout' || declarer.name === 'Immediate')
  );
}

/** An iterator or generator (`next()` plus `[Symbol.iterator]`/`[Symbol.asyncIterator]`): iteration closes it. */
export function isIteratorLike(types: TypeServices, type: TS.Type): boolean {
  const parts = constituents(types, type);
  return (
    parts.length > 0 &&
    parts.every(
      (part) =>
        part.getProperty('next') !== undefined &&
        (types.utils.getWellKnownSymbolPropertyOfType(part, 'iterator', types.checker) !== undefined ||
          types.utils.getWellKnownSymbolPropertyOfType(part, 'asyncIterator', types.checker) !== undefined),
    )
  );
}

/** A Node stream: its `[Symbol.asyncDispose]()` destroys it (with an `AbortError`) rather than ending it. */
export function isStream(types: TypeServices, type: TS.Type): boolean {
  const declarer = disposalDeclarer(types, type);
  return declarer?.module === 'stream' || declarer?.module === 'stream/web';
}

/** Modules whose Disposables are test doubles (spies, mocks, fake timers), restored by the test framework's own hooks. */
export const testDoubleModules: readonly string[] = [
  'vitest',
  '@vitest/spy',
  '@vitest/mocker',
  'jest-mock',
  '@jest/globals',
  '@jest/environment',
  'jest',
  'sinon',
  'test',
  'bun:test',
];

/** A spy, mock or fake from a test framework (`vi.fn()`, `jest.spyOn()`, `sinon.stub()`, `mock.timers`). */
export function isTestDouble(types: TypeServices, type: TS.Type): boolean {
  const declarer = disposalDeclarer(types, type);
  return declarer !== null && declarer.module !== null && testDoubleModules.includes(declarer.module);
}

/** Has `on`, `addListener` or `addEventListener`: its life is driven by events (servers, child processes, watchers). */
export function isEventDriven(types: TypeServices, type: TS.Type): boolean {
  return constituents(types, type).some(
    (part) =>
      part.getProperty('on') !== undefined ||
      part.getProperty('addListener') !== undefined ||
      part.getProperty('addEventListener') !== undefined,
  );
}

/** Is `type` a thenable (`Promise<T>`, `PromiseLike<T>`)? */
export function isThenable(types: TypeServices, node: TSESTree.Node, type: TS.Type): boolean {
  const tsNode = types.services.esTreeNodeToTSNodeMap.get(node);
  return types.utils.isThenableType(types.checker, tsNode, type);
}

/** The catalog resource whose declared type this is (`FileHandle` from `fs/promises`, the lib's `DisposableStack`). */
export function catalogResourceOfType(types: TypeServices, type: TS.Type): ResourceSpec | null {
  const origin = typeOrigin(types, type);
  if (!origin) return null;
  for (const resource of disposableResources) {
    const declared = resource.type;
    if (!declared || declared.name !== origin.name) continue;
    if (declared.module === 'lib' ? origin.lib : origin.module === declared.module) return resource;
  }
  return null;
}

/** Does the value of `node` take a value over with `method` and return it (`stack.use(x)` on a `DisposableStack`)? */
export function adoptsWith(types: TypeServices, node: TSESTree.Node, method: string): boolean {
  return catalogResourceOfType(types, typeOfNode(types, node))?.adoptMethods?.includes(method) === true;
}

/**
 * Does the parameter that receives argument `index` of this call accept a Disposable, so that the callee may take
 * ownership of it? True when the parameter's declared type is Disposable or AsyncDisposable (or a union with one),
 * `any`, `unknown`, `object`, `{}`, a type parameter, or when the signature cannot be resolved.
 */
export function acceptsDisposable(
  types: TypeServices,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
): boolean {
  const signature = types.services.getResolvedSignature(call);
  // No signature, or the one of an `any` callee: anything may happen to the value.
  if (!signature?.declaration) return true;
  const parameters = signature.getParameters();
  const last = parameters.at(-1);
  const declaration = last?.valueDeclaration;
  const isRest =
    declaration !== undefined && types.ts.isParameter(declaration) && declaration.dotDotDotToken !== undefined;
  let parameter = parameters[index];
  if (isRest && index >= parameters.length - 1) parameter = last;
  if (!parameter) return false;
  const tsCall = types.services.esTreeNodeToTSNodeMap.get(call);
  let type = types.checker.getTypeOfSymbolAtLocation(parameter, tsCall);
  if (isRest && parameter === last) {
    const element = types.checker.getIndexTypeOfType(type, types.ts.IndexKind.Number);
    if (element) type = element;
  }
  return acceptsOwnership(types, type);
}

function acceptsOwnership(types: TypeServices, type: TS.Type): boolean {
  const flags = types.ts.TypeFlags;
  for (const part of types.utils.unionConstituents(type)) {
    if ((part.flags & (flags.Any | flags.Unknown | flags.NonPrimitive | flags.TypeParameter | flags.Index)) !== 0)
      return true;
    if (part.flags & flags.Object && part.getProperties().length === 0 && part.getCallSignatures().length === 0)
      return true;
    const apparent = types.checker.getApparentType(part);
    if (wellKnownMember(types, apparent, 'dispose') || wellKnownMember(types, apparent, 'asyncDispose')) return true;
  }
  return false;
}

const usingSupport = new WeakMap<TS.Program, { sync: boolean; async: boolean }>();

/**
 * Can this program compile `using` (`sync`) or `await using` (`async`) declarations? TypeScript 5.2 and later parse
 * them and downlevel them for every target below ESNext; type-checking them needs the global `Disposable` /
 * `AsyncDisposable` types (`lib: ["esnext.disposable"]` or newer, or `@types/node` ≥ 20.4).
 */
export function canCompileUsing(types: TypeServices, kind: 'sync' | 'async'): boolean {
  let support = usingSupport.get(types.program);
  if (!support) {
    const [major = 0, minor = 0] = types.ts.versionMajorMinor.split('.').map(Number);
    const compiles = major > 5 || (major === 5 && minor >= 2);
    support = {
      sync: compiles && hasGlobalType(types, 'Disposable'),
      async: compiles && hasGlobalType(types, 'AsyncDisposable'),
    };
    usingSupport.set(types.program, support);
  }
  return support[kind];
}

function hasGlobalType(types: TypeServices, name: string): boolean {
  const checker = types.checker as TS.TypeChecker & { resolveName?: TS.TypeChecker['resolveName'] };
  if (typeof checker.resolveName === 'function') {
    return checker.resolveName(name, undefined, types.ts.SymbolFlags.Type, false) !== undefined;
  }
  /* c8 ignore next 4 -- TypeScript before 5.3 does not expose resolveName: read the lib option instead. */
  const options = types.program.getCompilerOptions();
  const libs = options.lib ?? [types.ts.getDefaultLibFileName(options)];
  return libs.some((lib) => /esnext|disposable/i.test(lib));
}
