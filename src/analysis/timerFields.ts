/**
 * A timer a class keeps in a field (`this.timer = setInterval(…)`, `#timer = setInterval(…)`): does the class clear it
 * when it is torn down, and can a method that runs twice start a second timer over the first?
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { referenceKey } from '../resources/scope.js';
import type { ResourceModel } from '../resources/match.js';
import { timerClearOf, timerStopMethodCallOn, timerValueOf } from '../resources/timers.js';
import { repeatingHookNames } from '../resources/vocabulary.js';
import {
  contains,
  enclosingFunction,
  isFunction,
  memberName,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { someNode } from '../util/someNode.js';
import { walk } from '../util/walk.js';
import { runsOncePerInstance } from './owners.js';
import { blockBodyOf } from './ownership.js';
import {
  classLifecycleOf,
  isInMethodCallback,
  mayInheritTeardown,
  methodContaining,
  runsAtTeardown,
  type ClassLifecycle,
  type ClassMethod,
  type ClassNode,
} from './teardown.js';
import { classifyReference, escapes, NO_RELEASE } from './references.js';
import { canClearAt, type TimerCase } from './timerHolds.js';

/** A suggestion for a field timer: clear the field in a teardown method, or before starting the new timer. */
export type FieldTimerFix =
  | { readonly kind: 'clearInTeardown'; readonly teardown: ClassMethod; readonly body: TSESTree.BlockStatement }
  | { readonly kind: 'clearFirst'; readonly statement: TSESTree.ExpressionStatement };

/** What is wrong with a timer kept in a field; `id` is the field's key (`this.timer`, `this.#timer`). */
export type FieldTimerVerdict =
  /** Nothing in the class clears it. `teardown` is the first teardown method with a body, if any. */
  | {
      readonly kind: 'fieldNeverCleared';
      readonly id: string;
      readonly classNode: ClassNode;
      readonly teardown: ClassMethod | null;
      readonly fix: FieldTimerFix | null;
    }
  /** A method (`clearer`, null when it is no method) clears it, but no teardown method does. */
  | {
      readonly kind: 'teardownMissesClear';
      readonly id: string;
      readonly clearer: ClassMethod | null;
      readonly teardown: ClassMethod;
      readonly fix: FieldTimerFix | null;
    }
  /**
   * `method` can run twice and overwrites the field while the previous timer runs. `repeats`: the method is a hook
   * that the framework runs again by itself (`ngOnChanges`, `componentDidUpdate`), not one its owner may call twice.
   */
  | {
      readonly kind: 'overwritten';
      readonly id: string;
      readonly method: ClassMethod;
      readonly repeats: boolean;
      readonly fix: FieldTimerFix | null;
    };

/**
 * The verdict for a timer stored in the field `key` of `classNode`, from `fn` (null for a field initializer);
 * `guarded` for `this.timer ??= setInterval(…)`. Null when the class clears it at teardown or hands it off.
 */
export function fieldTimerVerdict(
  timer: TimerCase,
  classNode: ClassNode,
  key: string,
  fn: FunctionNode | null,
  guarded: boolean,
): FieldTimerVerdict | null {
  const { start, model } = timer;
  const lifecycle = classLifecycleOf(classNode, model);
  const startMethod = methodContaining(lifecycle, start.call);
  const uses = fieldUses(timer, classNode, key);
  if (uses.handedOff) return null;
  const direct = startMethod !== null && fn === startMethod.fn;
  // Clears before the start in the starting method restart the timer; they do not stop it.
  const restarts = uses.clears.filter(
    (clear) => direct && enclosingFunction(clear) === fn && clear.range[0] < start.call.range[0],
  );
  // A teardown that calls the starting method (`destroy() { this.setHeartbeat(-1); }`) runs its clear: the method
  // clears before it restarts, and what the teardown passes keeps it from restarting.
  const stops = uses.clears.filter((clear) => !restarts.includes(clear) || runsAtTeardown(lifecycle, clear));
  const teardown = lifecycle.teardowns.find((method) => blockBodyOf(method) !== null) ?? null;
  const fix = (): FieldTimerFix | null => (teardown ? clearInTeardown(timer, teardown) : null);

  const [firstStop] = stops;
  if (firstStop === undefined) {
    // An abstract teardown method that subclasses implement may clear it: what it clears is theirs to say.
    if (lifecycle.teardowns.length === 0 && lifecycle.deferredTeardown) return null;
    // A subclass of a project class (`extends LocalTrack` from './LocalTrack') whose teardown is inherited or defers
    // to `super`: the base class's teardown may clear the field (`stop()` calling `this.stopMonitor()`).
    if (inheritsField(classNode, lastSegment(key)) && mayInheritTeardown(classNode, lifecycle, model)) return null;
    return { kind: 'fieldNeverCleared', id: key, classNode, teardown, fix: fix() };
  }
  const stopped = stops.some(
    (clear) => runsAtTeardown(lifecycle, clear) || isInMethodCallback(lifecycle, clear) || contains(start.call, clear),
  );
  const [firstTeardown] = lifecycle.teardowns;
  if (!stopped && firstTeardown) {
    const clearer = methodContaining(lifecycle, firstStop);
    return { kind: 'teardownMissesClear', id: key, clearer, teardown: firstTeardown, fix: fix() };
  }
  // An interval that a teardown method stops, started by a method the class never calls itself, is one half of the
  // class's lifecycle (`start()` / `stop()`, called by its owner): calling it twice without the other half is the
  // caller's misuse, not this class's leak (6 of 6 such findings on the repository sweeps were false or debatable: a
  // framework's `start()`, a `run()` called once per instance).
  if (
    start.kind === 'interval' &&
    startMethod?.name != null &&
    !repeatingHookNames.includes(startMethod.name) &&
    thisUsesOf(model, lifecycle, startMethod.name).length === 0 &&
    stops.some((clear) => runsAtTeardown(lifecycle, clear))
  )
    return null;
  if (direct && !guarded && restarts.length === 0) return overwriteVerdict(timer, lifecycle, startMethod, key);
  return null;
}

/** How the class uses the field: the clears of it, and whether it is handed to other code. */
function fieldUses(
  { model, start }: TimerCase,
  classNode: ClassNode,
  key: string,
): { clears: TSESTree.CallExpression[]; handedOff: boolean } {
  const last = lastSegment(key);
  const clears: TSESTree.CallExpression[] = [];
  let handedOff = false;
  walk(model.sourceCode.visitorKeys, classNode.body, (node) => {
    if (handedOff || node === start.call) return false;
    if (!isMemberAt(node, last, key, model)) return undefined;
    const { child, parent } = parentThroughWrappers(node);
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child && parent.operator === '=')
      return false;
    const reference = classifyReference(node, NO_RELEASE);
    if (reference.role === 'pass') {
      if (reference.call.type === AST_NODE_TYPES.CallExpression && timerClearOf(reference.call, model)?.id === node)
        clears.push(reference.call);
      // Passed to other code (`this.clearTimers(this.timer)`, `timers.add(this.timer)`): it may clear it.
      else handedOff = true;
    } else if (reference.role === 'use') {
      const stop = timerStopMethodCallOn(node);
      if (stop) clears.push(stop);
    } else if (escapes(node)) {
      handedOff = true;
    }
    return false;
  });
  return { clears, handedOff };
}

/** `this.timer = setInterval(…)` in a method that can run twice, with no clear, guard or early exit before it. */
function overwriteVerdict(
  timer: TimerCase,
  lifecycle: ClassLifecycle,
  method: ClassMethod,
  key: string,
): FieldTimerVerdict | null {
  const { start, model } = timer;
  // The constructor and `componentDidMount()` run once per instance: nothing runs before them to overwrite.
  if (runsOncePerInstance(method.member) || lifecycle.reached.has(method)) return null;
  const fn = method.fn;
  const body = blockBodyOf(method);
  if (!body) return null;
  // A conditional start is guarded by something (`if (!this.running) { … }`).
  if (isUnderCondition(fn, start.call)) return null;
  // Only called from the constructor, or by callers that guard the call: it runs once per instance.
  if (method.name !== null && isRunOnceByCallers(model, lifecycle, method, method.name)) return null;
  const last = lastSegment(key);
  // The assignment that stores the new timer, `this.timer = setInterval(…)`: only code before it can guard it.
  const assignment = parentThroughWrappers(timerValueOf(start)).parent;
  if (!assignment) return null;
  const guarded = someNode(model.sourceCode.visitorKeys, body, (node) => {
    if (node.range[0] >= assignment.range[0] || isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (isMemberAt(node, last, key, model)) return true;
    // `this.stopTimer()` before the start may clear it.
    if (node.type === AST_NODE_TYPES.CallExpression && isThisMethod(skipWrappers(node.callee))) return true;
    return undefined;
  });
  if (guarded) return null;
  const statement = parentThroughWrappers(assignment).parent;
  const fixable =
    statement?.type === AST_NODE_TYPES.ExpressionStatement &&
    (statement.parent.type === AST_NODE_TYPES.BlockStatement || statement.parent.type === AST_NODE_TYPES.StaticBlock) &&
    canClearAt(timer, statement);
  const repeats = method.name !== null && repeatingHookNames.includes(method.name);
  return { kind: 'overwritten', id: key, method, repeats, fix: fixable ? { kind: 'clearFirst', statement } : null };
}

/** `this.x` with `x` any member: a call of it may do anything to the instance's fields. */
function isThisMethod(callee: TSESTree.Expression): boolean {
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression;
}

/**
 * Every use of the method in its class is a call that runs at most once per instance or is guarded: in the
 * constructor (or `componentDidMount()`), under a condition, or after an early `return`/`throw` of its caller (`init()` that returns when
 * already initiated). A use that is not a call (`this.start` passed on) can run it any number of times.
 */
function isRunOnceByCallers(
  model: ResourceModel,
  lifecycle: ClassLifecycle,
  method: ClassMethod,
  name: string,
): boolean {
  const uses = thisUsesOf(model, lifecycle, name);
  return (
    uses.length > 0 &&
    uses.every(({ caller, member }) => {
      const { child, parent } = parentThroughWrappers(member);
      // Not a call, or the method calling itself (`this.socket.on('reconnect', () => this.watch())`): it runs again
      // and again.
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== child || caller === method) return false;
      return (
        (runsOncePerInstance(caller.member) && enclosingFunction(parent) === caller.fn) ||
        isGuardedIn(model, caller.fn, parent)
      );
    })
  );
}

/**
 * The class declares its fields (`private stats?: Stats;`, `monitorSender = async () => …`) but not `name`: in such a
 * class a field it assigns without declaring is its base class's (TypeScript requires the declaration somewhere).
 */
function inheritsField(classNode: ClassNode, name: string): boolean {
  let declaresSome = false;
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (memberName(member) === name) return false;
    // Only a typed declaration shows TypeScript, which requires every field to be declared somewhere; a JavaScript
    // class field (`state = {}`) says nothing about the fields it assigns.
    if (member.typeAnnotation || member.accessibility || member.definite || member.declare) declaresSome = true;
  }
  return declaresSome;
}

/** Every `this.<name>` in the class's methods, with the method it is in. */
function thisUsesOf(
  model: ResourceModel,
  lifecycle: ClassLifecycle,
  name: string,
): { caller: ClassMethod; member: TSESTree.MemberExpression }[] {
  const property = name.startsWith('#') ? name.slice(1) : name;
  const uses: { caller: ClassMethod; member: TSESTree.MemberExpression }[] = [];
  for (const caller of lifecycle.methods) {
    walk(model.sourceCode.visitorKeys, caller.fn.body, (node) => {
      if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return;
      const called = node.property.type === AST_NODE_TYPES.PrivateIdentifier ? node.property.name : propertyName(node);
      if (called === property) uses.push({ caller, member: node });
    });
  }
  return uses;
}

function clearInTeardown(timer: TimerCase, teardown: ClassMethod): FieldTimerFix | null {
  const body = blockBodyOf(teardown);
  if (!body || !canClearAt(timer, body)) return null;
  return { kind: 'clearInTeardown', teardown, body };
}

/** `timer` of `this.timer`, `#timer` of `this.#timer`. */
function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('.') + 1);
}

/** Is `node` the member expression `key` (whose last segment is `last`, the cheap test first)? */
function isMemberAt(node: TSESTree.Node, last: string, key: string, model: ResourceModel): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : propertyName(node);
  return name === last && referenceKey(node, model) === key;
}

/** Is `node` under a condition inside `fn` (`if`, `?:`, `&&`, `switch`, `try`), not counting nested functions? */
function isUnderCondition(fn: FunctionNode, node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== fn; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.IfStatement ||
      current.type === AST_NODE_TYPES.ConditionalExpression ||
      current.type === AST_NODE_TYPES.LogicalExpression ||
      current.type === AST_NODE_TYPES.SwitchCase ||
      current.type === AST_NODE_TYPES.TryStatement ||
      current.type === AST_NODE_TYPES.CatchClause
    ) {
      return true;
    }
  }
  return false;
}

/** Is `node` guarded inside `fn`: under a condition, or after an early `return` / `throw` of `fn` itself? */
function isGuardedIn(model: ResourceModel, fn: FunctionNode, node: TSESTree.Node): boolean {
  if (enclosingFunction(node) !== fn) return false;
  if (isUnderCondition(fn, node)) return true;
  return someNode(model.sourceCode.visitorKeys, fn.body, (inner) => {
    if (inner.range[0] >= node.range[0] || isFunction(inner)) return false;
    // An exit before the call, not the `return this.watch();` that makes it.
    return (
      ((inner.type === AST_NODE_TYPES.ReturnStatement || inner.type === AST_NODE_TYPES.ThrowStatement) &&
        inner.range[1] <= node.range[0]) ||
      undefined
    );
  });
}
