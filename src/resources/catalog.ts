/**
 * The built-in resource catalog: which calls acquire a resource, which objects stay open until closed, and how each
 * is released. One file per API family in `catalog/`; this module holds the entry types and assembles the families.
 * Package names live in the catalog only (and in the user's settings); the recogniser (`recognize.ts`, through
 * `match.ts` and `owned.ts`) reads them from here.
 */

export type ResourceKind = 'lock' | 'connection' | 'descriptor' | 'handle';

/**
 * How a resource is released, for every kind of resource (`Resource#release` in `recognize.ts`): a release matches if
 * it has any of these shapes; the first entry of each list is the one a fix writes (`fix/releaseText.ts`).
 */
export interface ReleaseSpec {
  /** `value.m()`: `client.release()`, `fh.close()`. */
  readonly methods?: readonly string[];
  /** `value()`: the acquisition resolved to a release function. */
  readonly callValue?: boolean;
  /** `receiver.m()` on the acquiring receiver, or `anything.m(value)`: `sema.release()`, `pool.release(r)`. */
  readonly receiverMethods?: readonly string[];
  /** `f(value, …)`: `fs.closeSync(fd)`. */
  readonly functions?: readonly string[];
  /** `f(sameFirstArgument)` or `x.f(sameFirstArgument)`: `lockfile.unlock(file)` pairs `lockfile.lock(file)`. */
  readonly pairedFunctions?: readonly string[];
  /** The release returns a promise: a generated release is awaited. */
  readonly awaitRelease?: boolean;
  /**
   * The release depends on the outcome: a transaction commits on success and rolls back on failure. Any method of
   * `methods` ends it, and no fix moves or writes a release (a `finally` that commits would commit a failed unit).
   */
  readonly byOutcome?: boolean;
  /**
   * Releasing the value twice is harmless (only reported with `checkIdempotent`). A release through the receiver
   * alone (`mutex.release()`, `sema.release()`) is never idempotent: it releases whoever holds the receiver now.
   */
  readonly idempotent?: boolean;
}

export interface ResourceSpec {
  /** Stable id, `package:Thing#method`. */
  readonly id: string;
  readonly kind: ResourceKind;
  /** What the user calls it in a message: `client`, `lock`, `file descriptor`. */
  readonly noun: string;
  readonly release: ReleaseSpec;
  /** Passing the value to a function of these modules is a use, not a hand-off (`fs.readSync(fd)`). */
  readonly usedByModules?: readonly string[];
  /** A single connection that must not be shared by concurrent code. */
  readonly singleConnection?: boolean;
  /**
   * A client meant to live as long as its owner (`new MongoClient(url)`, `kafka.producer()`): made by app-lifetime
   * code (module top level, `main()`, a singleton), it is no leak; made per call, it must be closed on every path.
   */
  readonly longLived?: boolean;
  /**
   * The value may live past its function by design (a server, a stream its consumer ends, a child process, a
   * watcher): a missing release is no evidence of a leak, and dropping the value is no mistake. A release on some
   * paths only is: the function meant to close it, and an error path skips the close.
   */
  readonly mayOutliveOwner?: boolean;
  /**
   * The value closes itself when its own connection fails (a WebSocket that errors emits `close`): an `await` that
   * names the value (`await once(ws, 'open')`, `await new Promise((resolve) => ws.once('message', resolve))`) rejects
   * only when the value is already closed, so it is no risk before the release. Only with `mayOutliveOwner`.
   */
  readonly closesOnOwnError?: boolean;
  /**
   * A call of the value's own methods that is not awaited does not throw in practice (`browser.version()`): it is not
   * counted as a risk before the release.
   */
  readonly quietOwnCalls?: boolean;
  /**
   * Releasing the receiver releases this value too (a browser's `close()` closes its pages): a value made from a
   * receiver acquired in the same function is no acquisition of its own, the receiver's release covers it.
   */
  readonly closedWithReceiver?: boolean;
  /**
   * Designed to be shared by concurrent code (a pool, a multiplexing client): never a single connection, even when
   * its kind is `connection`. Without either flag, an acquisition of kind `connection` counts as a single connection.
   */
  readonly shareable?: boolean;
  /**
   * The value implements `[Symbol.dispose]()` (`sync`) or `[Symbol.asyncDispose]()` (`async`), so `using` /
   * `await using` can hold it (prefer-using, no-floating-resource).
   */
  readonly disposable?: 'sync' | 'async';
  /** Methods of the value that do exactly what its disposal does: `FileHandle#close`, `DisposableStack#dispose`. */
  readonly disposeMethods?: readonly string[];
  /** Methods of the value that hand its contents to a new owner: `DisposableStack#move`. */
  readonly handOffMethods?: readonly string[];
  /**
   * Methods of the value that take their first argument over and return it (`DisposableStack#use`, `#adopt`): the
   * value that comes out is owned by this one.
   */
  readonly adoptMethods?: readonly string[];
  /**
   * The TypeScript type of the value: its name and the module that declares it (`lib` for the default library),
   * so that typed rules recognise the value wherever it comes from.
   */
  readonly type?: { readonly name: string; readonly module: string };
}

/** Where the acquiring call's callee comes from. */
export type AcquirerSource =
  /** A module export called directly: `fs.openSync(p)`, `openSync(p)`. `path` ends with the function name. */
  | { readonly type: 'module'; readonly modules: readonly string[]; readonly path: readonly string[] }
  /** A method on an instance the catalog knows: `pool.connect()` where `pool = new pg.Pool()`. */
  | { readonly type: 'instance'; readonly instance: string }
  /**
   * A method on a receiver known only by its name (an injected object): `this.pool.connect()`. `modules`: only in a
   * file that names one of them (an import, a type import, a `require`), for a method name too common alone.
   */
  | { readonly type: 'name'; readonly receiver: RegExp | null; readonly modules?: readonly string[] }
  /** An entry of `settings.cleanup.resources`: the callee or receiver comes from `module`, and/or the receiver's name matches. */
  | { readonly type: 'user'; readonly module: string | null; readonly receiver: RegExp | null }
  /** Release evidence (`analysis/evidence.ts`): the function releases the value it made; never in a model's list. */
  | { readonly type: 'evidence' };

export interface Acquirer {
  /** The called name: the method or the function. */
  readonly method: string;
  readonly source: AcquirerSource;
  readonly resource: ResourceSpec;
  /**
   * The call is not an acquisition when it is given a callback: the callback-scoped form (`knex.transaction(fn)`,
   * `pool.connect((err, client, done) => …)`), which the library ends when the callback settles. No other acquirer
   * takes such a call either.
   */
  readonly callbackForm?: boolean;
  /**
   * The entry declares only the callback-scoped form (`{ acquire: 'transaction', scope: 'callback' }` without a
   * `release`): a call without a callback is not this acquirer's.
   */
  readonly scopedOnly?: boolean;
}

/** Instances created by a module export, with `new` or a plain call. */
export interface InstanceSpec {
  readonly id: string;
  /** How the docs name an instance in examples: `pool` in `pool.connect()`. */
  readonly receiver: string;
  readonly created: readonly { readonly modules: readonly string[]; readonly path: readonly string[] }[];
  /** What the user calls it in a message: `connection`, `pool`, `client`. */
  readonly noun?: string;
  /** The instance is one connection (`new pg.Client()`): concurrent code must not share it. */
  readonly singleConnection?: boolean;
  /** The instance is designed to be shared by concurrent code: a pool, or a client that multiplexes or pools. */
  readonly shareable?: boolean;
  /**
   * How an object that keeps the instance for its whole life closes it (`pool.end()`); absent for instances that
   * hold nothing by themselves (a mutex, a semaphore, a Redlock client).
   */
  readonly close?: {
    readonly methods: readonly string[];
    readonly awaitRelease: boolean;
    /** See `ReleaseSpec#idempotent`: closing twice is harmless. */
    readonly idempotent?: boolean;
  };
  /**
   * The instance opens connections as soon as it is made or used (`new MongoClient(url)`, `new Redis()`,
   * `knex(config)`): made inside a function, it is an acquisition that the function must close on every path or
   * hand off, as `perCallResourceOf` describes it. Made once at module level or by an app-lifetime owner, it is a
   * long-lived client, not a leak.
   */
  readonly perCall?: boolean;
}

/** A handle a module export creates (`new Worker()`, `fs.watch()`): `path` is the export, called or constructed. */
export interface HandleSpec {
  readonly modules: readonly string[];
  readonly path: readonly string[];
  readonly noun: string;
  /** Methods that close it; the first one is the one a fix writes. */
  readonly methods: readonly string[];
  readonly awaitRelease?: boolean;
  /**
   * Made inside a function, the handle is an acquisition of that function, judged as the catalog's sockets and servers
   * are (`ResourceSpec#mayOutliveOwner`): a socket its listeners close lives on by design, so a missing close is no
   * evidence; a close on some paths only is (`const agent = new Agent(); await request(…); await agent.close();`).
   */
  readonly perCall?: boolean;
  /** See `ResourceSpec#closesOnOwnError`: made per call, an `await` on the handle's own events is no risk. */
  readonly closesOnOwnError?: boolean;
}

/** A global constructor whose instances stay alive until closed: `new WebSocket(url)`, `new ResizeObserver(cb)`. */
export interface GlobalHandleSpec {
  readonly name: string;
  readonly noun: string;
  readonly methods: readonly string[];
}

/** One API family of the catalog (`catalog/<family>.ts`). */
export interface CatalogFamily {
  readonly name: string;
  /**
   * Modules whose exports the family models exactly: a receiver that comes from one of them is matched only by
   * provenance, never by its name (a `pg.Client` named `pool` is still a `pg.Client`).
   */
  readonly provenanceModules: readonly string[];
  readonly instances: readonly InstanceSpec[];
  /** Acquisitions recognised by provenance (imports, `require`, instances). */
  readonly acquirers: readonly Acquirer[];
  /** Acquisitions recognised by the receiver's name alone (injected objects), most specific first. */
  readonly nameFallbacks: readonly Acquirer[];
  /** Handles that module exports create and an owner must close. */
  readonly handles?: readonly HandleSpec[];
  /** Global constructors of long-lived objects. */
  readonly globals?: readonly GlobalHandleSpec[];
  /** Global constructors whose instances are Disposable: `new DisposableStack()`. */
  readonly disposableGlobals?: readonly { readonly name: string; readonly resource: ResourceSpec }[];
  /**
   * Modules with the same API as a module of the family, by module name: `{ 'graceful-fs': 'fs' }` makes every
   * `node:fs` entry match `graceful-fs` too (`settings.cleanup.moduleAliases` adds the user's own).
   */
  readonly moduleAliases?: Readonly<Record<string, string>>;
}

import { browsers } from './catalog/browsers.js';
import { documents } from './catalog/documents.js';
import { fileHandle, fs } from './catalog/fs.js';
import { asyncDisposableStack, disposableStack, globals } from './catalog/globals.js';
import { locks } from './catalog/locks.js';
import { messaging } from './catalog/messaging.js';
import { net } from './catalog/net.js';
import { orm } from './catalog/orm.js';
import { pools } from './catalog/pools.js';
import { processes } from './catalog/processes.js';
import { sql } from './catalog/sql.js';
import { sqlite } from './catalog/sqlite.js';

/** Every family, in the order the docs list them. */
export const families: readonly CatalogFamily[] = [
  locks,
  sql,
  pools,
  orm,
  documents,
  messaging,
  sqlite,
  fs,
  net,
  processes,
  browsers,
  globals,
];

export const instances: readonly InstanceSpec[] = families.flatMap((family) => family.instances);

/** Provenance first, then the name fallbacks (each family's own order kept: most specific first). */
export const acquirers: readonly Acquirer[] = [
  ...families.flatMap((family) => family.acquirers),
  ...families.flatMap((family) => family.nameFallbacks),
];

/**
 * Modules whose exports the catalog models: a receiver that comes from one of these is matched only by
 * provenance, never by its name (a `pg.Client` named `pool` is still a `pg.Client`).
 */
export const catalogModules: ReadonlySet<string> = new Set(families.flatMap((family) => family.provenanceModules));

/** Modules that stand for another module of the catalog (`graceful-fs` is `fs`), by name: alias -> module. */
export const moduleAliases: ReadonlyMap<string, string> = new Map(
  families.flatMap((family) => Object.entries(family.moduleAliases ?? {})),
);

/** Handles that module exports create (`new Worker()`, `fs.watch()`, `net.connect()`). */
export const handleSpecs: readonly HandleSpec[] = families.flatMap((family) => family.handles ?? []);

/** Web and Node globals whose instances stay alive until closed. */
export const globalHandleSpecs: readonly GlobalHandleSpec[] = families.flatMap((family) => family.globals ?? []);

/** Global constructors whose instances are Disposable: `new DisposableStack()`. */
export const disposableGlobals: readonly { readonly name: string; readonly resource: ResourceSpec }[] =
  families.flatMap((family) => family.disposableGlobals ?? []);

/**
 * The acquirer that making a per-call instance is (`new MongoClient(url)` in a function), for each `perCall` instance
 * that has a close: its resource is released by the close methods, and shared or not as the instance is.
 */
export const perCallAcquirers: ReadonlyMap<InstanceSpec, Acquirer> = new Map(
  instances.flatMap((instance): [InstanceSpec, Acquirer][] => {
    const [made] = instance.created;
    if (!instance.perCall || !instance.close || !made) return [];
    const resource: ResourceSpec = {
      id: `${instance.id}#new`,
      kind: 'connection',
      noun: instance.noun ?? 'client',
      release: instance.close,
      shareable: instance.shareable,
      singleConnection: instance.singleConnection,
      longLived: true,
    };
    const method = made.path.at(-1) ?? instance.receiver;
    return [[instance, { method, source: { type: 'module', modules: made.modules, path: made.path }, resource }]];
  }),
);

/**
 * The acquirer that making a per-call handle is (`new WebSocket(url)`, undici's `new Agent()` in a function), for each
 * `perCall` handle: released by its close methods, and judged only where the function closes it on some path.
 */
export const perCallHandleAcquirers: ReadonlyMap<HandleSpec, Acquirer> = new Map(
  handleSpecs.flatMap((handle): [HandleSpec, Acquirer][] => {
    const [module] = handle.modules;
    if (handle.perCall !== true || module === undefined) return [];
    const resource: ResourceSpec = {
      id: `${module}:${handle.path.join('.')}#new`,
      kind: 'handle',
      noun: handle.noun,
      release: { methods: handle.methods, awaitRelease: handle.awaitRelease },
      mayOutliveOwner: true,
      closesOnOwnError: handle.closesOnOwnError,
    };
    const method = handle.path.at(-1) ?? module;
    return [[handle, { method, source: { type: 'module', modules: handle.modules, path: handle.path }, resource }]];
  }),
);

/** The modules whose exports make per-call instances or handles (`mongodb`, `knex`, `ws`, …): a cheap test per file. */
export const perCallModules: readonly string[] = [
  ...new Set([
    ...[...perCallAcquirers.keys()].flatMap((instance) => instance.created.flatMap((made) => made.modules)),
    ...[...perCallHandleAcquirers.keys()].flatMap((handle) => handle.modules),
  ]),
];

/** The called names that make a per-call instance by a plain call (`createClient`, `createConnection`, `knex`). */
export const perCallNames: ReadonlySet<string> = new Set(
  [...perCallAcquirers.keys()].flatMap((instance) =>
    instance.created.map((made) => made.path.at(-1) ?? instance.receiver),
  ),
);

/** Every catalog resource that is Disposable and has a known TypeScript type (typed rules match values by type). */
export const disposableResources: readonly ResourceSpec[] = [fileHandle, disposableStack, asyncDisposableStack];

/** Every method name some catalog resource adopts a value with (`use`, `adopt`): a cheap test before the types. */
export const adoptMethodNames: ReadonlySet<string> = new Set(
  disposableResources.flatMap((resource) => resource.adoptMethods ?? []),
);
