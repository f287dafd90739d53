/**
 * Resources a long-running loop holds: a catalog resource acquired before the loop, in the same function, and used by
 * the loop, must be released in a `finally` around the loop, or it leaks when the loop ends by a throw or an abort.
 *
 * Acquisitions that `release-in-finally` reports (not released on every exit of their function) are left to it, also
 * when the loop lends them (`await handle(client)` each iteration) in a function that releases them after the loop:
 * that is a borrow. This covers a function that never releases what its loop lends: that rule sees it handed off.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { Acquisition, ResourceModel } from '../resources/match.js';
import { acquisitionAt } from '../resources/recognize.js';
import { contains, isFunction, parentThroughWrappers, type FunctionNode } from '../util/ast.js';
import { walk } from '../util/walk.js';
import { lifetimeOf, verdictFor } from './cache.js';
import type { Lifetime } from './lifetime.js';
import type { LoopFacts, LoopNode } from './loops.js';
import { isInLoop } from './owners.js';

/** A resource the loop holds with no `finally` around the loop to release it. */
export interface LoopHold {
  readonly lifetime: Lifetime;
  readonly loop: LoopNode;
  /** The function that acquires the resource and runs the loop. */
  readonly owner: FunctionNode;
}

/** The resources `facts.loop` holds without a `finally` around it, in the order they are acquired. */
export function heldWithoutFinally(facts: LoopFacts, model: ResourceModel): LoopHold[] {
  const { loop, owner } = facts;
  if (!owner) return [];
  const holds: LoopHold[] = [];
  for (const acquisition of acquisitionsIn(owner, model)) {
    if (acquisition.call.range[1] > loop.range[0]) continue;
    const lifetime = lifetimeOf(model, acquisition);
    if (
      (lifetime.form !== 'declared' && lifetime.form !== 'assigned') ||
      !lifetime.variable ||
      lifetime.owner !== owner
    )
      continue;
    if (verdictFor(model, acquisition).kind !== 'safe') continue;
    // Handed off only by being passed to calls in loops (`await handle(client)` each iteration): still held here.
    const { escapes } = lifetime;
    if (
      !escapes.some((escape) => contains(loop, escape)) ||
      escapes.some((escape) => !isPassedToCall(escape) || !isInLoop(escape))
    )
      continue;
    if (lifetime.releases.some((site) => site.nested || releasedInFinallyAround(site.call, loop, owner))) continue;
    holds.push({ lifetime, loop, owner });
  }
  return holds;
}

const acquisitionsByFunction = new WeakMap<FunctionNode, readonly Acquisition[]>();

/** The acquisitions in `fn`'s own code (not in nested functions), in source order. Memoised per function. */
function acquisitionsIn(fn: FunctionNode, model: ResourceModel): readonly Acquisition[] {
  let found = acquisitionsByFunction.get(fn);
  if (!found) {
    const list: Acquisition[] = [];
    walk(model.sourceCode.visitorKeys, fn.body, (node) => {
      if (isFunction(node)) return false;
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const acquisition = acquisitionAt(model, node);
      if (acquisition) list.push(acquisition);
    });
    found = list;
    acquisitionsByFunction.set(fn, found);
  }
  return found;
}

/** Is a hand-off of the held value an argument of a call (`handle(client, job)`), which a loop does with what it holds? */
function isPassedToCall(escape: TSESTree.Node): boolean {
  const { child, parent } = parentThroughWrappers(escape);
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.callee !== child
  );
}

/** Is `release` in the `finally` of a `try` (in `fn`) whose block holds the loop? */
function releasedInFinallyAround(release: TSESTree.Node, loop: LoopNode, fn: FunctionNode): boolean {
  for (
    let child: TSESTree.Node = release, parent: TSESTree.Node | undefined = release.parent;
    parent && parent !== fn;
    child = parent, parent = parent.parent
  ) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === child && contains(parent.block, loop))
      return true;
  }
  return false;
}
