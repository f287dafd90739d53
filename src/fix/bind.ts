/**
 * Text edits that keep a dropped value: `using _h = <expression>;` in place of the statement, or
 * `const name = <expression>; try { …rest of the block } finally { <release> }`, or the rest of the block wrapped in a
 * `try`/`finally` that releases through the receiver.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { Lifetime } from '../analysis/lifetime.js';
import { camelCase, type DisposableValue } from '../resources/disposables.js';
import type { ResourceModel } from '../resources/match.js';
import type { TypeServices } from '../resources/types.js';
import { statementList } from '../util/ast.js';
import { releaseText } from './releaseText.js';
import { hidesDeclarations, wrapInTryFinally } from './tryFinally.js';
import { canDeclareAt, freeName, isAwaitAllowed, keywordKind, usingTarget, type UsingKeyword } from './using.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** A fix and the name it introduces. */
export interface NamedFix {
  readonly name: string;
  readonly fix: TSESLint.ReportFixFunction;
}

/** `await using` for a value with `[Symbol.asyncDispose]()` where `await` may stand (or when it has nothing else). */
export function usingKeywordFor(
  sourceCode: SourceCode,
  statement: TSESTree.Node,
  value: DisposableValue,
): UsingKeyword {
  return value.async && (isAwaitAllowed(sourceCode, statement) || !value.sync) ? 'await using' : 'using';
}

/**
 * `using _name = <expression>;` in place of the statement, when the syntax is allowed there and the target compiles
 * it; a promise of a Disposable is awaited first (`await using _h = await open(p);`).
 */
export function usingFix(
  context: AnyContext,
  types: TypeServices | null,
  statement: TSESTree.ExpressionStatement,
  value: DisposableValue,
  awaited: boolean,
): (NamedFix & { readonly keyword: UsingKeyword }) | null {
  const sourceCode = context.sourceCode;
  const keyword = usingKeywordFor(sourceCode, statement, value);
  if (!canDeclareAt(sourceCode, statement, keyword)) return null;
  if (usingTarget(context, types, keywordKind(keyword)) === 'no') return null;
  const needsAwait =
    !awaited && value.resource?.release.awaitRelease === true && value.source.type === AST_NODE_TYPES.CallExpression;
  if (needsAwait && !isAwaitAllowed(sourceCode, statement)) return null;
  const name = freeName(sourceCode, statement, `_${value.bindingName}`);
  const expressionText = sourceCode.getText(statement.expression);
  return {
    keyword,
    name,
    fix: (fixer) =>
      fixer.replaceText(statement, `${keyword} ${name} = ${needsAwait ? 'await ' : ''}${expressionText};`),
  };
}

/** `const name = <acquisition>; try { …rest } finally { <release> }`, with the release its catalog entry allows. */
export function bindAcquisitionFix(
  model: ResourceModel,
  statement: TSESTree.ExpressionStatement,
  lifetime: Lifetime,
): NamedFix | null {
  const { resource } = lifetime.acquisition;
  const base = resource.release.callValue ? 'release' : bindingName(resource.noun);
  const name = freeName(model.sourceCode, statement, base);
  const release = releaseText(model, { ...lifetime, name });
  if (release === null) return null;
  const fix = bindInFinallyFix(model.sourceCode, statement, name, release);
  return fix && { name, fix };
}

/** `const name = <expression>; try { …rest of the block } finally { <release> }`; null when nothing follows. */
export function bindInFinallyFix(
  sourceCode: SourceCode,
  statement: TSESTree.ExpressionStatement,
  name: string,
  release: string,
): TSESLint.ReportFixFunction | null {
  const rest = restOfBlock(sourceCode, statement);
  if (!rest) return null;
  const binding = `const ${name} = ${sourceCode.getText(statement.expression)};`;
  const edit = wrapInTryFinally(sourceCode, rest.statements, release, rest.end);
  return (fixer) => [fixer.replaceText(statement, binding), fixer.replaceTextRange(edit.range, edit.text)];
}

/** The statement stays; the rest of the block goes into `try { … } finally { <release> }`. */
export function releaseRestInFinallyFix(
  sourceCode: SourceCode,
  statement: TSESTree.ExpressionStatement,
  release: string,
): TSESLint.ReportFixFunction | null {
  const rest = restOfBlock(sourceCode, statement);
  if (!rest) return null;
  const edit = wrapInTryFinally(sourceCode, rest.statements, release, rest.end);
  return (fixer) => fixer.replaceTextRange(edit.range, edit.text);
}

/** `await fh.close();` → `fh.close()`: a release statement as a message shows it. */
export function bareRelease(release: string): string {
  return release.replace(/^await /u, '').replace(/;$/u, '');
}

/** The statements after `statement` in its block, when there are some and they can move into a `try` block. */
function restOfBlock(
  sourceCode: SourceCode,
  statement: TSESTree.Node,
): { statements: readonly TSESTree.Node[]; end: number } | null {
  const list = statementList(statement);
  if (!list) return null;
  const statements = list.slice(list.indexOf(statement) + 1);
  const last = statements.at(-1);
  if (!last || hidesDeclarations(sourceCode, statements)) return null;
  return { statements, end: last.range[1] };
}

/** `file handle` → `fileHandle`; `file descriptor` → `fd`. */
function bindingName(noun: string): string {
  return noun === 'file descriptor' ? 'fd' : camelCase(noun);
}
