/**
 * Timers, event listeners and similar handles: what starts one, what stops it, and which options make it stop by itself.
 *
 * One named predicate per question, shared by every rule that reasons about handles (`no-leaked-timer`,
 * `no-leaked-listener`, `no-floating-resource`, `require-stop-signal`, `dispose-owned-resources`, …). Every predicate
 * is syntactic and scope-aware: a local function called `setInterval` or a local `window` is not the global one.
 *
 * Pass the file's {@link ResourceModel} (`resourceModel(context)`); it carries the source code (for scopes) and the
 * import provenance (`timers`, `node:timers`, `timers/promises`, through `require` and const aliases).
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import {
  enclosingFunction,
  isFunction,
  parentThroughWrappers,
  propertyName,
  requireSource,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { walk } from '../util/walk.js';
import type { ResourceSpec } from './catalog.js';
import type { Acquisition, ResourceModel } from './match.js';
import { normalizeModule } from './settings.js';

// ---------------------------------------------------------------------------------------------------------------------
// Timers
// ---------------------------------------------------------------------------------------------------------------------

/** What a timer does: repeat (`setInterval`), fire once after a delay (`setTimeout`), or fire once soon (`setImmediate`). */
export type TimerKind = 'interval' | 'timeout' | 'immediate';

/** One call recognised as starting a timer. */
export interface TimerStart {
  readonly call: TSESTree.CallExpression;
  readonly kind: TimerKind;
  /** The function's own name: `setInterval`, `setTimeout`, `setImmediate`. */
  readonly name: string;
  /**
   * The timer comes from `timers/promises`: it resolves a promise (`setTimeout`, `setImmediate`) or is an async
   * iterator (`setInterval`), has no id to clear, and is cancelled through its `signal` (or by leaving `for await`).
   */
  readonly promises: boolean;
  /** The `signal` of an options object argument (`{ signal }`, `{ signal: ac.signal }`), else null. */
  readonly signal: TSESTree.Node | null;
  /** The function that cancels it by id (`clearInterval`), or null for `timers/promises`. */
  readonly clearName: string | null;
}

/** One call recognised as cancelling a timer by id. */
export interface TimerClear {
  readonly call: TSESTree.CallExpression;
  /** `clearInterval`, `clearTimeout` or `clearImmediate`. */
  readonly name: string;
  /** The id argument, without `as`/`!` wrappers; null for a call without arguments. */
  readonly id: TSESTree.Expression | null;
}

const TIMER_STARTS: ReadonlyMap<string, TimerKind> = new Map([
  ['setInterval', 'interval'],
  ['setTimeout', 'timeout'],
  ['setImmediate', 'immediate'],
]);

const TIMER_CLEARS: ReadonlyMap<TimerKind, string> = new Map([
  ['interval', 'clearInterval'],
  ['timeout', 'clearTimeout'],
  ['immediate', 'clearImmediate'],
]);

const CLEAR_NAMES: ReadonlySet<string> = new Set(TIMER_CLEARS.values());

/** Modules whose exports are the callback timers (`timers`, `node:timers`). */
export const timerModules: readonly string[] = ['timers'];
/** Modules whose exports are the promise timers (`timers/promises`, `node:timers/promises`). */
export const promiseTimerModules: readonly string[] = ['timers/promises'];

/** Objects through which the global timer and event functions are reached: `window.setInterval(…)`. */
export const globalObjectNames: readonly string[] = ['window', 'globalThis', 'self', 'global'];

/** `setInterval`, `setTimeout`, `setImmediate`. */
export const timerStartNames: readonly string[] = [...TIMER_STARTS.keys()];

/** Cheapest test first: is `name` one of `setInterval`, `setTimeout`, `setImmediate`? */
export function isTimerStartName(name: string | null): boolean {
  return name !== null && TIMER_STARTS.has(name);
}

/** Cheapest test first: is `name` one of `clearInterval`, `clearTimeout`, `clearImmediate`? */
export function isTimerClearName(name: string | null): boolean {
  return name !== null && CLEAR_NAMES.has(name);
}

const localTimerNames = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/**
 * Local names that `timers`, `node:timers` or `timers/promises` exports are bound to at module level under another
 * name: `import { setInterval as every } from 'node:timers'`, `const { setTimeout: sleep } = require('timers/promises')`.
 */
export function timerAliases(model: ResourceModel): ReadonlySet<string> {
  const program = model.sourceCode.ast;
  let names = localTimerNames.get(program);
  if (names) return names;
  const found = new Set<string>();
  const modules = [...timerModules, ...promiseTimerModules];
  const isTimerModule = (source: string | null): boolean =>
    source !== null && modules.includes(normalizeModule(source));
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && isTimerModule(statement.source.value)) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier) found.add(specifier.local.name);
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !declarator.init) continue;
        if (!isTimerModule(requireSource(skipWrappers(declarator.init)))) continue;
        for (const property of declarator.id.properties) {
          if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier)
            found.add(property.value.name);
        }
      }
    }
  }
  names = found;
  localTimerNames.set(program, names);
  return names;
}

/**
 * Cheapest test first: could this call start a timer? Its called name is `setInterval`/`setTimeout`/`setImmediate`
 * (`kinds` narrows it), or a module-level alias of a `timers` export (see {@link timerAliases}).
 */
export function isTimerStartCandidate(
  call: TSESTree.CallExpression,
  model: ResourceModel,
  kinds?: ReadonlySet<TimerKind>,
): boolean {
  const callee = skipWrappers(call.callee);
  const name = staticCalleeName(callee);
  if (name === null) return false;
  const kind = TIMER_STARTS.get(name);
  if (kind) return kinds === undefined || kinds.has(kind);
  return callee.type === AST_NODE_TYPES.Identifier && timerAliases(model).has(name);
}

/**
 * The timer this call starts, or null. Recognises the globals (`setInterval(…)`, `window.setInterval(…)`,
 * `globalThis.setTimeout(…)`) unless shadowed, and the exports of `timers`/`node:timers` and
 * `timers/promises`/`node:timers/promises` through imports, `require` and const aliases.
 */
export function timerStartOf(call: TSESTree.CallExpression, model: ResourceModel): TimerStart | null {
  const callee = skipWrappers(call.callee);
  const name = exportedName(callee, model);
  if (name === null) return null;
  const kind = TIMER_STARTS.get(name);
  if (!kind) return null;
  const source = functionSource(callee, name, model);
  if (source === null) return null;
  const promises = source === 'promises';
  return {
    call,
    kind,
    name,
    promises,
    signal: signalOption(call.arguments),
    clearName: promises ? null : TIMER_CLEARS.get(kind)!,
  };
}

/** The timer this call cancels (`clearInterval(id)`, `timers.clearTimeout(id)`), or null. */
export function timerClearOf(call: TSESTree.CallExpression, model: ResourceModel): TimerClear | null {
  const callee = skipWrappers(call.callee);
  const name = exportedName(callee, model);
  if (name === null || !CLEAR_NAMES.has(name)) return null;
  if (functionSource(callee, name, model) !== 'callbacks') return null;
  const first = call.arguments[0];
  const id = first && first.type !== AST_NODE_TYPES.SpreadElement ? skipWrappers(first) : null;
  return { call, name, id };
}

/**
 * Does this call cancel the timer whose id is stored at `idKey` (a {@link referenceKey} text: `timer`, `this.timer`)?
 * `clearInterval` and `clearTimeout` cancel either kind of timer (in browsers and in Node), so both count.
 */
export function isTimerClear(call: TSESTree.CallExpression, idKey: string, model: ResourceModel): boolean {
  const clear = timerClearOf(call, model);
  return clear?.id != null && referenceKey(clear.id, model) === idKey;
}

/**
 * The timer object a `x.unref()` call (no arguments) detaches from the event loop: `x`, or the timer call itself in
 * `setInterval(…).unref()`. Null for any other call.
 */
export function unrefTargetOf(call: TSESTree.CallExpression): TSESTree.Expression | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length > 0) return null;
  if (propertyName(callee) !== 'unref') return null;
  return skipWrappers(callee.object);
}

/** Does this call `unref()` the timer stored at `idKey` (`timer.unref()`, `this.timer?.unref()`)? */
export function isTimerUnref(call: TSESTree.CallExpression, idKey: string, model: ResourceModel): boolean {
  const target = unrefTargetOf(call);
  return target !== null && referenceKey(target, model) === idKey;
}

/** Is this timer start immediately detached from the event loop: `setInterval(…).unref()`? */
export function isUnrefedAtStart(start: TimerStart): boolean {
  const { child, parent } = parentThroughWrappers(start.call);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
  const call = parent.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent && unrefTargetOf(call) !== null;
}

/** The resource a callback timer is, for the lifetime analysis: released by `clearInterval`/`clearTimeout`/`clearImmediate`. */
const TIMER_RESOURCES: Readonly<Record<TimerKind, ResourceSpec>> = {
  interval: timerResource('interval'),
  timeout: timerResource('timeout'),
  immediate: timerResource('immediate'),
};

function timerResource(kind: TimerKind): ResourceSpec {
  return {
    id: `timers:${kind}`,
    kind: 'handle',
    noun: kind,
    release: { functions: [...CLEAR_NAMES], idempotent: true },
  };
}

const timerAcquisitions = new WeakMap<TSESTree.CallExpression, Acquisition>();

/**
 * The timer start as an {@link Acquisition}, so the shared lifetime analysis (`lifetimeOf`, `verdictFor`) can follow
 * its id through the owner: `clearInterval(id)`/`clearTimeout(id)`/`clearImmediate(id)` release it; returning the id,
 * storing it or passing it on hands it off. Memoised per call.
 */
export function timerAcquisition(start: TimerStart): Acquisition {
  let acquisition = timerAcquisitions.get(start.call);
  if (!acquisition) {
    const resource = TIMER_RESOURCES[start.kind];
    acquisition = {
      call: start.call,
      acquirer: { method: start.name, source: { type: 'module', modules: timerModules, path: [start.name] }, resource },
      resource,
      receiver: null,
      receiverKey: null,
      label: `${start.name}()`,
    };
    timerAcquisitions.set(start.call, acquisition);
  }
  return acquisition;
}

// ---------------------------------------------------------------------------------------------------------------------
// Listeners
// ---------------------------------------------------------------------------------------------------------------------

// They live in ./listeners.ts; re-exported here for the modules that still import them from this file.
export {
  endOfLifeEventTypes,
  isAppLifetimeListener,
  isGlobalTarget,
  isListenerRemovalFor,
  listenerAdditionOf,
  listenerRemovalOf,
  runsAtMostOnce,
  type ListenerAddition,
  type ListenerRemoval,
} from './listeners.js';

/** Methods that register a per-request handler: `app.get('/x', handler)`, `router.post(…)`, `http.createServer(handler)`. */
export const requestHandlerMethods: readonly string[] = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'head',
  'options',
  'use',
  'route',
  'createServer',
];

/**
 * Is `fn` a per-request handler: the last argument of a route registration (`app.get('/path', (req, res) => …)`,
 * `router.use(fn)`) or of `createServer`? Listener callbacks are recognised through {@link listenerAdditionOf}.
 */
export function isRequestHandler(fn: FunctionNode): boolean {
  const { child, parent } = parentThroughWrappers(fn);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee === child || parent.arguments.at(-1) !== child)
    return false;
  const callee = skipWrappers(parent.callee);
  const name = staticCalleeName(callee);
  if (name === null || !requestHandlerMethods.includes(name)) return false;
  if (name === 'createServer') return true;
  // `map.get(key, fallback)`, `arr.options(x)`: a route takes a path (or only handlers for `use`).
  const first = parent.arguments[0];
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    first !== undefined &&
    (first === child ||
      first.type === AST_NODE_TYPES.Literal ||
      first.type === AST_NODE_TYPES.TemplateLiteral ||
      name === 'use')
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Owners: teardown methods and effects
// ---------------------------------------------------------------------------------------------------------------------

/**
 * Method names that end an owner's life; a release in one of them counts. Computed well-known symbols are written
 * `[Symbol.dispose]` / `[Symbol.asyncDispose]`. Rules expose this list through an option (see `src/util/schema.ts`).
 */
export const teardownMethodNames: readonly string[] = [
  'stop',
  'close',
  'dispose',
  'destroy',
  '[Symbol.dispose]',
  '[Symbol.asyncDispose]',
  'disconnect',
  'unmount',
  'componentWillUnmount',
  'disconnectedCallback',
  'ngOnDestroy',
  'beforeUnmount',
  'unmounted',
  'beforeDestroy',
  'destroyed',
  'onDestroy',
  'shutdown',
  'terminate',
  'teardown',
  'cleanup',
  'unsubscribe',
  'end',
  'quit',
];

/** React-style hooks whose callback may return a cleanup function. */
export const effectHookNames: readonly string[] = ['useEffect', 'useLayoutEffect'];

/**
 * The name a class member is declared with: `stop`, `#stop` → `#stop`, `'stop'`, `[Symbol.dispose]` →
 * `[Symbol.dispose]`; null for other computed keys.
 */
export function memberName(
  member: TSESTree.ClassElement & { key: TSESTree.Expression | TSESTree.PrivateIdentifier; computed: boolean },
): string | null {
  const key = member.key;
  if (member.computed) {
    if (
      key.type === AST_NODE_TYPES.MemberExpression &&
      key.object.type === AST_NODE_TYPES.Identifier &&
      key.object.name === 'Symbol'
    ) {
      const symbol = propertyName(key);
      return symbol === null ? null : `[Symbol.${symbol}]`;
    }
    return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : null;
  }
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return null;
}

/**
 * Is `name` one of `names` (by default {@link teardownMethodNames})? `#stop` matches `stop`, and `@@dispose`
 * (`calleeName` of `x[Symbol.dispose]()`) matches `[Symbol.dispose]`.
 */
export function isTeardownName(name: string | null, names: readonly string[] = teardownMethodNames): boolean {
  if (name === null) return false;
  const plain = name.startsWith('#') ? name.slice(1) : name;
  const symbol =
    plain === '@@dispose' ? '[Symbol.dispose]' : plain === '@@asyncDispose' ? '[Symbol.asyncDispose]' : plain;
  return names.includes(symbol);
}

/**
 * The effect callback of a hook call — `useEffect(() => …, deps)`, `React.useEffect(function () { … })` — when the
 * hook's name is in `hooks` (by default {@link effectHookNames}); else null.
 */
export function effectCallbackOf(
  call: TSESTree.CallExpression,
  hooks: readonly string[] = effectHookNames,
): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | null {
  const name = staticCalleeName(skipWrappers(call.callee));
  if (name === null || !hooks.includes(name)) return null;
  const first = call.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
  const callback = skipWrappers(first);
  return callback.type === AST_NODE_TYPES.ArrowFunctionExpression || callback.type === AST_NODE_TYPES.FunctionExpression
    ? callback
    : null;
}

/**
 * The cleanup functions an effect callback returns: `return () => clearInterval(id)`, `return function () { … }`,
 * `return stop` (a function declared in the effect), or the expression body of an arrow (`() => subscribe(x)` is not
 * a function and gives nothing). Nested functions' returns are not the effect's.
 */
export function effectCleanupsOf(
  callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
): TSESTree.Node[] {
  const cleanups: TSESTree.Node[] = [];
  const add = (value: TSESTree.Expression | null | undefined): void => {
    if (!value) return;
    const expression = skipWrappers(value);
    if (isFunction(expression)) cleanups.push(expression);
    else if (expression.type === AST_NODE_TYPES.Identifier) {
      const local = localFunctionOf(expression, callback);
      cleanups.push(local ?? expression);
    }
  };
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) {
    add(callback.body);
    return cleanups;
  }
  forEachOwnReturn(callback.body, (statement) => {
    add(statement.argument);
  });
  return cleanups;
}

/** Calls `visit` for every `return` of the function whose body is `body`, not descending into nested functions. */
export function forEachOwnReturn(
  body: TSESTree.BlockStatement,
  visit: (statement: TSESTree.ReturnStatement) => void,
): void {
  const stack: TSESTree.Node[] = [...body.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
        visit(node);
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
        stack.push(...node.body);
        break;
      case AST_NODE_TYPES.IfStatement:
        stack.push(node.consequent);
        if (node.alternate) stack.push(node.alternate);
        break;
      case AST_NODE_TYPES.TryStatement:
        stack.push(node.block);
        if (node.handler) stack.push(node.handler.body);
        if (node.finalizer) stack.push(node.finalizer);
        break;
      case AST_NODE_TYPES.SwitchStatement:
        for (const switchCase of node.cases) stack.push(...switchCase.consequent);
        break;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.LabeledStatement:
      case AST_NODE_TYPES.WithStatement:
        stack.push(node.body);
        break;
      default:
        break;
    }
  }
}

/**
 * Does `fn` run once for the whole life of the program: a function named `main`, or a function called right where it
 * is written at module level (`(async () => { … })()`, `void main()` style IIFEs)? Handles it starts are app-lifetime.
 */
export function isAppLifetimeFunction(fn: FunctionNode): boolean {
  if (fn.id?.name === 'main') return true;
  const { child, parent } = parentThroughWrappers(fn);
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier &&
    parent.id.name === 'main'
  )
    return true;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== child) return false;
  return isModuleLevel(parent);
}

/**
 * Does `fn` register a quit handler: a callback of its own that ends the process normally (`process.exit()` or
 * `process.exit(0)`, the global `process`), as a terminal UI's `q` key does? Such a function owns the process's end,
 * so what it starts runs for the life of the program. An exit on an error path (`process.exit(1)`) or straight in
 * `fn` says nothing of the kind.
 */
export function registersQuitHandler(fn: FunctionNode, model: ResourceModel): boolean {
  let found = false;
  walk(model.sourceCode.visitorKeys, fn.body, (node) => {
    if (found) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'exit') return undefined;
    const object = skipWrappers(callee.object);
    if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'process' || !isGlobal(object, model))
      return undefined;
    const [code] = node.arguments;
    const normal = code === undefined || (code.type === AST_NODE_TYPES.Literal && code.value === 0);
    if (normal && enclosingFunction(node) !== fn) found = true;
    return undefined;
  });
  return found;
}

/** Is `node` outside every function and class body (it runs once, when the module loads)? */
export function isModuleLevel(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) || current.type === AST_NODE_TYPES.ClassBody) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------------------------------

/**
 * The text of a reference with spacing, comments, `!` and `?.` normalised, as `ResourceModel.keyOf`, but keeping the
 * `#` of private names: `this.#timer` and `this.timer` are different fields. Compare handle keys only with this.
 */
export function referenceKey(node: TSESTree.Node, model: ResourceModel): string {
  return model.keyOf(node);
}

/**
 * The `signal` of an options object among `args` (`{ signal }`, `{ signal: ac.signal }`, `{ ...rest, signal }`),
 * else null. Timers from `timers/promises` take it last; `addEventListener` takes it third.
 */
export function signalOption(args: readonly TSESTree.CallExpressionArgument[]): TSESTree.Node | null {
  for (let index = args.length - 1; index >= 0; index--) {
    const argument = args[index]!;
    if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const value = propertyValue(skipWrappers(argument), 'signal');
    if (value !== null) return value;
  }
  return null;
}

/** Is `node` (an identifier) the unshadowed global of that name? Globals declared in config or lib count. */
export function isGlobal(node: TSESTree.Identifier, model: ResourceModel): boolean {
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(node), node.name);
  return !variable || variable.defs.length === 0;
}

/** `window`, `globalThis`, `self`, `global` (unshadowed). */
function isGlobalObject(node: TSESTree.Expression, model: ResourceModel): boolean {
  return node.type === AST_NODE_TYPES.Identifier && globalObjectNames.includes(node.name) && isGlobal(node, model);
}

/**
 * Where a timer function comes from: `callbacks` (global or `timers`), `promises` (`timers/promises`), or null
 * (a local function, a method of something else).
 */
function functionSource(
  callee: TSESTree.Expression,
  name: string,
  model: ResourceModel,
): 'callbacks' | 'promises' | null {
  if (callee.type === AST_NODE_TYPES.Identifier && isGlobal(callee, model)) return 'callbacks';
  if (callee.type === AST_NODE_TYPES.MemberExpression && isGlobalObject(skipWrappers(callee.object), model))
    return 'callbacks';
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const origin = model.originOf(callee);
  if (!origin || origin.instance || origin.path.length !== 1 || origin.path[0] !== name) return null;
  if (timerModules.includes(origin.module)) return 'callbacks';
  if (promiseTimerModules.includes(origin.module)) return 'promises';
  return null;
}

/** The callee's own name, or for a module-level alias of a `timers` export (`every` for `setInterval`) the export's name. */
function exportedName(callee: TSESTree.Expression, model: ResourceModel): string | null {
  const name = staticCalleeName(callee);
  if (name === null || TIMER_STARTS.has(name) || CLEAR_NAMES.has(name) || callee.type !== AST_NODE_TYPES.Identifier)
    return name;
  if (!timerAliases(model).has(name)) return name;
  const origin = model.originOf(callee);
  return origin && !origin.instance && origin.path.length === 1 ? origin.path[0]! : name;
}

function staticCalleeName(callee: TSESTree.Expression): string | null {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  return null;
}

/** The value of property `key` in an object literal (`{ key }`, `{ key: v }`, `{ 'key': v }`), else null. */
export function propertyValue(node: TSESTree.Node, key: string): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (let index = node.properties.length - 1; index >= 0; index--) {
    const property = node.properties[index]!;
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const name =
      property.key.type === AST_NODE_TYPES.Identifier
        ? property.key.name
        : property.key.type === AST_NODE_TYPES.Literal
          ? String(property.key.value)
          : null;
    if (name === key) return property.value;
  }
  return null;
}

/** The function declared as `name` directly in `owner` (`function stop() {}`, `const stop = () => {}`), else null. */
function localFunctionOf(name: TSESTree.Identifier, owner: TSESTree.Node): TSESTree.Node | null {
  const body =
    'body' in owner && owner.body && (owner.body as TSESTree.Node).type === AST_NODE_TYPES.BlockStatement
      ? (owner.body as TSESTree.BlockStatement)
      : null;
  if (!body) return null;
  for (const statement of body.body) {
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id?.name === name.name) return statement;
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          declarator.id.name === name.name &&
          declarator.init &&
          isFunction(skipWrappers(declarator.init))
        ) {
          return skipWrappers(declarator.init);
        }
      }
    }
  }
  return null;
}
