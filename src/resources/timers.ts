/**
 * Timers: what starts one (`setInterval`, `setTimeout`, `setImmediate`, their `timers` and `timers/promises` exports),
 * what cancels it (`clearInterval`, `clearTimeout`, `clearImmediate`), and which calls on a Node timer object manage it
 * by hand (`unref()`, `close()`, `[Symbol.dispose]()`).
 *
 * One named predicate per question, shared by every rule that reasons about timers (`no-leaked-timer`,
 * `no-floating-resource`, `no-use-after-release`, `require-stop-signal`, …). Every predicate is syntactic and
 * scope-aware: a local function called `setInterval` or a local `window` is not the global one.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import {
  calleeName,
  parentThroughWrappers,
  propertyName,
  namedImportsOf,
  signalOption,
  skipWrappers,
} from '../util/ast.js';
import type { ResourceSpec } from './catalog.js';
import { isGlobal, isGlobalObject, referenceKey } from './scope.js';
import type { Acquisition, ResourceModel } from './match.js';
import { normalizeModule } from './settings.js';

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

const TIMER_CLEARS: Readonly<Record<TimerKind, string>> = {
  interval: 'clearInterval',
  timeout: 'clearTimeout',
  immediate: 'clearImmediate',
};

const CLEAR_NAMES: ReadonlySet<string> = new Set(Object.values(TIMER_CLEARS));

/** Modules whose exports are the callback timers (`timers`, `node:timers`). */
export const timerModules: readonly string[] = ['timers'];
/** Modules whose exports are the promise timers (`timers/promises`, `node:timers/promises`). */
export const promiseTimerModules: readonly string[] = ['timers/promises'];

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
  const cached = localTimerNames.get(program);
  if (cached) return cached;
  const modules = [...timerModules, ...promiseTimerModules];
  const found = new Set(namedImportsOf(program, (source) => modules.includes(normalizeModule(source))).keys());
  localTimerNames.set(program, found);
  return found;
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
  const name = calleeName(call);
  if (name === null) return false;
  const kind = TIMER_STARTS.get(name);
  if (kind) return kinds === undefined || kinds.has(kind);
  return skipWrappers(call.callee).type === AST_NODE_TYPES.Identifier && timerAliases(model).has(name);
}

/**
 * The timer this call starts, or null. Recognises the globals (`setInterval(…)`, `window.setInterval(…)`,
 * `globalThis.setTimeout(…)`) unless shadowed, and the exports of `timers`/`node:timers` and
 * `timers/promises`/`node:timers/promises` through imports, `require` and const aliases. Analyses and rules read it
 * through `recognize.ts` (`resourceAt`, `timerAt`), which asks {@link isTimerStartCandidate} first.
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
    clearName: promises ? null : TIMER_CLEARS[kind],
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
 * Would a call of `clearName` written at `at` reach the timer function: the name is unshadowed there (the global), or
 * bound to that very export of `timers`/`node:timers` (`import { clearInterval } from 'node:timers'`)?
 */
export function isTimerClearReachable(clearName: string, at: TSESTree.Node, model: ResourceModel): boolean {
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(at), clearName);
  if (!variable || variable.defs.length === 0) return true;
  const [def] = variable.defs;
  if (variable.defs.length !== 1 || def?.name.type !== AST_NODE_TYPES.Identifier) return false;
  const origin = model.originOf(def.name);
  return (
    origin !== null && timerModules.includes(origin.module) && origin.path.length === 1 && origin.path[0] === clearName
  );
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
  return unrefCallAtStart(start) !== null;
}

/**
 * The expression whose value is the started timer: the `setInterval(…).unref()` call when it is unrefed at once (Node's
 * `unref()` returns the timer), else the start call itself.
 */
export function timerValueOf(start: TimerStart): TSESTree.CallExpression {
  return unrefCallAtStart(start) ?? start.call;
}

function unrefCallAtStart(start: TimerStart): TSESTree.CallExpression | null {
  const { child, parent } = parentThroughWrappers(start.call);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return null;
  const call = parent.parent;
  return call.type === AST_NODE_TYPES.CallExpression && call.callee === parent && unrefTargetOf(call) !== null
    ? call
    : null;
}

/** Methods of a Node timer object that stop it (`close()`, `[Symbol.dispose]()`, as `calleeName` spells them). */
const TIMER_STOP_METHODS: ReadonlySet<string> = new Set(['close', '@@dispose']);
/** Methods of a Node timer object through which its author manages it by hand: the stops, `unref()`, `refresh()`. */
const TIMER_HANDLE_METHODS: ReadonlySet<string> = new Set([...TIMER_STOP_METHODS, 'unref', 'refresh']);

/** The call of a method on `node` (`node.close()`, `node?.[Symbol.dispose]()`) and its `calleeName`, else null. */
function methodCallOn(node: TSESTree.Node): { call: TSESTree.CallExpression; name: string | null } | null {
  const { child, parent } = parentThroughWrappers(node);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return null;
  const member = parentThroughWrappers(parent);
  if (member.parent?.type !== AST_NODE_TYPES.CallExpression || member.parent.callee !== member.child) return null;
  return { call: member.parent, name: calleeName(member.parent) };
}

/** The call that stops the Node timer object `node` by a method of its own (`timer.close()`, `timer[Symbol.dispose]()`). */
export function timerStopMethodCallOn(node: TSESTree.Node): TSESTree.CallExpression | null {
  const method = methodCallOn(node);
  return method?.name != null && TIMER_STOP_METHODS.has(method.name) ? method.call : null;
}

/** Is a method of the Node timer object called on `node`: `t.unref()`, `t.close()`, `t[Symbol.dispose]()`, `t.refresh()`? */
export function isTimerHandleMethodCallOn(node: TSESTree.Node): boolean {
  const method = methodCallOn(node);
  return method?.name != null && TIMER_HANDLE_METHODS.has(method.name);
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
  const cached = timerAcquisitions.get(start.call);
  if (cached) return cached;
  const resource = TIMER_RESOURCES[start.kind];
  const acquisition: Acquisition = {
    call: start.call,
    acquirer: { method: start.name, source: { type: 'module', modules: timerModules, path: [start.name] }, resource },
    resource,
    receiver: null,
    receiverKey: null,
    label: `${start.name}()`,
  };
  timerAcquisitions.set(start.call, acquisition);
  return acquisition;
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
  if (callee.type !== AST_NODE_TYPES.Identifier)
    return callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
  const name = callee.name;
  if (TIMER_STARTS.has(name) || CLEAR_NAMES.has(name) || !timerAliases(model).has(name)) return name;
  const origin = model.originOf(callee);
  const [exported] = origin && !origin.instance && origin.path.length === 1 ? origin.path : [];
  return exported ?? name;
}
