/**
 * The plugin object, its configs and every rule's metadata (STYLE.md items 1, 3, 5-9, 20).
 */
import { readdirSync, readFileSync } from 'node:fs';

import tsParser from '@typescript-eslint/parser';
import { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import plugin, { configs, meta, rules } from '../../src/index.js';
import type { ConfigName } from '../../src/configs.js';
import { docsUrl, type CleanupRuleDocs } from '../../src/util/createRule.js';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { name: string; version: string };

/** Base names in `dir` that end with `suffix`, without it. */
function namesIn(dir: string, suffix: string): string[] {
  return readdirSync(new URL(dir, root), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => entry.name.slice(0, -suffix.length))
    .sort();
}

const ruleNames = Object.keys(rules).sort();
const ruleEntries = Object.entries(rules) as [string, (typeof rules)[keyof typeof rules]][];

interface JsonSchema {
  type?: unknown;
  properties?: Record<string, JsonSchema & { description?: unknown }>;
  additionalProperties?: unknown;
  items?: JsonSchema | JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  [key: string]: unknown;
}

/** `path: problem` for every object schema without `additionalProperties: false` or a property without `description`. */
function schemaProblems(schema: JsonSchema, path: string): string[] {
  const problems: string[] = [];
  if (schema.type === 'object' || schema.properties !== undefined) {
    if (schema.additionalProperties !== false) problems.push(`${path}: object without \`additionalProperties: false\``);
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (typeof property.description !== 'string' || property.description === '') {
        problems.push(`${path}.${key}: property without a \`description\``);
      }
      problems.push(...schemaProblems(property, `${path}.${key}`));
    }
  }
  const items = schema.items === undefined ? [] : Array.isArray(schema.items) ? schema.items : [schema.items];
  items.forEach((item, index) => problems.push(...schemaProblems(item, `${path}.items[${index}]`)));
  for (const key of ['oneOf', 'anyOf'] as const) {
    schema[key]?.forEach((item, index) => problems.push(...schemaProblems(item, `${path}.${key}[${index}]`)));
  }
  return problems;
}

describe('plugin', () => {
  it('takes name and version from package.json and uses the `cleanup` namespace', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'cleanup' });
    expect(meta).toBe(plugin.meta);
    expect(configs).toBe(plugin.configs);
    expect(plugin.rules).toBe(rules);
  });

  it('has only kebab-case rule names', () => {
    expect.hasAssertions();
    for (const name of ruleNames) expect(name).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
  });

  it('has the same rules in src/rules, the rule index, docs/rules and tests/rules', () => {
    const sources = namesIn('src/rules/', '.ts').filter((name) => name !== 'index');
    const docs = namesIn('docs/rules/', '.md');
    const testFiles = namesIn('tests/rules/', '.test.ts');
    expect(sources, 'src/rules/*.ts (index.ts excluded)').toEqual(ruleNames);
    expect(docs, 'docs/rules/*.md').toEqual(ruleNames);
    // A rule may split its tests (`<rule>.typed.test.ts`), but `<rule>.test.ts` must exist and every test file
    // must belong to a rule.
    expect([...new Set(testFiles.map((name) => name.split('.')[0]))], 'tests/rules/*.test.ts').toEqual(ruleNames);
    for (const name of ruleNames) expect(testFiles, `tests/rules/${name}.test.ts`).toContain(name);
  });
});

describe('configs', () => {
  const docsOf = (name: string): CleanupRuleDocs => rules[name as keyof typeof rules].meta.docs ?? {};
  const typed = (name: string): boolean => docsOf(name).requiresTypeChecking === true;
  const expected: Record<ConfigName, Record<string, string>> = {
    recommended: {},
    'recommended-type-checked': {},
    strict: {},
    all: {},
    'disable-type-checked': {},
  };
  for (const name of ruleNames) {
    const { recommended } = docsOf(name);
    const id = `cleanup/${name}`;
    if (recommended === 'recommended' && !typed(name)) expected.recommended[id] = 'error';
    if (recommended === 'recommended' || recommended === 'recommended-type-checked')
      expected['recommended-type-checked'][id] = 'error';
    if ((recommended === 'recommended' || recommended === 'strict') && !typed(name)) expected.strict[id] = 'error';
    expected.all[id] = 'error';
    // A rule recommended only with type information (none today; prefer-using was, until issue 16) is turned off too, so that `disable-type-checked` over `.js` files gives back the untyped set.
    if (typed(name) || recommended === 'recommended-type-checked') expected['disable-type-checked'][id] = 'off';
  }

  it('exports exactly the documented configs', () => {
    expect(Object.keys(configs).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected) as ConfigName[])(
    '%s is named, points back at the plugin and matches rule metadata',
    (name) => {
      const config = configs[name];
      expect(config.name).toBe(`cleanup/${name}`);
      expect(Object.keys(config.plugins ?? {})).toEqual(['cleanup']);
      // Identity, not equality: ESLint rejects two different objects under one plugin name.
      expect(config.plugins?.cleanup).toBe(plugin);
      expect(config.rules).toEqual(expected[name]);
    },
  );

  it('disable-type-checked also turns type information off', () => {
    expect(configs['disable-type-checked'].languageOptions?.parserOptions).toEqual({
      project: false,
      projectService: false,
      program: null,
    });
  });

  it('uses only known `recommended` levels', () => {
    expect.hasAssertions();
    for (const name of ruleNames)
      expect([undefined, 'recommended', 'recommended-type-checked', 'strict']).toContain(docsOf(name).recommended);
  });
});

describe.each(ruleEntries)('rule %s', (name, rule) => {
  const { meta: ruleMeta } = rule;

  it('is created by createRule under its own name', () => {
    expect(rule.name).toBe(name);
    expect(ruleMeta.docs?.url).toBe(docsUrl(name));
    expect(ruleMeta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
  });

  it('has a description that starts with Require, Disallow or Enforce and has no trailing period', () => {
    const description = ruleMeta.docs?.description ?? '';
    expect(description).toMatch(/^(?:Require|Disallow|Enforce) \S/);
    expect(description).not.toMatch(/[.\s]$/);
  });

  it('has a type', () => {
    expect(['problem', 'suggestion', 'layout']).toContain(ruleMeta.type);
  });

  it('has camelCase message ids and messages that end with a period', () => {
    const messages = Object.entries(ruleMeta.messages);
    expect(messages.length).toBeGreaterThan(0);
    for (const [id, message] of messages) {
      expect(id, `message id ${id}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(message, `message ${id}`).toMatch(/\.$/);
      expect(message, `message ${id}`).not.toMatch(/\s\.$|\.\.$|^\s|\s$/);
    }
  });

  it('has an explicit schema, and defaultOptions when it has options', () => {
    expect(ruleMeta.schema, 'meta.schema').toBeDefined();
    const schema = ruleMeta.schema as JsonSchema | JsonSchema[];
    const hasOptions = Array.isArray(schema)
      ? schema.length > 0
      : schema.type !== undefined || schema.items !== undefined;
    const defaults = (ruleMeta as { defaultOptions?: unknown }).defaultOptions;
    if (hasOptions) {
      expect(defaults, 'meta.defaultOptions').toBeInstanceOf(Array);
      const problems = (Array.isArray(schema) ? schema : [schema]).flatMap((item, index) =>
        schemaProblems(item, `schema[${index}]`),
      );
      expect(problems).toEqual([]);
    } else if (defaults !== undefined) {
      expect(defaults, 'meta.defaultOptions of a rule without options').toEqual([]);
    }
  });

  it('only fixes code, and says so in meta', () => {
    // ESLint itself throws when a rule fixes without `meta.fixable` or suggests without `meta.hasSuggestions`
    // (the robustness test runs every fixer); here: autofixes are `code` only (STYLE.md item 9).
    expect([undefined, 'code']).toContain(ruleMeta.fixable);
    expect([undefined, true, false]).toContain(ruleMeta.hasSuggestions);
  });

  it('needs type information only if it says so', () => {
    expect([undefined, true, false]).toContain(ruleMeta.docs?.requiresTypeChecking);
  });
});

// Issue 16: a resource released in a correct `try`/`finally` leaks nothing. Asking for `using` there is a
// modernisation, which `strict` may ask for but a recommended config never reports.
describe('correct try/finally code under the configs', () => {
  const correct = `import { open } from 'node:fs/promises';
export async function head(path) {
  const fh = await open(path);
  try {
    return await fh.read();
  } finally {
    await fh.close();
  }
}
export function run(tasks) {
  const stack = new DisposableStack();
  try {
    for (const task of tasks) task();
  } finally {
    stack.dispose();
  }
}
`;
  const lint = (name: ConfigName, filename: string): string[] => {
    const files = [filename.endsWith('.ts') ? '**/*.ts' : '**/*.js'];
    const languageOptions = filename.endsWith('.ts') ? { parser: tsParser } : {};
    const linter = new TSESLint.Linter({ configType: 'flat' });
    const messages = linter.verify(correct, [{ ...configs[name], files, languageOptions }], { filename });
    return messages.map((message) => `${String(message.line)}:${message.ruleId ?? message.message}`);
  };

  it.each(['recommended', 'recommended-type-checked'] as const)('%s reports none of it', (name) => {
    expect(lint(name, 'file.js')).toEqual([]);
    expect(lint(name, 'file.ts')).toEqual([]);
  });

  it('strict asks for `using` there', () => {
    expect(lint('strict', 'file.js')).toEqual(['3:cleanup/prefer-using', '11:cleanup/prefer-using']);
    expect(lint('strict', 'file.ts')).toEqual(['3:cleanup/prefer-using', '11:cleanup/prefer-using']);
  });
});
