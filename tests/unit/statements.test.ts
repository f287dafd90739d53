/**
 * src/fix/statements.ts: a statement inserted first or last in a block keeps every comment where it was and follows
 * the block's layout (its own line in a multi-line block, the same line in a one-line block).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { insertFirstStatement, insertLastStatement } from '../../src/fix/statements.js';
import { runProbe } from './probe.js';

/** Inserts `done();` into the body of the function `f` with `how`, and returns the fixed code. */
function insert(code: string, how: 'first' | 'last' | 'lastBeforeReturn'): string {
  const messages = runProbe(
    code,
    (context) => ({
      'FunctionDeclaration[id.name="f"]'(node: TSESTree.FunctionDeclaration) {
        context.report({
          node,
          messageId: 'probe',
          fix: (fixer) =>
            how === 'first'
              ? insertFirstStatement(context.sourceCode, fixer, node.body, 'done();')
              : insertLastStatement(context.sourceCode, fixer, node.body, 'done();', {
                  beforeReturn: how === 'lastBeforeReturn',
                }),
        });
      },
    }),
    { fixable: true },
  );
  expect(messages).toHaveLength(1);
  const fix = messages[0]!.fix!;
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('insertFirstStatement', () => {
  it('fills an empty block on lines of its own', () => {
    expect(insert('function f() {}', 'first')).toBe('function f() {\n  done();\n}');
    expect(insert('  function f() {}', 'first')).toBe('  function f() {\n    done();\n  }');
  });

  it('keeps the comment of an empty one-line block', () => {
    expect(insert('function f() { /* nothing yet */ }', 'first')).toBe('function f() { done(); /* nothing yet */ }');
  });

  it('puts the statement on its own line in a multi-line block, above a leading comment', () => {
    expect(insert('function f() {\n    // why\n    a();\n}', 'first')).toBe(
      'function f() {\n    done();\n    // why\n    a();\n}',
    );
    expect(insert('function f() {\n\ta();\n}', 'first')).toBe('function f() {\n\tdone();\n\ta();\n}');
  });

  it('stays on one line in a one-line block', () => {
    expect(insert('function f() { a(); }', 'first')).toBe('function f() { done(); a(); }');
  });
});

describe('insertLastStatement', () => {
  it('fills an empty block', () => {
    expect(insert('function f() {}', 'last')).toBe('function f() {\n  done();\n}');
    expect(insert('function f() { /* later */ }', 'last')).toBe('function f() { /* later */ done(); }');
  });

  it('goes after a trailing comment, on a line of its own', () => {
    expect(insert('function f() {\n  a(); // keep me\n}', 'last')).toBe(
      'function f() {\n  a(); // keep me\n  done();\n}',
    );
  });

  it('stays on one line in a one-line block', () => {
    expect(insert('function f() { a(); /* c */ }', 'last')).toBe('function f() { a(); /* c */ done(); }');
  });

  it('goes before a final return when asked', () => {
    expect(insert('function f() {\n  a();\n  return 1;\n}', 'lastBeforeReturn')).toBe(
      'function f() {\n  a();\n  done();\n  return 1;\n}',
    );
    expect(insert('function f() { return 1; }', 'lastBeforeReturn')).toBe('function f() { done(); return 1; }');
    expect(insert('function f() {\n  a();\n  return 1;\n}', 'last')).toBe(
      'function f() {\n  a();\n  return 1;\n  done();\n}',
    );
  });
});
