/**
 * The cheap per-file prefilter: before any rule builds a code path or asks the resource model, one scan of the
 * file's text finds the places where an acquisition could be. A name alone is not enough: `connect` and `open` are
 * everywhere in network code, while the catalog acquires with `connect()` only on a pool it knows by import or a
 * receiver named like one. So each occurrence of an acquiring name is kept only if one of its acquirers could match
 * there:
 * - an acquirer by provenance (a module function, a method of a known instance), if the file names its module in a
 *   string (an `import`, a `require`);
 * - a name fallback, if the receiver before the dot matches its pattern (`this.pool.connect()`), or cannot be read
 *   from the text (`(pool as Pool).connect()`, `pool['connect']()`).
 *
 * The result is a superset of what `ResourceModel#acquisitionOf` recognises: a place the prefilter drops is one no
 * acquirer can match. Memoised per file (on the AST) and per acquirer list.
 *
 * The scans read the parser's token list (`ast.tokens`, which ESLint and oxlint both provide): a `Set` lookup per
 * identifier, keyword and string token costs a quarter of a whole-word regular expression over the text, and
 * comments, regular expressions and longer strings never hold code. A parser without a token list gets the text
 * scan, which finds the same places and more.
 *
 * On top of these scans, {@link mayReportIn} answers for each rule, before it hands ESLint any listener, whether the
 * file's text could hold anything the rule looks for: a rule that cannot report returns no listeners, so ESLint
 * dispatches nothing to it (not even code-path events).
 */
import { AST_TOKEN_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  disposableGlobals,
  globalHandleSpecs,
  handleSpecs,
  instances,
  perCallModules,
  type Acquirer,
} from '../resources/catalog.js';
import { listenerAdditionNames } from '../resources/listeners.js';
import { acquirersByMethod, stringContents, type ResourceModel } from '../resources/match.js';
import { timerAliases, timerStartNames } from '../resources/timers.js';
import { evidenceReleaseMethods, inHousePairs, semaphoreReleaseMethods } from '../resources/vocabulary.js';
import type { CleanupSettings } from '../resources/settings.js';

const IDENTIFIER_CHAR = /[\w$\u00a0-\uffff]/u;

/** What stands before an occurrence of a name: nothing (a bare call or declaration), a readable receiver, or other. */
type Receiver =
  { readonly kind: 'none' } | { readonly kind: 'unknown' } | { readonly kind: 'name'; readonly name: string };

const UNKNOWN: Receiver = { kind: 'unknown' };
const NONE: Receiver = { kind: 'none' };

/** The receiver before the name at `offset`, read from the text (the scan for parsers without a token list). */
function receiverBefore(text: string, offset: number): Receiver {
  let index = offset - 1;
  while (index >= 0 && /\s/u.test(text[index] ?? '')) index--;
  const char = text[index];
  if (char === "'" || char === '"' || char === '`') return UNKNOWN;
  if (char !== '.') return NONE;
  index--;
  if (text[index] === '?') index--;
  while (index >= 0 && /\s/u.test(text[index] ?? '')) index--;
  const end = index + 1;
  while (index >= 0 && IDENTIFIER_CHAR.test(text[index] ?? '')) index--;
  if (index + 1 === end) return UNKNOWN;
  return { kind: 'name', name: text.slice(index + 1, end) };
}

function nameMatches(pattern: RegExp | null, receiver: Receiver): boolean {
  switch (receiver.kind) {
    case 'none':
      return false;
    case 'unknown':
      return true;
    case 'name':
      return pattern === null || pattern.test(receiver.name);
  }
}

/** Per file: the answers of the acquirers that do not read the receiver. */
interface Memo {
  readonly model: ResourceModel;
  readonly byProvenance: Map<Acquirer, boolean>;
}

/** An acquirer by provenance (a module function, a method of a known instance) could match if its module is named. */
function provenanceMentioned(acquirer: Acquirer, memo: Memo): boolean {
  let found = memo.byProvenance.get(acquirer);
  if (found === undefined) {
    const source = acquirer.source;
    const modules =
      source.type === 'module'
        ? source.modules
        : source.type === 'instance'
          ? (instances.find((instance) => instance.id === source.instance)?.created.flatMap((made) => made.modules) ??
            [])
          : [];
    found = modules.some((module) => memo.model.mentionsModule(module));
    memo.byProvenance.set(acquirer, found);
  }
  return found;
}

function couldMatch(acquirer: Acquirer, receiver: Receiver, memo: Memo): boolean {
  const source = acquirer.source;
  switch (source.type) {
    case 'module':
    case 'instance':
      return provenanceMentioned(acquirer, memo);
    case 'name':
      return (
        (source.modules?.some((module) => memo.model.mentionsModule(module)) ?? true) &&
        nameMatches(source.receiver, receiver)
      );
    case 'user':
      return (
        (source.module === null || memo.model.mentionsModule(source.module)) &&
        (source.receiver === null || nameMatches(source.receiver, receiver))
      );
    case 'evidence':
      return false;
  }
}

/** The parser's token list, or null for a parser that gives none (then the scans read the text). */
function tokensOf(sourceCode: Readonly<TSESLint.SourceCode>): readonly TSESTree.Token[] | null {
  const tokens = (sourceCode.ast as { readonly tokens?: unknown }).tokens;
  return Array.isArray(tokens) ? (tokens as TSESTree.Token[]) : null;
}

/**
 * The name a token spells for the scans: an identifier, keyword or private name as written; a string or a template
 * without substitutions by its contents, less a `node:` prefix (`pool['connect']`, `require('node:worker_threads')`);
 * null for any other token.
 */
function tokenName(token: TSESTree.Token): string | null {
  switch (token.type) {
    case AST_TOKEN_TYPES.Identifier:
    case AST_TOKEN_TYPES.Keyword:
    case AST_TOKEN_TYPES.PrivateIdentifier:
    case AST_TOKEN_TYPES.JSXIdentifier:
      return token.value;
    case AST_TOKEN_TYPES.String:
    case AST_TOKEN_TYPES.Template: {
      const contents = token.value.slice(1, -1);
      return contents.startsWith('node:') ? contents.slice('node:'.length) : contents;
    }
    default:
      return null;
  }
}

/** The receiver before the name token at `index`: `pool` in `pool.connect`, unknown after `)` or in a string. */
function receiverAt(tokens: readonly TSESTree.Token[], index: number): Receiver {
  const token = tokens[index];
  if (token?.type === AST_TOKEN_TYPES.String || token?.type === AST_TOKEN_TYPES.Template) return UNKNOWN;
  const dot = tokens[index - 1];
  if (dot?.type !== AST_TOKEN_TYPES.Punctuator || (dot.value !== '.' && dot.value !== '?.')) return NONE;
  const before = tokens[index - 2];
  switch (before?.type) {
    case AST_TOKEN_TYPES.Identifier:
    case AST_TOKEN_TYPES.Keyword:
    case AST_TOKEN_TYPES.PrivateIdentifier:
      return { kind: 'name', name: before.value };
    default:
      return UNKNOWN;
  }
}

/**
 * Calls `found(offset, name, index)` for every token that spells one of `names` (see {@link tokenName}), in order;
 * without a token list, for every whole-word occurrence in the text (`index` is then -1). Given `strings`, adds the
 * contents of every string token to it on the way (`stringContents`).
 */
function scanNames(
  sourceCode: Readonly<TSESLint.SourceCode>,
  names: ReadonlySet<string>,
  found: (offset: number, name: string, tokens: readonly TSESTree.Token[] | null, index: number) => void,
  strings: Set<string> | null = null,
): void {
  const tokens = tokensOf(sourceCode);
  if (tokens) {
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index];
      if (!token) continue;
      // Names first (most of the tokens that are not punctuators), one `Set` lookup each; then strings, whose
      // contents are read once for both the name and `strings`; nothing else spells a name (see `tokenName`).
      switch (token.type) {
        case AST_TOKEN_TYPES.Identifier:
        case AST_TOKEN_TYPES.Keyword:
        case AST_TOKEN_TYPES.PrivateIdentifier:
        case AST_TOKEN_TYPES.JSXIdentifier:
          if (names.has(token.value)) found(token.range[0], token.value, tokens, index);
          continue;
        case AST_TOKEN_TYPES.String:
        case AST_TOKEN_TYPES.Template: {
          if (strings) {
            const contents = stringContents(token);
            if (contents !== null) strings.add(contents);
          }
          const name = tokenName(token);
          // Inside a string, the offset of its contents, as the text scan finds it.
          if (name && names.has(name)) found(token.range[0] + 1, name, tokens, index);
          continue;
        }
        default:
          continue;
      }
    }
    return;
  }
  const pattern = patternOf(names);
  if (pattern) for (const match of sourceCode.text.matchAll(pattern)) found(match.index, match[0], null, -1);
}

const scanSets = new WeakMap<ReadonlyMap<string, unknown>, ReadonlySet<string>>();

/**
 * The acquirers' names, the {@link VOCABULARY}, the release-like verbs and `Symbol` (`x[Symbol.dispose]()`): what the
 * combined pass looks for, made once per list (the verbs come from the same settings as the list).
 */
function scanSetOf(byName: ReadonlyMap<string, unknown>, verbs: ReadonlySet<string>): ReadonlySet<string> {
  let names = scanSets.get(byName);
  if (!names) {
    names = new Set([...byName.keys(), ...VOCABULARY, ...verbs, 'Symbol']);
    scanSets.set(byName, names);
  }
  return names;
}

const methodLists = new WeakMap<CleanupSettings, readonly string[]>();

/**
 * The release-like methods in force under `settings` (`analysis/evidence.ts`): the built-in ones, then the release
 * methods of `settings.cleanup.resources`. Once per settings object.
 */
export function evidenceMethodsOf(settings: CleanupSettings): readonly string[] {
  let methods = methodLists.get(settings);
  if (!methods) {
    const user = settings.resources.flatMap((acquirer) => acquirer.resource.release.methods ?? []);
    methods = [...new Set([...evidenceReleaseMethods, ...user])];
    methodLists.set(settings, methods);
  }
  return methods;
}

const verbSets = new WeakMap<CleanupSettings, ReadonlySet<string>>();

/**
 * The verbs that make release evidence: {@link evidenceMethodsOf}, a semaphore's and the in-house pairs' releases.
 * Once per settings object.
 */
function releaseVerbsOf(settings: CleanupSettings): ReadonlySet<string> {
  let verbs = verbSets.get(settings);
  if (!verbs) {
    const pairs = [...inHousePairs.values()].flat();
    verbs = new Set([...evidenceMethodsOf(settings), ...semaphoreReleaseMethods, ...pairs]);
    verbSets.set(settings, verbs);
  }
  return verbs;
}

/**
 * The name before a release-like call at token `index`: `client` in `client.end(` / `client?.end (`, `lock` in
 * `this.lock!.release(`; with `symbol`, `fh` in `fh?.[Symbol.asyncDispose](`. Null for any other shape.
 */
function releasedReceiverAt(tokens: readonly TSESTree.Token[], index: number, symbol: boolean): string | null {
  let before = index - 1;
  if (symbol) {
    const dot = tokens[index + 1];
    const member = tokens[index + 2];
    if (dot?.value !== '.' || (member?.value !== 'dispose' && member?.value !== 'asyncDispose')) return null;
    if (tokens[index + 3]?.value !== ']' || tokens[index + 4]?.value !== '(' || tokens[before]?.value !== '[')
      return null;
    before -= 1;
    if (tokens[before]?.value === '?.') before -= 1;
  } else {
    const dot = tokens[before];
    if (dot?.type !== AST_TOKEN_TYPES.Punctuator || (dot.value !== '.' && dot.value !== '?.')) return null;
    if (tokens[index + 1]?.value !== '(') return null;
    before -= 1;
  }
  if (tokens[before]?.value === '!') before -= 1;
  const receiver = tokens[before];
  switch (receiver?.type) {
    case AST_TOKEN_TYPES.Identifier:
    case AST_TOKEN_TYPES.Keyword:
    case AST_TOKEN_TYPES.PrivateIdentifier:
      return receiver.value;
    default:
      return null;
  }
}

/** {@link releasedReceiverAt} for a parser without a token list: the same names, read from the text. */
function releasedNamesInText(text: string, verbs: ReadonlySet<string>): Set<string> {
  const escaped = [...verbs].map((verb) => verb.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  const pattern = new RegExp(
    `(?:\\.\\s*(?:${escaped.join('|')})|\\[\\s*Symbol\\s*\\.\\s*(?:asyncD|d)ispose\\s*\\])\\s*\\(`,
    'gu',
  );
  const names = new Set<string>();
  for (const match of text.matchAll(pattern)) {
    let index = match.index - 1;
    while (index >= 0 && /\s/u.test(text[index] ?? '')) index--;
    if (text[index] === '.' && text[index - 1] === '?') index -= 2;
    else if (text[index] === '?' || text[index] === '!') index--;
    while (index >= 0 && /\s/u.test(text[index] ?? '')) index--;
    const end = index + 1;
    while (index >= 0 && IDENTIFIER_CHAR.test(text[index] ?? '')) index--;
    if (index + 1 < end) names.add(text.slice(index + 1, end));
  }
  return names;
}

/**
 * The names the file writes right before a release-like call (see {@link releasedReceiverAt}): where release evidence
 * can be (`analysis/evidence.ts`). From the same pass over the tokens as the acquisitions.
 */
export function releasedNamesOf(model: ResourceModel): ReadonlySet<string> {
  return fileScan(model, model.acquirers).released;
}

/**
 * Start offsets, in order, of the places in the file where one of `acquirers` could acquire (see the module
 * comment). `acquirers` is the model's list (catalog and settings); the result is memoised per file and list.
 */
export function acquisitionOffsets(model: ResourceModel, acquirers: readonly Acquirer[]): readonly number[] {
  return fileScan(model, acquirers).offsets;
}

/** What one pass over a file's tokens found: the places `acquirers` could acquire, and the words of the vocabulary. */
interface FileScan {
  readonly offsets: readonly number[];
  readonly words: ReadonlySet<string>;
  /** Names written right before a release-like call: `client` in `client.end(`, `lock` in `this.lock?.release(`. */
  readonly released: ReadonlySet<string>;
}

const cache = new WeakMap<TSESTree.Program, WeakMap<readonly Acquirer[], FileScan>>();

/** The pass behind {@link acquisitionOffsets} and {@link vocabularyOf}, memoised per file and acquirer list. */
function fileScan(model: ResourceModel, acquirers: readonly Acquirer[]): FileScan {
  const ast = model.sourceCode.ast;
  let byList = cache.get(ast);
  if (!byList) {
    byList = new WeakMap();
    cache.set(ast, byList);
  }
  const cached = byList.get(acquirers);
  if (cached) return cached;
  const byName = acquirersByMethod(acquirers);
  const offsets: number[] = [];
  const words = new Set<string>();
  const released = new Set<string>();
  const text = model.sourceCode.text;
  const verbs = releaseVerbsOf(model.settings);
  // The places an acquirer's name is written, judged once the pass has read every string (the modules the file names).
  const places: { readonly offset: number; readonly candidates: readonly Acquirer[]; readonly receiver: Receiver }[] =
    [];
  const strings = tokensOf(model.sourceCode) ? new Set<string>() : null;
  scanNames(
    model.sourceCode,
    scanSetOf(byName, verbs),
    (offset, name, tokens, index) => {
      if (VOCABULARY_SET.has(name)) words.add(name);
      if (tokens && (verbs.has(name) || name === 'Symbol')) {
        const receiver = releasedReceiverAt(tokens, index, name === 'Symbol');
        if (receiver !== null) released.add(receiver);
      }
      const candidates = byName.get(name);
      if (!candidates) return;
      places.push({ offset, candidates, receiver: tokens ? receiverAt(tokens, index) : receiverBefore(text, offset) });
    },
    strings,
  );
  if (strings) model.adoptStrings(strings);
  const memo: Memo = { model, byProvenance: new Map() };
  for (const { offset, candidates, receiver } of places) {
    if (candidates.some((acquirer) => couldMatch(acquirer, receiver, memo))) offsets.push(offset);
  }
  if (!strings) for (const name of releasedNamesInText(text, verbs)) released.add(name);
  const scan = { offsets, words, released };
  byList.set(acquirers, scan);
  return scan;
}

const nameCache = new WeakMap<TSESTree.Program, WeakMap<object, readonly number[]>>();

/**
 * Start offsets, in order, of the occurrences of `names` in the file: every identifier, keyword or string token
 * equal to one of them (see {@link tokenName}). One scan per file and `key` (an object that stands for the list, so
 * that `names` is only computed on the first call).
 */
export function nameOffsets(
  sourceCode: Readonly<TSESLint.SourceCode>,
  key: object,
  names: () => Iterable<string>,
): readonly number[] {
  let byKey = nameCache.get(sourceCode.ast);
  if (!byKey) {
    byKey = new WeakMap();
    nameCache.set(sourceCode.ast, byKey);
  }
  let offsets = byKey.get(key);
  if (!offsets) {
    const found: number[] = [];
    scanNames(sourceCode, new Set(names()), (offset) => found.push(offset));
    offsets = found;
    byKey.set(key, offsets);
  }
  return offsets;
}

const patterns = new Map<string, RegExp | null>();

/**
 * `/(?<![\w$])(?:acquire|connect|…)(?![\w$])/g` for a set of names, made once per distinct set: the text scan for a
 * parser without a token list.
 */
export function patternOf(names: Iterable<string>): RegExp | null {
  const list = [...new Set(names)].sort();
  const key = list.join('\n');
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    const escaped = list.map((name) => name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
    // Whole names only: `lock` is not in `block`; `$connect` is found in `db.$connect()`.
    pattern = list.length === 0 ? null : new RegExp(`(?<![\\w$])(?:${escaped.join('|')})(?![\\w$])`, 'gu');
    patterns.set(key, pattern);
  }
  return pattern;
}

/** Whether some offset lies in `node`'s range: a binary search over sorted offsets. */
export function anyOffsetWithin(offsets: readonly number[], node: TSESTree.Node): boolean {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((offsets[middle] ?? Infinity) < node.range[0]) low = middle + 1;
    else high = middle;
  }
  const found = offsets[low];
  return found !== undefined && found < node.range[1];
}

// ---------------------------------------------------------------------------------------------------------------
// Per rule: could the file hold anything the rule reports?
// ---------------------------------------------------------------------------------------------------------------

/** The rules that ask {@link mayReportIn} first (every rule of the plugin; a meta-test checks the list). */
export type PrefilteredRule =
  | 'dispose-owned-resources'
  | 'no-floating-resource'
  | 'no-leaked-listener'
  | 'no-leaked-timer'
  | 'no-shared-connection'
  | 'no-use-after-release'
  | 'prefer-using'
  | 'release-in-finally'
  | 'require-stop-signal';

/** The key under which `nameOffsets` memoises timer starts and this file's aliases of them. */
const TIMER_STARTS_AND_ALIASES = {};

const LISTENER_ADDITIONS = listenerAdditionNames;
const DISPOSABLE_GLOBALS: readonly string[] = disposableGlobals.map((entry) => entry.name);
const OWNED_GLOBALS: readonly string[] = globalHandleSpecs.map((spec) => spec.name);
const AWAITS_OR_WORKERS = ['await', 'Worker', 'worker_threads'];
/** The ways a value reaches a worker (no-shared-connection): `postMessage(…)` (a private `#postMessage` too), `workerData`. */
const WORKER_CHANNELS: Readonly<Record<WorkerChannel, readonly string[]>> = {
  postMessage: ['postMessage', '#postMessage'],
  workerData: ['workerData'],
};

/** Every fixed name a rule's answer looks for, found in one scan of the text per file. */
const VOCABULARY: readonly string[] = [
  ...LISTENER_ADDITIONS,
  ...timerStartNames,
  ...DISPOSABLE_GLOBALS,
  ...OWNED_GLOBALS,
  ...AWAITS_OR_WORKERS,
  ...WORKER_CHANNELS.postMessage,
  ...WORKER_CHANNELS.workerData,
  'class',
];

const VOCABULARY_SET: ReadonlySet<string> = new Set(VOCABULARY);

/** The names of {@link VOCABULARY} that the file's tokens spell (see {@link tokenName}). */
function vocabularyOf(model: ResourceModel): ReadonlySet<string> {
  return fileScan(model, model.acquirers).words;
}

/** The modules whose exports make the catalog's instances (`pg`, `mysql2/promise`, …). */
const instanceModules: readonly string[] = [
  ...new Set(instances.flatMap((spec) => spec.created.flatMap((made) => made.modules))),
];

/** The modules whose exports make the catalog's instances or handles (`new Worker()`, `fs.watch()`). */
const ownedModules: readonly string[] = [
  ...new Set([...instanceModules, ...handleSpecs.flatMap((spec) => spec.modules)]),
];

/** Whether the text holds one of `names` (all in {@link VOCABULARY}) as a whole word. */
const mentions = (model: ResourceModel, names: readonly string[]): boolean => {
  const found = vocabularyOf(model);
  return names.some((name) => found.has(name));
};

/**
 * Whether some acquirer of the model (catalog and settings) could match somewhere in the file, or the file names a
 * module of a per-call client (`new MongoClient(url)` in a function is an acquisition).
 */
function mayAcquire(model: ResourceModel): boolean {
  return acquisitionOffsets(model, model.acquirers).length > 0 || mentionsSomeModule(model, perCallModules);
}

/**
 * An interval start by name (`setInterval`, `timers.setInterval`), or with `timeouts` a `setTimeout` too: a timer's
 * kind is read from the name it is exported under, which the file names even for an alias (`import { setInterval as
 * every }`, `const { setInterval: every } = require('timers')`).
 */
function mayStartTimer(model: ResourceModel, timeouts = false): boolean {
  return mentions(model, timeouts ? ['setInterval', 'setTimeout'] : ['setInterval']);
}

/** `new DisposableStack()` and the other global constructors of Disposables. */
function mayConstructDisposable(model: ResourceModel): boolean {
  return mentions(model, DISPOSABLE_GLOBALS);
}

/** The parser gave a TypeScript program: rules that find Disposables by type may find them anywhere. */
function hasTypeInformation(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return Boolean(sourceCode.parserServices?.program);
}

const moduleMentions = new WeakMap<TSESTree.Program, WeakMap<readonly string[], boolean>>();

/**
 * Whether the file names one of `modules`, or a module that stands for one (`graceful-fs` for `fs`), in a string (an
 * import, a `require`): `'pg'`, `"node:fs"` (`ResourceModel#mentionsModule`). Memoised per file and list.
 */
function mentionsSomeModule(model: ResourceModel, modules: readonly string[]): boolean {
  let byList = moduleMentions.get(model.sourceCode.ast);
  if (!byList) {
    byList = new WeakMap();
    moduleMentions.set(model.sourceCode.ast, byList);
  }
  let found = byList.get(modules);
  if (found === undefined) {
    found = modules.some((module) => model.mentionsModule(module));
    byList.set(modules, found);
  }
  return found;
}

/**
 * Lines this long on average are no hand-written code: a minified or generated bundle (an emscripten runtime, a
 * vendored library). Nobody fixes a finding there; the bundle's source, if any, is linted instead.
 */
const MINIFIED_MEAN_LINE_LENGTH = 500;

/** Is the file a minified or generated bundle ({@link MINIFIED_MEAN_LINE_LENGTH})? */
export function isMinified(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return sourceCode.text.length > MINIFIED_MEAN_LINE_LENGTH * sourceCode.lines.length;
}

export type WorkerChannel = 'postMessage' | 'workerData';

/**
 * Whether the file's tokens spell a way of sending a value to a worker: a `postMessage` name (a call's method), or
 * `workerData` (a property key, bare or quoted). no-shared-connection listens for such calls only in files that do.
 */
export function mentionsWorkerChannel(model: ResourceModel, channel: WorkerChannel): boolean {
  return mentions(model, WORKER_CHANNELS[channel]);
}

/** The rule options the answer depends on, as the rules name them. */
export interface PrefilterOptions {
  /** `no-use-after-release`: timers count. */
  readonly checkIdempotent?: boolean;
  /** `no-leaked-timer`: timeouts count. */
  readonly checkTimeouts?: boolean;
}

/**
 * Whether `rule` could report anything in the model's file, from its text alone: a superset (false only when no
 * listener of the rule could report). Asked at the top of every rule's `create()`, which returns no listeners on
 * false. The scans behind it are memoised per file, so the rules of one lint share them.
 * - `release-in-finally`: an acquisition (see {@link acquisitionOffsets}), or a release-like call on a name
 *   (release evidence: `analysis/evidence.ts`);
 * - `no-use-after-release`: an acquisition, or with `checkIdempotent` a timer start or alias;
 * - `no-leaked-timer`: `setInterval` (with `checkTimeouts`, `setTimeout` too);
 * - `no-leaked-listener`: a listener-adding name (`addEventListener`, `on`, `once`, …);
 * - `no-floating-resource`: an acquisition, `setInterval`, or a Disposable global; anything with types;
 * - `prefer-using`: an acquisition or a Disposable global; anything with types;
 * - `no-shared-connection`: an acquisition, or a string naming a module of the catalog's instances;
 * - `dispose-owned-resources`: a class, and (without types) something a field could own: an acquisition,
 *   `setInterval`, a global handle (`new WebSocket()`), a Disposable global, or a module of the catalog's instances
 *   and handles;
 * - `require-stop-signal`: an `await` (a loop that must stop awaits or is a `for await`) or a worker thread
 *   (`Worker`, `worker_threads`).
 */
export function mayReportIn(model: ResourceModel, rule: PrefilteredRule, options: PrefilterOptions = {}): boolean {
  const sourceCode = model.sourceCode;
  if (isMinified(sourceCode)) return false;
  switch (rule) {
    case 'release-in-finally':
      return mayAcquire(model) || releasedNamesOf(model).size > 0;
    case 'no-use-after-release':
      return (
        mayAcquire(model) ||
        (options.checkIdempotent === true &&
          nameOffsets(sourceCode, TIMER_STARTS_AND_ALIASES, () => [...timerStartNames, ...timerAliases(model)]).length >
            0)
      );
    case 'no-leaked-timer':
      return mayStartTimer(model, options.checkTimeouts === true);
    case 'no-leaked-listener':
      return mentions(model, LISTENER_ADDITIONS);
    case 'no-floating-resource':
      return (
        hasTypeInformation(sourceCode) || mayAcquire(model) || mayStartTimer(model) || mayConstructDisposable(model)
      );
    case 'prefer-using':
      return hasTypeInformation(sourceCode) || mayAcquire(model) || mayConstructDisposable(model);
    case 'no-shared-connection':
      return mayAcquire(model) || mentionsSomeModule(model, instanceModules);
    case 'dispose-owned-resources':
      return (
        mentions(model, ['class']) &&
        (hasTypeInformation(sourceCode) ||
          mayAcquire(model) ||
          mayStartTimer(model) ||
          mayConstructDisposable(model) ||
          mentions(model, OWNED_GLOBALS) ||
          mentionsSomeModule(model, ownedModules))
      );
    case 'require-stop-signal':
      return mentions(model, AWAITS_OR_WORKERS);
  }
}
