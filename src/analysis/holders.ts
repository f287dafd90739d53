/**
 * Holder classes: a small class that keeps a resource in a field (`class WorkerHolder { worker = new Worker(file) }`)
 * for another class of the same file, which keeps the holder in a field of its own (`this.holder = new
 * WorkerHolder()`) and releases the resource at its teardown (`this.holder.worker.terminate()`). The holder then owes no
 * teardown: its owner's does the work. A holder that some code other than such a field constructs (or that the file
 * exports) is no holder.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import { memberName, parentThroughWrappers, propertyName } from '../util/ast.js';
import { someNode } from '../util/someNode.js';
import { isAppLifetimeClass } from './owners.js';
import type { OwnedField } from './ownership.js';
import { classLifecycleOf, methodContaining, thisClassOf, type ClassLifecycle, type ClassNode } from './teardown.js';

/** A class that keeps a holder in a field: the class, the field's key (`this.holder`) and where it stores it. */
export interface HolderOwner {
  readonly lifecycle: ClassLifecycle;
  readonly key: string;
  /** The stored member (`this.holder` of `this.holder = new Holder()`) or the field definition's key. */
  readonly target: TSESTree.Node;
}

const holders = new WeakMap<ClassNode, readonly HolderOwner[] | null>();

/**
 * The classes of this file that keep `classNode` in a field, when every use of it is such a field's `new`
 * (`this.holder = new Holder()`, `holder = new Holder()`); null when some other code constructs or reads it.
 */
function holderOwnersOf(classNode: ClassNode, model: ResourceModel): readonly HolderOwner[] | null {
  let owners = holders.get(classNode);
  if (owners === undefined) {
    owners = computeOwners(classNode, model);
    holders.set(classNode, owners);
  }
  return owners;
}

function computeOwners(classNode: ClassNode, model: ResourceModel): readonly HolderOwner[] | null {
  if (classNode.type !== AST_NODE_TYPES.ClassDeclaration || classNode.parent.type !== AST_NODE_TYPES.Program)
    return null;
  const [variable] = model.sourceCode.getDeclaredVariables(classNode);
  if (!variable) return null;
  const owners: HolderOwner[] = [];
  for (const reference of variable.references) {
    if (reference.isTypeReference) continue;
    const { child, parent } = parentThroughWrappers(reference.identifier);
    if (parent?.type !== AST_NODE_TYPES.NewExpression || parent.callee !== child) return null;
    const owner = fieldStoreOf(parent, model);
    if (!owner || owner.lifecycle.classNode === classNode) return null;
    owners.push(owner);
  }
  return owners.length > 0 ? owners : null;
}

/** The class and field that `creation` is stored in: `this.holder = new Holder()` in a method, or `holder = new Holder()`. */
function fieldStoreOf(creation: TSESTree.NewExpression, model: ResourceModel): HolderOwner | null {
  const { child, parent } = parentThroughWrappers(creation);
  if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === child && !parent.static) {
    const name = memberName(parent);
    if (name === null) return null;
    return { lifecycle: classLifecycleOf(parent.parent.parent, model), key: `this.${name}`, target: parent.key };
  }
  if (
    parent?.type !== AST_NODE_TYPES.AssignmentExpression ||
    parent.right !== child ||
    parent.operator !== '=' ||
    parent.left.type !== AST_NODE_TYPES.MemberExpression ||
    parent.left.object.type !== AST_NODE_TYPES.ThisExpression
  )
    return null;
  const owner = thisClassOf(parent);
  return (
    owner && {
      lifecycle: classLifecycleOf(owner.classNode, model),
      key: model.keyOf(parent.left),
      target: parent.left,
    }
  );
}

/**
 * The classes that keep `classNode` as a holder and do not release its field `field` at teardown; null when
 * `classNode` is no holder. An owner releases it when its teardown calls a method on it
 * (`this.holder.worker.terminate()`), passes it on (`closeQuietly(this.holder.server)`), or calls the holder's method
 * that releases it (`this.holder.shutdown()`); a singleton owner (`owners.ts`) lives as long as the program.
 */
export function ownersLeavingHeld(
  classNode: ClassNode,
  field: OwnedField,
  model: ResourceModel,
): readonly HolderOwner[] | null {
  const owners = holderOwnersOf(classNode, model);
  if (!owners) return null;
  const holderLifecycle = classLifecycleOf(classNode, model);
  const releasing = new Set<string>();
  for (const release of field.releases) {
    const name = methodContaining(holderLifecycle, release)?.name;
    if (name) releasing.add(name);
  }
  const closers = new Set(model.settings.teardownMethods);
  for (const creation of field.creations) for (const name of creation.resource.release.methods ?? []) closers.add(name);
  const suffix = field.key.slice('this'.length);
  return owners.filter(
    (owner) =>
      !isAppLifetimeClass(owner.lifecycle.classNode, model) &&
      !releasesAtTeardown(owner, { key: `${owner.key}${suffix}`, closers, releasing }, model),
  );
}

/**
 * Does every class that keeps `classNode` as a holder end the holder's field `key` at teardown, by calling one of
 * `closers` on it (`this.consumer.controller.abort()`) or one of the holder's methods named in `through`? False when
 * `classNode` is no holder. `require-stop-signal` asks it of a holder whose loop stops on its own controller.
 */
export function isEndedByHolderOwners(
  classNode: ClassNode,
  key: string,
  closers: ReadonlySet<string>,
  through: ReadonlySet<string>,
  model: ResourceModel,
): boolean {
  const owners = holderOwnersOf(classNode, model);
  if (!owners) return false;
  const suffix = key.slice('this'.length);
  return owners.every(
    (owner) =>
      isAppLifetimeClass(owner.lifecycle.classNode, model) ||
      releasesAtTeardown(owner, { key: `${owner.key}${suffix}`, closers, releasing: through }, model),
  );
}

/** How the owner can release the held field: through its key (`this.holder.worker`) or a holder method. */
interface HeldField {
  /** The field as the owner reaches it: `this.holder.worker`. */
  readonly key: string;
  /** Methods that release it when called on it: its release methods and the teardown names (`terminate`, `close`). */
  readonly closers: ReadonlySet<string>;
  /** The holder's methods that release it (`shutdown` of `this.holder.shutdown()`). */
  readonly releasing: ReadonlySet<string>;
}

/**
 * Does a teardown of `owner` (or a method it calls) release the held field: call a closer on it, pass it on, or call
 * one of the holder's `releasing` methods?
 */
function releasesAtTeardown(owner: HolderOwner, { key, closers, releasing }: HeldField, model: ResourceModel): boolean {
  const last = key.slice(key.lastIndexOf('.') + 1);
  return [...owner.lifecycle.reached].some((method) =>
    someNode(model.sourceCode.visitorKeys, method.fn.body, (node) => {
      if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const name =
        node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : propertyName(node);
      if (name === last && model.keyOf(node) === key) return isClosedOrPassed(node, closers) || undefined;
      if (name !== null && releasing.has(name) && model.keyOf(node.object) === owner.key)
        return isCallee(node) || undefined;
      return undefined;
    }),
  );
}

/** `x.terminate()` (a closer) or `f(x)` for the node `x`. */
function isClosedOrPassed(node: TSESTree.Node, closers: ReadonlySet<string>): boolean {
  const { child, parent } = parentThroughWrappers(node);
  if (parent?.type === AST_NODE_TYPES.CallExpression) return parent.callee !== child;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child || !isCallee(parent)) return false;
  const name = propertyName(parent);
  return name !== null && closers.has(name);
}

/** Is `node` the callee of a call (`node()`, `node?.()`)? */
function isCallee(node: TSESTree.Node): boolean {
  const { child, parent } = parentThroughWrappers(node);
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child;
}
