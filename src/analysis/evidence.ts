/**
 * Release evidence (issue 18, and the in-house pairs of issue 15): what a function releases is a resource of that
 * function, whatever made it. The catalog knows the APIs of well-known packages; application code reaches its
 * resources through its own helpers, and the one thing that says what they are is the release the code writes:
 *
 * - **a value** that this function binds from a call (`const client = await getConnection(url)`) or makes with `new`
 *   of a constructor the file declares or imports (`const client = new Client(cfg)`; not `new Map()`), and later
 *   releases with a release-like method on it (`client.end()`, `client[Symbol.dispose]()`, the user's release
 *   methods), or, after an in-house acquiring verb, with the matching verb on any receiver (`const lock = await
 *   locker.lock(r); … locker.unlock(lock, r)`), or with the matching verb on itself (`const tx = await db.begin(); …
 *   tx.commit()`);
 * - **a receiver** that this function takes with an acquiring call whose result it discards (`await this.lock.wait()`,
 *   `db.begin()`) and later releases with a matching call on the same receiver (`this.lock.release()`,
 *   `db.commit()`): the call pair is the acquisition.
 *
 * The result is an `Acquisition` of its own kind (`source.type === 'evidence'`), judged by the same lifetime and exit
 * engine as a catalog acquisition. A value this function did not bind from a call or a `new` (a parameter, a field, a
 * module-level client) is never one: releasing what someone else owns says nothing about this function's duty. Nor
 * is a value assigned to an earlier `let` (`let conn; … conn = await make()`): tried on real code, it was false too
 * often.
 * A value that its own call pair takes (`client.connect()` … `client.end()`) is judged once, from that pair.
 *
 * Cheap first: one scan of the file's text for the names that stand before a release-like call (`client` in
 * `client.end(`), then, per call, the shape of its parent, then the references of one binding.
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { Acquirer, ReleaseSpec, ResourceSpec } from '../resources/catalog.js';
import type { Acquisition, ResourceModel } from '../resources/match.js';
import { resourceAt, type Creation } from '../resources/recognize.js';
import { inHousePairs, semaphoreAcquireMethods, semaphoreReleaseMethods } from '../resources/vocabulary.js';
import {
  calleeName,
  enclosingFunction,
  isFunction,
  isModuleLevel,
  lastName,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { walk } from '../util/walk.js';
import { evidenceMethodsOf, releasedNamesOf } from './prefilter.js';
import { isAppLifetimeCode } from './owners.js';
import { classifyReference, type ReleaseMatcher } from './references.js';

/** What the file's text says about release evidence, computed once per file. */
interface FileEvidence {
  /** The release-like method names in force: the built-in ones and the user's. */
  readonly methods: readonly string[];
  /** Names written right before a release-like call: `client` in `client.end(`, `lock` in `this.lock?.release(`. */
  readonly releasedNames: ReadonlySet<string>;
}

const files = new WeakMap<TSESTree.Program, FileEvidence>();
const results = new WeakMap<Creation, Acquisition | null>();

const MAX_LABEL_CALLEE = 32;
/**
 * Calls that look a value up rather than make it: `require('./db')`, `map.get(key)`, `Tooltip.getInstance(el)`. What
 * they return belongs to the registry, whoever releases it.
 */
const lookupNames: ReadonlySet<string> = new Set(['require', 'get', 'getInstance']);
/**
 * Query verbs: `Model.findOne()`, `repo.findByPk()`, `fetchUser()`, `loadDocument()`. What they return is a record, and
 * its `destroy()` or `remove()` deletes a row (Sequelize, TypeORM), it frees nothing: on the tuning sweep every such
 * finding was false. Another release of such a value (`(await fetchLock(k)).release()`) is still evidence.
 */
const LOOKUP_VERB = /^(?:find|fetch|load|query|search|lookup|select)(?![a-z])/;
/** The calls that make a record: `User.create(data)`, `Model.build()`, `repo.insert()`, `Model.upsert()`. */
const RECORD_MAKERS: ReadonlySet<string> = new Set(['create', 'build', 'bulkCreate', 'insert', 'upsert']);
const RECORD_DELETES: ReadonlySet<string> = new Set(['destroy', 'remove', 'delete']);
/**
 * Methods that write into the value: a value written to and then ended or closed is a stream or a request being
 * finished (`req.write(body); req.end()`), not a resource released.
 */
const writeMethods: ReadonlySet<string> = new Set(['write', 'writeHead', 'pipe']);
/**
 * Input devices whose `down()` / `up()` press and let go of a key or button (Playwright's and Puppeteer's `mouse`,
 * `keyboard`): a gesture, not a semaphore's pair.
 */
const INPUT_DEVICES: ReadonlySet<string> = new Set(['mouse', 'keyboard', 'touchscreen', 'pointer']);
/** In-house verbs that connect their receiver rather than take a share of it. */
const connectingVerbs: ReadonlySet<string> = new Set(['connect', 'open']);

function fileEvidenceOf(model: ResourceModel): FileEvidence {
  const ast = model.sourceCode.ast;
  let found = files.get(ast);
  if (!found) {
    found = { methods: evidenceMethodsOf(model.settings), releasedNames: releasedNamesOf(model) };
    files.set(ast, found);
  }
  return found;
}

/**
 * The acquisition that release evidence makes of `call`, or null: `call` is bound to a local and released in this
 * function, or it takes a receiver that this function releases after it. Memoised per call. Ask it only for a call
 * that `resourceAt` does not know: the catalog's own resources keep the catalog's release specs.
 */
export function evidenceAt(model: ResourceModel, call: Creation): Acquisition | null {
  // The shape first, before the memo: most calls stand inside other expressions, and only a declaration or a
  // statement holds evidence.
  const holder = holderOf(call);
  if (!holder) return null;
  const cached = results.get(call);
  if (cached !== undefined) return cached;
  const result = compute(model, call, holder);
  results.set(call, result);
  return result;
}

/** Where a call that may hold evidence stands: `const x = [await] call`, or `[await] call;`. */
interface Holder {
  /** The declarator whose initialiser is the call, or null for a statement. */
  readonly declarator: TSESTree.VariableDeclarator | null;
  readonly awaited: boolean;
}

function holderOf(call: Creation): Holder | null {
  let { child, parent } = parentThroughWrappers(call);
  const awaited = parent?.type === AST_NODE_TYPES.AwaitExpression;
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) ({ child, parent } = parentThroughWrappers(parent));
  const declarator = parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child ? parent : null;
  if (!declarator && parent?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  return { declarator, awaited };
}

function compute(model: ResourceModel, call: Creation, { declarator, awaited }: Holder): Acquisition | null {
  const evidence = fileEvidenceOf(model);
  if (evidence.releasedNames.size === 0) return null;
  // A `new` only binds a value: `new Client(cfg)` has no receiver, and a built-in (`new Map()`, `new URL(s)`) holds
  // nothing of this function's.
  const made = call.type === AST_NODE_TYPES.NewExpression;
  if (made && !declarator) return null;
  const name = calleeName(call);
  if (name === null || lookupNames.has(name)) return null;
  const callee = skipWrappers(call.callee);
  const receiver = !made && callee.type === AST_NODE_TYPES.MemberExpression ? skipWrappers(callee.object) : null;
  if (receiver?.type === AST_NODE_TYPES.Super) return null;
  // The names first, before any scope lookup or walk up the tree: most calls are not released by name.
  if (!namesAllowEvidence(evidence, declarator, name, receiver, made, awaited)) return null;
  if (made && isGlobalConstructor(model, call)) return null;
  const owner = enclosingFunction(call);
  if (!owner) return null;

  let found: Acquisition | null = null;
  if (declarator) {
    found = valueEvidence(model, evidence, call, name, receiver, owner, declarator);
  } else if (!made && receiver && (awaited || isSyncPairVerb(name))) {
    found = receiverEvidence(model, evidence, call, name, receiver, owner);
  }
  // A one-shot script (`main()`, a module-level IIFE, a function the module calls once) ends with the process.
  return found && !isAppLifetimeCode(call, model) ? found : null;
}

/**
 * The name checks of {@link valueEvidence} and {@link receiverEvidence}, in the order `compute` needs them: a value
 * bound to a plain name (not by `using`) that the file releases by name, or taken by an in-house verb on a receiver;
 * or, for a statement, an acquiring verb (awaited, or one of a synchronous pair) on a receiver whose last name the
 * file releases. False only where both would find nothing.
 */
function namesAllowEvidence(
  evidence: FileEvidence,
  declarator: TSESTree.VariableDeclarator | null,
  name: string,
  receiver: TSESTree.Expression | null,
  made: boolean,
  awaited: boolean,
): boolean {
  if (declarator) {
    const id = declarator.id;
    if (id.type !== AST_NODE_TYPES.Identifier) return false;
    return evidence.releasedNames.has(id.name) || (receiver !== null && inHousePairs.has(name));
  }
  if (made || !receiver || !(awaited || isSyncPairVerb(name))) return false;
  if (receiverReleaseVerbs(name).length === 0) return false;
  const receiverName = lastName(receiver);
  return receiverName !== null && evidence.releasedNames.has(receiverName);
}

/**
 * `new Map()`, `new URL(s)`, `new Intl.NumberFormat()`, `new AbortController()`: a constructor whose name (or the root
 * of its path) the file neither declares nor imports is the platform's. Those the catalog knows (`new Worker()`,
 * `new WebSocket()`) are `resourceAt`'s; the rest hold nothing that this function must release.
 */
function isGlobalConstructor(model: ResourceModel, node: TSESTree.NewExpression): boolean {
  let root = skipWrappers(node.callee);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(root), root.name);
  return !variable || variable.defs.length === 0;
}

/** `db.begin(); … db.commit()` need not be awaited; a semaphore's `wait()` that is not awaited holds nothing yet. */
function isSyncPairVerb(name: string): boolean {
  return inHousePairs.has(name);
}

function valueEvidence(
  model: ResourceModel,
  evidence: FileEvidence,
  call: Creation,
  name: string,
  receiver: TSESTree.Expression | null,
  owner: TSESTree.Node,
  declarator: TSESTree.VariableDeclarator,
): Acquisition | null {
  const id = declarator.id;
  if (id.type !== AST_NODE_TYPES.Identifier) return null;
  const declaration = declarator.parent;
  if (declaration.kind === 'using' || declaration.kind === 'await using') return null;
  const pair = inHousePairs.get(name) ?? [];
  const byReceiver = receiver !== null && pair.length > 0;
  if (!evidence.releasedNames.has(id.name) && !byReceiver) return null;
  const variable = model.sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === id.name);
  if (!variable) return null;
  const matcher: ReleaseMatcher = {
    methods: [...evidence.methods, ...pair],
    symbols: true,
    ...(byReceiver ? { receiverMethods: pair } : {}),
  };
  let found: { readonly call: TSESTree.CallExpression; readonly method: string } | null = null;
  let taken: TSESTree.CallExpression | null = null;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (reference.init === true || identifier.type !== AST_NODE_TYPES.Identifier) continue;
    if (isWrittenTo(identifier)) return null;
    if (found || enclosingFunction(identifier) !== owner) continue;
    taken ??= pairTakingOn(model, identifier);
    const role = classifyReference(identifier, matcher);
    if (role.role !== 'release' || role.method === null) continue;
    if (isFinishingEnd(role.call, role.method)) continue;
    found = { call: role.call, method: role.method };
  }
  // `const client = new Client(cfg); await client.connect(); … await client.end()`: the call pair on the value is the
  // acquisition (a failed `connect()` holds nothing), so the value itself is not one too.
  if (!found || (taken && taken.range[0] < found.call.range[0])) return null;
  // A record, looked up or made: its `destroy()` deletes a row.
  if ((LOOKUP_VERB.test(name) || RECORD_MAKERS.has(name)) && RECORD_DELETES.has(found.method)) return null;
  const first = found.method;
  const release: ReleaseSpec = {
    methods: [first, ...evidence.methods.filter((method) => method !== first), ...pair],
    ...(byReceiver ? { receiverMethods: pair } : {}),
    awaitRelease: isAwaited(found.call),
  };
  return acquisitionOf(model, call, name, receiver, release);
}

/**
 * The call that takes `identifier` by a call pair of its own (`client.connect()`, `lock.acquire()`), when release
 * evidence makes one of it; else null.
 */
function pairTakingOn(model: ResourceModel, identifier: TSESTree.Identifier): TSESTree.CallExpression | null {
  const { child, parent } = parentThroughWrappers(identifier);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return null;
  const call = parentThroughWrappers(parent);
  if (call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.child) return null;
  const name = calleeName(call.parent);
  if (name === null || receiverReleaseVerbs(name).length === 0) return null;
  return evidenceAt(model, call.parent) ? call.parent : null;
}

function isAwaited(call: TSESTree.CallExpression): boolean {
  return parentThroughWrappers(call).parent?.type === AST_NODE_TYPES.AwaitExpression;
}

/**
 * An `end()` that is not awaited finishes a stream or a request (`req.end()`, `encoder.end()`); a connection's
 * `end()` returns a promise that the code waits for (`await client.end()`).
 */
function isFinishingEnd(call: TSESTree.CallExpression, method: string): boolean {
  return method === 'end' && !isAwaited(call);
}

/** `value.write(…)`, `value.pipe(…)`: the value is a stream or a request being written. */
function isWrittenTo(identifier: TSESTree.Identifier): boolean {
  const { child, parent } = parentThroughWrappers(identifier);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
  const method = propertyName(parent);
  return method !== null && writeMethods.has(method);
}

/**
 * `mongoose.connect(uri)`, `Database.connect()`: connecting a module-level object (an import, a `require`, a
 * module-level `const`) sets up the module's own client, which the program keeps; what this function connects there
 * is not its to hold. A semaphore's verbs on the same object are per call, and stay.
 */
function isModuleBinding(model: ResourceModel, receiver: TSESTree.Expression): boolean {
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(receiver), receiver.name);
  const definition = variable?.defs[0];
  return definition !== undefined && isModuleLevel(definition.name);
}

/**
 * `const client = createClient(); … await client.connect()`: a local made by a call or `new` that the catalog (or the
 * user's settings) knows. Its own lifetime is judged with the catalog's release spec; its call pairs are not a second
 * resource.
 */
function isCatalogValue(model: ResourceModel, receiver: TSESTree.Expression): boolean {
  if (receiver.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(receiver), receiver.name);
  const [definition, ...others] = variable?.defs ?? [];
  if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || others.length > 0) return false;
  const init = definition.node.init;
  return init !== null && resourceAt(init, model) !== null;
}

/** The verbs that release what `name` took on its receiver: a semaphore's, and the in-house pair's. */
function receiverReleaseVerbs(name: string): readonly string[] {
  const verbs = [...(inHousePairs.get(name) ?? [])];
  if (semaphoreAcquireMethods.includes(name)) verbs.push(...semaphoreReleaseMethods);
  return [...new Set(verbs)];
}

function receiverEvidence(
  model: ResourceModel,
  evidence: FileEvidence,
  call: TSESTree.CallExpression,
  name: string,
  receiver: TSESTree.Expression,
  owner: FunctionNode,
): Acquisition | null {
  const verbs = receiverReleaseVerbs(name);
  if (verbs.length === 0) return null;
  const receiverName = lastName(receiver);
  if (receiverName === null || !evidence.releasedNames.has(receiverName)) return null;
  if (INPUT_DEVICES.has(receiverName)) return null;
  if (connectingVerbs.has(name) && isModuleBinding(model, receiver)) return null;
  if (isCatalogValue(model, receiver)) return null;
  const key = model.keyOf(receiver);
  const hits: TSESTree.CallExpression[] = [];
  walk(model.sourceCode.visitorKeys, owner.body, (node) => {
    if (hits.length > 0 || isFunction(node)) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression || node.range[0] < call.range[1]) return;
    const verb = calleeName(node);
    const callee = skipWrappers(node.callee);
    if (verb === null || !verbs.includes(verb) || callee.type !== AST_NODE_TYPES.MemberExpression) return;
    if (model.keyOf(skipWrappers(callee.object)) !== key || isFinishingEnd(node, verb)) return;
    hits.push(node);
  });
  const [release] = hits;
  if (!release) return null;
  const first = calleeName(release) ?? name;
  const releaseSpec: ReleaseSpec = {
    receiverMethods: [...new Set([first, ...verbs])],
    awaitRelease: isAwaited(release),
  };
  return acquisitionOf(model, call, name, receiver, releaseSpec);
}

function acquisitionOf(
  model: ResourceModel,
  call: Creation,
  name: string,
  receiver: TSESTree.Expression | null,
  release: ReleaseSpec,
): Acquisition {
  const resource: ResourceSpec = { id: `evidence:${name}`, kind: 'handle', noun: 'value', release };
  const acquirer: Acquirer = { method: name, source: { type: 'evidence' }, resource };
  const key = model.keyOf(skipWrappers(call.callee));
  const shown = key.length <= MAX_LABEL_CALLEE ? key : `…${name}`;
  const label = call.type === AST_NODE_TYPES.NewExpression ? `new ${shown}()` : `${shown}()`;
  return {
    call,
    acquirer,
    resource,
    receiver,
    receiverKey: receiver ? model.keyOf(receiver) : null,
    label,
  };
}

/**
 * The acquisition release evidence makes of `call` for release-in-finally, or null: only for a call the recogniser
 * does not know at all (`resourceAt`), so that a catalog resource keeps its own release spec and its own rules.
 */
export function evidenceAcquisitionAt(model: ResourceModel, call: Creation): Acquisition | null {
  const acquisition = evidenceAt(model, call);
  return acquisition && resourceAt(call, model) === null ? acquisition : null;
}

/**
 * Whether the file's text could hold release evidence: a release-like call on a name (`client.end(`,
 * `this.lock?.release(`, `fh[Symbol.asyncDispose](`). {@link evidenceAt} finds nothing in a file without one, so the
 * answer is a superset, from one scan of the text.
 */
export function mayHoldEvidence(model: ResourceModel): boolean {
  return fileEvidenceOf(model).releasedNames.size > 0;
}
