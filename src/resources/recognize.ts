/**
 * The one recogniser: `resourceAt(node)` says what resource a call or `new` expression makes, if any: a catalog
 * acquisition (`pool.connect()`, `fs.openSync(p)`, `mutex.acquire()`), a timer (`setInterval(…)`), a catalog instance
 * (`new pg.Pool()`, `mysql.createPool()`), a handle (`new Worker()`, `fs.watch()`, `new WebSocket()`) or a Disposable
 * (`new DisposableStack()`, and in typed mode any value with `[Symbol.dispose]` / `[Symbol.asyncDispose]`).
 *
 * One `Resource` carries what every analysis needs: its noun and label, its receiver, its one release spec, and the
 * facets of the older questions (the `Acquisition` for the lifetime analysis, the `TimerStart`, the sharing class, the
 * Disposable). The accessors below are the views the analyses ask for; they and `resourceAt` are the only way from
 * `analysis/` and `rules/` into recognition (an architecture test checks it).
 *
 * Cheapest first: called names (`acquire`, `setInterval`) before import provenance (`ResourceModel#originOf`) before
 * the type checker, which only the Disposable facet asks, only in typed mode, and only when it is read.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, isTransparentWrapper, lastName, skipWrappers } from '../util/ast.js';
import type { InstanceSpec, ReleaseSpec } from './catalog.js';
import {
  callLabel,
  disposableValueOf,
  isAllowedDisposable,
  type DisposableQuery,
  type DisposableValue,
} from './disposables.js';
import type { Acquisition, ResourceModel } from './match.js';
import { globalHandleSpecOf, handleSpecOf, instanceSpecOf } from './owned.js';
import { creatingExpression, type SharedValue, type Sharing } from './sharing.js';
import { isTimerStartCandidate, timerStartOf, type TimerKind, type TimerStart } from './timers.js';
import type { TypeServices } from './types.js';

/** What made a resource: a catalog acquisition, a timer of one kind, a catalog instance, a handle, a Disposable. */
export type ResourceKind = 'acquisition' | TimerKind | 'instance' | 'handle' | 'disposable';

/** A call or `new` expression. */
export type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

/** One recognised resource. */
export interface Resource {
  /** The call or `new` expression that makes it. */
  readonly node: Creation;
  readonly kind: ResourceKind;
  /** What a message calls it: `client`, `file handle`, `interval`, `worker thread`, `pool`. */
  readonly noun: string;
  /** How a message names its source: `pool.connect()`, `setInterval()`, `new Worker()`, `fs.watch()`. */
  readonly label: string;
  /** `pool` in `pool.connect()`; null for a plain function call or a `new`. */
  readonly receiver: TSESTree.Expression | null;
  /**
   * How it is released, the first shape of each list being the one a fix writes: the catalog's entry for an
   * acquisition; `clearInterval(id)` (and the timer object's own `close()`, `unref()`, `[Symbol.dispose]()`) for a
   * callback timer; the close methods of an instance or a handle; `[Symbol.dispose]()` for a Disposable. Empty for
   * what nothing releases by itself (a `timers/promises` timer, an instance that holds nothing: a mutex).
   */
  readonly release: ReleaseSpec;
  /** The catalog acquisition, for the lifetime analysis; null for other kinds. */
  readonly acquisition: Acquisition | null;
  /** The timer start; null for other kinds. */
  readonly timer: TimerStart | null;
  /** The catalog instance (`new pg.Pool()`, `new Mutex()`), also for an instance that holds nothing; else null. */
  readonly instance: InstanceSpec | null;
  /** Single connection, shareable pool or client, or other catalog resource; null for what is neither. */
  readonly sharing: Sharing | null;
  /**
   * The value as a Disposable (before any `allow` list), whatever its kind: by the catalog, and in typed mode by its
   * type. Computed when first read (it may ask the type checker).
   */
  readonly disposable: DisposableValue | null;
}

const NO_RELEASE: ReleaseSpec = {};
/** A Node timer object: `clearInterval(id)`, or its own `close()`, `unref()` or `[Symbol.dispose]()`. */
const TIMER_OBJECT_METHODS: readonly string[] = ['close', 'unref', '@@dispose'];

class RecognisedResource implements Resource {
  private disposableValue: DisposableValue | null | undefined;

  constructor(
    readonly node: Creation,
    readonly kind: ResourceKind,
    readonly noun: string,
    readonly label: string,
    readonly release: ReleaseSpec,
    private readonly facets: {
      readonly receiver?: TSESTree.Expression | null;
      readonly acquisition?: Acquisition | null;
      readonly timer?: TimerStart | null;
      readonly instance?: InstanceSpec | null;
      readonly disposable?: DisposableValue | null;
    },
    private readonly disposableOfNode: () => DisposableValue | null,
  ) {
    this.disposableValue = facets.disposable;
  }

  get receiver(): TSESTree.Expression | null {
    return this.facets.receiver ?? null;
  }

  get acquisition(): Acquisition | null {
    return this.facets.acquisition ?? null;
  }

  get timer(): TimerStart | null {
    return this.facets.timer ?? null;
  }

  get instance(): InstanceSpec | null {
    return this.facets.instance ?? null;
  }

  get sharing(): Sharing | null {
    const resource = this.acquisition?.resource;
    if (resource) {
      // A server, child process or stream held at module level is the application's (`let child; … child = fork()`).
      if (resource.mayOutliveOwner === true) return null;
      if (resource.shareable) return 'shareable';
      return resource.singleConnection === true || resource.kind === 'connection' ? 'single' : 'other';
    }
    const instance = this.instance;
    if (!instance) return null;
    return instance.singleConnection ? 'single' : instance.shareable ? 'shareable' : 'other';
  }

  get disposable(): DisposableValue | null {
    if (this.disposableValue === undefined) this.disposableValue = this.disposableOfNode();
    return this.disposableValue;
  }
}

const untypedResources = new WeakMap<TSESTree.Node, Resource | null>();
const typedResources = new WeakMap<TSESTree.Node, Resource | null>();

/**
 * The resource that `node` makes, or null. `node` is a call or `new`, through `await` and TypeScript wrappers
 * (`await pool.connect()`, `open(p) as FileHandle`); its type is what the Disposable facet asks in typed mode. Pass
 * the file's type services to recognise Disposables by type; null stays untyped. Memoised per node (and mode).
 */
export function resourceAt(
  node: TSESTree.Node,
  model: ResourceModel,
  types: TypeServices | null = null,
): Resource | null {
  const cache = types ? typedResources : untypedResources;
  const cached = cache.get(node);
  if (cached !== undefined) return cached;
  const result = recognise(node, model, types);
  cache.set(node, result);
  return result;
}

/** The call or `new` that `node` evaluates to, through TypeScript wrappers and one `await`. */
function creationOf(node: TSESTree.Node): Creation | null {
  if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) return node;
  if (!isExpression(node)) return null;
  let value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
  return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression ? value : null;
}

/** `await x` or a transparent wrapper (`x as T`, `x!`, `a?.b()`): the shapes around a creation `resourceAt` accepts. */
function isExpression(node: TSESTree.Node): node is TSESTree.Expression {
  return node.type === AST_NODE_TYPES.AwaitExpression || isTransparentWrapper(node);
}

function recognise(node: TSESTree.Node, model: ResourceModel, types: TypeServices | null): Resource | null {
  const source = creationOf(node);
  if (!source) return null;
  const typed = isExpression(node) ? node : source;
  // 1. Called names: a catalog acquisition (memoised by the model), a timer; a per-call instance (`new MongoClient()`).
  const acquisition = acquisitionAt(model, source);
  const disposableOfNode = (): DisposableValue | null => disposableValueOf(model, types, source, typed, acquisition);
  const timer = source.type === AST_NODE_TYPES.CallExpression ? timerAt(model, source) : null;
  if (timer) {
    const release: ReleaseSpec =
      timer.clearName === null ? NO_RELEASE : { methods: TIMER_OBJECT_METHODS, functions: [timer.clearName] };
    return new RecognisedResource(
      source,
      timer.kind,
      timer.kind,
      `${timer.name}()`,
      release,
      { timer, acquisition },
      disposableOfNode,
    );
  }
  if (acquisition) {
    const { resource, receiver, label } = acquisition;
    return new RecognisedResource(
      source,
      'acquisition',
      resource.noun,
      label,
      resource.release,
      { receiver, acquisition },
      disposableOfNode,
    );
  }

  // 2. Import provenance and unshadowed globals: a handle, a catalog instance (`require('knex')(cfg)` too).
  const global = source.type === AST_NODE_TYPES.NewExpression ? globalHandleSpecOf(model, source) : null;
  const origin = model.originOf(source);
  const instance = origin ? instanceSpecOf(origin) : null;
  const handle = global ?? (origin ? handleSpecOf(origin) : null);
  if (handle || instance) {
    const label = callLabel(model, source);
    if (handle) {
      const release = { methods: handle.methods, awaitRelease: 'awaitRelease' in handle && handle.awaitRelease };
      return new RecognisedResource(source, 'handle', handle.noun, label, release, { instance }, disposableOfNode);
    }
    if (instance) {
      const { noun = 'instance', close = NO_RELEASE } = instance;
      return new RecognisedResource(source, 'instance', noun, label, close, { instance }, disposableOfNode);
    }
  }

  // 3. A Disposable: the catalog's (`new DisposableStack()`), and in typed mode any value by its type.
  const disposable = disposableOfNode();
  return disposable ? disposableResource(disposable, disposableOfNode) : null;
}

function disposableResource(disposable: DisposableValue, disposableOfNode: () => DisposableValue | null): Resource {
  const dispose = disposable.async ? '@@asyncDispose' : '@@dispose';
  const release: ReleaseSpec = {
    methods: [...(disposable.resource?.disposeMethods ?? []), dispose],
    awaitRelease: disposable.async,
  };
  return new RecognisedResource(
    disposable.source,
    'disposable',
    disposable.noun,
    disposable.label,
    release,
    { disposable },
    disposableOfNode,
  );
}

// The views the analyses ask for. Each is `resourceAt` seen from one question, or one of its cheap first layers.

/**
 * The catalog acquisition this call performs (`pool.connect()`, `fs.openSync(p)`), or that this call or `new` is by
 * making a per-call client (`new MongoClient(url)`, `knex(config)`), or null. A name check first.
 */
export function acquisitionAt(model: ResourceModel, call: Creation): Acquisition | null {
  if (call.type === AST_NODE_TYPES.CallExpression && model.isCandidateName(calleeName(call))) {
    return model.acquisitionOf(call);
  }
  return model.mayMakePerCallInstance(call) ? model.acquisitionOf(call) : null;
}

/** The acquisition a call makes in its callback form, the callback getting the resource: `pool.getConnection(cb)`. */
export function callbackAcquisitionAt(model: ResourceModel, call: TSESTree.CallExpression): Acquisition | null {
  return model.isCandidateName(calleeName(call)) ? model.callbackAcquisitionOf(call) : null;
}

/**
 * The timer this call starts (`setInterval(…)`, `timers.setTimeout(…)`, `timers/promises` `setInterval(ms)`), or null.
 * `kinds` narrows the cheap name check (`setInterval` alone when only intervals matter).
 */
export function timerAt(
  model: ResourceModel,
  call: TSESTree.CallExpression,
  kinds?: ReadonlySet<TimerKind>,
): TimerStart | null {
  return isTimerStartCandidate(call, model, kinds) ? timerStartOf(call, model) : null;
}

/**
 * The resource that `value` creates for an owner to keep and release (`value` as written on the right of
 * `this.x = …`): an interval with an id to clear, an acquisition, a handle, an instance that holds a connection, or
 * a Disposable (not one the `allow` list names). `query` carries the type services in typed mode (any Disposable then
 * counts); null leaves Disposables out.
 */
export function ownedResourceAt(
  model: ResourceModel,
  value: TSESTree.Expression,
  query: DisposableQuery | null,
): Resource | null {
  const resource = resourceAt(skipWrappers(value), model, query?.types ?? null);
  if (!resource) return null;
  switch (resource.kind) {
    case 'interval':
    case 'timeout':
    case 'immediate':
      return resource.kind === 'interval' && resource.timer?.promises === false ? resource : null;
    case 'acquisition':
    case 'handle':
      return resource;
    case 'instance':
      if (resource.instance?.close) return resource;
      break;
    case 'disposable':
      break;
  }
  if (!query) return null;
  const disposable = resource.disposable;
  if (!disposable || isAllowedDisposable(query, disposable, skipWrappers(value))) return null;
  return resource.kind === 'disposable' ? resource : disposableResource(disposable, () => disposable);
}

/**
 * The Disposable that `node` makes (a call or `new`, through `await` and wrappers; its type is the value's), or null,
 * and null when the query's `allow` list names it.
 */
export function disposableAt(query: DisposableQuery, node: TSESTree.Expression): DisposableValue | null {
  const disposable = resourceAt(node, query.model, query.types)?.disposable ?? null;
  return disposable && !isAllowedDisposable(query, disposable, node) ? disposable : null;
}

/**
 * What the value of `expression` is for sharing (through `await`, wrappers and mysql2's `.promise()`): a single
 * connection, a shareable pool or client, another catalog resource; null when the catalog does not know it.
 */
export function sharedValueAt(model: ResourceModel, expression: TSESTree.Node): SharedValue | null {
  const node = creatingExpression(expression);
  const resource = node && resourceAt(node, model);
  const sharing = resource?.sharing;
  if (!resource || !sharing) return null;
  const acquisition = resource.acquisition;
  return {
    sharing,
    noun: acquisition ? acquisition.resource.noun : (resource.instance?.noun ?? 'instance'),
    label: acquisition ? acquisition.label : sharingLabel(model, resource.node),
    kind: acquisition ? acquisition.resource.kind : null,
    instance: acquisition ? null : resource.instance,
    node: resource.node,
  };
}

const MAX_SHARING_LABEL_CALLEE = 32;

/** `new Client()`, `mysql.createPool()`: how no-shared-connection's messages have always shown a constructor. */
function sharingLabel(model: ResourceModel, node: Creation): string {
  const key = model.keyOf(node.callee);
  const shown = key.length <= MAX_SHARING_LABEL_CALLEE ? key : `…${lastName(node.callee) ?? ''}`;
  return node.type === AST_NODE_TYPES.NewExpression ? `new ${shown}()` : `${shown}()`;
}
