/**
 * no-floating-resource: candidates are expression statements and member calls on an acquisition;
 * `analysis/floating.ts` decides what is dropped, `fix/bind.ts` writes the suggestions.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { floatingStatementVerdict, inlineUseVerdict, type FloatingQuery } from '../analysis/floating.js';
import type { Lifetime } from '../analysis/lifetime.js';
import { mayReportIn } from '../analysis/prefilter.js';
import { isInSkippedTest, isSkippedTestFile } from '../analysis/testCode.js';
import {
  bareRelease,
  bindAcquisitionFix,
  bindInFinallyFix,
  releaseRestInFinallyFix,
  usingFix,
  usingKeywordFor,
} from '../fix/bind.js';
import { releaseText } from '../fix/releaseText.js';
import { freeName } from '../fix/using.js';
import type { DisposableValue } from '../resources/disposables.js';
import { resourceModel } from '../resources/match.js';
import { allowOption, type Specifier } from '../resources/specifiers.js';
import { typeServices, type TypeServices } from '../resources/types.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ allow?: Specifier[] }];
export type MessageId =
  | 'discarded'
  | 'discardedDisposable'
  | 'discardedInterval'
  | 'neverReleased'
  | 'suggestFinally'
  | 'suggestReleaseInFinally'
  | 'suggestUsing'
  | 'usedInline';

type Suggestions = TSESLint.SuggestionReportDescriptor<MessageId>[] | null;

export default createRule<Options, MessageId>({
  name: 'no-floating-resource',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow acquiring a resource and discarding it, so that nothing can ever release it',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { ...allowOption },
      },
    ],
    messages: {
      discarded: 'The {{resource}} is discarded. Bind it and release it in `finally`, or prefix `void`.',
      neverReleased: 'The {{resource}} is never released. Call `{{release}}` in a `finally` around the rest.',
      discardedDisposable:
        'The {{resource}} is discarded and never disposed. Bind it with `{{keyword}}`, or prefix `void`.',
      discardedInterval: 'The id of the interval from `{{label}}` is discarded. Keep it for `clearInterval()`.',
      usedInline: 'The {{resource}} is used once and never released. Bind it and release it in `finally`.',
      suggestUsing: 'Bind it with `{{keyword}} {{name}}`.',
      suggestFinally: 'Bind it to `{{name}}` and release it in a `finally` around the rest.',
      suggestReleaseInFinally: 'Call `{{release}}` in a `finally` around the rest of the block.',
    },
    defaultOptions: [{ allow: [] }],
  },
  create(context, [{ allow = [] }]) {
    if (isSkippedTestFile(context)) return {};
    const model = resourceModel(context);
    // Nothing this rule looks for in the file's text: no listeners, so ESLint dispatches nothing to the rule.
    if (!mayReportIn(model, 'no-floating-resource')) return {};
    const sourceCode = context.sourceCode;
    let types: TypeServices | null | undefined;
    const query: FloatingQuery = { context, model, allow, types: () => (types ??= typeServices(context)) };

    /** `using _h = <expression>;` in place of the statement. */
    function usingSuggestion(
      statement: TSESTree.ExpressionStatement,
      value: DisposableValue,
      awaited: boolean,
    ): Suggestions {
      const using = usingFix(context, query.types(), statement, value, awaited);
      return (
        using && [{ messageId: 'suggestUsing', data: { keyword: using.keyword, name: using.name }, fix: using.fix }]
      );
    }

    /** `const name = <acquisition>; try { …rest } finally { <release> }`, when the statement's value is the resource. */
    function bindSuggestion(
      statement: TSESTree.ExpressionStatement,
      lifetime: Lifetime,
      returnsResource: boolean,
    ): Suggestions {
      const bound = returnsResource ? bindAcquisitionFix(model, statement, lifetime) : null;
      return bound && [{ messageId: 'suggestFinally', data: { name: bound.name }, fix: bound.fix }];
    }

    /** The statement stays and the rest of the block goes into `try { … } finally { <release> }`. */
    function releaseRestSuggestion(statement: TSESTree.ExpressionStatement, release: string): Suggestions {
      const fix = releaseRestInFinallyFix(sourceCode, statement, release);
      return fix && [{ messageId: 'suggestReleaseInFinally', data: { release: bareRelease(release) }, fix }];
    }

    function checkStatement(statement: TSESTree.ExpressionStatement): void {
      const verdict = floatingStatementVerdict(query, statement);
      if (verdict.type !== 'none' && isInSkippedTest(context, statement)) return;
      switch (verdict.type) {
        case 'discardedInterval': {
          const name = freeName(sourceCode, statement, 'interval');
          const fix = bindInFinallyFix(sourceCode, statement, name, `clearInterval(${name});`);
          context.report({
            node: verdict.call,
            messageId: 'discardedInterval',
            data: { label: verdict.label },
            suggest: fix && [{ messageId: 'suggestFinally', data: { name }, fix }],
          });
          return;
        }
        case 'neverReleased': {
          const release = releaseText(model, { ...verdict.lifetime, name: null });
          context.report({
            node: verdict.lifetime.acquisition.call,
            messageId: 'neverReleased',
            data: {
              resource: verdict.resource,
              release: release === null ? verdict.fallbackRelease : bareRelease(release),
            },
            suggest: verdict.holdsValue
              ? bindSuggestion(statement, verdict.lifetime, verdict.returnsResource)
              : release === null
                ? null
                : releaseRestSuggestion(statement, release),
          });
          return;
        }
        case 'discarded':
          context.report({
            node: verdict.lifetime.acquisition.call,
            messageId: 'discarded',
            data: { resource: verdict.resource },
            suggest:
              (verdict.disposable && usingSuggestion(statement, verdict.disposable, verdict.awaited)) ??
              bindSuggestion(statement, verdict.lifetime, verdict.returnsResource),
          });
          return;
        case 'discardedDisposable':
          context.report({
            node: verdict.value.source,
            messageId: 'discardedDisposable',
            data: { resource: verdict.resource, keyword: usingKeywordFor(sourceCode, statement, verdict.value) },
            suggest: usingSuggestion(statement, verdict.value, verdict.awaited),
          });
          return;
        case 'none':
        case 'usedInline':
          return;
      }
    }

    return {
      ExpressionStatement: checkStatement,
      // On the call, not as `CallExpression > MemberExpression.callee`: ESLint would test that selector on every
      // member expression.
      CallExpression(call) {
        const node = call.callee;
        if (node.type !== AST_NODE_TYPES.MemberExpression) return;
        const verdict = inlineUseVerdict(query, node);
        if (verdict.type !== 'usedInline') return;
        if (isInSkippedTest(context, node)) return;
        context.report({ node: verdict.call, messageId: 'usedInline', data: { resource: verdict.resource } });
      },
    };
  },
});
