/**
 * How messages name code: labels shared by the rules' reports, ready for a `{{placeholder}}`, and what stands in for a
 * piece of the user's code that is too long to quote whole.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

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
