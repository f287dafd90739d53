/**
 * How messages name code: labels shared by the rules' reports, ready for a `{{placeholder}}`, and what stands in for a
 * piece of the user's code that is too long to quote whole.
 */
import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';

import type { DisposalSite } from './analysis/disposal.js';
import type { Risk } from './analysis/exits/guarantee.js';
import type { Lifetime } from './analysis/lifetime.js';
import type { FunctionNode } from './util/ast.js';

/** The longest reference text (`this.socket`, `handlers.resize`) a message quotes whole. */
export const MAX_QUOTED_REFERENCE_LENGTH = 32;

/** `text` itself when it is at most `max` characters long, else `fallback`. */
export function textOrFallbackIfLong(text: string, fallback: string, max = MAX_QUOTED_REFERENCE_LENGTH): string {
  return text.length <= max ? text : fallback;
}

/** `text` as inline code (in backticks) when it is at most `max` characters long, else `fallback` (as it is). */
export function codeOrFallbackIfLong(text: string, fallback: string, max = MAX_QUOTED_REFERENCE_LENGTH): string {
  return text.length <= max ? `\`${text}\`` : fallback;
}

/** How a message names a class member: `stop`, `#poll`, `[Symbol.dispose]`, `constructor`, or `method` for a computed key. */
export function methodLabel(method: { readonly isConstructor: boolean; readonly name: string | null }): string {
  return method.isConstructor ? 'constructor' : (method.name ?? 'method');
}

/**
 * How a message names the function that owns something: `` `poll()` `` for a named function, a function bound to a
 * name or a method, `the constructor`, else `this function`.
 */
export function functionLabel(fn: FunctionNode): string {
  if (fn.id) return `\`${fn.id.name}()\``;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return `\`${parent.id.name}()\``;
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.PropertyDefinition ||
      parent.type === AST_NODE_TYPES.Property) &&
    !parent.computed &&
    parent.key.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor'
      ? 'the constructor'
      : `\`${parent.key.name}()\``;
  }
  return 'this function';
}

/** `client \`client\` from \`pool.connect()\`` / `lock from \`sema.acquire()\``. */
export function describeResource(lifetime: Lifetime): string {
  const { noun } = lifetime.acquisition.resource;
  const from = `\`${lifetime.acquisition.label}\``;
  return lifetime.name === null || lifetime.form === 'floating'
    ? `${noun} from ${from}`
    : `${noun} \`${lifetime.name}\` from ${from}`;
}

/** `the \`await\` on line 12 throws`, `\`db.query()\` on line 12 throws`, `the \`return\` on line 9 runs`. */
export function describeRisk(risk: Risk): string {
  const line = risk.node.loc.start.line;
  switch (risk.kind) {
    case 'call':
      return `\`${risk.callee ?? 'a call'}()\` on line ${line} throws`;
    case 'tag':
      return `the tagged template \`${risk.callee ?? 'a tag'}\` on line ${line} throws`;
    case 'await':
      return `the \`await\` on line ${line} rejects`;
    case 'yield':
      return `the generator is closed at the \`yield\` on line ${line}`;
    case 'throw':
    case 'return':
    case 'break':
    case 'continue':
      return `the \`${risk.kind}\` on line ${line} runs`;
  }
}

/** The longest manual release (`await fh.close()`) a message quotes whole; longer ones are cut with `…`. */
const MAX_QUOTED_RELEASE_LENGTH = 48;

/** A manual disposal as a message quotes it, on one line: `await fh.close()`, `stack[Symbol.dispose]()`. */
export function disposalLabel(sourceCode: Readonly<TSESLint.SourceCode>, site: DisposalSite): string {
  const text = sourceCode.getText(site.call).replace(/\s+/gu, ' ');
  const shown = text.length <= MAX_QUOTED_RELEASE_LENGTH ? text : `${text.slice(0, MAX_QUOTED_RELEASE_LENGTH - 3)}…`;
  return site.awaited ? `await ${shown}` : shown;
}
