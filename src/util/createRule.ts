import { ESLintUtils } from '@typescript-eslint/utils';

/**
 * Which shared config a rule belongs to. `recommended` rules are also in `recommended-type-checked` and `strict`;
 * `recommended-type-checked` rules work without types but are recommended only where types are on (their fixes
 * need what only a type-checked project tells, such as a target that can downlevel `using`).
 */
export type RuleLevel = 'recommended' | 'recommended-type-checked' | 'strict';

export interface CleanupRuleDocs {
  /** Config that turns the rule on; rules without it are only in `all`. */
  recommended?: RuleLevel;
  /** The rule cannot work without the TypeScript checker. */
  requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-cleanup/eslint-plugin-cleanup';

export const docsUrl = (name: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;

/** The one rule factory: the rule name gives id, docs URL, file and test names. */
export const createRule = ESLintUtils.RuleCreator<CleanupRuleDocs>(docsUrl);
