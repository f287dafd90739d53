import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export type VisitorKeys = TSESLint.SourceCode['visitorKeys'];

/**
 * Depth-first, source-order walk. `enter` returns `false` to skip a node's children.
 * Uses the parser's visitor keys, so it sees every child of every node type, TypeScript's included.
 */
export function walk(
  keysOf: VisitorKeys,
  root: TSESTree.Node,
  enter: (node: TSESTree.Node) => boolean | undefined,
): void {
  const stack: TSESTree.Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
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
    // Pushed last child first, so the first child is popped (visited) first.
    for (const child of children.reverse()) stack.push(child);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
