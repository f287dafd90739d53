/**
 * SARIF for GitHub code scanning (the README's CI recipe): the real `eslint` of the ESLint 10 JavaScript project, with
 * `@microsoft/eslint-formatter-sarif` installed in that project as CI installs it, writes a SARIF 2.1.0 log that names
 * every rule of the plugin with its help URI (the docs URL of the rule's meta) and description, and one result per
 * finding of `--format json`, at the same place.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rules as sourceRules } from '../../src/index.js';
import { docsUrl } from '../../src/util/createRule.js';
import {
  CLI_TIMEOUT,
  createWorkspace,
  installedPlugin,
  PROJECTS,
  projectFiles,
  ruleSources,
  SETUP_TIMEOUT,
  setupIntegration,
  type Workspace,
} from './harness.js';

interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri: string; shortDescription?: { text: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
        };
      }[];
    }[];
  }[];
}

const spec = PROJECTS['js-eslint10'];
let ws: Workspace;

beforeAll(async () => {
  const integration = await setupIntegration();
  ws = await createWorkspace(integration, spec.name, { ...projectFiles(spec), ...ruleSources(spec) });
}, SETUP_TIMEOUT);

afterAll(() => ws?.remove());

describe('--format @microsoft/eslint-formatter-sarif', () => {
  it(
    'names our rule ids with their help URIs, and reports every finding at its place',
    async () => {
      const plugin = await installedPlugin(ws);
      const run = await ws.eslint([
        '--format',
        '@microsoft/eslint-formatter-sarif',
        '--output-file',
        'eslint.sarif',
        'src',
      ]);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      const sarif = JSON.parse(readFileSync(ws.path('eslint.sarif'), 'utf8')) as SarifLog;
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs).toHaveLength(1);
      const [log] = sarif.runs;
      expect(log!.tool.driver.name).toBe('ESLint');

      // Every rule of the plugin (the fixtures give each one a finding), described by its meta.
      const rules = log!.tool.driver.rules;
      const expectedIds = Object.entries(plugin.rules)
        .filter(([, rule]) => rule.docs.requiresTypeChecking !== true)
        .map(([name]) => `cleanup/${name}`)
        .sort();
      expect(rules.map((rule) => rule.id).sort()).toEqual(expectedIds);
      for (const rule of rules) {
        const name = rule.id.replace(/^cleanup\//, '');
        const docs = plugin.rules[name]!.docs;
        expect(rule.helpUri, rule.id).toBe(docs.url);
        expect(rule.helpUri, `${rule.id}: the docs URL of the rule`).toBe(docsUrl(name));
        expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
        expect(rule.shortDescription?.text, rule.id).toBe(docs.description);
        if (name in sourceRules)
          expect(docs.description).toBe(sourceRules[name as keyof typeof sourceRules].meta.docs?.description);
      }

      // One result per finding of `--format json`, at the same place, pointing at its rule.
      const { results } = await ws.eslintJson(['src']);
      const fromJson = results
        .flatMap((result) =>
          result.messages.map(
            (message) =>
              `${pathToFileURL(result.filePath).href}:${message.line}:${message.column}-${message.endLine}:${message.endColumn} ${message.ruleId} ${message.message}`,
          ),
        )
        .sort();
      const fromSarif = log!.results
        .map((result) => {
          const { artifactLocation, region } = result.locations[0]!.physicalLocation;
          expect(rules[result.ruleIndex]!.id, 'ruleIndex points at the rule').toBe(result.ruleId);
          expect(result.level).toBe('error');
          return `${artifactLocation.uri}:${region.startLine}:${region.startColumn}-${region.endLine}:${region.endColumn} ${result.ruleId} ${result.message.text}`;
        })
        .sort();
      expect(fromSarif).toEqual(fromJson);
    },
    CLI_TIMEOUT,
  );
});
