import { AST_NODE_TYPES, AST_TOKEN_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The whitespace (tabs and spaces) that starts line `line` (1-based). */
export function indentOfLine(sourceCode: SourceCode, line: number): string {
  const text = sourceCode.lines[line - 1] ?? '';
  return text.slice(0, text.length - text.replace(/^[\t ]+/u, '').length);
}

/** The whitespace that starts the line `node` starts on. */
export function indentOf(sourceCode: SourceCode, node: TSESTree.Node): string {
  return indentOfLine(sourceCode, node.loc.start.line);
}

/** One level of indentation as this file writes it, judged from a statement and the block around it. */
export function indentUnit(sourceCode: SourceCode, statement: TSESTree.Node): string {
  const inner = indentOf(sourceCode, statement);
  if (inner.startsWith('\t')) return '\t';
  const parent = statement.parent;
  const outer = parent ? indentOf(sourceCode, parent) : '';
  const extra = inner.length - outer.length;
  return extra > 0 && inner.startsWith(outer) ? inner.slice(outer.length) : '  ';
}

/** Statements that may only stand at the top level of a module or namespace, never in a block. */
const TOP_LEVEL_ONLY = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.ExportAllDeclaration,
  AST_NODE_TYPES.ExportDefaultDeclaration,
  AST_NODE_TYPES.ExportNamedDeclaration,
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.TSExportAssignment,
  AST_NODE_TYPES.TSImportEqualsDeclaration,
  AST_NODE_TYPES.TSModuleDeclaration,
  AST_NODE_TYPES.TSDeclareFunction,
  AST_NODE_TYPES.TSNamespaceExportDeclaration,
]);

/**
 * Statements that cannot move into a block: a declaration used outside `statements` (wrapping would hide the name),
 * a `using` declaration (wrapping would move the disposal), an `import`/`export` or other top-level-only statement
 * (wrapping would not parse), or an ambient `declare`.
 */
export function hidesDeclarations(sourceCode: SourceCode, statements: readonly TSESTree.Node[]): boolean {
  const first = statements[0];
  const last = statements.at(-1);
  if (!first || !last) return false;
  const [start, end] = [first.range[0], last.range[1]];
  return statements.some((statement) => {
    if (TOP_LEVEL_ONLY.has(statement.type) || ('declare' in statement && statement.declare)) return true;
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      if (statement.kind === 'var') return false;
      if (statement.kind === 'using' || statement.kind === 'await using') return true;
    }
    return sourceCode
      .getDeclaredVariables(statement)
      .some((variable) =>
        variable.references.some(
          (reference) => reference.identifier.range[0] < start || reference.identifier.range[1] > end,
        ),
      );
  });
}

/** Re-indenting is unsafe when a string, template or JSX text spans lines in the range. */
export function hasMultilineLiteral(sourceCode: SourceCode, range: TSESTree.Range): boolean {
  return sourceCode.tokensAndComments.some(
    (token) =>
      token.range[0] >= range[0] &&
      token.range[1] <= range[1] &&
      (token.type === AST_TOKEN_TYPES.Template ||
        token.type === AST_TOKEN_TYPES.String ||
        token.type === AST_TOKEN_TYPES.JSXText) &&
      token.value.includes('\n'),
  );
}

function indentLines(text: string, unit: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line.trim() === '' ? line : unit + line))
    .join('\n');
}

/**
 * Replaces the statements `body[0] … release` with `try { body } finally { release }`, keeping every comment
 * between them (the text is moved, never re-printed) and the file's indentation. `skip` is a statement inside
 * `body` to leave out of the `try` block (the old release, when the body runs on past it). With `catchParameter`,
 * writes `try { body } catch (error) { release; throw error; }` instead. `body` holds at least one statement.
 */
export function wrapInTryFinally(
  sourceCode: SourceCode,
  body: readonly TSESTree.Node[],
  finallyText: string,
  replaceEnd: number,
  skip?: TSESTree.Node,
  catchParameter?: string,
): { range: TSESTree.Range; text: string } {
  const first = body.at(0);
  const last = body.at(-1);
  if (!first || !last) throw new RangeError('wrapInTryFinally: there is no statement to wrap.');
  const indent = indentOf(sourceCode, first);
  const unit = indentUnit(sourceCode, first);
  const bodyEnd = Math.max(last.range[1], commentEnd(sourceCode, last.range[1], replaceEnd));
  const range: TSESTree.Range = [first.range[0], replaceEnd];
  const reindent = !hasMultilineLiteral(sourceCode, range);
  const bodyText = skip
    ? sourceCode.text.slice(first.range[0], skip.range[0]).trimEnd() + sourceCode.text.slice(skip.range[1], bodyEnd)
    : sourceCode.text.slice(first.range[0], bodyEnd);
  const finallyBody = finallyText.trim();
  const shift = (text: string): string => (reindent ? indentLines(text, unit) : text);
  const handler = catchParameter === undefined ? 'finally' : `catch (${catchParameter})`;
  const rethrow = catchParameter === undefined ? '' : `\n${indent}${unit}throw ${catchParameter};`;
  const text =
    `try {\n${indent}${unit}${shift(bodyText)}\n${indent}} ${handler} {\n` +
    `${indent}${unit}${shift(finallyBody)}${rethrow}\n${indent}}`;
  return { range, text };
}

/** The end of the comments that follow `from` before `limit` (they stay with the body they follow). */
function commentEnd(sourceCode: SourceCode, from: number, limit: number): number {
  let end = from;
  for (const comment of sourceCode.getAllComments()) {
    if (comment.range[0] >= from && comment.range[1] <= limit) {
      const gap = sourceCode.text.slice(end, comment.range[0]);
      if (gap.trim() === '') end = comment.range[1];
    }
  }
  return end;
}
