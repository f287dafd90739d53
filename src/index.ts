import { readFileSync } from 'node:fs';

import type { TSESLint } from '@typescript-eslint/utils';

import { buildConfigs, type ConfigName } from './configs.js';
import { rules } from './rules/index.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

interface CleanupPlugin extends TSESLint.FlatConfig.Plugin {
  meta: { name: string; version: string; namespace: 'cleanup' };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: CleanupPlugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: 'cleanup' },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};

Object.assign(plugin.configs, buildConfigs(plugin, rules));

export default plugin;
export { rules };
export const configs = plugin.configs;
export const meta = plugin.meta;
