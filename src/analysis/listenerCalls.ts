/**
 * Listeners that pile up per call of a function, whoever the function belongs to: a listener on the caller's
 * `AbortSignal` that stays until an abort that may never come, a `once` listener that loses a race on a long-lived
 * target and stays behind, and a listener that a plain function or an object-literal method adds to a long-lived
 * target (`window`, `document`, `process`, a module-level emitter) without removing it.
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  isGlobalTarget,
  isListenerRemovalFor,
  isListenerAdditionName,
  listenerAdditionOf,
  type ListenerAddition,
  oneShotEventTypes,
} from '../resources/listeners.js';
import type { ResourceModel } from '../resources/match.js';
import { timerClearOf } from '../resources/timers.js';
import { releaseMethodNames } from '../resources/vocabulary.js';
import {
  calleeName,
  contains,
  enclosingFunction,
  isFunction,
  isPromiseExecutor,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { walk } from '../util/walk.js';
import { listenerRemovalsIn } from './listenerFacts.js';
import { removalMatcher, removesStoredHandler, storedHandlerPaths } from './removalMatch.js';
import { functionRoleOf, isAppLifetimeCode, ownerOf } from './owners.js';

/** A listener left behind by each call of `fn`. */
export type PerCallLeak =
  /** On a signal the caller passed in (`signal?.addEventListener('abort', onAbort)`), never removed. */
  | { readonly kind: 'signalListener'; readonly fn: FunctionNode }
  /** A `once` listener on a long-lived target that stays when `winner`, another event, settles the call first. */
  | { readonly kind: 'lostRace'; readonly fn: FunctionNode; readonly winner: ListenerAddition }
  /** Added by a plain function or object-literal method to a long-lived target, and removed nowhere in the file. */
  | { readonly kind: 'perCall'; readonly fn: FunctionNode };

/** How far `const s = options.signal`-style aliases are followed. */
const MAX_ALIAS_DEPTH = 4;

/** The signal-listener and lost-race leaks (checked before `once` and `{ once: true }` are taken as removal). */
export function perCallOnceLeakOf(addition: ListenerAddition, model: ResourceModel): PerCallLeak | null {
  if (addition.signal !== null) return null;
  if (addition.style === 'dom' && addition.typeKey === 'abort') {
    const fn = callerParameterOwner(addition.target, model, 0);
    if (
      fn &&
      !isAppLifetimeCode(addition.call, model) &&
      !isCallersListener(addition.handler, model) &&
      !isRemovedIn(fn, addition, model) &&
      !stopsWorkOnAbort(addition.handler, fn, model)
    )
      return { kind: 'signalListener', fn };
    return null;
  }
  if (!addition.once) return null;
  const winner = raceWinner(addition, model);
  if (!winner) return null;
  const fn = outlivingRootFunction(addition.target, model, 0);
  if (!fn || isAppLifetimeCode(addition.call, model) || isRemovedIn(fn, addition, model)) return null;
  return { kind: 'lostRace', fn, winner };
}

/**
 * The plain-function leak: `function setup() { window.addEventListener('resize', () => layout()) }`. Not when the
 * function forwards its caller's handler or type (`on(type, fn) { bus.on(type, fn) }`), runs only while the target
 * has no such listener or behind a once-only flag, or a removal of the same listener is anywhere in the file.
 */
export function plainFunctionLeakOf(addition: ListenerAddition, model: ResourceModel): PerCallLeak | null {
  const owner = ownerOf(addition.call, model);
  if (owner.kind !== 'function' || isAppLifetimeCode(addition.call, model)) return null;
  // Straight in the function: a callback handed to other code (`useMount(() => …)`) runs when that code decides.
  if (isPromiseExecutor(owner.fn) || enclosingFunction(addition.call) !== owner.fn) return null;
  if (!isGlobalTarget(addition.target, model) && !isModuleLevelValue(addition.target, model)) return null;
  // `process` listeners in functions are mostly a CLI's or daemon's own, registered once (measured on the corpus).
  if (rootName(addition.target) === 'process') return null;
  if (isCallersListener(addition.handler, model) || isParameterOf(addition.type, model)) return null;
  if (isGuardedByFlag(addition.call, owner.fn, model)) return null;
  if (listenerRemovalsIn(model.sourceCode.ast, model).some(removalMatcher(addition, model, [addition.targetKey])))
    return null;
  return { kind: 'perCall', fn: owner.fn };
}

/**
 * The abort listener is the function's stop mechanism for work it leaves running (`poll(check, signal)` starts an
 * interval and clears it on abort; a server closed on abort): it must stay until the abort. Its handler, inline or a
 * function declared in `fn`, clears a timer or calls a release method (`close()`, `terminate()`; not `abort()`, which
 * only passes the abort on, as in a per-call fetch).
 */
function stopsWorkOnAbort(handler: TSESTree.Expression, fn: FunctionNode, model: ResourceModel): boolean {
  const body = handlerFunction(handler, fn, model);
  if (!body) return false;
  let stops = false;
  walk(model.sourceCode.visitorKeys, body, (node) => {
    if (stops) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const name = calleeName(node);
    if (timerClearOf(node, model) !== null || (name !== null && name !== 'abort' && releaseMethodNames.has(name)))
      stops = true;
    return undefined;
  });
  return stops;
}

/** The function a handler is: inline, or a local `const onAbort = () => …` / `function onAbort() {}` of `fn`. */
function handlerFunction(handler: TSESTree.Expression, fn: FunctionNode, model: ResourceModel): TSESTree.Node | null {
  if (isFunction(handler)) return handler;
  if (handler.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(handler), handler.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def || !contains(fn, def.name)) return null;
  if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && isFunction(skipWrappers(def.node.init)))
    return def.node.init;
  return null;
}

/**
 * A removal in `fn`, or anywhere in the file through the object the handler is kept in (`item.abort.listener`, removed
 * when the queued item settles).
 */
function isRemovedIn(fn: FunctionNode, addition: ListenerAddition, model: ResourceModel): boolean {
  if (listenerRemovalsIn(fn, model).some((removal) => isListenerRemovalFor(removal, addition))) return true;
  // On any target: the removal reaches the signal through the same object (`command.abort.signal`).
  const paths = storedHandlerPaths(addition, model);
  return (
    paths.length > 0 &&
    listenerRemovalsIn(model.sourceCode.ast, model).some((removal) => removesStoredHandler(removal, addition, paths))
  );
}

/** Events a target emits once in its life (`connect`, `error`, `close`): a listener left after one does not pile up. */
const ONCE_IN_A_LIFE: ReadonlySet<string> = new Set([
  ...oneShotEventTypes,
  'connect',
  'secureConnect',
  'upgrade',
  'spawn',
]);

/** `drain`, `data`, `message`: the target emits it again and again, and lives on after it. */
function isRepeatableEvent(type: string): boolean {
  return !ONCE_IN_A_LIFE.has(type);
}

/**
 * The other event that settles the same call first: a `once` listener on the same target, in the same promise executor, for
 * an event after which the target lives on (`drain`, `message`, `response`; not `error` or an end of life such as
 * `close`). When it fires, `addition` stays behind.
 */
function raceWinner(addition: ListenerAddition, model: ResourceModel): ListenerAddition | null {
  // A race settles a promise: both listeners are in the same executor (sequential listeners are a protocol's steps).
  const fn = enclosingFunction(addition.call);
  if (!fn || !isPromiseExecutor(fn)) return null;
  let winner: ListenerAddition | null = null;
  walk(model.sourceCode.visitorKeys, fn.body, (node) => {
    if (winner) return false;
    if (isFunction(node)) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression || node === addition.call) return undefined;
    if (!isListenerAdditionName(calleeName(node))) return undefined;
    const other = listenerAdditionOf(node, model);
    if (
      other?.once &&
      other.signal === null &&
      other.targetKey === addition.targetKey &&
      other.typeKey !== addition.typeKey &&
      other.type.type === AST_NODE_TYPES.Literal &&
      isRepeatableEvent(other.typeKey)
    )
      winner = other;
    return undefined;
  });
  return winner;
}

/**
 * The function called with the target (a parameter, an option of one, or an alias of those), when it may be called
 * again with the same object: a plain function, an object-literal method, a class method other than the constructor
 * (whose instance may share the caller's signal). Else null: a handler's payload, a callback's argument.
 */
function callerParameterOwner(node: TSESTree.Expression, model: ResourceModel, depth: number): FunctionNode | null {
  const root = rootOf(node);
  if (root.type !== AST_NODE_TYPES.Identifier || depth > MAX_ALIAS_DEPTH) return null;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(root), root.name);
  const def = variable?.defs[0];
  if (!variable || !def) return null;
  if (def.type === TSESLint.Scope.DefinitionType.Parameter) {
    const fn = def.node;
    return isFunction(fn) && isCalledPerUse(fn, model) ? fn : null;
  }
  const init = def.type === TSESLint.Scope.DefinitionType.Variable ? def.node.init : null;
  if (!init || variable.references.filter((reference) => reference.isWrite()).length !== 1) return null;
  return callerParameterOwner(init, model, depth + 1);
}

/** Like {@link callerParameterOwner}, and also `this.x` in a method or a module-level value: the call's function. */
function outlivingRootFunction(node: TSESTree.Expression, model: ResourceModel, depth: number): FunctionNode | null {
  const root = rootOf(node);
  const fn = enclosingFunction(node);
  if (!fn) return null;
  if (root.type === AST_NODE_TYPES.ThisExpression) {
    const method = thisMethodOf(fn, model);
    if (!method || !isCalledPerUse(method, model) || skipWrappers(node) === root) return null;
    // `this.stream = net.connect(…)` in the same method: a new object per call, not a long-lived one.
    return assignsField(method, model.keyOf(skipWrappers(node)), model) ? null : method;
  }
  if (isGlobalTarget(node, model) || isModuleLevelValue(node, model)) return outermostCaller(fn, model);
  return callerParameterOwner(node, model, depth);
}

/** Does `fn` store something in the field `key` (`this.stream = …`)? */
function assignsField(fn: FunctionNode, key: string, model: ResourceModel): boolean {
  let found = false;
  walk(model.sourceCode.visitorKeys, fn.body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && model.keyOf(skipWrappers(node.left)) === key) found = true;
    return undefined;
  });
  return found;
}

/** The function whose `this` an arrow (or the function itself) sees. */
function thisMethodOf(fn: FunctionNode, model: ResourceModel): FunctionNode | null {
  for (let current: FunctionNode | null = fn; current; current = enclosingFunction(current)) {
    if (current.type !== AST_NODE_TYPES.ArrowFunctionExpression) {
      const role = functionRoleOf(current, model);
      return role.kind === 'instance' || role.kind === 'function' ? current : null;
    }
  }
  return null;
}

/** Out from a promise executor or callback to the function the caller calls. */
function outermostCaller(fn: FunctionNode, model: ResourceModel): FunctionNode | null {
  for (let current: FunctionNode | null = fn; current; current = enclosingFunction(current)) {
    const role = functionRoleOf(current, model);
    if (role.kind === 'callback' || isPromiseExecutor(current)) continue;
    return isCalledPerUse(current, model) ? current : null;
  }
  return null;
}

/** Functions a caller may call again and again: plain functions, object and class methods (not constructors). */
function isCalledPerUse(fn: FunctionNode, model: ResourceModel): boolean {
  if (isPromiseExecutor(fn)) return false;
  const role = functionRoleOf(fn, model);
  if (role.kind === 'function' || role.kind === 'static') return true;
  return (
    role.kind === 'instance' &&
    !(role.member.type === AST_NODE_TYPES.MethodDefinition && role.member.kind === 'constructor')
  );
}

function rootName(node: TSESTree.Expression): string | null {
  const root = rootOf(node);
  return root.type === AST_NODE_TYPES.Identifier ? root.name : null;
}

/** `options.signal` → `options`, `this.stream` → `this`. */
function rootOf(node: TSESTree.Expression): TSESTree.Expression {
  let value = skipWrappers(node);
  while (value.type === AST_NODE_TYPES.MemberExpression) value = skipWrappers(value.object);
  return value;
}

/** A module-level variable or an import, or a member of one (`bus`, `events.bus`). */
function isModuleLevelValue(node: TSESTree.Expression, model: ResourceModel): boolean {
  const root = rootOf(node);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(root), root.name);
  const def = variable?.defs[0];
  if (!variable || !def) return false;
  if (def.type === TSESLint.Scope.DefinitionType.ImportBinding) return true;
  if (def.type !== TSESLint.Scope.DefinitionType.Variable) return false;
  const scope = variable.scope.variableScope.type;
  return scope === TSESLint.Scope.ScopeType.module || scope === TSESLint.Scope.ScopeType.global;
}

/**
 * Is the handler the caller's listener: a parameter (`onabort(signal, listener)` adds `listener`, also
 * `options.onChange`), or an inline function that calls one (`(listener) => ipc.on(CH, (_e, x) => listener(x))`, a
 * preload bridge's subscribe helper)? The function registers on behalf of its caller, who decides how often to
 * subscribe and keeps what removes it. A promise executor's `resolve` and `reject` are not a caller's listener.
 */
function isCallersListener(handler: TSESTree.Expression, model: ResourceModel): boolean {
  if (!isFunction(handler)) return isSubscriberParameter(rootOf(handler), handler, model);
  let forwards = false;
  walk(model.sourceCode.visitorKeys, handler.body, (node) => {
    if (forwards) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && isSubscriberParameter(calledFunctionOf(node), handler, model))
      forwards = true;
    return undefined;
  });
  return forwards;
}

/**
 * Is `node` a parameter of a function around `at` whose caller hands in the listener: not `at`'s own parameter
 * (`(_e, reply) => reply()`), not a promise executor's and not one of a callback that other code calls?
 */
function isSubscriberParameter(node: TSESTree.Expression, at: TSESTree.Node, model: ResourceModel): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const def = ASTUtils.findVariable(model.sourceCode.getScope(node), node.name)?.defs[0];
  if (def?.type !== TSESLint.Scope.DefinitionType.Parameter) return false;
  const fn = def.node;
  return (
    isFunction(fn) &&
    fn !== at &&
    contains(fn, at) &&
    !isPromiseExecutor(fn) &&
    functionRoleOf(fn, model).kind !== 'callback'
  );
}

/** The function a call runs: `listener` for `listener(x)`, `listener?.(x)`, `listener.call(this, x)`, `.apply`. */
function calledFunctionOf(call: TSESTree.CallExpression): TSESTree.Expression {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return callee;
  const name = propertyName(callee);
  return name === 'call' || name === 'apply' ? skipWrappers(callee.object) : callee;
}

function isParameterOf(node: TSESTree.Expression, model: ResourceModel): boolean {
  const value = rootOf(node);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(value), value.name);
  return variable?.defs[0]?.type === TSESLint.Scope.DefinitionType.Parameter;
}

/**
 * `if (installed) return; installed = true;`, `if (!window.__hooked) { … }`: the function runs its registrations
 * only once, behind a flag it sets (a module-level variable or a property of a global or module-level object).
 */
function isGuardedByFlag(call: TSESTree.CallExpression, fn: FunctionNode, model: ResourceModel): boolean {
  const tested = new Set<string>();
  const written = new Set<string>();
  walk(model.sourceCode.visitorKeys, fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression) {
      collectFlagKeys(node.test, model, tested);
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      const left = skipWrappers(node.left);
      if (isFlag(left, model)) written.add(model.keyOf(left));
    } else if (node.type === AST_NODE_TYPES.LogicalExpression && contains(node.right, call)) {
      collectFlagKeys(node.left, model, tested);
    }
    return undefined;
  });
  return [...tested].some((key) => written.has(key));
}

function collectFlagKeys(node: TSESTree.Node, model: ResourceModel, keys: Set<string>): void {
  walk(model.sourceCode.visitorKeys, node, (child) => {
    if (
      (child.type === AST_NODE_TYPES.Identifier || child.type === AST_NODE_TYPES.MemberExpression) &&
      isFlag(child, model)
    ) {
      keys.add(model.keyOf(child));
      return false;
    }
    return undefined;
  });
}

function isFlag(node: TSESTree.Node, model: ResourceModel): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return false;
  return isGlobalTarget(node, model) || isModuleLevelValue(node, model);
}
