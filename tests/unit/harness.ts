import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Lints `code` with the real ESLint and @typescript-eslint/parser and calls `visit` for every call expression with the
 * rule context, so the shared layers (resource model, lifetime analysis) are tested on the real AST and scope manager.
 */
export function withCalls(
  code: string,
  visit: (call: TSESTree.CallExpression, context: Context) => void,
  settings: Record<string, unknown> = {},
): void {
  const probe = {
    meta: { type: 'problem', schema: [] },
    create: (context: Context) => ({ CallExpression: (node: TSESTree.CallExpression) => visit(node, context) }),
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        plugins: { probe: { rules: { calls: probe as unknown as TSESLint.LooseRuleDefinition } } as never },
        rules: { 'probe/calls': 'error' },
        settings,
      },
    ],
    'file.ts',
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
}
