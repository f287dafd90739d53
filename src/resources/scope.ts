/**
 * Names and references through the file's scopes: is an identifier the unshadowed global of its name, and the key by
 * which two references to the same handle compare. Pass the file's {@link ResourceModel} (`resourceModel(context)`).
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from './match.js';

/** Is `node` (an identifier) the unshadowed global of that name? Globals declared in config or lib count. */
export function isGlobal(node: TSESTree.Identifier, model: ResourceModel): boolean {
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(node), node.name);
  return !variable || variable.defs.length === 0;
}

/** Objects through which the global timer and event functions are reached: `window.setInterval(…)`. */
export const globalObjectNames: readonly string[] = ['window', 'globalThis', 'self', 'global'];

/** `window`, `globalThis`, `self`, `global` (unshadowed). */
export function isGlobalObject(node: TSESTree.Expression, model: ResourceModel): boolean {
  return node.type === AST_NODE_TYPES.Identifier && globalObjectNames.includes(node.name) && isGlobal(node, model);
}

/**
 * The text of a reference with spacing, comments, `!` and `?.` normalised (`ResourceModel.keyOf`), keeping the `#` of
 * private names: `this.#timer` and `this.timer` are different fields. Compare handle keys only with this.
 */
export function referenceKey(node: TSESTree.Node, model: ResourceModel): string {
  return model.keyOf(node);
}
