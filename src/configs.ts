import type { TSESLint } from '@typescript-eslint/utils';

import type { CleanupRuleDocs } from './util/createRule.js';

export type ConfigName = 'recommended' | 'recommended-type-checked' | 'strict' | 'all' | 'disable-type-checked';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[], CleanupRuleDocs>;

type RuleEntries = Record<string, TSESLint.SharedConfig.RuleEntry>;

const entries = (
  rules: Record<string, AnyRule>,
  keep: (docs: CleanupRuleDocs) => boolean,
  value: TSESLint.SharedConfig.RuleEntry = 'error',
): RuleEntries =>
  Object.fromEntries(
    Object.entries(rules)
      .filter(([, rule]) => keep(rule.meta.docs ?? {}))
      .map(([name, _rule]) => [`cleanup/${name}`, value]),
  );

/**
 * Every config is derived from rule metadata: a rule is listed once, in its own `meta.docs`.
 * - `recommended`: rules marked `recommended` that need no type information;
 * - `recommended-type-checked`: `recommended` plus the recommended rules that need types, plus the rules whose level
 *   is `recommended-type-checked` (they run untyped too, but are recommended only with type information);
 * - `strict`: rules marked `recommended` or `strict` that need no type information;
 * - `all`: every rule;
 * - `disable-type-checked`: turns off the rules that need types, and type information itself.
 */
export function buildConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, AnyRule>,
): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const untyped = (docs: CleanupRuleDocs): boolean => docs.requiresTypeChecking !== true;
  const plugins = { cleanup: plugin };
  return {
    recommended: {
      name: 'cleanup/recommended',
      plugins,
      rules: entries(rules, (docs) => docs.recommended === 'recommended' && untyped(docs)),
    },
    'recommended-type-checked': {
      name: 'cleanup/recommended-type-checked',
      plugins,
      rules: entries(
        rules,
        (docs) => docs.recommended === 'recommended' || docs.recommended === 'recommended-type-checked',
      ),
    },
    strict: {
      name: 'cleanup/strict',
      plugins,
      rules: entries(
        rules,
        (docs) => (docs.recommended === 'recommended' || docs.recommended === 'strict') && untyped(docs),
      ),
    },
    all: {
      name: 'cleanup/all',
      plugins,
      rules: entries(rules, () => true),
    },
    'disable-type-checked': {
      name: 'cleanup/disable-type-checked',
      plugins,
      languageOptions: { parserOptions: { project: false, projectService: false, program: null } },
      rules: entries(rules, (docs) => docs.requiresTypeChecking === true, 'off'),
    },
  };
}
