import type { TSESTree } from '@typescript-eslint/utils';

import { runProbe, type ProbeContext } from './probe.js';

/**
 * Lints `code` with the real ESLint and @typescript-eslint/parser and calls `visit` for every call expression with the
 * rule context, so the shared layers (resource model, lifetime analysis) are tested on the real AST and scope manager.
 */
export function withCalls(
  code: string,
  visit: (call: TSESTree.CallExpression, context: ProbeContext) => void,
  settings: Record<string, unknown> = {},
): void {
  runProbe(code, (context) => ({ CallExpression: (node: TSESTree.CallExpression) => visit(node, context) }), {
    settings,
  });
}
