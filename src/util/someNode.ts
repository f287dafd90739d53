import type { TSESTree } from '@typescript-eslint/utils';

import { walk, type VisitorKeys } from './walk.js';

/**
 * Is there a node under `root` (itself included), in source order, that `test` accepts? `test` returns `true` to stop
 * with a find, `false` to skip the node's children, `undefined` to go on into them.
 */
export function someNode(
  keysOf: VisitorKeys,
  root: TSESTree.Node,
  test: (node: TSESTree.Node) => boolean | undefined,
): boolean {
  const found: TSESTree.Node[] = [];
  walk(keysOf, root, (node) => {
    if (found.length > 0) return false;
    const result = test(node);
    if (result !== true) return result;
    found.push(node);
    return false;
  });
  return found.length > 0;
}
