import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

export type ProbeContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Lints `code` (as `file.ts`, with the real ESLint and @typescript-eslint/parser) with one probe rule made by
 * `create`, and returns the messages; a parse error throws. Unit tests use it to reach the shared layers with the real
 * AST, scope manager and fixer.
 */
export function runProbe(
  code: string,
  create: (context: ProbeContext) => TSESLint.RuleListener,
  { settings = {}, fixable = false }: { settings?: Record<string, unknown>; fixable?: boolean } = {},
): Linter.LintMessage[] {
  const probe = {
    meta: { type: 'problem', schema: [], messages: { probe: 'Probe.' }, ...(fixable ? { fixable: 'code' } : {}) },
    create,
  };
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        plugins: { probe: { rules: { probe: probe as unknown as TSESLint.LooseRuleDefinition } } as never },
        rules: { 'probe/probe': 'error' },
        settings,
      },
    ],
    'file.ts',
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
  return messages;
}
