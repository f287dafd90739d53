/**
 * A timer started in a React-style effect (`useEffect(() => { const id = setInterval(…); … })`): does the cleanup the
 * effect returns clear it, so it stops when the component unmounts?
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { referenceKey } from '../resources/scope.js';
import { isTimerHandleMethodCallOn, timerClearOf } from '../resources/timers.js';
import {
  contains,
  enclosingFunction,
  forEachOwnReturn,
  isFunction,
  parentThroughWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { someNode } from '../util/someNode.js';
import { effectCleanupsOf, type EffectOwner } from './owners.js';
import { canClearAt, isEscape, variableFunction, type TimerCase, type TimerHold } from './timerHolds.js';

/** A suggestion for an effect's timer: clear it in the cleanup the effect returns, or return a cleanup that does. */
export type EffectTimerFix =
  | { readonly kind: 'clearInCleanup'; readonly body: TSESTree.BlockStatement }
  | { readonly kind: 'returnCleanup'; readonly after: TSESTree.Statement };

export type EffectTimerVerdict =
  /** A timeout started and discarded in the effect: nothing can clear it. */
  | { readonly kind: 'effectNotStored'; readonly hook: string }
  /** The timer's id (`id`: the variable or member) is not cleared by the effect's cleanup. */
  | {
      readonly kind: 'effectNotCleared';
      readonly hook: string;
      readonly id: string;
      readonly fix: EffectTimerFix | null;
    };

/** The verdict for a timer started directly in an effect callback; null when the effect clears it or hands it off. */
export function effectTimerVerdict(
  timer: TimerCase,
  effect: EffectOwner,
  hold: Exclude<TimerHold, { type: 'field' | 'handed-off' }>,
): EffectTimerVerdict | null {
  const { fn: callback, hook } = effect;
  if (hold.type === 'floating') {
    // A discarded interval is `no-floating-resource`'s; a discarded timeout in an effect is only reported here.
    return timer.start.kind === 'timeout' ? { kind: 'effectNotStored', hook } : null;
  }
  const returned = effectCleanupsOf(callback);
  const cleanups = returned.filter(isFunction);
  // `return cleanup` naming a function the analysis cannot see: trust it.
  if (cleanups.length !== returned.length) return null;
  let id: string;
  if (hold.type === 'variable') {
    id = hold.name;
    if (isVariableClearedOrPassed(timer, effect, hold, cleanups)) return null;
  } else {
    id = hold.key;
    const component = effect.component ?? callback;
    if (isKeyClearedIn(timer, component, hold.key)) return null;
  }
  return { kind: 'effectNotCleared', hook, id, fix: effectFix(timer, effect, hold, cleanups) };
}

/**
 * Is the timer in the variable cleared by the cleanup (or right in the effect, so it never outlives the effect run),
 * handed on, or managed by a method of its own (`unref()`, `close()`)? A clear anywhere counts for an outer variable.
 */
function isVariableClearedOrPassed(
  { model }: TimerCase,
  { fn: callback }: EffectOwner,
  hold: Extract<TimerHold, { type: 'variable' }>,
  cleanups: readonly FunctionNode[],
): boolean {
  const local = variableFunction(hold.variable) === callback;
  for (const reference of hold.variable.references) {
    if (reference.isWrite() && !reference.isRead()) continue;
    const identifier = reference.identifier;
    const { child, parent } = parentThroughWrappers(identifier);
    const isClear = parent?.type === AST_NODE_TYPES.CallExpression && timerClearOf(parent, model)?.id === identifier;
    if (isClear) {
      if (
        !local ||
        enclosingFunction(identifier) === callback ||
        cleanups.some((cleanup) => contains(cleanup, identifier))
      )
        return true;
    } else if (isTimerHandleMethodCallOn(identifier) || (parent && isEscape(parent, child))) {
      return true;
    }
  }
  return false;
}

/** Does any code in `root` clear the timer stored at `key`? */
function isKeyClearedIn({ model }: TimerCase, root: TSESTree.Node, key: string): boolean {
  return someNode(model.sourceCode.visitorKeys, root, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const clear = timerClearOf(node, model);
    return (clear?.id != null && referenceKey(clear.id, model) === key) || undefined;
  });
}

/** Clear in the one cleanup the effect returns, or, when it returns nothing, return a cleanup at its end. */
function effectFix(
  timer: TimerCase,
  { fn: callback }: EffectOwner,
  hold: Extract<TimerHold, { type: 'variable' | 'member' }>,
  cleanups: readonly FunctionNode[],
): EffectTimerFix | null {
  const body = callback.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement || !canClearAt(timer, body)) return null;
  const [only] = cleanups;
  if (only && cleanups.length === 1)
    return only.body.type === AST_NODE_TYPES.BlockStatement ? { kind: 'clearInCleanup', body: only.body } : null;
  let returns = 0;
  forEachOwnReturn(body, () => returns++);
  const last = body.body.at(-1);
  if (cleanups.length > 0 || returns > 0 || !last) return null;
  // The id must be in scope at the end of the effect body.
  if (hold.type === 'variable' && hold.variable.scope.block !== callback) return null;
  return { kind: 'returnCleanup', after: last };
}
