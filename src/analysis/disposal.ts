/**
 * Follows one Disposable bound with `const`/`let` through its function: where it is disposed by hand, where it is
 * handed off (ownership transfer), where a closure uses it, and whether it is reassigned. Used by `prefer-using`.
 *
 * The notion of hand-off is the one of `lifetime.ts`: returned (also inside an object, array or returned closure),
 * stored in a field or another variable, yielded, or passed to a function (`handsOff` decides per argument, so that
 * typed rules can look at the parameter's declared type).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  calleeName,
  enclosingFunction,
  isFunction,
  parentThroughWrappers,
  propertyName,
  wellKnownSymbolKey,
  type FunctionNode,
} from '../util/ast.js';

/** One manual disposal: `x[Symbol.dispose]()`, `await fh.close()`, `stack.dispose()`. */
export interface DisposalSite {
  readonly call: TSESTree.CallExpression;
  /** `@@dispose`, `@@asyncDispose`, or the method name (`close`). */
  readonly method: string;
  /** The call's result is awaited: `await fh.close()`. */
  readonly awaited: boolean;
  /** The statement that is only this disposal (`await fh.close();`, `x?.[Symbol.dispose]();`), else null. */
  readonly statement: TSESTree.ExpressionStatement | null;
}

export interface DisposableBinding {
  readonly declarator: TSESTree.VariableDeclarator;
  readonly variable: TSESLint.Scope.Variable;
  /** The function that owns the value; null at module level. */
  readonly owner: FunctionNode | null;
  /** Manual disposals in the owner itself, in source order. */
  readonly disposals: readonly DisposalSite[];
  /** References that hand the value off, and disposals inside callbacks (someone else decides when). */
  readonly escapes: readonly TSESTree.Node[];
  /** Uses inside a nested function that is not handed off (`items.map(i => fh.write(i))`). */
  readonly closureUses: readonly TSESTree.Identifier[];
  /** Reads of the value that neither dispose it nor hand it off. */
  readonly uses: readonly TSESTree.Identifier[];
  /** The binding is written after its initialiser. */
  readonly reassigned: boolean;
}

export interface FollowOptions {
  /** Methods that dispose the value besides `[Symbol.dispose]` / `[Symbol.asyncDispose]`: `close`, `dispose`. */
  readonly disposeMethods: ReadonlySet<string>;
  /** Methods that hand the value's contents off: `move` on a `DisposableStack`. */
  readonly handOffMethods: ReadonlySet<string>;
  /** Does passing the value as argument `index` of `call` hand it off? */
  readonly handsOff: (call: TSESTree.CallExpression | TSESTree.NewExpression, index: number) => boolean;
}

/** Calls that keep a function for later: a closure passed to them outlives the block. */
const REGISTRATIONS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'addEventListener',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'nextTick',
  'subscribe',
  'then',
  'catch',
  'finally',
  'defer',
  'register',
]);

type Role = { type: 'dispose'; site: DisposalSite } | { type: 'use' } | { type: 'escape' };

export function followDisposable(
  declarator: TSESTree.VariableDeclarator,
  variable: TSESLint.Scope.Variable,
  options: FollowOptions,
): DisposableBinding {
  const owner = enclosingFunction(declarator);
  const disposals: DisposalSite[] = [];
  const escapes: TSESTree.Node[] = [];
  const closureUses: TSESTree.Identifier[] = [];
  const uses: TSESTree.Identifier[] = [];
  let reassigned = false;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (reference.init === true) continue;
    if (identifier.type !== AST_NODE_TYPES.Identifier) {
      escapes.push(identifier);
      continue;
    }
    if (reference.isWrite()) {
      reassigned = true;
      if (!reference.isRead()) continue;
    }
    const closure = closureBetween(identifier, owner);
    const role = roleOf(identifier, options);
    if (closure !== null) {
      if (role.type === 'dispose' || role.type === 'escape' || closureEscapes(identifier, owner))
        escapes.push(identifier);
      else closureUses.push(identifier);
      continue;
    }
    if (role.type === 'dispose') disposals.push(role.site);
    else if (role.type === 'escape') escapes.push(identifier);
    else uses.push(identifier);
  }
  disposals.sort((a, b) => a.call.range[0] - b.call.range[0]);
  return { declarator, variable, owner, disposals, escapes, closureUses, uses, reassigned };
}

/** The outermost function between `node` and `owner` (exclusive), or null when `node` runs in `owner` itself. */
function closureBetween(node: TSESTree.Node, owner: FunctionNode | null): FunctionNode | null {
  let outermost: FunctionNode | null = null;
  for (let current = node.parent; current && current !== owner; current = current.parent) {
    if (isFunction(current)) outermost = current;
  }
  return outermost;
}

/**
 * Does any function between `node` and `owner` outlive the block: returned, stored, yielded, or registered as a
 * callback (`emitter.on(…)`, `setTimeout(…)`, `promise.then(…)`)? An IIFE or a callback of another call does not.
 */
function closureEscapes(node: TSESTree.Node, owner: FunctionNode | null): boolean {
  for (let current = node.parent; current && current !== owner; current = current.parent) {
    if (!isFunction(current)) continue;
    const { child, parent } = parentThroughWrappers(current);
    if (!parent) return true;
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
      if (parent.callee === child) continue;
      const name = parent.type === AST_NODE_TYPES.CallExpression ? calleeName(parent) : null;
      if (name !== null && REGISTRATIONS.has(name)) return true;
      continue;
    }
    return true;
  }
  return false;
}

function roleOf(identifier: TSESTree.Identifier, options: FollowOptions): Role {
  const { child, parent } = parentThroughWrappers(identifier);
  if (!parent) return { type: 'escape' };
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== child) return { type: 'use' };
      const outer = parentThroughWrappers(parent);
      if (outer.parent?.type !== AST_NODE_TYPES.CallExpression || outer.parent.callee !== outer.child)
        return { type: 'use' };
      const call = outer.parent;
      const method = wellKnownSymbolKey(parent) ?? propertyName(parent);
      if (method === null) return { type: 'use' };
      if (method === '@@dispose' || method === '@@asyncDispose' || options.disposeMethods.has(method)) {
        return { type: 'dispose', site: disposalSite(call, method) };
      }
      return options.handOffMethods.has(method) ? { type: 'escape' } : { type: 'use' };
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === child) return { type: 'use' };
      const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
      return index >= 0 && !options.handsOff(parent, index) ? { type: 'use' } : { type: 'escape' };
    }
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.BinaryExpression:
      return { type: 'use' };
    case AST_NODE_TYPES.ForOfStatement:
      return parent.right === child ? { type: 'use' } : { type: 'escape' };
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child ? { type: 'use' } : { type: 'escape' };
    case AST_NODE_TYPES.LogicalExpression:
      return isTestPosition(parent) ? { type: 'use' } : { type: 'escape' };
    default:
      return { type: 'escape' };
  }
}

/** `x && …` / `… || x` whose value is only tested, not kept: `if (y && x)`, `x && x.close();`. */
function isTestPosition(node: TSESTree.LogicalExpression): boolean {
  const { child, parent } = parentThroughWrappers(node);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.UnaryExpression:
      return true;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return 'test' in parent && parent.test === child;
    case AST_NODE_TYPES.LogicalExpression:
      return isTestPosition(parent);
    default:
      return false;
  }
}

function disposalSite(call: TSESTree.CallExpression, method: string): DisposalSite {
  const { child, parent } = parentThroughWrappers(call);
  const awaited = parent?.type === AST_NODE_TYPES.AwaitExpression;
  const top = awaited ? parentThroughWrappers(parent) : { child, parent };
  const statement = top.parent?.type === AST_NODE_TYPES.ExpressionStatement ? top.parent : null;
  return { call, method, awaited, statement };
}
