/**
 * Who adds an event listener: the shorter-lived code whose every run adds one more (a class method, an effect, a
 * per-event or per-request handler), as opposed to code that runs once for the program (module top level, `main()`,
 * an app-lifetime `process.on('SIGINT', …)` callback), whose listeners are never a leak.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { effectCallbackOf, isAppLifetimeFunction, isRequestHandler } from '../resources/handles.js';
import { isAppLifetimeListener, listenerAdditionOf, runsAtMostOnce } from '../resources/listeners.js';
import type { ResourceModel } from '../resources/match.js';
import { calleeName, enclosingFunction, parentThroughWrappers, type FunctionNode } from '../util/ast.js';
import type { ClassNode } from './teardown.js';

/** The shorter-lived code that adds a listener. */
export type ListenerOwner = InstanceOwner | EffectOwner | HandlerOwner;

/** A method, constructor or function-valued field of a class: runs per instance (or per call). */
export interface InstanceOwner {
  readonly kind: 'instance';
  readonly fn: FunctionNode;
  readonly classNode: ClassNode;
  readonly member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition;
}

/** A React-style effect callback: runs per mount (and per dependency change). */
export interface EffectOwner {
  readonly kind: 'effect';
  readonly fn: FunctionNode;
  /** The hook's name: `useEffect`. */
  readonly hook: string;
  /** The function that calls the hook (the component), or null at module level. */
  readonly component: FunctionNode | null;
}

/** A callback run per event or per request: `server.on('request', (req) => …)`, `app.get('/x', (req, res) => …)`. */
export interface HandlerOwner {
  readonly kind: 'handler';
  readonly fn: FunctionNode;
}

/**
 * Walks out from the call to the code that owns it, or null when that code runs once for the program or its lifetime
 * is unknown (a plain function, a static member). Callbacks that run in their enclosing function's lifecycle
 * (`.then(…)`, `new Promise(…)`, `forEach(…)`, a `once`/`close` handler) are looked through. `effectHooks` names the
 * hooks whose callback is an effect (`useEffect`).
 */
export function listenerOwnerOf(
  call: TSESTree.CallExpression,
  model: ResourceModel,
  effectHooks: readonly string[],
): ListenerOwner | null {
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    if (isAppLifetimeFunction(fn)) return null;
    const { child, parent } = parentThroughWrappers(fn);
    if (parent?.type === AST_NODE_TYPES.CallExpression) {
      // Called right where it is written (an IIFE): part of the enclosing function's run.
      if (parent.callee === child) continue;
      const hook = effectCallbackOf(parent, effectHooks) === fn ? calleeName(parent) : null;
      if (hook !== null) return { kind: 'effect', fn, hook, component: enclosingFunction(parent) };
      if (isRequestHandler(fn)) return { kind: 'handler', fn };
      const registration = listenerAdditionOf(parent, model);
      if (registration?.handler === child) {
        if (isAppLifetimeListener(registration, model)) return null;
        if (!runsAtMostOnce(registration)) return { kind: 'handler', fn };
      }
      continue;
    }
    if (
      (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
      parent.value === child
    ) {
      if (parent.static) return null;
      return { kind: 'instance', fn, classNode: parent.parent.parent, member: parent };
    }
    // A plain function (declaration, object method, callback stored for later): its lifetime is unknown.
    return null;
  }
  return null;
}

/** A method named `_x` or `#x` that the class itself calls: its arguments come from the class. */
export function isPrivateHelper(owner: InstanceOwner): boolean {
  const member = owner.member;
  if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method') return false;
  return (
    member.key.type === AST_NODE_TYPES.PrivateIdentifier ||
    (member.key.type === AST_NODE_TYPES.Identifier && member.key.name.startsWith('_'))
  );
}

/** Does the owner run once per instance (a constructor), rather than per call? */
export function isConstructorOwner(owner: InstanceOwner): boolean {
  return owner.member.type === AST_NODE_TYPES.MethodDefinition && owner.member.kind === 'constructor';
}
