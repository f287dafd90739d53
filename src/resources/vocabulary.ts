/**
 * The plugin's vocabulary: every list of names that says what a call or a method does to a resource's life, once.
 * Package-specific knowledge lives in the catalog (`catalog/`); these are the words that hold across APIs.
 */

/**
 * Method names that end an owner's life; a release in one of them counts. Computed well-known symbols are written
 * `[Symbol.dispose]` / `[Symbol.asyncDispose]`. Rules expose this list through an option (see `src/util/schema.ts`).
 */
export const teardownMethodNames: readonly string[] = [
  'stop',
  'close',
  'dispose',
  'destroy',
  '[Symbol.dispose]',
  '[Symbol.asyncDispose]',
  'disconnect',
  'unmount',
  'componentWillUnmount',
  'disconnectedCallback',
  'ngOnDestroy',
  'beforeUnmount',
  'unmounted',
  'beforeDestroy',
  'destroyed',
  'onDestroy',
  'shutdown',
  'terminate',
  'teardown',
  'cleanup',
  'unsubscribe',
  'end',
  'quit',
];

/**
 * Class lifecycle methods a framework calls once per instance, as it does the constructor: React's
 * `componentDidMount`, Angular's `ngOnInit`. What they start is never started over a previous run's.
 */
export const runOnceMethodNames: readonly string[] = ['componentDidMount', 'ngOnInit'];

/**
 * Keys of an options object that lend a resource to the call (`User.create(data, { transaction: t })`,
 * `coll.find(q, { session })`, `run({ client })`): the call uses it, the caller still owns it. `borrowKeys` setting.
 */
export const borrowKeyNames: readonly string[] = ['transaction', 'session', 'client'];

/**
 * Methods that complete an acquisition on the new value itself (`const client = new pg.Client(); await
 * client.connect(); return client;`): when one fails there is nothing to release yet, so the leak-before-a-hand-off
 * check does not count it.
 */
export const completingMethodNames: ReadonlySet<string> = new Set([
  'auth',
  'authenticate',
  'connect',
  'init',
  'initialize',
  'listen',
  'login',
  'open',
  'ready',
  'start',
]);

/**
 * Releases that also decide an outcome (a transaction's `commit()` / `rollback()`): a fix never moves one into a
 * `finally`, where it would run after a failure too.
 */
export const outcomeMethodNames: ReadonlySet<string> = new Set([
  'abortTransaction',
  'commit',
  'commitTransaction',
  'rollback',
]);

/** React-style hooks whose callback may return a cleanup function. */
export const effectHookNames: readonly string[] = ['useEffect', 'useLayoutEffect'];

/** Methods that register a per-request handler: `app.get('/x', handler)`, `router.post(…)`, `http.createServer(handler)`. */
export const requestHandlerMethods: readonly string[] = [
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'all',
  'head',
  'options',
  'use',
  'route',
  'createServer',
];

/**
 * Method names that end a resource's life, whatever its kind: a call of one of them on an owned field counts as its
 * release (the owner knows its resource better than our catalog).
 */
export const releaseMethodNames: ReadonlySet<string> = new Set([
  'release',
  'close',
  'end',
  'destroy',
  'dispose',
  'terminate',
  'disconnect',
  'quit',
  'abort',
  'kill',
  'stop',
  'shutdown',
  'cancel',
  'unsubscribe',
  'unref',
  'drain',
  'clear',
  'return',
  '$disconnect',
  'disposeAsync',
  '@@dispose',
  '@@asyncDispose',
]);

/** Calls that keep a function for later: a closure passed to them outlives the block. */
export const registrationMethods: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'addEventListener',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'nextTick',
  'subscribe',
  'then',
  'catch',
  'finally',
  'defer',
  'register',
]);
