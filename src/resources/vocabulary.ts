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
 * Framework hooks that run again and again on one instance (React's, Vue's, Lit's, Angular's and custom elements'
 * update hooks): what one starts over a field may overwrite what its previous run started.
 */
export const repeatingHookNames: readonly string[] = [
  'componentDidUpdate',
  'componentWillReceiveProps',
  'UNSAFE_componentWillReceiveProps',
  'componentWillUpdate',
  'UNSAFE_componentWillUpdate',
  'getSnapshotBeforeUpdate',
  'render',
  'beforeUpdate',
  'updated',
  'willUpdate',
  'shouldUpdate',
  'attributeChangedCallback',
  'ngOnChanges',
  'ngDoCheck',
  'ngAfterContentChecked',
  'ngAfterViewChecked',
];

/** Calls that run their callback once, when a promise settles, a timer fires or a document is ready. */
export const settleOnceCallers: readonly string[] = [
  'then',
  'catch',
  'finally',
  'setTimeout',
  'setImmediate',
  'queueMicrotask',
  'nextTick',
  'ready',
];

/**
 * Calls whose first function argument runs once, when the call's promise settles or its timer fires (`.then(…)`,
 * `setTimeout(…)`, jQuery's `.ready(…)`): code in it runs once per run of the code around it.
 */
export const oneShotCallbackCallers: ReadonlySet<string> = new Set([
  ...settleOnceCallers,
  'requestAnimationFrame',
  'requestIdleCallback',
]);

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

/**
 * Release evidence (`resources/evidence.ts`): methods that release a value this function acquired, whatever made it.
 * A value bound from a call and released by one of these in the same function is a resource of that function.
 */
export const evidenceReleaseMethods: readonly string[] = [
  'release',
  'close',
  'end',
  'destroy',
  'disconnect',
  'quit',
  'terminate',
  'dispose',
  'endSession',
  'unlock',
  'kill',
];

/**
 * Release evidence on a receiver: `x.wait(); … x.release()`. Any of these acquiring calls on a receiver, followed in
 * the same function by any of {@link semaphoreReleaseMethods} on the same receiver, is an acquisition.
 */
export const semaphoreAcquireMethods: readonly string[] = ['acquire', 'wait', 'lock', 'down', 'take'];
export const semaphoreReleaseMethods: readonly string[] = ['release', 'unlock', 'signal', 'up'];

/**
 * In-house acquire/release pairs: the acquiring verb and the verbs that end what it began, on the same receiver
 * (`db.begin(); … db.commit()`) or on the acquired value (`const tx = await db.begin(); … tx.rollback()`,
 * `const lock = await locker.lock(r); … locker.unlock(lock)`).
 */
export const inHousePairs: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['lock', ['unlock']],
  ['acquire', ['release']],
  ['open', ['close']],
  ['connect', ['disconnect', 'end', 'close', 'quit']],
  ['begin', ['commit', 'rollback']],
  ['startSession', ['endSession']],
  ['checkout', ['checkin']],
  ['reserve', ['release']],
]);
