import { ConfigurationError } from '../util/errors.js';
import { globToRegExp } from '../util/glob.js';
import type { Acquirer, ReleaseSpec, ResourceKind } from './catalog.js';
import { borrowKeyNames, effectHookNames, teardownMethodNames } from './vocabulary.js';

/**
 * `settings.cleanup`, shared by every rule:
 *
 * ```js
 * settings: {
 *   cleanup: {
 *     nameFallbacks: true, // recognise injected `this.pool.connect()`, `this.mutex.acquire()` by name
 *     resources: [
 *       { module: '@acme/db', acquire: 'checkout', release: { methods: ['checkin'] }, noun: 'connection' },
 *       // no-shared-connection: `singleConnection: true` (one connection, not to be shared by concurrent code) or
 *       // `shareable: true` (a pool or multiplexing client); a `kind: 'connection'` entry is single unless shareable
 *       { module: '@acme/db', acquire: 'createClient', release: { methods: ['close'] }, kind: 'connection', shareable: true },
 *       // `db.transaction(async (trx) => …)` is the callback-scoped form: the library ends the transaction itself
 *       { receiver: '^db$', acquire: 'transaction', scope: 'callback' },
 *     ],
 *     moduleAliases: { '@acme/fs': 'node:fs' }, // a wrapper with the same API as a module the catalog knows
 *     borrowKeys: ['transaction', 'session', 'client'], // options-object keys that lend a resource to a call
 *     tests: 'skip', // or 'check': the path-sensitive rules also check test code
 *     testFiles: ['e2e/**', 'src/testing/**'], // test files, in place of the defaults
 *     scriptFiles: ['tools/**'], // scripts that run as a process of their own, in place of the defaults
 *   },
 * }
 * ```
 */
export interface CleanupSettings {
  readonly nameFallbacks: boolean;
  readonly resources: readonly Acquirer[];
  /**
   * The methods that end an instance's life, for every rule: the names given (or the default list) and their
   * protected hooks (`_stop`, `_close`, `_destroy`), which a base class's teardown calls.
   */
  readonly teardownMethods: readonly string[];
  /** React-style hooks whose callback may return a cleanup function, for every rule. */
  readonly effectHooks: readonly string[];
  /**
   * `moduleAliases`: modules with the same API as another module, normalised (no `node:` prefix): alias -> module.
   * The catalog's own aliases (`graceful-fs` is `fs`) are added by the resource model.
   */
  readonly moduleAliases: ReadonlyMap<string, string>;
  /** Keys of an options object that lend a resource to a call (`{ transaction: t }`): a borrow, not a hand-off. */
  readonly borrowKeys: ReadonlySet<string>;
  /** `'skip'`: the path-sensitive rules are quiet in test code (`src/analysis/testCode.ts`); `'check'`: they are not. */
  readonly tests: TestsSetting;
  /** The files that are test code as a whole: `testFiles` globs (or {@link defaultTestFiles}), compiled. */
  readonly testFiles: readonly RegExp[];
  /**
   * The files that run as a process of their own (examples, benchmarks, scripts): `scriptFiles` globs (or
   * {@link defaultScriptFiles}), compiled. What their plain functions hold ends with the process.
   */
  readonly scriptFiles: readonly RegExp[];
}

export type TestsSetting = 'check' | 'skip';

/**
 * Test files by default, relative to ESLint's cwd. `test/` and `tests/` in any folder, not only at the root: a
 * monorepo keeps them in `packages/x/test/`, and ESLint's cwd may sit above the package.
 */
export const defaultTestFiles: readonly string[] = [
  '**/*.{test,spec}.*',
  '**/*{_,-}{test,spec}.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  '**/*{_,-}tests/**',
  '**/{e2e-*,*-e2e}/**',
  '**/e2e/**',
  '**/spec/**',
  '**/test-*/**',
  '**/{test,testing}-{helper,helpers,util,utils,setup}.*',
  '**/{setupTests,jest.setup,vitest.setup,global-setup,globalSetup}.*',
];

/**
 * Scripts by default: folders of code that runs as a process of its own, once, from a command line — examples,
 * benchmarks, build and maintenance scripts, database migrations and seeds, command-line entry points and commands,
 * and the code samples of documentation. A failure there ends the run, and what it
 * holds ends with it.
 */
export const defaultScriptFiles: readonly string[] = [
  '**/{example,examples,demo,demos,benchmark,benchmarks,bench,scripts}/**',
  '**/{migration,migrations,seed,seeds,seeders}/**',
  '**/{bin,cli,docs}/**',
];

interface RawRelease {
  methods?: unknown;
  callValue?: unknown;
  receiverMethods?: unknown;
  functions?: unknown;
  pairedFunctions?: unknown;
  awaitRelease?: unknown;
  idempotent?: unknown;
  byOutcome?: unknown;
}

const KINDS: readonly ResourceKind[] = ['lock', 'connection', 'descriptor', 'handle'];
const RELEASE_KEYS = new Set([
  'methods',
  'callValue',
  'receiverMethods',
  'functions',
  'pairedFunctions',
  'awaitRelease',
  'idempotent',
  'byOutcome',
]);
const RESOURCE_KEYS = new Set([
  'acquire',
  'module',
  'receiver',
  'release',
  'noun',
  'kind',
  'singleConnection',
  'shareable',
  'scope',
]);

const DEFAULTS: CleanupSettings = {
  nameFallbacks: true,
  resources: [],
  teardownMethods: withTeardownHooks(teardownMethodNames),
  effectHooks: effectHookNames,
  moduleAliases: new Map(),
  borrowKeys: new Set(borrowKeyNames),
  tests: 'skip',
  testFiles: defaultTestFiles.map((glob) => globToRegExp(glob)),
  scriptFiles: defaultScriptFiles.map((glob) => globToRegExp(glob)),
};

/**
 * The teardown names plus their protected hooks: `_destroy` (Node streams), `_close`, `_stop`. A base class's
 * teardown calls them, so a release there runs at teardown too.
 */
export function withTeardownHooks(names: readonly string[]): readonly string[] {
  return [...names, ...names.filter((name) => /^[A-Za-z$]/u.test(name)).map((name) => `_${name}`)];
}

const cache = new WeakMap<object, CleanupSettings>();

class SettingsError extends ConfigurationError {
  constructor(where: string, what: string) {
    super(`eslint-plugin-cleanup: settings.cleanup${where} ${what}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string' && item.length > 0)) {
    throw new SettingsError(where, 'must be an array of non-empty strings.');
  }
  return value;
}

function optionalBoolean(value: unknown, where: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new SettingsError(where, 'must be a boolean.');
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || (typeof value === 'string' && value.length > 0)) return value;
  throw new SettingsError(where, 'must be a non-empty string.');
}

function unknownKeys(record: Record<string, unknown>, known: ReadonlySet<string>, where: string): void {
  for (const key of Object.keys(record)) {
    if (!known.has(key)) throw new SettingsError(`${where}.${key}`, 'is not a known property.');
  }
}

function parseRelease(raw: unknown, where: string): ReleaseSpec {
  if (!isRecord(raw)) throw new SettingsError(where, 'must be an object such as `{ methods: ["release"] }`.');
  unknownKeys(raw, RELEASE_KEYS, where);
  const release = raw as RawRelease;
  const spec: ReleaseSpec = {
    methods: stringList(release.methods, `${where}.methods`),
    callValue: optionalBoolean(release.callValue, `${where}.callValue`),
    receiverMethods: stringList(release.receiverMethods, `${where}.receiverMethods`),
    functions: stringList(release.functions, `${where}.functions`),
    pairedFunctions: stringList(release.pairedFunctions, `${where}.pairedFunctions`),
    awaitRelease: optionalBoolean(release.awaitRelease, `${where}.awaitRelease`),
    idempotent: optionalBoolean(release.idempotent, `${where}.idempotent`),
    byOutcome: optionalBoolean(release.byOutcome, `${where}.byOutcome`),
  };
  if (!spec.methods && !spec.callValue && !spec.receiverMethods && !spec.functions && !spec.pairedFunctions) {
    throw new SettingsError(
      where,
      'names no release: give methods, callValue, receiverMethods, functions or pairedFunctions.',
    );
  }
  return spec;
}

function parseResource(raw: unknown, index: number): Acquirer {
  const where = `.resources[${index}]`;
  if (!isRecord(raw)) throw new SettingsError(where, 'must be an object.');
  unknownKeys(raw, RESOURCE_KEYS, where);
  const acquire = optionalString(raw.acquire, `${where}.acquire`);
  if (acquire === undefined)
    throw new SettingsError(`${where}.acquire`, 'is required: the method or function that acquires.');
  const module = optionalString(raw.module, `${where}.module`);
  const receiverSource = optionalString(raw.receiver, `${where}.receiver`);
  let receiver: RegExp | null = null;
  if (receiverSource !== undefined) {
    try {
      receiver = new RegExp(receiverSource, 'u');
    } catch {
      throw new SettingsError(`${where}.receiver`, `is not a valid regular expression: ${receiverSource}`);
    }
  }
  const scope = raw.scope;
  if (scope !== undefined && scope !== 'callback') {
    throw new SettingsError(
      `${where}.scope`,
      "must be 'callback': a call given a callback is the scoped form, which the library ends itself.",
    );
  }
  const scoped = scope === 'callback';
  const kind = raw.kind ?? 'handle';
  if (!KINDS.includes(kind as ResourceKind))
    throw new SettingsError(`${where}.kind`, `must be one of ${KINDS.join(', ')}.`);
  if (raw.singleConnection === true && raw.shareable === true) {
    throw new SettingsError(where, 'cannot be both `singleConnection` and `shareable`.');
  }
  // With `scope: 'callback'` and no `release`, the entry only says that the call given a callback is safe.
  const scopedOnly = scoped && raw.release === undefined;
  return {
    method: acquire,
    source: { type: 'user', module: module === undefined ? null : normalizeModule(module), receiver },
    resource: {
      id: `settings:${module ?? receiverSource ?? '*'}#${acquire}`,
      kind: kind as ResourceKind,
      noun: optionalString(raw.noun, `${where}.noun`) ?? 'resource',
      release: scopedOnly ? {} : parseRelease(raw.release, `${where}.release`),
      singleConnection: optionalBoolean(raw.singleConnection, `${where}.singleConnection`),
      shareable: optionalBoolean(raw.shareable, `${where}.shareable`),
    },
    ...(scoped ? { callbackForm: true } : {}),
    ...(scopedOnly ? { scopedOnly: true } : {}),
  };
}

function parseTests(value: unknown): TestsSetting {
  if (value === undefined) return 'skip';
  if (value === 'skip' || value === 'check') return value;
  throw new SettingsError('.tests', "must be 'skip' (the default: quiet in test code) or 'check'.");
}

function parseModuleAliases(value: unknown): ReadonlyMap<string, string> {
  if (value === undefined) return DEFAULTS.moduleAliases;
  if (!isRecord(value)) {
    throw new SettingsError('.moduleAliases', 'must be an object such as `{ "@acme/fs": "node:fs" }`.');
  }
  const aliases = new Map<string, string>();
  for (const [alias, target] of Object.entries(value)) {
    const module = optionalString(target, `.moduleAliases["${alias}"]`);
    if (module === undefined || alias.length === 0) {
      throw new SettingsError(`.moduleAliases["${alias}"]`, 'must map a module name to a module name.');
    }
    aliases.set(normalizeModule(alias), normalizeModule(module));
  }
  return aliases;
}

function parseGlobs(value: unknown, key: 'scriptFiles' | 'testFiles'): readonly RegExp[] {
  const globs = stringList(value, `.${key}`);
  if (globs === undefined) return DEFAULTS[key];
  return globs.map((glob, index) => {
    try {
      return globToRegExp(glob);
    } catch (error) {
      throw new SettingsError(`.${key}[${index}]`, `is not a valid glob: ${(error as Error).message}.`);
    }
  });
}

/** `node:fs` and `fs` are one module. */
export function normalizeModule(name: string): string {
  return name.startsWith('node:') ? name.slice(5) : name;
}

/** Reads and validates `settings.cleanup` once per settings object. Invalid settings throw a message naming the key. */
export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): CleanupSettings {
  const raw = settings?.cleanup;
  if (raw === undefined) return DEFAULTS;
  if (!isRecord(raw)) throw new SettingsError('', 'must be an object.');
  const cached = cache.get(raw);
  if (cached) return cached;
  unknownKeys(
    raw,
    new Set([
      'nameFallbacks',
      'resources',
      'teardownMethods',
      'effectHooks',
      'moduleAliases',
      'borrowKeys',
      'tests',
      'testFiles',
      'scriptFiles',
    ]),
    '',
  );
  const resources = raw.resources ?? [];
  if (!Array.isArray(resources)) throw new SettingsError('.resources', 'must be an array.');
  const parsed: CleanupSettings = {
    nameFallbacks: optionalBoolean(raw.nameFallbacks, '.nameFallbacks') ?? true,
    resources: resources.map((entry, index) => parseResource(entry, index)),
    teardownMethods: withTeardownHooks(stringList(raw.teardownMethods, '.teardownMethods') ?? teardownMethodNames),
    effectHooks: stringList(raw.effectHooks, '.effectHooks') ?? effectHookNames,
    moduleAliases: parseModuleAliases(raw.moduleAliases),
    borrowKeys: new Set(stringList(raw.borrowKeys, '.borrowKeys') ?? borrowKeyNames),
    tests: parseTests(raw.tests),
    testFiles: parseGlobs(raw.testFiles, 'testFiles'),
    scriptFiles: parseGlobs(raw.scriptFiles, 'scriptFiles'),
  };
  cache.set(raw, parsed);
  return parsed;
}
