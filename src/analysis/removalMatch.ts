/**
 * Removals that name a listener another way than the addition does, all by reference:
 *
 * - through a local alias of the same target: `const sub = Adapter.subscriber; sub.on(…)` in one method and
 *   `const sub = Adapter.subscriber; sub.off(…)` in another (two locals, one object);
 * - through a field holding the event type: `this.id = uid; ipc.on(uid, h)`, then `ipc.removeListener(this.id, h)`;
 * - through the object the handler is kept in: a drag handler stored in a state object
 * (`state.listeners.onMove = onMove`) and removed on pointer up through it
 * (`window.removeEventListener('pointermove', state.listeners.onMove)`), an abort listener kept on a queued item
 * (`item.abort.listener`) and removed when the item settles (`command.abort.signal.removeEventListener('abort',
 * command.abort.listener)`). The object is reached under another name where it is removed (a parameter, another
 * local), so the removal is matched by the path from the object to the handler (`.listeners.onMove`), not by its root.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import { isListenerRemovalFor, type ListenerAddition, type ListenerRemoval } from '../resources/listeners.js';
import type { ResourceModel } from '../resources/match.js';
import { enclosingFunction, propertyName, skipWrappers } from '../util/ast.js';

/** How far `const sub = other`-style aliases are followed. */
const MAX_ALIAS_DEPTH = 4;

/**
 * A test for the removals of `addition`'s listener: by reference on one of `targetKeys`, through the expression a
 * local target aliases, through a field holding the event type, or through the object the handler is kept in.
 */
export function removalMatcher(
  addition: ListenerAddition,
  model: ResourceModel,
  targetKeys: readonly string[],
): (removal: ListenerRemoval) => boolean {
  const paths = storedHandlerPaths(addition, model);
  const typeKeys = typeFieldKeys(addition, model);
  const aliased = aliasedKey(addition.target, model, 0);
  return (removal) => {
    if (isListenerRemovalFor(removal, addition, targetKeys)) return true;
    const sameTarget = targetKeys.includes(removal.targetKey);
    if (sameTarget && removesStoredHandler(removal, addition, paths)) return true;
    // The event type read from the field it was stored in.
    if (removal.typeKey !== null && typeKeys.includes(removal.typeKey)) {
      if (isListenerRemovalFor({ ...removal, typeKey: addition.typeKey }, addition, targetKeys)) return true;
    }
    // Two locals that alias one object (`const sub = Adapter.subscriber` in two methods).
    return (
      aliased !== null &&
      aliasedKey(removal.target, model, 0) === aliased &&
      isListenerRemovalFor(
        { ...removal, targetKey: addition.targetKey, bindings: { ...removal.bindings, target: null } },
        addition,
        [addition.targetKey],
      )
    );
  };
}

/**
 * The key of the expression a local `const` target stands for (`Adapter.subscriber` for `sub` after
 * `const sub = Adapter.subscriber`), when that is a plain reference (no call: a call may make a new object each time);
 * else null.
 */
function aliasedKey(target: TSESTree.Expression, model: ResourceModel, depth: number): string | null {
  const node = skipWrappers(target);
  if (node.type !== AST_NODE_TYPES.Identifier || depth > MAX_ALIAS_DEPTH) return null;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(node), node.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent.kind !== 'const' || !def.node.init)
    return null;
  const init = skipWrappers(def.node.init);
  if (init.type === AST_NODE_TYPES.Identifier) return aliasedKey(init, model, depth + 1) ?? model.keyOf(init);
  return init.type === AST_NODE_TYPES.MemberExpression && isPlainReference(init) ? model.keyOf(init) : null;
}

/** `a.b.c`, `A.b`: members of members down to an identifier (not `this`: a field differs per instance). */
function isPlainReference(node: TSESTree.Expression): boolean {
  const value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) return true;
  return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && isPlainReference(value.object);
}

/**
 * The keys of the fields the event type is stored in by the function that adds the listener: `{this.id}` for
 * `this.id = uid; ipc.on(uid, h)`.
 */
function typeFieldKeys(addition: ListenerAddition, model: ResourceModel): readonly string[] {
  const type = skipWrappers(addition.type);
  if (type.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(type), type.name);
  const fn = enclosingFunction(addition.call);
  const keys: string[] = [];
  for (const reference of variable?.references ?? []) {
    const parent = reference.identifier.parent;
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== reference.identifier) continue;
    const left = skipWrappers(parent.left);
    if (
      left.type === AST_NODE_TYPES.MemberExpression &&
      left.object.type === AST_NODE_TYPES.ThisExpression &&
      enclosingFunction(parent) === fn
    )
      keys.push(`{${model.keyOf(left)}}`);
  }
  return keys;
}

/**
 * The paths the handler of `addition` is kept under, without their root object: `.abort.listener` for a handler
 * written `value.abort.listener`, `.listeners.onMove` for a local `onMove` also stored by
 * `state.listeners.onMove = onMove`. Members of `this` are not paths: a field is matched by its own key.
 */
export function storedHandlerPaths(addition: ListenerAddition, model: ResourceModel): readonly string[] {
  const handler = addition.handler;
  const own = pathOf(handler);
  if (own !== null) return [own];
  if (handler.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(handler), handler.name);
  const paths: string[] = [];
  for (const reference of variable?.references ?? []) {
    const parent = reference.identifier.parent;
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== reference.identifier) continue;
    // The assignment ties the object to this handler: one property is enough (`state.onMove = onMove`).
    const path = pathOf(skipWrappers(parent.left), 1);
    if (path !== null) paths.push(path);
  }
  return paths;
}

/**
 * Does `removal` name the handler through one of `paths` (`command.abort!.listener` for `.abort.listener`), for the
 * same event type and listener style?
 */
export function removesStoredHandler(
  removal: ListenerRemoval,
  addition: ListenerAddition,
  paths: readonly string[],
): boolean {
  if (paths.length === 0) return false;
  if ((removal.method === 'removeEventListener') !== (addition.style === 'dom')) return false;
  if (removal.typeKey !== null && removal.typeKey !== addition.typeKey) return false;
  const handler = removal.call.arguments[1];
  if (handler === undefined || handler.type === AST_NODE_TYPES.SpreadElement) return false;
  const path = pathOf(skipWrappers(handler), 1);
  return path !== null && paths.includes(path);
}

/**
 * `.a.b` for `x.a.b` (also `x.a!.b`, `x?.a.b`, `x['a'].b`), rooted at a plain identifier, with at least `least`
 * properties; else null. A handler written as a member needs two (`x.listener` alone is too common a shape to stand
 * for one object).
 */
function pathOf(node: TSESTree.Node, least = 2): string | null {
  const names: string[] = [];
  let current: TSESTree.Node = node;
  for (;;) {
    if (current.type === AST_NODE_TYPES.ChainExpression || current.type === AST_NODE_TYPES.TSNonNullExpression) {
      current = current.expression;
      continue;
    }
    if (current.type !== AST_NODE_TYPES.MemberExpression) break;
    const name = propertyName(current);
    if (name === null) return null;
    names.unshift(name);
    current = current.object;
  }
  if (current.type !== AST_NODE_TYPES.Identifier || names.length < least) return null;
  return `.${names.join('.')}`;
}
