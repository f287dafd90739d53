import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import type { DisposalSite } from '../../src/analysis/disposal.js';
import type { Risk } from '../../src/analysis/exits/guarantee.js';
import { describeRisk, disposalLabel } from '../../src/messages.js';
import { rules } from '../../src/rules/index.js';
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

/** Limits on message templates (placeholders counted as written, `{{resource}}` is 12 characters). */
const MAX_REPORT_LENGTH = 150;
const MAX_MEDIAN_REPORT_LENGTH = 100;
const MAX_SUGGESTION_LENGTH = 70;

/** Every message template of every rule: suggestion messages are the ids that start with `suggest`. */
const templates = Object.entries(rules).flatMap(([rule, { meta }]) =>
  Object.entries(meta.messages).map(([id, text]) => ({
    id: `${rule}/${id}`,
    text,
    suggestion: id.startsWith('suggest'),
  })),
);

describe('message templates', () => {
  it('keep each report message to 150 characters', () => {
    const reports = templates.filter((message) => !message.suggestion);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((message) => message.text.length > MAX_REPORT_LENGTH)).toEqual([]);
  });

  it('keep the median report message to 100 characters', () => {
    const lengths = templates
      .filter((message) => !message.suggestion)
      .map((message) => message.text.length)
      .sort((a, b) => a - b);
    // The middle one, or the two middle ones of an even count.
    const middle = lengths.slice(Math.floor((lengths.length - 1) / 2), Math.floor(lengths.length / 2) + 1);
    const median = middle.reduce((sum, length) => sum + length, 0) / middle.length;
    expect(median).toBeLessThanOrEqual(MAX_MEDIAN_REPORT_LENGTH);
  });

  it('keep each suggestion message to 70 characters', () => {
    const suggestions = templates.filter((message) => message.suggestion);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.filter((message) => message.text.length > MAX_SUGGESTION_LENGTH)).toEqual([]);
  });

  it('give `suggest…` ids to the suggestion messages of exactly the rules that suggest', () => {
    for (const { meta } of Object.values(rules)) {
      const suggests = Object.keys(meta.messages).some((id) => id.startsWith('suggest'));
      expect(suggests).toBe(meta.hasSuggestions === true);
    }
  });
});
