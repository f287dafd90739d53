/**
 * Which code can run concurrently with itself: request handlers, job processors, message listeners, exported and
 * async functions, and the helpers they call. Code at module top level, a one-shot script's `main` (a function that
 * is not exported and is called once at top level), and test callbacks (which test runners run one after another)
 * run once at a time.
 *
 * Syntactic and per file: a function is followed through its binding to its call sites in the same file; a value
 * that leaves the file (an export) can be called by anyone. Memoised per file (a `WeakMap` on the AST).
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import {
  calleeName,
  enclosingFunction,
  isFunction,
  lastName,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';

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

/** Where a callback is passed, and what that says about how often and how it runs. */
export type CallbackRole =
  /** Runs per request, job or message. */
  | { readonly type: 'handler'; readonly description: string }
  /** Run by a test runner, one test after another. */
  | { readonly type: 'serial' }
  /** Runs once, where the registering call runs (`server.listen(port, fn)`, `promise.then(fn)`, `setTimeout(fn)`). */
  | { readonly type: 'once' }
  /** An unknown API: an async callback may run concurrently (`items.map(async (x) => …)`). */
  | { readonly type: 'unknown'; readonly label: string };

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'del', 'patch', 'options', 'head', 'all', 'use']);
/** Receivers that are routers or apps by name: `app`, `router`, `fastify`, `apiRouter`, `adminApp`. */
const ROUTER_NAME =
  /^(?:app|application|api|router|routes|server|fastify|instance|koa|hono)$|(?:App|Router|Server|Api)$/u;
const WEB_MODULES = new Set([
  'express',
  'koa',
  'fastify',
  'hono',
  '@koa/router',
  'koa-router',
  'restify',
  'polka',
  '@hapi/hapi',
  'connect',
]);
const QUEUE_MODULES = new Set(['bull', 'bee-queue', 'kue', 'bullmq']);
/** Events that fire once per request, connection or message. */
const CONCURRENT_EVENTS = new Set([
  'request',
  'connection',
  'secureConnection',
  'message',
  'upgrade',
  'stream',
  'job',
  'task',
]);
/** Process-level events of the app's lifetime: their listeners run once. */
const ONCE_EVENTS = new Set([
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'exit',
  'beforeExit',
  'uncaughtException',
  'unhandledRejection',
  'error',
  'close',
  'end',
  'listening',
  'ready',
  'connect',
]);
/** Calls that run their callback once, where the call runs. */
const ONCE_CALLS = new Set([
  'listen',
  'close',
  'connect',
  'end',
  'once',
  'then',
  'catch',
  'finally',
  'setTimeout',
  'setImmediate',
  'queueMicrotask',
  'nextTick',
  'ready',
  'whenReady',
]);
/** Test-runner functions: their callbacks run one after another (unless `.concurrent`). */
const TEST_CALLS = new Set([
  'describe',
  'context',
  'suite',
  'it',
  'test',
  'specify',
  'before',
  'after',
  'beforeEach',
  'afterEach',
  'beforeAll',
  'afterAll',
  'setup',
  'teardown',
  'suiteSetup',
  'suiteTeardown',
]);
/** `it.only`, `test.each(table)`, `describe.concurrent`: members of a test-runner function. */
const TEST_MODIFIERS = new Set([
  'only',
  'skip',
  'todo',
  'each',
  'concurrent',
  'sequential',
  'serial',
  'failing',
  'fails',
  'if',
  'runIf',
  'skipIf',
]);
/** Array methods that call their callback once per element without waiting for it. */
const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'reduce']);

const MAX_LABEL = 40;

/** The concurrency facts of one file. Get it with {@link concurrencyModel}. */
export class ConcurrencyModel {
  private readonly functions = new Map<FunctionNode, Concurrency | null>();
  private readonly pending = new Set<FunctionNode>();
  private cycle = false;

  constructor(private readonly model: ResourceModel) {}

  private get sourceCode(): Readonly<TSESLint.SourceCode> {
    return this.model.sourceCode;
  }

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
      this.cycle = true;
      return null;
    }
    const outerCycle = this.cycle;
    this.cycle = false;
    this.pending.add(fn);
    const result = this.compute(fn);
    this.pending.delete(fn);
    // A "no" reached through a cycle may change once the outer function is decided: only keep certain answers.
    if (result !== null || !this.cycle) this.functions.set(fn, result);
    this.cycle ||= outerCycle;
    return result;
  }

  private compute(fn: FunctionNode): Concurrency | null {
    const { child, parent } = parentThroughWrappers(fn);
    if (!parent) return null;
    // An IIFE runs where it is called.
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === child) return this.contextOf(parent);

    const position = this.callbackPosition(child);
    if (position) return this.fromRole(fn, position.role, position.call, null);

    const exported = this.exportedDescription(fn);
    if (exported !== null) return concurrent('exported', exported);

    if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === child) {
      if (fn.async) return concurrent('async', `the async method \`${keyName(parent) ?? '?'}\``);
      return this.contextOf(parent.parent.parent);
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === child && fn.async) {
      return concurrent('async', `the async method \`${keyName(parent) ?? '?'}\``);
    }

    const binding = functionBinding(this.sourceCode, fn);
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
      const position = this.callbackPosition(child);
      if (position) {
        const result = this.fromRole(fn, position.role, position.call, name);
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
      case 'once': {
        const caller = this.contextOf(call);
        return caller && name !== null ? calledFrom(name, caller) : caller;
      }
      case 'unknown': {
        if (!fn.async) {
          const caller = this.contextOf(call);
          return caller && name !== null ? calledFrom(name, caller) : caller;
        }
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

  /** The call that `node` (a function or a reference to one) is registered with, and what that call does with it. */
  callbackPosition(
    node: TSESTree.Node,
  ): { role: CallbackRole; call: TSESTree.CallExpression | TSESTree.NewExpression } | null {
    let argument: TSESTree.Node = node;
    let parent = node.parent;
    // `app.get('/', [auth, handler])`
    if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
      argument = parent;
      parent = parent.parent;
    }
    if (parent && (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression)) {
      const index = parent.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
      if (index < 0) return null;
      return { role: this.roleOf(parent, index), call: parent };
    }
    // `fastify.route({ method, url, handler })`, `server.route({ path, handler })`, `app.get('/', { handler })`
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === node && keyName(parent) === 'handler') {
      const object = parent.parent;
      const call = object.parent;
      if (
        object.type === AST_NODE_TYPES.ObjectExpression &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.arguments.includes(object)
      ) {
        const method = calleeName(call);
        if (method === 'route' || (method !== null && ROUTE_METHODS.has(method))) {
          return { role: handler('the request handler', this.labelOf(call), call), call };
        }
      }
    }
    return null;
  }

  /** What `call` does with its argument number `index`, when that argument is a function. */
  roleOf(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): CallbackRole {
    const label = this.labelOf(call);
    const name = calleeName(call);
    const callee = skipWrappers(call.callee);
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? skipWrappers(callee.object) : null;
    if (call.type === AST_NODE_TYPES.NewExpression) {
      // bullmq `new Worker(queueName, processor, options)`; worker_threads' `new Worker(file)` takes no function.
      if (name === 'Worker' && index >= 1) return handler('the job processor', label, call);
      if (name === 'CronJob') return handler('the scheduled job', label, call);
      if (name === 'Promise') return { type: 'once' };
      return { type: 'unknown', label };
    }
    const test = testCall(callee);
    if (test === 'concurrent') return handler('the concurrent test', label, call);
    if (test === 'serial') return { type: 'serial' };
    if (name === null) return { type: 'unknown', label };
    if (name === 'createServer' || name === 'createSecureServer') {
      const kind =
        receiver !== null && (lastName(receiver) === 'net' || lastName(receiver) === 'tls')
          ? 'the connection handler'
          : 'the request handler';
      return handler(kind, label, call);
    }
    if (receiver !== null && ROUTE_METHODS.has(name) && this.isRoute(call, name, receiver, index)) {
      return handler('the request handler', label, call);
    }
    if (receiver !== null && name === 'addHook') return handler('the hook', label, call);
    if (name === 'on' || name === 'addListener' || name === 'prependListener') {
      const event = stringValue(call.arguments[0]);
      if (event !== null && CONCURRENT_EVENTS.has(event)) return handler(`the \`${event}\` listener`, label, call);
      if (event !== null && ONCE_EVENTS.has(event)) return { type: 'once' };
      return { type: 'unknown', label };
    }
    if (receiver !== null && name === 'process' && this.isQueue(receiver))
      return handler('the job processor', label, call);
    if (receiver !== null && name === 'define' && /agenda/iu.test(lastName(receiver) ?? ''))
      return handler('the job', label, call);
    if (
      receiver !== null &&
      (name === 'schedule' || name === 'scheduleJob') &&
      /cron|schedul/iu.test(lastName(receiver) ?? '')
    ) {
      return handler('the scheduled job', label, call);
    }
    if (receiver !== null && name === 'consume' && /channel|^ch$/iu.test(lastName(receiver) ?? ''))
      return handler('the message consumer', label, call);
    if (ONCE_CALLS.has(name)) return { type: 'once' };
    return { type: 'unknown', label };
  }

  private isRoute(call: TSESTree.CallExpression, name: string, receiver: TSESTree.Expression, index: number): boolean {
    // `router.route('/users').get(handler)`
    if (receiver.type === AST_NODE_TYPES.CallExpression && calleeName(receiver) === 'route') return true;
    if (index >= 1 && isPath(call.arguments[0])) return true;
    if (name === 'get' && index === 0) return false;
    if (isRouterName(receiver)) return name === 'use' || name === 'all' || index >= 1;
    const origin = this.model.originOf(receiver);
    return origin !== null && origin.instance && WEB_MODULES.has(origin.module);
  }

  private isQueue(receiver: TSESTree.Expression): boolean {
    if (/queue/iu.test(lastName(receiver) ?? '')) return true;
    const origin = this.model.originOf(receiver);
    return origin !== null && QUEUE_MODULES.has(origin.module);
  }

  /** `the exported function \`f\``, or null when `fn` does not leave the module. */
  private exportedDescription(fn: FunctionNode): string | null {
    const { child, parent } = parentThroughWrappers(fn);
    const ownName = fn.id?.name ?? null;
    if (!parent) return null;
    if (
      parent.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      parent.type === AST_NODE_TYPES.ExportDefaultDeclaration
    ) {
      return exportedFunction(ownName);
    }
    if (parent.type === AST_NODE_TYPES.TSExportAssignment) return exportedFunction(ownName);
    if (
      parent.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === child &&
      parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration
    ) {
      return exportedFunction(parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : null);
    }
    if (
      parent.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.right === child &&
      this.isCommonJsExport(parent.left)
    ) {
      const left = skipWrappers(parent.left);
      const key = left.type === AST_NODE_TYPES.MemberExpression ? propertyName(left) : null;
      return exportedFunction(key === 'exports' ? ownName : key);
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === child && this.isExportedObject(parent.parent)) {
      return exportedFunction(keyName(parent));
    }
    if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === child) {
      const classNode = parent.parent.parent;
      if (this.isExportedClass(classNode)) {
        const className = classNode.id?.name;
        const method = parent.kind === 'constructor' ? 'the constructor' : `the method \`${keyName(parent) ?? '?'}\``;
        return className === undefined
          ? `${method} of the exported class`
          : `${method} of the exported class \`${className}\``;
      }
      return null;
    }
    const binding = functionBinding(this.sourceCode, fn);
    if (binding?.references.some((reference) => this.isExportReference(reference.identifier)))
      return exportedFunction(binding.name);
    return null;
  }

  /** `module.exports`, `module.exports.x`, `exports.x` (with `module` and `exports` not declared in the file). */
  isCommonJsExport(node: TSESTree.Node): boolean {
    const target = skipWrappers(node as TSESTree.Expression);
    if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
    const object = skipWrappers(target.object);
    if (object.type === AST_NODE_TYPES.Identifier) {
      if (object.name === 'exports') return this.isGlobal(object);
      return object.name === 'module' && propertyName(target) === 'exports' && this.isGlobal(object);
    }
    return (
      object.type === AST_NODE_TYPES.MemberExpression &&
      this.isCommonJsExport(object) &&
      propertyName(object) === 'exports'
    );
  }

  private isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(identifier), identifier.name);
    return !variable || variable.defs.length === 0;
  }

  /** `module.exports = { … }`, `export default { … }`, `export const api = { … }`. */
  private isExportedObject(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
    const { child, parent } = parentThroughWrappers(node);
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.ExportDefaultDeclaration:
      case AST_NODE_TYPES.TSExportAssignment:
        return true;
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === child && this.isCommonJsExport(parent.left);
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === child && parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
      default:
        return false;
    }
  }

  private isExportedClass(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) return false;
    const { child, parent } = parentThroughWrappers(node);
    if (!parent) return false;
    if (
      parent.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      parent.type === AST_NODE_TYPES.ExportDefaultDeclaration
    )
      return true;
    if (
      parent.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.right === child &&
      this.isCommonJsExport(parent.left)
    )
      return true;
    if (node.type !== AST_NODE_TYPES.ClassDeclaration) return false;
    return this.sourceCode
      .getDeclaredVariables(node)
      .some((variable) => variable.references.some((reference) => this.isExportReference(reference.identifier)));
  }

  /** A reference that exports the value it names: `export { f }`, `export default f`, `module.exports = { f }`. */
  isExportReference(identifier: TSESTree.Node): boolean {
    const { child, parent } = parentThroughWrappers(identifier);
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.ExportSpecifier:
        return parent.local === child;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
      case AST_NODE_TYPES.TSExportAssignment:
        return true;
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === child && this.isCommonJsExport(parent.left);
      case AST_NODE_TYPES.Property:
        return parent.value === child && this.isExportedObject(parent.parent);
      default:
        return false;
    }
  }

  /** `app.get()`, `new Worker()`, `…Router.get()`: the callee as a message shows it. */
  labelOf(call: TSESTree.CallExpression | TSESTree.NewExpression): string {
    const key = this.model.keyOf(call.callee);
    const name = calleeName(call);
    const shown = key.length <= MAX_LABEL ? key : `…${name ?? ''}`;
    return call.type === AST_NODE_TYPES.NewExpression ? `new ${shown}()` : `${shown}()`;
  }
}

function handler(what: string, label: string, call: TSESTree.Node): CallbackRole {
  return { type: 'handler', description: `${what} passed to \`${label}\` on line ${call.loc.start.line}` };
}

function concurrent(kind: ConcurrencyKind, description: string): Concurrency {
  return { kind, description, source: description };
}

function exportedFunction(name: string | null): string {
  return name === null ? 'the exported function' : `the exported function \`${name}\``;
}

/** `\`save()\`, called from the request handler passed to \`app.post()\` on line 20`. */
function calledFrom(name: string, caller: Concurrency): Concurrency {
  return { kind: caller.kind, description: `\`${name}()\`, called from ${caller.source}`, source: caller.source };
}

/** The variable a function is known by: `function f() {}`, `const f = () => {}`. */
export function functionBinding(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
): TSESLint.Scope.Variable | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (!fn.id) return null;
    return sourceCode.getDeclaredVariables(fn).find((variable) => variable.name === fn.id?.name) ?? null;
  }
  const { child, parent } = parentThroughWrappers(fn);
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === child &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    const name = parent.id.name;
    return sourceCode.getDeclaredVariables(parent).find((variable) => variable.name === name) ?? null;
  }
  return null;
}

function keyName(node: TSESTree.MethodDefinition | TSESTree.Property): string | null {
  if (node.computed) return node.key.type === AST_NODE_TYPES.Literal ? String(node.key.value) : null;
  if (node.key.type === AST_NODE_TYPES.Identifier || node.key.type === AST_NODE_TYPES.PrivateIdentifier)
    return node.key.name;
  return node.key.type === AST_NODE_TYPES.Literal ? String(node.key.value) : null;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
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
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return 'loop';
      default:
        if (isFunction(current)) {
          const outer = current.parent;
          const isIteration =
            outer?.type === AST_NODE_TYPES.CallExpression &&
            outer.arguments.includes(current as TSESTree.CallExpressionArgument) &&
            ITERATION_METHODS.has(calleeName(outer) ?? '');
          return isIteration ? 'callback' : null;
        }
    }
  }
  return null;
}

/** `describe`, `it.only`, `test.each(table)`: a test-runner call, and whether it runs its tests concurrently. */
function testCall(callee: TSESTree.Expression): 'serial' | 'concurrent' | null {
  let current: TSESTree.Node = callee;
  let isConcurrent = false;
  for (;;) {
    current = skipWrappers(current);
    if (current.type === AST_NODE_TYPES.CallExpression) current = current.callee;
    else if (current.type === AST_NODE_TYPES.MemberExpression) {
      const modifier = propertyName(current);
      // `context.subscriptions.push(fn)` is not a test: only the runners' own modifiers count.
      if (modifier === null || !TEST_MODIFIERS.has(modifier)) return null;
      if (modifier === 'concurrent') isConcurrent = true;
      current = current.object;
    } else break;
  }
  if (current.type !== AST_NODE_TYPES.Identifier || !TEST_CALLS.has(current.name)) return null;
  return isConcurrent ? 'concurrent' : 'serial';
}

/** A string, a template without expressions, a regular expression or an array of them, that looks like a route path. */
function isPath(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal) {
    if ('regex' in node && node.regex) return true;
    return typeof node.value === 'string' && /^[/*]/u.test(node.value);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return /^[/*]/u.test(node.quasis[0]?.value.cooked ?? '');
  if (node.type === AST_NODE_TYPES.ArrayExpression)
    return node.elements.length > 0 && node.elements.every((element) => element !== null && isPath(element));
  return false;
}

function isRouterName(receiver: TSESTree.Expression): boolean {
  const name = lastName(receiver);
  return name !== null && ROUTER_NAME.test(name);
}

function stringValue(node: TSESTree.Node | undefined): string | null {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? null;
  return null;
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
