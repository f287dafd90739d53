/**
 * The forward solver over recorded code paths: a "may" data flow with a bit-set state, where a state is the union of
 * what holds on each path. ESLint links a `try` block to its `catch`/`finally` only from its first throwable node and
 * from its end; the solver replaces those edges with exact ones: every call, `new`, `await`, tagged template, `yield`,
 * `throw` and `for await` iteration throws into the innermost `catch` or `finally` around it, with the state it has
 * at that point.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { FunctionPaths, PathEntry, Segment } from './codePaths.js';
import { isNonThrowingCall } from './risks.js';

/** A forward "may" problem over bit-set states: a state is the union of what holds on each path. */
export interface FlowProblem {
  /** The state when the function starts. */
  readonly entry: number;
  /** The state an exception carries into a `catch`/`finally` when thrown in `state`. */
  thrown(state: number): number;
  /** The state after `entry` ran in `state`. */
  step(state: number, entry: PathEntry): number;
}

/** Whether control can leave by an exception at this entry (before the entry's own effect). */
export function canThrowAt(entry: PathEntry): boolean {
  if (entry.phase === 'iterate') return true;
  if (entry.phase !== 'exit') return false;
  switch (entry.node.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return !isNonThrowingCall(entry.node);
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.TaggedTemplateExpression:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    default:
      return false;
  }
}

/**
 * Solves `problem` over the function's reachable segments and returns the state at the start of each segment that
 * some path reaches. Edges into a `catch` or a leaving `finally` path come from the throwing entries (see the file
 * comment), from `return`s and from inner leaving `finally` paths; ESLint's own approximate exception edges are
 * not used.
 */
export function solveForward(paths: FunctionPaths, problem: FlowProblem): ReadonlyMap<Segment, number> {
  paths.stats.solvedProblems++;
  const initial = paths.initial;
  const starts = paths.exceptionalStarts();
  const inStates = new Map<Segment, number>();
  const outStates = new Map<Segment, number>();
  const thrown = new Map<TSESTree.TryStatement, { catch: number; finally: number }>();
  const queue: Segment[] = [initial];
  const queued = new Set<Segment>(queue);
  const enqueue = (segment: Segment): void => {
    if (queued.has(segment)) return;
    queued.add(segment);
    queue.push(segment);
  };

  let head = 0;
  for (let segment = queue[head]; segment; segment = queue[++head]) {
    queued.delete(segment);
    const target = starts.get(segment);
    let state = segment === initial ? problem.entry : 0;
    for (const previous of paths.previous(segment)) {
      if (target && !paths.returnEnds.has(previous) && !paths.leavingEnds.has(previous)) continue;
      state |= outStates.get(previous) ?? 0;
    }
    if (target) state |= thrown.get(target.tryStatement)?.[target.into] ?? 0;
    if (state === 0 || (inStates.get(segment) === state && outStates.has(segment))) continue;
    inStates.set(segment, state);
    for (const entry of paths.entriesOf(segment)) {
      if (canThrowAt(entry)) {
        const into = paths.throwTarget(entry.node);
        if (into) {
          let states = thrown.get(into.tryStatement);
          if (!states) thrown.set(into.tryStatement, (states = { catch: 0, finally: 0 }));
          const next = states[into.into] | problem.thrown(state);
          if (next !== states[into.into]) {
            states[into.into] = next;
            for (const start of paths.startsOf(into)) enqueue(start);
          }
        }
      }
      state = problem.step(state, entry);
    }
    if (outStates.get(segment) !== state) {
      outStates.set(segment, state);
      for (const next of paths.next(segment)) enqueue(next);
    }
  }
  return inStates;
}

/** Runs every reached segment once more from its solved start state, calling `visit` before each entry. */
export function replay(
  paths: FunctionPaths,
  problem: FlowProblem,
  inStates: ReadonlyMap<Segment, number>,
  visit: (state: number, entry: PathEntry) => void,
): void {
  for (const [segment, start] of inStates) {
    let state = start;
    for (const entry of paths.entriesOf(segment)) {
      visit(state, entry);
      state = problem.step(state, entry);
    }
  }
}
