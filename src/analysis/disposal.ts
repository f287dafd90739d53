/**
 * Follows one Disposable bound with `const`/`let` through its function: where it is disposed by hand, where it is
 * handed off (ownership transfer), where a closure uses it, and whether it is reassigned. Used by `prefer-using`.
 *
 * Each reference is classified by `references.ts`, the classifier every analysis shares; `roleOf` below is this
 * analysis's policy: a pass to a function hands the value off only when `handsOff` says so (per argument, so that
 * typed rules can look at the parameter's declared type), where `lifetime.ts` takes any unknown pass for a hand-off.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { registrationMethods } from '../resources/vocabulary.js';
import { classifyReference } from './references.js';
import { calleeName, enclosingFunction, isFunction, parentThroughWrappers, type FunctionNode } from '../util/ast.js';

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
      if (name !== null && registrationMethods.has(name)) return true;
      continue;
    }
    return true;
  }
  return false;
}

/**
 * What one reference does with the Disposable, by the one classifier (`references.ts`). This analysis's policy: a
 * test or a read is a use; an argument is a use unless `handsOff` says the callee takes it over; a transfer method
 * (`stack.move()`) and any other flow of the value hand it off.
 */
function roleOf(identifier: TSESTree.Identifier, options: FollowOptions): Role {
  const reference = classifyReference(identifier, {
    methods: options.disposeMethods,
    symbols: true,
    transferMethods: options.handOffMethods,
  });
  switch (reference.role) {
    case 'release':
      return { type: 'dispose', site: disposalSite(reference.call, reference.method ?? '') };
    case 'use':
    case 'identity':
      return { type: 'use' };
    case 'pass':
      return options.handsOff(reference.call, reference.index) ? { type: 'escape' } : { type: 'use' };
    case 'transfer':
    case 'flow':
      return { type: 'escape' };
  }
}

function disposalSite(call: TSESTree.CallExpression, method: string): DisposalSite {
  const { child, parent } = parentThroughWrappers(call);
  const awaited = parent?.type === AST_NODE_TYPES.AwaitExpression;
  const top = awaited ? parentThroughWrappers(parent) : { child, parent };
  const statement = top.parent?.type === AST_NODE_TYPES.ExpressionStatement ? top.parent : null;
  return { call, method, awaited, statement };
}
