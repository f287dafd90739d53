/**
 * What release-in-finally reports about one acquisition: the guarantee verdict (`exits/guarantee.ts`), less the one
 * acquisition it does not judge. prefer-using asks the same question so that one defect makes one finding.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { Acquisition, ResourceModel } from '../resources/match.js';
import { acquisitionAt } from '../resources/recognize.js';
import { verdictFor } from './cache.js';
import { evidenceAcquisitionAt } from './evidence.js';
import type { Verdict } from './exits/guarantee.js';
import { isAppLifetimeCode } from './owners.js';

const SAFE: Verdict = { kind: 'safe' };

/**
 * The verdict release-in-finally reports: `safe` also for a `getConnection()` on a receiver known only by its name
 * that is never released at all. The receiver may own its connections (kafkajs's `ConnectionPool`), so the missing
 * release is no evidence; a misplaced one still is. Not `connect()` / `acquire()`: a pool's `connect()` that is never
 * released is the classic leak, and no known library names a non-releasing method so.
 *
 * `safe` too for a long-lived client (`new MongoClient(url)`, `new Redis()`, `kafka.producer()`) that app-lifetime
 * code makes (`main()`, `run().catch(…)`, a singleton's constructor): it is meant to live as long as the program.
 */
export function finallyVerdictOf(model: ResourceModel, acquisition: Acquisition): Verdict {
  const verdict = verdictFor(model, acquisition);
  if (verdict.kind === 'safe') return verdict;
  if (verdict.kind === 'never' && isNameOnlyGetConnection(acquisition)) return SAFE;
  if (acquisition.resource.longLived === true && isAppLifetimeCode(acquisition.call, model)) return SAFE;
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
  if (source.type !== AST_NODE_TYPES.CallExpression) return null;
  const acquisition = acquisitionAt(model, source);
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
 */
export function evidenceVerdictOf(model: ResourceModel, acquisition: Acquisition): Verdict {
  const verdict = verdictFor(model, acquisition);
  switch (verdict.kind) {
    case 'never':
    case 'somePaths':
    case 'onlyInCatch':
      return SAFE;
    default:
      return verdict;
  }
}

/** Does release-in-finally report the acquisition `source` makes? */
export function releaseInFinallyReports(
  model: ResourceModel,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  return releaseInFinallyVerdictAt(model, source) === 'reports';
}

function isNameOnlyGetConnection(acquisition: Acquisition): boolean {
  const { source, method } = acquisition.acquirer;
  return source.type === 'name' && source.receiver !== null && method === 'getConnection';
}
