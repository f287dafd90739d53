/**
 * The per-rule prefilter (`mayReportIn` in src/analysis/prefilter.ts) must be a superset: a rule whose `create()`
 * returns no listeners because the prefilter said "nothing here" must be one that would have reported nothing.
 *
 * The rule tests cannot see a prefilter that is too eager on code they do not hold, and see it on the code they hold
 * only as a missing report. So this test switches the prefilter off (every rule asks a stand-in that records the real
 * answer and says "maybe"), lints a wide set of code with every rule, and asserts that every report comes from a
 * file where the real prefilter said "maybe" for that rule (with the options the rule ran with):
 * - every `code` of every valid and invalid case in tests/rules (with the case's `options` and `settings` when they
 *   are literals), linted by every rule: once with the defaults, and by the case's own rule with its options;
 * - every snippet of the shared fixtures (tests/fixtures/families), after each of its headers;
 * - every fenced JavaScript or TypeScript block of docs/rules (❌ and ✅ examples, option examples);
 * - the robustness corpus (tests/meta/corpus).
 */
import { readdirSync, readFileSync } from 'node:fs';

import * as tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it, vi } from 'vitest';

import type * as Prefilter from '../../src/analysis/prefilter.js';
import type { PrefilteredRule, PrefilterOptions } from '../../src/analysis/prefilter.js';
import type { ResourceModel } from '../../src/resources/match.js';

/** The real answers of the current lint, per rule (several when a rule is created twice). */
const answers = vi.hoisted(() => new Map<string, boolean[]>());

vi.mock('../../src/analysis/prefilter.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Prefilter>();
  return {
    ...actual,
    mayReportIn(model: ResourceModel, rule: PrefilteredRule, options?: PrefilterOptions): boolean {
      const answer = actual.mayReportIn(model, rule, options);
      const list = answers.get(rule);
      if (list) list.push(answer);
      else answers.set(rule, [answer]);
      return true;
    },
  };
});

const { default: plugin, rules } = await import('../../src/index.js');
const { families, withHeader } = await import('../fixtures/families/index.js');

interface Sample {
  /** Where the code comes from, for failures. */
  origin: string;
  code: string;
  filename: string;
  /** Rule name → options to lint with (every rule with defaults when absent). */
  only?: { rule: string; options: unknown[] };
  settings?: Record<string, unknown>;
}

const ruleNames = Object.keys(rules);

// ---- samples -------------------------------------------------------------------------------------------------

/** The value of a literal-only expression (`[{ checkTimeouts: true }]`), or undefined when it is not one. */
function staticValue(node: TSESTree.Node): unknown {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return node.value;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.length === 0 ? node.quasis[0]?.value.cooked : undefined;
    case AST_NODE_TYPES.ArrayExpression: {
      const values = node.elements.map((element) => (element === null ? undefined : staticValue(element)));
      return values.includes(undefined) ? undefined : values;
    }
    case AST_NODE_TYPES.ObjectExpression: {
      const result: Record<string, unknown> = {};
      for (const property of node.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) return undefined;
        const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String(property.key.value);
        const value = staticValue(property.value);
        if (value === undefined) return undefined;
        result[key] = value;
      }
      return result;
    }
    default:
      return undefined;
  }
}

function propertyOf(node: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const property of node.properties) {
    if (
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      property.key.name === name
    )
      return property.value;
  }
  return null;
}

/** Every test case object (`{ code: …, … }`) of a rule test file. */
function ruleTestSamples(file: string): Sample[] {
  // `<rule>.test.ts`, or a split of it such as `<rule>.precision.test.ts` (as tests/meta/plugin.test.ts allows).
  const rule = file.split('.')[0] ?? file;
  const text = readFileSync(new URL(`../rules/${file}`, import.meta.url), 'utf8');
  const ast = tsParser.parse(text, { range: true, loc: true });
  const samples: Sample[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const candidate = node as TSESTree.Node;
    if (candidate.type === AST_NODE_TYPES.ObjectExpression) {
      const codeNode = propertyOf(candidate, 'code');
      const code = codeNode ? staticValue(codeNode) : undefined;
      if (typeof code === 'string') {
        const filenameNode = propertyOf(candidate, 'filename');
        const filename = filenameNode ? staticValue(filenameNode) : undefined;
        const optionsNode = propertyOf(candidate, 'options');
        const options = optionsNode ? staticValue(optionsNode) : undefined;
        const settingsNode = propertyOf(candidate, 'settings');
        const settings = settingsNode ? staticValue(settingsNode) : undefined;
        samples.push({
          origin: `tests/rules/${file}:${candidate.loc.start.line}`,
          code,
          filename: typeof filename === 'string' ? (filename.split('/').pop() ?? 'file.ts') : 'file.ts',
          ...(Array.isArray(options) ? { only: { rule, options } } : {}),
          ...(settings && typeof settings === 'object' ? { settings: settings as Record<string, unknown> } : {}),
        });
      }
    }
    for (const [key, value] of Object.entries(candidate)) if (key !== 'parent') visit(value);
  };
  visit(ast);
  return samples;
}

const EXTENSIONS: Record<string, string> = {
  js: 'js',
  javascript: 'js',
  jsx: 'jsx',
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
};

/** Every fenced JavaScript or TypeScript block of a rule doc; a `// settings: {…}` first line gives settings. */
function docSamples(file: string): Sample[] {
  const text = readFileSync(new URL(`../../docs/rules/${file}`, import.meta.url), 'utf8');
  const samples: Sample[] = [];
  for (const match of text.matchAll(/^```(\w+)[^\n]*\n([\s\S]*?)^```/gmu)) {
    const extension = EXTENSIONS[match[1] ?? ''];
    const code = match[2] ?? '';
    if (!extension) continue;
    const settingsLine = /^\/\/ settings: (.*)$/mu.exec(code);
    samples.push({
      origin: `docs/rules/${file}:${text.slice(0, match.index).split('\n').length}`,
      code,
      filename: `example.${extension}`,
      ...(settingsLine ? { settings: JSON.parse(settingsLine[1] ?? '{}') as Record<string, unknown> } : {}),
    });
  }
  return samples;
}

/** Every snippet of the shared fixtures, after each header of its API (or none, for globals). */
function fixtureSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const [familyName, family] of Object.entries(families)) {
    for (const [apiName, fixture] of Object.entries(family)) {
      const { acquisition } = fixture;
      const headers = acquisition ? [acquisition.import, acquisition.require, acquisition.defaultImport] : [undefined];
      const snippets = [
        fixture.leak,
        fixture.tryFinally,
        fixture.callbackScoped,
        fixture.using,
        fixture.ownedLeak,
        fixture.teardown,
        ...Object.values(fixture.moreLeaks ?? {}),
        ...Object.values(fixture.moreReleased ?? {}),
      ];
      for (const header of headers) {
        if (acquisition && header === undefined) continue;
        for (const snippet of snippets) {
          if (!snippet) continue;
          samples.push({
            origin: `tests/fixtures/families: ${familyName}.${apiName}`,
            code: withHeader(header, snippet.code),
            filename: 'file.ts',
          });
        }
      }
    }
  }
  return samples;
}

const corpusDir = new URL('corpus/', import.meta.url);

const samples: Sample[] = [
  ...readdirSync(new URL('../rules/', import.meta.url))
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .flatMap((file) => {
      const own = ruleTestSamples(file);
      // Each case's code by every rule with its defaults, then by its own rule with its own options.
      return [...own.map(({ only: _only, ...sample }) => sample), ...own.filter((sample) => sample.only)];
    }),
  ...fixtureSamples(),
  ...readdirSync(new URL('../../docs/rules/', import.meta.url))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .flatMap(docSamples),
  ...readdirSync(corpusDir)
    .sort()
    .map((file) => ({
      origin: `tests/meta/corpus/${file}`,
      code: readFileSync(new URL(file, corpusDir), 'utf8'),
      filename: file.replace(/\.script\.js$/u, '.js'),
    })),
];

// ---- linting -------------------------------------------------------------------------------------------------

const linter = new TSESLint.Linter({ configType: 'flat' });

/** The rules that reported, and the real prefilter answers of the lint. */
function lint(sample: Sample): { reported: Set<string>; fatal: boolean } {
  answers.clear();
  const ruleEntries = sample.only
    ? { [`cleanup/${sample.only.rule}`]: ['error', ...sample.only.options] }
    : Object.fromEntries(ruleNames.map((name) => [`cleanup/${name}`, 'error']));
  const messages = linter.verify(
    sample.code,
    [
      {
        files: ['**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs', '**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'],
        plugins: { cleanup: plugin },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        languageOptions: {
          parser: tsParser,
          sourceType: 'module',
          parserOptions: { ecmaFeatures: { jsx: /x$/u.test(sample.filename) } },
        },
        rules: ruleEntries as TSESLint.FlatConfig.Rules,
        settings: sample.settings ?? {},
      },
    ],
    sample.filename,
  );
  const reported = new Set<string>();
  let fatal = false;
  for (const message of messages) {
    if (message.fatal) fatal = true;
    else if (message.ruleId?.startsWith('cleanup/')) reported.add(message.ruleId.slice('cleanup/'.length));
  }
  return { reported, fatal };
}

describe('the per-rule prefilter is a superset of what the rules report', () => {
  it('holds for every rule: the list of prefiltered rules is the list of rules', () => {
    const names: Record<PrefilteredRule, true> = {
      'dispose-owned-resources': true,
      'no-floating-resource': true,
      'no-leaked-listener': true,
      'no-leaked-timer': true,
      'no-shared-connection': true,
      'no-use-after-release': true,
      'prefer-using': true,
      'release-in-finally': true,
      'require-stop-signal': true,
    };
    expect(Object.keys(names).sort()).toEqual([...ruleNames].sort());
    // Every rule asks the prefilter when it is created.
    lint({ origin: 'empty', code: '', filename: 'file.ts' });
    expect([...answers.keys()].sort()).toEqual([...ruleNames].sort());
  });

  it(`never says "nothing here" where a rule reports (${samples.length} samples)`, () => {
    const misses: string[] = [];
    let reports = 0;
    let parsed = 0;
    for (const sample of samples) {
      const { reported, fatal } = lint(sample);
      if (!fatal) parsed += 1;
      for (const rule of reported) {
        reports += 1;
        const said = answers.get(rule) ?? [];
        if (said.length === 0 || said.includes(false)) misses.push(`${rule} reports in ${sample.origin}`);
      }
    }
    expect(misses).toEqual([]);
    // The samples do exercise the rules: most parse, and many reports were checked.
    expect(parsed).toBeGreaterThan(samples.length * 0.9);
    expect(reports).toBeGreaterThan(300);
    // Every rule on 817 files: 13 s on an idle machine, more on a shared one.
  }, 180_000);
});
