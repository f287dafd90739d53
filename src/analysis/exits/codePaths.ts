/**
 * The code-path adapter: the ONE file of the plugin that touches ESLint's code-path analysis. It follows the
 * code-path events and records, per function, which segments each interesting node runs in, and where `catch` and
 * `finally` blocks start; the solver (`flow.ts`) reads segments only through {@link FunctionPaths}.
 *
 * What it relies on, each pinned by `tests/unit/exits/codePaths.test.ts`:
 * 1. The events `onCodePathStart`/`onCodePathEnd`, `onCodePathSegmentStart`/`onCodePathSegmentEnd` and their
 *    `onUnreachableCodePathSegment…` twins, fired in traversal order around the node listeners (documented).
 * 2. `CodePath#initialSegment`, `CodePathSegment#prevSegments` and `#nextSegments` (documented).
 * 3. Undocumented: a `CatchClause` node listener runs after the segments of the `catch` started, so the segments
 *    current there are where the `catch` begins.
 * 4. Undocumented: a `finally` block that can be left by `return` or by an exception runs in twice as many parallel
 *    segments as were current when its `try` started: the first half continues normally, the second half carries the
 *    leaving paths. The listener on the finalizer `BlockStatement` runs after those segments started, and its `:exit`
 *    listener before they end.
 * 5. Undocumented: parallel segments start and end in position order, so a segment keeps its slot while it runs.
 * 6. Undocumented: ESLint links a `try` block to its `catch`/`finally` only from its first throwable node and from its
 *    end. The solver does not use those edges (it adds exact ones), so the recorder marks which segments end in a
 *    `return` and which end a leaving `finally` path: the only edges into an exceptional start it keeps.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { isFunction, type FunctionNode } from '../../util/ast.js';
import { pathStats, type PathStats } from './pathWork.js';

/** A code-path segment: opaque outside this file (read it through {@link FunctionPaths}). */
export type Segment = TSESLint.CodePathSegment;

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
    private readonly codePath: TSESLint.CodePath,
    readonly stats: PathStats,
  ) {}

  /** The segment the function starts in. */
  get initial(): Segment {
    return this.codePath.initialSegment;
  }

  /** The segments control comes from into `segment` (ESLint's edges, the approximate exceptional ones included). */
  previous(segment: Segment): readonly Segment[] {
    return segment.prevSegments;
  }

  /** The segments control goes to from `segment`. */
  next(segment: Segment): readonly Segment[] {
    return segment.nextSegments;
  }

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
    // The binding of a `for await (… of …)` is where each iteration's value arrives. Listened to per node type, not as
    // `ForOfStatement[await=true] > .left`: a field selector names no node type, so ESLint would test it on every node.
    const iterate = (node: TSESTree.Node): void => {
      const loop = node.parent;
      if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.await && loop.left === node) record(node, 'iterate');
    };
    const enter = (node: TSESTree.Node): void => {
      record(node, 'enter');
      iterate(node);
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
      VariableDeclaration: iterate,
      MemberExpression: iterate,
      ObjectPattern: iterate,
      ArrayPattern: iterate,
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
