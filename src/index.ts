import { readFileSync } from 'node:fs';

import { buildConfigs, type CleanupConfig, type ConfigName } from './configs.js';
import { rules } from './rules/index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

/**
 * A rule as the plugin's public type shows it. ESLint's `RuleDefinition` and typescript-eslint's `RuleModule` type the
 * rule context differently, so `create` takes a context either accepts; the rule modules themselves (the named
 * export `rules`) keep their full types.
 */
// A type alias, not an interface: an interface has no implicit index signature.
type PublicRule = {
  meta: {
    type: 'problem' | 'suggestion' | 'layout';
    docs?: { description?: string; url?: string; recommended?: string; requiresTypeChecking?: boolean };
    fixable?: 'code' | 'whitespace';
    hasSuggestions?: boolean;
    messages: Record<string, string>;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- either library's context type
  create(context: any): any;
};

/**
 * The plugin as ESLint's own types (`ESLint.Plugin`, `Linter.Config`) and typescript-eslint's accept it: plain object
 * types, so that `defineConfig([cleanup.configs.recommended])` type-checks (tests/integration/newcomer.test.ts).
 */
// A type alias, not an interface: an interface has no implicit index signature.
type CleanupPlugin = {
  meta: { name: string; version: string; namespace: 'cleanup' };
  rules: Record<keyof typeof rules, PublicRule>;
  configs: Record<ConfigName, CleanupConfig<CleanupPlugin>>;
};

const plugin: CleanupPlugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: 'cleanup' },
  rules,
  configs: {} as Record<ConfigName, CleanupConfig<CleanupPlugin>>,
};

Object.assign(plugin.configs, buildConfigs(plugin, rules));

export default plugin;
export { rules };
export const configs = plugin.configs;
export const meta = plugin.meta;
