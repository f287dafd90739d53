/**
 * The release findings on top of the forward solver: use after release, double release, a `using` binding released
 * by hand, and a release of a binding that holds nothing because its acquisition threw.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../../resources/match.js';
import type { Lifetime, ReleaseSite } from '../lifetime.js';
import type { FunctionPaths } from './codePaths.js';
import { Correlations } from './correlations.js';
import { replay, solveForward, type FlowProblem } from './flow.js';
import {
  MAX_SITE,
  MAYBE_OTHER,
  NONE,
  NONE_THROWN,
  OTHER,
  RELEASED,
  SITE_SHIFT,
  STATE_BITS,
  subjectsOf,
  type Subject,
  type SubjectRelease,
} from './subjects.js';

export interface ReleaseOptions {
  /** Report a second release of a resource whose catalog entry says releasing twice is harmless. */
  readonly checkIdempotent: boolean;
}

/** How many of the paths reaching a finding have the earlier release on them. */
export type ReleasePaths = 'every' | 'some' | 'earlier-iteration';

export type ReleaseFinding =
  | {
      /** The value is used (member access, call, passed on) after a release on some path. */
      readonly kind: 'useAfterRelease' | 'releasedTwice';
      readonly node: TSESTree.Node;
      readonly lifetime: Lifetime;
      readonly name: string | null;
      /** The earliest release that reaches the finding. */
      readonly release: ReleaseSite;
      readonly paths: ReleasePaths;
    }
  | {
      /** A `using` / `await using` binding released by hand: its scope releases it again. */
      readonly kind: 'releasedBeforeScopeEnd';
      readonly node: TSESTree.CallExpression;
      readonly lifetime: Lifetime;
      readonly name: string;
      readonly declaration: 'using' | 'await using';
    }
  | {
      /** An unguarded release of a binding that holds nothing on a path where its acquisition threw. */
      readonly kind: 'releaseOfNothing';
      readonly node: TSESTree.CallExpression;
      readonly lifetime: Lifetime;
      readonly name: string;
    };

/**
 * Use after release, double release and release of nothing, for the lifetimes acquired in one recorded function.
 *
 * Lifetimes are grouped by what holds them: a binding (every acquisition assigned to it: reassignment starts a new
 * lifetime), a `using` binding, or the receiver of floating acquisitions (`await sema.acquire(); … sema.release()`).
 * A binding also written from a nested function is skipped: a closure may change it at any time.
 */
export function releaseFindings(
  model: ResourceModel,
  paths: FunctionPaths,
  lifetimes: readonly Lifetime[],
  options: ReleaseOptions,
): ReleaseFinding[] {
  const findings: ReleaseFinding[] = [];
  for (const subject of subjectsOf(model, paths, lifetimes))
    findings.push(...findingsOf(model, paths, subject, options));
  return findings.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

function findingsOf(
  model: ResourceModel,
  paths: FunctionPaths,
  subject: Subject,
  options: ReleaseOptions,
): ReleaseFinding[] {
  const problem: FlowProblem = {
    entry: subject.entry,
    thrown: (state) => ((state & NONE) !== 0 ? (state & ~NONE) | NONE_THROWN : state),
    step: (state, entry) => {
      if (entry.phase === 'iterate') return state;
      const write = subject.writes.get(entry.node);
      if (write !== undefined) return write === MAYBE_OTHER ? state | OTHER : write;
      const release = subject.releases.get(entry.node);
      return release === undefined || entry.phase !== 'exit' ? state : afterRelease(state, release);
    },
  };
  const inStates = solveForward(paths, problem);
  const seen = new Map<TSESTree.Node, number>();
  replay(paths, problem, inStates, (state, entry) => {
    const node = entry.node;
    const relevant =
      entry.phase === 'enter' ? subject.uses.has(node) : entry.phase === 'exit' && subject.releases.has(node);
    if (relevant) seen.set(node, (seen.get(node) ?? 0) | state);
  });

  const allowTwice = !subject.idempotent || options.checkIdempotent;
  const correlations = new Correlations(model, paths.node, subject.variable);
  const explained = (node: TSESTree.Node, state: number): boolean =>
    correlations.governs(node) || sitesIn(state, subject).every((site) => correlations.governs(site.call));
  const findings: ReleaseFinding[] = [];
  for (const [node, state] of seen) {
    const release = subject.releases.get(node);
    if (release === undefined) {
      const finding =
        (state & RELEASED) !== 0 && !explained(node, state)
          ? twiceOrAfter('useAfterRelease', node, state, subject)
          : null;
      if (finding) findings.push(finding);
      continue;
    }
    const call = release.site.call;
    if (subject.kind === 'using') {
      if (allowTwice) {
        findings.push({
          kind: 'releasedBeforeScopeEnd',
          node: call,
          lifetime: subject.lifetime,
          name: subject.name,
          declaration: subject.declaration,
        });
      }
    } else if ((state & RELEASED) !== 0 && allowTwice && !explained(call, state)) {
      const finding = twiceOrAfter('releasedTwice', call, state, subject);
      if (finding) findings.push(finding);
    } else if ((state & NONE_THROWN) !== 0 && !release.guarded && subject.name !== null) {
      findings.push({ kind: 'releaseOfNothing', node: call, lifetime: subject.lifetime, name: subject.name });
    }
  }
  return findings;
}

function afterRelease(state: number, { index, guarded }: SubjectRelease): number {
  const skipped = guarded ? NONE | NONE_THROWN | OTHER : OTHER;
  const released =
    (state & STATE_BITS & ~skipped) !== 0 ? RELEASED | (1 << (SITE_SHIFT + Math.min(index, MAX_SITE))) : 0;
  return (state & skipped) | released;
}

/** The release sites that may have released the value in `state`, in source order. */
function sitesIn(state: number, subject: Subject): ReleaseSite[] {
  return subject.sites.filter((_site, index) => (state & (1 << (SITE_SHIFT + Math.min(index, MAX_SITE)))) !== 0);
}

function twiceOrAfter(
  kind: 'useAfterRelease' | 'releasedTwice',
  node: TSESTree.Node,
  state: number,
  subject: Subject,
): ReleaseFinding | null {
  const sites = sitesIn(state, subject);
  const before = sites.find((site) => site.call.range[1] <= node.range[0]);
  // A state with RELEASED always carries the bit of a site that released (`afterRelease`).
  const release = before ?? sites[0];
  if (!release) return null;
  const pathCount: ReleasePaths = !before
    ? 'earlier-iteration'
    : (state & (STATE_BITS & ~RELEASED)) !== 0
      ? 'some'
      : 'every';
  return { kind, node, lifetime: subject.lifetime, name: subject.name, release, paths: pathCount };
}
