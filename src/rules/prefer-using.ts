import { AST_NODE_TYPES, AST_TOKEN_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { verdictFor } from '../analysis/cache.js';
import { followDisposable, type DisposableBinding, type DisposalSite } from '../analysis/disposal.js';
import {
  canAutofixUsing,
  canDeclareAt,
  freeName,
  hasCommentsIn,
  keywordKind,
  statementRemovalRange,
  unwrapBlockText,
  usingTarget,
  type UsingKeyword,
} from '../fix/using.js';
import { disposableOf, type DisposableValue } from '../resources/disposables.js';
import { resourceModel, type ResourceModel } from '../resources/match.js';
import { allowOption, type Specifier } from '../resources/specifiers.js';
import { acceptsDisposable, typeServices, type TypeServices } from '../resources/types.js';
import { contains, skipWrappers, statementList } from '../util/ast.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ allow?: Specifier[]; runtimeSupportsUsing?: boolean }];
export type MessageId = 'neverDisposed' | 'releasedByHand' | 'suggestUsing' | 'suggestUsingWithoutRelease';

/** Methods that release a value typed as Disposable, besides its disposal: counted as a manual release, never as equivalent. */
const RELEASE_LIKE_METHODS: readonly string[] = [
  'close',
  'dispose',
  'disposeAsync',
  'destroy',
  'release',
  'terminate',
  'unsubscribe',
  'disconnect',
];

export default createRule<Options, MessageId>({
  name: 'prefer-using',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require `using` / `await using` for Disposables that are released by hand or not at all',
      recommended: 'recommended-type-checked',
      requiresTypeChecking: false,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...allowOption,
          runtimeSupportsUsing: {
            type: 'boolean',
            description:
              'The code runs where `using` is native (Node 24 or later) or a build step lowers it: the exact rewrite is an autofix also in JavaScript, in TypeScript linted without type information, and in TypeScript whose `target` is ESNext. Off: there it is a suggestion.',
          },
        },
      },
    ],
    messages: {
      releasedByHand:
        'The {{resource}} `{{name}}` is released by hand (`{{release}}` on line {{releaseLine}}), so it leaks on any path that skips that call. Declare it with `{{keyword}}` so that it is disposed on every exit of its block.',
      neverDisposed:
        'The {{resource}} `{{name}}` is never disposed nor handed off, so it leaks when its block ends. Declare it with `{{keyword}}`.',
      suggestUsing: 'Declare `{{name}}` with `{{keyword}}` and remove the manual release.',
      suggestUsingWithoutRelease: 'Declare `{{name}}` with `{{keyword}}`: it is disposed at the end of its block.',
    },
    defaultOptions: [{ allow: [], runtimeSupportsUsing: false }],
  },
  create(context, [{ allow = [], runtimeSupportsUsing = false }]) {
    const sourceCode = context.sourceCode;
    const model = resourceModel(context);
    let types: TypeServices | null | undefined;
    const getTypes = (): TypeServices | null => (types ??= typeServices(context));

    return {
      VariableDeclarator(node) {
        if (node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return;
        const declaration = node.parent;
        if (declaration.kind !== 'const' && declaration.kind !== 'let') return;
        const source = sourceOf(node.init);
        if (!source || !statementList(declaration)) return;
        const value = disposableOf({ context, model, types: getTypes(), allow }, source, node.init);
        if (!value) return;
        const variable = sourceCode
          .getDeclaredVariables(node)
          .find((candidate) => candidate.name === (node.id as TSESTree.Identifier).name);
        if (!variable) return;
        const currentTypes = getTypes();
        const resource = value.resource;
        const binding = followDisposable(node, variable, {
          disposeMethods: new Set(
            resource ? (resource.disposeMethods ?? []) : currentTypes ? RELEASE_LIKE_METHODS : [],
          ),
          handOffMethods: new Set(resource?.handOffMethods ?? ['move']),
          handsOff: currentTypes ? (call, index) => acceptsDisposable(currentTypes, call, index) : () => true,
        });
        if (binding.escapes.length > 0) return;
        // One defect, one finding: an acquisition whose release release-in-finally finds missing or misplaced is that
        // rule's finding (it is in every config); this rule asks for `using` where the release is already safe.
        if (releaseInFinallyReports(model, source)) return;
        if (binding.disposals.length === 0) {
          if (binding.owner === null || value.eventDriven) return;
          reportNeverDisposed(context, value, binding, currentTypes);
        } else {
          reportReleasedByHand(context, value, binding, currentTypes, runtimeSupportsUsing);
        }
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

/** The call or `new` a binding is initialised with, through `await` and type wrappers. */
function sourceOf(init: TSESTree.Expression): TSESTree.CallExpression | TSESTree.NewExpression | null {
  let value = skipWrappers(init);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
  return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression ? value : null;
}

/**
 * Would release-in-finally report this acquisition (a release missing, on some paths only, or outside `finally`)?
 * Mirrors its one exception: a name-only `getConnection()` never released is not judged.
 */
function releaseInFinallyReports(
  model: ResourceModel,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  if (source.type !== AST_NODE_TYPES.CallExpression) return false;
  const acquisition = model.acquisitionOf(source);
  if (!acquisition) return false;
  const verdict = verdictFor(model, acquisition);
  if (verdict.kind === 'safe') return false;
  const { source: origin, method } = acquisition.acquirer;
  return !(
    verdict.kind === 'never' &&
    origin.type === 'name' &&
    origin.receiver !== null &&
    method === 'getConnection'
  );
}

/** `using` / `await using` for a value, judged by how it is disposed by hand (or, without a release, by what it has). */
function keywordFor(value: DisposableValue, site: DisposalSite | null, awaitAllowed: boolean): UsingKeyword {
  if (site?.method === '@@dispose') return 'using';
  if (site?.method === '@@asyncDispose') return 'await using';
  if (site && value.resource?.disposeMethods?.includes(site.method))
    return value.resource.disposable === 'async' ? 'await using' : 'using';
  if (value.async && (awaitAllowed || !value.sync)) return 'await using';
  return 'using';
}

/** The manual release does exactly what the declaration will do at the end of the block. */
function isEquivalent(value: DisposableValue, site: DisposalSite, keyword: UsingKeyword): boolean {
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

/** Edits that turn the declaration into `keyword name = …`, renaming it to `_name` when nothing reads it afterwards. */
function declarationEdits(
  context: Context,
  fixer: TSESLint.RuleFixer,
  binding: DisposableBinding,
  keyword: UsingKeyword,
  readsLeft: number,
): TSESLint.RuleFix[] {
  const sourceCode = context.sourceCode;
  const declaration = binding.declarator.parent;
  const kindToken = sourceCode.getFirstToken(declaration)!;
  const edits = [fixer.replaceText(kindToken, keyword)];
  const id = binding.declarator.id as TSESTree.Identifier;
  if (readsLeft === 0 && !id.name.startsWith('_')) {
    const renamed = `_${id.name}`;
    if (freeName(sourceCode, declaration, renamed) === renamed) {
      edits.push(fixer.replaceTextRange([id.range[0], id.range[0] + id.name.length], renamed));
    }
  }
  return edits;
}

function readsLeftAfter(binding: DisposableBinding): number {
  return binding.uses.length + binding.closureUses.length;
}

function reportNeverDisposed(
  context: Context,
  value: DisposableValue,
  binding: DisposableBinding,
  types: TypeServices | null,
): void {
  const sourceCode = context.sourceCode;
  const declaration = binding.declarator.parent;
  const awaitAllowed = canDeclareAt(sourceCode, declaration, 'await using');
  const keyword = keywordFor(value, null, awaitAllowed);
  const target = usingTarget(context, types, keywordKind(keyword));
  if (target === 'no') return;
  const name = binding.variable.name;
  const canSuggest = canRewrite(binding) && canDeclareAt(sourceCode, declaration, keyword);
  context.report({
    node: binding.declarator.id,
    loc: reportLoc(binding),
    messageId: 'neverDisposed',
    data: { resource: value.noun, name, keyword },
    suggest: canSuggest
      ? [
          {
            messageId: 'suggestUsingWithoutRelease',
            data: { name, keyword },
            fix: (fixer) => declarationEdits(context, fixer, binding, keyword, readsLeftAfter(binding)),
          },
        ]
      : null,
  });
}

function reportReleasedByHand(
  context: Context,
  value: DisposableValue,
  binding: DisposableBinding,
  types: TypeServices | null,
  runtimeSupportsUsing: boolean,
): void {
  const sourceCode = context.sourceCode;
  const declaration = binding.declarator.parent;
  const site = binding.disposals[0]!;
  const keyword = keywordFor(value, site, canDeclareAt(sourceCode, declaration, 'await using'));
  const target = usingTarget(context, types, keywordKind(keyword));
  if (target === 'no') return;
  const name = binding.variable.name;
  const data = {
    resource: value.noun,
    name,
    release: releaseLabel(sourceCode, site),
    releaseLine: String(site.call.loc.start.line),
    keyword,
  };
  const rewrite = rewriteOf(context, binding, keyword);
  // Autofix only where the written `using` is known to run (TypeScript lowers it), or where the user says it does.
  const autofix =
    rewrite !== null &&
    rewrite.exact &&
    canAutofixUsing(target, runtimeSupportsUsing) &&
    binding.closureUses.length === 0 &&
    isEquivalent(value, site, keyword);
  const fix = rewrite?.fix ?? null;
  context.report({
    node: binding.declarator.id,
    loc: reportLoc(binding),
    messageId: 'releasedByHand',
    data,
    fix: autofix ? fix : null,
    suggest: !autofix && fix ? [{ messageId: 'suggestUsing', data: { name, keyword }, fix }] : null,
  });
}

/** `const fh` in `const fh = await open(p)`: the keyword and the name the rule asks to change. */
function reportLoc(binding: DisposableBinding): TSESTree.SourceLocation {
  const declaration = binding.declarator.parent;
  const id = binding.declarator.id as TSESTree.Identifier;
  const start = declaration.declarations[0] === binding.declarator ? declaration.loc.start : id.loc.start;
  const end = { line: id.loc.start.line, column: id.loc.start.column + id.name.length };
  return { start, end };
}

function releaseLabel(sourceCode: Readonly<TSESLint.SourceCode>, site: DisposalSite): string {
  const text = sourceCode.getText(site.call).replace(/\s+/gu, ' ');
  const shown = text.length <= 48 ? text : `${text.slice(0, 45)}…`;
  return site.awaited ? `await ${shown}` : shown;
}

interface Rewrite {
  /** The rewrite disposes at the very point the manual release did: the `try` follows the declaration and ends its block. */
  readonly exact: boolean;
  readonly fix: TSESLint.ReportFixFunction;
}

/**
 * The rewrite to `using`, when the single manual release is either the only statement of a `finally` (of a `try`
 * that comes after the declaration in the same block), or a statement of the declaration's own block. Null when the
 * release stands elsewhere, when there is a second release, or when a comment would be lost.
 */
function rewriteOf(context: Context, binding: DisposableBinding, keyword: UsingKeyword): Rewrite | null {
  const sourceCode = context.sourceCode;
  const declaration = binding.declarator.parent;
  if (!canRewrite(binding) || binding.disposals.length !== 1 || !canDeclareAt(sourceCode, declaration, keyword))
    return null;
  const statement = binding.disposals[0]!.statement;
  const list = statementList(declaration);
  if (!statement || !list) return null;
  const index = list.indexOf(declaration);
  const readsLeft = readsLeftAfter(binding);

  // The release is a statement of the declaration's own block: remove it.
  const own = list.indexOf(statement);
  if (own > index) {
    const range = statementRemovalRange(sourceCode, statement);
    if (hasCommentsIn(sourceCode, range)) return null;
    return {
      exact: false,
      fix: (fixer) => [...declarationEdits(context, fixer, binding, keyword, readsLeft), fixer.removeRange(range)],
    };
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
    return {
      exact,
      fix: (fixer) => [...declarationEdits(context, fixer, binding, keyword, readsLeft), fixer.removeRange(range)],
    };
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
      ...declarationEdits(context, fixer, binding, keyword, readsLeft),
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
  sourceCode: Readonly<TSESLint.SourceCode>,
  block: TSESTree.BlockStatement,
  list: readonly TSESTree.Node[],
): boolean {
  const scope = sourceCode.getScope(block);
  if (scope.block !== block || scope.variables.length === 0) return false;
  const outer = scope.upper!;
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
