import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { DisposalSite } from '../../src/analysis/disposal.js';
import type { Risk } from '../../src/analysis/exits/guarantee.js';
import { describeRisk, disposalLabel } from '../../src/messages.js';
import { withCalls } from './harness.js';

/** The label of each member call in `code`, taken as a disposal awaited when it stands under `await`. */
function labels(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const site: DisposalSite = {
      call,
      method: 'close',
      awaited: call.parent.type === AST_NODE_TYPES.AwaitExpression,
      statement: null,
    };
    found.push(disposalLabel(context.sourceCode, site));
  });
  return found;
}

describe('disposalLabel', () => {
  it('quotes a release on one line, with its `await`', () => {
    expect(labels(`async function f(fh) {\n  await fh.close();\n  fh\n    .close();\n}`)).toEqual([
      'await fh.close()',
      'fh .close()',
    ]);
  });

  it('cuts a release longer than 48 characters to 45 and an ellipsis', () => {
    const [label] = labels(`stack.dispose(aVeryLongArgumentName, anotherVeryLongArgumentName);`);
    expect(label).toBe('stack.dispose(aVeryLongArgumentName, anotherV…');
    expect(label).toHaveLength(46);
  });
});

describe('describeRisk', () => {
  it('says how each kind of risk leaves, with its line', () => {
    const kinds: Risk['kind'][] = ['call', 'tag', 'await', 'yield', 'throw', 'return', 'break', 'continue'];
    const found: string[] = [];
    withCalls(`\n\nrisky();`, (call) => {
      for (const kind of kinds)
        found.push(describeRisk({ node: call, kind, callee: kind === 'call' ? 'db.query' : null }));
    });
    expect(found).toEqual([
      '`db.query()` on line 3 throws',
      'the tagged template `a tag` on line 3 throws',
      'the `await` on line 3 rejects',
      'the generator is closed at the `yield` on line 3',
      'the `throw` on line 3 runs',
      'the `return` on line 3 runs',
      'the `break` on line 3 runs',
      'the `continue` on line 3 runs',
    ]);
  });
});
