/**
 * Which calls and `new` expressions produce a Disposable: the catalog without types (`open()` from `fs/promises`,
 * `new DisposableStack()`), and with types every value that has `[Symbol.dispose]` / `[Symbol.asyncDispose]`, minus
 * the ones no rule should ask to dispose (Node timers, iterators, streams, test doubles) and the user's `allow` list.
 * Shared by `prefer-using` and `no-floating-resource`.
 */
import path from 'node:path';

import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, propertyName, skipWrappers } from '../util/ast.js';
import { disposableGlobals, type ResourceSpec } from './catalog.js';
import type { Acquisition, ResourceModel } from './match.js';
import { inHousePairs, semaphoreAcquireMethods } from './vocabulary.js';
import { matchesSomeSpecifier, type Provenance, type Specifier } from './specifiers.js';
import { isGlobal } from './scope.js';
import {
  catalogResourceOfType,
  isAsyncDisposable,
  isDisposable,
  isEventDriven,
  isIteratorLike,
  isNodeTimer,
  isStream,
  isTestDouble,
  mayMakeDisposable,
  testDoubleModules,
  typeOfNode,
  typeOrigin,
  type TypeServices,
} from './types.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A value known to be Disposable, and what the rules need to say about it. */
export interface DisposableValue {
  /** The call or `new` expression that makes it. */
  readonly source: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The catalog entry, when the catalog knows it (by provenance, or by type in typed mode). */
  readonly resource: ResourceSpec | null;
  /** Has `[Symbol.dispose]()`. */
  readonly sync: boolean;
  /** Has `[Symbol.asyncDispose]()`. */
  readonly async: boolean;
  /** Known by its type only, and its life is driven by events (a server, a child process): never "forgotten". */
  readonly eventDriven: boolean;
  /** How a message names it: `file handle`, `` `Connection` value ``. */
  readonly noun: string;
  /** A name for a new binding of it, without prefix: `fileHandle`, `connection`. */
  readonly bindingName: string;
  /** How a message names its source: `open()`, `new DisposableStack()`. */
  readonly label: string;
}

const MAX_LABEL = 40;

/** `fs.open()`, `new DisposableStack()`: the callee's text when short, else its last name. */
export function callLabel(model: ResourceModel, node: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const text = model.keyOf(node.callee);
  const shown = text.length <= MAX_LABEL ? text : (calleeName(node) ?? 'a function');
  return node.type === AST_NODE_TYPES.NewExpression ? `new ${shown}()` : `${shown}()`;
}

/** The catalog entry of `new DisposableStack()` / `new AsyncDisposableStack()` (unshadowed globals). */
export function disposableGlobalOf(model: ResourceModel, node: TSESTree.NewExpression): ResourceSpec | null {
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const entry = disposableGlobals.find((candidate) => candidate.name === callee.name);
  return entry && isGlobal(callee, model) ? entry.resource : null;
}

const TEST_DOUBLE_ROOTS: ReadonlySet<string> = new Set(['vi', 'vitest', 'jest', 'sinon']);

/** `vi.fn()`, `vi.spyOn(…)`, `jest.fn()`, `sinon.stub()`, `mock.method(…)` / `t.mock.fn()` (node:test). */
export function isTestDoubleCall(
  model: ResourceModel,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  let current: TSESTree.Expression = skipWrappers(node.callee);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (propertyName(current) === 'mock') return true;
    current = skipWrappers(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return false;
  if (current.name === 'mock' || TEST_DOUBLE_ROOTS.has(current.name)) return true;
  const origin = model.originOf(current);
  return origin !== null && testDoubleModules.includes(origin.module);
}

/** What the value's source is called and where it comes from, for `allow`. */
export function valueProvenance(
  model: ResourceModel,
  filename: string,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
): Provenance {
  const callee = skipWrappers(node.callee);
  const name = calleeName(node) ?? '';
  const fromModule = (module: string, exported: string): Provenance =>
    module.startsWith('.')
      ? { name: exported, module: null, lib: false, file: path.resolve(path.dirname(filename), module) }
      : { name: exported, module, lib: false, file: null };
  const origin = model.originOf(callee);
  if (origin && !origin.instance) return fromModule(origin.module, origin.path.at(-1) ?? name);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const receiver = model.originOf(callee.object);
    if (receiver?.instance) return fromModule(receiver.module, name);
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const global = isGlobal(callee, model);
    return { name, module: null, lib: global, file: global ? null : filename };
  }
  return { name, module: null, lib: false, file: null };
}

export interface DisposableQuery {
  readonly context: AnyContext;
  readonly model: ResourceModel;
  /** Null in untyped mode. */
  readonly types: TypeServices | null;
  readonly allow: readonly Specifier[];
}

/**
 * The Disposable that `source` makes, or null, before the user's `allow` list (`recognize.ts` applies it). `typed` is
 * the node whose type is the value (`await open(p)` for a value bound from an awaited call); `acquisition` is what the
 * catalog acquires with `source`, if anything. Cheap syntactic checks run first; the type is asked only when the
 * catalog does not know the source, and only in typed mode.
 */
export function disposableValueOf(
  model: ResourceModel,
  types: TypeServices | null,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
  typed: TSESTree.Expression,
  acquisition: Acquisition | null,
): DisposableValue | null {
  if (isTestDoubleCall(model, source)) return null;
  let resource: ResourceSpec | null = null;
  if (source.type === AST_NODE_TYPES.NewExpression) resource = disposableGlobalOf(model, source);
  else if (acquisition?.resource.disposable) resource = acquisition.resource;
  if (resource) {
    return {
      source,
      resource,
      sync: resource.disposable === 'sync',
      async: resource.disposable === 'async',
      eventDriven: false,
      noun: resource.noun,
      bindingName: camelCase(resource.noun),
      label: callLabel(model, source),
    };
  }
  if (!types) return null;
  if (
    isCallOrAwaitOf(typed, source) &&
    (!worthTyping(model, source) || !mayMakeDisposable(types, source, typed.type === AST_NODE_TYPES.AwaitExpression))
  )
    return null;
  const type = typeOfNode(types, typed);
  const sync = isDisposable(types, type);
  const async = isAsyncDisposable(types, type);
  if (!sync && !async) return null;
  if (isNodeTimer(types, type) || isIteratorLike(types, type) || isStream(types, type) || isTestDouble(types, type))
    return null;
  const origin = typeOrigin(types, type);
  const known = catalogResourceOfType(types, type);
  return {
    source,
    resource: known,
    sync,
    async,
    eventDriven: known === null && isEventDriven(types, type),
    noun: known?.noun ?? (origin ? `\`${origin.name}\` value` : 'Disposable value'),
    bindingName: camelCase(known?.noun ?? origin?.name ?? 'disposable'),
    label: callLabel(model, source),
  };
}

/**
 * Is the Disposable `value` excluded by the user's `allow` list: by where its source comes from, or (typed) by where
 * its type is declared? `typed` is the node whose type is the value, as for {@link disposableValueOf}.
 */
export function isAllowedDisposable(
  query: DisposableQuery,
  value: DisposableValue,
  typed: TSESTree.Expression,
): boolean {
  const { context, model, types, allow } = query;
  if (allow.length === 0) return false;
  if (matchesSomeSpecifier(allow, valueProvenance(model, context.filename, value.source), context.cwd)) return true;
  if (!types) return false;
  const origin = typeOrigin(types, typeOfNode(types, typed));
  return origin !== null && matchesSomeSpecifier(allow, origin, context.cwd);
}

/**
 * Methods that make something with a life of its own: `open`, `connect`, `acquire`, `lock`, `begin`, `start`,
 * `createSession`, `spawn`, `watch`, `subscribe`, `enter`, `reserve`, `checkout`, `fork`, `listen`, `use`.
 */
const MAKING_METHOD =
  /^(?:open|connect|acquire|lock|begin|start|create|spawn|watch|subscribe|enter|reserve|checkout|fork|listen|use|obtain|take|alloc)(?![a-z])/u;

/**
 * The syntactic gate before a call's type is asked (the brief's "type-aware rules use the TypeScript checker only
 * after cheap syntactic checks pass"): a `new`, a call of a function by its name (`connect()`, `make(() => …)`), or a
 * method whose name says it makes something ({@link MAKING_METHOD}, the catalog's acquiring names, the in-house and
 * semaphore verbs). A method call with any other name (`subscriber.next(v)`, `list.push(x)`, `source.subscribe(…)`
 * of an operator's callback parameter) is not typed: resolving its receiver (often a contextually typed callback
 * parameter) is most of what the typed rules cost, and such calls hardly ever make a Disposable. That one is made
 * there and dropped is a finding given up (docs/rules/no-floating-resource.md and prefer-using.md, "Limitations").
 */
export function worthTyping(model: ResourceModel, source: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (source.type === AST_NODE_TYPES.NewExpression) return true;
  const callee = skipWrappers(source.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return true;
  const name = calleeName(source);
  if (name === null) return false;
  return (
    MAKING_METHOD.test(name) ||
    model.isCandidateName(name) ||
    inHousePairs.has(name) ||
    semaphoreAcquireMethods.includes(name)
  );
}

/** `typed` is `source` itself or `await source` (through parentheses and `?.`, not through a type assertion). */
function isCallOrAwaitOf(typed: TSESTree.Expression, source: TSESTree.Node): boolean {
  let value = typed.type === AST_NODE_TYPES.AwaitExpression ? typed.argument : typed;
  if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
  return value === source;
}

/** `file handle` → `fileHandle`, `AsyncConn` → `asyncConn`. */
export function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/u).filter((word) => word !== '');
  const [first = 'resource', ...rest] = words;
  return (
    first.charAt(0).toLowerCase() +
    first.slice(1) +
    rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')
  );
}
