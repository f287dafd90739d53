/**
 * Pending acquisitions: the acquiring call's promise is held first and awaited later, so the resource is the awaited
 * value, not the promise.
 *
 * - `const p = pool.connect(); … const client = await p;`: the promise `p` is awaited once, into a binding of the same
 *   function; that binding holds the client.
 * - `const [a, b] = await Promise.all([pool.connect(), pool.connect()]);`: each acquisition is one element of the
 *   awaited array, and the destructured name at the same position holds it.
 *
 * `lifetime.ts` asks here before it looks at where the acquiring call stands, and follows the binding found instead.
 * A promise continued with `.then(…)` (`const p = mutex.acquire(); p.then((release) => …)`) delivers the resource to a
 * callback: `callbackResources.ts` follows it, and `lifetime.ts` leaves the promise alone.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import type { Lifetime } from './lifetime.js';
import { calleeName, enclosingFunction, parentThroughWrappers, propertyName, skipWrappers } from '../util/ast.js';

/** The declarator that receives the awaited resource, and the name in it that holds the resource. */
export interface AwaitedBinding {
  readonly declarator: TSESTree.VariableDeclarator;
  readonly id: TSESTree.Identifier;
}

/**
 * Where the resource that `call` acquires lands when its promise is awaited later: the binding, or `closure` when the
 * promise is awaited in a nested function (`const p = pool.connect(); run(async () => { const c = await p; … })`),
 * which owns the resource from then on. Null for any other shape.
 */
export function awaitedBinding(model: ResourceModel, call: TSESTree.CallExpression): AwaitedBinding | 'closure' | null {
  const { child, parent } = parentThroughWrappers(call);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child) return heldPromise(model, parent);
  if (parent?.type === AST_NODE_TYPES.ArrayExpression) return promiseAllElement(parent, child);
  return null;
}

/**
 * `const p = pool.connect(); … const c = await p`: the promise is declared and never written again, read exactly
 * once, by an `await` that initialises a plain binding in the same function (`using` included).
 */
function heldPromise(model: ResourceModel, declarator: TSESTree.VariableDeclarator): AwaitedBinding | 'closure' | null {
  const only = onlyRead(model, declarator);
  if (!only) return null;
  const awaited = parentThroughWrappers(only);
  if (awaited.parent?.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const target = parentThroughWrappers(awaited.parent);
  const into = target.parent;
  if (into?.type !== AST_NODE_TYPES.VariableDeclarator || into.init !== target.child) return null;
  if (into.id.type !== AST_NODE_TYPES.Identifier) return null;
  if (enclosingFunction(into) !== enclosingFunction(declarator)) return 'closure';
  return { declarator: into, id: into.id };
}

/**
 * The one reference that reads a promise held in a variable never written again: `p` in `await p` or
 * `p.then(…)`. Null when the promise is read more than once, written, or declared otherwise.
 */
function onlyRead(model: ResourceModel, declarator: TSESTree.VariableDeclarator): TSESTree.Identifier | null {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(declarator), declarator.id);
  if (!variable) return null;
  const reads = variable.references.filter((reference) => reference.init !== true);
  const [only] = reads;
  if (reads.length !== 1 || !only?.isReadOnly() || only.identifier.type !== AST_NODE_TYPES.Identifier) return null;
  return only.identifier;
}

/**
 * The expression whose `.then(…)` receives what `call` acquires: the call itself (`mutex.acquire().then(…)`), or the
 * one read of the promise it is held in (`const p = mutex.acquire(); … p.then(…)`). Null for any other shape.
 */
export function continuedPromise(
  model: ResourceModel,
  call: TSESTree.CallExpression,
): { promise: TSESTree.Expression; then: TSESTree.MemberExpression } | null {
  const { child, parent } = parentThroughWrappers(call);
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && propertyName(parent) === 'then')
    return { promise: call, then: parent };
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child) return null;
  const only = onlyRead(model, parent);
  if (!only) return null;
  const read = parentThroughWrappers(only);
  if (read.parent?.type !== AST_NODE_TYPES.MemberExpression || read.parent.object !== read.child) return null;
  if (propertyName(read.parent) !== 'then' || enclosingFunction(only) !== enclosingFunction(parent)) return null;
  return { promise: only, then: read.parent };
}

/**
 * `const [a, b] = await Promise.all([pool.connect(), pool.connect()])`: the element's position in the array, with no
 * spread before it, names the binding that receives it.
 */
function promiseAllElement(array: TSESTree.ArrayExpression, element: TSESTree.Node): AwaitedBinding | null {
  const index = array.elements.findIndex((candidate) => candidate === element);
  if (array.elements.slice(0, index).some((before) => before?.type === AST_NODE_TYPES.SpreadElement)) return null;
  const call = array.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== array || calleeName(call) !== 'all')
    return null;
  const callee = skipWrappers(call.callee);
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.object.type !== AST_NODE_TYPES.Identifier ||
    callee.object.name !== 'Promise'
  )
    return null;
  const awaited = parentThroughWrappers(call);
  if (awaited.parent?.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const target = parentThroughWrappers(awaited.parent);
  const into = target.parent;
  if (into?.type !== AST_NODE_TYPES.VariableDeclarator || into.init !== target.child) return null;
  if (into.id.type !== AST_NODE_TYPES.ArrayPattern) return null;
  const id = into.id.elements[index];
  return id?.type === AST_NODE_TYPES.Identifier ? { declarator: into, id } : null;
}

/**
 * What a pending acquisition's binding is initialised with, awaits and wrappers skipped: `pending` in
 * `const client = await pending`, the `Promise.all(…)` call in `const [a, b] = await Promise.all([…])`. The flow
 * analysis takes that initialiser for the acquisition itself. Empty for a binding the acquisition initialises directly.
 */
export function pendingInitialiser(lifetime: Lifetime): TSESTree.Node[] {
  const declarator = lifetime.form === 'declared' ? lifetime.variable?.defs[0]?.node : undefined;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init) return [];
  let value = skipWrappers(declarator.init);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
  return value === lifetime.acquisition.call ? [] : [value];
}

/**
 * `const pending = client.pool.acquire(); … await pending.promise`: the call returned an operation object that holds
 * the promise (tarn's and knex's `PendingOperation`, a deferred), not the promise itself. What it delivers is not
 * followed, so the value is left alone rather than taken for an acquisition never released.
 */
export function isPendingOperation(model: ResourceModel, call: TSESTree.CallExpression): boolean {
  const { child, parent } = parentThroughWrappers(call);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child) return false;
  if (parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(parent), parent.id);
  return (
    variable?.references.some((reference) => {
      const member = reference.identifier.parent;
      return (
        member.type === AST_NODE_TYPES.MemberExpression &&
        member.object === reference.identifier &&
        propertyName(member) === 'promise'
      );
    }) ?? false
  );
}
