import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { unreleasedFieldsOf, type FieldsVerdict } from '../../src/analysis/fields.js';
import { ownedFieldsOf } from '../../src/analysis/ownership.js';
import { classLifecycleOf, type ClassNode } from '../../src/analysis/teardown.js';
import { resourceModel } from '../../src/resources/match.js';
import { walk } from '../../src/util/walk.js';
import { withCalls } from './harness.js';

/** The verdict for each class of `code`, in source order, as one line. */
function verdicts(code: string): string[] {
  const found: string[] = [];
  withCalls(`${code}\nprobe();`, (call, context) => {
    if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'probe') return;
    const model = resourceModel(context);
    const query = { context, model, types: null, allow: [] };
    walk(context.sourceCode.visitorKeys, context.sourceCode.ast, (node) => {
      if (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) return;
      const classNode: ClassNode = node;
      const lifecycle = classLifecycleOf(classNode, model);
      found.push(summary(unreleasedFieldsOf(model, lifecycle, ownedFieldsOf(classNode, model, query))));
    });
  });
  return found;
}

function summary(verdict: FieldsVerdict): string {
  switch (verdict.type) {
    case 'released':
      return 'released';
    case 'noTeardown':
      return `noTeardown ${verdict.fields.map(({ field, mayBeUnset }) => `${field.key}${mayBeUnset ? '?' : ''}`).join(' ')}${verdict.awaits ? ' awaits' : ''}`;
    case 'notReleased':
      return `notReleased ${verdict.fields
        .map(
          ({ field, mayBeUnset, teardown, releasedIn }) =>
            `${field.key}${mayBeUnset ? '?' : ''}->${teardown.name ?? '-'}${releasedIn ? ` (in ${releasedIn.name ?? '-'})` : ''}`,
        )
        .join(' ')}`;
  }
}

describe('unreleasedFieldsOf', () => {
  it('tells a class without teardown from fields its teardown misses', () => {
    expect(
      verdicts(`import pg from 'pg';
import fs from 'node:fs';
import { open } from 'node:fs/promises';
const pool = new pg.Pool();
export class NoTeardown {
  watcher = fs.watch('.');
  async open() { this.client = await pool.connect(); }
}
export class NoTeardownAwaits {
  async open() { this.fh = await open('x'); }
}
export class Misses {
  watcher = fs.watch('.');
  timer = setInterval(() => {}, 10);
  async open() { this.client = await pool.connect(); }
  reset() { this.client.release(); }
  close() { this.watcher.close(); }
}
export class Releases {
  watcher = fs.watch('.');
  close() { this.watcher.close(); }
}
export class OnlyIntervals {
  timer = setInterval(() => {}, 10);
}
export abstract class Deferred {
  watcher = fs.watch('.');
  abstract close(): void;
}`),
    ).toEqual([
      'noTeardown this.watcher this.client?',
      'noTeardown this.fh? awaits',
      'notReleased this.client?->close (in reset)',
      'released',
      'released',
      'released',
    ]);
  });

  it('leaves alone fields handed off, released in a callback, or a temporary of one method', () => {
    expect(
      verdicts(`import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
declare const registry: Set<unknown>;
export class Managed {
  worker = new Worker('w.js');
  constructor() {
    registry.add(this.worker);
    this.watcher = fs.watch('.');
    this.watcher.on('error', () => this.watcher.close());
  }
  scan() {
    this.temp = fs.watch('.');
    this.temp.close();
  }
  close() {}
}`),
    ).toEqual(['released']);
  });
});
