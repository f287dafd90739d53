/**
 * Which code can run concurrently with itself: request handlers, job processors, message listeners, exported and
 * async functions, and the helpers they call. Code at module top level, a one-shot script's `main` (a function that
 * is not exported and is called once at top level), and test callbacks (which test runners run one after another)
 * run once at a time.
 *
 * Syntactic and per file: a function is followed through its binding to its call sites in the same file; a value
 * that leaves the file (an export) can be called by anyone. Memoised per file (a `WeakMap` on the AST).
 */ import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { callbackRegistration, isIterationMethod, type CallbackRole } from '../resources/callbacks.js';
import type { ResourceModel } from '../resources/match.js';
import {
  calleeName,
  contains,
  enclosingFunction,
  isFunction,
  isLoopStatement,
  parentThroughWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { keyName } from '../util/keys.js';
import { exportedDescription, functionBinding } from './exports.js';

/**
 * - `handler`: registered to run per request, job or message (`app.get()`, `new Worker(queue, fn)`,
 *   `parentPort.on('message', fn)`);
 * - `exported`: leaves the module, so its callers are unknown;
 * - `async`: an async function or callback that can be started again before it finishes.
 */
export type ConcurrencyKind = 'handler' | 'exported' | 'async';

/** Code that can run concurrently with itself. */
export interface Concurrency {
  readonly kind: ConcurrencyKind;
  /** As a message names it: `the request handler passed to \`app.get()\` on line 12`, `\`save()\`, called from …`. */
  readonly description: string;
  /** The concurrent code itself, without the helpers it calls on the way: `the request handler passed to …`. */
  readonly source: string;
}

/** The concurrency facts of one file. Get it with {@link concurrencyModel}. */
export class ConcurrencyModel {
  private readonly functions = new Map<FunctionNode, Concurrency | null>();
  private readonly pending = new Set<FunctionNode>();
  /** How many times a computation ran into a function still being computed (recursion). */
  private cycles = 0;

  constructor(private readonly model: ResourceModel) {}

  /** The concurrent code that runs `node`, or null when it runs once at a time (module top level, `main`, tests). */
  contextOf(node: TSESTree.Node): Concurrency | null {
    const fn = enclosingFunction(node);
    return fn ? this.ofFunction(fn) : null;
  }

  /** Whether the calls of `fn` can overlap, and who makes them. Memoised. */
  ofFunction(fn: FunctionNode): Concurrency | null {
    const known = this.functions.get(fn);
    if (known !== undefined) return known;
    if (this.pending.has(fn)) {
      // Recursion: the outer computation decides.
      this.cycles += 1;
      return null;
    }
    const cyclesBefore = this.cycles;
    this.pending.add(fn);
    const result = this.compute(fn);
    this.pending.delete(fn);
    // A "no" reached through a cycle may change once the outer function is decided: only keep certain answers.
    if (result !== null || this.cycles === cyclesBefore) this.functions.set(fn, result);
    return result;
  }

  private compute(fn: FunctionNode): Concurrency | null {
    const { child, parent } = parentThroughWrappers(fn);
    if (!parent) return null;
    // An IIFE runs where it is called.
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === child) return this.contextOf(parent);

    const registration = callbackRegistration(this.model, child);
    if (registration) return this.fromRole(fn, registration.role, registration.call, null);

    const exported = exportedDescription(this.model, fn);
    if (exported !== null) return concurrent('exported', exported);

    if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === child) {
      if (fn.async) return concurrent('async', `the async method \`${keyName(parent) ?? '?'}\``);
      return this.contextOf(parent.parent.parent);
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === child && fn.async) {
      return concurrent('async', `the async method \`${keyName(parent) ?? '?'}\``);
    }

    const binding = functionBinding(this.model.sourceCode, fn);
    if (binding) return this.fromReferences(fn, binding);
    if (fn.async) return concurrent('async', `the async function on line ${fn.loc.start.line}`);
    return this.contextOf(parent);
  }

  /** A function followed through the name it is bound to: who calls it, and how. */
  private fromReferences(fn: FunctionNode, variable: TSESLint.Scope.Variable): Concurrency | null {
    const name = variable.name;
    let unawaitedCalls = 0;
    for (const reference of variable.references) {
      if (reference.init === true || !reference.isRead()) continue;
      const identifier = reference.identifier;
      if (contains(fn, identifier)) continue;
      const { child, parent } = parentThroughWrappers(identifier);
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child) {
        const caller = this.contextOf(parent);
        if (caller) return calledFrom(name, caller);
        const repeated = repetitionOf(parent);
        // A callback of `forEach`/`map` is not waited for, even when it waits for this call.
        if (repeated === 'callback') unawaitedCalls += 2;
        else if (!isAwaited(parent)) unawaitedCalls += repeated === 'loop' ? 2 : 1;
        continue;
      }
      const registration = callbackRegistration(this.model, child);
      if (registration) {
        const result = this.fromRole(fn, registration.role, registration.call, name);
        if (result) return result;
        continue;
      }
      // Stored, returned or passed somewhere this analysis does not follow.
      if (fn.async) return concurrent('async', `the async function \`${name}\``);
      const user = this.contextOf(identifier);
      if (user) return calledFrom(name, user);
    }
    if (fn.async && unawaitedCalls > 1) return concurrent('async', `the async function \`${name}\``);
    return null;
  }

  private fromRole(
    fn: FunctionNode,
    role: CallbackRole,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    name: string | null,
  ): Concurrency | null {
    switch (role.type) {
      case 'handler':
        return concurrent('handler', role.description);
      case 'serial':
        return null;
      case 'once':
        return this.calledWhere(call, name);
      case 'unknown': {
        if (!fn.async) return this.calledWhere(call, name);
        const line = call.loc.start.line;
        return concurrent(
          'async',
          name === null
            ? `the async callback passed to \`${role.label}\` on line ${line}`
            : `the async function \`${name}\``,
        );
      }
    }
  }

  /** A callback that runs where `call` runs: as concurrent as the code around the call. */
  private calledWhere(call: TSESTree.Node, name: string | null): Concurrency | null {
    const caller = this.contextOf(call);
    return caller && name !== null ? calledFrom(name, caller) : caller;
  }
}

function concurrent(kind: ConcurrencyKind, description: string): Concurrency {
  return { kind, description, source: description };
}

/** `\`save()\`, called from the request handler passed to \`app.post()\` on line 20`. */
function calledFrom(name: string, caller: Concurrency): Concurrency {
  return { kind: caller.kind, description: `\`${name}()\`, called from ${caller.source}`, source: caller.source };
}

/** `await f()`, `return f()`, `yield f()`: the caller waits for it. */
function isAwaited(call: TSESTree.CallExpression): boolean {
  const { parent } = parentThroughWrappers(call);
  return (
    parent?.type === AST_NODE_TYPES.AwaitExpression ||
    parent?.type === AST_NODE_TYPES.ReturnStatement ||
    parent?.type === AST_NODE_TYPES.YieldExpression ||
    (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === call)
  );
}

/** The call runs more than once: in a loop, or in a callback of `forEach`/`map` (which does not wait for it). */
function repetitionOf(call: TSESTree.CallExpression): 'loop' | 'callback' | null {
  for (let current: TSESTree.Node | undefined = call.parent; current; current = current.parent) {
    if (isLoopStatement(current)) return 'loop';
    if (isFunction(current)) return isIterationCallback(current) ? 'callback' : null;
  }
  return null;
}

/** `items.forEach(fn)`, `items.map(fn)`: `fn` is called once per element, each call not waited for. */
function isIterationCallback(fn: FunctionNode): boolean {
  const outer = fn.parent;
  return (
    outer.type === AST_NODE_TYPES.CallExpression &&
    outer.arguments.some((argument) => argument === fn) &&
    isIterationMethod(calleeName(outer))
  );
}

const models = new WeakMap<TSESTree.Program, ConcurrencyModel>();

/** The file's concurrency model, made on first use and shared by every rule that lints the file. */
export function concurrencyModel(model: ResourceModel): ConcurrencyModel {
  const ast = model.sourceCode.ast;
  let concurrency = models.get(ast);
  if (!concurrency) {
    concurrency = new ConcurrencyModel(model);
    models.set(ast, concurrency);
  }
  return concurrency;
}
