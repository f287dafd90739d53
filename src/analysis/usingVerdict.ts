/**
 * What prefer-using finds about one `const`/`let` binding of a Disposable: nothing, a value never disposed nor handed
 * off, or one released by hand. Follows the binding with `disposal.ts`; leaves to release-in-finally what it reports.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { adoptMethodNames } from '../resources/catalog.js';
import type { DisposableValue } from '../resources/disposables.js';
import { disposableAt } from '../resources/recognize.js';
import { acceptsDisposable, adoptsWith } from '../resources/types.js';
import { skipWrappers, statementList } from '../util/ast.js';
import { followDisposable, type DisposableBinding, type DisposalSite } from './disposal.js';
import { finallyDisposalOf } from './finallyDisposal.js';
import { releaseInFinallyVerdictAt } from './finallyVerdict.js';
import type { FloatingQuery } from './floating.js';
import { adopterOf } from './references.js';
import { endsWithTheProcess } from './testCode.js';

/** What the analysis asks with: the same as no-floating-resource's (the rule's context, model, `allow`, lazy types). */
export type UsingQuery = FloatingQuery;

export type UsingVerdict =
  | { readonly kind: 'none' }
  /** Neither disposed nor handed off in its function. */
  | { readonly kind: 'neverDisposed'; readonly value: DisposableValue; readonly binding: DisposableBinding }
  /**
   * Disposed by hand: `site` is the first manual disposal, or the one in a `finally` that releases the value on every
   * exit. `correct` says when the hand-written release leaks nothing: `finally` (a hand-written `using`), or
   * `everyPath` (release-in-finally's exit engine finds it released on every exit, as by a rethrowing `catch` and a
   * release after the `try`); null when some path skips it.
   */
  | {
      readonly kind: 'releasedByHand';
      readonly value: DisposableValue;
      readonly binding: DisposableBinding;
      readonly site: DisposalSite;
      readonly correct: 'finally' | 'everyPath' | null;
    };

const NONE: UsingVerdict = { kind: 'none' };

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

export function usingVerdictOf(query: UsingQuery, node: TSESTree.VariableDeclarator): UsingVerdict {
  const id = node.id;
  if (id.type !== AST_NODE_TYPES.Identifier || !node.init) return NONE;
  const declaration = node.parent;
  if (declaration.kind !== 'const' && declaration.kind !== 'let') return NONE;
  const source = sourceOf(node.init);
  if (!source || !statementList(declaration)) return NONE;
  // `stack.use(await open(p))`: the stack owns what comes out, as release-in-finally and no-floating-resource take
  // the acquisition for handed to it.
  if (adopterOf(source, (receiver, method) => isAdopter(query, receiver, method))) return NONE;
  const { context, model, allow } = query;
  const value = disposableAt({ context, model, types: query.types(), allow }, node.init);
  if (!value) return NONE;
  const variable = context.sourceCode.getDeclaredVariables(node).find((candidate) => candidate.name === id.name);
  if (!variable) return NONE;
  const types = query.types();
  const resource = value.resource;
  const binding = followDisposable(node, variable, {
    disposeMethods: new Set(resource ? (resource.disposeMethods ?? []) : types ? RELEASE_LIKE_METHODS : []),
    handOffMethods: new Set(resource?.handOffMethods ?? ['move']),
    handsOff: types ? (call, index) => acceptsDisposable(types, call, index) : () => true,
  });
  if (binding.escapes.length > 0) return NONE;
  // One defect, one finding: an acquisition whose release release-in-finally finds missing or misplaced is that
  // rule's finding (it is in every config); prefer-using asks for `using` where the release is already safe.
  const releaseInFinally = releaseInFinallyVerdictAt(model, source);
  // Except where release-in-finally does not judge (code whose run ends the process): the release there is by hand
  // and not guaranteed, which is what prefer-using then says.
  if (releaseInFinally === 'reports' && !endsWithTheProcess(context, model, source)) return NONE;
  const inFinally = finallyDisposalOf(model, binding);
  if (inFinally) return { kind: 'releasedByHand', value, binding, site: inFinally, correct: 'finally' };
  const site = binding.disposals[0];
  if (site) {
    const correct = releaseInFinally === 'accepts' ? 'everyPath' : null;
    return { kind: 'releasedByHand', value, binding, site, correct };
  }
  if (binding.owner === null || value.eventDriven) return NONE;
  return { kind: 'neverDisposed', value, binding };
}

/** Does `receiver` adopt a value with `method` (`use`, `adopt`)? The name first, then the type (typed mode only). */
function isAdopter(query: UsingQuery, receiver: TSESTree.Expression, method: string): boolean {
  if (!adoptMethodNames.has(method)) return false;
  const types = query.types();
  return types !== null && adoptsWith(types, receiver, method);
}

/** The call or `new` a binding is initialised with, through `await` and type wrappers. */
function sourceOf(init: TSESTree.Expression): TSESTree.CallExpression | TSESTree.NewExpression | null {
  let value = skipWrappers(init);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
  return value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression ? value : null;
}
