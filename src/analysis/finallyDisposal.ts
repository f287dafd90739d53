/**
 * A hand-written `using`: a Disposable released in the `finally` of a `try` that covers it from its declaration on.
 *
 * ```ts
 * const fh = await open(path);
 * try {
 *   return await fh.read();
 * } finally {
 *   await fh.close();
 * }
 * ```
 *
 * Nothing leaks there; `await using` would only write the same `finally`. prefer-using says so instead of naming a leak.
 * Structural, like release-in-finally's engine (`exits/risks.ts` names what can leave between two statements).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import { statementList } from '../util/ast.js';
import type { DisposableBinding, DisposalSite } from './disposal.js';
import { RiskScanner } from './exits/risks.js';

/**
 * The disposal that releases the binding on every exit: a statement of its own at the top of a `finally` (only
 * releases before it), whose `try` follows the declaration in the same block with nothing between that can leave
 * (a call that may throw, an `await`, a `return`). Null when no disposal does.
 */
export function finallyDisposalOf(model: ResourceModel, binding: DisposableBinding): DisposalSite | null {
  const declaration = binding.declarator.parent;
  const list = statementList(declaration);
  if (!list) return null;
  const scanner = new RiskScanner(model, new Set(binding.disposals.map((site) => site.call)));
  const declarationIndex = list.indexOf(declaration);
  for (const site of binding.disposals) {
    const { statement } = site;
    const finalizer = statement?.parent;
    const tryStatement = finalizer?.parent;
    if (
      !statement ||
      finalizer?.type !== AST_NODE_TYPES.BlockStatement ||
      tryStatement?.type !== AST_NODE_TYPES.TryStatement ||
      tryStatement.finalizer !== finalizer
    )
      continue;
    const tryIndex = list.indexOf(tryStatement);
    if (tryIndex <= declarationIndex) continue;
    const before = finalizer.body.slice(0, finalizer.body.indexOf(statement));
    if (scanner.firstRisk(before, { releaseLikeIsSafe: true }) !== null) continue;
    if (scanner.firstRisk(list.slice(declarationIndex + 1, tryIndex)) !== null) continue;
    return site;
  }
  return null;
}
