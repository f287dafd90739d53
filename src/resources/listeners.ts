/**
 * Event listeners: what adds one (`addEventListener`, `on`, `once`, …), what removes it (`removeEventListener`, `off`,
 * `removeAllListeners`), which options make it stop by itself (`{ once }`, `{ signal }`), and which targets and events
 * live as long as the program (`window`, `process.on('SIGINT', …)`).
 *
 * Every predicate is syntactic and scope-aware: a local `window` or `process` is not the global one. Pass the file's
 * {@link ResourceModel} (`resourceModel(context)`).
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, propertyName, propertyValue, skipWrappers } from '../util/ast.js';
import { globalObjectNames, isGlobal, referenceKey } from './scope.js';
import type { ResourceModel } from './match.js';

/** `dom`: `addEventListener`/`removeEventListener` (EventTarget); `emitter`: `on`/`off` and friends (EventEmitter). */
export type ListenerStyle = 'dom' | 'emitter';

/** One call recognised as adding an event listener. */
export interface ListenerAddition {
  readonly call: TSESTree.CallExpression;
  /** `addEventListener`, `on`, `addListener`, `once`, `prependListener`, `prependOnceListener`. */
  readonly method: string;
  readonly style: ListenerStyle;
  /** The object listened to (without wrappers): `window`, `this.socket`, `process`. */
  readonly target: TSESTree.Expression;
  /** `referenceKey(target, model)`: `this.socket` for `this.socket?.on(…)`. */
  readonly targetKey: string;
  /** The event type argument. */
  readonly type: TSESTree.Expression;
  /** The event type's value for a string literal or plain template (`'resize'`), else its key text (`EVENTS.close`). */
  readonly typeKey: string;
  /** The handler argument (without wrappers). */
  readonly handler: TSESTree.Expression;
  /** `referenceKey(handler, model)`, or null for an inline function or a call (`fn.bind(this)`): a reference no removal can name. */
  readonly handlerKey: string | null;
  /** The variable a plain identifier handler or target names, when in scope: two locals of the same name differ. */
  readonly bindings: Bindings;
  /** The listener runs at most once: `once(…)`, `prependOnceListener(…)`, `{ once: true }`. */
  readonly once: boolean;
  /** The `signal` of the options object (`{ signal }`), else null: aborting it removes the listener. */
  readonly signal: TSESTree.Node | null;
}

/** One call recognised as removing event listeners. */
export interface ListenerRemoval {
  readonly call: TSESTree.CallExpression;
  /** `removeEventListener`, `off`, `removeListener`, `removeAllListeners`. */
  readonly method: string;
  readonly target: TSESTree.Expression;
  readonly targetKey: string;
  /** The event type, or null for `removeAllListeners()` (every type). */
  readonly typeKey: string | null;
  /**
   * The handler's key, or null for every handler of the type: `removeAllListeners(type)`, `off(type)`, or a handler
   * taken from a collection (`for (const [type, handler] of this.handlers) target.off(type, handler)`).
   */
  readonly handlerKey: string | null;
  readonly bindings: Bindings;
}

/** The scope variables a plain identifier target and handler resolve to (null: not an identifier, or unresolved). */
export interface Bindings {
  readonly target: TSESLint.Scope.Variable | null;
  readonly handler: TSESLint.Scope.Variable | null;
}

const DOM_ADD = 'addEventListener';
const DOM_REMOVE = 'removeEventListener';
const EMITTER_ADD: ReadonlySet<string> = new Set([
  'on',
  'addListener',
  'once',
  'prependListener',
  'prependOnceListener',
]);
const EMITTER_ONCE: ReadonlySet<string> = new Set(['once', 'prependOnceListener']);
const EMITTER_REMOVE: ReadonlySet<string> = new Set(['off', 'removeListener']);
const REMOVE_ALL = 'removeAllListeners';
/** Every name {@link isListenerAdditionName} accepts (the per-file prefilter looks for them in the text). */
export const listenerAdditionNames: readonly string[] = [DOM_ADD, ...EMITTER_ADD];

/** Cheapest test first: could a call of this name add a listener? */
export function isListenerAdditionName(name: string | null): boolean {
  return name !== null && (name === DOM_ADD || EMITTER_ADD.has(name));
}

/** Cheapest test first: could a call of this name remove a listener? */
export function isListenerRemovalName(name: string | null): boolean {
  return name !== null && (name === DOM_REMOVE || EMITTER_REMOVE.has(name) || name === REMOVE_ALL);
}

/**
 * The listener this call adds, or null: `target.addEventListener(type, handler, options?)` and
 * `target.on|addListener|once|prependListener|prependOnceListener(type, handler)`. The call must have a receiver and
 * at least a type and a handler; a spread argument makes it unrecognisable.
 */
export function listenerAdditionOf(call: TSESTree.CallExpression, model: ResourceModel): ListenerAddition | null {
  const receiverCall = methodCallOf(call, isListenerAdditionName);
  if (!receiverCall) return null;
  const { method, target } = receiverCall;
  if (isStaticEventsHelper(call, method, target, model)) return null;
  const [typeArgument, handlerArgument, optionsArgument] = call.arguments;
  if (!isPlainArgument(typeArgument) || !isPlainArgument(handlerArgument)) return null;
  if (optionsArgument?.type === AST_NODE_TYPES.SpreadElement) return null;
  // `events.on(emitter, 'name')`, `$(el).on('click', '.item', fn)`: not a (type, handler) pair.
  if (!isPossibleHandler(skipWrappers(handlerArgument))) return null;
  const style: ListenerStyle = method === DOM_ADD ? 'dom' : 'emitter';
  const handler = skipWrappers(handlerArgument);
  const options = style === 'dom' && optionsArgument ? skipWrappers(optionsArgument) : null;
  return {
    call,
    method,
    style,
    target,
    targetKey: referenceKey(target, model),
    type: typeArgument,
    typeKey: eventTypeKey(typeArgument, model),
    handler,
    handlerKey: isNamedReference(handler) ? referenceKey(handler, model) : null,
    bindings: { target: bindingOf(target, model), handler: bindingOf(handler, model) },
    once: EMITTER_ONCE.has(method) || (options !== null && booleanOption(options, 'once') === true),
    signal: options ? propertyValue(options, 'signal') : null,
  };
}

/**
 * `events.on(emitter, type, { signal })`, `EventEmitter.once(emitter, type)`, `AsyncEventEmitter.on(this, type)`: the
 * static helpers of `node:events` (and of the classes named after it) take the emitter first and the event type
 * second, and return an async iterator or a promise; they register no handler of the caller's. Told apart by the call
 * shape, not the name alone: `DeviceEventEmitter.addListener('evt', h)` and `AppEventEmitter.on('evt', h)` are
 * registrations on singleton emitters.
 */
function isStaticEventsHelper(
  call: TSESTree.CallExpression,
  method: string,
  target: TSESTree.Expression,
  model: ResourceModel,
): boolean {
  if (method !== 'on' && method !== 'once') return false;
  const [emitter, type, options] = call.arguments;
  if (!emitter || !type || type.type === AST_NODE_TYPES.SpreadElement || call.arguments.length > 3) return false;
  if (emitter.type === AST_NODE_TYPES.Literal || emitter.type === AST_NODE_TYPES.TemplateLiteral) return false;
  const typeNode = skipWrappers(type);
  const typeLike =
    typeNode.type === AST_NODE_TYPES.Literal ||
    typeNode.type === AST_NODE_TYPES.TemplateLiteral ||
    (typeNode.type === AST_NODE_TYPES.MemberExpression &&
      skipWrappers(typeNode.object).type !== AST_NODE_TYPES.ThisExpression);
  if (!typeLike || (options !== undefined && options.type !== AST_NODE_TYPES.ObjectExpression)) return false;
  const receiver = skipWrappers(target);
  if (receiver.type === AST_NODE_TYPES.Identifier && /EventEmitter$/.test(receiver.name)) return true;
  const origin = model.originOf(receiver);
  return origin !== null && !origin.instance && origin.module === 'events' && origin.path.length <= 1;
}

/**
 * The removal this call performs, or null: `removeEventListener(t, h)`, `off(t, h)`, `removeListener(t, h)`,
 * `removeAllListeners(t?)`, and `off(t)` (every handler of `t`, as mitt and component-emitter do). A type or handler
 * taken from a collection the code iterates over (`for (const [t, h] of handlers)`, `Object.entries(h).forEach(…)`,
 * `handlers[t]`) stands for every type or handler: the removal is by reference, whatever the collection holds.
 */
export function listenerRemovalOf(call: TSESTree.CallExpression, model: ResourceModel): ListenerRemoval | null {
  const receiverCall = methodCallOf(call, isListenerRemovalName);
  if (!receiverCall) return null;
  const { method, target } = receiverCall;
  const [typeArgument, handlerArgument] = call.arguments;
  const removal = { call, method, target, targetKey: referenceKey(target, model) };
  const everyType = {
    ...removal,
    typeKey: null,
    handlerKey: null,
    bindings: { target: bindingOf(target, model), handler: null },
  };
  if (typeArgument === undefined) return method === REMOVE_ALL ? everyType : null;
  if (!isPlainArgument(typeArgument)) return null;
  const typeKey = isIterated(skipWrappers(typeArgument), model) ? null : eventTypeKey(typeArgument, model);
  if (method === REMOVE_ALL || (handlerArgument === undefined && EMITTER_REMOVE.has(method)))
    return { ...everyType, typeKey };
  if (!isPlainArgument(handlerArgument)) return null;
  const handler = skipWrappers(handlerArgument);
  if (isIterated(handler, model)) return { ...everyType, typeKey };
  if (!isNamedReference(handler)) return null;
  return {
    ...removal,
    typeKey,
    handlerKey: referenceKey(handler, model),
    bindings: { target: everyType.bindings.target, handler: bindingOf(handler, model) },
  };
}

/** Array methods whose callback visits every element: `handlers.forEach(([type, fn]) => …)`. */
const ITERATING_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'each', 'every', 'some', 'filter']);

/**
 * Is `node` an element taken from a collection: a variable of a `for…of`/`for…in` head, a parameter of a callback
 * that visits every element (`forEach`), or a computed member (`handlers[type]`, `this.listeners[name]`)?
 */
function isIterated(node: TSESTree.Expression, model: ResourceModel): boolean {
  if (node.type === AST_NODE_TYPES.MemberExpression)
    return node.computed && node.property.type !== AST_NODE_TYPES.Literal;
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const def = bindingOf(node, model)?.defs[0];
  if (!def) return false;
  if (def.type === TSESLint.Scope.DefinitionType.Variable) {
    const loop = def.parent.parent;
    return loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement;
  }
  if (def.type !== TSESLint.Scope.DefinitionType.Parameter) return false;
  const { parent } = def.node;
  return (
    parent.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === def.node &&
    ITERATING_METHODS.has(calleeName(parent) ?? '')
  );
}

/** The variable a plain identifier resolves to, or null. */
function bindingOf(node: TSESTree.Expression, model: ResourceModel): TSESLint.Scope.Variable | null {
  return node.type === AST_NODE_TYPES.Identifier
    ? ASTUtils.findVariable(model.sourceCode.getScope(node), node.name)
    : null;
}

/**
 * Does `removal` remove the listener `addition` added: same target, same type, same handler reference
 * (`removeAllListeners(type)` and `removeAllListeners()` on the same target count)? DOM additions pair with
 * `removeEventListener`, emitter additions with `off`/`removeListener`/`removeAllListeners`. `targetKeys` lists every
 * key the target is known by (`socket` and `this.socket` after `this.socket = socket`); by default its own key.
 */
export function isListenerRemovalFor(
  removal: ListenerRemoval,
  addition: ListenerAddition,
  targetKeys: readonly string[] = [addition.targetKey],
): boolean {
  if (!targetKeys.includes(removal.targetKey)) return false;
  // Compared by binding, not by text: a local `bus` or `onClose` of another function is another object.
  if (differentBindings(removal.bindings.target, addition.bindings.target)) return false;
  // `removeAllListeners(type)` removes whatever added it: a target that has it is an emitter, also when its adding
  // method is named `addEventListener` (Electron's preload bridges, event-target shims).
  if (removal.method !== 'removeAllListeners' && (removal.method === DOM_REMOVE) !== (addition.style === 'dom'))
    return false;
  if (removal.typeKey !== null && removal.typeKey !== addition.typeKey) return false;
  if (removal.handlerKey === null) return true;
  return (
    removal.handlerKey === addition.handlerKey &&
    !differentBindings(removal.bindings.handler, addition.bindings.handler)
  );
}

function differentBindings(a: TSESLint.Scope.Variable | null, b: TSESLint.Scope.Variable | null): boolean {
  return a !== null && b !== null && a !== b;
}

/**
 * Events a target emits at most once (`close`, `end`, `finish`, `error`, `load`, `DOMContentLoaded`, …): a handler
 * registered for one runs once for its owner, so it is part of that owner's lifecycle, not a per-event repeat.
 */
export const oneShotEventTypes: readonly string[] = [
  'close',
  'end',
  'finish',
  'error',
  'exit',
  'abort',
  'timeout',
  'response',
  'open',
  'ready',
  'listening',
  'load',
  'DOMContentLoaded',
  'unload',
  'beforeunload',
  'pagehide',
];

/** The one-shot events that end the emitter's own life: a child process or worker exits, a socket or stream closes. */
export const endOfLifeEventTypes: ReadonlySet<string> = new Set(['close', 'exit', 'end', 'finish']);

/** Does a handler of this addition run at most once: `once()`, `{ once: true }`, or a one-shot event type? */
export function runsAtMostOnce(addition: ListenerAddition): boolean {
  return addition.once || oneShotEventTypes.includes(addition.typeKey);
}

/** Process events an application handles once for its whole life: `process.on('SIGINT', …)` is never a leak. */
export const appLifetimeProcessEvents: readonly string[] = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGBREAK',
  'SIGUSR1',
  'SIGUSR2',
  'exit',
  'beforeExit',
  'uncaughtException',
  'uncaughtExceptionMonitor',
  'unhandledRejection',
  'warning',
  'message',
  'disconnect',
];

/** Is this a listener on the global `process` for an app-lifetime event (`process.on('SIGTERM', …)`)? */
export function isAppLifetimeListener(addition: ListenerAddition, model: ResourceModel): boolean {
  const target = addition.target;
  if (target.type !== AST_NODE_TYPES.Identifier || target.name !== 'process') {
    // `globalThis.process.on(…)`
    if (target.type !== AST_NODE_TYPES.MemberExpression || propertyName(target) !== 'process') return false;
    const object = skipWrappers(target.object);
    if (object.type !== AST_NODE_TYPES.Identifier || !globalObjectNames.includes(object.name)) return false;
    if (!isGlobal(object, model)) return false;
  } else if (!isGlobal(target, model)) {
    return false;
  }
  return appLifetimeProcessEvents.includes(addition.typeKey);
}

/**
 * Is `node` a global that lives as long as the page or process (`window`, `document`, `process`, `globalThis`,
 * `self`, `navigator`, `screen`, `visualViewport`), or a member of one (`document.body`, `window.visualViewport`)?
 */
export function isGlobalTarget(node: TSESTree.Expression, model: ResourceModel): boolean {
  const target = skipWrappers(node);
  if (target.type === AST_NODE_TYPES.Identifier) return GLOBAL_TARGETS.has(target.name) && isGlobal(target, model);
  if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed) {
    return isGlobalTarget(target.object, model);
  }
  return false;
}

const GLOBAL_TARGETS: ReadonlySet<string> = new Set([
  'window',
  'document',
  'process',
  'globalThis',
  'self',
  'global',
  'navigator',
  'screen',
  'visualViewport',
  'matchMedia',
]);
/**
 * Methods that end the life of the object they are called on, and with it every listener on it: `socket.destroy()`,
 * `stream.end()`, `emitter.removeAllListeners()`, `util.destroy(stream)`.
 */
export const targetEndingMethodNames: ReadonlySet<string> = new Set([
  'destroy',
  'end',
  'close',
  'terminate',
  'dispose',
  '@@dispose',
  '@@asyncDispose',
  'disconnect',
  'abort',
  'kill',
  'removeAllListeners',
  'unref',
]);

/** Calls that count a target's listeners: `emitter.listenerCount('error')`, `target.listeners(name)`. */
export const listenerCountMethodNames: readonly string[] = ['listenerCount', 'listeners'];

/**
 * `process.stdin`: the program's own input, which a CLI command reads for as long as the program runs
 * (`process.stdin.on('data', …)` in `restart('-')`).
 */
export function isStandardInput(target: TSESTree.Expression, model: ResourceModel): boolean {
  const node = skipWrappers(target);
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || propertyName(node) !== 'stdin') return false;
  const object = skipWrappers(node.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'process' && isGlobalTarget(object, model);
}

/** `target.method(…)` with a method `isName` accepts and a receiver other than `super`, else null. */
function methodCallOf(
  call: TSESTree.CallExpression,
  isName: (name: string) => boolean,
): { method: string; target: TSESTree.Expression } | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  if (method === null || !isName(method)) return null;
  const target = skipWrappers(callee.object);
  return target.type === AST_NODE_TYPES.Super ? null : { method, target };
}

/** Literals, templates, objects and arrays are never event handlers. */
function isPossibleHandler(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.UnaryExpression:
      return false;
    default:
      return true;
  }
}

function isPlainArgument(argument: TSESTree.CallExpressionArgument | undefined): argument is TSESTree.Expression {
  return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement;
}

/** A reference a removal can name again: `onResize`, `this.onResize`, `this.#onResize`, `handlers.resize`. */
function isNamedReference(node: TSESTree.Expression): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return (
        (!node.computed ||
          node.property.type === AST_NODE_TYPES.Literal ||
          node.property.type === AST_NODE_TYPES.Identifier) &&
        (node.object.type === AST_NODE_TYPES.ThisExpression || isNamedReference(skipWrappers(node.object)))
      );
    default:
      return false;
  }
}

function eventTypeKey(node: TSESTree.Expression, model: ResourceModel): string {
  const type = skipWrappers(node);
  if (type.type === AST_NODE_TYPES.Literal && typeof type.value === 'string') return type.value;
  if (type.type === AST_NODE_TYPES.TemplateLiteral && type.expressions.length === 0)
    return type.quasis[0]?.value.cooked ?? '';
  return `{${referenceKey(type, model)}}`;
}
/** `true`/`false` for a literal boolean property (`{ once: true }`), else undefined (absent or computed). */
function booleanOption(node: TSESTree.Node, key: string): boolean | undefined {
  const value = propertyValue(node, key);
  return value?.type === AST_NODE_TYPES.Literal && typeof value.value === 'boolean' ? value.value : undefined;
}
