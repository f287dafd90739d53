import { AST_NODE_TYPES, AST_TOKEN_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  calleeName,
  enclosingFunction,
  isFunction,
  isTransparentWrapper,
  lastName,
  propertyName,
  requireSource,
  skipWrappers,
} from '../util/ast.js';
import {
  acquirers,
  catalogModules,
  handleSpecs,
  instances,
  moduleAliases,
  perCallAcquirers,
  perCallHandleAcquirers,
  perCallModules,
  perCallNames,
  type Acquirer,
  type ResourceSpec,
} from './catalog.js';
import { normalizeModule, readSettings, type CleanupSettings } from './settings.js';

/** Where a value comes from: a module, a path of exports inside it, and whether it was constructed or called. */
export interface Origin {
  readonly module: string;
  readonly path: readonly string[];
  /** The value was made by `new X()` or `X()` with X at `module`/`path`. */
  readonly instance: boolean;
}

/** One call recognised as taking a resource. */
export interface Acquisition {
  /** The acquiring call, or the `new` of a per-call instance (`new MongoClient(url)`). */
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly acquirer: Acquirer;
  readonly resource: ResourceSpec;
  /** `pool` in `pool.connect()`; null for a plain function call (`openSync(p)`). */
  readonly receiver: TSESTree.Expression | null;
  /** The receiver's text with spacing and `?.` normalised, to find `receiver.release()`. */
  readonly receiverKey: string | null;
  /** How the acquisition reads in a message: `pool.connect()`. */
  readonly label: string;
}

const MAX_ORIGIN_DEPTH = 8;
const MAX_LABEL_RECEIVER = 32;

/**
 * The resource model of one file: settings, the catalog indexed by called name, and memoised origins.
 * Made once per file and shared by every rule through `resourceModel(context)`.
 */
export class ResourceModel {
  readonly settings: CleanupSettings;
  /** The acquirers in force for this file: the user's, then the catalog's (name fallbacks unless switched off). */
  readonly acquirers: readonly Acquirer[];
  private readonly byName: ReadonlyMap<string, readonly Acquirer[]>;
  /** Modules that stand for another (`graceful-fs` is `fs`): the catalog's, then the user's `moduleAliases`. */
  readonly moduleAliases: ReadonlyMap<string, string>;
  /** Calls that would acquire but whose receiver, acquired in the same function, releases what they make. */
  private readonly coveredByReceiver = new WeakSet<TSESTree.CallExpression>();
  private readonly origins = new WeakMap<TSESTree.Node, Origin | null>();
  private readonly acquisitions = new WeakMap<TSESTree.CallExpression | TSESTree.NewExpression, Acquisition | null>();
  private perCallModuleNamed: boolean | undefined;
  /** The contents of the file's strings (see {@link stringContentsOf}); null without a token list. */
  private strings: ReadonlySet<string> | null | undefined;
  /** The modules the file's strings name (see {@link mentionedModules}). */
  private mentioned: ReadonlySet<string> | undefined;

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    settings: CleanupSettings,
  ) {
    this.settings = settings;
    this.moduleAliases = moduleAliasesOf(settings);
    const index = acquirerIndexOf(settings);
    this.acquirers = index.acquirers;
    this.byName = index.byName;
  }

  /** The module an import or `require` of `source` stands for: without `node:`, through the module aliases. */
  moduleOf(source: string): string {
    const module = normalizeModule(source);
    return this.moduleAliases.get(module) ?? module;
  }

  /** `module` and the names that stand for it (`fs`, `graceful-fs`, `fs-extra`): what a file imports it as. */
  namesOfModule(module: string): readonly string[] {
    return moduleNamesOf(this.moduleAliases, module);
  }

  /**
   * Whether the file writes `name` as a whole string: `'pg'`, `"pg"` or `` `pg` `` (with `prefixed`, `'node:pg'` too),
   * as an import, a `require` or an `import()` names a module. A `Set` lookup in the contents of the file's string
   * tokens, collected once per file; a parser without a token list gets a search of the text for the quoted name,
   * which finds the same strings and more (in comments).
   */
  writesString(name: string, prefixed = false): boolean {
    if (this.strings === undefined) this.strings = stringContentsOf(this.sourceCode);
    const strings = this.strings;
    if (strings === null) {
      const text = this.sourceCode.text;
      return quotedIn(text, name) || (prefixed && quotedIn(text, `node:${name}`));
    }
    return strings.has(name) || (prefixed && strings.has(`node:${name}`));
  }

  /**
   * Takes the contents of the file's strings ({@link stringContentsOf}) from a pass over its tokens that collects
   * them anyway (the prefilter's), so that {@link writesString} makes no pass of its own.
   */
  adoptStrings(strings: ReadonlySet<string>): void {
    if (this.strings === undefined) this.strings = strings;
  }

  /**
   * Whether the file names `module`, or a module that stands for it (`graceful-fs` for `fs`), in a whole string, with
   * or without `node:` (see {@link writesString}).
   */
  mentionsModule(module: string): boolean {
    if (this.strings === undefined) this.strings = stringContentsOf(this.sourceCode);
    if (this.strings === null) return this.namesOfModule(module).some((name) => this.writesString(name, true));
    this.mentioned ??= mentionedModules(this.strings, this.moduleAliases);
    return this.mentioned.has(module);
  }

  /** Every method or function name some acquirer is called by (`acquire`, `connect`, `open`, …). */
  get candidateNames(): Iterable<string> {
    return this.byName.keys();
  }

  /** Cheapest test first: is the called name one that any catalog entry acquires with? */
  isCandidateName(name: string | null): boolean {
    return name !== null && this.byName.has(name);
  }

  /**
   * The acquisition this call performs, or null. Memoised per node. Analyses and rules read it through `recognize.ts`
   * (`resourceAt`, `acquisitionAt`), never directly.
   */
  acquisitionOf(call: TSESTree.CallExpression | TSESTree.NewExpression): Acquisition | null {
    const cached = this.acquisitions.get(call);
    if (cached !== undefined) return cached;
    const result =
      call.type === AST_NODE_TYPES.NewExpression
        ? this.perCallAcquisition(call)
        : (this.computeAcquisition(call, false) ?? this.perCallAcquisition(call));
    this.acquisitions.set(call, result);
    return result;
  }

  /**
   * Cheap test first: could this call or `new` make a per-call instance (`new MongoClient(url)`, `knex(config)`,
   * `redis.createClient()`)? The file names a module of one, and the callee is a plain name or a creating method.
   */
  mayMakePerCallInstance(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(node.callee);
      const name = calleeName(node);
      if (callee.type !== AST_NODE_TYPES.Identifier && (name === null || !perCallNames.has(name))) return false;
    }
    this.perCallModuleNamed ??= perCallModules.some((module) => this.writesString(module));
    return this.perCallModuleNamed;
  }

  /** `new MongoClient(url)`, `knex(config)`: a catalog instance that a function must close (`InstanceSpec#perCall`). */
  private perCallAcquisition(node: TSESTree.CallExpression | TSESTree.NewExpression): Acquisition | null {
    if (!this.mayMakePerCallInstance(node)) return null;
    const origin = this.originOf(node);
    if (!origin?.instance) return null;
    const spec = instances.find((instance) =>
      instance.created.some((made) => made.modules.includes(origin.module) && samePath(made.path, origin.path)),
    );
    // A per-call handle (`new WebSocket(url)`, undici's `new Agent()`) when no instance is made there.
    const handle = spec
      ? undefined
      : handleSpecs.find((entry) => entry.modules.includes(origin.module) && samePath(entry.path, origin.path));
    const acquirer = spec ? perCallAcquirers.get(spec) : handle && perCallHandleAcquirers.get(handle);
    if (!acquirer) return null;
    const callee = skipWrappers(node.callee);
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? skipWrappers(callee.object) : null;
    const label = this.labelOf(callee, receiver);
    return {
      call: node,
      acquirer,
      resource: acquirer.resource,
      receiver: null,
      receiverKey: null,
      label: node.type === AST_NODE_TYPES.NewExpression ? `new ${label}` : label,
    };
  }

  /**
   * The acquisition a call performs in its callback form (`pool.getConnection((err, conn) => …)`): the callback gets
   * the resource. Null for a call without a function argument or an acquirer without a callback form.
   */
  callbackAcquisitionOf(call: TSESTree.CallExpression): Acquisition | null {
    return this.computeAcquisition(call, true);
  }

  private computeAcquisition(call: TSESTree.CallExpression, callbackForm: boolean): Acquisition | null {
    const name = calleeName(call);
    const candidates = name === null ? undefined : this.byName.get(name);
    if (!candidates) return null;
    const callee = skipWrappers(call.callee);
    const hasCallback = call.arguments.some((argument) => isFunction(argument));
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? skipWrappers(callee.object) : null;
    if (receiver?.type === AST_NODE_TYPES.Super) return null;
    let calleeOrigin: Origin | null | undefined;
    let receiverOrigin: Origin | null | undefined;
    const getCalleeOrigin = (): Origin | null => (calleeOrigin ??= this.originOf(callee));
    const getReceiverOrigin = (): Origin | null => (receiverOrigin ??= receiver ? this.originOf(receiver) : null);

    for (const acquirer of candidates) {
      if (acquirer.scopedOnly && !hasCallback) continue;
      // A receiver known only by its name, given a callback: a callback-scoped API (async-lock's
      // `lock.acquire(key, async () => …)` releases when the callback settles) or one that lends the value to the
      // callback. Either way the caller holds nothing to release.
      if (hasCallback && acquirer.source.type === 'name' && acquirer.callbackForm !== true) continue;
      // Given a callback, an entry's callback form applies: the library ends what it lends to the callback, or (asked
      // with `callbackForm`) delivers the resource there for the callback to release (`getConnection((err, c) => …)`).
      const inCallbackForm = hasCallback && acquirer.callbackForm === true;
      if (callbackForm && (!inCallbackForm || acquirer.scopedOnly === true)) continue;
      if (this.matches(acquirer, receiver, getCalleeOrigin, getReceiverOrigin)) {
        // The callback-scoped form: the library ends what it lends to the callback.
        if (inCallbackForm && !callbackForm) return null;
        if (acquirer.resource.closedWithReceiver === true && receiver && this.isAcquiredAround(receiver, call)) {
          this.coveredByReceiver.add(call);
          return null;
        }
        return {
          call,
          acquirer,
          resource: acquirer.resource,
          receiver,
          receiverKey: receiver ? this.keyOf(receiver) : null,
          label: this.labelOf(callee, receiver),
        };
      }
    }
    return null;
  }

  private matches(
    acquirer: Acquirer,
    receiver: TSESTree.Expression | null,
    calleeOrigin: () => Origin | null,
    receiverOrigin: () => Origin | null,
  ): boolean {
    const source = acquirer.source;
    switch (source.type) {
      case 'module': {
        const origin = calleeOrigin();
        return (
          origin !== null &&
          !origin.instance &&
          source.modules.includes(origin.module) &&
          samePath(origin.path, source.path)
        );
      }
      case 'instance': {
        const origin = receiverOrigin();
        if (!origin?.instance) return false;
        const spec = instances.find((instance) => instance.id === source.instance);
        return (
          spec?.created.some((made) => made.modules.includes(origin.module) && samePath(made.path, origin.path)) ??
          false
        );
      }
      case 'name': {
        if (!receiver) return false;
        if (source.modules && !source.modules.some((module) => this.mentionsModule(module))) return false;
        const origin = receiverOrigin();
        if (origin && catalogModules.has(origin.module)) return false;
        return source.receiver === null || testName(source.receiver, receiver);
      }
      case 'user': {
        if (source.module !== null) {
          const origin = receiver ? (receiverOrigin() ?? calleeOrigin()) : calleeOrigin();
          if (origin?.module !== this.moduleOf(source.module)) return false;
        }
        if (source.receiver !== null) return receiver !== null && testName(source.receiver, receiver);
        return true;
      }
      case 'evidence':
        return false;
    }
  }

  /**
   * Is `receiver` a local binding that the function of `call` assigns an acquisition to (`const browser = await
   * puppeteer.launch()`, `browser = await chromium.launch()`)? Its release then covers what `call` makes from it.
   */
  private isAcquiredAround(receiver: TSESTree.Expression, call: TSESTree.CallExpression): boolean {
    if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(receiver), receiver.name);
    if (!variable) return false;
    const owner = enclosingFunction(call);
    return variable.references.some((reference) => {
      // Closed here by the function (`browser.close()`): whatever made it, the receiver's release covers the value.
      if (isReceiverClose(reference.identifier) && enclosingFunction(reference.identifier) === owner) return true;
      const written = reference.writeExpr;
      if (!written || enclosingFunction(written) !== owner) return false;
      let value: TSESTree.Node = written;
      if (isTransparentWrapper(value)) value = skipWrappers(value);
      if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
      if (value.type !== AST_NODE_TYPES.CallExpression || value === call) return false;
      // A page of a context of a browser launched here: the context is covered by the browser, the page by both.
      return this.acquisitionOf(value) !== null || this.coveredByReceiver.has(value);
    });
  }

  /** Follows a value back through `const` aliases, destructuring, `require` and imports to its module. */
  originOf(node: TSESTree.Node, depth = 0): Origin | null {
    const cached = this.origins.get(node);
    if (cached !== undefined) return cached;
    const result = depth > MAX_ORIGIN_DEPTH ? null : this.computeOrigin(node, depth);
    this.origins.set(node, result);
    return result;
  }

  private computeOrigin(node: TSESTree.Node, depth: number): Origin | null {
    switch (node.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        return this.originOf(node.expression, depth + 1);
      case AST_NODE_TYPES.AwaitExpression:
        return this.originOf(node.argument, depth + 1);
      case AST_NODE_TYPES.Identifier:
        return this.originOfIdentifier(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const base = this.originOf(node.object, depth + 1);
        const name = propertyName(node);
        if (!base || base.instance || name === null) return null;
        if (name === 'default' && base.path.length === 0) return base;
        return { module: base.module, path: [...base.path, name], instance: false };
      }
      case AST_NODE_TYPES.CallExpression: {
        const required = requireSource(node);
        if (required !== null) return { module: this.moduleOf(required), path: [], instance: false };
        return this.instanceOf(node.callee, depth);
      }
      case AST_NODE_TYPES.NewExpression:
        return this.instanceOf(node.callee, depth);
      case AST_NODE_TYPES.ImportExpression:
        return node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string'
          ? { module: this.moduleOf(node.source.value), path: [], instance: false }
          : null;
      default:
        return null;
    }
  }

  private instanceOf(callee: TSESTree.Node, depth: number): Origin | null {
    const origin = this.originOf(callee, depth + 1);
    return origin && !origin.instance ? { ...origin, instance: true } : null;
  }

  private originOfIdentifier(node: TSESTree.Identifier, depth: number): Origin | null {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node.name);
    if (!variable) return null;
    const [def, ...others] = variable.defs;
    if (!def || others.length > 0) return null;
    if (def.type === TSESLint.Scope.DefinitionType.ImportBinding) {
      const spec = def.node;
      if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const reference = spec.moduleReference;
        return reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
          typeof reference.expression.value === 'string'
          ? { module: this.moduleOf(reference.expression.value), path: [], instance: false }
          : null;
      }
      const declaration = spec.parent;
      if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return null;
      const module = this.moduleOf(declaration.source.value);
      if (spec.type !== AST_NODE_TYPES.ImportSpecifier) return { module, path: [], instance: false };
      const imported = spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
      return { module, path: imported === 'default' ? [] : [imported], instance: false };
    }
    if (def.type !== TSESLint.Scope.DefinitionType.Variable) return null;
    const declarator = def.node;
    if (!declarator.init) return null;
    // Only a binding written once (its initialiser) keeps the value it started with.
    if (variable.references.filter((reference) => reference.isWrite()).length !== 1) return null;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) return this.originOf(declarator.init, depth + 1);
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
    const key = destructuredKey(declarator.id, def.name);
    if (key === null) return null;
    const base = this.originOf(declarator.init, depth + 1);
    if (!base || base.instance) return null;
    if (key === 'default' && base.path.length === 0) return base;
    return { module: base.module, path: [...base.path, key], instance: false };
  }

  /**
   * Receiver text without spaces, comments, `!` or `?.`, so `this.mutex?.release()` pairs `this.mutex.acquire()`;
   * a private name keeps its `#` (`this.#t` is not `this.t`).
   */
  keyOf(node: TSESTree.Node): string {
    return simpleKeyOf(node, this.sourceCode.text) ?? this.tokenKeyOf(node);
  }

  private tokenKeyOf(node: TSESTree.Node): string {
    return this.sourceCode
      .getTokens(node)
      .filter((token) => token.value !== '!')
      .map((token) =>
        token.value === '?.' ? '.' : token.type === AST_TOKEN_TYPES.PrivateIdentifier ? `#${token.value}` : token.value,
      )
      .join('');
  }

  private labelOf(callee: TSESTree.Expression, receiver: TSESTree.Expression | null): string {
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : calleeNameOfMember(callee);
    if (!receiver) return `${name}()`;
    const key = this.keyOf(receiver);
    const shown = key.length <= MAX_LABEL_RECEIVER ? key : `…${lastName(receiver) ?? ''}`;
    return `${shown}.${name}()`;
  }
}

/**
 * `keyOf` without the token list, for the common receivers: a name, `this`, and a chain of plain property reads
 * written with nothing but the dot between them (no parentheses, comments or `!`, which only the tokens show).
 * Null when the tokens must decide.
 */
function simpleKeyOf(node: TSESTree.Node, text: string): string | null {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.range[1] - node.range[0] === node.name.length ? node.name : null;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.MemberExpression: {
      if (node.computed || node.range[0] !== node.object.range[0]) return null;
      const between = text.slice(node.object.range[1], node.property.range[0]);
      if (between !== '.' && between !== '?.') return null;
      const object = simpleKeyOf(node.object, text);
      if (object === null) return null;
      const property = node.property;
      return property.type === AST_NODE_TYPES.PrivateIdentifier
        ? `${object}.#${property.name}`
        : `${object}.${property.name}`;
    }
    default:
      return null;
  }
}

const QUOTES = ["'", '"', '`'];

/** `text` holds `name` between a pair of the same quotes: `'pg'`, `"pg"`, `` `pg` ``. */
function quotedIn(text: string, name: string): boolean {
  return QUOTES.some((quote) => text.includes(`${quote}${name}${quote}`));
}

/**
 * The contents of the file's string tokens and of its templates without substitutions: `pg` for `'pg'`, `node:fs` for
 * `` `node:fs` ``, as written (escapes are not decoded). Null for a parser without a token list (`ast.tokens`).
 */
export function stringContentsOf(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlySet<string> | null {
  const tokens = (sourceCode.ast as { readonly tokens?: unknown }).tokens;
  if (!Array.isArray(tokens)) return null;
  const strings = new Set<string>();
  for (const token of tokens as readonly TSESTree.Token[]) {
    const contents = stringContents(token);
    if (contents !== null) strings.add(contents);
  }
  return strings;
}

/** The contents of a string token or of a template without substitutions, as written; null for any other token. */
export function stringContents(token: TSESTree.Token): string | null {
  if (token.type === AST_TOKEN_TYPES.String) return token.value.slice(1, -1);
  if (token.type !== AST_TOKEN_TYPES.Template) return null;
  // `` `a${b}c` `` is two tokens, `` `a${ `` and `` }c` ``: only a template that opens and closes is a whole string.
  const value = token.value;
  return value.length >= 2 && value.startsWith('`') && value.endsWith('`') ? value.slice(1, -1) : null;
}

/**
 * The modules that `strings` name: each string as written and without `node:`, and the module each of those stands
 * for under `aliases`. `module` is in the set exactly when one of its names (itself, an alias of it) is one of the
 * strings, bare or with `node:`.
 */
function mentionedModules(strings: ReadonlySet<string>, aliases: ReadonlyMap<string, string>): ReadonlySet<string> {
  const modules = new Set<string>();
  const add = (name: string): void => {
    modules.add(name);
    const target = aliases.get(name);
    if (target !== undefined) modules.add(target);
  };
  for (const text of strings) {
    add(text);
    if (text.startsWith('node:')) add(text.slice('node:'.length));
  }
  return modules;
}

const aliasMaps = new WeakMap<CleanupSettings, ReadonlyMap<string, string>>();

/** The catalog's module aliases, then the user's: made once per settings object. */
function moduleAliasesOf(settings: CleanupSettings): ReadonlyMap<string, string> {
  if (settings.moduleAliases.size === 0) return moduleAliases;
  let aliases = aliasMaps.get(settings);
  if (!aliases) {
    aliases = new Map([...moduleAliases, ...settings.moduleAliases]);
    aliasMaps.set(settings, aliases);
  }
  return aliases;
}

const moduleNameLists = new WeakMap<ReadonlyMap<string, string>, Map<string, readonly string[]>>();

/** `module` and the aliases that stand for it under `aliases`, made once per alias map and module. */
function moduleNamesOf(aliases: ReadonlyMap<string, string>, module: string): readonly string[] {
  let byModule = moduleNameLists.get(aliases);
  if (!byModule) {
    byModule = new Map();
    moduleNameLists.set(aliases, byModule);
  }
  let names = byModule.get(module);
  if (!names) {
    names = [module, ...[...aliases].filter(([, target]) => target === module).map(([alias]) => alias)];
    byModule.set(module, names);
  }
  return names;
}

/** The methods that close a receiver together with what it made (a browser's pages and contexts). */
const RECEIVER_CLOSE_METHODS: ReadonlySet<string> = new Set(['close', 'disconnect']);

/** `identifier.close()` / `identifier.disconnect()`: the receiver closed, with what it made. */
function isReceiverClose(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const member = identifier.parent;
  return (
    member.type === AST_NODE_TYPES.MemberExpression &&
    member.object === identifier &&
    member.parent.type === AST_NODE_TYPES.CallExpression &&
    member.parent.callee === member &&
    RECEIVER_CLOSE_METHODS.has(propertyName(member) ?? '')
  );
}

function calleeNameOfMember(callee: TSESTree.Expression): string {
  return callee.type === AST_NODE_TYPES.MemberExpression ? (propertyName(callee) ?? '?') : '?';
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

function testName(pattern: RegExp, receiver: TSESTree.Expression): boolean {
  const name = lastName(receiver);
  return name !== null && pattern.test(name);
}

/** The property key under which `name` is destructured in `{ key: name }` / `{ name }` / `{ name = x }`. */
function destructuredKey(pattern: TSESTree.ObjectPattern, name: TSESTree.Identifier): string | null {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value !== name) continue;
    return property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String(property.key.value);
  }
  return null;
}

interface AcquirerIndex {
  readonly acquirers: readonly Acquirer[];
  readonly byName: ReadonlyMap<string, readonly Acquirer[]>;
}

const acquirerIndexes = new WeakMap<CleanupSettings, AcquirerIndex>();
const methodIndexes = new WeakMap<readonly Acquirer[], ReadonlyMap<string, readonly Acquirer[]>>();

/** `acquirers` by the name they are called with (`connect`, `acquire`), made once per list. */
export function acquirersByMethod(acquirers: readonly Acquirer[]): ReadonlyMap<string, readonly Acquirer[]> {
  let byName = methodIndexes.get(acquirers);
  if (!byName) {
    const index = new Map<string, Acquirer[]>();
    for (const acquirer of acquirers) {
      const named = index.get(acquirer.method);
      if (named) named.push(acquirer);
      else index.set(acquirer.method, [acquirer]);
    }
    byName = index;
    methodIndexes.set(acquirers, byName);
  }
  return byName;
}

/**
 * The acquirers in force under `settings` (the user's, then the catalog's; name fallbacks unless switched off) and
 * their index by called name: made once per settings object (`readSettings` memoises those), not once per file.
 */
function acquirerIndexOf(settings: CleanupSettings): AcquirerIndex {
  let index = acquirerIndexes.get(settings);
  if (!index) {
    const list = [...settings.resources, ...acquirers].filter(
      (acquirer) => acquirer.source.type !== 'name' || settings.nameFallbacks,
    );
    index = { acquirers: list, byName: acquirersByMethod(list) };
    acquirerIndexes.set(settings, index);
  }
  return index;
}

const models = new WeakMap<TSESTree.Program, ResourceModel>();

/** The file's resource model, made on first use and shared by every rule that lints the file. */
export function resourceModel(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ResourceModel {
  const sourceCode = context.sourceCode;
  let model = models.get(sourceCode.ast);
  if (!model) {
    model = new ResourceModel(sourceCode, readSettings(context.settings));
    models.set(sourceCode.ast, model);
  }
  return model;
}
