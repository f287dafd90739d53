/**
 * src/analysis/exits/codePaths.ts: the ESLint code-path behaviour the adapter relies on, pinned one item of its
 * header at a time, so an ESLint release that changes any of them fails here rather than as a silent wrong answer in
 * no-use-after-release.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { PathRecorder, type FunctionPaths, type Segment } from '../../../src/analysis/exits/codePaths.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** Runs a probe rule built from `make` over `code` (plain JavaScript). */
function probe(code: string, make: (context: Context) => Record<string, unknown>): void {
  const rule = { meta: { type: 'problem', schema: [] }, create: make };
  const messages = new Linter({ configType: 'flat' }).verify(code, [
    {
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { probe: { rules: { paths: rule as unknown as TSESLint.LooseRuleDefinition } } as never },
      rules: { 'probe/paths': 'error' },
    },
  ]);
  expect(messages.filter((message) => message.fatal)).toEqual([]);
}

/** The segments of the innermost code path current at each listed node event, as ESLint's segment events leave them. */
function currentAt(code: string, selectors: readonly string[]): Map<string, Segment[]> {
  const at = new Map<string, Segment[]>();
  probe(code, () => {
    const stack: Segment[][] = [[]];
    let current: Segment[] = [];
    const start = (segment: Segment): void => {
      current = [...current, segment];
    };
    const end = (segment: Segment): void => {
      current = current.filter((other) => other !== segment);
    };
    const listeners: Record<string, unknown> = {
      onCodePathStart() {
        stack.push(current);
        current = [];
      },
      onCodePathEnd() {
        current = stack.pop() ?? [];
      },
      onCodePathSegmentStart: start,
      onUnreachableCodePathSegmentStart: start,
      onCodePathSegmentEnd: end,
      onUnreachableCodePathSegmentEnd: end,
    };
    for (const selector of selectors) {
      listeners[selector] = () => {
        at.set(selector, current);
      };
    }
    return listeners;
  });
  return at;
}

describe('the ESLint code-path behaviour the adapter relies on', () => {
  it('1-2: fires segment events around node listeners, with initial, previous and next segments', () => {
    const events: string[] = [];
    let initial: Segment | null = null;
    probe('function f(a) { if (a) g(); }', () => ({
      onCodePathStart(codePath: TSESLint.CodePath, node: TSESTree.Node) {
        events.push(`start ${node.type}`);
        if (node.type === 'FunctionDeclaration') initial = codePath.initialSegment;
      },
      onCodePathEnd(_codePath: TSESLint.CodePath, node: TSESTree.Node) {
        events.push(`end ${node.type}`);
      },
      onCodePathSegmentStart(segment: Segment) {
        events.push(`segment ${String(segment.prevSegments.length)}`);
      },
      'CallExpression:exit'() {
        events.push('call');
      },
    }));
    expect(events).toEqual([
      'start Program',
      'segment 0',
      'start FunctionDeclaration',
      'segment 0',
      'segment 1',
      'call',
      'segment 2',
      'end FunctionDeclaration',
      'end Program',
    ]);
    expect(initial).not.toBeNull();
  });

  it('3: a CatchClause listener runs after the segment of the catch started', () => {
    const at = currentAt('function f() { try { g(); } catch { h(); } }', [
      'TryStatement > BlockStatement.block:exit',
      'CatchClause',
    ]);
    const [tryEnd] = at.get('TryStatement > BlockStatement.block:exit') ?? [];
    const [catchStart] = at.get('CatchClause') ?? [];
    expect(catchStart).toBeDefined();
    expect(catchStart).not.toBe(tryEnd);
    // ESLint's own edges into the catch: from the start of the try block and from its end (item 6).
    expect(catchStart?.prevSegments.length).toBe(2);
    expect(catchStart?.prevSegments).toContain(tryEnd);
  });

  it('4: a finally left by return or throw runs in twice the segments; the second half carries the leaving paths', () => {
    const code = `function f(a) {
  if (a) g();
  try {
    if (a) return 1;
    h();
  } finally {
    k();
  }
  return 2;
}`;
    const at = currentAt(code, [
      'TryStatement',
      'TryStatement > BlockStatement.finalizer',
      'TryStatement > BlockStatement.finalizer:exit',
    ]);
    const width = at.get('TryStatement')?.length ?? 0;
    expect(width).toBe(1);
    expect(at.get('TryStatement > BlockStatement.finalizer')).toHaveLength(2 * width);
    expect(at.get('TryStatement > BlockStatement.finalizer:exit')).toHaveLength(2 * width);
  });

  it('5-6: the recorder finds the leaving finally path, the return ends and the exact exceptional starts', () => {
    const code = `function f(a) {
  try {
    if (a) return 1;
    h();
  } finally {
    k();
  }
  try { g(); } catch { m(); }
  return 2;
}`;
    let recorded: FunctionPaths | null = null;
    probe(code, (context) => {
      const recorder = new PathRecorder<string>(
        context.sourceCode.ast as TSESTree.Program,
        () => true,
        (paths) => {
          recorded = paths;
        },
      );
      return {
        ...recorder.listeners,
        FunctionDeclaration(node: TSESTree.FunctionDeclaration) {
          recorder.addSubject(node, 'f');
        },
      };
    });
    const paths = recorded as FunctionPaths | null;
    if (!paths) throw new Error('f was not recorded');
    const [finallyTry, catchTry] = [...paths.tryWidths.keys()];
    if (!finallyTry || !catchTry) throw new Error('two try statements expected');
    // The leaving half of the finally is entered from the `return 1` (and from the try's throws): its previous
    // segments include a segment that ends in a return.
    const leaving = paths.finallyLeaving.get(finallyTry) ?? [];
    expect(leaving).toHaveLength(1);
    expect(leaving.some((segment) => paths.previous(segment).some((previous) => paths.returnEnds.has(previous)))).toBe(
      true,
    );
    expect(paths.leavingEnds.size).toBe(1);
    expect(paths.catchStarts.get(catchTry)).toHaveLength(1);
    expect(paths.startsOf({ tryStatement: catchTry, into: 'catch' })).toEqual(paths.catchStarts.get(catchTry));
    expect(paths.exceptionalStarts().size).toBe(2);
    expect(paths.next(paths.initial).length).toBeGreaterThan(0);
  });
});
