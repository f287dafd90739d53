/**
 * release-in-finally on release evidence (`analysis/evidence.ts`): a value or a receiver that the function releases
 * itself, whatever made it. The verdict is the catalog's (`exits/guarantee.ts`); the messages name the release as
 * the evidence, and the fixes are suggestions only: the code says it releases the value, not that releasing it on a
 * throwing path is what its author wants.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { lifetimeOf } from '../../analysis/cache.js';
import { firstExit } from '../../analysis/exits/guarantee.js';
import { evidenceVerdictOf } from '../../analysis/finallyVerdict.js';
import type { Lifetime } from '../../analysis/lifetime.js';
import type { Acquisition, ResourceModel } from '../../resources/match.js';
import {
  isOutcomeCall,
  nestedFinallyFix,
  releaseInCatchFix,
  wrapBeforeRelease,
  wrapRestMovingRelease,
} from '../../fix/finallyWraps.js';
import { codeOrFallbackIfLong, describeRisk } from '../../messages.js';
import { calleeName, contains } from '../../util/ast.js';
import type { MessageId } from '../release-in-finally.js';

/** Elements taken out of a collection: `idle.shift()`, `stack.pop()`. */
const TAKEN_FROM_A_COLLECTION: ReadonlySet<string> = new Set(['shift', 'pop']);

export type EvidenceMessageId =
  'evidenceGapBeforeTry' | 'evidenceLeaksBeforeHandOff' | 'evidenceLeaksOnPath' | 'evidenceThrowsInFinally';

type SuggestionId = 'suggestNestedFinally' | 'suggestReleaseInCatch' | 'suggestWrap';

/** How a message names what the function releases: `` `client` ``, `` `this.lock` ``, or the call that took it. */
function subjectOf(lifetime: Lifetime): string {
  const { acquisition } = lifetime;
  if (lifetime.name !== null && lifetime.form !== 'floating') return `\`${lifetime.name}\``;
  return codeOrFallbackIfLong(acquisition.receiverKey ?? acquisition.label, `what \`${acquisition.label}\` took`);
}

/** Reports one evidence acquisition whose release is not guaranteed; nothing when it is. */
export function reportEvidence(
  context: Readonly<TSESLint.RuleContext<MessageId, []>>,
  model: ResourceModel,
  acquisition: Acquisition,
): void {
  const verdict = evidenceVerdictOf(model, acquisition);
  const lifetime = lifetimeOf(model, acquisition);
  const sourceCode = context.sourceCode;
  const node: TSESTree.Node = acquisition.call;
  const name = subjectOf(lifetime);
  const suggest = (
    messageId: SuggestionId,
    fix: TSESLint.ReportFixFunction | null,
  ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null =>
    fix && [{ messageId, data: messageId === 'suggestNestedFinally' ? {} : { noun: name }, fix }];
  switch (verdict.kind) {
    case 'safe':
    case 'never':
    case 'onlyInCatch':
    case 'somePaths':
      return;
    case 'leaksBeforeHandOff': {
      // Released here on one way out (`if (!ok) { conn.close(); return null; }`) and handed on on another: until the
      // hand-off the function owns it, and an exit before it leaks it. Not an element taken out of a collection
      // (`const conn = idle.shift(); if (!live.has(conn)) continue; … return conn;`): which of its elements are still
      // alive is the collection's bookkeeping, which a lint cannot follow.
      const release = lifetime.releases[0];
      if (!release || TAKEN_FROM_A_COLLECTION.has(calleeName(acquisition.call) ?? '')) return;
      context.report({
        node,
        messageId: 'evidenceLeaksBeforeHandOff',
        data: {
          name,
          releaseLine: String(release.call.loc.start.line),
          path: describeRisk(verdict.risk),
          handOffLine: String(verdict.handOff.loc.start.line),
        },
        // As for the catalog's: a `catch` helps only when no jump in the wrapped code skips it. Never for a
        // `commit()`, nor around code that releases the value itself (the `catch` would release it twice).
        suggest:
          firstExit(model, lifetime, verdict.statements) === null &&
          !isOutcomeCall(release.call) &&
          !verdict.statements.some((statement) => lifetime.releases.some((site) => contains(statement, site.call)))
            ? suggest('suggestReleaseInCatch', releaseInCatchFix(sourceCode, model, lifetime, verdict))
            : null,
      });
      return;
    }
    case 'leaksOnPath':
    case 'gapBeforeTry':
    case 'throwsInFinally':
      break;
  }
  const data = { name, releaseLine: String(verdict.release.call.loc.start.line), path: describeRisk(verdict.risk) };
  // `await trx.commit()` also decides the outcome: no suggestion moves it into a `finally`, where it would commit after
  // a failure too.
  const movable = !isOutcomeCall(verdict.release.call);
  switch (verdict.kind) {
    case 'leaksOnPath': {
      const wrap = movable
        ? (wrapBeforeRelease(sourceCode, lifetime, verdict)?.fix ??
          wrapRestMovingRelease(sourceCode, lifetime, verdict))
        : null;
      context.report({ node, messageId: 'evidenceLeaksOnPath', data, suggest: suggest('suggestWrap', wrap) });
      return;
    }
    case 'gapBeforeTry':
      context.report({ node, messageId: 'evidenceGapBeforeTry', data });
      return;
    case 'throwsInFinally':
      context.report({
        node,
        messageId: 'evidenceThrowsInFinally',
        data,
        suggest: suggest('suggestNestedFinally', movable ? nestedFinallyFix(sourceCode, verdict) : null),
      });
      return;
  }
}
