/**
 * Where a started timer's id goes (a variable, a field, `this.x`, nowhere, or other code), and how one read of it
 * treats it: tests it, hands it off, or manages it by a method of its own. Shared by the timer analyses
 * (`./timers.ts`, `./timerFields.ts`, `./timerEffects.ts`).
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { referenceKey } from '../resources/scope.js';
import type { ResourceModel } from '../resources/match.js';
import { isTimerClearReachable, timerValueOf, type TimerStart } from '../resources/timers.js';
import { isFunction, parentThroughWrappers, skipWrappers } from '../util/ast.js';

type Variable = TSESLint.Scope.Variable;

/** Where the timer's id goes. */
export type TimerHold =
  /** `setInterval(f, ms);` */
  | { readonly type: 'floating' }
  /** `const id = setInterval(…)`, `id = setInterval(…)` */
  | { readonly type: 'variable'; readonly variable: Variable; readonly name: string }
  /** `this.timer = setInterval(…)`, `ref.current = setInterval(…)`; `guarded` for `??=` / `||=`. */
  | {
      readonly type: 'member';
      readonly target: TSESTree.MemberExpression;
      readonly key: string;
      readonly guarded: boolean;
    }
  /** `timer = setInterval(…)` as a class field initializer. */
  | { readonly type: 'field'; readonly key: string }
  /** Returned, passed on, stored in an object: someone else owns it. */
  | { readonly type: 'handed-off' };

/** One timer start under analysis: the start, the function that clears it, and the file's model. */
export interface TimerCase {
  readonly start: TimerStart;
  /** `clearInterval`, `clearTimeout` or `clearImmediate`. */
  readonly clear: string;
  readonly model: ResourceModel;
}

const HANDED_OFF: TimerHold = { type: 'handed-off' };

/** Where the id of the timer that `start` starts goes (through `setInterval(…).unref()`). */
export function timerHoldOf(start: TimerStart, model: ResourceModel): TimerHold {
  const { child, parent } = parentThroughWrappers(timerValueOf(start));
  switch (parent?.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return { type: 'floating' };
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return HANDED_OFF;
      if (parent.parent.kind === 'using' || parent.parent.kind === 'await using') return HANDED_OFF;
      const name = parent.id.name;
      const variable = model.sourceCode.getDeclaredVariables(parent).find((candidate) => candidate.name === name);
      return variable ? { type: 'variable', variable, name } : HANDED_OFF;
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== child) return HANDED_OFF;
      const left = skipWrappers(parent.left);
      const guarded = parent.operator === '??=' || parent.operator === '||=';
      if (parent.operator !== '=' && !guarded) return HANDED_OFF;
      if (left.type === AST_NODE_TYPES.Identifier) {
        if (guarded) return HANDED_OFF;
        const variable = ASTUtils.findVariable(model.sourceCode.getScope(left), left.name);
        return variable && variable.defs.length > 0 ? { type: 'variable', variable, name: left.name } : HANDED_OFF;
      }
      if (left.type === AST_NODE_TYPES.MemberExpression)
        return { type: 'member', target: left, key: referenceKey(left, model), guarded };
      return HANDED_OFF;
    }
    case AST_NODE_TYPES.PropertyDefinition: {
      if (parent.value !== child || parent.static || parent.computed) return HANDED_OFF;
      const key = parent.key;
      if (key.type === AST_NODE_TYPES.PrivateIdentifier) return { type: 'field', key: `this.#${key.name}` };
      if (key.type === AST_NODE_TYPES.Identifier) return { type: 'field', key: `this.${key.name}` };
      return HANDED_OFF;
    }
    default:
      return HANDED_OFF;
  }
}

/** The function a variable is declared in (its variable scope's block), or null at module level. */
export function variableFunction(variable: Variable): TSESTree.Node | null {
  const block = variable.scope.variableScope.block;
  return isFunction(block) ? block : null;
}

/** A read that only tests the id: `if (timer)`, `timer === undefined`, `!timer`. */
export function isPlainTest(identifier: TSESTree.Node): boolean {
  const { child, parent } = parentThroughWrappers(identifier);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!' || parent.operator === 'typeof';
    case AST_NODE_TYPES.BinaryExpression:
      return ['==', '!=', '===', '!=='].includes(parent.operator);
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === child && isPlainTest(parent);
    default:
      return false;
  }
}

/** `parent` takes the value somewhere else: returned, stored, put in an object or array, yielded, passed on. */
export function isEscape(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.VariableDeclarator:
      return true;
    case AST_NODE_TYPES.Property:
      return parent.value === child;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child;
    case AST_NODE_TYPES.CallExpression:
      return parent.callee !== child;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === child;
    default:
      return false;
  }
}

/** Can a suggestion write `clearInterval(…)` (the case's clear function) at `at` and reach the timer function? */
export function canClearAt(timer: TimerCase, at: TSESTree.Node): boolean {
  return isTimerClearReachable(timer.clear, at, timer.model);
}
