/**
 * Code-path facts (DESIGN.md §2, `analysis/paths.ts`): what holds on SOME path through a function, not just in its
 * statement structure: "released on one path that reaches this use", "released twice on one path", "still unassigned
 * on the path where the acquisition threw".
 *
 * Three layers, each usable on its own by a rule:
 * 1. {@link PathRecorder}: rule listeners that follow ESLint's code-path analysis (`onCodePathStart`,
 *    `onCodePathSegmentStart`/`End`, …) and record, per function, which segments each interesting node runs in, and
 *    where `catch` and `finally` blocks start. It records only the functions whose text names an acquiring call of
 *    the catalog ({@link mayAcquireIn}: one token pass per file), so code without resources does no path work.
 * 2. {@link solveForward}: a forward "may" data flow over the recorded segments with a bit-set state. ESLint links a
 *    `try` block to its `catch`/`finally` only from its first throwable node and from its end; the solver replaces
 *    those edges with exact ones: every call, `new`, `await`, tagged template, `yield`, `throw` and `for await`
 *    iteration throws into the innermost `catch` or `finally` around it, with the state it has at that point.
 * 3. {@link releaseFindings}: the release lattice on top: use after release, double release, a `using` binding
 *    released by hand, and a release of a binding that holds nothing because its acquisition threw.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { timerAliases, timerStartNames } from '../resources/timers.js';
import type { ResourceModel } from '../resources/match.js';
import {
  comparisonOperators,
  contains,
  enclosingFunction,
  isFunction,
  parentThroughWrappers,
  skipWrappers,
  statementList,
  type FunctionNode,
} from '../util/ast.js';
import { walk } from '../util/walk.js';
import { isNonThrowingCall } from './guarantee.js';
import { roleOf, type Lifetime, type ReleaseSite } from './lifetime.js';
import { acquisitionOffsets, anyOffsetWithin, nameOffsets } from './prefilter.js';

export type Segment = TSESLint.CodePathSegment;
type Variable = TSESLint.Scope.Variable;

// ---------------------------------------------------------------------------------------------------------------
// Which functions are recorded
// ---------------------------------------------------------------------------------------------------------------

/** The key under which the offsets of timer starts are cached per file (see `nameOffsets`). */
const TIMER_NAMES = {};

/**
 * Whether the text of `node` names a call that acquires a resource of the catalog or of `settings.cleanup`
 * (`connect`, `acquire`, `'open'`), or with `timers` a timer start (`setInterval`, a module-level alias of it): the
 * cheap test that decides whether a function's code path is recorded. One scan of the text per file, then a binary
 * search.
 */
export function mayAcquireIn(
  model: ResourceModel,
  node: TSESTree.Node,
  options: { readonly timers?: boolean } = {},
): boolean {
  if (anyOffsetWithin(acquisitionOffsets(model, model.acquirers), node)) return true;
  if (!options.timers) return false;
  return anyOffsetWithin(
    nameOffsets(model.sourceCode, TIMER_NAMES, () => [...timerStartNames, ...timerAliases(model)]),
    node,
  );
}

/** How much path work a file caused; read by the count-based regression test. */
export interface PathStats {
  /** Functions whose code path was recorded (their text names an acquiring call). */
  recordedFunctions: number;
  /** Data-flow problems solved (one per resource binding of a function that acquires). */
  solvedProblems: number;
}

const statsByFile = new WeakMap<TSESTree.Program, PathStats>();

/** The path-work counters of one linted file (keyed on its AST, so nothing outlives the file). */
export function pathStats(ast: TSESTree.Program): PathStats {
  let stats = statsByFile.get(ast);
  if (!stats) {
    stats = { recordedFunctions: 0, solvedProblems: 0 };
    statsByFile.set(ast, stats);
  }
  return stats;
}

// ---------------------------------------------------------------------------------------------------------------
// Recording
// ---------------------------------------------------------------------------------------------------------------

/**
 * When a node is recorded: `enter` (identifiers: a reference is read before its expression runs), `exit` (calls,
 * assignments, declarators, `await`: their effect has happened), or `iterate` (the left side of a `for await` loop,
 * where every iteration awaits and can throw).
 */
export type EntryPhase = 'enter' | 'exit' | 'iterate';

/** One recorded node and the code-path segments current when it ran (several in a `finally`: one per way in). */
export interface PathEntry {
  readonly node: TSESTree.Node;
  readonly phase: EntryPhase;
  readonly segments: readonly Segment[];
}

/** The handler an exception thrown at a node enters, inside the same function. */
export interface ThrowTarget {
  readonly tryStatement: TSESTree.TryStatement;
  readonly into: 'catch' | 'finally';
}

/** What was recorded for one function: its segments, its entries, and where exceptions and `finally` paths go. */
export class FunctionPaths {
  readonly entries: PathEntry[] = [];
  /** The segments each `catch` clause starts in. */
  readonly catchStarts = new Map<TSESTree.TryStatement, readonly Segment[]>();
  /** The parallel segments a `finally` block runs in for the paths that leave by `return` or by an exception. */
  readonly finallyLeaving = new Map<TSESTree.TryStatement, readonly Segment[]>();
  /** The last segments of those leaving paths: they go on to an outer `catch`/`finally` or leave the function. */
  readonly leavingEnds = new Set<Segment>();
  /** Segments that end with a `return`. */
  readonly returnEnds = new Set<Segment>();
  /** How many parallel segments were current when each `try` started. */
  readonly tryWidths = new Map<TSESTree.TryStatement, number>();
  private index: Map<Segment, PathEntry[]> | null = null;
  private starts: Map<Segment, ThrowTarget> | null = null;
  private readonly targets = new Map<TSESTree.Node, ThrowTarget | null>();

  constructor(
    readonly node: FunctionNode,
    readonly codePath: TSESLint.CodePath,
    readonly stats: PathStats,
  ) {}

  /** The recorded entries that run in `segment`, in evaluation order. */
  entriesOf(segment: Segment): readonly PathEntry[] {
    if (!this.index) {
      this.index = new Map();
      for (const entry of this.entries) {
        for (const current of entry.segments) {
          const list = this.index.get(current);
          if (list) list.push(entry);
          else this.index.set(current, [entry]);
        }
      }
    }
    return this.index.get(segment) ?? [];
  }

  /** The `catch` or `finally` that an exception thrown at `node` enters, or null when it leaves the function. */
  throwTarget(node: TSESTree.Node): ThrowTarget | null {
    let target = this.targets.get(node);
    if (target === undefined) {
      target = null;
      // Entries come from this function's own code path: nested functions and class bodies have code paths of their own.
      for (
        let child = node, parent = node.parent;
        parent && parent !== this.node;
        child = parent, parent = parent.parent
      ) {
        if (parent.type !== AST_NODE_TYPES.TryStatement) continue;
        if (child === parent.block && parent.handler) target = { tryStatement: parent, into: 'catch' };
        else if ((child === parent.block || child === parent.handler) && parent.finalizer)
          target = { tryStatement: parent, into: 'finally' };
        if (target) break;
      }
      this.targets.set(node, target);
    }
    return target;
  }

  /** Segments entered only by exceptions (a `catch`), or by exceptions and `return`s (a leaving `finally` path). */
  exceptionalStarts(): ReadonlyMap<Segment, ThrowTarget> {
    if (!this.starts) {
      this.starts = new Map();
      for (const [tryStatement, segments] of this.catchStarts) {
        for (const segment of segments) this.starts.set(segment, { tryStatement, into: 'catch' });
      }
      for (const [tryStatement, segments] of this.finallyLeaving) {
        for (const segment of segments) this.starts.set(segment, { tryStatement, into: 'finally' });
      }
    }
    return this.starts;
  }

  /** The segments an exception entering `target` starts in. */
  startsOf(target: ThrowTarget): readonly Segment[] {
    return (target.into === 'catch' ? this.catchStarts : this.finallyLeaving).get(target.tryStatement) ?? [];
  }
}

interface Frame<S> {
  readonly paths: FunctionPaths | null;
  /** ESLint's current segments by position; a slot is null between the end of a segment and the start of the next. */
  slots: readonly (Segment | null)[];
  current: readonly Segment[];
  readonly subjects: S[];
}

/** The frame of a function whose paths are recorded. */
type RecordingFrame<S> = Frame<S> & { readonly paths: FunctionPaths };

function isRecordingFrame<S>(frame: Frame<S>): frame is RecordingFrame<S> {
  return frame.paths !== null;
}

/**
 * Follows ESLint's code-path events and records the functions for which `shouldRecord` says yes. A rule adds the
 * subjects it cares about (say, the lifetimes acquired in the function) with {@link PathRecorder.addSubject}; when
 * a recorded function with subjects ends, `onEnd` gets its {@link FunctionPaths}. Merge {@link listeners} into the
 * rule's listeners (`mergeListeners` in util/listeners.ts).
 */
export class PathRecorder<S> {
  readonly listeners: TSESLint.RuleListener;
  private readonly frames: Frame<S>[] = [];

  constructor(
    ast: TSESTree.Program,
    shouldRecord: (node: FunctionNode) => boolean,
    onEnd: (paths: FunctionPaths, subjects: readonly S[]) => void,
  ) {
    const stats = pathStats(ast);
    const frames = this.frames;
    const recording = (): RecordingFrame<S> | null => {
      const frame = frames.at(-1);
      return frame && isRecordingFrame(frame) ? frame : null;
    };
    const record = (node: TSESTree.Node, phase: EntryPhase): void => {
      const frame = recording();
      if (frame) frame.paths.entries.push({ node, phase, segments: frame.current });
    };
    const enter = (node: TSESTree.Node): void => {
      record(node, 'enter');
    };
    const exit = (node: TSESTree.Node): void => {
      record(node, 'exit');
    };
    const segmentStart = (segment: Segment): void => {
      const frame = recording();
      if (!frame) return;
      const slots = [...frame.slots];
      const free = slots.indexOf(null);
      if (free < 0) slots.push(segment);
      else slots[free] = segment;
      setSlots(frame, slots);
    };
    const segmentEnd = (segment: Segment): void => {
      const frame = recording();
      if (!frame) return;
      setSlots(
        frame,
        frame.slots.map((slot) => (slot === segment ? null : slot)),
      );
    };
    const finalizerOf = (node: TSESTree.BlockStatement): TSESTree.TryStatement | null =>
      node.parent.type === AST_NODE_TYPES.TryStatement && node.parent.finalizer === node ? node.parent : null;

    const codePathListeners = {
      onCodePathStart(codePath: TSESLint.CodePath, node: TSESTree.Node): void {
        const paths = isFunction(node) && shouldRecord(node) ? new FunctionPaths(node, codePath, stats) : null;
        if (paths) stats.recordedFunctions++;
        frames.push({ paths, slots: [], current: [], subjects: [] });
      },
      onCodePathEnd(): void {
        const frame = frames.pop();
        if (frame?.paths && frame.subjects.length > 0) onEnd(frame.paths, frame.subjects);
      },
      onCodePathSegmentStart: segmentStart,
      onUnreachableCodePathSegmentStart: segmentStart,
      onCodePathSegmentEnd: segmentEnd,
      onUnreachableCodePathSegmentEnd: segmentEnd,
    };
    this.listeners = {
      ...(codePathListeners as unknown as TSESLint.RuleListener),
      Identifier: enter,
      'CallExpression:exit': exit,
      'NewExpression:exit': exit,
      'AwaitExpression:exit': exit,
      'TaggedTemplateExpression:exit': exit,
      'YieldExpression:exit': exit,
      'ThrowStatement:exit': exit,
      'AssignmentExpression:exit': exit,
      'VariableDeclarator:exit': exit,
      'ForOfStatement[await=true] > .left'(node: TSESTree.Node) {
        record(node, 'iterate');
      },
      'ReturnStatement:exit'() {
        const frame = recording();
        if (frame) for (const segment of frame.current) frame.paths.returnEnds.add(segment);
      },
      TryStatement(node) {
        const frame = recording();
        if (frame) frame.paths.tryWidths.set(node, frame.current.length);
      },
      CatchClause(node) {
        const frame = recording();
        if (frame) frame.paths.catchStarts.set(node.parent, frame.current);
      },
      'TryStatement > BlockStatement.finalizer'(node: TSESTree.BlockStatement) {
        const frame = recording();
        const tryStatement = finalizerOf(node);
        if (!frame || !tryStatement) return;
        const width = frame.paths.tryWidths.get(tryStatement) ?? 0;
        if (width > 0 && frame.current.length === 2 * width)
          frame.paths.finallyLeaving.set(tryStatement, frame.current.slice(width));
      },
      'TryStatement > BlockStatement.finalizer:exit'(node: TSESTree.BlockStatement) {
        const frame = recording();
        const tryStatement = finalizerOf(node);
        if (!frame || !tryStatement || !frame.paths.finallyLeaving.has(tryStatement)) return;
        const width = frame.paths.tryWidths.get(tryStatement) ?? 0;
        if (frame.current.length === 2 * width)
          for (const segment of frame.current.slice(width)) frame.paths.leavingEnds.add(segment);
      },
    };
  }

  /** True while the innermost code path is a recorded function: a rule's cheapest bail-out. */
  isRecording(): boolean {
    return this.frames[this.frames.length - 1]?.paths != null;
  }

  /** Adds a subject to `owner` when it is the function being recorded; otherwise ignores it. */
  addSubject(owner: FunctionNode, subject: S): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.paths?.node === owner) frame.subjects.push(subject);
  }
}

function setSlots<S>(frame: Frame<S>, slots: readonly (Segment | null)[]): void {
  frame.slots = slots;
  frame.current = slots.filter((slot): slot is Segment => slot !== null);
}

// ---------------------------------------------------------------------------------------------------------------
// Data flow
// ---------------------------------------------------------------------------------------------------------------

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
      return !isNonThrowingCall(entry.node);
    case AST_NODE_TYPES.NewExpression:
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
  const initial = paths.codePath.initialSegment;
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
    for (const previous of segment.prevSegments) {
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
      for (const next of segment.nextSegments) enqueue(next);
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

// ---------------------------------------------------------------------------------------------------------------
// The release lattice
// ---------------------------------------------------------------------------------------------------------------

/** The binding holds null/undefined: declared without a value, or set to `null`/`undefined`. */
const NONE = 1;
/** As NONE, on a path that an exception took (the acquisition, or code before it, threw). */
const NONE_THROWN = 2;
/** The binding holds a live resource. */
const HELD = 4;
/** The resource was released; the release sites that did it are in the bits from SITE_SHIFT up. */
const RELEASED = 8;
/** The binding holds something this analysis does not follow. */
const OTHER = 16;
const STATE_BITS = NONE | NONE_THROWN | HELD | RELEASED | OTHER;
const SITE_SHIFT = 5;
const MAX_SITE = 31 - SITE_SHIFT - 1;
/** A write that keeps the old value on some paths: `x ??= y`. */
const MAYBE_OTHER = -1;

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

/** A release site of a subject. */
interface SubjectRelease {
  readonly site: ReleaseSite;
  /** The site's index in `Subject.sites`. */
  readonly index: number;
  /** The release is skipped when the binding holds nothing (`x?.release()`, `if (x) x.release()`). */
  readonly guarded: boolean;
}

interface SubjectBase {
  /** The first acquisition: names the resource in messages. */
  readonly lifetime: Lifetime;
  readonly variable: Variable | null;
  readonly entry: number;
  /** Node whose entry writes the binding → the state written (or MAYBE_OTHER). */
  readonly writes: Map<TSESTree.Node, number>;
  /** Node whose exit completes a release (the call, or the `await` around it) → that release. */
  readonly releases: Map<TSESTree.Node, SubjectRelease>;
  /** The release sites in source order. */
  readonly sites: readonly ReleaseSite[];
  readonly uses: ReadonlySet<TSESTree.Node>;
  readonly idempotent: boolean;
}

type Subject =
  | (SubjectBase & { readonly kind: 'binding' | 'receiver'; readonly name: string | null })
  | (SubjectBase & { readonly kind: 'using'; readonly name: string; readonly declaration: 'using' | 'await using' });

/** Acquisitions grouped by what holds them; a group has at least one. */
type Group = readonly [Lifetime, ...Lifetime[]];

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

function subjectsOf(model: ResourceModel, paths: FunctionPaths, lifetimes: readonly Lifetime[]): Subject[] {
  const bindings = new Map<Variable, [Lifetime, ...Lifetime[]]>();
  const receivers = new Map<string, [Lifetime, ...Lifetime[]]>();
  const subjects: Subject[] = [];
  for (const lifetime of lifetimes) {
    if ((lifetime.form === 'declared' || lifetime.form === 'assigned') && lifetime.variable) {
      const group = bindings.get(lifetime.variable);
      if (group) group.push(lifetime);
      else bindings.set(lifetime.variable, [lifetime]);
    } else if (lifetime.form === 'floating' && lifetime.releases.length > 1) {
      const call = lifetime.acquisition.call;
      const argument = call.arguments[0];
      const key = `${model.keyOf(call.callee)}(${argument ? model.keyOf(argument) : ''})`;
      const group = receivers.get(key);
      if (group) group.push(lifetime);
      else receivers.set(key, [lifetime]);
    } else if (lifetime.form === 'using') {
      const subject = usingSubject(model, paths, lifetime);
      if (subject) subjects.push(subject);
    }
  }
  for (const [variable, group] of bindings) {
    const subject = bindingSubject(model, paths, variable, group);
    if (subject) subjects.push(subject);
  }
  for (const group of receivers.values()) subjects.push(receiverSubject(group));
  return subjects;
}

function bindingSubject(model: ResourceModel, paths: FunctionPaths, variable: Variable, group: Group): Subject | null {
  const owner = paths.node;
  const acquisitions = new Set<TSESTree.Node>(group.map((lifetime) => lifetime.acquisition.call));
  const writes = new Map<TSESTree.Node, number>();
  // `let x;` makes a fresh, empty binding each time it runs (in a loop body too); it is a declaration, not a write.
  for (const definition of variable.defs) {
    const node = definition.node;
    if (
      node.type === AST_NODE_TYPES.VariableDeclarator &&
      !node.init &&
      node.parent.kind !== 'var' &&
      !isLoopHead(node.parent)
    ) {
      writes.set(node, NONE);
    }
  }
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const identifier = reference.identifier;
    if (enclosingFunction(identifier) !== owner) return null;
    const { node, state } = writeOf(identifier, acquisitions);
    writes.set(node, state);
  }
  const references = variable.references.map((reference) => reference.identifier);
  const refersToBinding = (call: TSESTree.CallExpression): boolean =>
    references.some((identifier) => contains(call, identifier));
  const sites = new Map<TSESTree.CallExpression, ReleaseSite>();
  const uses = new Set<TSESTree.Node>();
  for (const lifetime of group) {
    // A release through the receiver (`mutex.release()`) is not tied to this binding's acquisition.
    for (const site of lifetime.releases) if (!site.nested && refersToBinding(site.call)) sites.set(site.call, site);
    for (const identifier of lifetime.uses)
      if (enclosingFunction(identifier) === owner && isConsumingUse(identifier)) uses.add(identifier);
    for (const escape of lifetime.escapes)
      if (enclosingFunction(escape) === owner && isPassedOn(model, escape)) uses.add(escape);
  }
  const name = variable.name;
  const ordered = [...sites.values()].sort((a, b) => a.call.range[0] - b.call.range[0]);
  const idempotent = group[0].acquisition.resource.release.idempotent === true;
  return {
    kind: 'binding',
    lifetime: group[0],
    variable,
    name,
    entry: NONE,
    writes,
    ...releaseIndex(ordered, (site) => isGuarded(site.call, name, owner)),
    // Releasing an idempotent handle only stops it (a timer, a releaser): using it afterwards is harmless.
    uses: idempotent ? new Set() : uses,
    idempotent,
  };
}

function usingSubject(model: ResourceModel, paths: FunctionPaths, lifetime: Lifetime): Subject | null {
  const owner = paths.node;
  // `using x = …` / `await using x = …` (the lifetime says so): the declarator around the acquisition binds one name.
  let declarator: TSESTree.Node | undefined = lifetime.acquisition.call.parent;
  while (declarator && declarator.type !== AST_NODE_TYPES.VariableDeclarator) declarator = declarator.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  const variable = model.sourceCode.getDeclaredVariables(declarator)[0];
  if (!variable) return null;
  const kind = declarator.parent.kind === 'await using' ? 'await using' : 'using';
  const sites: ReleaseSite[] = [];
  const uses = new Set<TSESTree.Node>();
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (
      reference.init === true ||
      identifier.type !== AST_NODE_TYPES.Identifier ||
      enclosingFunction(identifier) !== owner
    )
      continue;
    const role = roleOf(model, lifetime.acquisition, identifier);
    if (role.type === 'release') sites.push({ call: role.call, nested: false });
    else if (role.type === 'use' ? isConsumingUse(identifier) : isPassedOn(model, identifier)) uses.add(identifier);
  }
  return {
    kind: 'using',
    lifetime,
    variable,
    name: variable.name,
    entry: NONE,
    writes: new Map([[declarator, HELD]]),
    ...releaseIndex(sites, () => false),
    uses,
    idempotent: lifetime.acquisition.resource.release.idempotent === true,
    declaration: kind,
  };
}

/** Floating acquisitions on one receiver; receiver releases act on the shared receiver, so they are never idempotent. */
function receiverSubject(group: Group): Subject {
  const sites = new Map<TSESTree.CallExpression, ReleaseSite>();
  const writes = new Map<TSESTree.Node, number>();
  for (const lifetime of group) {
    writes.set(effectOf(lifetime.acquisition.call), HELD);
    for (const site of lifetime.releases) if (!site.nested) sites.set(site.call, site);
  }
  const ordered = [...sites.values()].sort((a, b) => a.call.range[0] - b.call.range[0]);
  return {
    kind: 'receiver',
    lifetime: group[0],
    variable: null,
    name: null,
    entry: OTHER,
    writes,
    ...releaseIndex(ordered, () => false),
    uses: new Set(),
    idempotent: false,
  };
}

function releaseIndex(
  sites: readonly ReleaseSite[],
  isGuardedSite: (site: ReleaseSite) => boolean,
): Pick<SubjectBase, 'releases' | 'sites'> {
  const releases = new Map<TSESTree.Node, SubjectRelease>();
  sites.forEach((site, index) => releases.set(effectOf(site.call), { site, index, guarded: isGuardedSite(site) }));
  return { releases, sites };
}

/** The call, or the `await` around it: a release or acquisition is complete when the awaited promise settles. */
function effectOf(call: TSESTree.CallExpression): TSESTree.Node {
  const { child, parent } = parentThroughWrappers(call);
  return parent?.type === AST_NODE_TYPES.AwaitExpression && parent.argument === child ? parent : call;
}

/** The `let x` of `for (let x of …)` / `for (let x in …)`: each pass binds the next value. */
function isLoopHead(declaration: TSESTree.VariableDeclaration): boolean {
  const parent = declaration.parent;
  return (
    (parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) &&
    parent.left === declaration
  );
}

/** Where a write to the binding takes effect, and what it leaves the binding holding. */
function writeOf(
  identifier: TSESTree.Node,
  acquisitions: ReadonlySet<TSESTree.Node>,
): { node: TSESTree.Node; state: number } {
  const { child, parent } = parentThroughWrappers(identifier);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child) {
    if (parent.operator === '=') return { node: parent, state: valueState(parent.right, acquisitions) };
    const logical = parent.operator === '&&=' || parent.operator === '||=' || parent.operator === '??=';
    return { node: parent, state: logical ? MAYBE_OTHER : OTHER };
  }
  // A declarator, also through a destructuring pattern: `const [, release] = await semaphore.acquire()`.
  let declarator: TSESTree.Node | undefined = parent;
  while (
    declarator &&
    (declarator.type === AST_NODE_TYPES.ArrayPattern ||
      declarator.type === AST_NODE_TYPES.ObjectPattern ||
      declarator.type === AST_NODE_TYPES.Property ||
      declarator.type === AST_NODE_TYPES.AssignmentPattern ||
      declarator.type === AST_NODE_TYPES.RestElement)
  ) {
    declarator = declarator.parent;
  }
  // A declarator's write is its initialiser (`let x;` has no write reference).
  if (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.init &&
    contains(declarator.id, identifier)
  ) {
    return { node: declarator, state: valueState(declarator.init, acquisitions) };
  }
  return { node: identifier, state: OTHER };
}

function valueState(expression: TSESTree.Expression, acquisitions: ReadonlySet<TSESTree.Node>): number {
  let value = skipWrappers(expression);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
  if (acquisitions.has(value)) return HELD;
  const nothing =
    (value.type === AST_NODE_TYPES.Literal && value.value === null && !('regex' in value && value.regex)) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void');
  return nothing ? NONE : OTHER;
}

/**
 * Member access or a call on the value. Not a test of the value (`if (x)`, `x == null`, `typeof x`), nor bookkeeping
 * on it: a property written (`x.done = true`, `x.uses++`, `delete x.tag`) or read as a condition (`if (!x.closed)`).
 */
function isConsumingUse(identifier: TSESTree.Node): boolean {
  const { child, parent } = parentThroughWrappers(identifier);
  if (parent?.type === AST_NODE_TYPES.CallExpression) return parent.callee === child;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
  const outer = parentThroughWrappers(parent);
  switch (outer.parent?.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return outer.parent.left !== outer.child;
    case AST_NODE_TYPES.UpdateExpression:
      return false;
    case AST_NODE_TYPES.UnaryExpression:
      return outer.parent.operator !== 'delete' && outer.parent.operator !== '!' && outer.parent.operator !== 'typeof';
    case AST_NODE_TYPES.BinaryExpression:
      return !comparisonOperators.has(outer.parent.operator);
    case AST_NODE_TYPES.LogicalExpression:
      return outer.parent.right === outer.child;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return false;
    case AST_NODE_TYPES.ConditionalExpression:
      return outer.parent.test !== outer.child;
    default:
      return true;
  }
}

/** Passed to a call or constructor as an argument (`send(client)`), not to `console.*`. */
function isPassedOn(model: ResourceModel, node: TSESTree.Node): boolean {
  const { child, parent } = parentThroughWrappers(node);
  if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return false;
  if (!parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return false;
  const callee = skipWrappers(parent.callee);
  return !(callee.type === AST_NODE_TYPES.MemberExpression && model.keyOf(callee.object) === 'console');
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

// ---------------------------------------------------------------------------------------------------------------
// Syntactic refinements the segments cannot give
// ---------------------------------------------------------------------------------------------------------------

type Presence = 'ifTrue' | 'ifFalse' | null;

/**
 * The release runs only when the binding holds something: `x?.release()`, `release?.()`, `if (x) …`, `x && …`,
 * `if (!x) return;` earlier in an enclosing block, and the same with `x != null`, `x !== undefined`, `typeof x`.
 */
function isGuarded(call: TSESTree.CallExpression, name: string, owner: FunctionNode): boolean {
  const callee = skipWrappers(call.callee);
  if (
    call.optional ||
    (callee.type === AST_NODE_TYPES.MemberExpression && callee.optional && isName(callee.object, name))
  )
    return true;
  for (
    let child: TSESTree.Node = call, parent: TSESTree.Node | undefined = call.parent;
    parent && parent !== owner;
    child = parent, parent = parent.parent
  ) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (
          child !== parent.test &&
          presenceOf(parent.test, name) === (child === parent.consequent ? 'ifTrue' : 'ifFalse')
        )
          return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (
          child === parent.right &&
          parent.operator !== '??' &&
          presenceOf(parent.left, name) === (parent.operator === '&&' ? 'ifTrue' : 'ifFalse')
        ) {
          return true;
        }
        break;
      default: {
        const list = statementList(child);
        if (list && list.slice(0, list.indexOf(child)).some((statement) => isEarlyExitGuard(statement, name)))
          return true;
      }
    }
  }
  return false;
}

/** `if (!x) return;` / `if (x == null) { …; throw e; }`. */
function isEarlyExitGuard(statement: TSESTree.Node, name: string): boolean {
  if (
    statement.type !== AST_NODE_TYPES.IfStatement ||
    statement.alternate ||
    presenceOf(statement.test, name) !== 'ifFalse'
  )
    return false;
  const last =
    statement.consequent.type === AST_NODE_TYPES.BlockStatement
      ? statement.consequent.body.at(-1)
      : statement.consequent;
  return (
    last?.type === AST_NODE_TYPES.ReturnStatement ||
    last?.type === AST_NODE_TYPES.ThrowStatement ||
    last?.type === AST_NODE_TYPES.BreakStatement ||
    last?.type === AST_NODE_TYPES.ContinueStatement
  );
}

/** Whether a truthy (`ifTrue`) or falsy (`ifFalse`) `test` means the binding `name` holds something. */
function presenceOf(test: TSESTree.Node, name: string): Presence {
  const node = test.type === AST_NODE_TYPES.ChainExpression ? test.expression : test;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name === name ? 'ifTrue' : null;
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
      return presenceOf(node.expression, name);
    case AST_NODE_TYPES.UnaryExpression: {
      if (node.operator !== '!') return null;
      const inner = presenceOf(node.argument, name);
      return inner === 'ifTrue' ? 'ifFalse' : inner === 'ifFalse' ? 'ifTrue' : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const [argument] = node.arguments;
      return isName(node.callee, 'Boolean') && argument && node.arguments.length === 1
        ? presenceOf(argument, name)
        : null;
    }
    case AST_NODE_TYPES.LogicalExpression:
      if (node.operator === '&&')
        return presenceOf(node.left, name) === 'ifTrue' || presenceOf(node.right, name) === 'ifTrue' ? 'ifTrue' : null;
      if (node.operator === '||')
        return presenceOf(node.left, name) === 'ifFalse' || presenceOf(node.right, name) === 'ifFalse'
          ? 'ifFalse'
          : null;
      return null;
    case AST_NODE_TYPES.BinaryExpression:
      return comparisonPresence(node, name);
    default:
      return null;
  }
}

/** `x != null`, `x !== undefined`, `typeof x !== 'undefined'`, `x instanceof C` and their negations. */
function comparisonPresence(node: TSESTree.BinaryExpression, name: string): Presence {
  if (node.operator === 'instanceof') return isName(node.left, name) ? 'ifTrue' : null;
  const negated = node.operator === '!=' || node.operator === '!==';
  if (!negated && node.operator !== '==' && node.operator !== '===') return null;
  const sides: [TSESTree.Node, TSESTree.Node][] = [
    [node.left, node.right],
    [node.right, node.left],
  ];
  for (const [subject, other] of sides) {
    const isTypeof =
      subject.type === AST_NODE_TYPES.UnaryExpression &&
      subject.operator === 'typeof' &&
      isName(subject.argument, name);
    const nothing = isTypeof
      ? other.type === AST_NODE_TYPES.Literal && other.value === 'undefined'
      : isName(subject, name) &&
        ((other.type === AST_NODE_TYPES.Literal && other.value === null && !('regex' in other && other.regex)) ||
          isName(other, 'undefined'));
    if (nothing) return negated ? 'ifTrue' : 'ifFalse';
  }
  return null;
}

function isName(node: TSESTree.Node, name: string): boolean {
  const inner =
    node.type === AST_NODE_TYPES.TSNonNullExpression || node.type === AST_NODE_TYPES.TSAsExpression
      ? node.expression
      : node;
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
}

/**
 * Conditions the paths cannot correlate. The data flow joins the branches of every `if`, so two tests of one flag
 * (`if (skip) return; … if (skip) client.release()`, or `released = true; … if (!released) client.release()`) look
 * like independent choices and give paths that never run. A finding is dropped when its node, or every release that
 * reaches it, runs under a test of:
 * - a variable that another condition of the function also tests, or that the function writes after declaring it;
 * - a property of the resource itself (`if (!client.closed)`).
 */
class Correlations {
  private counts: Map<Variable, number> | null = null;

  constructor(
    private readonly model: ResourceModel,
    private readonly owner: FunctionNode,
    private readonly subject: Variable | null,
  ) {}

  /** `node` runs only under a test of a correlated variable. */
  governs(node: TSESTree.Node): boolean {
    for (
      let child: TSESTree.Node = node, parent = node.parent;
      parent && parent !== this.owner;
      child = parent, parent = parent.parent
    ) {
      const test = branchTest(parent, child);
      if (test && this.variablesIn(test).some((variable) => this.isCorrelated(variable))) return true;
      if (test && this.testsSubjectProperty(test)) return true;
    }
    return false;
  }

  private isCorrelated(variable: Variable): boolean {
    if (variable === this.subject) return false;
    if (
      variable.references.some(
        (reference) =>
          reference.isWrite() && reference.init !== true && enclosingFunction(reference.identifier) === this.owner,
      )
    ) {
      return true;
    }
    return (this.testCounts().get(variable) ?? 0) > 1;
  }

  /** How many branch tests of the owner mention each variable (each test counts once). */
  private testCounts(): Map<Variable, number> {
    if (!this.counts) {
      const counts = new Map<Variable, number>();
      // A condition nested in a test (`if (a && b)`) belongs to that test: it is counted once.
      let counted: TSESTree.Node | null = null;
      walk(this.model.sourceCode.visitorKeys, this.owner.body, (node) => {
        if (isFunction(node)) return false;
        const test = counted && contains(counted, node) ? null : conditionOf(node);
        if (test) {
          counted = test;
          for (const variable of new Set(this.variablesIn(test))) counts.set(variable, (counts.get(variable) ?? 0) + 1);
        }
        return true;
      });
      this.counts = counts;
    }
    return this.counts;
  }

  private variablesIn(test: TSESTree.Node): Variable[] {
    const variables: Variable[] = [];
    walk(this.model.sourceCode.visitorKeys, test, (node) => {
      if (isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.Identifier && !isPropertyName(node)) {
        const variable = ASTUtils.findVariable(this.model.sourceCode.getScope(node), node);
        if (variable && variable.defs.length > 0) variables.push(variable);
      }
      return true;
    });
    return variables;
  }

  private testsSubjectProperty(test: TSESTree.Node): boolean {
    const subject = this.subject;
    if (!subject) return false;
    let found = false;
    walk(this.model.sourceCode.visitorKeys, test, (node) => {
      if (found || isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const object = skipWrappers(node.object);
        found =
          object.type === AST_NODE_TYPES.Identifier &&
          subject.references.some((reference) => reference.identifier === object);
      }
      return !found;
    });
    return found;
  }
}

/** The test that decides whether `child` of `parent` runs, if `parent` is a branch. */
function branchTest(parent: TSESTree.Node, child: TSESTree.Node): TSESTree.Node | null {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child ? null : parent.test;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.right === child ? parent.left : null;
    case AST_NODE_TYPES.SwitchCase:
      return parent.parent.discriminant;
    default:
      return null;
  }
}

/** The condition a node tests: `if`/`?:`/loops/`switch`, or the left side of `&&`/`||`/`??`. */
function conditionOf(node: TSESTree.Node): TSESTree.Node | null {
  switch (node.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return node.test;
    case AST_NODE_TYPES.ForStatement:
      return node.test;
    case AST_NODE_TYPES.LogicalExpression:
      return node.left;
    case AST_NODE_TYPES.SwitchStatement:
      return node.discriminant;
    default:
      return null;
  }
}

/** `b` in `a.b` or `{ b: 1 }`: a name, not a reference. */
function isPropertyName(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  return (
    (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) ||
    (parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && parent.value !== node)
  );
}
