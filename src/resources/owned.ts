/**
 * Resources an object can create and keep for its whole life, and how each is released: the catalog's acquisitions
 * (`pool.connect()`, `open()`), the instances the catalog knows (`new pg.Pool()`, `knex()`), Node and web handles
 * (`new Worker()`, `fs.watch()`, `net.connect()`, `new WebSocket()`), intervals, and in typed mode every Disposable.
 *
 * Shared by the rules that ask "does the owner release what it made?" (`dispose-owned-resources`,
 * `require-stop-signal`). Recognition goes by import provenance (`ResourceModel#originOf`), never by name alone,
 * except for the catalog's documented name fallbacks (`this.pool.connect()`).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, requireSource, skipWrappers } from '../util/ast.js';
import { globalHandleSpecs, handleSpecs, instances, type HandleSpec } from './catalog.js';
import { callLabel, disposableOf, type DisposableQuery } from './disposables.js';
import { isGlobal } from './handles.js';
import { isTimerStartCandidate, timerStartOf } from './timers.js';
import type { Origin, ResourceModel } from './match.js';
import { normalizeModule } from './settings.js';
import { releaseMethodNames } from './vocabulary.js';

export { releaseMethodNames };

/** How an owned resource is released. Any of these shapes counts; the first one is the one a fix writes. */
export interface OwnedRelease {
  /** `value.m()`: `client.release()`, `worker.terminate()`, `value[Symbol.asyncDispose]()` (`@@asyncDispose`). */
  readonly methods: readonly string[];
  /** `f(value)`: `clearInterval(id)`, `closeSync(fd)`. */
  readonly functions: readonly string[];
  /** `value()`: the acquisition resolved to a release function. */
  readonly callValue: boolean;
  /** `receiver.m(value)` on the acquiring receiver (`pool.release(resource)`), with the receiver's text. */
  readonly receiverMethods: readonly string[];
  readonly receiver: string | null;
  /** The release returns a promise: a generated release is awaited where it can be. */
  readonly awaitRelease: boolean;
}

/** What made an owned resource. */
export type OwnedKind = 'interval' | 'acquisition' | 'instance' | 'handle' | 'disposable';

export interface OwnedResource {
  /** The call or `new` expression that creates it. */
  readonly source: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly kind: OwnedKind;
  /** What a message calls it: `client`, `worker thread`, `file watcher`, `interval`. */
  readonly noun: string;
  /** How a message names its source: `pool.connect()`, `new Worker()`, `fs.watch()`. */
  readonly label: string;
  readonly release: OwnedRelease;
  /** Passing it to a function of these modules is a use, not a hand-off (the catalog's `usedByModules`). */
  readonly usedByModules?: readonly string[];
}

const NO_RELEASE: Omit<OwnedRelease, 'methods'> = {
  functions: [],
  callValue: false,
  receiverMethods: [],
  receiver: null,
  awaitRelease: false,
};

/** Cheap test first: could `value` (without `await`/wrappers) create a resource? A call or a `new`. */
export function isCreation(value: TSESTree.Expression): value is TSESTree.CallExpression | TSESTree.NewExpression {
  return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression;
}

/**
 * The resource that `value` creates (`value` as written on the right of `this.x = …`, `await` and wrappers allowed),
 * or null. `query` carries the type services in typed mode (any Disposable then counts); pass null to stay untyped.
 */
export function ownedResourceOf(
  model: ResourceModel,
  value: TSESTree.Expression,
  query: DisposableQuery | null,
): OwnedResource | null {
  let typed = skipWrappers(value);
  let source = typed;
  if (source.type === AST_NODE_TYPES.AwaitExpression) source = skipWrappers(source.argument);
  else typed = source;
  if (!isCreation(source)) return null;
  if (source.type === AST_NODE_TYPES.CallExpression) {
    const fromCall = ownedFromCall(model, source);
    if (fromCall) return fromCall;
  }
  const fromOrigin = ownedFromOrigin(model, source);
  if (fromOrigin) return fromOrigin;
  if (!query) return null;
  const disposable = disposableOf(query, source, typed);
  if (!disposable) return null;
  const dispose = disposable.async ? '@@asyncDispose' : '@@dispose';
  const extra = disposable.resource?.disposeMethods ?? [];
  return {
    source,
    kind: 'disposable',
    noun: disposable.noun,
    label: disposable.label,
    release: { ...NO_RELEASE, methods: [...extra, dispose], awaitRelease: disposable.async },
  };
}

/** An interval (`setInterval(…)`), or an acquisition of the catalog (`pool.connect()`, `open(path)`). */
function ownedFromCall(model: ResourceModel, call: TSESTree.CallExpression): OwnedResource | null {
  if (isTimerStartCandidate(call, model)) {
    const start = timerStartOf(call, model);
    if (!start) return null;
    if (start.promises || start.kind !== 'interval') return null;
    return {
      source: call,
      kind: 'interval',
      noun: 'interval',
      label: `${start.name}()`,
      release: {
        ...NO_RELEASE,
        methods: ['close', 'unref', '@@dispose'],
        functions: start.clearName === null ? [] : [start.clearName],
      },
    };
  }
  if (!model.isCandidateName(calleeName(call))) return null;
  const acquisition = model.acquisitionOf(call);
  if (!acquisition) return null;
  const release = acquisition.resource.release;
  const receiver = acquisition.receiver;
  return {
    source: call,
    kind: 'acquisition',
    noun: acquisition.resource.noun,
    label: acquisition.label,
    release: {
      methods: release.methods ?? [],
      functions: release.functions ?? [],
      callValue: release.callValue ?? false,
      receiverMethods: release.receiverMethods ?? [],
      receiver: receiver ? model.sourceCode.getText(receiver) : null,
      awaitRelease: release.awaitRelease ?? false,
    },
    usedByModules: acquisition.resource.usedByModules,
  };
}

/** An instance of the catalog (`new Pool()`, `knex(config)`), a handle (`new Worker()`, `fs.watch()`) or a web global. */
function ownedFromOrigin(
  model: ResourceModel,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
): OwnedResource | null {
  const callee = skipWrappers(source.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (source.type === AST_NODE_TYPES.NewExpression && callee.type === AST_NODE_TYPES.Identifier) {
    const global = globalHandleSpecs.find((entry) => entry.name === callee.name);
    if (global && isGlobal(callee, model)) {
      return {
        source,
        kind: 'handle',
        noun: global.noun,
        label: callLabel(model, source),
        release: { ...NO_RELEASE, methods: global.methods },
      };
    }
  }
  const origin = model.originOf(source);
  if (!origin?.instance) return null;
  const handle = handleSpecOf(origin);
  if (handle) {
    const release = { ...NO_RELEASE, methods: handle.methods, awaitRelease: handle.awaitRelease ?? false };
    return { source, kind: 'handle', noun: handle.noun, label: callLabel(model, source), release };
  }
  const instance = instances.find((spec) =>
    spec.created.some((made) => made.modules.includes(origin.module) && samePath(made.path, origin.path)),
  );
  const release = instance?.close;
  if (!instance || !release) return null;
  return {
    source,
    kind: 'instance',
    noun: instance.noun ?? 'client',
    label: callLabel(model, source),
    release: { ...NO_RELEASE, ...release },
  };
}

/** The handle a module export makes, by the value's origin (`{ module: 'fs', path: ['watch'], instance: true }`). */
export function handleSpecOf(origin: Origin): HandleSpec | null {
  if (!origin.instance) return null;
  return handleSpecs.find((spec) => spec.modules.includes(origin.module) && samePath(spec.path, origin.path)) ?? null;
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

/**
 * The statement that releases `target` (the text of the field, `this.conn`) in the first shape `release` allows:
 * `await this.conn.end();`, `clearInterval(this.timer);`, `this.release();`, `await this.fh[Symbol.asyncDispose]();`.
 * `optional` writes `?.` (the field may be unset at teardown); `canAwait` says whether `await` is allowed there.
 * Null when no shape can be written without new imports.
 */
export function releaseStatementText(
  release: OwnedRelease,
  target: string,
  options: { optional: boolean; canAwait: boolean },
): string | null {
  const dot = options.optional ? '?.' : '.';
  const awaitPrefix = release.awaitRelease && options.canAwait ? 'await ' : '';
  const method = release.methods[0];
  let call: string | null = null;
  if (release.functions[0] === 'clearInterval' || release.functions[0] === 'clearTimeout')
    call = `${release.functions[0]}(${target})`;
  else if (release.callValue) call = `${target}${options.optional ? '?.' : ''}()`;
  else if (method === '@@dispose' || method === '@@asyncDispose') {
    call = `${target}${options.optional ? '?.' : ''}[Symbol.${method.slice(2)}]()`;
  } else if (method !== undefined) call = `${target}${dot}${method}()`;
  else if (release.receiver !== null && release.receiverMethods[0] && /^[\w$.#]+$/u.test(release.receiver)) {
    call = `${release.receiver}.${release.receiverMethods[0]}(${target})`;
  }
  return call === null ? null : `${awaitPrefix}${call};`;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}
