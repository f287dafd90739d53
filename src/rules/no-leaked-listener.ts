import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';

import { listenerVerdictOf, type ListenerPolicy } from '../analysis/listeners.js';
import { isConstructorOwner, runsOncePerInstance, type ShortLivedOwner } from '../analysis/owners.js';
import { mayReportIn } from '../analysis/prefilter.js';
import { isInSkippedTest, isSkippedTestFile } from '../analysis/testCode.js';
import type { ClassMethod } from '../analysis/teardown.js';
import { codeOrFallbackIfLong, functionLabel, textOrFallbackIfLong } from '../messages.js';
import { isListenerAdditionName, type ListenerAddition } from '../resources/listeners.js';
import { resourceModel } from '../resources/match.js';
import { calleeName, memberName } from '../util/ast.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ injected?: boolean; perCall?: boolean }];
export type MessageId =
  'inlineHandler' | 'neverRemoved' | 'teardownMissesRemoval' | 'signalListener' | 'lostRace' | 'perCall';

export default createRule<Options, MessageId>({
  name: 'no-leaked-listener',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow event listeners that a method, effect or handler adds to a longer-lived target without a way to remove them',
      recommended: 'strict',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          injected: {
            type: 'boolean',
            description:
              "Also report listeners a class adds to an object it was handed (a parameter, or a field set from one). Off by default: such an object most often shares the instance's life (a stream given to its parser, a pool given to its subscriber).",
          },
          perCall: {
            type: 'boolean',
            description:
              'Also report listeners that a plain function or an object-literal method adds to a long-lived target (`window`, `document`, a module-level emitter) and nothing removes. Off by default: on the first repository sweep 3 of 46 such findings were true, since most such functions run once (the initialisation of an app, the setup of a page).',
          },
        },
      },
    ],
    messages: {
      neverRemoved:
        'The `{{type}}` listener `{{handler}}` that {{owner}} adds to {{target}} piles up with each {{unit}}. Remove it in {{teardown}}.',
      teardownMissesRemoval:
        'The `{{type}}` listener `{{handler}}` that {{owner}} adds to {{target}} is removed by `{{method}}()`, not by {{teardown}}.',
      inlineHandler:
        'The inline `{{type}}` listener that {{owner}} adds to {{target}} piles up with each {{unit}}. Pass `{ signal }`; abort it in {{teardown}}.',
      signalListener:
        "The {{listener}} that {{fn}} adds to the caller's signal {{target}} stays until an abort that may never come. Remove it in a `finally`.",
      lostRace:
        'The `once` {{listener}} that {{fn}} adds to {{target}} stays behind each time `{{winner}}` fires first. Remove it then.',
      perCall:
        'The {{listener}} that {{fn}} adds to {{target}} piles up with each call. Remove it when its work is done, or return a remover.',
    },
    defaultOptions: [{ injected: false, perCall: false }],
  },
  create(context, [options]) {
    if (isSkippedTestFile(context)) return {};
    const model = resourceModel(context);
    // Nothing this rule looks for in the file's text: no listeners, so ESLint dispatches nothing to the rule.
    if (!mayReportIn(model, 'no-leaked-listener')) return {};
    // Owners, effect hooks and teardown methods are the same for every rule (`owners.ts`, `settings.cleanup`).
    const policy: ListenerPolicy = { injected: options.injected ?? false };

    return {
      CallExpression(node) {
        if (!isListenerAdditionName(calleeName(node))) return;
        if (isInSkippedTest(context, node)) return;
        const verdict = listenerVerdictOf(node, model, policy);
        if (verdict.kind === 'kept') return;
        const type = eventTypeText(verdict.addition, context.sourceCode);
        const target = codeOrFallbackIfLong(verdict.addition.targetKey, 'its target');
        if (verdict.kind === 'perCallLeak') {
          const { addition, leak } = verdict;
          if (leak.kind === 'perCall' && options.perCall !== true) return;
          const listener =
            addition.handlerKey === null
              ? `inline \`${type}\` listener`
              : `\`${type}\` listener \`${handlerLabel(addition.handlerKey)}\``;
          const fn = functionLabel(leak.fn);
          const winner = leak.kind === 'lostRace' ? eventTypeText(leak.winner, context.sourceCode) : '';
          context.report({ node, messageId: leak.kind, data: { listener, target, fn, winner } });
          return;
        }
        const { owner, unit, teardown } = ownerWords(verdict.owner, verdict.teardown);
        switch (verdict.kind) {
          case 'unnamedHandler':
            context.report({ node, messageId: 'inlineHandler', data: { type, target, owner, unit, teardown } });
            return;
          case 'neverRemoved': {
            const handler = handlerLabel(verdict.handlerKey);
            context.report({
              node,
              messageId: 'neverRemoved',
              data: { type, handler, target, owner, unit, teardown },
            });
            return;
          }
          case 'removedOutsideTeardown': {
            const handler = handlerLabel(verdict.handlerKey);
            const method = verdict.method;
            context.report({
              node,
              messageId: 'teardownMissesRemoval',
              data: { type, handler, target, owner, teardown, method },
            });
            return;
          }
        }
      },
    };
  },
});

/** The handler as the message quotes it (in backticks of its own): `onResize`, or `…` when too long to quote. */
function handlerLabel(handlerKey: string): string {
  return textOrFallbackIfLong(handlerKey, '…');
}

/** The event type as the message shows it: the literal's value (`resize`), else the expression's text (`EVENTS.close`). */
function eventTypeText(addition: ListenerAddition, sourceCode: Readonly<TSESLint.SourceCode>): string {
  return addition.type.type === AST_NODE_TYPES.Literal || addition.type.type === AST_NODE_TYPES.TemplateLiteral
    ? addition.typeKey
    : sourceCode.getText(addition.type);
}

/** Who adds the listener, how often (`unit`), and where it should be removed (`teardown`), in words. */
function ownerWords(
  owner: ShortLivedOwner,
  teardown: ClassMethod | null,
): { owner: string; unit: string; teardown: string } {
  switch (owner.kind) {
    case 'instance': {
      // The constructor (and `componentDidMount()`) runs once per instance; another method runs per call.
      const isConstructor = isConstructorOwner(owner);
      return {
        owner: isConstructor ? 'the constructor' : `\`${memberName(owner.member) ?? 'method'}()\``,
        unit: runsOncePerInstance(owner.member) ? 'instance' : 'call',
        teardown: teardown
          ? `\`${teardown.name ?? 'teardown'}()\``
          : 'a teardown method such as `close()` or `[Symbol.dispose]()`',
      };
    }
    case 'effect':
      return { owner: `this \`${owner.hook}\``, unit: 'effect run', teardown: 'the cleanup the effect returns' };
    case 'handler':
      return { owner: 'this handler', unit: 'call of the handler', teardown: 'the handler once its work is done' };
  }
}
