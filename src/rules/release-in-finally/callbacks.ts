/**
 * release-in-finally for a resource delivered to a callback: `acquire().then((release) => …)` and
 * `pool.getConnection((err, conn) => …)`. The judgement is `analysis/callbackResources.ts`'s; the edits are
 * `fix/callbackFixes.ts`'s.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { isInScriptRun, isInSkippedTest } from '../../analysis/testCode.js';
import { callbackResourceAt, callbackVerdictOf, type PathExit } from '../../analysis/callbackResources.js';
import { callbackWrapFix, releaseOnPathFix } from '../../fix/callbackFixes.js';
import { describeResource, describeRisk } from '../../messages.js';
import type { ResourceModel } from '../../resources/match.js';
import { isFunction } from '../../util/ast.js';
import type { MessageId } from '../release-in-finally.js';

type Context = Readonly<TSESLint.RuleContext<MessageId, []>>;

/**
 * Reports the resource `node` delivers to a callback when a path through the callback does not release it. Returns
 * whether `node` delivers one (then the caller has nothing else to judge).
 */
export function reportDeliveredResource(
  context: Context,
  model: ResourceModel,
  node: TSESTree.CallExpression,
): boolean {
  const resource = callbackResourceAt(model, node);
  if (!resource) return false;
  if (isInSkippedTest(context, node) || isInScriptRun(context, model, node)) return true;
  const verdict = callbackVerdictOf(model, resource);
  const sourceCode = context.sourceCode;
  // An error-first acquisition spans its whole callback: the report names the call.
  const at = resource.style === 'error-first' ? node.callee : node;
  const name = describeResource(resource.lifetime);
  const noun = { noun: resource.acquisition.resource.noun };
  const wrap = (fix: TSESLint.ReportFixFunction | null): TSESLint.SuggestionReportDescriptor<MessageId>[] | null =>
    fix && [{ messageId: 'suggestWrap', data: noun, fix }];
  switch (verdict.kind) {
    case 'safe':
      break;
    case 'never':
      context.report({
        node: at,
        messageId: 'neverReleased',
        data: { resource: name },
        suggest: wrap(callbackWrapFix(sourceCode, model, resource, null)),
      });
      break;
    case 'leaksOnPath':
      context.report({
        node: at,
        messageId: 'leaksOnPath',
        data: {
          resource: name,
          path: describeRisk(verdict.risk),
          releaseLine: String(verdict.release.loc.start.line),
        },
        suggest: wrap(callbackWrapFix(sourceCode, model, resource, verdict.release)),
      });
      break;
    case 'somePaths':
      context.report({
        node: at,
        messageId: 'somePaths',
        data: { resource: name, releaseLine: String(verdict.release.loc.start.line) },
      });
      break;
    case 'pathWithoutRelease': {
      const fix = releaseOnPathFix(sourceCode, model, resource, verdict.exit);
      context.report({
        node: at,
        messageId: 'callbackPath',
        data: { resource: name, path: describeExit(verdict.exit) },
        suggest: fix && [{ messageId: 'suggestRelease', data: noun, fix }],
      });
      break;
    }
  }
  return true;
}

/** `the \`return\` on line 7 runs`, `the callback on line 6 ends`. */
function describeExit(exit: PathExit): string {
  const node = exit.node;
  if (isFunction(node)) return `the callback on line ${node.loc.start.line} ends`;
  const kind = node.type === AST_NODE_TYPES.ReturnStatement ? 'return' : 'throw';
  return `the \`${kind}\` on line ${node.loc.start.line} runs`;
}
