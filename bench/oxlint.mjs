#!/usr/bin/env node
// oxlint with the plugin against ESLint with the plugin, on the benchmark corpus (issue 17, item 10).
//
//   npm run bench:oxlint [-- --runs N] [-- --packages knex,pg]
//
// Both linters run as their CLIs on the same files (the ten libraries of `npm run bench`), with the same rules: the
// plugin's `recommended` config. ESLint parses JavaScript with espree and TypeScript with @typescript-eslint/parser,
// untyped (corpus-lib's `corpusLanguageConfigs`, as `npm run bench` does); oxlint parses both itself and loads the
// built plugin through `jsPlugins`, with its own rules off (`categories` all off), so that each run does the plugin's
// work and nothing more. Wall time of the whole CLI run, median of N interleaved runs (default 5), after one untimed
// run of each. The findings of both are compared (rule, file, line, column) and the difference is reported.
// Writes bench/OXLINT.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  benchDir,
  cacheDir,
  corpusPackages,
  corpusRoot,
  loadBuiltPlugin,
  loadCorpus,
  parseArgs,
} from './corpus-lib.mjs';

const require = createRequire(import.meta.url);
const args = parseArgs(process.argv.slice(2), { runs: 'number', packages: 'list' });
const runs = args.runs === undefined ? 5 : Number(args.runs);
const corpus = loadCorpus();
const packages = corpusPackages(corpus, args.packages).filter(({ pkg }) => args.packages || !pkg.sweepOnly);
const files = packages.flatMap(({ dirName, files: list }) => list.map((file) => `${dirName}/${file}`));
const pluginEntry = join(benchDir, '..', 'dist', 'index.js');
const plugin = await loadBuiltPlugin(pluginEntry);
const ruleIds = Object.keys(plugin.configs.recommended.rules);

// Inside the repository, so that the config's imports resolve from its node_modules.
const work = mkdtempSync(join(cacheDir, 'oxlint-bench-'));
const eslintConfig = join(work, 'eslint.config.mjs');
writeFileSync(
  eslintConfig,
  `import tsParser from '@typescript-eslint/parser';
import { corpusLanguageConfigs, corpusPackages, loadCorpus } from ${JSON.stringify(pathToFileURL(join(benchDir, 'corpus-lib.mjs')).href)};
import plugin from ${JSON.stringify(pathToFileURL(pluginEntry).href)};

const packages = corpusPackages(loadCorpus(), ${JSON.stringify(packages.map(({ pkg }) => pkg.name))});
export default [...corpusLanguageConfigs(packages, tsParser), plugin.configs.recommended];
`,
);
const oxlintConfig = join(work, 'oxlintrc.json');
const categories = Object.fromEntries(
  ['correctness', 'suspicious', 'pedantic', 'perf', 'style', 'restriction', 'nursery'].map((name) => [name, 'off']),
);
writeFileSync(
  oxlintConfig,
  JSON.stringify(
    { jsPlugins: [pluginEntry], categories, rules: Object.fromEntries(ruleIds.map((id) => [id, 'error'])) },
    null,
    2,
  ),
);

const eslintBin = join(dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
const oxlintBin = join(dirname(require.resolve('oxlint/package.json')), 'bin', 'oxlint');
const versionOf = (name) => require(`${name}/package.json`).version;

/** GNU time, when present, gives the CPU time (user + system) of the run: less sensitive to a loaded machine than wall time. */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const cpuFile = join(work, 'cpu.txt');

function run(name, argv) {
  const [command, commandArgs] = GNU_TIME
    ? [GNU_TIME, ['-o', cpuFile, '-f', '%U %S', process.execPath, ...argv]]
    : [process.execPath, argv];
  const started = performance.now();
  const child = spawnSync(command, commandArgs, {
    cwd: corpusRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1)
    throw new Error(`${name} exited with ${child.status ?? child.signal}:\n${child.stderr.slice(0, 4000)}`);
  // GNU time writes "Command exited with non-zero status 1" first when the linter found something: the times are last.
  const cpu = GNU_TIME
    ? readFileSync(cpuFile, 'utf8')
        .trim()
        .split('\n')
        .at(-1)
        .split(/\s+/u)
        .map(Number)
        .reduce((sum, seconds) => sum + seconds * 1000, 0)
    : Number.NaN;
  return { ms, cpu, stdout: child.stdout };
}

const linters = {
  eslint: () => run('eslint', [eslintBin, '--config', eslintConfig, '--no-warn-ignored', '--format', 'json', ...files]),
  oxlint: () => run('oxlint', [oxlintBin, '--config', oxlintConfig, '--format', 'json', ...files]),
};

/** ESLint's findings of our rules and its parse errors (not its notes on the corpus's inline config comments, which it ignores). */
function eslintFindings(stdout) {
  return JSON.parse(stdout).flatMap((result) =>
    result.messages
      .filter((message) => message.ruleId?.startsWith('cleanup/') || message.fatal === true)
      .map(
        (message) =>
          `${relative(corpusRoot, result.filePath)}:${message.line}:${message.column}:${message.ruleId ?? `fatal ${message.message}`}`,
      ),
  );
}

function oxlintFindings(stdout) {
  return JSON.parse(stdout).diagnostics.map((diagnostic) => {
    const rule = /^cleanup\((.+)\)$/u.exec(diagnostic.code);
    const span = diagnostic.labels?.[0]?.span ?? { line: 0, column: 0 };
    return `${diagnostic.filename}:${span.line}:${span.column}:${rule ? `cleanup/${rule[1]}` : `${diagnostic.code ?? 'error'} ${diagnostic.message}`}`;
  });
}

try {
  console.log(`${files.length} files in ${packages.length} packages; rules: ${ruleIds.join(', ')}; ${runs} runs each.`);
  const first = {
    eslint: eslintFindings(linters.eslint().stdout).sort(),
    oxlint: oxlintFindings(linters.oxlint().stdout).sort(),
  };
  const times = { eslint: [], oxlint: [] };
  const cpus = { eslint: [], oxlint: [] };
  for (let index = 0; index < runs; index++) {
    for (const name of index % 2 === 0 ? ['eslint', 'oxlint'] : ['oxlint', 'eslint']) {
      const { ms, cpu } = linters[name]();
      times[name].push(ms);
      cpus[name].push(cpu);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const eslintMs = median(times.eslint);
  const oxlintMs = median(times.oxlint);
  const eslintCpu = median(cpus.eslint);
  const oxlintCpu = median(cpus.oxlint);
  const onlyEslint = first.eslint.filter((finding) => !first.oxlint.includes(finding));
  const onlyOxlint = first.oxlint.filter((finding) => !first.eslint.includes(finding));
  const row = `| ${files.length} | ${eslintMs.toFixed(0)} | ${oxlintMs.toFixed(0)} | ${(oxlintMs / eslintMs).toFixed(2)} | ${eslintCpu.toFixed(0)} | ${oxlintCpu.toFixed(0)} | ${(oxlintCpu / eslintCpu).toFixed(2)} | ${first.eslint.length} | ${first.oxlint.length} | ${onlyEslint.length} | ${onlyOxlint.length} |`;
  const report = `# oxlint with the plugin against ESLint with the plugin

Written by \`npm run bench:oxlint\` (bench/oxlint.mjs). The ten libraries of \`npm run bench\` (bench/corpus.json), the
plugin's \`recommended\` rules in both linters, wall time of the whole CLI run (median of ${runs} interleaved runs, after one
untimed run of each; CPU is user + system time from GNU time, less sensitive to other load), on Node
${process.versions.node}, ESLint ${versionOf('eslint')}, oxlint ${versionOf('oxlint')}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores at the end. ESLint parses
TypeScript with @typescript-eslint/parser (untyped); oxlint parses everything itself, and its own rules are off.

| files | ESLint + plugin, wall (ms) | oxlint + plugin, wall (ms) | oxlint / ESLint, wall | ESLint, CPU (ms) | oxlint, CPU (ms) | oxlint / ESLint, CPU | ESLint findings | oxlint findings | only ESLint | only oxlint |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${row}

oxlint parses and walks the files natively and hands the plugin its AST; the plugin's rules run in JavaScript in both.
ESLint ignores the corpus's inline config comments (\`noInlineConfig\`); oxlint has no such switch, and no comment in the
corpus names a cleanup rule.${
    onlyEslint.length + onlyOxlint.length === 0
      ? ' Both report the same findings at the same places.'
      : `

Findings that differ (file:line:column:rule):

${[...onlyEslint.map((finding) => `- ESLint only: \`${finding}\``), ...onlyOxlint.map((finding) => `- oxlint only: \`${finding}\``)].slice(0, 50).join('\n')}`
  }
`;
  writeFileSync(join(benchDir, 'OXLINT.md'), report);
  console.log(report);
} finally {
  rmSync(work, { recursive: true, force: true });
}
