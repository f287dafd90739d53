/**
 * Worker threads: is this file a worker's entry (its top-level loop runs for the worker's life, which the parent ends),
 * and does a class keep the `Worker`s its methods start (so a stop method can terminate them)?
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import {
  calleeName,
  enclosingFunction,
  isFunction,
  isPromiseExecutor,
  parentThroughWrappers,
  propertyName,
  type FunctionNode,
} from '../util/ast.js';
import { isAppLifetimeClass, isAppLifetimeCode } from './owners.js';
import { classLifecycleOf, methodContaining, thisClassOf, type ClassMethod, type ClassNode } from './teardown.js';

const workerFiles = new WeakMap<TSESTree.Program, boolean>();

/**
 * Is this file a worker thread's entry: does it take `parentPort` or `workerData` from `worker_threads`
 * (`import { parentPort } from 'node:worker_threads'`, `const { parentPort } = require('worker_threads')`)?
 */
export function isWorkerEntryFile(model: ResourceModel): boolean {
  const program = model.sourceCode.ast;
  let result = workerFiles.get(program);
  if (result === undefined) {
    result = program.body.some((statement) => takesWorkerPort(statement, model));
    workerFiles.set(program, result);
  }
  return result;
}

function takesWorkerPort(statement: TSESTree.ProgramStatement, model: ResourceModel): boolean {
  if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
    return (
      /^(?:node:)?worker_threads$/u.test(statement.source.value) &&
      statement.specifiers.some(
        (specifier) =>
          specifier.type === AST_NODE_TYPES.ImportSpecifier &&
          specifier.imported.type === AST_NODE_TYPES.Identifier &&
          isPortName(specifier.imported.name),
      )
    );
  }
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  return statement.declarations.some((declarator) => {
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !declarator.init) return false;
    const origin = model.originOf(declarator.init);
    if (origin?.module !== 'worker_threads' || origin.path.length > 0) return false;
    return declarator.id.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        isPortName(property.key.name),
    );
  });
}

function isPortName(name: string): boolean {
  return name === 'parentPort' || name === 'workerData';
}

/**
 * A `Worker` that a class method or a plain function starts: kept where a stop method can reach it, or not
 * (`notKept` in a class method, `perCall` in a function: a worker started on every call and never terminated).
 */
export type WorkerVerdict =
  | { readonly kind: 'kept' }
  | { readonly kind: 'notKept'; readonly classNode: ClassNode; readonly method: ClassMethod }
  | { readonly kind: 'perCall'; readonly fn: FunctionNode };

const KEPT: WorkerVerdict = { kind: 'kept' };

/**
 * A `Worker` a class method starts and keeps nowhere: no stop method can reach it. Workers stored in a field are
 * `dispose-owned-resources`' business; task workers that report their end (`on('exit')`, in a `new Promise`
 * executor), workers outside instance methods and workers handed to other code count as kept.
 */
export function workerVerdictOf(node: TSESTree.NewExpression, model: ResourceModel): WorkerVerdict {
  const owner = thisClassOf(node);
  if (!owner) return functionWorkerVerdict(node, model);
  // A singleton's workers run as long as its one instance, the program (`owners.ts`).
  if (isAppLifetimeClass(owner.classNode, model)) return KEPT;
  if (isInPromiseExecutor(node, owner.member) || !isDropped(node, model)) return KEPT;
  const lifecycle = classLifecycleOf(owner.classNode, model);
  const method = methodContaining(lifecycle, node);
  if (!method || method.isStatic) return KEPT;
  return { kind: 'notKept', classNode: owner.classNode, method };
}

/**
 * A `Worker` a plain function (or an object-literal method) starts on each call, posts work to and drops: only
 * listened or posted to, never terminated, awaited, returned or stored. App-lifetime code (`main()`, module level) starts workers for the
 * program's life, and a worker started in a `new Promise` executor is a task that ends with its promise.
 */
function functionWorkerVerdict(node: TSESTree.NewExpression, model: ResourceModel): WorkerVerdict {
  const fn = enclosingFunction(node);
  if (!fn || isAppLifetimeCode(node, model)) return KEPT;
  for (let current: FunctionNode | null = fn; current; current = enclosingFunction(current)) {
    if (isPromiseExecutor(current)) return KEPT;
  }
  return isDropped(node, model) && isPostedTo(node, model) ? { kind: 'perCall', fn } : KEPT;
}

/**
 * Does the function post work to the new worker (`worker.postMessage(job)`, `new Worker(f).postMessage(job)`)? Such a
 * worker listens on its `parentPort`, which keeps it alive until it is terminated; a worker given only its
 * `workerData` may end by itself when its task is done.
 */
function isPostedTo(node: TSESTree.NewExpression, model: ResourceModel): boolean {
  let top: TSESTree.Node = node;
  for (;;) {
    const { child, parent } = parentThroughWrappers(top);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) break;
    const call = parentThroughWrappers(parent);
    if (call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.child) break;
    if (propertyName(parent) === 'postMessage') return true;
    top = call.parent;
  }
  const { child, parent } = parentThroughWrappers(top);
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child) return false;
  const variable = model.sourceCode.getDeclaredVariables(parent)[0];
  return (
    variable?.references.some((reference) => {
      const member = parentThroughWrappers(reference.identifier).parent;
      return member?.type === AST_NODE_TYPES.MemberExpression && propertyName(member) === 'postMessage';
    }) ?? false
  );
}

/**
 * Is the new worker dropped: discarded (`new Worker(f);`, `new Worker(f).on('message', …);`) or bound to a local that
 * is only listened or posted to, with no `exit` listener, `terminate()` or `unref()`?
 */
function isDropped(node: TSESTree.NewExpression, model: ResourceModel): boolean {
  const top = lastChainedCall(node);
  if (!top) return false;
  const { child, parent } = parentThroughWrappers(top);
  const posted = parent?.type === AST_NODE_TYPES.MemberExpression;
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === child &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    const variable = model.sourceCode.getDeclaredVariables(parent)[0];
    return variable !== undefined && isOnlyListenedTo(variable);
  }
  return parent?.type === AST_NODE_TYPES.ExpressionStatement || posted;
}

/**
 * The end of the chain of calls on the new worker that return the worker itself (`new Worker(f).on('error', …)`),
 * or null when one of them ends or hands on the worker (`terminate()`, `unref()`, `on('exit')`, another method).
 */
function lastChainedCall(node: TSESTree.NewExpression): TSESTree.Node | null {
  let top: TSESTree.Node = node;
  for (;;) {
    const { child, parent } = parentThroughWrappers(top);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return top;
    const call = parentThroughWrappers(parent);
    if (call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.child) return top;
    const name = propertyName(parent);
    if (name === 'terminate' || name === 'unref' || isExitListener(call.parent)) return null;
    // `new Worker(file).postMessage(job);`: the last use of a worker nothing keeps.
    if (
      name === 'postMessage' &&
      parentThroughWrappers(call.parent).parent?.type === AST_NODE_TYPES.ExpressionStatement
    )
      return top;
    if (name === null || !CHAINABLE.has(name)) return null;
    top = call.parent;
  }
}

/** Methods of a `Worker` (an EventEmitter) that return the worker itself. */
const CHAINABLE: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'setMaxListeners',
  'ref',
  'off',
  'removeListener',
]);

/** `worker.on('exit', …)` / `worker.once('exit', …)`: the code expects the worker to end by itself (a task worker). */
function isExitListener(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  const type = call.arguments[0];
  return (name === 'on' || name === 'once') && type?.type === AST_NODE_TYPES.Literal && type.value === 'exit';
}

/** Every use of the worker's binding listens to it or posts to it: nothing can terminate it or hand it on. */
function isOnlyListenedTo(variable: TSESLint.Scope.Variable): boolean {
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const { child, parent } = parentThroughWrappers(reference.identifier);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
    const call = parentThroughWrappers(parent);
    if (call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.child) return false;
    const name = propertyName(parent);
    if (name === 'terminate' || name === 'unref' || isExitListener(call.parent)) return false;
    if (name === null || (!CHAINABLE.has(name) && name !== 'postMessage')) return false;
  }
  return true;
}

/** `new Promise((resolve, reject) => { const worker = new Worker(…); … })`: a task that ends with its promise. */
function isInPromiseExecutor(node: TSESTree.Node, member: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== member; current = current.parent) {
    if (isFunction(current) && isPromiseExecutor(current)) return true;
  }
  return false;
}
