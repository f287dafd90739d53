/**
 * The edits release-in-finally offers: each moves statements into `try { … } finally { <release> }` with
 * `wrapInTryFinally`, so that the release runs on every exit. Null when the statements cannot move (a declaration
 * used after them would be hidden) or there is nothing to wrap.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { Place, Verdict } from '../analysis/exits/guarantee.js';
import type { Lifetime } from '../analysis/lifetime.js';
import type { ResourceModel } from '../resources/match.js';
import { outcomeMethodNames } from '../resources/vocabulary.js';
import { calleeName } from '../util/ast.js';
import { releaseText } from './releaseText.js';
import { hidesDeclarations, wrapInTryFinally } from './tryFinally.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type LeaksOnPath = Extract<Verdict, { readonly kind: 'leaksOnPath' }>;
type ThrowsInFinally = Extract<Verdict, { readonly kind: 'throwsInFinally' }>;
type LeaksBeforeHandOff = Extract<Verdict, { readonly kind: 'leaksBeforeHandOff' }>;

/**
 * `t.commit()`, `t.rollback()`, `session.commitTransaction()`: a release that also decides the outcome, which no fix
 * may move into, or write in, a `finally` or a `catch` (there it would commit after a failure too).
 */
export function isOutcomeCall(call: TSESTree.CallExpression): boolean {
  return outcomeMethodNames.has(calleeName(call) ?? '');
}

/** A wrap and the statements it moves into the `try` block. */
export interface Wrap {
  readonly statements: readonly TSESTree.Node[];
  readonly fix: TSESLint.ReportFixFunction;
}

function wrapFix(
  sourceCode: SourceCode,
  body: readonly TSESTree.Node[],
  finallyText: string,
  replaceEnd: number,
  skip?: TSESTree.Node,
): TSESLint.ReportFixFunction {
  return (fixer) => {
    const edit = wrapInTryFinally(sourceCode, body, finallyText, replaceEnd, skip);
    return fixer.replaceTextRange(edit.range, edit.text);
  };
}

/** Never released: the rest of the block after the acquisition into `try`, a new release into `finally`. */
export function releaseRestFix(
  sourceCode: SourceCode,
  model: ResourceModel,
  lifetime: Lifetime,
  place: Place,
): TSESLint.ReportFixFunction | null {
  const rest = place.list.slice(place.index + 1);
  const release = releaseText(model, lifetime);
  const last = rest.at(-1);
  if (release === null || !last || hidesDeclarations(sourceCode, rest)) return null;
  return wrapFix(sourceCode, rest, release, last.range[1]);
}

/** Released on the straight path only: the statements before the single release into `try`, the release into `finally`. */
export function wrapBeforeRelease(sourceCode: SourceCode, lifetime: Lifetime, verdict: LeaksOnPath): Wrap | null {
  const { list, index } = verdict.place;
  const releaseIndex = verdict.releaseIndex;
  if (releaseIndex === null || lifetime.releases.length !== 1) return null;
  const between = list.slice(index + 1, releaseIndex);
  const releaseStatement = list[releaseIndex];
  if (!releaseStatement || between.length === 0 || hidesDeclarations(sourceCode, between)) return null;
  return {
    statements: between,
    fix: wrapFix(sourceCode, between, sourceCode.getText(releaseStatement), releaseStatement.range[1]),
  };
}

/**
 * When a name declared before the release is used after it (`const rows = await c.query(q); c.release(); return rows;`),
 * wrapping only the statements before the release would hide the name: wrap the rest of the block instead, the old
 * release moved into `finally`. A suggestion only: the code after the release now runs before it.
 */
export function wrapRestMovingRelease(
  sourceCode: SourceCode,
  lifetime: Lifetime,
  verdict: LeaksOnPath,
): TSESLint.ReportFixFunction | null {
  const { list, index } = verdict.place;
  const releaseIndex = verdict.releaseIndex;
  if (releaseIndex === null || lifetime.releases.length !== 1) return null;
  const rest = list.slice(index + 1);
  const releaseStatement = list[releaseIndex];
  const last = rest.at(-1);
  if (!releaseStatement || !last || rest.length < 2 || hidesDeclarations(sourceCode, rest)) return null;
  return wrapFix(sourceCode, rest, sourceCode.getText(releaseStatement), last.range[1], releaseStatement);
}

/** Code before the release in a `finally`: that code into a nested `try` whose `finally` is the release. */
export function nestedFinallyFix(sourceCode: SourceCode, verdict: ThrowsInFinally): TSESLint.ReportFixFunction | null {
  const statements = verdict.finalizer.body;
  const release = verdict.releaseStatement;
  const before = statements.slice(0, statements.indexOf(release));
  if (before.length === 0 || hidesDeclarations(sourceCode, before)) return null;
  return wrapFix(sourceCode, before, sourceCode.getText(release), release.range[1]);
}

/**
 * Code that can leave before the hand-off: that code into `try { … } catch (error) { <release>; throw error; }`, so a
 * failure releases the value and the hand-off still gets it when all goes well.
 */
export function releaseInCatchFix(
  sourceCode: SourceCode,
  model: ResourceModel,
  lifetime: Lifetime,
  verdict: LeaksBeforeHandOff,
): TSESLint.ReportFixFunction | null {
  const { statements } = verdict;
  const release = releaseText(model, lifetime);
  const last = statements.at(-1);
  if (release === null || !last || hidesDeclarations(sourceCode, statements)) return null;
  const parameter = lifetime.name === 'error' ? 'cause' : 'error';
  return (fixer) => {
    const edit = wrapInTryFinally(sourceCode, statements, release, last.range[1], undefined, parameter);
    return fixer.replaceTextRange(edit.range, edit.text);
  };
}
