/**
 * release-in-finally on release evidence (`analysis/evidence.ts`): a value or a receiver that the function releases
 * itself, whatever made it. The verdict is the catalog's (`exits/guarantee.ts`); the messages name the release as
 * the evidence, and the fixes are suggestions only: the code says it releases the value, not that releasing it on a
 * throwing path is what its author wants.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { lifetimeOf } from '../../analysis/cache.js';
import { evidenceVerdictOf } from '../../analysis/finallyVerdict.js';
import type { Lifetime } from '../../analysis/lifetime.js';
import type { Acquisition, ResourceModel } from '../../resources/match.js';
import { nestedFinallyFix, wrapBeforeRelease, wrapRestMovingRelease } from '../../fix/finallyWraps.js';
import { codeOrFallbackIfLong, describeRisk } from '../../messages.js';
import type { MessageId } from '../release-in-finally.js';

export type EvidenceMessageId = 'evidenceGapBeforeTry' | 'evidenceLeaksOnPath' | 'evidenceThrowsInFinally';

type SuggestionId = 'suggestNestedFinally' | 'suggestWrap';

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
    fix && [{ messageId, data: messageId === 'suggestWrap' ? { noun: name } : {}, fix }];
  switch (verdict.kind) {
    case 'safe':
    case 'never':
    case 'onlyInCatch':
    case 'somePaths':
    // A value the function hands on: evidence has no catalog entry to say whether the new owner releases it.
    case 'leaksBeforeHandOff':
      return;
    case 'leaksOnPath':
    case 'gapBeforeTry':
    case 'throwsInFinally':
      break;
  }
  const data = { name, releaseLine: String(verdict.release.call.loc.start.line), path: describeRisk(verdict.risk) };
  switch (verdict.kind) {
    case 'leaksOnPath': {
      const wrap =
        wrapBeforeRelease(sourceCode, lifetime, verdict)?.fix ?? wrapRestMovingRelease(sourceCode, lifetime, verdict);
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
        suggest: suggest('suggestNestedFinally', nestedFinallyFix(sourceCode, verdict)),
      });
      return;
  }
}
