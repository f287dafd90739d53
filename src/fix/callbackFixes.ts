/**
 * The edits release-in-finally offers for a resource delivered to a callback (`analysis/callbackResources.ts`): a
 * promise callback's statements into `try`, its release into `finally`; an error-first callback's release written on
 * the path that skips it.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { CallbackResource, PathExit } from '../analysis/callbackResources.js';
import type { ResourceModel } from '../resources/match.js';
import { isFunction } from '../util/ast.js';
import { releaseText } from './releaseText.js';
import { hidesDeclarations, indentOf, wrapInTryFinally } from './tryFinally.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Promise callback: the statements before the release (`release` given) or the whole body (a new release) into
 * `try`, the release into `finally`. Null for a concise body or statements that declare names used after them.
 */
export function callbackWrapFix(
  sourceCode: SourceCode,
  model: ResourceModel,
  resource: CallbackResource,
  release: TSESTree.CallExpression | null,
): TSESLint.ReportFixFunction | null {
  const body = resource.callback.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const list = body.body;
  if (release === null) {
    const text = releaseText(model, resource.lifetime);
    const last = list.at(-1);
    if (text === null || !last || hidesDeclarations(sourceCode, list)) return null;
    return edit(sourceCode, list, text, last.range[1]);
  }
  const index = list.findIndex(
    (statement) =>
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.range[1] >= release.range[1] &&
      statement.range[0] <= release.range[0],
  );
  const statement = list[index];
  const before = list.slice(0, index);
  if (!statement || before.length === 0 || hidesDeclarations(sourceCode, before)) return null;
  return edit(sourceCode, before, sourceCode.getText(statement), statement.range[1]);
}

function edit(
  sourceCode: SourceCode,
  statements: readonly TSESTree.Node[],
  finallyText: string,
  end: number,
): TSESLint.ReportFixFunction {
  return (fixer) => {
    const wrap = wrapInTryFinally(sourceCode, statements, finallyText, end);
    return fixer.replaceTextRange(wrap.range, wrap.text);
  };
}

/**
 * Error-first callback: the release written before the `return`/`throw` that skips it (in braces when that exit is a
 * branch of its own). Only when every release of the resource comes after that exit in the source: no path to the exit
 * can have released it already. Null for a callback that ends without releasing (a branch before may have released).
 */
export function releaseOnPathFix(
  sourceCode: SourceCode,
  model: ResourceModel,
  resource: CallbackResource,
  exit: PathExit,
): TSESLint.ReportFixFunction | null {
  const node = exit.node;
  if (isFunction(node) || [...resource.releases].some((call) => call.range[0] < node.range[1])) return null;
  const text = releaseText(model, { ...resource.lifetime, owner: exit.callback });
  if (text === null) return null;
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.SwitchCase) {
    const separator = node.loc.start.line > parent.loc.start.line ? `\n${indentOf(sourceCode, node)}` : ' ';
    return (fixer) => fixer.insertTextBefore(node, `${text}${separator}`);
  }
  if (parent.type === AST_NODE_TYPES.IfStatement) {
    return (fixer) => [fixer.insertTextBefore(node, `{ ${text} `), fixer.insertTextAfter(node, ' }')];
  }
  return null;
}
