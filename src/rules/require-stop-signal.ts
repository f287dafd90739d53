import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { heldWithoutFinally } from '../analysis/loopResources.js';
import { stoppableLoopOf, type LoopFacts, type LoopNode } from '../analysis/loops.js';
import { mayReportIn } from '../analysis/prefilter.js';
import { stopVerdictOf, type StopAction } from '../analysis/stops.js';
import { isInSkippedTest, isSkippedTestFile } from '../analysis/testCode.js';
import type { ClassNode } from '../analysis/teardown.js';
import { workerVerdictOf } from '../analysis/workers.js';
import { releaseAroundLoop } from '../fix/loopFinally.js';
import { addStopMethod, addToTeardown, stopActionText } from '../fix/stops.js';
import { describeResource, functionLabel, methodLabel } from '../messages.js';
import { resourceModel } from '../resources/match.js';
import { isWorkerConstruction } from '../resources/owned.js';
import { createRule } from '../util/createRule.js';

export type Options = [];
export type MessageId =
  | 'endlessLoop'
  | 'endlessIterator'
  | 'flagNeverSet'
  | 'noStopMethod'
  | 'stopMissesLoop'
  | 'workerNotKept'
  | 'workerPerCall'
  | 'heldWithoutFinally'
  | 'suggestAbortInTeardown'
  | 'suggestSetFlagInTeardown'
  | 'suggestStopMethod'
  | 'suggestWrapLoop';

export default createRule<Options, MessageId>({
  name: 'require-stop-signal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require long-running loops, and the classes that start them or a `Worker`, to have a way to stop',
      recommended: 'strict',
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      endlessLoop:
        'This `{{loop}}` loop never ends: nothing exits it or checks a signal. Check `signal.aborted` in each iteration.',
      flagNeverSet: 'This loop runs until `{{flag}}` changes, but nothing sets `{{flag}}`. Set it in a stop method.',
      endlessIterator:
        'This `for await` over the endless `{{iterable}}` never ends. Pass `{ signal }` to `{{iterable}}`.',
      noStopMethod: '`{{className}}` starts this loop in `{{method}}()` and has no stop method. Add one that {{how}}.',
      stopMissesLoop: 'The loop that `{{method}}()` starts outlives `{{className}}`: `{{teardown}}()` never {{how}}.',
      workerNotKept:
        '`{{className}}` starts a `Worker` in `{{method}}()` and drops it. Keep it in a field and `terminate()` it on stop.',
      workerPerCall:
        '{{fn}} starts a `Worker` on every call and never terminates it. `terminate()` it when its work is done, or hand it to the caller.',
      heldWithoutFinally:
        'The {{resource}} leaks if the loop on line {{line}} throws. Release it in `finally` around the loop.',
      suggestAbortInTeardown: 'Call `{{controller}}.abort()` in `{{teardown}}()`.',
      suggestSetFlagInTeardown: 'Set `{{flag}} = {{value}}` in `{{teardown}}()`.',
      suggestStopMethod: 'Add a `stop()` method that {{how}}.',
      suggestWrapLoop: 'Wrap the loop in `try` and release the {{noun}} in `finally`.',
    },
  },
  create(context) {
    if (isSkippedTestFile(context)) return {};
    const model = resourceModel(context);
    // Nothing this rule looks for in the file's text: no listeners, so ESLint dispatches nothing to the rule.
    if (!mayReportIn(model, 'require-stop-signal')) return {};
    const { sourceCode } = context;
    const reportedHolds = new WeakSet<TSESTree.CallExpression | TSESTree.NewExpression>();

    const checkStop = (loop: LoopNode, facts: LoopFacts): void => {
      const verdict = stopVerdictOf(facts, model);
      const loc = headLoc(sourceCode, loop);
      switch (verdict.kind) {
        case 'stoppable':
          return;
        case 'endlessIterator':
          context.report({ loc, messageId: 'endlessIterator', data: { iterable: verdict.label } });
          return;
        case 'flagNeverSet':
          context.report({ loc, messageId: 'flagNeverSet', data: { flag: verdict.flag.key } });
          return;
        case 'endless':
          context.report({ loc, messageId: 'endlessLoop', data: { loop: verdict.label } });
          return;
        case 'noStopMethod': {
          const text = stopActionText(verdict.action);
          const fix = text === null ? null : addStopMethod(sourceCode, verdict.classNode, text);
          const how = describeAction(verdict.action);
          context.report({
            loc,
            messageId: 'noStopMethod',
            data: { className: className(verdict.classNode), method: methodLabel(verdict.method), how },
            suggest: fix ? [{ messageId: 'suggestStopMethod', data: { how }, fix }] : null,
          });
          return;
        }
        case 'stopMissesLoop': {
          const { action, editable } = verdict;
          const text = stopActionText(action);
          const fix = editable && text !== null ? addToTeardown(sourceCode, editable.body, text) : null;
          context.report({
            loc,
            messageId: 'stopMissesLoop',
            data: {
              teardown: methodLabel(verdict.teardown),
              method: methodLabel(verdict.method),
              how: describeAction(action),
              className: className(verdict.classNode),
            },
            suggest: editable && fix ? [teardownSuggestion(action, methodLabel(editable.method), fix)] : null,
          });
        }
      }
    };

    const onLoop = (loop: LoopNode): void => {
      const facts = stoppableLoopOf(loop, model);
      if (!facts) return;
      if (isInSkippedTest(context, loop)) return;
      checkStop(loop, facts);
      for (const { lifetime, owner } of heldWithoutFinally(facts, model)) {
        const { call } = lifetime.acquisition;
        if (reportedHolds.has(call)) continue;
        reportedHolds.add(call);
        const fix = releaseAroundLoop(model, lifetime, loop, owner);
        context.report({
          node: call,
          messageId: 'heldWithoutFinally',
          data: { resource: describeResource(lifetime), line: String(loop.loc.start.line) },
          suggest: fix
            ? [{ messageId: 'suggestWrapLoop', data: { noun: lifetime.acquisition.resource.noun }, fix }]
            : null,
        });
      }
    };
    return {
      WhileStatement: onLoop,
      DoWhileStatement: onLoop,
      ForStatement: onLoop,
      'ForOfStatement[await=true]': onLoop,
      NewExpression(node) {
        if (!isWorkerConstruction(model, node)) return;
        if (isInSkippedTest(context, node)) return;
        const verdict = workerVerdictOf(node, model);
        if (verdict.kind === 'kept') return;
        if (verdict.kind === 'perCall') {
          const fn = functionLabel(verdict.fn);
          context.report({ node, messageId: 'workerPerCall', data: { fn: fn.charAt(0).toUpperCase() + fn.slice(1) } });
          return;
        }
        context.report({
          node,
          messageId: 'workerNotKept',
          data: { className: className(verdict.classNode), method: methodLabel(verdict.method) },
        });
      },
    };
  },
});

function describeAction(action: StopAction): string {
  if (action.type === 'abort') return `calls \`${action.key}.abort()\``;
  return action.flag.stopValue === null
    ? `changes \`${action.flag.key}\``
    : `sets \`${action.flag.key} = ${String(action.flag.stopValue)}\``;
}

function teardownSuggestion(
  action: StopAction,
  teardown: string,
  fix: TSESLint.ReportFixFunction,
): TSESLint.SuggestionReportDescriptor<MessageId> {
  if (action.type === 'abort')
    return { messageId: 'suggestAbortInTeardown', data: { controller: action.key, teardown }, fix };
  const data = { flag: action.flag.key, value: String(action.flag.stopValue), teardown };
  return { messageId: 'suggestSetFlagInTeardown', data, fix };
}

function className(classNode: ClassNode): string {
  return classNode.id?.name ?? 'this class';
}

/** The loop's head: `while (…)`, `for (…)`, `for await (…)`, or the `do` keyword. */
function headLoc(sourceCode: Readonly<TSESLint.SourceCode>, loop: LoopNode): TSESTree.SourceLocation {
  const first = sourceCode.getFirstToken(loop);
  const close = sourceCode.getTokenBefore(loop.body);
  if (!first || !close) return loop.loc;
  return loop.type === AST_NODE_TYPES.DoWhileStatement ? first.loc : { start: first.loc.start, end: close.loc.end };
}
