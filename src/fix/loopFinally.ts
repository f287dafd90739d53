/**
 * Releasing what a long-running loop holds in a `finally` around the loop: at the end of a `finally` that already
 * surrounds the loop, or in a new `try`/`finally` from the statement after the acquisition through the loop.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { Lifetime } from '../analysis/lifetime.js';
import type { LoopNode } from '../analysis/loops.js';
import type { ResourceModel } from '../resources/match.js';
import { contains, skipWrappers, statementList, type FunctionNode } from '../util/ast.js';
import { releaseText } from './releaseText.js';
import { insertLastStatement } from './statements.js';
import { hidesDeclarations, wrapInTryFinally } from './tryFinally.js';

/**
 * Where the release can go: the end of a `finally` that already surrounds the loop (and starts after the
 * acquisition), or a new `try`/`finally` from the statement after the acquisition through the loop, the release
 * right after the loop moved into it. Null when neither can be written safely.
 */
export function releaseAroundLoop(
  model: ResourceModel,
  lifetime: Lifetime,
  loop: LoopNode,
  fn: FunctionNode,
): TSESLint.ReportFixFunction | null {
  const { anchor, releases } = lifetime;
  const release = releaseText(model, lifetime);
  if (!anchor || release === null || releases.length > 1) return null;
  const sourceCode = model.sourceCode;
  const [site] = releases;
  const surrounding = finallyAround(loop, fn);
  if (surrounding && !site && !contains(surrounding.statement, anchor)) {
    const { finalizer } = surrounding;
    return (fixer) => insertLastStatement(sourceCode, fixer, finalizer, release);
  }
  const list = statementList(anchor);
  const loopStatement = list?.find((statement) => contains(statement, loop));
  if (!list || !loopStatement) return null;
  const loopIndex = list.indexOf(loopStatement);
  const statements = list.slice(list.indexOf(anchor) + 1, loopIndex + 1);
  if (hidesDeclarations(sourceCode, statements)) return null;
  if (!site) {
    return (fixer) => {
      const edit = wrapInTryFinally(sourceCode, statements, release, loopStatement.range[1]);
      return fixer.replaceTextRange(edit.range, edit.text);
    };
  }
  // `while (…) { … } client.release();`: move that release into the `finally`.
  const next = list[loopIndex + 1];
  if (next?.type !== AST_NODE_TYPES.ExpressionStatement || !isWholeStatement(next, site.call)) return null;
  return (fixer) => {
    const edit = wrapInTryFinally(sourceCode, statements, sourceCode.getText(next), next.range[1]);
    return fixer.replaceTextRange(edit.range, edit.text);
  };
}

/** The innermost `try` with a `finally` (in `fn`) whose block holds the loop. */
function finallyAround(
  loop: LoopNode,
  fn: FunctionNode,
): { statement: TSESTree.TryStatement; finalizer: TSESTree.BlockStatement } | null {
  for (
    let child: TSESTree.Node = loop, parent: TSESTree.Node | undefined = loop.parent;
    parent && parent !== fn;
    child = parent, parent = parent.parent
  ) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.finalizer)
      return { statement: parent, finalizer: parent.finalizer };
  }
  return null;
}

/** `client.release();`, `await fh.close();`: the statement is the release call and nothing else. */
function isWholeStatement(statement: TSESTree.ExpressionStatement, call: TSESTree.CallExpression): boolean {
  let expression = skipWrappers(statement.expression);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = skipWrappers(expression.argument);
  return expression === call;
}
