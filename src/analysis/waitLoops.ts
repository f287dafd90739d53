/**
 * Wait loops: a loop that waits for state other code settles, and does no work of its own, is not a worker loop.
 *
 * ```ts
 * while (this.#pending) await this.#pending;   // a mutex: the holder's release clears `#pending`
 * while (this.busy) await sleep(10);           // another method, or a `finally`, clears `busy`
 * ```
 *
 * Such a loop ends when that state settles; asking a stop method to set `this.#pending = false` would break the very
 * code that waits. A loop is a wait loop when:
 * - it ends on flags only (its head's, and those of `if (!this.#pending) break;` guards in its body; no signal check),
 *   and every flag is settled from outside the loop in the same class or file: at least one write outside the loop can end it (`this.busy = false`, `this.#pending =
 *   undefined`, in another method, a callback or a `finally`), not only writes that keep it running
 *   (`this.#pending = new Promise(…)`, `this.busy = true`);
 * - its body only waits: each statement is such an exit guard on `this` members, or awaits a promise held in state (`await this.#pending`, `await current`, with
 *   an optional `.catch(…)`/`.then(…)`/`.finally(…)`) or a sleep (`sleep(ms)` from `timers/promises`, `new Promise((r)
 *   => setTimeout(r, ms))`, a helper of this file that returns one, an imported `sleep`/`delay`). Any other call is
 *   work, and a loop that works until a flag changes is a worker loop (`while (this.running) await work();`).
 *
 * Syntactic and scope-aware; used by `analysis/stops.ts`.
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import { timerAt } from '../resources/recognize.js';
import { calleeName, contains, isFunction, propertyName, skipWrappers } from '../util/ast.js';
import { flagReferences, isReference, type FlagCheck, type FlagReference } from './flags.js';
import type { LoopFacts } from './loops.js';

/** Does the loop only wait for state that code outside it, in this class or file, settles? */
export function isWaitLoop(facts: LoopFacts, model: ResourceModel): boolean {
  const { head, loop, body } = facts;
  if (head.kind === 'iterator' || body.yields) return false;
  if (head.kind === 'condition' && head.signals.length > 0) return false;
  // The flags that end it: the head's, and those of exit guards (`for (;;) { if (!this.#pending) break; … }`).
  const flags = [...(head.kind === 'condition' ? head.flags : []), ...body.exitFlags];
  if (flags.length === 0 || !flags.every((flag) => isSettledOutside(flag, facts))) return false;
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update) return false;
  return onlyWaits(loop.body, model);
}

/** Some write of the flag outside the loop can end it: not only writes of a value that keeps the loop running. */
function isSettledOutside(flag: FlagCheck, facts: LoopFacts): boolean {
  if (flag.setters !== 'outside') return false;
  return flag.sites.some((site) => !contains(facts.loop, site) && !keepsRunning(site, flag.stopValue));
}

/**
 * A write that cannot end the loop: `this.busy = true` for `while (this.busy)`, `this.done = false` for
 * `while (!this.done)`, `this.#pending = new Promise(…)` for `while (this.#pending)`.
 */
function keepsRunning(site: TSESTree.Node, stopValue: boolean | null): boolean {
  if (stopValue === null || site.type !== AST_NODE_TYPES.AssignmentExpression || site.operator !== '=') return false;
  const truthiness = constantTruthiness(site.right);
  return truthiness !== null && truthiness !== stopValue;
}

/** The truthiness of a value known from its syntax: literals, `undefined`, `new …`, objects, arrays, functions. */
function constantTruthiness(node: TSESTree.Expression): boolean | null {
  const value = skipWrappers(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return 'regex' in value || Boolean(value.value);
    case AST_NODE_TYPES.Identifier:
      return value.name === 'undefined' ? false : null;
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    default:
      return null;
  }
}

/** The statement does nothing but await: a block, an empty statement, or `await <wait>;`. */
function onlyWaits(statement: TSESTree.Statement, model: ResourceModel): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.length > 0 && statement.body.every((inner) => onlyWaits(inner, model));
    case AST_NODE_TYPES.EmptyStatement:
      return true;
    case AST_NODE_TYPES.IfStatement:
      return isExitGuard(statement);
    case AST_NODE_TYPES.ExpressionStatement: {
      const expression = skipWrappers(statement.expression);
      return expression.type === AST_NODE_TYPES.AwaitExpression && isWait(expression.argument, model);
    }
    default:
      return false;
  }
}

/** `if (!this.#pending) break;`, `if (!this.busy) { return; }`: a test of the instance's flags that leaves the loop. */
function isExitGuard(statement: TSESTree.IfStatement): boolean {
  if (statement.alternate) return false;
  let exit: TSESTree.Statement | undefined = statement.consequent;
  if (exit.type === AST_NODE_TYPES.BlockStatement) exit = exit.body.length === 1 ? exit.body[0] : undefined;
  if (exit?.type !== AST_NODE_TYPES.BreakStatement && exit?.type !== AST_NODE_TYPES.ReturnStatement) return false;
  // Only `this` members: their guard flags are the loop's exit flags, whose settling is checked.
  const refs = flagReferences(statement.test);
  return refs !== null && refs.every(({ ref }) => isThisMember(ref));
}

function isThisMember(ref: FlagReference): boolean {
  return (
    ref.type === AST_NODE_TYPES.MemberExpression && skipWrappers(ref.object).type === AST_NODE_TYPES.ThisExpression
  );
}

/** Handlers of a promise that only settle it further: `p.catch(() => {})`. */
const SETTLE_METHODS: ReadonlySet<string> = new Set(['catch', 'then', 'finally']);

/** What an awaited expression waits for is a promise held in state, or a sleep. */
function isWait(argument: TSESTree.Expression, model: ResourceModel): boolean {
  const value = skipWrappers(argument);
  if (isReference(value)) return true;
  if (value.type === AST_NODE_TYPES.NewExpression) return isTimerPromise(value, model);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(value.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && isReference(skipWrappers(callee.object))) {
    const name = propertyName(callee);
    if (name !== null && SETTLE_METHODS.has(name) && value.arguments.every((argument) => isFunction(argument)))
      return true;
  }
  return isSleepCall(value, model);
}

/** Names of sleep helpers imported from elsewhere: `sleep(10)`, `delay(ms)`, `utils.sleep(10)`, `Bun.sleep(10)`. */
const SLEEP_NAMES: ReadonlySet<string> = new Set(['sleep', 'delay', 'wait', 'pause']);

/**
 * A call that only sleeps: a timeout or immediate of `timers/promises` (`sleep(10)`, `scheduler.wait(10)`), a function
 * of this file whose body returns a sleep (`const sleep = (ms) => new Promise((r) => setTimeout(r, ms))`), or a
 * sleep-named helper from another module given no function to run.
 */
function isSleepCall(call: TSESTree.CallExpression, model: ResourceModel): boolean {
  const timer = timerAt(model, call);
  if (timer) return timer.promises && timer.kind !== 'interval';
  if (call.arguments.some((argument) => isFunction(argument))) return false;
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(callee);
    return name !== null && SLEEP_NAMES.has(name);
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(callee), callee.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return SLEEP_NAMES.has(callee.name);
  if (def.type === TSESLint.Scope.DefinitionType.ImportBinding) return SLEEP_NAMES.has(callee.name);
  if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return returnsSleep(def.node, model);
  if (def.type === TSESLint.Scope.DefinitionType.Variable && def.parent.kind === 'const') {
    const init = def.node.init ? skipWrappers(def.node.init) : null;
    return init !== null && isFunction(init) && returnsSleep(init, model);
  }
  return false;
}

/** A function whose whole body returns a sleep: `(ms) => new Promise(…)`, `{ return setTimeout(ms); }`. */
function returnsSleep(fn: TSESTree.FunctionLike, model: ResourceModel): boolean {
  const { body } = fn;
  if (!body) return false;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return isSleepValue(body, model);
  const [only] = body.body;
  return (
    body.body.length === 1 &&
    only?.type === AST_NODE_TYPES.ReturnStatement &&
    only.argument !== null &&
    isSleepValue(only.argument, model)
  );
}

function isSleepValue(node: TSESTree.Expression, model: ResourceModel): boolean {
  const value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.NewExpression) return isTimerPromise(value, model);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const timer = timerAt(model, value);
  return timer !== null && timer.promises && timer.kind !== 'interval';
}

/** Calls that run a callback soon, once: a promise resolved by one of them only waits. */
const DEFER_NAMES: ReadonlySet<string> = new Set(['queueMicrotask', 'nextTick']);

/** `new Promise((resolve) => setTimeout(resolve, ms))`, `new Promise((r) => { setImmediate(r); })`. */
function isTimerPromise(node: TSESTree.NewExpression, model: ResourceModel): boolean {
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'Promise') return false;
  const [executor] = node.arguments;
  if (!executor || !isFunction(executor)) return false;
  let call: TSESTree.Node | undefined = executor.body;
  if (call.type === AST_NODE_TYPES.BlockStatement) {
    const [only] = call.body;
    call = call.body.length === 1 && only?.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : undefined;
  }
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const timer = timerAt(model, call);
  if (timer) return !timer.promises && timer.kind !== 'interval';
  const name = calleeName(call);
  return name !== null && DEFER_NAMES.has(name);
}
