/**
 * What release-in-finally reports about one acquisition: the guarantee verdict (`exits/guarantee.ts`), less the one
 * acquisition it does not judge. prefer-using asks the same question so that one defect makes one finding.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { Acquisition, ResourceModel } from '../resources/match.js';
import { acquisitionAt } from '../resources/recognize.js';
import { skipWrappers } from '../util/ast.js';
import { lifetimeOf, verdictFor } from './cache.js';
import type { Verdict } from './exits/guarantee.js';
import { RiskScanner } from './exits/risks.js';

const SAFE: Verdict = { kind: 'safe' };

/**
 * The verdict release-in-finally reports: `safe` also for a `getConnection()` on a receiver known only by its name
 * that is never released at all. The receiver may own its connections (kafkajs's `ConnectionPool`), so the missing
 * release is no evidence; a misplaced one still is. Not `connect()` / `acquire()`: a pool's `connect()` that is never
 * released is the classic leak, and no known library names a non-releasing method so. Nor for a value that may outlive
 * its function by design (`mayOutliveOwner`: a server, a stream, a child process): only a misplaced release counts.
 */
export function finallyVerdictOf(model: ResourceModel, acquisition: Acquisition): Verdict {
  const verdict = verdictFor(model, acquisition);
  if (
    verdict.kind === 'never' &&
    (isNameOnlyGetConnection(acquisition) || acquisition.resource.mayOutliveOwner === true)
  )
    return SAFE;
  return acquisition.resource.mayOutliveOwner === true ? withoutOwnMethodRisks(model, acquisition, verdict) : verdict;
}

/**
 * release-in-finally's verdict on the acquisition `source` makes: `reports` (a release missing, on some paths,
 * outside `finally`), `accepts` (released on every exit), or null when `source` is no catalog acquisition.
 */
export function releaseInFinallyVerdictAt(
  model: ResourceModel,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
): 'reports' | 'accepts' | null {
  if (source.type !== AST_NODE_TYPES.CallExpression) return null;
  const acquisition = acquisitionAt(model, source);
  if (acquisition === null) return null;
  return finallyVerdictOf(model, acquisition).kind === 'safe' ? 'accepts' : 'reports';
}

/** Does release-in-finally report the acquisition `source` makes? */
export function releaseInFinallyReports(
  model: ResourceModel,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  return releaseInFinallyVerdictAt(model, source) === 'reports';
}

/**
 * A stream, socket or server reports its errors as events, not by throwing: a call of its own methods (`out.write()`,
 * `server.listen()`, `socket.on()`) is no risk. The verdict with the first risk that is something else, or `safe`.
 */
function withoutOwnMethodRisks(model: ResourceModel, acquisition: Acquisition, verdict: Verdict): Verdict {
  if (verdict.kind !== 'leaksOnPath' && verdict.kind !== 'gapBeforeTry') return verdict;
  const lifetime = lifetimeOf(model, acquisition);
  const name = lifetime.name;
  if (name === null || !isOwnMethodCall(verdict.risk.node, name)) return verdict;
  if (verdict.kind === 'gapBeforeTry' || verdict.releaseIndex === null) return SAFE;
  // Scan the statements before the release one by one, passing over those whose first risk is an own method.
  const scanner = new RiskScanner(model, new Set(lifetime.releases.map((site) => site.call)));
  const { list, index } = verdict.place;
  for (const statement of list.slice(index + 1, verdict.releaseIndex)) {
    const risk = scanner.firstRisk([statement]);
    if (risk && !isOwnMethodCall(risk.node, name)) return { ...verdict, risk };
  }
  return SAFE;
}

function isOwnMethodCall(node: TSESTree.Node, name: string): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipWrappers(callee.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === name;
}

function isNameOnlyGetConnection(acquisition: Acquisition): boolean {
  const { source, method } = acquisition.acquirer;
  return source.type === 'name' && source.receiver !== null && method === 'getConnection';
}
