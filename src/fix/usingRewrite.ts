/**
 * The edits prefer-using offers: the declaration becomes `using` / `await using` (renamed to `_name` when nothing
 * reads it afterwards), and the manual release goes: a statement of the declaration's own block is removed, a
 * `finally` that only releases is dropped with its `try` unwrapped.
 */
import { AST_NODE_TYPES, AST_TOKEN_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { DisposableBinding, DisposalSite } from '../analysis/disposal.js';
import type { DisposableValue } from '../resources/disposables.js';
import { contains, statementList } from '../util/ast.js';
import {
  canDeclareAt,
  freeName,
  hasCommentsIn,
  statementRemovalRange,
  unwrapBlockText,
  type UsingKeyword,
} from './using.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `using` / `await using` for a value, judged by how it is disposed by hand (or, without a release, by what it has). */
export function keywordFor(value: DisposableValue, site: DisposalSite | null, awaitAllowed: boolean): UsingKeyword {
  if (site?.method === '@@dispose') return 'using';
  if (site?.method === '@@asyncDispose') return 'await using';
  if (site && value.resource?.disposeMethods?.includes(site.method))
    return value.resource.disposable === 'async' ? 'await using' : 'using';
  if (value.async && (awaitAllowed || !value.sync)) return 'await using';
  return 'using';
}

/** The manual release does exactly what the declaration will do at the end of the block. */
export function isEquivalent(value: DisposableValue, site: DisposalSite, keyword: UsingKeyword): boolean {
  const awaited = keyword === 'await using';
  if (site.awaited !== awaited) return false;
  if (site.method === '@@dispose') return !awaited && value.sync;
  if (site.method === '@@asyncDispose') return awaited && value.async;
  return value.resource?.disposeMethods?.includes(site.method) === true;
}

/** The single declarator of `declaration` is the one we rewrite, and nothing writes it again. */
function canRewrite(binding: DisposableBinding): boolean {
  const declaration = binding.declarator.parent;
  return declaration.declarations.length === 1 && !binding.reassigned;
}

function readsLeftAfter(binding: DisposableBinding): number {
  return binding.uses.length + binding.closureUses.length;
}

/** Edits that turn the declaration into `keyword name = …`, renaming it to `_name` when nothing reads it afterwards. */
function declarationEdits(
  sourceCode: SourceCode,
  fixer: TSESLint.RuleFixer,
  binding: DisposableBinding,
  keyword: UsingKeyword,
): TSESLint.RuleFix[] {
  const declaration = binding.declarator.parent;
  const kindToken = sourceCode.getFirstToken(declaration);
  if (!kindToken) return [];
  const edits = [fixer.replaceText(kindToken, keyword)];
  const id = binding.declarator.id;
  if (id.type === AST_NODE_TYPES.Identifier && readsLeftAfter(binding) === 0 && !id.name.startsWith('_')) {
    const renamed = `_${id.name}`;
    if (freeName(sourceCode, declaration, renamed) === renamed) {
      edits.push(fixer.replaceTextRange([id.range[0], id.range[0] + id.name.length], renamed));
    }
  }
  return edits;
}

/** A value never disposed: declare it with `keyword`, when the declaration can take it. */
export function declareWithUsingFix(
  sourceCode: SourceCode,
  binding: DisposableBinding,
  keyword: UsingKeyword,
): TSESLint.ReportFixFunction | null {
  if (!canRewrite(binding) || !canDeclareAt(sourceCode, binding.declarator.parent, keyword)) return null;
  return (fixer) => declarationEdits(sourceCode, fixer, binding, keyword);
}

export interface Rewrite {
  /** The rewrite disposes at the very point the manual release did: the `try` follows the declaration and ends its block. */
  readonly exact: boolean;
  readonly fix: TSESLint.ReportFixFunction;
}

/**
 * The rewrite to `using`, when the single manual release is either the only statement of a `finally` (of a `try`
 * that comes after the declaration in the same block), or a statement of the declaration's own block. Null when the
 * release stands elsewhere, when there is a second release, or when a comment would be lost.
 */
export function usingRewrite(
  sourceCode: SourceCode,
  binding: DisposableBinding,
  keyword: UsingKeyword,
): Rewrite | null {
  const declaration = binding.declarator.parent;
  const [site, ...others] = binding.disposals;
  if (!site || others.length > 0 || !canRewrite(binding) || !canDeclareAt(sourceCode, declaration, keyword))
    return null;
  const statement = site.statement;
  const list = statementList(declaration);
  if (!statement || !list) return null;
  const index = list.indexOf(declaration);
  const declare = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] =>
    declarationEdits(sourceCode, fixer, binding, keyword);

  // The release is a statement of the declaration's own block: remove it.
  if (list.indexOf(statement) > index) {
    const range = statementRemovalRange(sourceCode, statement);
    if (hasCommentsIn(sourceCode, range)) return null;
    return { exact: false, fix: (fixer) => [...declare(fixer), fixer.removeRange(range)] };
  }

  // The release is the only statement of a `finally` of a later `try` in the same block.
  const finalizer = statement.parent;
  const tryStatement = finalizer.parent;
  if (
    finalizer.type !== AST_NODE_TYPES.BlockStatement ||
    finalizer.body.length !== 1 ||
    tryStatement?.type !== AST_NODE_TYPES.TryStatement ||
    tryStatement.finalizer !== finalizer
  ) {
    return null;
  }
  const at = list.indexOf(tryStatement);
  if (at <= index) return null;
  const exact = at === index + 1 && at === list.length - 1;
  if (tryStatement.handler) {
    const range: TSESTree.Range = [tryStatement.handler.range[1], tryStatement.range[1]];
    if (hasCommentsIn(sourceCode, range)) return null;
    return { exact, fix: (fixer) => [...declare(fixer), fixer.removeRange(range)] };
  }
  const block = tryStatement.block;
  const head: TSESTree.Range = [tryStatement.range[0], block.range[0] + 1];
  const tail: TSESTree.Range = [block.range[1] - 1, tryStatement.range[1]];
  if (hasCommentsIn(sourceCode, head) || hasCommentsIn(sourceCode, tail)) return null;
  // Names declared in the `try` block would move into the outer block: no clash allowed.
  if (declaresOuterName(sourceCode, block, list)) return null;
  const body = unwrapBlockText(sourceCode, block);
  return {
    exact,
    fix: (fixer) => [
      ...declare(fixer),
      body === ''
        ? fixer.removeRange(statementRemovalRange(sourceCode, tryStatement))
        : fixer.replaceText(tryStatement, body),
    ],
  };
}

/**
 * Would moving the declarations of `block` into the enclosing block clash with, or shadow, a name: one visible from
 * the enclosing scope, or one that the other statements of the enclosing block mention?
 */
function declaresOuterName(
  sourceCode: SourceCode,
  block: TSESTree.BlockStatement,
  list: readonly TSESTree.Node[],
): boolean {
  const scope = sourceCode.getScope(block);
  const outer = scope.upper;
  if (scope.block !== block || scope.variables.length === 0 || !outer) return false;
  const names = new Set(scope.variables.map((variable) => variable.name));
  for (const name of names) if (ASTUtils.findVariable(outer, name)) return true;
  return list.some(
    (statement) =>
      !contains(statement, block) &&
      sourceCode
        .getTokens(statement)
        .some((token) => token.type === AST_TOKEN_TYPES.Identifier && names.has(token.value)),
  );
}
