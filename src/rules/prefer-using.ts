/**
 * prefer-using: candidates are `const`/`let` bindings; `analysis/usingVerdict.ts` finds Disposables never disposed or
 * released by hand, `fix/usingRewrite.ts` writes the `using` rewrite.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { DisposableBinding } from '../analysis/disposal.js';
import { mayReportIn } from '../analysis/prefilter.js';
import { isInSkippedTest, isSkippedTestFile } from '../analysis/testCode.js';
import { usingVerdictOf, type UsingQuery } from '../analysis/usingVerdict.js';
import { canAutofixUsing, canDeclareAt, keywordKind, usingTarget } from '../fix/using.js';
import { declareWithUsingFix, isEquivalent, keywordFor, usingRewrite } from '../fix/usingRewrite.js';
import { disposalLabel } from '../messages.js';
import { resourceModel } from '../resources/match.js';
import { allowOption, type Specifier } from '../resources/specifiers.js';
import { typeServices, type TypeServices } from '../resources/types.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ allow?: Specifier[]; runtimeSupportsUsing?: boolean }];
export type MessageId =
  | 'neverDisposed'
  | 'releasedByHand'
  | 'releasedInFinally'
  | 'releasedOnEveryPath'
  | 'suggestUsing'
  | 'suggestUsingWithoutRelease';

export default createRule<Options, MessageId>({
  name: 'prefer-using',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require `using` / `await using` for Disposables that are released by hand or not at all',
      recommended: 'strict',
      requiresTypeChecking: false,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...allowOption,
          runtimeSupportsUsing: {
            type: 'boolean',
            description:
              'The code runs where `using` is native (Node 24 or later) or a build step lowers it: the exact rewrite is an autofix also in JavaScript, in TypeScript linted without type information, and in TypeScript whose `target` is ESNext. Off: there it is a suggestion.',
          },
        },
      },
    ],
    messages: {
      releasedByHand:
        'The {{resource}} `{{name}}` leaks on paths that skip `{{release}}` (line {{releaseLine}}). Declare it with `{{keyword}}`.',
      releasedInFinally:
        'The {{resource}} `{{name}}` is released by `{{release}}` in `finally`; `{{keyword}}` does this for you.',
      releasedOnEveryPath:
        'The {{resource}} `{{name}}` is released by hand on every path (`{{release}}`); `{{keyword}}` does this for you.',
      neverDisposed: 'The {{resource}} `{{name}}` is never disposed nor handed off. Declare it with `{{keyword}}`.',
      suggestUsing: 'Declare `{{name}}` with `{{keyword}}` and remove the manual release.',
      suggestUsingWithoutRelease: 'Declare `{{name}}` with `{{keyword}}`.',
    },
    defaultOptions: [{ allow: [], runtimeSupportsUsing: false }],
  },
  create(context, [{ allow = [], runtimeSupportsUsing = false }]) {
    if (isSkippedTestFile(context)) return {};
    const sourceCode = context.sourceCode;
    const model = resourceModel(context);
    // Nothing this rule looks for in the file's text: no listeners, so ESLint dispatches nothing to the rule.
    if (!mayReportIn(model, 'prefer-using')) return {};
    let types: TypeServices | null | undefined;
    const query: UsingQuery = {
      context,
      model,
      allow,
      types: () => (types ??= typeServices(context)),
    };

    return {
      VariableDeclarator(node) {
        const verdict = usingVerdictOf(query, node);
        if (verdict.kind === 'none') return;
        if (isInSkippedTest(context, node)) return;
        const { value, binding } = verdict;
        const declaration = binding.declarator.parent;
        const awaitAllowed = canDeclareAt(sourceCode, declaration, 'await using');
        const name = binding.variable.name;
        switch (verdict.kind) {
          case 'neverDisposed': {
            const keyword = keywordFor(value, null, awaitAllowed);
            if (usingTarget(context, query.types(), keywordKind(keyword)) === 'no') return;
            const fix = declareWithUsingFix(sourceCode, binding, keyword);
            context.report({
              node: binding.declarator.id,
              loc: reportLoc(binding),
              messageId: 'neverDisposed',
              data: { resource: value.noun, name, keyword },
              suggest: fix && [{ messageId: 'suggestUsingWithoutRelease', data: { name, keyword }, fix }],
            });
            return;
          }
          case 'releasedByHand': {
            const site = verdict.site;
            const keyword = keywordFor(value, site, awaitAllowed);
            const target = usingTarget(context, query.types(), keywordKind(keyword));
            if (target === 'no') return;
            const rewrite = usingRewrite(sourceCode, binding, keyword);
            // Autofix only where the written `using` is known to run (TypeScript lowers it), or where the user says it does.
            const autofix =
              rewrite !== null &&
              rewrite.exact &&
              canAutofixUsing(target, runtimeSupportsUsing) &&
              binding.closureUses.length === 0 &&
              isEquivalent(value, site, keyword);
            const fix = rewrite?.fix ?? null;
            const data = { resource: value.noun, name, release: disposalLabel(sourceCode, site), keyword };
            // A correct `finally` leaks nothing: say what `using` would do for it, not that it leaks.
            const message =
              verdict.correct === 'finally'
                ? { messageId: 'releasedInFinally' as const, data }
                : verdict.correct === 'everyPath'
                  ? { messageId: 'releasedOnEveryPath' as const, data }
                  : {
                      messageId: 'releasedByHand' as const,
                      data: { ...data, releaseLine: String(site.call.loc.start.line) },
                    };
            context.report({
              node: binding.declarator.id,
              loc: reportLoc(binding),
              ...message,
              fix: autofix ? fix : null,
              suggest: !autofix && fix ? [{ messageId: 'suggestUsing', data: { name, keyword }, fix }] : null,
            });
            return;
          }
        }
      },
    };
  },
});

/** `const fh` in `const fh = await open(p)`: the keyword and the name the rule asks to change. */
function reportLoc(binding: DisposableBinding): TSESTree.SourceLocation {
  const declaration = binding.declarator.parent;
  const id = binding.declarator.id;
  const start = declaration.declarations[0] === binding.declarator ? declaration.loc.start : id.loc.start;
  const end = { line: id.loc.start.line, column: id.loc.start.column + binding.variable.name.length };
  return { start, end };
}
