import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { lifetimeOf, verdictFor } from '../analysis/cache.js';
import { firstExit, type Risk, type Verdict } from '../analysis/guarantee.js';
import type { Lifetime } from '../analysis/lifetime.js';
import { releaseText } from '../fix/releaseText.js';
import { hidesDeclarations, wrapInTryFinally } from '../fix/tryFinally.js';
import { resourceModel, type Acquisition, type ResourceModel } from '../resources/match.js';
import { calleeName } from '../util/ast.js';
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

    return {
      CallExpression(node) {
        if (!model.isCandidateName(calleeName(node))) return;
        const acquisition = model.acquisitionOf(node);
        if (!acquisition) return;
        const verdict = verdictFor(model, acquisition);
        if (verdict.kind === 'safe') return;
        // `getConnection()` on a receiver known only by its name, never released at all: the receiver may own its
        // connections (kafkajs's `ConnectionPool`), so the missing release is no evidence. A misplaced one still is.
        if (verdict.kind === 'never' && isNameOnlyGetConnection(acquisition)) return;
        const lifetime = lifetimeOf(model, acquisition);
        report(context, sourceCode, model, lifetime, verdict);
      },
    };
  },
});

/**
 * `getConnection()` matched only because of its receiver's name (`this.connectionPool.getConnection()` on an object
 * from nowhere the model knows). Not `connect()` / `acquire()`: a pool's `connect()` that is never released is the
 * classic leak, and no known library names a non-releasing method so.
 */
function isNameOnlyGetConnection(acquisition: Acquisition): boolean {
  const { source, method } = acquisition.acquirer;
  return source.type === 'name' && source.receiver !== null && method === 'getConnection';
}

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;
type SourceCode = Readonly<TSESLint.SourceCode>;

function report(
  context: Context,
  sourceCode: SourceCode,
  model: ResourceModel,
  lifetime: Lifetime,
  verdict: Exclude<Verdict, { kind: 'safe' }>,
): void {
  const node = lifetime.acquisition.call;
  const resource = describeResource(lifetime);
  const noun = lifetime.acquisition.resource.noun;
  switch (verdict.kind) {
    case 'never': {
      const rest = verdict.place.list.slice(verdict.place.index + 1);
      const release = releaseText(model, lifetime);
      const canWrap = release !== null && rest.length > 0 && !hidesDeclarations(sourceCode, rest);
      context.report({
        node,
        messageId: 'neverReleased',
        data: { resource },
        suggest: canWrap
          ? [
              {
                messageId: 'suggestWrap',
                data: { noun },
                fix: (fixer) => {
                  const edit = wrapInTryFinally(sourceCode, rest, release, rest.at(-1)!.range[1]);
                  return fixer.replaceTextRange(edit.range, edit.text);
                },
              },
            ]
          : null,
      });
      return;
    }
    case 'leaksOnPath': {
      const releaseLine = String(verdict.release.call.loc.start.line);
      const data = { resource, path: describeRisk(verdict.risk), releaseLine };
      const { list, index } = verdict.place;
      const releaseIndex = verdict.releaseIndex;
      const between = releaseIndex === null ? [] : list.slice(index + 1, releaseIndex);
      const wrappable =
        releaseIndex !== null &&
        lifetime.releases.length === 1 &&
        between.length > 0 &&
        !hidesDeclarations(sourceCode, between);
      if (!wrappable) {
        context.report({
          node,
          messageId: 'leaksOnPath',
          data,
          suggest: wrapRestSuggestion(sourceCode, lifetime, verdict.place, releaseIndex),
        });
        return;
      }
      const releaseStatement = list[releaseIndex]!;
      const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix => {
        const edit = wrapInTryFinally(
          sourceCode,
          between,
          sourceCode.getText(releaseStatement),
          releaseStatement.range[1],
        );
        return fixer.replaceTextRange(edit.range, edit.text);
      };
      // Wrapping changes nothing on the paths that reach the release; an early exit would start releasing.
      if (firstExit(model, lifetime, between) === null) {
        context.report({ node, messageId: 'leaksOnPath', data, fix });
      } else {
        context.report({
          node,
          messageId: 'leaksOnPath',
          data,
          suggest: [{ messageId: 'suggestWrap', data: { noun }, fix }],
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
        data: { resource, path: describeRisk(verdict.risk), tryLine: String(verdict.tryStatement.loc.start.line) },
      });
      return;
    case 'throwsInFinally': {
      const statements = verdict.finalizer.body;
      const before = statements.slice(0, statements.indexOf(verdict.releaseStatement));
      const releaseStatement = verdict.releaseStatement;
      const canNest = before.length > 0 && !hidesDeclarations(sourceCode, before);
      context.report({
        node,
        messageId: 'throwsInFinally',
        data: { resource, path: describeRisk(verdict.risk), releaseLine: String(verdict.release.call.loc.start.line) },
        suggest: canNest
          ? [
              {
                messageId: 'suggestNestedFinally',
                fix: (fixer) => {
                  const edit = wrapInTryFinally(
                    sourceCode,
                    before,
                    sourceCode.getText(releaseStatement),
                    releaseStatement.range[1],
                  );
                  return fixer.replaceTextRange(edit.range, edit.text);
                },
              },
            ]
          : null,
      });
      return;
    }
  }
}

/**
 * When a name declared before the release is used after it (`const rows = await c.query(q); c.release(); return rows;`),
 * wrapping only the statements before the release would hide the name: offer to wrap the rest of the block instead,
 * the old release moved into `finally`. A suggestion only: the code after the release now runs before it.
 */
function wrapRestSuggestion(
  sourceCode: SourceCode,
  lifetime: Lifetime,
  place: { list: readonly TSESTree.Node[]; index: number },
  releaseIndex: number | null,
): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
  if (releaseIndex === null || lifetime.releases.length !== 1) return null;
  const rest = place.list.slice(place.index + 1);
  const releaseStatement = place.list[releaseIndex]!;
  if (rest.length < 2 || hidesDeclarations(sourceCode, rest)) return null;
  return [
    {
      messageId: 'suggestWrap',
      data: { noun: lifetime.acquisition.resource.noun },
      fix: (fixer) => {
        const edit = wrapInTryFinally(
          sourceCode,
          rest,
          sourceCode.getText(releaseStatement),
          rest.at(-1)!.range[1],
          releaseStatement,
        );
        return fixer.replaceTextRange(edit.range, edit.text);
      },
    },
  ];
}

/** `client \`client\` from \`pool.connect()\`` / `lock from \`sema.acquire()\``. */
export function describeResource(lifetime: Lifetime): string {
  const { noun } = lifetime.acquisition.resource;
  const from = `\`${lifetime.acquisition.label}\``;
  return lifetime.name === null || lifetime.form === 'floating'
    ? `${noun} from ${from}`
    : `${noun} \`${lifetime.name}\` from ${from}`;
}

/** `the \`await\` on line 12 throws`, `\`db.query()\` on line 12 throws`, `the \`return\` on line 9 runs`. */
export function describeRisk(risk: Risk): string {
  const line = risk.node.loc.start.line;
  switch (risk.kind) {
    case 'call':
      return `\`${risk.callee ?? 'a call'}()\` on line ${line} throws`;
    case 'tag':
      return `the tagged template \`${risk.callee ?? 'a tag'}\` on line ${line} throws`;
    case 'await':
      return `the \`await\` on line ${line} rejects`;
    case 'yield':
      return `the generator is closed at the \`yield\` on line ${line}`;
    case 'throw':
    case 'return':
    case 'break':
    case 'continue':
      return `the \`${risk.kind}\` on line ${line} runs`;
  }
}
