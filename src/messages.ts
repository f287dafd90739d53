/**
 * How messages name code: labels shared by the rules' reports. Each returns text ready for a `{{placeholder}}`.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './util/ast.js';

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
