/**
 * Which owned fields a class leaves unreleased when it tears down: the verdict that `dispose-owned-resources`
 * reports. Built on the owned fields (`ownership.ts`) and the class lifecycle (`teardown.ts`): a field counts as
 * released when a release of it, or a call it is passed to, runs at teardown; fields that other code manages (handed
 * off, released in a callback, a temporary of one method, a handle whose end the method awaits) are left alone.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { endOfLifeEventTypes, listenerAdditionOf } from '../resources/listeners.js';
import type { ResourceModel } from '../resources/match.js';
import { enclosingFunction, parentThroughWrappers, skipWrappers } from '../util/ast.js';
import { walk } from '../util/walk.js';
import { blockBodyOf, type OwnedField } from './ownership.js';
import {
  isInMethodCallback,
  methodContaining,
  runsAtTeardown,
  type ClassLifecycle,
  type ClassMethod,
} from './teardown.js';

/** An owned field and whether only methods (not the constructor or a field initialiser) set it. */
export interface FieldAtTeardown {
  readonly field: OwnedField;
  /** The field may be unset when the class tears down: a release must write `?.`. */
  readonly mayBeUnset: boolean;
}

/** A field that the class's teardown does not release. */
export interface UnreleasedField extends FieldAtTeardown {
  /** The teardown the release belongs in: one that already releases another owned field, else the first. */
  readonly teardown: ClassMethod;
  /** A method that releases the field but that no teardown reaches, if any. */
  readonly releasedIn: ClassMethod | null;
}

export type FieldsVerdict =
  | { readonly type: 'released' }
  /** The class has no teardown method at all; `awaits`: releasing one of the fields is awaited. */
  | {
      readonly type: 'noTeardown';
      readonly fields: readonly [FieldAtTeardown, ...FieldAtTeardown[]];
      readonly awaits: boolean;
    }
  | { readonly type: 'notReleased'; readonly fields: readonly UnreleasedField[] };

const RELEASED: FieldsVerdict = { type: 'released' };

/** What the class's teardown leaves of `fields` (its owned fields, from `ownedFieldsOf`). */
export function unreleasedFieldsOf(
  model: ResourceModel,
  lifecycle: ClassLifecycle,
  fields: readonly OwnedField[],
): FieldsVerdict {
  const candidates = fields.filter((field) => !isManagedElsewhere(model, lifecycle, field));
  const [firstTeardown] = lifecycle.teardowns;
  if (firstTeardown === undefined) {
    // An abstract teardown method that subclasses implement: what it releases is theirs to say.
    if (lifecycle.deferredTeardown) return RELEASED;
    const unreleased = candidates
      .filter((field) => field.releases.length === 0 && field.passes.length === 0)
      .map((field) => ({ field, mayBeUnset: mayBeUnset(lifecycle, field) }));
    const [first, ...rest] = unreleased;
    // Intervals alone are `no-leaked-timer`'s: it reports each one at its `setInterval()`.
    if (first === undefined || unreleased.every(({ field }) => isInterval(field))) return RELEASED;
    const awaits = unreleased.some(({ field }) => field.creations[0].resource.release.awaitRelease);
    return { type: 'noTeardown', fields: [first, ...rest], awaits };
  }
  const atTeardown = (call: TSESTree.Node): boolean => runsAtTeardown(lifecycle, call);
  const unreleased = candidates
    .filter((field) => !isInterval(field) && !field.releases.some(atTeardown) && !field.passes.some(atTeardown))
    .map((field): UnreleasedField => ({
      field,
      mayBeUnset: mayBeUnset(lifecycle, field),
      teardown: teardownFor(lifecycle, fields, field, firstTeardown),
      releasedIn:
        field.releases
          .map((call) => methodContaining(lifecycle, call))
          .find((method) => method !== null && !lifecycle.reached.has(method)) ?? null,
    }));
  return unreleased.length === 0 ? RELEASED : { type: 'notReleased', fields: unreleased };
}

function isInterval(field: OwnedField): boolean {
  return field.creations[0].resource.kind === 'interval';
}

/**
 * Left alone: a field handed to other code; passed to a call outside the teardown code (`registry.add(this.w)`);
 * released in a callback (`this.ws.on('close', () => clearInterval(this.ping))`); created and released by the
 * same method (a temporary held in a field); or created where the method awaits its end (a child process it waits
 * for).
 */
function isManagedElsewhere(model: ResourceModel, lifecycle: ClassLifecycle, field: OwnedField): boolean {
  if (field.handedOff) return true;
  if (field.creations.every((creation) => awaitsEnd(creation.store, field.key, model))) return true;
  if (field.passes.some((call) => !runsAtTeardown(lifecycle, call) && !isOwnMethodCall(call))) return true;
  if (field.releases.some((call) => isInMethodCallback(lifecycle, call))) return true;
  return field.creations.some((creation) => {
    const method = methodContaining(lifecycle, creation.store);
    return (
      method !== null &&
      field.releases.some(
        (call) => call.range[0] > creation.store.range[1] && methodContaining(lifecycle, call) === method,
      )
    );
  });
}

/** The teardown a release should go to: one that already releases another owned field, else the first one. */
function teardownFor(
  lifecycle: ClassLifecycle,
  fields: readonly OwnedField[],
  field: OwnedField,
  firstTeardown: ClassMethod,
): ClassMethod {
  const releasing = lifecycle.teardowns.find((teardown) =>
    fields.some(
      (other) =>
        other !== field &&
        [...other.releases, ...other.passes].some((call) => methodContaining(lifecycle, call) === teardown),
    ),
  );
  // An overload signature (`close(): void;`) names the method; its implementation comes later.
  return releasing ?? lifecycle.teardowns.find((teardown) => blockBodyOf(teardown) !== null) ?? firstTeardown;
}

/** The field is only set by methods (not the constructor or its initialiser): it may be unset at teardown. */
function mayBeUnset(lifecycle: ClassLifecycle, field: OwnedField): boolean {
  return field.creations.every((creation) => {
    if (creation.store.type === AST_NODE_TYPES.PropertyDefinition) return false;
    const method = methodContaining(lifecycle, creation.store);
    return !method?.isConstructor;
  });
}

/** `this.#run(this.conn)`: the class's own method uses the field; it does not take it away. */
function isOwnMethodCall(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression;
}

/**
 * The field is stored inside a `new Promise` executor that the method awaits, and the executor settles on the
 * handle's end (`this.child.on('close', resolve)`): the method does not go on before the handle is gone, so the
 * field only lets other methods reach it meanwhile (`cancel()` sending a signal).
 */
function awaitsEnd(store: TSESTree.Node, key: string, model: ResourceModel): boolean {
  const executor = enclosingFunction(store);
  if (!executor) return false;
  const around = parentThroughWrappers(executor);
  const promise = around.parent;
  if (promise?.type !== AST_NODE_TYPES.NewExpression || promise.arguments[0] !== around.child) return false;
  const callee = skipWrappers(promise.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'Promise') return false;
  if (parentThroughWrappers(promise).parent?.type !== AST_NODE_TYPES.AwaitExpression) return false;
  const settlers = new Set(
    executor.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])),
  );
  if (settlers.size === 0) return false;
  let ends = false;
  walk(model.sourceCode.visitorKeys, executor.body, (node) => {
    if (ends) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const addition = listenerAdditionOf(node, model);
    if (
      addition &&
      addition.targetKey === key &&
      endOfLifeEventTypes.has(addition.typeKey) &&
      settles(addition.handler, settlers, model)
    )
      ends = true;
    return undefined;
  });
  return ends;
}

/** The handler is the executor's `resolve` / `reject`, or a function that calls one of them. */
function settles(handler: TSESTree.Expression, settlers: ReadonlySet<string>, model: ResourceModel): boolean {
  if (handler.type === AST_NODE_TYPES.Identifier) return settlers.has(handler.name);
  if (handler.type !== AST_NODE_TYPES.ArrowFunctionExpression && handler.type !== AST_NODE_TYPES.FunctionExpression)
    return false;
  let calls = false;
  walk(model.sourceCode.visitorKeys, handler.body, (node) => {
    if (calls) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && settlers.has(callee.name)) calls = true;
    }
    return undefined;
  });
  return calls;
}
