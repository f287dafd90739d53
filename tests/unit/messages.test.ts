import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { DisposalSite } from '../../src/analysis/disposal.js';
import { disposalLabel } from '../../src/messages.js';
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
