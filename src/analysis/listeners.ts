/**
 * Is an event listener left behind? For one `addEventListener`/`on` call: who adds it (a class, an effect, a handler),
 * whether its target outlives that owner, and whether a matching removal runs where the owner's life ends. The answer
 * is a {@link ListenerVerdict} that `no-leaked-listener` turns into a report.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  isAppLifetimeListener,
  listenerAdditionOf,
  listenerCountMethodNames,
  targetEndingMethodNames,
  type ListenerAddition,
  type ListenerRemoval,
} from '../resources/listeners.js';
import type { ResourceModel } from '../resources/match.js';
import { referenceKey } from '../resources/scope.js';
import {
  calleeName,
  contains,
  enclosingFunction,
  isFunction,
  parentThroughWrappers,
  propertyName,
  propertyValue,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { walk } from '../util/walk.js';
import { perCallOnceLeakOf, plainFunctionLeakOf, type PerCallLeak } from './listenerCalls.js';
import { classListenerFacts, listenerRemovalsIn } from './listenerFacts.js';
import { outlivingTargetKeys, type TargetKeys } from './listenerTargets.js';
import { removalMatcher } from './removalMatch.js';
import { onceFlagsGuarding, shortLivedOwnerOf, type InstanceOwner, type ShortLivedOwner } from './owners.js';
import {
  classLifecycleOf,
  isInMethodCallback,
  methodContaining,
  runsAtTeardown,
  thisClassOf,
  type ClassLifecycle,
  type ClassMethod,
  type ClassNode,
} from './teardown.js';

/**
 * What the rule's options decide. Who owns a listener (effect hooks, teardown methods) is not among them: that comes
 * from `owners.ts` and `settings.cleanup`, the same for every rule.
 */
export interface ListenerPolicy {
  /** Also judge a class's listeners on objects it was handed (a parameter, or a field set from one). */
  readonly injected: boolean;
}

/** Why a listener is not left behind. */
export type KeptReason =
  /** The call is not a recognised `(type, handler)` registration. */
  | 'notAnAddition'
  /** `once()`, `{ once: true }` or `{ signal }`: it removes itself. */
  | 'removesItself'
  /** Its target is destroyed right away: `stream.on('error', noop).destroy()`. */
  | 'targetDestroyed'
  /** It lives as long as the program: `process.on('SIGINT', …)`. */
  | 'appLifetime'
  /**
   * The registration's result is kept (`const off = bus.on(t, h)`, `return emitter.on(t, h, { objectify: true })`):
   * emitters that return an unsubscribe function or a listener object are removed through it.
   */
  | 'handleKept'
  /**
   * The function gave the target a new object right before (`api.worker = new MultiWorker(…); api.worker.on(…)`): each
   * run listens on its own object, which replaces the last one.
   */
  | 'freshTarget'
  /**
   * No shorter-lived code adds it: code that runs once (module level, `main()`, an app-lifetime listener's callback),
   * or code whose lifetime is unknown (a plain function, a static member).
   */
  | 'noShortLivedOwner'
  /** Added only while the target has no such listener: `if (emitter.listenerCount('error') === 0)`. */
  | 'guardedByListenerCount'
  /**
   * A handler adds it behind a once-only flag that outlives the handler (`if (!ready) { ready = true; … }`): once per
   * life of the flag, not per event.
   */
  | 'guardedByFlag'
  /** Added by a teardown method itself (`disconnect()` waiting for `close`): it fires once, at the end. */
  | 'addedAtTeardown'
  /** The target does not outlive the owner: the owner made it, or it is the owner's own. */
  | 'targetDiesWithOwner'
  /** A matching removal runs where the owner's life ends. */
  | 'removed';

/** A listener that outlives its owner: what was added, by whom, and what the owner's class tears down with. */
interface Leak {
  readonly addition: ListenerAddition;
  readonly owner: ShortLivedOwner;
  /** The first teardown method of the owner's class, or null (no teardown method, or the owner is not a class). */
  readonly teardown: ClassMethod | null;
}

export type ListenerVerdict =
  | { readonly kind: 'kept'; readonly reason: KeptReason }
  /** The handler is made in the call (inline or bound): no removal can name it. */
  | (Leak & { readonly kind: 'unnamedHandler' })
  /** No removal runs where the owner's life ends. */
  | (Leak & { readonly kind: 'neverRemoved'; readonly handlerKey: string })
  /** Removed only by `method`, which the class's teardown methods do not reach. */
  | (Leak & { readonly kind: 'removedOutsideTeardown'; readonly handlerKey: string; readonly method: string })
  /** Left behind by each call of a function (see `listenerCalls.ts`). */
  | { readonly kind: 'perCallLeak'; readonly addition: ListenerAddition; readonly leak: PerCallLeak };

/** The verdict on the listener `call` adds (cheap candidates first: call `isListenerAdditionName` before this). */
export function listenerVerdictOf(
  call: TSESTree.CallExpression,
  model: ResourceModel,
  policy: ListenerPolicy,
): ListenerVerdict {
  const addition = listenerAdditionOf(call, model);
  if (!addition) return kept('notAnAddition');
  // `{ once: true }` does not end a listener on the caller's signal (the abort may never come), nor one that loses a race.
  const onceLeak = perCallOnceLeakOf(addition, model);
  if (onceLeak) return { kind: 'perCallLeak', addition, leak: onceLeak };
  if (addition.once || addition.signal !== null) return kept('removesItself');
  if (isHandedToTargetEnd(addition)) return kept('targetDestroyed');
  if (keepsHandle(addition)) return kept('handleKept');
  if (isFreshTarget(addition, model)) return kept('freshTarget');
  if (isAppLifetimeListener(addition, model)) return kept('appLifetime');
  const owner = shortLivedOwnerOf(call, model);
  if (!owner) {
    const leak = plainFunctionLeakOf(addition, model);
    return leak ? { kind: 'perCallLeak', addition, leak } : kept('noShortLivedOwner');
  }
  if (isGuardedByListenerCount(addition, owner)) return kept('guardedByListenerCount');
  if (owner.kind === 'handler' && isBehindOuterFlag(addition, owner, model)) return kept('guardedByFlag');
  const lifecycle = owner.kind === 'instance' ? classLifecycleOf(owner.classNode, model) : null;
  if (lifecycle?.teardowns.some((teardown) => teardown.fn === owner.fn)) return kept('addedAtTeardown');
  const keys = outlivingTargetKeys(addition, owner, model, policy.injected);
  if (keys === null) return kept('targetDiesWithOwner');
  const removal =
    owner.kind === 'instance' && lifecycle
      ? classRemoval(addition, owner, lifecycle, model, keys)
      : removalInside(addition, owner, model, keys);
  if (removal === 'removed') return kept('removed');
  const leak: Leak = { addition, owner, teardown: lifecycle?.teardowns[0] ?? null };
  const handlerKey = addition.handlerKey;
  if (handlerKey === null) return { ...leak, kind: 'unnamedHandler' };
  return removal === 'never'
    ? { ...leak, kind: 'neverRemoved', handlerKey }
    : { ...leak, kind: 'removedOutsideTeardown', handlerKey, method: removal.method };
}

function kept(reason: KeptReason): ListenerVerdict {
  return { kind: 'kept', reason };
}

/** Where a matching removal is: where the owner's life ends, nowhere, or only in a method teardown does not reach. */
type RemovalPlace = 'removed' | 'never' | { readonly method: string };

/** For an effect or a handler, a removal anywhere inside it counts: its cleanup, or the handler removing itself. */
function removalInside(
  addition: ListenerAddition,
  owner: ShortLivedOwner,
  model: ResourceModel,
  keys: TargetKeys,
): RemovalPlace {
  const matches = removalMatcher(addition, model, keys);
  if (listenerRemovalsIn(owner.fn, model).some(matches)) return 'removed';
  // A per-event handler in a class method (`this.ipc.on('init', () => this.ipc.on(uid, h))`): the class's teardown
  // removes what its handlers add (`destroy() { this.ipc.removeAllListeners(this.id); }`).
  const owning = owner.kind === 'handler' ? thisClassOf(owner.fn) : null;
  if (!owning) return 'never';
  const lifecycle = classLifecycleOf(owning.classNode, model);
  return classListenerFacts(owning.classNode, model).removals.some(
    (removal) => matches(removal) && runsAtTeardown(lifecycle, removal.call),
  )
    ? 'removed'
    : 'never';
}

/**
 * For a class: a removal in a teardown method or a method it calls through `this`, in a callback
 * (`socket.once('close', () => bus.off(…))`), or, when the class has no teardown method, anywhere but right before the
 * addition in the same method (`off` then `on` re-registers, it does not stop).
 */
function classRemoval(
  addition: ListenerAddition,
  owner: InstanceOwner,
  lifecycle: ClassLifecycle,
  model: ResourceModel,
  keys: TargetKeys,
): RemovalPlace {
  const matches = removalMatcher(addition, model, keys);
  const removals = classListenerFacts(owner.classNode, model)
    .removals.filter(matches)
    .map((removal) => removal.call);
  // Code of the file outside the class removes every handler of the type (`ipc.removeAllListeners(TYPE)` before it
  // replaces the instance): the file manages these listeners itself.
  if (removesEveryHandlerOutside(owner.classNode, matches, model)) return 'removed';
  // An abstract teardown method that subclasses implement may remove it: what it removes is theirs to say.
  if (removals.length === 0)
    return lifecycle.teardowns.length === 0 && lifecycle.deferredTeardown ? 'removed' : 'never';
  const stops = removals.filter(
    (removal) => !(enclosingFunction(removal) === owner.fn && removal.range[0] < addition.call.range[0]),
  );
  const [first] = stops;
  if (first === undefined) return 'never';
  if (lifecycle.teardowns.length === 0) return 'removed';
  // Added and removed by the same run of the method (`on`, await the replies, `off`): it does not outlive the call.
  if (stops.some((removal) => enclosingFunction(removal) === owner.fn)) return 'removed';
  if (stops.some((removal) => runsAtTeardown(lifecycle, removal) || isInMethodCallback(lifecycle, removal)))
    return 'removed';
  return { method: methodContaining(lifecycle, first)?.name ?? 'another method' };
}

/** `if (!ready) { ready = true; bus.on(…) }` in a handler, with `ready` declared outside it. */
function isBehindOuterFlag(addition: ListenerAddition, owner: ShortLivedOwner, model: ResourceModel): boolean {
  let flags: TSESLint.Scope.Variable[] = [];
  for (let node: TSESTree.Node | null = addition.call; node && node !== owner.fn; node = enclosingFunction(node))
    flags = [...flags, ...onceFlagsGuarding(node, model)];
  return flags.some((flag) => !contains(owner.fn, flag.scope.block));
}

/** A removal of every handler of the type (`removeAllListeners(type)`, `off(type)`) in the file, outside the class. */
function removesEveryHandlerOutside(
  classNode: ClassNode,
  matches: (removal: ListenerRemoval) => boolean,
  model: ResourceModel,
): boolean {
  return listenerRemovalsIn(model.sourceCode.ast, model).some(
    (removal) => removal.handlerKey === null && !contains(classNode, removal.call) && matches(removal),
  );
}

/**
 * The addition runs only while the target has no such listener: `if (emitter.listenerCount('error') === 0)`,
 * `if (!target.listeners(name).length)`. Idempotent, so never more than one.
 */
function isGuardedByListenerCount(addition: ListenerAddition, owner: ShortLivedOwner): boolean {
  let child: TSESTree.Node = addition.call;
  for (
    let parent: TSESTree.Node | undefined = child.parent;
    parent && child !== owner.fn;
    child = parent, parent = parent.parent
  ) {
    const test =
      (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) &&
      parent.test !== child
        ? parent.test
        : parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child
          ? parent.left
          : null;
    if (test && mentionsListenerCount(test)) return true;
  }
  return false;
}

function mentionsListenerCount(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(node);
      return (
        (name !== null && listenerCountMethodNames.includes(name)) ||
        node.arguments.some((argument) => mentionsListenerCount(argument))
      );
    }
    case AST_NODE_TYPES.MemberExpression:
      return mentionsListenerCount(node.object);
    case AST_NODE_TYPES.UnaryExpression:
      return mentionsListenerCount(node.argument);
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return mentionsListenerCount(node.left) || mentionsListenerCount(node.right);
    case AST_NODE_TYPES.ChainExpression:
      return mentionsListenerCount(node.expression);
    default:
      return false;
  }
}

/**
 * The registration's result is bound, assigned, or kept in a collection (`const off = bus.on(t, h)`,
 * `subscriptions.push(emitter.on(t, h))`), or returned when it is a listener object (`{ objectify: true }`): kept for
 * its removal. Node's `on()` returns the emitter for chaining, so a returned `on()` is not kept; nor is a DOM
 * `addEventListener()` (it returns nothing).
 */
function keepsHandle(addition: ListenerAddition): boolean {
  if (addition.style === 'dom') return false;
  const { child, parent } = parentThroughWrappers(addition.call);
  switch (parent?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child;
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.CallExpression:
      // `subscriptions.push(emitter.on(t, h))`, `disposers.add(…)`
      return parent.callee !== child && COLLECTING_METHODS.has(calleeName(parent) ?? '');
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrowFunctionExpression:
      // Returned: kept only when it is a listener object (Node's `on()` returns the emitter, for chaining).
      return isObjectified(addition.call);
    default:
      return false;
  }
}

/** Methods that keep their argument in a collection. */
const COLLECTING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'add', 'set']);

/** `emitter.on(t, h, { objectify: true })` (eventemitter2): the call returns a listener object with `off()`. */
function isObjectified(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[2];
  return options !== undefined && propertyValue(options, 'objectify')?.type === AST_NODE_TYPES.Literal;
}

/**
 * An assignment of a new object to the target earlier in the same function, as a statement of a block around the
 * addition (`x.worker = new Worker(…)`, `this.client = await connect()`): the listener is on the object this run made.
 */
function isFreshTarget(addition: ListenerAddition, model: ResourceModel): boolean {
  const fn = enclosingFunction(addition.call);
  if (!fn) return false;
  const call = addition.call;
  return freshAssignmentsIn(fn, model).some(
    (fresh) =>
      fresh.assignment.range[0] < call.range[0] &&
      contains(fresh.statement.parent, call) &&
      fresh.targetKey === addition.targetKey,
  );
}

/** An assignment statement of a new object in a function's own body: `x.worker = new Worker(…);`. */
interface FreshAssignment {
  readonly assignment: TSESTree.AssignmentExpression;
  readonly statement: TSESTree.ExpressionStatement;
  readonly targetKey: string | null;
}

const freshAssignments = new WeakMap<TSESTree.Node, readonly FreshAssignment[]>();

/**
 * The assignment statements {@link isFreshTarget} looks for in `fn`'s own body (not in nested functions), collected
 * in one walk per function: a function that adds many listeners is walked once, not once per addition.
 */
function freshAssignmentsIn(fn: FunctionNode, model: ResourceModel): readonly FreshAssignment[] {
  let found = freshAssignments.get(fn);
  if (!found) {
    const list: FreshAssignment[] = [];
    walk(model.sourceCode.visitorKeys, fn.body, (node) => {
      if (isFunction(node) && node !== fn) return false;
      if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return undefined;
      // A statement of a block that holds the addition, so it runs every time before it: not a lazy initialisation
      // (`if (!client) client = createClient();`), after which every run adds to the same object.
      const statement = node.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
      let value = skipWrappers(node.right);
      if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
      if (value.type !== AST_NODE_TYPES.NewExpression && value.type !== AST_NODE_TYPES.CallExpression) return undefined;
      // `x.bus = getBus()` may hand back the same shared object each time.
      if (value.type === AST_NODE_TYPES.CallExpression && /^get[A-Z]|^get$/.test(calleeName(value) ?? ''))
        return undefined;
      list.push({ assignment: node, statement, targetKey: referenceKey(skipWrappers(node.left), model) });
      return undefined;
    });
    found = list;
    freshAssignments.set(fn, found);
  }
  return found;
}

/** `util.destroy(stream.on('error', noop))`, `stream.on('error', noop).destroy()`: the target is being destroyed. */
function isHandedToTargetEnd(addition: ListenerAddition): boolean {
  const { child, parent } = parentThroughWrappers(addition.call);
  let name: string | null = null;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== child) name = calleeName(parent);
  else if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) name = propertyName(parent);
  return name !== null && targetEndingMethodNames.has(name);
}
