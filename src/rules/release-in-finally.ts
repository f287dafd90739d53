/**
 * release-in-finally: candidates are calls the resource model takes for acquisitions; `analysis/finallyVerdict.ts`
 * judges how they are released, `fix/finallyWraps.ts` writes the `try`/`finally` fixes.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { lifetimeOf } from '../analysis/cache.js';
import { evidenceAcquisitionAt } from '../analysis/evidence.js';
import { endsWithTheProcess, isInScriptRun, isInSkippedTest, isSkippedTestFile } from '../analysis/testCode.js';
import { finallyVerdictOf } from '../analysis/finallyVerdict.js';
import { firstExit } from '../analysis/exits/guarantee.js';
import { mayReportIn } from '../analysis/prefilter.js';
import {
  isOutcomeCall,
  nestedFinallyFix,
  releaseInCatchFix,
  releaseRestFix,
  wrapBeforeRelease,
  wrapRestMovingRelease,
} from '../fix/finallyWraps.js';
import { describeResource, describeRisk } from '../messages.js';
import { resourceModel } from '../resources/match.js';
import { acquisitionAt } from '../resources/recognize.js';
import { outcomeMethodNames } from '../resources/vocabulary.js';
import { createRule } from '../util/createRule.js';
import { reportDeliveredResource } from './release-in-finally/callbacks.js';
import { reportEvidence, type EvidenceMessageId } from './release-in-finally/evidence.js';

export type Options = [];
export type MessageId =
  | EvidenceMessageId
  | 'callbackPath'
  | 'gapBeforeTry'
  | 'leaksBeforeHandOff'
  | 'leaksOnPath'
  | 'neverReleased'
  | 'onlyInCatch'
  | 'somePaths'
  | 'suggestNestedFinally'
  | 'suggestRelease'
  | 'suggestReleaseInCatch'
  | 'suggestWrap'
  | 'throwsInFinally';

export default createRule<Options, MessageId>({
  name: 'release-in-finally',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every acquired lock, pooled client and file descriptor to be released in a `finally` block',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      neverReleased: 'The {{resource}} is never released. Release it in a `finally` right after the acquisition.',
      leaksOnPath: 'The {{resource}} leaks if {{path}}: release it in `finally`, not on line {{releaseLine}}.',
      onlyInCatch: 'The {{resource}} leaks on success: only `catch` releases it (line {{releaseLine}}). Use `finally`.',
      somePaths: 'The {{resource}} is released on some paths only (line {{releaseLine}}). Release it in `finally`.',
      gapBeforeTry:
        'The {{resource}} leaks if {{path}} before the `try` on line {{tryLine}}. Start the `try` right after acquiring it.',
      throwsInFinally:
        'The {{resource}} leaks if {{path}} in `finally` before its release on line {{releaseLine}}. Release it first.',
      evidenceLeaksOnPath:
        '{{name}} is released on line {{releaseLine}}, but not when {{path}}. Release it in `finally`.',
      evidenceGapBeforeTry:
        '{{name}} is released on line {{releaseLine}}, but not when {{path}}: start the `try` before that.',
      evidenceLeaksBeforeHandOff:
        '{{name}} is released on line {{releaseLine}}, not when {{path}} before its hand-off on line {{handOffLine}}. Release it in a `catch`.',
      evidenceThrowsInFinally:
        '{{name}} is released on line {{releaseLine}}, but not when {{path}} in `finally` before it. Release it first.',
      callbackPath: 'The {{resource}} leaks when {{path}} without releasing it. Release it on every path.',
      suggestWrap: 'Wrap the rest in `try` and release the {{noun}} in `finally`.',
      suggestRelease: 'Release the {{noun}} on this path.',
      leaksBeforeHandOff:
        'The {{resource}} leaks if {{path}} before its hand-off on line {{handOffLine}}. Release it in a `catch` that rethrows.',
      suggestReleaseInCatch: 'Release the {{noun}} in a `catch` that rethrows.',
      suggestNestedFinally: 'Run the code before the release in a nested `try`.',
    },
  },
  create(context) {
    if (isSkippedTestFile(context)) return {};
    const sourceCode = context.sourceCode;
    const model = resourceModel(context);
    // Nothing this rule looks for in the file's text: no listeners, so ESLint dispatches nothing to the rule.
    if (!mayReportIn(model, 'release-in-finally')) return {};

    /** One suggestion, or none. */
    function suggestion(
      messageId: 'suggestNestedFinally' | 'suggestReleaseInCatch' | 'suggestWrap',
      data: Record<string, string>,
      fix: TSESLint.ReportFixFunction | null,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
      return fix && [{ messageId, data, fix }];
    }

    /** An acquiring call, or the `new` of a per-call client (`new MongoClient(url)`). */
    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      // A resource a call delivers to its callback (`getConnection((err, conn) => …)`, `acquire().then(…)`).
      if (node.type === AST_NODE_TYPES.CallExpression && reportDeliveredResource(context, model, node)) return;
      const acquisition = acquisitionAt(model, node);
      if (!acquisition) {
        // Release evidence: the function releases what this call or `new` made (`analysis/evidence.ts`).
        const evidence = evidenceAcquisitionAt(model, node);
        if (evidence && !isInSkippedTest(context, node) && !isInScriptRun(context, model, node)) {
          reportEvidence(context, model, evidence);
        }
        return;
      }
      if (isInSkippedTest(context, node) || endsWithTheProcess(context, model, node)) return;
      const verdict = finallyVerdictOf(model, acquisition);
      if (verdict.kind === 'safe') return;
      const lifetime = lifetimeOf(model, acquisition);
      // A transaction commits or rolls back by outcome (`byOutcome`, `await t.commit()`): no `finally` can end it for
      // both, so no fix moves or writes its release.
      const { release } = acquisition.resource;
      const fixable = release.byOutcome !== true && !outcomeMethodNames.has(release.methods?.[0] ?? '');
      const resource = describeResource(lifetime);
      const noun = { noun: acquisition.resource.noun };
      switch (verdict.kind) {
        case 'never': {
          // A conditional acquisition (`this.runner ?? create()`) must not release what it did not create.
          const fix =
            fixable && !lifetime.alternative ? releaseRestFix(sourceCode, model, lifetime, verdict.place) : null;
          context.report({
            node,
            messageId: 'neverReleased',
            data: { resource },
            suggest: suggestion('suggestWrap', noun, fix),
          });
          return;
        }
        case 'leaksOnPath': {
          const releaseLine = String(verdict.release.call.loc.start.line);
          const data = { resource, path: describeRisk(verdict.risk), releaseLine };
          const movable = fixable && !isOutcomeCall(verdict.release.call);
          const wrap = movable ? wrapBeforeRelease(sourceCode, lifetime, verdict) : null;
          if (!wrap) {
            const fix = movable ? wrapRestMovingRelease(sourceCode, lifetime, verdict) : null;
            context.report({ node, messageId: 'leaksOnPath', data, suggest: suggestion('suggestWrap', noun, fix) });
          } else if (firstExit(model, lifetime, wrap.statements) === null) {
            // Wrapping changes nothing on the paths that reach the release; an early exit would start releasing.
            context.report({ node, messageId: 'leaksOnPath', data, fix: wrap.fix });
          } else {
            context.report({
              node,
              messageId: 'leaksOnPath',
              data,
              suggest: suggestion('suggestWrap', noun, wrap.fix),
            });
          }
          return;
        }
        case 'onlyInCatch':
        case 'somePaths':
          context.report({
            node,
            messageId: verdict.kind,
            data: { resource, releaseLine: String(verdict.release.call.loc.start.line) },
          });
          return;
        case 'gapBeforeTry':
          context.report({
            node,
            messageId: 'gapBeforeTry',
            data: {
              resource,
              path: describeRisk(verdict.risk),
              tryLine: String(verdict.tryStatement.loc.start.line),
            },
          });
          return;
        case 'leaksBeforeHandOff':
          context.report({
            node,
            messageId: 'leaksBeforeHandOff',
            data: {
              resource,
              path: describeRisk(verdict.risk),
              handOffLine: String(verdict.handOff.loc.start.line),
            },
            // A `catch` only helps when nothing in the wrapped code leaves by a jump (`if (!ok) return null;`).
            suggest:
              fixable && firstExit(model, lifetime, verdict.statements) === null
                ? suggestion('suggestReleaseInCatch', noun, releaseInCatchFix(sourceCode, model, lifetime, verdict))
                : null,
          });
          return;
        case 'throwsInFinally':
          context.report({
            node,
            messageId: 'throwsInFinally',
            data: {
              resource,
              path: describeRisk(verdict.risk),
              releaseLine: String(verdict.release.call.loc.start.line),
            },
            suggest: suggestion('suggestNestedFinally', {}, fixable ? nestedFinallyFix(sourceCode, verdict) : null),
          });
          return;
      }
    }

    return { CallExpression: check, NewExpression: check };
  },
});
