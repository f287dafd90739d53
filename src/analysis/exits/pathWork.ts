/**
 * How much path work a file does: the prefilter hook that decides which functions get their code paths recorded
 * ({@link mayAcquireIn}: one token pass per file, then a binary search per function), and the per-file counters a
 * count-based regression test reads ({@link pathStats}). Code without resources does no path work.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../../resources/match.js';
import { timerAliases, timerStartNames } from '../../resources/timers.js';
import { acquisitionOffsets, anyOffsetWithin, nameOffsets } from '../prefilter.js';

/** The key under which the offsets of timer starts are cached per file (see `nameOffsets`). */
const TIMER_NAMES = {};

/**
 * Whether the text of `node` names a call that acquires a resource of the catalog or of `settings.cleanup`
 * (`connect`, `acquire`, `'open'`), or with `timers` a timer start (`setInterval`, a module-level alias of it): the
 * cheap test that decides whether a function's code path is recorded. One pass over the tokens per file, then a binary
 * search.
 */
export function mayAcquireIn(
  model: ResourceModel,
  node: TSESTree.Node,
  options: { readonly timers?: boolean } = {},
): boolean {
  if (anyOffsetWithin(acquisitionOffsets(model, model.acquirers), node)) return true;
  if (!options.timers) return false;
  return anyOffsetWithin(
    nameOffsets(model.sourceCode, TIMER_NAMES, () => [...timerStartNames, ...timerAliases(model)]),
    node,
  );
}

/**
 * Whether {@link mayAcquireIn} can say yes for some function of the file: the file names an acquiring call somewhere
 * (with `timers`, or a timer start). When it cannot, no function's code path is recorded, and a rule that judges only
 * recorded functions needs no listener at all.
 */
export function mayAcquireInFile(model: ResourceModel, options: { readonly timers?: boolean } = {}): boolean {
  if (acquisitionOffsets(model, model.acquirers).length > 0) return true;
  if (!options.timers) return false;
  return nameOffsets(model.sourceCode, TIMER_NAMES, () => [...timerStartNames, ...timerAliases(model)]).length > 0;
}

/** How much path work a file caused; read by the count-based regression test. */
export interface PathStats {
  /** Functions whose code path was recorded (their text names an acquiring call). */
  recordedFunctions: number;
  /** Data-flow problems solved (one per resource binding of a function that acquires). */
  solvedProblems: number;
}

const statsByFile = new WeakMap<TSESTree.Program, PathStats>();

/** The path-work counters of one linted file (keyed on its AST, so nothing outlives the file). */
export function pathStats(ast: TSESTree.Program): PathStats {
  let stats = statsByFile.get(ast);
  if (!stats) {
    stats = { recordedFunctions: 0, solvedProblems: 0 };
    statsByFile.set(ast, stats);
  }
  return stats;
}
