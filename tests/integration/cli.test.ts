/**
 * The real `eslint` binary on projects that installed the packed plugin (tests/integration/harness.ts): ESLint 9 and
 * 10, an untyped JavaScript project (no `typescript` installed at all) and a typed TypeScript project
 * (`projectService`). Each project is checked through `--format json`:
 * - the installed package is the current build;
 * - every rule of the plugin reports on its fixture, exactly on the lines the fixture marks (fixtures/README.md);
 * - `--fix-dry-run` and `--fix` write the autofixes;
 * - `--cache`: the second run reads the cache (ESLint's debug log says it skipped every file) and gives the same
 *   results; an edited file is linted again;
 * - `--concurrency=2` (worker threads) gives the same results as `--concurrency=off`;
 * - `--max-warnings 0` exit codes, for a CI gate;
 * - `recommended` needs no type information: in the untyped projects `typescript` is not even installed; in the typed
 *   projects typescript-eslint's debug log shows that no TypeScript program or project service is created.
 */
import { existsSync, readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, it } from 'vitest';

import { rules as sourceRules } from '../../src/index.js';
import {
  actualFindings,
  byFile,
  CLI_TIMEOUT,
  createWorkspace,
  fixtureFiles,
  installedPlugin,
  markedFindings,
  PROJECTS,
  projectFiles,
  ROOT,
  ruleSources,
  SETUP_TIMEOUT,
  setupIntegration,
  sourceName,
  type Integration,
  type JsonResult,
  type ProjectName,
  type Workspace,
} from './harness.js';

const rootPackage = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { name: string; version: string };

let integration: Integration;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  integration = await setupIntegration();
}, SETUP_TIMEOUT);

afterAll(() => {
  for (const workspace of workspaces) workspace.remove();
});

async function workspace(project: ProjectName, files: Record<string, string>): Promise<Workspace> {
  const created = await createWorkspace(integration, project, files);
  workspaces.push(created);
  return created;
}

/** The fields of a result that `--cache` and `--concurrency` must not change. */
function comparable(results: Record<string, JsonResult>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(results).map(([file, result]) => [
      file,
      {
        messages: result.messages,
        errorCount: result.errorCount,
        fatalErrorCount: result.fatalErrorCount,
        warningCount: result.warningCount,
        fixableErrorCount: result.fixableErrorCount,
        fixableWarningCount: result.fixableWarningCount,
      },
    ]),
  );
}

/** Namespaces typescript-eslint logs under when it creates a TypeScript program or project service. */
const PROGRAM_LOG =
  /typescript-eslint:(project-service|typescript-estree:(useProgramFromProjectService|create-program:(createProjectProgram|getWatchProgramsForProjects|useProvidedPrograms|createIsolatedProgram)))/;

const projectNames = Object.keys(PROJECTS) as ProjectName[];

// Concurrent: each test has its own workspace, and most of the time goes to ESLint processes waiting on each other.
describe.concurrent.each(projectNames)('%s', (project) => {
  const spec = PROJECTS[project];
  const source = (name: string): string => `src/${sourceName(spec, name)}`;

  it('installs the current build of the plugin, and the ESLint it asks for', async ({ expect }) => {
    const ws = await workspace(project, {});
    const plugin = await installedPlugin(ws);
    expect(plugin.meta).toEqual({ name: rootPackage.name, version: rootPackage.version, namespace: 'cleanup' });
    expect(Object.keys(plugin.rules).sort(), 'the tarball is built from the current src/').toEqual(
      Object.keys(sourceRules).sort(),
    );
    const eslint = JSON.parse(ws.read('node_modules/eslint/package.json')) as { version: string };
    expect(Number(eslint.version.split('.')[0])).toBe(spec.eslintMajor);
    // npm --omit=peer: the untyped projects have no TypeScript at all.
    expect(existsSync(ws.path('node_modules/typescript')), 'typescript installed').toBe(spec.typed);
  });

  it(
    'reports every rule of the plugin on its fixture, on the marked lines',
    async ({ expect }) => {
      const ws = await workspace(project, { ...projectFiles(spec), ...ruleSources(spec) });
      const plugin = await installedPlugin(ws);
      const expectedRules = Object.entries(plugin.rules)
        .filter(([, rule]) => spec.typed || rule.docs.requiresTypeChecking !== true)
        .map(([name]) => `cleanup/${name}`)
        .sort();

      const { run, results } = await ws.eslintJson(['src']);
      const reported = [
        ...new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId))),
      ].sort();
      const missing = expectedRules.filter((id) => !reported.includes(id));
      expect(
        missing,
        `rules without a finding in the integration fixtures: add tests/integration/fixtures/rules/<rule>.js with \`// ❌ <rule>\` markers (see tests/integration/fixtures/README.md) for: ${missing.join(', ')}`,
      ).toEqual([]);
      expect(reported, 'every finding comes from a rule of the plugin').toEqual(expectedRules);
      expect(run.code, run.stderr).toBe(1);

      for (const [file, result] of Object.entries(byFile(ws, results))) {
        expect(result.fatalErrorCount, `${file}: fatal errors`).toBe(0);
        expect(
          actualFindings(result),
          `${file}: the findings (line:rule) differ from the fixture's \`// ❌\` markers:\n${JSON.stringify(result.messages, null, 2)}`,
        ).toEqual(markedFindings(ws.read(file), spec.typed));
        for (const message of result.messages) {
          expect(message.endLine, `${file}:${message.line}: a finding without an end`).toBeTypeOf('number');
          expect(message.messageId, `${file}:${message.line}: a finding without a messageId`).toBeTypeOf('string');
        }
      }
    },
    CLI_TIMEOUT,
  );

  it(
    '--fix-dry-run and --fix write the autofixes',
    async ({ expect }) => {
      const input = fixtureFiles('fix')['input.js']!;
      const expected = fixtureFiles('fix')['expected.js']!;
      const file = source('input');
      const ws = await workspace(project, { ...projectFiles(spec), [file]: input });

      expect(expected, 'the fix fixture changes something').not.toBe(input);

      const dryRun = await ws.eslintJson(['--fix-dry-run', 'src']);
      expect(dryRun.run.code, dryRun.run.stderr).toBe(0);
      expect(dryRun.results[0]!.output).toBe(expected);
      expect(ws.read(file), '--fix-dry-run writes nothing').toBe(input);

      const fixed = await ws.eslintJson(['--fix', 'src']);
      expect(fixed.run.code, fixed.run.stderr).toBe(0);
      expect(fixed.results[0]!.messages).toEqual([]);
      expect(ws.read(file)).toBe(expected);
    },
    CLI_TIMEOUT,
  );

  it(
    '--cache: the second run reads the cache and gives the same results; an edited file is linted again',
    async ({ expect }) => {
      const ws = await workspace(project, { ...projectFiles(spec), ...ruleSources(spec) });
      const files = Object.keys(ruleSources(spec)).sort();

      const first = await ws.eslintJson(['--cache', 'src']);
      expect(first.run.code, first.run.stderr).toBe(1);
      expect(existsSync(ws.path('.eslintcache')), 'the cache file exists').toBe(true);
      expect(ws.read('.eslintcache')).toContain(files[0]!.replace(/^src\//, ''));

      const second = await ws.eslintJson(['--cache', 'src'], { env: { DEBUG: 'eslint:*' } });
      expect(second.run.code, second.run.stderr).toBe(1);
      for (const file of files)
        expect(second.run.stderr).toContain(`Skipping file since it hasn't changed: ${ws.path(file)}`);
      expect(comparable(byFile(ws, second.results))).toEqual(comparable(byFile(ws, first.results)));

      // Edit one file: one line more at the top moves every finding of that file one line down.
      const edited = files[0]!;
      ws.write(edited, `// edited\n${ws.read(edited)}`);
      const third = await ws.eslintJson(['--cache', 'src'], { env: { DEBUG: 'eslint:*' } });
      expect(third.run.stderr).not.toContain(`Skipping file since it hasn't changed: ${ws.path(edited)}`);
      for (const file of files.slice(1))
        expect(third.run.stderr).toContain(`Skipping file since it hasn't changed: ${ws.path(file)}`);
      const shifted = byFile(ws, first.results)[edited]!.messages.map(
        (message) => `${message.line + 1}:${message.ruleId}`,
      );
      expect(actualFindings(byFile(ws, third.results)[edited]!)).toEqual(shifted.sort());
    },
    CLI_TIMEOUT,
  );

  it(
    '--concurrency=2 gives the same results as --concurrency=off',
    async ({ expect }) => {
      const ws = await workspace(project, { ...projectFiles(spec), ...ruleSources(spec) });
      const help = await ws.eslint(['--help']);
      // ESLint 9.34 added --concurrency; the ESLint 9 projects install the latest 9.x.
      expect(help.stdout).toContain('--concurrency');

      const off = await ws.eslintJson(['--concurrency=off', 'src']);
      const two = await ws.eslintJson(['--concurrency=2', 'src'], { env: { DEBUG: 'eslint:*' } });
      expect(off.run.code, off.run.stderr).toBe(1);
      expect(two.run.code, two.run.stderr).toBe(1);
      // ESLint's debug log: two worker threads, and debug lines from inside them (their namespaces end with `:thread-<id>`).
      expect(two.run.stderr).toContain('Linting using 2 worker thread(s).');
      expect(two.run.stderr).toMatch(/eslint:[\w-]+:thread-\d/);
      expect(comparable(byFile(ws, two.results))).toEqual(comparable(byFile(ws, off.results)));
    },
    CLI_TIMEOUT,
  );

  // The gate is a property of the CLI, not of type information: the untyped projects show it (ESLint 9 and 10).
  if (!spec.typed) {
    it(
      '--max-warnings 0 fails a CI gate on warnings and passes on clean code',
      async ({ expect }) => {
        const ws = await workspace(project, {
          ...projectFiles(spec),
          ...ruleSources(spec),
          'clean/clean.js': fixtureFiles('clean')['clean.js']!,
        });

        const warnings = await ws.eslintJson(['-c', 'warn.config.js', 'src']);
        expect(warnings.run.code, 'warnings alone do not fail').toBe(0);
        const count = warnings.results.reduce((sum, result) => sum + result.warningCount, 0);
        expect(count).toBeGreaterThan(0);
        expect(warnings.results.reduce((sum, result) => sum + result.errorCount, 0)).toBe(0);

        const gated = await ws.eslintJson(['-c', 'warn.config.js', '--max-warnings', '0', 'src']);
        expect(gated.run.code).toBe(1);
        expect(gated.run.stdout + gated.run.stderr).toContain('too many warnings');

        const allowed = await ws.eslintJson(['-c', 'warn.config.js', '--max-warnings', String(count), 'src']);
        expect(allowed.run.code, 'exactly the maximum number of warnings passes').toBe(0);

        const clean = await ws.eslintJson(['--max-warnings', '0', 'clean']);
        expect(clean.run.code, clean.run.stderr).toBe(0);
        expect(clean.results.flatMap((result) => result.messages)).toEqual([]);
      },
      CLI_TIMEOUT,
    );
  }

  it(
    spec.typed
      ? '`recommended` lints TypeScript without type information: no TypeScript program is created'
      : '`recommended` lints JavaScript in a project where `typescript` is not installed',
    async ({ expect }) => {
      const ws = await workspace(project, { ...projectFiles(spec), ...ruleSources(spec) });
      const plugin = await installedPlugin(ws);
      const recommended = [...plugin.configs['recommended']!].sort();
      expect(recommended.length).toBeGreaterThan(0);
      for (const id of recommended) {
        expect(plugin.rules[id.replace(/^cleanup\//, '')]!.docs.requiresTypeChecking, `${id} in recommended`).not.toBe(
          true,
        );
      }

      const env = spec.typed ? { DEBUG: 'typescript-eslint:*' } : undefined;
      if (!spec.typed) {
        const probe = await ws.eslint(['--print-config', 'src/release-in-finally.js', '-c', 'recommended.config.js']);
        expect(probe.code, probe.stderr).toBe(0);
        expect(existsSync(ws.path('node_modules/typescript'))).toBe(false);
      }
      const { run, results } = await ws.eslintJson(
        ['-c', 'recommended.config.js', 'src'],
        env === undefined ? {} : { env },
      );
      expect(run.code, run.stdout.slice(0, 2000) + run.stderr.slice(-2000)).toBe(1);
      const reported = [
        ...new Set(results.flatMap((result) => result.messages.map((message) => message.ruleId))),
      ].sort();
      expect(reported).toEqual(recommended);
      // Without types, each recommended rule reports exactly what it reports untyped on plain JavaScript.
      for (const [file, result] of Object.entries(byFile(ws, results))) {
        const marked = markedFindings(ws.read(file), false).filter((finding) =>
          recommended.includes(finding.replace(/^\d+:/, '')),
        );
        expect(actualFindings(result), file).toEqual(marked);
      }

      if (spec.typed) {
        expect(run.stderr, 'the debug log is on (typescript-estree parsed the files)').toContain(
          'typescript-eslint:typescript-estree:',
        );
        expect(run.stderr.split('\n').filter((line) => PROGRAM_LOG.test(line))).toEqual([]);
        // Control: the same log does show the project service of the typed config.
        const typed = await ws.eslint(['src/release-in-finally.ts'], { env: { DEBUG: 'typescript-eslint:*' } });
        expect(typed.stderr).toMatch(PROGRAM_LOG);
      }
    },
    CLI_TIMEOUT,
  );
});
