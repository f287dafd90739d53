/**
 * Long-running loops: does a loop run until someone asks it to stop, and can anything end it? The loop's head
 * (`while (true)`, `for (;;)`, `while (!this.stopped)`, `while (!signal.aborted)`, `for await (… of setInterval(ms))`)
 * and its body (the `break`/`return`/`throw` that leave it, the `AbortSignal`s it checks or passes to the calls it
 * awaits, the flags that guard its exits). Used by `require-stop-signal`; who sets a flag is `analysis/flags.ts`, where
 * a signal comes from `analysis/signals.ts`, what a class's stop method must do `analysis/stops.ts`.
 *
 * Everything here is syntactic and scope-aware, per loop, memoised on the loop node.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { timerAt } from '../resources/recognize.js';
import type { ResourceModel } from '../resources/match.js';
import {
  contains,
  enclosingFunction,
  isFunction,
  isLoopStatement,
  isModuleLevel,
  propertyName,
  signalOption,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { walk } from '../util/walk.js';
import { flagOf, flagReferences, guardFlags, type FlagCheck } from './flags.js';
import { isAppLifetimeCode } from './owners.js';
import { abortedCheckOf, awaitedSignalOf } from './signals.js';
import { isWorkerEntryFile } from './workers.js';

export type LoopNode =
  TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.ForOfStatement;

export type LoopHead =
  /** `while (true)`, `for (;;)`, `do … while (1)`. */
  | { readonly kind: 'constant' }
  /** A condition made only of flags and `!signal.aborted` checks, joined by `&&`. */
  | {
      readonly kind: 'condition';
      readonly flags: readonly FlagCheck[];
      readonly signals: readonly TSESTree.Expression[];
    }
  /** `for await` over an iterator that never ends by itself: `setInterval(ms)` (`timers/promises`), `on(emitter, type)` (`events`). */
  | { readonly kind: 'iterator'; readonly iterable: TSESTree.CallExpression; readonly label: string };

export interface LoopBody {
  /** The body awaits (an `await` or a `for await` that belongs to the loop's function). */
  readonly awaits: boolean;
  /** The body yields: a generator loop is stopped by its consumer (`return()` at the `yield`). */
  readonly yields: boolean;
  /** `break`, `return`, `throw`, `continue outer` and `process.exit()` that leave the loop. */
  readonly exits: readonly TSESTree.Node[];
  /** Flags tested by the conditions that guard an exit: `if (this.stopped) break;`. */
  readonly exitFlags: readonly FlagCheck[];
  /** Signals checked in the body (`signal.aborted`, `signal.throwIfAborted()`). */
  readonly checkedSignals: readonly TSESTree.Expression[];
  /** Signals passed to a call the body awaits (`await sleep(ms, undefined, { signal })`), where an abort is not swallowed. */
  readonly awaitedSignals: readonly TSESTree.Expression[];
}

export interface LoopFacts {
  readonly loop: LoopNode;
  /** The function the loop runs in; null at module level. */
  readonly owner: FunctionNode | null;
  readonly head: LoopHead;
  readonly body: LoopBody;
}

const factsCache = new WeakMap<LoopNode, LoopFacts | null>();

/**
 * The facts of a long-running loop, or null for a loop bounded by its data (`while (i < n)`, `while (node)`,
 * `for (const x of xs)`, `for await` over a stream): those end by themselves. Memoised per loop.
 */
export function loopFactsOf(loop: LoopNode, model: ResourceModel): LoopFacts | null {
  let facts = factsCache.get(loop);
  if (facts === undefined) {
    const head = loopHeadOf(loop, model);
    facts = head ? { loop, owner: enclosingFunction(loop), head, body: scanBody(loop, model) } : null;
    factsCache.set(loop, facts);
  }
  return facts;
}

/**
 * The facts of a loop that must have a way to stop: a long-running loop that awaits (or iterates an endless iterator)
 * in an async function or generator, or at the top of a worker thread's entry file. Null for loops in app-lifetime
 * code (`main()`, a module-level IIFE, the top level) of other files: those run until the process exits.
 */
export function stoppableLoopOf(loop: LoopNode, model: ResourceModel): LoopFacts | null {
  if (!isLongRunningShape(loop) || !isPerCallOwner(loop, model)) return null;
  const facts = loopFactsOf(loop, model);
  return facts && (facts.body.awaits || facts.head.kind === 'iterator') ? facts : null;
}

function isPerCallOwner(loop: LoopNode, model: ResourceModel): boolean {
  const fn = enclosingFunction(loop);
  // A worker's entry file: its app-lifetime code runs for the worker's life, which the parent ends.
  if (!fn) return isModuleLevel(loop) && isWorkerEntryFile(model);
  if (!fn.async && !fn.generator) return false;
  return !isAppLifetimeCode(loop, model) || isWorkerEntryFile(model);
}

/** Nothing in the head can end the loop: a constant, flags that nothing outside the loop sets, an endless iterator. */
export function isHeadEndless(head: LoopHead): boolean {
  if (head.kind !== 'condition') return true;
  return head.signals.length === 0 && head.flags.every((flag) => flag.setters === 'never');
}

/** Can anything end the loop: its head, an exit, a checked signal, a signal passed to an awaited call, a `yield`? */
export function canEnd(facts: LoopFacts): boolean {
  const { body } = facts;
  return (
    !isHeadEndless(facts.head) ||
    body.exits.length > 0 ||
    body.checkedSignals.length > 0 ||
    body.awaitedSignals.length > 0 ||
    body.yields
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// The head

/** Cheapest test first: could this loop's head be a long-running one (constant, flags, signal checks, `for await`)? */
export function isLongRunningShape(loop: LoopNode): boolean {
  if (loop.type === AST_NODE_TYPES.ForOfStatement)
    return loop.await && loop.right.type === AST_NODE_TYPES.CallExpression;
  const test = loop.test;
  return test === null || termsOf(test).every((term) => isFlagShaped(term));
}

function loopHeadOf(loop: LoopNode, model: ResourceModel): LoopHead | null {
  if (loop.type === AST_NODE_TYPES.ForOfStatement) return iteratorHead(loop, model);
  const test = loop.test;
  if (test === null || isTruthyConstant(test)) return { kind: 'constant' };
  const flags: FlagCheck[] = [];
  const signals: TSESTree.Expression[] = [];
  for (const term of termsOf(test)) {
    const signal = abortedCheckOf(term);
    if (signal) {
      signals.push(signal);
      continue;
    }
    if (isTruthyConstant(term)) continue;
    const refs = flagReferences(term);
    if (refs === null) return null;
    for (const { ref, stopValue } of refs) {
      const flag = flagOf(ref, stopValue, loop, model);
      if (flag.setters === 'inside') return null;
      flags.push(flag);
    }
  }
  return { kind: 'condition', flags, signals };
}

/** `a && b && c` → `[a, b, c]`; anything else is one term. */
function termsOf(test: TSESTree.Expression): TSESTree.Expression[] {
  const node = skipWrappers(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&')
    return [...termsOf(node.left), ...termsOf(node.right)];
  return [node];
}

function isFlagShaped(term: TSESTree.Expression): boolean {
  return isTruthyConstant(term) || abortedCheckOf(term) !== null || flagReferences(term) !== null;
}

/** `true`, `1`, `'x'`, `!0`, `!false`. */
function isTruthyConstant(node: TSESTree.Expression): boolean {
  const expression = skipWrappers(node);
  if (expression.type === AST_NODE_TYPES.Literal)
    return Boolean(expression.value) && !('regex' in expression && expression.regex);
  return (
    expression.type === AST_NODE_TYPES.UnaryExpression &&
    expression.operator === '!' &&
    expression.argument.type === AST_NODE_TYPES.Literal &&
    !expression.argument.value
  );
}

/** `for await (… of setInterval(ms))` (`timers/promises`) or `for await (… of on(emitter, type))` (`events`) with no `signal`. */
function iteratorHead(loop: TSESTree.ForOfStatement, model: ResourceModel): LoopHead | null {
  const iterable = skipWrappers(loop.right);
  if (iterable.type !== AST_NODE_TYPES.CallExpression) return null;
  const timer = timerAt(model, iterable);
  if (timer) {
    if (!timer.promises || timer.kind !== 'interval' || timer.signal !== null) return null;
    return { kind: 'iterator', iterable, label: `${timer.name}()` };
  }
  const callee = skipWrappers(iterable.callee);
  const origin = model.originOf(callee);
  if (!origin || origin.instance || origin.module !== 'events' || origin.path.at(-1) !== 'on' || origin.path.length > 2)
    return null;
  if (origin.path.length === 2 && origin.path[0] !== 'EventEmitter') return null;
  // `{ signal }` ends it on abort, `{ close: ['end'] }` when the emitter closes.
  const options = iterable.arguments[2];
  if (options && (signalOption([options]) !== null || hasProperty(options, 'close'))) return null;
  if (options && options.type !== AST_NODE_TYPES.ObjectExpression) return null;
  return { kind: 'iterator', iterable, label: 'on()' };
}

function hasProperty(node: TSESTree.CallExpressionArgument, key: string): boolean {
  if (node.type === AST_NODE_TYPES.SpreadElement) return false;
  const value = skipWrappers(node);
  return (
    value.type === AST_NODE_TYPES.ObjectExpression &&
    value.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.SpreadElement ||
        (!property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === key),
    )
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// The body

const EXIT_CALLS = new Set(['exit', 'abort']);

function scanBody(loop: LoopNode, model: ResourceModel): LoopBody {
  let awaits = loop.type === AST_NODE_TYPES.ForOfStatement && loop.await;
  let yields = false;
  const exits: TSESTree.Node[] = [];
  const exitFlags: FlagCheck[] = [];
  const checkedSignals: TSESTree.Expression[] = [];
  const awaitedSignals: TSESTree.Expression[] = [];
  const roots: TSESTree.Node[] = [loop.body];
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update) roots.push(loop.update);
  for (const root of roots) {
    walk(model.sourceCode.visitorKeys, root, (node) => {
      if (
        isFunction(node) ||
        node.type === AST_NODE_TYPES.ClassDeclaration ||
        node.type === AST_NODE_TYPES.ClassExpression
      )
        return false;
      switch (node.type) {
        case AST_NODE_TYPES.AwaitExpression: {
          awaits = true;
          const signal = awaitedSignalOf(node, loop, model);
          if (signal) awaitedSignals.push(signal);
          return;
        }
        case AST_NODE_TYPES.ForOfStatement:
          if (node.await) awaits = true;
          return;
        case AST_NODE_TYPES.YieldExpression:
          yields = true;
          return;
        case AST_NODE_TYPES.BreakStatement:
        case AST_NODE_TYPES.ContinueStatement:
          if (leavesLoop(node, loop)) exits.push(node);
          return;
        case AST_NODE_TYPES.ReturnStatement:
          exits.push(node);
          return;
        case AST_NODE_TYPES.ThrowStatement:
          if (!isCaughtInside(node, loop)) exits.push(node);
          return;
        case AST_NODE_TYPES.MemberExpression:
          if (propertyName(node) === 'aborted') checkedSignals.push(skipWrappers(node.object));
          return;
        case AST_NODE_TYPES.CallExpression: {
          const callee = skipWrappers(node.callee);
          if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
          const name = propertyName(callee);
          if (name === 'throwIfAborted') checkedSignals.push(skipWrappers(callee.object));
          // `process.exit()`, `process.abort()`
          else if (
            name !== null &&
            EXIT_CALLS.has(name) &&
            callee.object.type === AST_NODE_TYPES.Identifier &&
            callee.object.name === 'process'
          ) {
            exits.push(node);
          }
          return;
        }
        default:
          return;
      }
    });
  }
  for (const exit of exits) exitFlags.push(...guardFlags(exit, loop, model));
  return { awaits, yields, exits, exitFlags, checkedSignals, awaitedSignals };
}

/** Does this `break`/`continue` leave `loop` (an unlabelled `break` of the loop itself, or a label outside it)? */
function leavesLoop(node: TSESTree.BreakStatement | TSESTree.ContinueStatement, loop: LoopNode): boolean {
  if (node.label) {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === node.label.name) {
        // `continue outer` where `outer:` labels this very loop continues it; any other label lies outside it.
        if (current.body === loop) return node.type === AST_NODE_TYPES.BreakStatement;
        return !contains(loop, current);
      }
    }
    return false;
  }
  if (node.type === AST_NODE_TYPES.ContinueStatement) return false;
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== loop; current = current.parent) {
    if (isLoopStatement(current) || current.type === AST_NODE_TYPES.SwitchStatement) return false;
  }
  return true;
}

/** A `throw` inside a `try` block (within the loop) whose `catch` takes it. */
function isCaughtInside(node: TSESTree.Node, loop: LoopNode): boolean {
  for (
    let child: TSESTree.Node = node, parent: TSESTree.Node | undefined = node.parent;
    parent && child !== loop;
    child = parent, parent = parent.parent
  ) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.handler) return true;
  }
  return false;
}
