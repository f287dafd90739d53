/**
 * release-in-finally: candidates are calls the resource model takes for acquisitions; `analysis/finallyVerdict.ts`
 * judges how they are released, `fix/finallyWraps.ts` writes the `try`/`finally` fixes.
 */
import type { TSESLint } from '@typescript-eslint/utils';

import { lifetimeOf } from '../analysis/cache.js';
import { finallyVerdictOf } from '../analysis/finallyVerdict.js';
import { firstExit } from '../analysis/guarantee.js';
import { nestedFinallyFix, releaseRestFix, wrapBeforeRelease, wrapRestMovingRelease } from '../fix/finallyWraps.js';
import { describeResource, describeRisk } from '../messages.js';
import { resourceModel } from '../resources/match.js';
import { acquisitionAt } from '../resources/recognize.js';
import { createRule } from '../util/createRule.js';

export type Options = [];
export type MessageId =
  | 'gapBeforeTry'
  | 'leaksOnPath'
  | 'neverReleased'
  | 'onlyInCatch'
  | 'somePaths'
  | 'suggestNestedFinally'
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
      neverReleased:
        'The {{resource}} is never released. Release it in a `finally` block that starts right after the acquisition, or use `using` or a callback-scoped API.',
      leaksOnPath:
        'The {{resource}} leaks if {{path}}: its release on line {{releaseLine}} is not in a `finally` block. Start a `try` right after the acquisition and release it in `finally`.',
      onlyInCatch:
        'The {{resource}} is released only in a `catch` block (line {{releaseLine}}), so it leaks when nothing throws. Move the release into a `finally` block.',
      somePaths:
        'The {{resource}} is released on line {{releaseLine}} on some paths only. Release it unconditionally in a `finally` block that starts right after the acquisition.',
      gapBeforeTry:
        'The {{resource}} leaks if {{path}} before the `try` on line {{tryLine}} starts. Start the `try` right after the acquisition.',
      throwsInFinally:
        'The {{resource}} leaks if {{path}} in the `finally` block before the release on line {{releaseLine}}. Release it first, or put that code in a `try` whose `finally` releases it.',
      suggestWrap: 'Wrap the code after the acquisition in `try`/`finally` and release the {{noun}} in `finally`.',
      suggestNestedFinally:
        'Run the code before the release in a nested `try` so that the release runs even if it throws.',
    },
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const model = resourceModel(context);

    /** One suggestion, or none. */
    function suggestion(
      messageId: 'suggestNestedFinally' | 'suggestWrap',
      data: Record<string, string>,
      fix: TSESLint.ReportFixFunction | null,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
      return fix && [{ messageId, data, fix }];
    }

    return {
      CallExpression(node) {
        const acquisition = acquisitionAt(model, node);
        if (!acquisition) return;
        const verdict = finallyVerdictOf(model, acquisition);
        if (verdict.kind === 'safe') return;
        const lifetime = lifetimeOf(model, acquisition);
        const resource = describeResource(lifetime);
        const noun = { noun: acquisition.resource.noun };
        switch (verdict.kind) {
          case 'never': {
            const fix = releaseRestFix(sourceCode, model, lifetime, verdict.place);
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
            const wrap = wrapBeforeRelease(sourceCode, lifetime, verdict);
            if (!wrap) {
              const fix = wrapRestMovingRelease(sourceCode, lifetime, verdict);
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
          case 'throwsInFinally':
            context.report({
              node,
              messageId: 'throwsInFinally',
              data: {
                resource,
                path: describeRisk(verdict.risk),
                releaseLine: String(verdict.release.call.loc.start.line),
              },
              suggest: suggestion('suggestNestedFinally', {}, nestedFinallyFix(sourceCode, verdict)),
            });
            return;
        }
      },
    };
  },
});
