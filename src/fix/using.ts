/**
 * Fix helpers for `using` / `await using` declarations: where the syntax may stand, whether the target can compile
 * it, and the text edits that turn `const x = …; try { … } finally { x[Symbol.dispose](); }` into `using x = …; …`.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { canCompileUsing, type TypeServices } from '../resources/types.js';
import { enclosingFunction, isFunctionBoundary } from '../util/ast.js';
import { hasMultilineLiteral, indentUnit } from './tryFinally.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type UsingKeyword = 'using' | 'await using';

/**
 * What becomes of a `using` / `await using` declaration written into the file:
 * - `lowered`: TypeScript with type information whose compiler (5.2 or later) downlevels it for the program's
 *   `target` (below ESNext) and knows the global `Disposable` types: the output runs wherever the rest of the code runs;
 * - `native`: the declaration reaches the runtime as written (JavaScript whose `ecmaVersion` parses it, TypeScript
 *   whose `target` is ESNext): it runs only where `using` is native (Node 24 or later), not on Node 20 or 22;
 * - `unknown`: a TypeScript file linted without type information (the compiler options cannot be seen);
 * - `no`: the file cannot express it (`ecmaVersion` below 2026, TypeScript before 5.2 or without the global types).
 */
export type UsingTarget = 'lowered' | 'native' | 'unknown' | 'no';

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/u;
/** The first ECMAScript version with `using` declarations (espree parses them from `ecmaVersion: 2026`). */
export const USING_ECMA_VERSION = 2026;

/** Where the file's `using` declaration would end up (see {@link UsingTarget}). */
export function usingTarget(context: AnyContext, types: TypeServices | null, kind: 'sync' | 'async'): UsingTarget {
  if (TYPESCRIPT_FILE.test(context.filename)) {
    if (!types) return 'unknown';
    if (!canCompileUsing(types, kind)) return 'no';
    // An unset `target` is ES5 before TypeScript 6 and ES2025 from 6 on: both lower `using`.
    const target = types.program.getCompilerOptions().target;
    return target !== undefined && target >= types.ts.ScriptTarget.ESNext ? 'native' : 'lowered';
  }
  const version: unknown = context.languageOptions.ecmaVersion;
  return version === 'latest' || (typeof version === 'number' && version >= USING_ECMA_VERSION) ? 'native' : 'no';
}

/**
 * Is the rewrite to `using` safe to apply without a person looking: only where TypeScript lowers it, unless the
 * user says the runtime runs `using` natively (`runtimeSupportsUsing`).
 */
export function canAutofixUsing(target: UsingTarget, runtimeSupportsUsing: boolean): boolean {
  return target === 'lowered' || (runtimeSupportsUsing && target !== 'no');
}

export function keywordKind(keyword: UsingKeyword): 'sync' | 'async' {
  return keyword === 'using' ? 'sync' : 'async';
}

/** Is `await` allowed where `node` stands: in an async function, or at the top level of a module? */
export function isAwaitAllowed(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const fn = enclosingFunction(node);
  if (fn) return fn.async;
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionBoundary(current)) return false;
  }
  return sourceCode.ast.sourceType === 'module';
}

/**
 * Can a `using` / `await using` declaration stand where `statement` stands? In a block or a function body, in a class
 * static block (`using` only), or at the top level of a module; not directly in a `switch` case, nor as the single
 * body of an `if` or a loop, nor at the top level of a script.
 */
export function canDeclareAt(sourceCode: SourceCode, statement: TSESTree.Node, keyword: UsingKeyword): boolean {
  const parent = statement.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.BlockStatement:
      return keyword === 'using' || isAwaitAllowed(sourceCode, statement);
    case AST_NODE_TYPES.StaticBlock:
      return keyword === 'using';
    case AST_NODE_TYPES.Program:
      return sourceCode.ast.sourceType === 'module';
    default:
      return false;
  }
}

/** Is `name` free for a new binding at `node`: declared in no enclosing scope and read as no global anywhere? */
export function isFreeName(sourceCode: SourceCode, node: TSESTree.Node, name: string): boolean {
  if (ASTUtils.findVariable(sourceCode.getScope(node), name)) return false;
  let scope = sourceCode.getScope(node);
  while (scope.upper) scope = scope.upper;
  return !scope.through.some((reference) => reference.identifier.name === name);
}

/** `base`, else `base2`, `base3`, … whichever is free at `node`. */
export function freeName(sourceCode: SourceCode, node: TSESTree.Node, base: string): string {
  if (isFreeName(sourceCode, node, base)) return base;
  for (let suffix = 2; ; suffix++) {
    if (isFreeName(sourceCode, node, `${base}${suffix}`)) return `${base}${suffix}`;
  }
}

/** Are there comments inside `range`? */
export function hasCommentsIn(sourceCode: SourceCode, range: TSESTree.Range): boolean {
  return sourceCode.getAllComments().some((comment) => comment.range[0] >= range[0] && comment.range[1] <= range[1]);
}

/**
 * The statements of `block` as text one indentation level out, comments kept, ready to stand where the `try` that
 * owns the block stood. Empty for an empty block.
 */
export function unwrapBlockText(sourceCode: SourceCode, block: TSESTree.BlockStatement): string {
  const inner: TSESTree.Range = [block.range[0] + 1, block.range[1] - 1];
  const text = sourceCode.text.slice(inner[0], inner[1]).trim();
  const first = block.body[0];
  if (text === '' || !first || hasMultilineLiteral(sourceCode, inner)) return text;
  const unit = indentUnit(sourceCode, first);
  return text
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(unit) ? line.slice(unit.length) : line))
    .join('\n');
}

/**
 * The range that removes `statement` with its whole line when it stands alone on its lines, else the statement only.
 */
export function statementRemovalRange(sourceCode: SourceCode, statement: TSESTree.Node): TSESTree.Range {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
  const newline = text.indexOf('\n', statement.range[1]);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  const before = text.slice(lineStart, statement.range[0]);
  const after = text.slice(statement.range[1], newline < 0 ? text.length : newline);
  if (before.trim() === '' && after.trim() === '') return [lineStart, lineEnd];
  return statement.range;
}
