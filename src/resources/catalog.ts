/**
 * The built-in resource catalog: which calls acquire a resource, and how that resource is released.
 * Every rule reads resources through `match.ts`; nothing else knows package names.
 */

export type ResourceKind = 'lock' | 'connection' | 'descriptor' | 'handle';

/** How a resource is released. A release matches if it has any of these shapes. */
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
  /** A method on a receiver known only by its name (an injected object): `this.pool.connect()`. */
  | { readonly type: 'name'; readonly receiver: RegExp | null }
  /** An entry of `settings.cleanup.resources`: the callee or receiver comes from `module`, and/or the receiver's name matches. */
  | { readonly type: 'user'; readonly module: string | null; readonly receiver: RegExp | null };

export interface Acquirer {
  /** The called name: the method or the function. */
  readonly method: string;
  readonly source: AcquirerSource;
  readonly resource: ResourceSpec;
  /** The call is not an acquisition when it is given a callback (`pool.connect((err, client, done) => …)`). */
  readonly callbackForm?: boolean;
}

/** Instances created by a module export, with `new` or a plain call. */
export interface InstanceSpec {
  readonly id: string;
  readonly created: readonly { readonly modules: readonly string[]; readonly path: readonly string[] }[];
  /** What the user calls it in a message: `connection`, `pool`, `client`. */
  readonly noun?: string;
  /** The instance is one connection (`new pg.Client()`): concurrent code must not share it. */
  readonly singleConnection?: boolean;
  /** The instance is designed to be shared by concurrent code: a pool, or a client that multiplexes or pools. */
  readonly shareable?: boolean;
}

const PG = ['pg'];
const MYSQL = ['mysql', 'mysql2', 'mysql2/promise'];
const FS = ['fs'];
const FS_PROMISES = ['fs/promises'];

export const instances: readonly InstanceSpec[] = [
  {
    id: 'async-mutex:Mutex',
    created: [
      { modules: ['async-mutex'], path: ['Mutex'] },
      { modules: ['async-mutex'], path: ['withTimeout'] },
      { modules: ['async-mutex'], path: ['tryAcquire'] },
    ],
  },
  { id: 'async-mutex:Semaphore', created: [{ modules: ['async-mutex'], path: ['Semaphore'] }] },
  { id: 'async-sema:Sema', created: [{ modules: ['async-sema'], path: ['Sema'] }] },
  {
    id: 'redlock:Redlock',
    created: [
      { modules: ['redlock'], path: [] },
      { modules: ['redlock'], path: ['Redlock'] },
    ],
  },
  {
    id: 'pg:Pool',
    created: [
      { modules: PG, path: ['Pool'] },
      { modules: PG, path: ['native', 'Pool'] },
      { modules: ['pg-pool'], path: [] },
    ],
    noun: 'pool',
    shareable: true,
  },
  {
    id: 'pg:Client',
    created: [
      { modules: PG, path: ['Client'] },
      { modules: PG, path: ['native', 'Client'] },
    ],
    noun: 'connection',
    singleConnection: true,
  },
  { id: 'mysql:Pool', created: [{ modules: MYSQL, path: ['createPool'] }], noun: 'pool', shareable: true },
  {
    id: 'generic-pool:Pool',
    created: [
      { modules: ['generic-pool'], path: ['createPool'] },
      { modules: ['generic-pool'], path: ['Pool'] },
    ],
    noun: 'pool',
    shareable: true,
  },
  // Pools and clients designed to be shared by concurrent code (no-shared-connection leaves them alone).
  {
    id: 'mysql:PoolCluster',
    created: [{ modules: MYSQL, path: ['createPoolCluster'] }],
    noun: 'pool cluster',
    shareable: true,
  },
  {
    id: 'knex:Knex',
    created: [
      { modules: ['knex'], path: [] },
      { modules: ['knex'], path: ['knex'] },
      { modules: ['knex'], path: ['Knex'] },
    ],
    noun: 'knex instance',
    shareable: true,
  },
  {
    id: 'ioredis:Redis',
    created: [
      { modules: ['ioredis'], path: [] },
      { modules: ['ioredis'], path: ['Redis'] },
      { modules: ['ioredis'], path: ['Cluster'] },
      { modules: ['ioredis'], path: ['Redis', 'Cluster'] },
    ],
    noun: 'Redis client',
    shareable: true,
  },
  {
    id: 'redis:Client',
    created: [
      { modules: ['redis', '@redis/client'], path: ['createClient'] },
      { modules: ['redis', '@redis/client'], path: ['createCluster'] },
    ],
    noun: 'Redis client',
    shareable: true,
  },
  {
    id: 'mongodb:MongoClient',
    created: [{ modules: ['mongodb'], path: ['MongoClient'] }],
    noun: 'MongoDB client',
    shareable: true,
  },
  {
    id: 'mongoose:Connection',
    created: [{ modules: ['mongoose'], path: ['createConnection'] }],
    noun: 'Mongoose connection',
    shareable: true,
  },
  {
    id: 'typeorm:DataSource',
    created: [{ modules: ['typeorm'], path: ['DataSource'] }],
    noun: 'data source',
    shareable: true,
  },
  {
    id: 'sequelize:Sequelize',
    created: [{ modules: ['sequelize', '@sequelize/core'], path: ['Sequelize'] }],
    noun: 'Sequelize instance',
    shareable: true,
  },
  {
    id: 'prisma:PrismaClient',
    created: [{ modules: ['@prisma/client'], path: ['PrismaClient'] }],
    noun: 'Prisma client',
    shareable: true,
  },
  { id: 'postgres:Sql', created: [{ modules: ['postgres'], path: [] }], noun: 'connection pool', shareable: true },
];

const mutexLock: ResourceSpec = {
  id: 'async-mutex:Mutex#acquire',
  kind: 'lock',
  noun: 'lock',
  release: { callValue: true, receiverMethods: ['release'], idempotent: true },
};
const semaphoreLock: ResourceSpec = {
  id: 'async-mutex:Semaphore#acquire',
  kind: 'lock',
  noun: 'semaphore permit',
  release: { callValue: true, receiverMethods: ['release'], idempotent: true },
};
const semaToken: ResourceSpec = {
  id: 'async-sema:Sema#acquire',
  kind: 'lock',
  noun: 'semaphore permit',
  release: { receiverMethods: ['release'] },
};
const lockfileRelease: ResourceSpec = {
  id: 'proper-lockfile:lock',
  kind: 'lock',
  noun: 'file lock',
  release: { callValue: true, pairedFunctions: ['unlock', 'unlockSync'], awaitRelease: true },
};
const lockfileReleaseSync: ResourceSpec = {
  id: 'proper-lockfile:lockSync',
  kind: 'lock',
  noun: 'file lock',
  release: { callValue: true, pairedFunctions: ['unlock', 'unlockSync'] },
};
const redlockLock: ResourceSpec = {
  id: 'redlock:Redlock#acquire',
  kind: 'lock',
  noun: 'lock',
  release: { methods: ['release', 'unlock'], receiverMethods: ['release', 'unlock'], awaitRelease: true },
};
const pgPoolClient: ResourceSpec = {
  id: 'pg:Pool#connect',
  kind: 'connection',
  noun: 'client',
  release: { methods: ['release'] },
};
const pgClientConnection: ResourceSpec = {
  id: 'pg:Client#connect',
  kind: 'connection',
  noun: 'connection',
  release: { receiverMethods: ['end'], awaitRelease: true },
  singleConnection: true,
};
const mysqlPoolConnection: ResourceSpec = {
  id: 'mysql:Pool#getConnection',
  kind: 'connection',
  noun: 'connection',
  release: { methods: ['release', 'destroy'] },
};
const mysqlConnection: ResourceSpec = {
  id: 'mysql:createConnection',
  kind: 'connection',
  noun: 'connection',
  release: { methods: ['end', 'destroy'], awaitRelease: true },
  singleConnection: true,
};
const genericPoolResource: ResourceSpec = {
  id: 'generic-pool:Pool#acquire',
  kind: 'connection',
  noun: 'pooled resource',
  release: { receiverMethods: ['release', 'destroy'], awaitRelease: true },
};
const queryRunner: ResourceSpec = {
  id: 'typeorm:DataSource#createQueryRunner',
  kind: 'connection',
  noun: 'query runner',
  release: { methods: ['release'], awaitRelease: true },
};
const fileDescriptor: ResourceSpec = {
  id: 'fs:openSync',
  kind: 'descriptor',
  noun: 'file descriptor',
  release: { functions: ['closeSync', 'close'] },
  usedByModules: ['fs'],
};
const fileHandle: ResourceSpec = {
  id: 'fs/promises:open',
  kind: 'descriptor',
  noun: 'file handle',
  release: { methods: ['close'], awaitRelease: true },
  disposable: 'async',
  disposeMethods: ['close'],
  type: { name: 'FileHandle', module: 'fs/promises' },
};

/** Resources of unknown libraries recognised by name: any of the usual release shapes counts. */
const namedLock: ResourceSpec = {
  id: 'name:lock#acquire',
  kind: 'lock',
  noun: 'lock',
  release: { callValue: true, methods: ['release', 'unlock'], receiverMethods: ['release', 'unlock'] },
};
const namedMutexLock: ResourceSpec = {
  id: 'name:mutex#lock',
  kind: 'lock',
  noun: 'lock',
  release: { callValue: true, methods: ['unlock', 'release'], receiverMethods: ['unlock', 'release'] },
};
const namedPoolClient: ResourceSpec = {
  id: 'name:pool#connect',
  kind: 'connection',
  noun: 'client',
  release: { methods: ['release', 'destroy'], receiverMethods: ['release', 'destroy'] },
};
const namedPoolResource: ResourceSpec = {
  id: 'name:pool#acquire',
  kind: 'connection',
  noun: 'pooled resource',
  release: { methods: ['release', 'destroy'], receiverMethods: ['release', 'destroy'], awaitRelease: true },
};

const LOCK_NAME = /(?:mutex|mtx|lock|semaphore|sema)$/i;
const POOL_NAME = /pool$/i;
const REDLOCK_NAME = /redlock$/i;

export const acquirers: readonly Acquirer[] = [
  // locks
  { method: 'acquire', source: { type: 'instance', instance: 'async-mutex:Mutex' }, resource: mutexLock },
  { method: 'acquire', source: { type: 'instance', instance: 'async-mutex:Semaphore' }, resource: semaphoreLock },
  { method: 'acquire', source: { type: 'instance', instance: 'async-sema:Sema' }, resource: semaToken },
  {
    method: 'lock',
    source: { type: 'module', modules: ['proper-lockfile'], path: ['lock'] },
    resource: lockfileRelease,
  },
  {
    method: 'lockSync',
    source: { type: 'module', modules: ['proper-lockfile'], path: ['lockSync'] },
    resource: lockfileReleaseSync,
  },
  { method: 'acquire', source: { type: 'instance', instance: 'redlock:Redlock' }, resource: redlockLock },
  {
    method: 'lock',
    source: { type: 'instance', instance: 'redlock:Redlock' },
    resource: redlockLock,
    callbackForm: true,
  },
  // connections
  { method: 'connect', source: { type: 'instance', instance: 'pg:Pool' }, resource: pgPoolClient, callbackForm: true },
  {
    method: 'connect',
    source: { type: 'instance', instance: 'pg:Client' },
    resource: pgClientConnection,
    callbackForm: true,
  },
  {
    method: 'getConnection',
    source: { type: 'instance', instance: 'mysql:Pool' },
    resource: mysqlPoolConnection,
    callbackForm: true,
  },
  {
    method: 'createConnection',
    source: { type: 'module', modules: MYSQL, path: ['createConnection'] },
    resource: mysqlConnection,
  },
  { method: 'acquire', source: { type: 'instance', instance: 'generic-pool:Pool' }, resource: genericPoolResource },
  { method: 'createQueryRunner', source: { type: 'name', receiver: null }, resource: queryRunner },
  // descriptors
  { method: 'openSync', source: { type: 'module', modules: FS, path: ['openSync'] }, resource: fileDescriptor },
  { method: 'open', source: { type: 'module', modules: FS_PROMISES, path: ['open'] }, resource: fileHandle },
  { method: 'open', source: { type: 'module', modules: FS, path: ['promises', 'open'] }, resource: fileHandle },
  // name fallbacks for injected objects, most specific first
  { method: 'acquire', source: { type: 'name', receiver: REDLOCK_NAME }, resource: redlockLock },
  { method: 'acquire', source: { type: 'name', receiver: POOL_NAME }, resource: namedPoolResource },
  { method: 'acquire', source: { type: 'name', receiver: LOCK_NAME }, resource: namedLock },
  { method: 'lock', source: { type: 'name', receiver: /(?:mutex|mtx)$/i }, resource: namedMutexLock },
  { method: 'connect', source: { type: 'name', receiver: POOL_NAME }, resource: namedPoolClient, callbackForm: true },
  {
    method: 'getConnection',
    source: { type: 'name', receiver: POOL_NAME },
    resource: mysqlPoolConnection,
    callbackForm: true,
  },
];

/**
 * Modules whose exports the catalog models: a receiver that comes from one of these is matched only by
 * provenance, never by its name (a `pg.Client` named `pool` is still a `pg.Client`).
 */
export const catalogModules: ReadonlySet<string> = new Set([
  'async-mutex',
  'async-sema',
  'proper-lockfile',
  'redlock',
  'pg',
  'pg-pool',
  'mysql',
  'mysql2',
  'mysql2/promise',
  'generic-pool',
  'typeorm',
  'fs',
  'fs/promises',
]);

/** `new DisposableStack()`: disposes what it collected; `move()` hands it all to a new stack. */
const disposableStack: ResourceSpec = {
  id: 'lib:DisposableStack',
  kind: 'handle',
  noun: 'disposable stack',
  release: { methods: ['dispose'] },
  disposable: 'sync',
  disposeMethods: ['dispose'],
  handOffMethods: ['move'],
  type: { name: 'DisposableStack', module: 'lib' },
};
const asyncDisposableStack: ResourceSpec = {
  id: 'lib:AsyncDisposableStack',
  kind: 'handle',
  noun: 'async disposable stack',
  release: { methods: ['disposeAsync'], awaitRelease: true },
  disposable: 'async',
  disposeMethods: ['disposeAsync'],
  handOffMethods: ['move'],
  type: { name: 'AsyncDisposableStack', module: 'lib' },
};

/** Global constructors whose instances are Disposable: `new DisposableStack()`. */
export const disposableGlobals: readonly { readonly name: string; readonly resource: ResourceSpec }[] = [
  { name: 'DisposableStack', resource: disposableStack },
  { name: 'AsyncDisposableStack', resource: asyncDisposableStack },
];

/** Every catalog resource that is Disposable and has a known TypeScript type (typed rules match values by type). */
export const disposableResources: readonly ResourceSpec[] = [fileHandle, disposableStack, asyncDisposableStack];
