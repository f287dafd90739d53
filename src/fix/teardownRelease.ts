/**
 * Text edits that release a class's owned fields at teardown: one more release statement at the end of an existing
 * teardown method, or a new `[Symbol.dispose]()` / `[Symbol.asyncDispose]()` method that releases them all.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { FieldAtTeardown } from '../analysis/fields.js';
import { blockBodyOf } from '../analysis/ownership.js';
import type { ClassMethod, ClassNode } from '../analysis/teardown.js';
import { plainReference, releaseStatementText } from './releaseText.js';
import { insertLastStatement } from './statements.js';
import { indentOf, indentUnit } from './tryFinally.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The statement that releases the field, as its resource allows: `await this.conn?.end();`, `clearInterval(this.t);`. */
function releaseStatement(
  sourceCode: SourceCode,
  { field, mayBeUnset }: FieldAtTeardown,
  canAwait: boolean,
): string | null {
  const { release, receiver } = field.creations[0].resource;
  const target = { value: field.key, receiver: receiver ? plainReference(sourceCode.getText(receiver)) : null };
  return releaseStatementText(release, target, { optional: mayBeUnset, canAwait });
}

/** Adds the field's release as the last statement of `teardown` (before a final `return`). */
export function releaseInTeardownFix(
  sourceCode: SourceCode,
  field: FieldAtTeardown,
  teardown: ClassMethod,
): TSESLint.ReportFixFunction | null {
  const body = blockBodyOf(teardown);
  if (!body) return null;
  const text = releaseStatement(sourceCode, field, teardown.fn.async);
  if (text === null) return null;
  return (fixer) => insertLastStatement(sourceCode, fixer, body, text, { beforeReturn: true });
}

/** Adds `method() { … }` after the last member of the class, releasing `fields` in reverse order. */
export function disposeMethodFix(
  sourceCode: SourceCode,
  classNode: ClassNode,
  fields: readonly FieldAtTeardown[],
  method: string,
  async: boolean,
): TSESLint.ReportFixFunction | null {
  const last: TSESTree.ClassElement | undefined = classNode.body.body.at(-1);
  if (!last) return null;
  const statements: string[] = [];
  for (const field of [...fields].reverse()) {
    const statement = releaseStatement(sourceCode, field, async);
    if (statement === null) return null;
    statements.push(statement);
  }
  const indent = indentOf(sourceCode, last);
  const unit = indentUnit(sourceCode, last);
  const lines = statements.map((statement) => `${indent}${unit}${statement}`).join('\n');
  return (fixer) =>
    fixer.insertTextAfter(last, `\n\n${indent}${async ? 'async ' : ''}${method}() {\n${lines}\n${indent}}`);
}
