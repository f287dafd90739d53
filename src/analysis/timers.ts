/**
 * Timer lifetimes: is a started timer cleared by its owner — the function that keeps its id in a variable, the class
 * that keeps it in a field, the effect that started it — before the owner is done? One verdict per timer start.
 *
 * The verdict names what leaks and where; which kinds of timer to check and how to word it is the rule's business.
 * Class and effect owners live in `./timerFields.ts` and `./timerEffects.ts`, where the id goes in `./timerHolds.ts`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import { isTimerHandleMethodCallOn, timerAcquisition, type TimerStart } from '../resources/timers.js';
import { enclosingFunction, skipWrappers, type FunctionNode } from '../util/ast.js';
import { verdictFor } from './cache.js';
import type { Risk } from './exits/guarantee.js';
import { functionRoleOf, isAppLifetimeClass, isAppLifetimeCode } from './owners.js';
import { thisClassOf } from './teardown.js';
import { effectTimerVerdict, type EffectTimerFix, type EffectTimerVerdict } from './timerEffects.js';
import { fieldTimerVerdict, type FieldTimerFix, type FieldTimerVerdict } from './timerFields.js';
import { isTestOnly } from './references.js';
import { timerHoldOf, variableFunction, type TimerCase, type TimerHold } from './timerHolds.js';

export type { EffectTimerFix, EffectTimerVerdict } from './timerEffects.js';
export type { FieldTimerFix, FieldTimerVerdict } from './timerFields.js';

/** A timer kept in a variable of `owner`; `id` is the variable's name. */
export type VariableTimerVerdict =
  /** Nothing clears it nor hands it off. */
  | { readonly kind: 'neverCleared'; readonly id: string; readonly owner: FunctionNode }
  /** Cleared under a condition or in a `catch` only (`release`: the clear). */
  | {
      readonly kind: 'somePaths';
      readonly id: string;
      readonly owner: FunctionNode;
      readonly release: TSESTree.CallExpression;
    }
  /** Cleared later in the owner, but `risk` can leave it first (and no `finally` clears it). */
  | {
      readonly kind: 'leaksOnPath';
      readonly id: string;
      readonly risk: Risk;
      readonly release: TSESTree.CallExpression;
    };

export type TimerVerdict = VariableTimerVerdict | FieldTimerVerdict | EffectTimerVerdict;

/** A suggested edit: write `clearInterval(id);` (the timer's clear) where it stops the timer. */
export type TimerFix = FieldTimerFix | EffectTimerFix;

/**
 * What leaks for this timer start (by id: `start.clearName` must be set, not a `timers/promises` timer), or null when
 * its owner clears it, hands it off, or lives as long as the program.
 */
export function timerVerdictOf(start: TimerStart, model: ResourceModel): TimerVerdict | null {
  if (start.clearName === null) return null;
  const timer: TimerCase = { start, clear: start.clearName, model };
  const hold = timerHoldOf(start, model);
  if (hold.type === 'handed-off') return null;
  if (hold.type === 'field') {
    const owner = thisClassOf(start.call);
    return owner && !isAppLifetimeClass(owner.classNode, model)
      ? fieldTimerVerdict(timer, owner.classNode, hold.key, null, false)
      : null;
  }
  const fn = enclosingFunction(start.call);
  if (!fn || isAppLifetimeCode(start.call, model)) return null;
  const role = functionRoleOf(fn, model);
  if (role.kind === 'effect') return effectTimerVerdict(timer, role, hold);
  switch (hold.type) {
    case 'floating':
      // `setInterval(f, ms);` with no id at all: `no-floating-resource` reports it, once.
      return null;
    case 'member': {
      if (skipWrappers(hold.target.object).type !== AST_NODE_TYPES.ThisExpression) return null;
      const owner = thisClassOf(start.call);
      return owner ? fieldTimerVerdict(timer, owner.classNode, hold.key, fn, hold.guarded) : null;
    }
    case 'variable':
      return variableFunction(hold.variable) === fn ? localVerdict(timer, fn, hold) : outerVerdict(timer, fn, hold);
  }
}

/** A function that keeps the id in its own variable: the shared lifetime analysis follows it to its clears. */
function localVerdict(
  { start, model }: TimerCase,
  fn: FunctionNode,
  hold: Extract<TimerHold, { type: 'variable' }>,
): VariableTimerVerdict | null {
  const verdict = verdictFor(model, timerAcquisition(start));
  if (verdict.kind === 'safe') return null;
  // `timer.unref()` / `timer.close()` / `timer[Symbol.dispose]()`: the author manages the timer by hand.
  if (hold.variable.references.some((reference) => isTimerHandleMethodCallOn(reference.identifier))) return null;
  const id = hold.name;
  switch (verdict.kind) {
    case 'never':
      return { kind: 'neverCleared', id, owner: fn };
    case 'onlyInCatch':
    case 'somePaths':
      return { kind: 'somePaths', id, owner: fn, release: verdict.release.call };
    case 'leaksOnPath':
    case 'gapBeforeTry':
    case 'throwsInFinally':
      return { kind: 'leaksOnPath', id, risk: verdict.risk, release: verdict.release.call };
    case 'leaksBeforeHandOff':
      // A timer id handed on is its new holder's to clear.
      return null;
  }
}

/**
 * An interval kept in a variable of an outer function or of the module: any read but a plain test may clear it or
 * hand it on (`clearInterval(timer)`, `stop(timer)`, `return timer`).
 */
function outerVerdict(
  { start }: TimerCase,
  fn: FunctionNode,
  hold: Extract<TimerHold, { type: 'variable' }>,
): VariableTimerVerdict | null {
  if (start.kind !== 'interval') return null;
  for (const reference of hold.variable.references) {
    if (reference.isWrite() && !reference.isRead()) continue;
    if (!isTestOnly(reference.identifier)) return null;
  }
  return { kind: 'neverCleared', id: hold.name, owner: fn };
}
