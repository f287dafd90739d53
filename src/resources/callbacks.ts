/**
 * Callbacks: what a call does with a function passed to it. A web framework runs a route handler per request, a queue
 * runs a job processor per job, a test runner runs its tests one after another, `setTimeout` and `promise.then` run
 * their callback once where the call runs.
 *
 * Knowledge by name and import provenance; read by `analysis/concurrency.ts`.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, lastName, propertyName, skipWrappers } from '../util/ast.js';
import { keyName, staticString } from '../util/keys.js';
import type { ResourceModel } from './match.js';
import { settleOnceCallers } from './vocabulary.js';

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

/** A callback and the call it is registered with. */
export interface CallbackRegistration {
  readonly role: CallbackRole;
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
}

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
const ONCE_CALLS = new Set([...settleOnceCallers, 'listen', 'close', 'connect', 'end', 'once', 'whenReady']);
/** Test-runner functions: their callbacks run one after another (unless `.concurrent`). */
export const TEST_CALLS: ReadonlySet<string> = new Set([
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

/** `forEach`, `map`, …: array methods that call their callback once per element without waiting for it. */
export function isIterationMethod(name: string | null): boolean {
  return name !== null && ITERATION_METHODS.has(name);
}

/** The call that `node` (a function or a reference to one) is registered with, and what that call does with it. */
export function callbackRegistration(model: ResourceModel, node: TSESTree.Node): CallbackRegistration | null {
  let argument: TSESTree.Node = node;
  let parent = node.parent;
  // `app.get('/', [auth, handler])`
  if (parent?.type === AST_NODE_TYPES.ArrayExpression) {
    argument = parent;
    parent = parent.parent;
  }
  if (parent && (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression)) {
    const index = parent.arguments.findIndex((candidate) => candidate === argument);
    if (index < 0) return null;
    return { role: callbackRoleOf(model, parent, index), call: parent };
  }
  // `fastify.route({ method, url, handler })`, `server.route({ path, handler })`, `app.get('/', { handler })`
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === node && keyName(parent) === 'handler') {
    const object = parent.parent;
    const call = object.parent;
    if (
      object.type === AST_NODE_TYPES.ObjectExpression &&
      call.type === AST_NODE_TYPES.CallExpression &&
      call.arguments.includes(object)
    ) {
      const method = calleeName(call);
      if (method === 'route' || (method !== null && ROUTE_METHODS.has(method))) {
        return { role: handler('the request handler', registrationLabel(model, call), call), call };
      }
    }
  }
  return null;
}

/** What `call` does with its argument number `index`, when that argument is a function. */
export function callbackRoleOf(
  model: ResourceModel,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
): CallbackRole {
  const label = registrationLabel(model, call);
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
  if (receiver !== null && ROUTE_METHODS.has(name) && isRoute(model, call, name, receiver, index)) {
    return handler('the request handler', label, call);
  }
  if (receiver !== null && name === 'addHook') return handler('the hook', label, call);
  if (name === 'on' || name === 'addListener' || name === 'prependListener') {
    const event = staticString(call.arguments[0]);
    if (event !== null && CONCURRENT_EVENTS.has(event)) return handler(`the \`${event}\` listener`, label, call);
    if (event !== null && ONCE_EVENTS.has(event)) return { type: 'once' };
    return { type: 'unknown', label };
  }
  if (receiver !== null && name === 'process' && isQueue(model, receiver))
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

/**
 * `app.get()`, `new Worker()`, `…Router.get()`: the callee as a message shows it, a long one cut to `…` and its last
 * name (unlike `disposables.ts`'s `callLabel`, which gives the last name alone).
 */
function registrationLabel(model: ResourceModel, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const key = model.keyOf(call.callee);
  const name = calleeName(call);
  const shown = key.length <= MAX_LABEL ? key : `…${name ?? ''}`;
  return call.type === AST_NODE_TYPES.NewExpression ? `new ${shown}()` : `${shown}()`;
}

function handler(what: string, label: string, call: TSESTree.Node): CallbackRole {
  return { type: 'handler', description: `${what} passed to \`${label}\` on line ${call.loc.start.line}` };
}

function isRoute(
  model: ResourceModel,
  call: TSESTree.CallExpression,
  name: string,
  receiver: TSESTree.Expression,
  index: number,
): boolean {
  // `router.route('/users').get(handler)`
  if (receiver.type === AST_NODE_TYPES.CallExpression && calleeName(receiver) === 'route') return true;
  if (index >= 1 && isPath(call.arguments[0])) return true;
  if (name === 'get' && index === 0) return false;
  if (isRouterName(receiver)) return name === 'use' || name === 'all' || index >= 1;
  const origin = model.originOf(receiver);
  return origin !== null && origin.instance && WEB_MODULES.has(origin.module);
}

function isQueue(model: ResourceModel, receiver: TSESTree.Expression): boolean {
  if (/queue/iu.test(lastName(receiver) ?? '')) return true;
  const origin = model.originOf(receiver);
  return origin !== null && QUEUE_MODULES.has(origin.module);
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
function isPath(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal) {
    if ('regex' in node) return true;
    return typeof node.value === 'string' && /^[/*]/u.test(node.value);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return /^[/*]/u.test(node.quasis[0]?.value.cooked ?? '');
  if (node.type === AST_NODE_TYPES.ArrayExpression)
    return node.elements.length > 0 && node.elements.every((element) => isPath(element));
  return false;
}

function isRouterName(receiver: TSESTree.Expression): boolean {
  const name = lastName(receiver);
  return name !== null && ROUTER_NAME.test(name);
}
