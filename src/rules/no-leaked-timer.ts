import type { TSESLint } from '@typescript-eslint/utils';

import { mayReportIn } from '../analysis/prefilter.js';
import { timerVerdictOf, type TimerFix, type TimerVerdict } from '../analysis/timers.js';
import { isInSkippedTest, isSkippedTestFile } from '../analysis/testCode.js';
import { clearTimerFix } from '../fix/clearTimer.js';
import { describeRisk, functionLabel, methodLabel } from '../messages.js';
import { resourceModel } from '../resources/match.js';
import { timerAt } from '../resources/recognize.js';
import type { TimerKind } from '../resources/timers.js';
import { createRule } from '../util/createRule.js';
import { checkTimeoutsOption } from '../util/schema.js';

export type Options = [{ checkTimeouts?: boolean; checkRestarts?: boolean }];
export type MessageId =
  | 'effectNotCleared'
  | 'effectNotStored'
  | 'fieldNeverCleared'
  | 'leaksOnPath'
  | 'neverCleared'
  | 'overwritten'
  | 'somePaths'
  | 'suggestClearFirst'
  | 'suggestClearInCleanup'
  | 'suggestClearInTeardown'
  | 'suggestReturnCleanup'
  | 'teardownMissesClear';

export default createRule<Options, MessageId>({
  name: 'no-leaked-timer',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow intervals (and, optionally, timeouts) that their owning function, class or effect never clears',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...checkTimeoutsOption,
          checkRestarts: {
            type: 'boolean',
            description:
              'Also report a method that starts an interval into a field without clearing what the field holds: calling the method twice would lose the running interval. Off by default: on the repository sweeps such methods ran once per instance (a `connect()` path, a restart after a clear). A framework hook that runs again by itself (`ngOnChanges`, `componentDidUpdate`) is reported without it.',
          },
        },
      },
    ],
    messages: {
      neverCleared: 'The {{timer}} in `{{id}}` is never cleared and outlives {{owner}}. Call `{{clear}}({{id}})`.',
      leaksOnPath:
        'The {{timer}} in `{{id}}` keeps running if {{path}} before `{{clear}}()` on line {{line}}. Use `finally`.',
      somePaths: 'The {{timer}} in `{{id}}` outlives {{owner}} on paths that skip line {{line}}. Use `finally`.',
      fieldNeverCleared:
        '`{{className}}` never clears the {{timer}} in `{{id}}`. Call `{{clear}}({{id}})` in {{teardown}}.',
      teardownMissesClear:
        'The {{timer}} in `{{id}}` is cleared in `{{method}}()`, not in {{teardown}}. Clear it there too.',
      overwritten: 'Calling `{{method}}()` twice overwrites `{{id}}` and loses a running {{timer}}. Clear it first.',
      effectNotStored:
        'The {{timer}} this `{{hook}}` starts runs after unmount. Return a cleanup that calls `{{clear}}()`.',
      effectNotCleared:
        'The {{timer}} in `{{id}}` runs after unmount. Call `{{clear}}({{id}})` in the `{{hook}}` cleanup.',
      suggestClearInTeardown: 'Clear `{{id}}` in `{{teardown}}()`.',
      suggestClearInCleanup: 'Clear `{{id}}` in the effect cleanup.',
      suggestReturnCleanup: 'Return a cleanup that clears `{{id}}`.',
      suggestClearFirst: 'Clear `{{id}}` before starting the new {{timer}}.',
    },
    defaultOptions: [{ checkTimeouts: false, checkRestarts: false }],
  },
  create(context, [options]) {
    if (isSkippedTestFile(context)) return {};
    const model = resourceModel(context);
    // Nothing this rule looks for in the file's text: no listeners, so ESLint dispatches nothing to the rule.
    if (!mayReportIn(model, 'no-leaked-timer', options)) return {};
    const kinds: ReadonlySet<TimerKind> = new Set<TimerKind>(
      options.checkTimeouts === true ? ['interval', 'timeout'] : ['interval'],
    );

    return {
      CallExpression(node) {
        const start = timerAt(model, node, kinds);
        if (start && isInSkippedTest(context, node)) return;
        // A `timers/promises` timer has no id to clear (`clearName` null): it stops through its `signal`.
        if (!start || start.clearName === null || !kinds.has(start.kind)) return;
        const verdict = timerVerdictOf(start, model);
        if (!verdict || (isOwnersRestart(verdict, start.kind) && options.checkRestarts !== true)) return;
        const { clearName: clear, kind: timer } = start;
        const { messageId, data } = describe(verdict);
        const suggest =
          'fix' in verdict && verdict.fix
            ? [suggestion(context.sourceCode, verdict.fix, { clear, timer, id: verdict.id })]
            : null;
        context.report({ node, messageId, data: { timer, clear, ...data }, suggest });
      },
    };
  },
});

/**
 * An interval overwritten by a method its owner may call twice: judged only with `checkRestarts`. A hook the
 * framework reruns is always judged, and so is a timeout (`checkTimeouts` asks for debounces).
 */
function isOwnersRestart(verdict: TimerVerdict, kind: TimerKind): boolean {
  return verdict.kind === 'overwritten' && !verdict.repeats && kind === 'interval';
}

interface Report {
  readonly messageId: MessageId;
  readonly data: Readonly<Record<string, string>>;
}

/** The message for a verdict and its placeholders (`timer` and `clear` are the rule's). */
function describe(verdict: TimerVerdict): Report {
  switch (verdict.kind) {
    case 'neverCleared':
      return { messageId: 'neverCleared', data: { id: verdict.id, owner: functionLabel(verdict.owner) } };
    case 'somePaths':
      return {
        messageId: 'somePaths',
        data: { id: verdict.id, owner: functionLabel(verdict.owner), line: String(verdict.release.loc.start.line) },
      };
    case 'leaksOnPath':
      return {
        messageId: 'leaksOnPath',
        data: { id: verdict.id, path: describeRisk(verdict.risk), line: String(verdict.release.loc.start.line) },
      };
    case 'fieldNeverCleared':
      return {
        messageId: 'fieldNeverCleared',
        data: {
          id: verdict.id,
          className: verdict.classNode.id?.name ?? 'this class',
          teardown: verdict.teardown
            ? `\`${methodLabel(verdict.teardown)}()\``
            : 'a teardown method such as `stop()` or `[Symbol.dispose]()`',
        },
      };
    case 'teardownMissesClear':
      return {
        messageId: 'teardownMissesClear',
        data: {
          id: verdict.id,
          method: verdict.clearer ? methodLabel(verdict.clearer) : 'another method',
          teardown: `\`${methodLabel(verdict.teardown)}()\``,
        },
      };
    case 'overwritten':
      return { messageId: 'overwritten', data: { id: verdict.id, method: methodLabel(verdict.method) } };
    case 'effectNotStored':
      return { messageId: 'effectNotStored', data: { hook: verdict.hook } };
    case 'effectNotCleared':
      return { messageId: 'effectNotCleared', data: { hook: verdict.hook, id: verdict.id } };
  }
}

function suggestion(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fix: TimerFix,
  { clear, timer, id }: { clear: string; timer: string; id: string },
): TSESLint.SuggestionReportDescriptor<MessageId> {
  const apply = clearTimerFix(sourceCode, fix, clear, id);
  switch (fix.kind) {
    case 'clearFirst':
      return { messageId: 'suggestClearFirst', data: { id, timer }, fix: apply };
    case 'clearInTeardown':
      return { messageId: 'suggestClearInTeardown', data: { id, teardown: methodLabel(fix.teardown) }, fix: apply };
    case 'clearInCleanup':
      return { messageId: 'suggestClearInCleanup', data: { id }, fix: apply };
    case 'returnCleanup':
      return { messageId: 'suggestReturnCleanup', data: { id }, fix: apply };
  }
}
