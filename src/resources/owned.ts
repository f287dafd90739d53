/**
 * What an owner keeps and closes, found by import provenance (`ResourceModel#originOf`) or as an unshadowed global:
 * handles that module exports and globals create (`new Worker()`, `fs.watch()`, `net.connect()`, `new WebSocket()`)
 * and the catalog's instances (`new pg.Pool()`, `knex()`). The lookups `recognize.ts` builds resources from, and
 * `isWorkerConstruction` for `require-stop-signal`.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, requireSource, skipWrappers } from '../util/ast.js';
import {
  globalHandleSpecs,
  handleSpecs,
  instances,
  type GlobalHandleSpec,
  type HandleSpec,
  type InstanceSpec,
} from './catalog.js';
import { isGlobal } from './scope.js';
import type { Origin, ResourceModel } from './match.js';
import { normalizeModule } from './settings.js';
import { releaseMethodNames } from './vocabulary.js';

export { releaseMethodNames };

/** Cheap test first: could `value` (without `await`/wrappers) create a resource? A call or a `new`. */
export function isCreation(value: TSESTree.Expression): value is TSESTree.CallExpression | TSESTree.NewExpression {
  return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression;
}

/** The web or Node global that `new X()` constructs and an owner must close (`new WebSocket(url)`), unless shadowed. */
export function globalHandleSpecOf(model: ResourceModel, node: TSESTree.NewExpression): GlobalHandleSpec | null {
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const global = globalHandleSpecs.find((entry) => entry.name === callee.name);
  return global && isGlobal(callee, model) ? global : null;
}

/** The handle a module export makes, by the value's origin (`{ module: 'fs', path: ['watch'], instance: true }`). */
export function handleSpecOf(origin: Origin): HandleSpec | null {
  if (!origin.instance) return null;
  return handleSpecs.find((spec) => spec.modules.includes(origin.module) && samePath(spec.path, origin.path)) ?? null;
}

/** The catalog instance that a value with this origin is (`new pg.Pool()`, `knex()`, `new Mutex()`). */
export function instanceSpecOf(origin: Origin): InstanceSpec | null {
  if (!origin.instance) return null;
  return (
    instances.find((spec) =>
      spec.created.some((made) => made.modules.includes(origin.module) && samePath(made.path, origin.path)),
    ) ?? null
  );
}

/** Is this `new X(…)` a `worker_threads` `Worker` (through imports, `require` and aliases) or the web's global `Worker`? */
export function isWorkerConstruction(model: ResourceModel, node: TSESTree.NewExpression): boolean {
  const callee = skipWrappers(node.callee);
  // Cheapest first: `new Worker(…)`, `new wt.Worker(…)`, or `new W(…)` in a file that imports `worker_threads`.
  const named = calleeName(node) === 'Worker';
  if (!named && (callee.type !== AST_NODE_TYPES.Identifier || !importsWorkerThreads(model))) return false;
  if (callee.type === AST_NODE_TYPES.Identifier && named && isGlobal(callee, model)) return true;
  const origin = model.originOf(node);
  return origin !== null && origin.instance && origin.module === 'worker_threads' && samePath(origin.path, ['Worker']);
}

const workerThreadsImports = new WeakMap<TSESTree.Program, boolean>();

/** Does the file import or `require` `worker_threads` at module level (where an alias of `Worker` could come from)? */
function importsWorkerThreads(model: ResourceModel): boolean {
  const program = model.sourceCode.ast;
  let result = workerThreadsImports.get(program);
  if (result === undefined) {
    const isWorkerThreads = (source: string | null): boolean =>
      source !== null && normalizeModule(source) === 'worker_threads';
    result = program.body.some((statement) => {
      if (statement.type === AST_NODE_TYPES.ImportDeclaration) return isWorkerThreads(statement.source.value);
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
      // `const { Worker: W } = require('worker_threads')`, `const W = require('worker_threads').Worker`
      return statement.declarations.some((declarator) => {
        const init = declarator.init && skipWrappers(declarator.init);
        if (!init) return false;
        const required = init.type === AST_NODE_TYPES.MemberExpression ? skipWrappers(init.object) : init;
        return isWorkerThreads(requireSource(required));
      });
    });
    workerThreadsImports.set(program, result);
  }
  return result;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}
