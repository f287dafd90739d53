/**
 * Inserting a statement at the start or the end of a block, without dropping or moving a comment, in the block's own
 * layout: a block written over several lines gets a line of its own, indented like its other statements; a block
 * written on one line (`{ a(); }`, `{ /* nothing yet *\/ }`) stays on one line.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { indentOf, indentOfLine, indentUnit } from './tryFinally.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The range of the `{` that opens `body`. */
function openBrace(body: TSESTree.BlockStatement): TSESTree.Range {
  return [body.range[0], body.range[0] + 1];
}

/** The range of the `}` that closes `body`. */
function closeBrace(body: TSESTree.BlockStatement): TSESTree.Range {
  return [body.range[1] - 1, body.range[1]];
}

/** The first token or comment after the `{` of `body` (its `}` when the block is empty). */
function firstInside(sourceCode: SourceCode, body: TSESTree.BlockStatement): TSESTree.Token | null {
  return sourceCode.getFirstToken(body, { includeComments: true, skip: 1 });
}

/** The last token or comment before the `}` of `body` (its `{` when the block is empty). */
function lastInside(sourceCode: SourceCode, body: TSESTree.BlockStatement): TSESTree.Token | null {
  return sourceCode.getLastToken(body, { includeComments: true, skip: 1 });
}

/** The indentation of a statement inside `body`: that of its first statement or comment on a line of its own. */
function innerIndent(sourceCode: SourceCode, body: TSESTree.BlockStatement): string {
  const next = firstInside(sourceCode, body);
  if (next && next.loc.start.line > body.loc.start.line && next.range[0] < body.range[1] - 1) {
    return indentOfLine(sourceCode, next.loc.start.line);
  }
  const first = body.body[0];
  return indentOf(sourceCode, body) + (first ? indentUnit(sourceCode, first) : indentUnit(sourceCode, body));
}

/** Is anything, a statement or a comment, written inside `body`? */
function hasContent(sourceCode: SourceCode, body: TSESTree.BlockStatement): boolean {
  return body.body.length > 0 || sourceCode.getCommentsInside(body).length > 0;
}

/** Inserts `text` as the first statement of `body`. */
export function insertFirstStatement(
  sourceCode: SourceCode,
  fixer: TSESLint.RuleFixer,
  body: TSESTree.BlockStatement,
  text: string,
): TSESLint.RuleFix {
  if (!hasContent(sourceCode, body)) {
    const outer = indentOf(sourceCode, body);
    return fixer.replaceText(body, `{\n${outer}${indentUnit(sourceCode, body)}${text}\n${outer}}`);
  }
  const next = firstInside(sourceCode, body);
  if (next && next.loc.start.line > body.loc.start.line)
    return fixer.insertTextAfterRange(openBrace(body), `\n${innerIndent(sourceCode, body)}${text}`);
  return fixer.insertTextAfterRange(openBrace(body), ` ${text}`);
}

/**
 * Inserts `text` as the last statement of `body`; with `beforeReturn`, before a final `return` (which must stay last).
 */
export function insertLastStatement(
  sourceCode: SourceCode,
  fixer: TSESLint.RuleFixer,
  body: TSESTree.BlockStatement,
  text: string,
  { beforeReturn = false }: { beforeReturn?: boolean } = {},
): TSESLint.RuleFix {
  const last = body.body.at(-1);
  if (beforeReturn && last?.type === AST_NODE_TYPES.ReturnStatement) {
    const separator = last.loc.start.line > body.loc.start.line ? `\n${indentOf(sourceCode, last)}` : ' ';
    return fixer.insertTextBefore(last, `${text}${separator}`);
  }
  if (!hasContent(sourceCode, body)) return insertFirstStatement(sourceCode, fixer, body, text);
  const previous = lastInside(sourceCode, body);
  if (previous && body.loc.end.line > previous.loc.end.line)
    return fixer.insertTextAfter(previous, `\n${innerIndent(sourceCode, body)}${text}`);
  return fixer.insertTextBeforeRange(closeBrace(body), `${text} `);
}
