/**
 * The newcomer path (issue 17), over the packed tarball in fresh consumer projects, on this process's Node (20 here)
 * and on the newest Node the harness finds (`Integration.nodes`):
 * - the README's config blocks, copied from README.md as they are, lint what they claim to: JavaScript; TypeScript
 *   without type information (`.ts` files are linted, not silently skipped); TypeScript with type information, with
 *   `.js`, `.mjs`, `.cjs` scripts and a `vitest.config.ts` outside `tsconfig.json` (no "not found by the project
 *   service");
 * - `--fix` with the typed README block writes no `using` that Node 20 cannot run: `.js` scripts keep their
 *   `try`/`finally` and run; TypeScript with `target: ES2022` gets `await using`, which `tsc` lowers, and the compiled
 *   output runs; with `target: ESNext` the rewrite is a suggestion only;
 * - the untyped path installs and runs next to TypeScript 7 (no `typescript` peer range to trip over);
 * - the configs type-check against ESLint's own types (`defineConfig`, a `// @ts-check` config) under ESLint 9 and 10;
 * - `npm pack` from a fresh copy of the repository builds first and ships `dist/`, `docs/`, LICENSE and CHANGELOG;
 * - package hygiene: LICENSE, CHANGELOG, `repository` / `homepage` / `bugs`, docs URLs that point into that repository
 *   at files the tarball ships;
 * - invalid settings stop ESLint with one line about the configuration, no stack trace;
 * - oxlint (`jsPlugins`) reports the same findings as ESLint on every rule's fixture and applies the same fixes.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { rules as sourceRules } from '../../src/index.js';
import {
  actualFindings,
  byFile,
  CLI_TIMEOUT,
  fixExpectation,
  fixtureFiles,
  installedPlugin,
  integrationSuite,
  markedFindings,
  ROOT,
  type JsonResult,
  type RunResult,
  type Workspace,
} from './harness.js';

const execFileAsync = promisify(execFile);
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The first fenced block of `lang` after the heading line `heading` in the README, without its fences. */
function readmeBlock(heading: string, lang: string): string {
  const at = README.split('\n').findIndex((line) => line === heading);
  if (at < 0) throw new Error(`README.md has no heading \`${heading}\``);
  const rest = README.split('\n')
    .slice(at + 1)
    .join('\n');
  const match = new RegExp(`^\`\`\`${lang}\\n([^]*?)^\`\`\`$`, 'm').exec(rest);
  if (!match) throw new Error(`README.md has no \`\`\`${lang} block after \`${heading}\``);
  return match[1]!;
}

const JS_BLOCK = readmeBlock('### JavaScript', 'js');
const TS_UNTYPED_BLOCK = readmeBlock('### TypeScript without type information', 'js');
const TS_TYPED_BLOCK = readmeBlock('### TypeScript with type information', 'js');
/** The README's `.oxlintrc.json` (a `jsonc` block: its first line is a comment naming the file). */
const OXLINTRC = JSON.parse(readmeBlock('## oxlint', 'jsonc').replace(/^\/\/.*\n/, '')) as {
  jsPlugins: string[];
  rules: Record<string, string>;
};

const RULE_FIXTURES = fixtureFiles('rules');
const fixture = (rule: string): string => RULE_FIXTURES[`${rule}.js`]!;

const suite = integrationSuite({ extra: ['js-ts7-oxlint', 'ts51-eslint10'] });
const workspace = suite.workspace;

/** `line:rule` of each file's findings, by path relative to the workspace. */
function findingsByFile(ws: Workspace, results: JsonResult[]): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(byFile(ws, results)).map(([file, result]) => [file, actualFindings(result)]),
  );
}

function fatalMessages(results: JsonResult[]): string[] {
  return results.flatMap((result) =>
    result.messages
      .filter((message) => message.fatal || message.ruleId === null)
      .map((message) => `${result.filePath}: ${message.message}`),
  );
}

const ok = (run: RunResult): string => `exit ${run.code}\n${run.stdout}\n${run.stderr}`;

describe('Node versions', () => {
  it('runs the consumer side on this Node and on the newest Node the harness found', () => {
    const [current, ...others] = suite.integration.nodes;
    expect(current).toEqual({ path: process.execPath, version: process.versions.node });
    for (const node of others)
      expect(Number(node.version.split('.')[0])).toBeGreaterThan(Number(process.versions.node.split('.')[0]));
    console.log(
      `newcomer: consumer commands run on Node ${suite.integration.nodes.map((node) => node.version).join(' and ')}`,
    );
  });
});

describe('README: JavaScript', () => {
  it(
    'the JavaScript block lints .js, .mjs and .cjs files',
    async () => {
      const text = fixture('release-in-finally');
      const ws = await workspace('js-eslint10', {
        'eslint.config.js': JS_BLOCK,
        'src/leak.js': text,
        'src/leak.mjs': text,
        'scripts/leak.cjs': text
          .replace(/^import (\w+) from '([^']+)';$/gm, "const $1 = require('$2');")
          .replace(/^import \{ (\w+) \} from '([^']+)';$/gm, "const { $1 } = require('$2');")
          .replaceAll('export async function', 'async function'),
      });
      const expected = markedFindings(text, false);
      for (const node of suite.integration.nodes) {
        const { run, results } = await ws.eslintJson(['.'], { node: node.path });
        expect(run.code, `Node ${node.version}: ${ok(run)}`).toBe(1);
        const found = findingsByFile(ws, results);
        expect(Object.keys(found), `Node ${node.version}`).toEqual([
          'eslint.config.js',
          'scripts/leak.cjs',
          'src/leak.js',
          'src/leak.mjs',
        ]);
        expect(found['src/leak.js'], `Node ${node.version}`).toEqual(expected);
        expect(found['src/leak.mjs']).toEqual(expected);
        expect(found['scripts/leak.cjs']!.length, 'the CommonJS copy reports too').toBeGreaterThan(0);
      }
    },
    CLI_TIMEOUT,
  );
});

describe('README: a CommonJS config', () => {
  it(
    '`eslint.config.cjs` loads the ESM-only plugin with require()',
    async () => {
      const text = fixture('release-in-finally');
      const ws = await workspace('js-eslint10', {
        'eslint.config.cjs':
          "const cleanup = require('eslint-plugin-cleanup').default;\n\nmodule.exports = [cleanup.configs.recommended];\n",
        'src/leak.js': text,
      });
      for (const node of suite.integration.nodes) {
        const { run, results } = await ws.eslintJson(['src'], { node: node.path });
        expect(run.code, `Node ${node.version}: ${ok(run)}`).toBe(1);
        expect(findingsByFile(ws, results), `Node ${node.version}`).toEqual({
          'src/leak.js': markedFindings(text, false),
        });
      }
    },
    CLI_TIMEOUT,
  );
});

describe('README: TypeScript without type information', () => {
  it(
    'the untyped TypeScript block lints the .ts files (flat config lints only JavaScript by default)',
    async () => {
      const text = fixture('release-in-finally');
      const ws = await workspace('ts-eslint10', {
        'eslint.config.js': TS_UNTYPED_BLOCK,
        'src/leak.ts': text,
        'src/lib.mts': text,
        'src/app.js': text,
      });
      for (const node of suite.integration.nodes) {
        const { run, results } = await ws.eslintJson(['.'], { node: node.path });
        expect(run.code, `Node ${node.version}: ${ok(run)}`).toBe(1);
        expect(fatalMessages(results)).toEqual([]);
        const found = findingsByFile(ws, results);
        expect(Object.keys(found), `Node ${node.version}`).toEqual([
          'eslint.config.js',
          'src/app.js',
          'src/leak.ts',
          'src/lib.mts',
        ]);
        for (const file of ['src/app.js', 'src/leak.ts', 'src/lib.mts'])
          expect(found[file], file).toEqual(markedFindings(text, false));
      }
    },
    CLI_TIMEOUT,
  );
});

/** A script that reads its own first bytes through a FileHandle, closed in `finally`: prefer-using's shape. */
const HEAD_JS = `import { open } from 'node:fs/promises';

export async function firstBytes(path) {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(6), 0, 6, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

console.log(await firstBytes(process.argv[1]));
`;
const HEAD_TS = HEAD_JS.replace('firstBytes(path)', 'firstBytes(path: string): Promise<string>');

const tsconfig = (target: string): string =>
  JSON.stringify(
    {
      compilerOptions: {
        target,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'esnext.disposable'],
        types: ['node'],
        strict: true,
        skipLibCheck: true,
        outDir: 'out',
        rootDir: 'src',
      },
      include: ['src'],
    },
    null,
    2,
  );

describe('README: TypeScript with type information', () => {
  it(
    '--fix writes `await using` only where tsc lowers it; .js/.mjs/.cjs scripts and vitest.config.ts lint without errors, and everything runs',
    async () => {
      const ws = await workspace('ts-eslint10', {
        'eslint.config.js': TS_TYPED_BLOCK,
        'tsconfig.json': tsconfig('ES2022'),
        'src/head.ts': HEAD_TS,
        'scripts/head.js': HEAD_JS,
        'scripts/tool.mjs': fixture('release-in-finally'),
        'scripts/tool.cjs':
          "const { open } = require('node:fs/promises');\nmodule.exports = async (p) => (await open(p)).close();\n",
        'vitest.config.ts': "export default { test: { include: ['src/**/*.test.ts'] } };\n",
      });
      const { run, results } = await ws.eslintJson(['--fix', '.']);
      expect(fatalMessages(results), 'no "was not found by the project service"').toEqual([]);
      expect(Object.keys(byFile(ws, results))).toEqual([
        'eslint.config.js',
        'scripts/head.js',
        'scripts/tool.cjs',
        'scripts/tool.mjs',
        'src/head.ts',
        'vitest.config.ts',
      ]);
      expect(run.code, ok(run)).toBe(1); // scripts/tool.mjs keeps release-in-finally findings that have no autofix
      expect(ws.read('scripts/head.js'), 'no `using` written into plain JavaScript').toBe(HEAD_JS);
      expect(ws.read('src/head.ts')).toContain("await using fh = await open(path, 'r');");
      expect(ws.read('src/head.ts')).not.toContain('finally');

      const after = findingsByFile(ws, (await ws.eslintJson(['.'])).results);
      for (const node of suite.integration.nodes.slice(1)) {
        const again = await ws.eslintJson(['.'], { node: node.path });
        expect(fatalMessages(again.results), `Node ${node.version}`).toEqual([]);
        expect(
          findingsByFile(ws, again.results),
          `Node ${node.version} lints like Node ${process.versions.node}`,
        ).toEqual(after);
      }

      const tsc = await ws.node([ws.path('node_modules/typescript/bin/tsc'), '-p', '.']);
      expect(tsc.code, ok(tsc)).toBe(0);
      expect(readFileSync(ws.path('out/head.js'), 'utf8'), 'tsc lowered `await using`').not.toMatch(/\busing\b fh/);
      for (const node of suite.integration.nodes) {
        for (const script of ['scripts/head.js', 'out/head.js']) {
          const result = await ws.node([script], { node: node.path });
          expect(result.code, `Node ${node.version} ${script}: ${ok(result)}`).toBe(0);
          expect(result.stdout, 'it read its own first bytes').toBe(
            `${readFileSync(ws.path(script), 'utf8').slice(0, 6)}\n`,
          );
        }
      }
    },
    // Several typed lints and a tsc run (or a whole build): more than one CLI run.
    2 * CLI_TIMEOUT,
  );

  it(
    'with `target: ESNext` the rewrite to `using` is a suggestion: --fix leaves the code as it was',
    async () => {
      const ws = await workspace('ts-eslint10', {
        'eslint.config.js': TS_TYPED_BLOCK,
        'tsconfig.json': tsconfig('ESNext'),
        'src/head.ts': HEAD_TS,
      });
      const { results } = await ws.eslintJson(['--fix', 'src']);
      expect(ws.read('src/head.ts')).toBe(HEAD_TS);
      const [message] = results[0]!.messages;
      expect(results[0]!.messages).toHaveLength(1);
      expect(message!.ruleId).toBe('cleanup/prefer-using');
      expect(message!.fix).toBeUndefined();
      expect(message!.suggestions?.map((suggestion) => suggestion.messageId)).toEqual(['suggestUsing']);
    },
    CLI_TIMEOUT,
  );
});

describe('TypeScript 7 installed', () => {
  it(
    'the untyped config installs (no typescript peer range) and lints',
    async () => {
      expect(suite.integration.tarball.manifest.peerDependencies).toEqual({ eslint: '^9.15.0 || ^10.0.0' });
      const text = fixture('release-in-finally');
      const ws = await workspace('js-ts7-oxlint', { 'eslint.config.js': JS_BLOCK, 'src/leak.js': text });
      const typescript = JSON.parse(ws.read('node_modules/typescript/package.json')) as { version: string };
      expect(typescript.version).toMatch(/^7\./);
      for (const node of suite.integration.nodes) {
        const { results } = await ws.eslintJson(['.'], { node: node.path });
        expect(findingsByFile(ws, results), `Node ${node.version}`).toEqual({
          'eslint.config.js': [],
          'src/leak.js': markedFindings(text, false),
        });
      }
    },
    CLI_TIMEOUT,
  );
});

describe('an unsupported TypeScript on the typed path', () => {
  it(
    'TypeScript 5.1 (which typescript-eslint accepts) stops the typed lint with one line naming both versions',
    async () => {
      const ws = await workspace('ts51-eslint10', {
        'eslint.config.js': `import cleanup from 'eslint-plugin-cleanup';
import tseslint from 'typescript-eslint';

export default [
  { files: ['**/*.ts'], ...cleanup.configs['recommended-type-checked'] },
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } } },
];
`,
        'tsconfig.json': JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          include: ['src'],
        }),
        'src/leak.ts':
          "declare const pool: { connect(): Promise<{ query(sql: string): Promise<void>; release(): void }> };\nexport async function run() {\n  const client = await pool.connect();\n  await client.query('select 1');\n  client.release();\n}\n",
      });
      const typescript = JSON.parse(ws.read('node_modules/typescript/package.json')) as { version: string };
      expect(typescript.version).toMatch(/^5\.1\./);
      for (const node of suite.integration.nodes) {
        const run = await ws.eslint(['src'], { node: node.path });
        expect(run.code, `Node ${node.version}: ${ok(run)}`).toBe(2);
        const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
        expect(
          lines.filter((line) => /^\s+at /.test(line)),
          'no stack frames',
        ).toEqual([]);
        expect(lines.at(-1)).toBe(
          `eslint-plugin-cleanup: type-aware linting needs TypeScript >=5.2 <6.1, but this project has TypeScript ${typescript.version}; ` +
            'install typescript@~6.0 for the typed configs, or use `recommended` without type information.',
        );
      }
    },
    CLI_TIMEOUT,
  );
});

describe('types', () => {
  const CHECK_TS = `import cleanup from 'eslint-plugin-cleanup';
import type { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  cleanup.configs.recommended,
  cleanup.configs['recommended-type-checked'],
  cleanup.configs.strict,
  cleanup.configs.all,
  { files: ['**/*.js'], ...cleanup.configs['disable-type-checked'] },
  { plugins: { cleanup }, rules: { 'cleanup/prefer-using': ['error', { runtimeSupportsUsing: true }] } },
  { files: ['**/*.ts'], extends: [cleanup.configs.recommended] },
]);
export const plain: Linter.Config[] = [cleanup.configs.recommended, cleanup.configs['disable-type-checked']];
export const viaTseslint = tseslint.config(cleanup.configs.recommended, { files: ['**/*.js'], ...cleanup.configs['disable-type-checked'] });
`;
  const CHECK_JS = `// @ts-check
import cleanup from 'eslint-plugin-cleanup';
import { defineConfig } from 'eslint/config';

export default defineConfig([cleanup.configs.recommended, { files: ['**/*.js'], ...cleanup.configs['disable-type-checked'] }]);
`;
  const TSCONFIG = JSON.stringify({
    // skipLibCheck: the assignability of our configs to ESLint's types is checked where they are used, in these files.
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      allowJs: true,
      checkJs: true,
      skipLibCheck: true,
      types: ['node'],
    },
    files: ['eslint.config.ts', 'eslint.config.js'],
  });

  it.each(['ts-eslint9', 'ts-eslint10'] as const)(
    '%s: defineConfig() and a // @ts-check config accept every config (tsc)',
    async (project) => {
      const ws = await workspace(project, {
        'eslint.config.ts': CHECK_TS,
        'eslint.config.js': CHECK_JS,
        'tsconfig.json': TSCONFIG,
      });
      const eslint = JSON.parse(ws.read('node_modules/eslint/package.json')) as { version: string };
      expect(eslint.version).toMatch(project === 'ts-eslint9' ? /^9\.(39|[4-9]\d)\./ : /^10\./);
      const tsc = await ws.node([ws.path('node_modules/typescript/bin/tsc'), '-p', '.']);
      expect(tsc.code, `ESLint ${eslint.version}: ${ok(tsc)}`).toBe(0);
    },
    CLI_TIMEOUT,
  );
});

describe('package', () => {
  it(
    '`npm pack` in a fresh copy of the repository builds first and ships dist/, docs/, README, LICENSE and CHANGELOG',
    async () => {
      const copy = mkdtempSync(path.join(os.tmpdir(), 'cleanup-clone-'));
      try {
        const { stdout } = await execFileAsync(
          'git',
          ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
          { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
        );
        for (const file of stdout.split('\0').filter(Boolean)) {
          mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
          cpSync(path.join(ROOT, file), path.join(copy, file));
        }
        symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
        const packed = await execFileAsync('npm', ['pack', '--dry-run', '--json'], {
          cwd: copy,
          maxBuffer: 64 * 1024 * 1024,
        });
        const [{ files }] = JSON.parse(packed.stdout) as [{ files: { path: string }[] }];
        const paths = files.map((file) => file.path);
        for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts'])
          expect(paths).toContain(file);
        for (const rule of Object.keys(sourceRules)) {
          expect(paths).toContain(`dist/rules/${rule}.js`);
          expect(paths).toContain(`docs/rules/${rule}.md`);
        }
        expect(paths.filter((file) => file.startsWith('src/') || file.startsWith('tests/'))).toEqual([]);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    },
    // Several typed lints and a tsc run (or a whole build): more than one CLI run.
    2 * CLI_TIMEOUT,
  );

  it(
    'names its repository, and every docs URL and README link points at a file the tarball ships',
    async () => {
      const { stdout } = await execFileAsync('tar', ['-tzf', suite.integration.tarball.file]);
      const shipped = new Set(
        stdout
          .split('\n')
          .filter(Boolean)
          .map((file) => file.replace(/^package\//, '')),
      );
      const manifest = suite.integration.tarball.manifest as unknown as {
        license: string;
        repository: { url: string };
        homepage: string;
        bugs: { url: string };
      };
      expect(manifest.license).toBe('MIT');
      expect(shipped.has('LICENSE') && shipped.has('CHANGELOG.md')).toBe(true);
      const { stdout: license } = await execFileAsync('tar', [
        '-xzOf',
        suite.integration.tarball.file,
        'package/LICENSE',
      ]);
      expect(license).toMatch(/^MIT License\n/);
      const repository = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
      expect(repository).toMatch(/^https:\/\/github\.com\/[\w-]+\/[\w-]+$/);
      expect(manifest.homepage.startsWith(repository)).toBe(true);
      expect(manifest.bugs.url).toBe(`${repository}/issues`);

      const ws = await workspace('js-eslint10', {});
      const plugin = await installedPlugin(ws);
      for (const [name, rule] of Object.entries(plugin.rules)) {
        expect(rule.docs.url).toBe(`${repository}/blob/main/docs/rules/${name}.md`);
        expect(shipped.has(`docs/rules/${name}.md`), name).toBe(true);
      }
      const links = [...README.matchAll(/\]\(((?:docs|\.)\/[^)#]+)\)/g)].map((match) => match[1]!.replace(/^\.\//, ''));
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(shipped.has(link), link).toBe(true);
    },
    CLI_TIMEOUT,
  );
});

describe('invalid settings', () => {
  it(
    'stop ESLint with one line about the configuration, without a stack trace',
    async () => {
      const ws = await workspace('js-eslint10', {
        'eslint.config.js': `import cleanup from 'eslint-plugin-cleanup';\nexport default [cleanup.configs.recommended, { settings: { cleanup: { resources: [{ release: { methods: ['close'] } }] } } }];\n`,
        'src/leak.js': fixture('release-in-finally'),
      });
      for (const node of suite.integration.nodes) {
        const run = await ws.eslint(['src'], { node: node.path });
        expect(run.code, `Node ${node.version}: ${ok(run)}`).toBe(2);
        const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
        expect(
          lines.filter((line) => /^\s+at /.test(line)),
          'no stack frames',
        ).toEqual([]);
        expect(lines.at(-1)).toBe(
          'eslint-plugin-cleanup: settings.cleanup.resources[0].acquire is required: the method or function that acquires.',
        );
        // ESLint's own banner ("Oops! Something went wrong! :(", "ESLint: <version>") and the one line.
        expect(lines.length).toBeLessThanOrEqual(3);
      }
    },
    CLI_TIMEOUT,
  );
});

/** oxlint's `--format json` diagnostics of our rules as `file:line:column:cleanup/rule` (oxlint's own default rules apart). */
function oxlintFindings(stdout: string): string[] {
  const { diagnostics } = JSON.parse(stdout) as {
    diagnostics: { code: string; filename: string; labels: { span: { line: number; column: number } }[] }[];
  };
  return diagnostics
    .map((diagnostic) => {
      const rule = /^cleanup\((.+)\)$/.exec(diagnostic.code);
      const { line, column } = diagnostic.labels[0]!.span;
      return rule ? `${diagnostic.filename}:${line}:${column}:cleanup/${rule[1]}` : null;
    })
    .filter((finding) => finding !== null)
    .sort();
}

function eslintFindings(ws: Workspace, results: JsonResult[]): string[] {
  return results
    .flatMap((result) =>
      result.messages.map(
        (message) => `${path.relative(ws.dir, result.filePath)}:${message.line}:${message.column}:${message.ruleId}`,
      ),
    )
    .sort();
}

describe('oxlint', () => {
  it(
    'the README .oxlintrc.json turns on exactly the recommended rules',
    async () => {
      const ws = await workspace('js-ts7-oxlint', {});
      const plugin = await installedPlugin(ws);
      expect(OXLINTRC.jsPlugins).toEqual(['eslint-plugin-cleanup']);
      expect(Object.keys(OXLINTRC.rules).sort()).toEqual([...plugin.configs.recommended!].sort());
    },
    CLI_TIMEOUT,
  );

  it(
    'reports what ESLint reports on every rule fixture, at the same places',
    async () => {
      const sources = Object.fromEntries(Object.entries(RULE_FIXTURES).map(([file, text]) => [`src/${file}`, text]));
      const ws = await workspace('js-ts7-oxlint', {
        'eslint.config.js': "import cleanup from 'eslint-plugin-cleanup';\nexport default [cleanup.configs.all];\n",
        ...sources,
      });
      const plugin = await installedPlugin(ws);
      ws.write(
        '.oxlintrc.json',
        JSON.stringify({
          jsPlugins: ['eslint-plugin-cleanup'],
          rules: Object.fromEntries(plugin.configs.all!.map((id) => [id, 'error'])),
        }),
      );
      const { results } = await ws.eslintJson(['src']);
      const expected = eslintFindings(ws, results);
      expect(new Set(expected.map((finding) => finding.split(':').at(-1))).size, 'every rule reports').toBe(
        Object.keys(plugin.rules).length,
      );
      for (const node of suite.integration.nodes) {
        const run = await ws.node([ws.path('node_modules/oxlint/bin/oxlint'), '--format', 'json', 'src'], {
          node: node.path,
        });
        expect(run.code, `Node ${node.version}: ${ok(run)}`).toBe(1);
        expect(oxlintFindings(run.stdout), `Node ${node.version}`).toEqual(expected);
      }
    },
    CLI_TIMEOUT,
  );

  it(
    '--fix writes what eslint --fix writes',
    async () => {
      const input = fixtureFiles('fix')['input.js']!;
      const ws = await workspace('js-ts7-oxlint', {
        'eslint.config.js': "import cleanup from 'eslint-plugin-cleanup';\nexport default [cleanup.configs.all];\n",
        '.oxlintrc.json': JSON.stringify({
          jsPlugins: ['eslint-plugin-cleanup'],
          rules: { 'cleanup/release-in-finally': 'error', 'cleanup/prefer-using': 'error' },
        }),
        'src/input.js': input,
      });
      const eslint = await ws.eslintJson(['--fix-dry-run', 'src']);
      const { output } = fixExpectation({
        name: 'js-ts7-oxlint',
        eslintMajor: 10,
        typed: false,
        omitPeer: false,
        dependencies: {},
      });
      expect(eslint.results[0]!.output).toBe(output);
      for (const node of suite.integration.nodes) {
        ws.write('src/input.js', input);
        const run = await ws.node([ws.path('node_modules/oxlint/bin/oxlint'), '--fix', 'src'], { node: node.path });
        expect([0, 1], `Node ${node.version}: ${ok(run)}`).toContain(run.code);
        expect(ws.read('src/input.js'), `Node ${node.version}`).toBe(output);
      }
    },
    CLI_TIMEOUT,
  );
});
