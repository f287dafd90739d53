/**
 * How a long-running loop is stopped, and whether it can be: a loop nothing can end, or a loop in a class method that
 * stops on the instance's own state (a flag it tests, a signal of a controller the instance keeps), which one of the
 * class's teardown methods must then set or abort. The verdict `require-stop-signal` switches over.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { referenceKey } from '../resources/scope.js';
import type { ResourceModel } from '../resources/match.js';
import { propertyName, skipWrappers } from '../util/ast.js';
import { someNode } from '../util/someNode.js';
import { walk } from '../util/walk.js';
import type { FlagCheck } from './flags.js';
import { isEndedByHolderOwners } from './holders.js';
import { canEnd, isHeadEndless, type LoopFacts, type LoopNode } from './loops.js';
import { blockBodyOf } from './ownership.js';
import { signalSourceOf } from './signals.js';
import {
  callsSuper,
  classLifecycleOf,
  isInMethodCallback,
  methodContaining,
  runsAtTeardown,
  thisClassOf,
  type ClassLifecycle,
  type ClassMethod,
  type ClassNode,
} from './teardown.js';
import { isWaitLoop } from './waitLoops.js';

/** How a stop method ends a loop: abort this controller, or set this flag. */
export type StopAction =
  { readonly type: 'abort'; readonly key: string } | { readonly type: 'flag'; readonly flag: FlagCheck };

/** A class whose loop a teardown method must stop, what it must do, and the method that starts the loop. */
interface ClassStop {
  readonly classNode: ClassNode;
  readonly method: ClassMethod;
  readonly action: StopAction;
}

export type StopVerdict =
  /** Something can end the loop, and nothing the class must do to end it is missing. */
  | { readonly kind: 'stoppable' }
  /** `for await` over an endless iterator (`setInterval(ms)`, `on(emitter, type)`) that nothing leaves. */
  | { readonly kind: 'endlessIterator'; readonly label: string }
  /** The head tests a flag nothing ever sets, and nothing else ends the loop. */
  | { readonly kind: 'flagNeverSet'; readonly flag: FlagCheck }
  /** Nothing ends the loop: no exit, no signal check, no flag anyone sets. `label`: `while (true)`, `for (;;)`. */
  | { readonly kind: 'endless'; readonly label: string }
  /** The class stops the loop on its own state but has no teardown method. */
  | ({ readonly kind: 'noStopMethod' } & ClassStop)
  /**
   * The class's teardown methods do not perform the action; `teardown` is the first of them, `body` the block of the
   * first one with a block body (where the action can be added), if any.
   */
  | ({
      readonly kind: 'stopMissesLoop';
      readonly teardown: ClassMethod;
      readonly editable: { readonly method: ClassMethod; readonly body: TSESTree.BlockStatement } | null;
    } & ClassStop);

const STOPPABLE: StopVerdict = { kind: 'stoppable' };

/** Can the loop be stopped, and if it stops on its class's own state, does a teardown method stop it? */
export function stopVerdictOf(facts: LoopFacts, model: ResourceModel): StopVerdict {
  const { head } = facts;
  // A wait loop (`while (this.#pending) await this.#pending;`) ends when other code settles what it waits for.
  if (canEnd(facts)) return isWaitLoop(facts, model) ? STOPPABLE : classStopOf(facts, model);
  if (head.kind === 'iterator') return { kind: 'endlessIterator', label: head.label };
  const never = head.kind === 'condition' ? head.flags.find((flag) => flag.setters === 'never') : undefined;
  if (never && isHeadEndless(head)) return { kind: 'flagNeverSet', flag: never };
  return { kind: 'endless', label: loopLabel(facts.loop) };
}

/** `while (true)`, `for (;;)`, `do … while`: how a message names a loop whose head is not an iterator. */
function loopLabel(loop: LoopNode): string {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
      return loop.test === null ? 'for (;;)' : 'for';
    case AST_NODE_TYPES.DoWhileStatement:
      return 'do … while';
    case AST_NODE_TYPES.ForOfStatement:
      return 'for await';
    default:
      return loop.test.type === AST_NODE_TYPES.Literal ? `while (${loop.test.raw})` : 'while';
  }
}

/** Every flag and signal through which code outside the loop can end it (head, exit guards, checks, awaited calls). */
export function stopChecksOf(facts: LoopFacts): { flags: FlagCheck[]; signals: TSESTree.Expression[] } {
  const flags = [...facts.body.exitFlags];
  const signals = [...facts.body.checkedSignals, ...facts.body.awaitedSignals];
  if (facts.head.kind === 'condition') {
    flags.push(...facts.head.flags);
    signals.push(...facts.head.signals);
  }
  return { flags: flags.filter((flag) => flag.setters === 'outside' || flag.setters === 'unknown'), signals };
}

/**
 * A loop in a class method that stops on the instance's own state (a flag it tests, a signal of a controller it
 * keeps) must be stopped by a teardown method: one sets the flag or aborts the controller. Loops that stop on
 * their caller's signal, on their data, or on a flag someone outside may set are the caller's business.
 */
function classStopOf(facts: LoopFacts, model: ResourceModel): StopVerdict {
  const owner = thisClassOf(facts.loop);
  if (!owner) return STOPPABLE;
  const { classNode } = owner;
  const lifecycle = classLifecycleOf(classNode, model);
  const method = methodContaining(lifecycle, facts.loop);
  if (!method || method.isStatic || lifecycle.reached.has(method)) return STOPPABLE;
  const actions = stopActionsOf(facts, model);
  // The action a suggestion can write: an abort, else a flag with a plain stopping value.
  const action =
    actions?.find((candidate) => candidate.type === 'abort') ??
    actions?.find((candidate) => candidate.type === 'flag' && candidate.flag.stopValue !== null) ??
    actions?.[0];
  if (!actions || !action || actions.some((candidate) => runsAtStop(lifecycle, candidate, model))) return STOPPABLE;
  // A holder whose owning classes abort its controller at their teardown (`this.consumer.controller.abort()`).
  if (actions.some((candidate) => isAbortedByHolderOwners(lifecycle, candidate, model))) return STOPPABLE;
  // A subclass whose base class has the stop method, or whose stop method defers to the base class.
  const { teardowns } = lifecycle;
  if (classNode.superClass && (teardowns.length === 0 || teardowns.some((teardown) => callsSuper(teardown, model))))
    return STOPPABLE;
  const [teardown] = teardowns;
  if (!teardown) {
    // An abstract `stop(): void;` that subclasses implement: what it stops is theirs to say.
    return lifecycle.deferredTeardown ? STOPPABLE : { kind: 'noStopMethod', classNode, method, action };
  }
  let editable: { method: ClassMethod; body: TSESTree.BlockStatement } | null = null;
  for (const candidate of teardowns) {
    const body = blockBodyOf(candidate);
    if (body) {
      editable = { method: candidate, body };
      break;
    }
  }
  return { kind: 'stopMissesLoop', classNode, method, action, teardown, editable };
}

/**
 * What a teardown must do to stop the loop: set each flag the loop checks, abort the instance's controller of each
 * signal it checks. Null when code other than the class can stop it (a flag a base class or other code may set, a
 * local flag, a signal that is not the instance's).
 */
function stopActionsOf(facts: LoopFacts, model: ResourceModel): StopAction[] | null {
  const { flags, signals } = stopChecksOf(facts);
  const actions: StopAction[] = [];
  for (const flag of flags) {
    if (!flag.thisMember || flag.setters === 'unknown') return null;
    actions.push({ type: 'flag', flag });
  }
  for (const signal of signals) {
    const source = signalSourceOf(signal, model);
    if (source.kind !== 'controller') return null;
    if (!actions.some((action) => action.type === 'abort' && action.key === source.key))
      actions.push({ type: 'abort', key: source.key });
  }
  return actions;
}

/** Does the action happen when the instance is torn down (or in a callback, such as a `SIGTERM` handler)? */
function runsAtStop(lifecycle: ClassLifecycle, action: StopAction, model: ResourceModel): boolean {
  const stops = (node: TSESTree.Node): boolean =>
    runsAtTeardown(lifecycle, node) || isInMethodCallback(lifecycle, node);
  if (action.type === 'flag') return action.flag.sites.some(stops);
  let found = false;
  walk(model.sourceCode.visitorKeys, lifecycle.classNode.body, (node) => {
    if (found) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'abort') return;
    if (referenceKey(skipWrappers(callee.object), model) === action.key && stops(node)) found = true;
    return undefined;
  });
  return found;
}

/**
 * Is `action` an abort that every class keeping this class as a holder (`./holders.ts`) performs at its teardown: on
 * the holder's controller (`this.consumer.controller.abort()`) or through a method of the holder that aborts it?
 */
function isAbortedByHolderOwners(lifecycle: ClassLifecycle, action: StopAction, model: ResourceModel): boolean {
  if (action.type !== 'abort') return false;
  const through = new Set<string>();
  for (const method of lifecycle.methods) {
    if (method.name !== null && !method.isStatic && abortsIn(method.fn.body, action.key, model))
      through.add(method.name);
  }
  return isEndedByHolderOwners(lifecycle.classNode, action.key, ABORT, through, model);
}

const ABORT: ReadonlySet<string> = new Set(['abort']);

/** Is there a `<key>.abort()` call under `root`? */
function abortsIn(root: TSESTree.Node, key: string, model: ResourceModel): boolean {
  return someNode(model.sourceCode.visitorKeys, root, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = skipWrappers(node.callee);
    return (
      (callee.type === AST_NODE_TYPES.MemberExpression &&
        propertyName(callee) === 'abort' &&
        referenceKey(skipWrappers(callee.object), model) === key) ||
      undefined
    );
  });
}
