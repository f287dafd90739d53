/**
 * What release-in-finally reports about one acquisition: the guarantee verdict (`exits/guarantee.ts`), less the one
 * acquisition it does not judge. prefer-using asks the same question so that one defect makes one finding.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { Acquisition, ResourceModel } from '../resources/match.js';
import { acquisitionAt } from '../resources/recognize.js';
import { isFunction, methodCalledOn, parentThroughWrappers, skipWrappers } from '../util/ast.js';
import { walk } from '../util/walk.js';
import { lifetimeOf, verdictFor } from './cache.js';
import { evidenceAcquisitionAt } from './evidence.js';
import { callPolicyOf, type Verdict } from './exits/guarantee.js';
import { RiskScanner, type Risk } from './exits/risks.js';
import { isAppLifetimeCode } from './owners.js';

const SAFE: Verdict = { kind: 'safe' };

/**
 * The verdict release-in-finally reports: `safe` also for a `getConnection()` on a receiver known only by its name
 * that is never released at all. The receiver may own its connections (kafkajs's `ConnectionPool`), so the missing
 * release is no evidence; a misplaced one still is. Not `connect()` / `acquire()`: a pool's `connect()` that is never
 * released is the classic leak, and no known library names a non-releasing method so. Nor for a value that may outlive
 * its function by design (`mayOutliveOwner`: a server, a stream, a child process): only a misplaced release counts.
 *
 * `safe` too for a long-lived client (`new MongoClient(url)`, `new Redis()`, `kafka.producer()`) that app-lifetime
 * code makes (`main()`, `run().catch(…)`, a singleton's constructor): it is meant to live as long as the program.
 *
 * Code whose run ends the process (one-shot code, a script) is the rule's to skip (`testCode.ts`
 * `endsWithTheProcess`), not this verdict's: its release is still not guaranteed, and prefer-using says so there.
 */
export function finallyVerdictOf(model: ResourceModel, acquisition: Acquisition): Verdict {
  const verdict = verdictFor(model, acquisition);
  if (verdict.kind === 'safe') return verdict;
  const { mayOutliveOwner, quietOwnCalls, longLived } = acquisition.resource;
  if (verdict.kind === 'never' && (isNameOnlyGetConnection(acquisition) || mayOutliveOwner === true)) return SAFE;
  if (longLived === true && isAppLifetimeCode(acquisition.call, model)) return SAFE;
  if (mayOutliveOwner === true) return withCountedRisk(model, acquisition, verdict, 'asyncOnly');
  if (quietOwnCalls === true) return withCountedRisk(model, acquisition, verdict, 'notOwnCalls');
  return verdict;
}

/**
 * release-in-finally's verdict on the acquisition `source` makes: `reports` (a release missing, on some paths,
 * outside `finally`), `accepts` (released on every exit), or null when `source` is no catalog acquisition.
 */
export function releaseInFinallyVerdictAt(
  model: ResourceModel,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
): 'reports' | 'accepts' | null {
  const acquisition = source.type === AST_NODE_TYPES.CallExpression ? acquisitionAt(model, source) : null;
  if (acquisition === null) {
    // Release evidence: only its reports count (a value it leaves alone may still be released on some paths only).
    const evidence = evidenceAcquisitionAt(model, source);
    return evidence && evidenceVerdictOf(model, evidence).kind !== 'safe' ? 'reports' : null;
  }
  return finallyVerdictOf(model, acquisition).kind === 'safe' ? 'accepts' : 'reports';
}

/**
 * The verdict release-in-finally reports on release evidence (`evidence.ts`): `safe` also for a release on some
 * paths only or in `catch` only (the design of code that may not hold the value, or keeps it on success: on real
 * code such findings were true too rarely), and for no release at all (evidence always has one; a nested one is safe).
 *
 * A value made with `new` holds nothing until its own methods open it: its own call before the `try`
 * (`const db = new Database(p); await db.init(); try { … } finally { await db.close(); }`) is its set-up, and only an
 * `await`, a `throw`, a `yield` or an early exit counts before its release (a synchronous call between `new Y.Doc()`
 * and `doc.destroy()` works on memory, it leaves no connection behind).
 */
export function evidenceVerdictOf(model: ResourceModel, acquisition: Acquisition): Verdict {
  const verdict = verdictFor(model, acquisition);
  switch (verdict.kind) {
    case 'never':
    case 'somePaths':
    case 'onlyInCatch':
      return SAFE;
    default:
      if (acquisition.call.type !== AST_NODE_TYPES.NewExpression) return verdict;
      if (verdict.kind === 'gapBeforeTry' && isOwnCall(verdict.risk.node, lifetimeOf(model, acquisition).name)) {
        return SAFE;
      }
      return withCountedRisk(model, acquisition, verdict, 'asyncOnly');
  }
}

/** `db.init()`, `await client.access(cfg)`: a call of the method of the value named `name`. */
function isOwnCall(node: TSESTree.Node, name: string | null): boolean {
  const value = node.type === AST_NODE_TYPES.AwaitExpression ? skipWrappers(node.argument) : node;
  return name !== null && value.type === AST_NODE_TYPES.CallExpression && methodCalledOn(value, name) !== null;
}

/** Does release-in-finally report the acquisition `source` makes? */
export function releaseInFinallyReports(
  model: ResourceModel,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  return releaseInFinallyVerdictAt(model, source) === 'reports';
}

/**
 * Which risks count for a resource that says so in the catalog:
 * - `asyncOnly` (`mayOutliveOwner`: a stream, socket, server, watcher, child process): an `await` that rejects, a
 *   `throw`, a `yield` or an early exit; a synchronous call is no evidence (they report errors as events, and a helper
 *   called between opening a log stream and ending it does not throw in practice).
 * - `notOwnCalls` (`quietOwnCalls`: a browser): every risk but a call of the value's own methods that is not awaited
 *   (`browser.version()`).
 */
type CountedRisks = 'asyncOnly' | 'notOwnCalls';

/** The verdict with its first risk that counts, or `safe` when no risk before the release counts. */
function withCountedRisk(
  model: ResourceModel,
  acquisition: Acquisition,
  verdict: Verdict,
  counted: CountedRisks,
): Verdict {
  if (verdict.kind !== 'leaksOnPath' && verdict.kind !== 'gapBeforeTry') return verdict;
  const lifetime = lifetimeOf(model, acquisition);
  const { name } = lifetime;
  const ownAwaitsQuiet = acquisition.resource.closesOnOwnError === true && name !== null;
  const counts = (risk: Risk): boolean =>
    counted === 'asyncOnly'
      ? risk.kind !== 'call' && risk.kind !== 'tag' && !(ownAwaitsQuiet && isOwnAwait(model, risk, name))
      : name === null || !isUnawaitedOwnCall(risk.node, name);
  if (counts(verdict.risk)) return verdict;
  if (verdict.kind === 'gapBeforeTry' || verdict.releaseIndex === null) return SAFE;
  // Scan the statements before the release one by one for the first risk that counts.
  const scanner = new RiskScanner(model, new Set(lifetime.releases.map((site) => site.call)), callPolicyOf(lifetime));
  const { list, index } = verdict.place;
  for (const statement of list.slice(index + 1, verdict.releaseIndex)) {
    const risk =
      counted === 'asyncOnly'
        ? (asyncRiskIn(model, statement) ?? scanner.firstExit([statement]))
        : scanner.firstRisk([statement]);
    if (risk && counts(risk)) return { ...verdict, risk };
  }
  return SAFE;
}

/** The first `await`, `for await`, `throw` or `yield` of `statement`, outside nested functions. */
function asyncRiskIn(model: ResourceModel, statement: TSESTree.Node): Risk | null {
  let found: Risk | null = null;
  walk(model.sourceCode.visitorKeys, statement, (node) => {
    if (found || isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression) found = { node, kind: 'await', callee: null };
    else if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) found = { node, kind: 'await', callee: null };
    else if (node.type === AST_NODE_TYPES.ThrowStatement) found = { node, kind: 'throw', callee: null };
    else if (node.type === AST_NODE_TYPES.YieldExpression) found = { node, kind: 'yield', callee: null };
    return undefined;
  });
  return found;
}

/** An `await` whose operand names the value: `await once(ws, 'open')`, `await new Promise((r) => ws.once('message', r))`. */
function isOwnAwait(model: ResourceModel, risk: Risk, name: string): boolean {
  if (risk.kind !== 'await') return false;
  const awaited = risk.node.type === AST_NODE_TYPES.AwaitExpression ? risk.node.argument : risk.node;
  let found = false;
  walk(model.sourceCode.visitorKeys, awaited, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === name) found = true;
    return undefined;
  });
  return found;
}

/** `browser.version()`, not awaited: a call of the value's own method. */
function isUnawaitedOwnCall(node: TSESTree.Node, name: string): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  return parentThroughWrappers(node).parent?.type !== AST_NODE_TYPES.AwaitExpression && isOwnCall(node, name);
}

function isNameOnlyGetConnection(acquisition: Acquisition): boolean {
  const { source, method } = acquisition.acquirer;
  return source.type === 'name' && source.receiver !== null && method === 'getConnection';
}
