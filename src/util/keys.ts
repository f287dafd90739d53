import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/**
 * The static name of a property or method key: `a`, `#a`, `'a'`, `['a']`, `7` give `a`, `#a`'s `a`, `a`, `a`, `7`;
 * a computed key that is not a literal (`[key]`, `` [`a`] ``) gives null.
 */
export function keyName(node: TSESTree.MethodDefinition | TSESTree.Property): string | null {
  if (node.key.type === AST_NODE_TYPES.Literal) return String(node.key.value);
  return node.computed ? null : node.key.name;
}

/** The text of a string literal or of a template literal without expressions, else null. */
export function staticString(node: TSESTree.Node | undefined): string | null {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  return null;
}
