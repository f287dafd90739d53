import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export type VisitorKeys = TSESLint.SourceCode['visitorKeys'];

/**
 * Depth-first, source-order walk. `enter` returns `false` to skip a node's children.
 * Uses the parser's visitor keys, so it sees every child of every node type, TypeScript's included.
 */
export function walk(keysOf: VisitorKeys, root: TSESTree.Node, enter: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    const keys = keysOf[node.type] ?? [];
    const children: TSESTree.Node[] = [];
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
