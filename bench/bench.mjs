#!/usr/bin/env node
// Benchmark (issues 7 and 13): how much the plugin slows a lint of real code, as ratios to a baseline measured in the
// same process (ESLint's own `recommended` rules, and typescript-eslint's `recommended` for TypeScript: what a project
// already runs; a zero-rule baseline would flatter nobody, since ESLint skips its traversal when no rule listens), plus
// every finding as JSONL. The report says pass or fail for each target (TARGETS below).
//
//   npm run bench                          # build, fetch the corpus if it is missing, run everything below
//   node --expose-gc bench/bench.mjs [options]
//
//   --runs N              measured runs per untyped configuration (default 5; the median is reported)
//   --typed-runs N        measured runs per typed configuration (default: --runs)
//   --concurrency-runs N  CLI runs per `--concurrency` setting (default 3)
//   --only a,b            only these untyped configurations (names as in the table; `baseline` is always kept)
//   --packages a,b        only these corpus packages
//   --skip a,b            skip parts: untyped, warmup, stats, typed, concurrency
//   --out FILE            the markdown report (default bench/RESULTS.md; a partial run writes
//                         bench/.cache/RESULTS.partial.md unless --out is given)
//   --plugin P            benchmark the plugin module at P instead of dist/index.js
//
// Protocol. One process. Untyped part, over the whole corpus (JavaScript with espree, `ecmaVersion: 'latest'` and each
// package's source type; TypeScript with @typescript-eslint/parser, untyped), configurations (a) baseline: the same
// parsers with `@eslint/js` `recommended` on every file and typescript-eslint's untyped `recommended` on TypeScript
// files (`no-undef` off: the corpus is linted without its environments' globals); (b) baseline + our `recommended`,
// and baseline + our `all`; (c) baseline + each of our rules alone (read from the built plugin at run time); (d)
// baseline + peers. One warm-up lint with every configuration's rules at once, then `--runs` rounds; each round lints the
// corpus once per configuration, with a fresh `ESLint` instance per configuration (`cache: false`, `stats: false`:
// stats wrap every rule listener in a timer, which would tax the rule configurations only), round-robin FILE BY FILE
// (see `measure`: the load of a shared machine drifts over minutes, and back-to-back lints of one file all see the
// same load). Times are `performance.now()` deltas per lint, summed per configuration and round (and
// `process.cpuUsage()` deltas); a `gc()` starts every round when `--expose-gc` is on. The median of the rounds is
// reported. Then one `stats: true` lint of `recommended` and of the peers gives per-rule times (ESLint's
// TIMING numbers, per file, summed). Typed part (e): baseline + `recommended-type-checked`, baseline +
// `no-floating-promises` alone, and baseline + both (what adding ours costs a project that already runs
// no-floating-promises, the type checker's caches being shared), over the typed baseline (the same baseline rules,
// with the program): the target compares the time ours adds to the baseline with the time no-floating-promises adds.
// The rxjs sources are linted as ONE program, built fresh for every lint
// (`ts.createProgram`, passed as `parserOptions.programs`) so that no configuration inherits a warm type checker from
// another; the build time is included in the lint time and also reported on its own. Concurrency: the real ESLint
// CLI with `recommended` over the whole corpus, `--concurrency=off` and `=2` alternating.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import ts from 'typescript';

import {
  benchDir,
  benchPeer,
  cacheDir,
  corpusLanguageConfigs,
  corpusPackages,
  corpusRoot,
  countLines,
  loadBuiltPlugin,
  loadCorpus,
  parseArgs,
} from './corpus-lib.mjs';
// eslint-plugin-unicorn 80 needs the ES2025 Set methods (Node >= 22): polyfill them first, then import it.
import { polyfilled } from './set-methods-polyfill.mjs';

// Not a devDependency (it declares Node >= 22.13): installed into bench/.cache/peers on the first run.
const UNICORN_VERSION = '80.0.0';
const { default: unicorn } = await import(benchPeer('eslint-plugin-unicorn', UNICORN_VERSION, 'dist/index.js'));
const require = createRequire(import.meta.url);
const listeners = require('eslint-plugin-listeners');

const NAMESPACE = 'cleanup';
const BASELINE = 'baseline';
const UNICORN_RULES = ['prefer-dispose', 'no-using-resource-escape'];
const TYPED_PACKAGE = 'rxjs';
const FLOATING = '@typescript-eslint/no-floating-promises';
// Issue 13: baseline + ours over baseline, untyped; and, typed, the time ours adds over the time no-floating-promises
// adds (both over the typed baseline).
const TARGET_RECOMMENDED = 1.03;
const TARGET_ALL = 1.05;
const TARGET_TYPED = 0.5;
const TARGET_RULE = 0.015;
const repoRoot = join(benchDir, '..');
const typedDir = join(cacheDir, 'typed');
const cliConfigFile = join(corpusRoot, 'eslint.bench.config.mjs');
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

// The installed @eslint/js must be the rule list of the installed ESLint (an older one names removed rules).
const jsVersion = require('@eslint/js/package.json').version;
if (jsVersion.split('.')[0] !== ESLint.version.split('.')[0])
  throw new Error(`@eslint/js ${jsVersion} does not match ESLint ${ESLint.version}: run \`npm install\`.`);

/** What a project already runs: ESLint's `recommended` everywhere, typescript-eslint's untyped one on TypeScript. */
const BASELINE_CONFIG = [
  { name: 'baseline: @eslint/js recommended', ...js.configs.recommended },
  ...tseslint.configs.recommended.map((entry) => ({ ...entry, files: TS_FILES })),
  // The corpus is linted without its environments' globals: `no-undef` would report `process` in every file.
  { name: 'baseline: no-undef off', rules: { 'no-undef': 'off' } },
];

// ---- configurations ------------------------------------------------------------------------------------------

function untypedConfigurations(plugin) {
  const missing = UNICORN_RULES.filter((name) => !unicorn.rules?.[name]);
  if (missing.length > 0)
    throw new Error(`eslint-plugin-unicorn ${unicorn.meta?.version} has no rule(s) ${missing.join(', ')}.`);
  const ruleNames = Object.keys(plugin.rules).sort();
  const typedOnly = ruleNames.filter((name) => plugin.rules[name].meta?.docs?.requiresTypeChecking === true);
  const configs = [
    { name: BASELINE, group: 'baseline', config: [] },
    { name: `${NAMESPACE}/recommended`, group: 'ours', config: [plugin.configs.recommended] },
    { name: `${NAMESPACE}/all`, group: 'ours', config: [plugin.configs.all] },
    ...ruleNames
      .filter((name) => !typedOnly.includes(name))
      .map((name) => ({
        name: `${NAMESPACE}/${name}`,
        group: 'rule',
        rule: `${NAMESPACE}/${name}`,
        config: [{ plugins: { [NAMESPACE]: plugin }, rules: { [`${NAMESPACE}/${name}`]: 'error' } }],
      })),
    {
      name: UNICORN_RULES.map((name) => `unicorn/${name}`).join(' + '),
      group: 'peer',
      config: [
        { plugins: { unicorn }, rules: Object.fromEntries(UNICORN_RULES.map((name) => [`unicorn/${name}`, 'error'])) },
      ],
    },
    { name: 'listeners/recommended', group: 'peer', config: listeners.configs['flat/recommended'] },
  ];
  return { configs: withBaseline(configs), typedOnly };
}

function typedConfigurations(plugin) {
  const ours = plugin.configs['recommended-type-checked'];
  const floating = { plugins: { '@typescript-eslint': tseslint.plugin }, rules: { [FLOATING]: 'error' } };
  return withBaseline([
    { name: 'typed baseline', group: 'baseline', config: [] },
    { name: `${NAMESPACE}/recommended-type-checked`, group: 'ours', config: [ours] },
    { name: FLOATING, group: 'peer', config: [floating] },
    // What a project that already runs no-floating-promises pays for adding ours: the checker's caches are shared.
    { name: `${FLOATING} + ${NAMESPACE}/recommended-type-checked`, group: 'combo', config: [floating, ours] },
  ]);
}

/** Every configuration is the baseline's rules plus its own (the baseline's own list is empty). */
function withBaseline(configs) {
  return configs.map((entry) => ({ ...entry, config: [...BASELINE_CONFIG, ...entry.config] }));
}

/** One config with every rule of `configs`, for the warm-up lint (loads and JIT-compiles every rule once). */
function unionOf(configs) {
  return { name: 'warm-up (all configurations at once)', config: configs.flatMap((entry) => entry.config) };
}

// ---- linting -------------------------------------------------------------------------------------------------

function packageOf(filePath) {
  return relative(corpusRoot, filePath).split('/')[0];
}

/** Lints `files` once with a fresh ESLint instance; crashes are rethrown with the configuration's name. */
async function lintOnce({ name, config }, languageConfigs, files, { stats = false, before } = {}) {
  globalThis.gc?.();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const extra = before ? before() : {};
  const overrideConfig = [...languageConfigs, ...(extra.languageConfigs ?? []), ...config];
  const eslint = new ESLint({ cwd: corpusRoot, overrideConfigFile: true, overrideConfig, cache: false, stats });
  let results;
  try {
    results = await eslint.lintFiles(files);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Configuration ${name} crashed (find the file with \`npm run sweep\`):\n${message}`, {
      cause: error,
    });
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, results, extraMs: extra.ms ?? 0 };
}

function summarize(configName, results) {
  const findings = [];
  const parseFailures = [];
  let notices = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) {
        parseFailures.push({
          config: configName,
          file: relative(corpusRoot, result.filePath),
          line: message.line,
          message: message.message,
        });
      } else if (message.ruleId) {
        findings.push({
          config: configName,
          package: packageOf(result.filePath),
          file: relative(corpusRoot, result.filePath),
          line: message.line,
          column: message.column,
          endLine: message.endLine,
          endColumn: message.endColumn,
          ruleId: message.ruleId,
          severity: message.severity,
          message: message.message,
        });
      } else {
        notices += 1; // e.g. "has no effect because you have 'noInlineConfig' setting": same in every configuration
      }
    }
  }
  return { findings, parseFailures, notices };
}

const baselineRuleIds = new Set(BASELINE_CONFIG.flatMap((entry) => Object.keys(entry.rules ?? {})));

/**
 * Per-rule and parse times (ms) summed over the files of a `stats: true` lint; the baseline's rules are summed apart
 * (`baselineRules`), so that `rules` holds what the configuration adds.
 */
function statsTimes(results) {
  const rules = {};
  let baselineRules = 0;
  let parse = 0;
  let total = 0;
  for (const result of results) {
    for (const pass of result.stats?.times?.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      total += pass.total ?? 0;
      for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
        if (baselineRuleIds.has(ruleId)) baselineRules += time.total;
        else rules[ruleId] = (rules[ruleId] ?? 0) + time.total;
      }
    }
  }
  return { rules, baselineRules, parse, total };
}

/** One `stats: true` lint of each of our and the peers' configurations (not of the single rules: see RESULTS.md). */
async function statsPass(measured, languageConfigs, files, options = {}) {
  const stats = [];
  for (const entry of measured.filter((candidate) => candidate.group !== 'baseline' && candidate.group !== 'rule')) {
    const { ms, results, extraMs } = await lintOnce(entry, languageConfigs, files, { ...options, stats: true });
    stats.push({ name: entry.name, ms, extraMs, ...statsTimes(results) });
    console.log(`  stats  ${entry.name.padEnd(60)} ${ms.toFixed(0).padStart(7)} ms`);
  }
  return stats;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * `runs` rounds over `configs`. Within a round every configuration gets a fresh ESLint instance (and, typed, a fresh
 * program), and the configurations take turns FILE BY FILE: each file is linted once per configuration, one right
 * after the other, starting with a different configuration for each file and round. A configuration's time for the
 * round is the sum of its per-file `performance.now()` deltas (plus its program build, typed). On a shared machine
 * the load drifts over minutes; linting configurations back to back on the same file exposes them all to the same
 * load, where whole-corpus lints one after the other do not. Findings come from the first round; later rounds must
 * report as many (a rule that is not deterministic is a bug worth seeing).
 */
async function measure(label, configs, languageConfigs, files, runs, { before } = {}) {
  const texts = files.map((filePath) => ({ filePath, text: readFileSync(filePath, 'utf8') }));
  const samples = configs.map(() => ({ ms: [], cpuMs: [], extraMs: [], counts: [] }));
  const perFile = configs.map(() => new Float64Array(files.length)); // summed over rounds
  const firstRound = configs.map(() => []);
  const roundStarted = performance.now();
  for (let round = 0; round < runs; round += 1) {
    globalThis.gc?.();
    const totals = configs.map(() => ({ ms: 0, cpuMs: 0, extraMs: 0, count: 0 }));
    const instances = configs.map((entry, index) => {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const extra = before ? before() : {};
      const overrideConfig = [...languageConfigs, ...(extra.languageConfigs ?? []), ...entry.config];
      const eslint = new ESLint({ cwd: corpusRoot, overrideConfigFile: true, overrideConfig, cache: false });
      const cpu = process.cpuUsage(cpuBefore);
      totals[index].ms += performance.now() - started;
      totals[index].cpuMs += (cpu.user + cpu.system) / 1000;
      totals[index].extraMs += extra.ms ?? 0;
      return eslint;
    });
    // An untimed lint of each file before the timed ones: the first lint of a file pays for work the others reuse
    // (measured: about 5% on effect's largest files), which would otherwise fall on whichever configuration's turn
    // comes first.
    const warmExtra = before ? before() : {};
    const warm = new ESLint({
      cwd: corpusRoot,
      overrideConfigFile: true,
      overrideConfig: [...languageConfigs, ...(warmExtra.languageConfigs ?? [])],
      cache: false,
    });
    for (let fileIndex = 0; fileIndex < texts.length; fileIndex += 1) {
      const { filePath, text } = texts[fileIndex];
      await warm.lintText(text, { filePath });
      for (let turn = 0; turn < configs.length; turn += 1) {
        const index = (fileIndex + round + turn) % configs.length;
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        let result;
        try {
          [result] = await instances[index].lintText(text, { filePath });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(
            `Configuration ${configs[index].name} crashed on ${relative(corpusRoot, filePath)}:\n${message}`,
            { cause: error },
          );
        }
        const ms = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        totals[index].ms += ms;
        totals[index].cpuMs += (cpu.user + cpu.system) / 1000;
        perFile[index][fileIndex] += ms;
        const summary = summarize(configs[index].name, [result]);
        totals[index].count += summary.findings.length;
        if (round === 0) firstRound[index].push(summary);
      }
    }
    configs.forEach((entry, index) => {
      const total = totals[index];
      samples[index].ms.push(total.ms);
      samples[index].cpuMs.push(total.cpuMs);
      samples[index].extraMs.push(total.extraMs);
      samples[index].counts.push(total.count);
      console.log(
        `  ${label} ${round + 1}/${runs}  ${entry.name.padEnd(60)} ${total.ms.toFixed(0).padStart(7)} ms  ${String(total.count).padStart(5)} findings`,
      );
    });
    if (round === 0 && runs > 1) {
      const left = ((performance.now() - roundStarted) * (runs - 1)) / 60_000;
      console.log(`  ${label}: about ${left.toFixed(1)} more minute(s) for the other ${runs - 1} round(s)`);
    }
  }
  return configs.map((entry, index) => {
    const sample = samples[index];
    const summaries = firstRound[index];
    return {
      ...entry,
      ms: sample.ms,
      cpuMs: sample.cpuMs,
      median: median(sample.ms),
      cpuMedian: median(sample.cpuMs),
      extraMedian: median(sample.extraMs),
      perFile: perFile[index],
      findings: summaries.flatMap((summary) => summary.findings),
      parseFailures: summaries.flatMap((summary) => summary.parseFailures),
      notices: summaries.reduce((sum, summary) => sum + summary.notices, 0),
      unstable: new Set(sample.counts).size > 1 ? sample.counts : null,
    };
  });
}

// ---- typed program -------------------------------------------------------------------------------------------

/** Writes bench/.cache/typed/tsconfig.rxjs.json: the corpus's rxjs files as one strict program (see RESULTS.md). */
function writeTypedTsconfig(pkgEntry) {
  mkdirSync(typedDir, { recursive: true });
  const file = join(typedDir, `tsconfig.${TYPED_PACKAGE}.json`);
  const source = (path) => relative(typedDir, join(pkgEntry.dir, path));
  const tsconfig = {
    $comment:
      'Written by bench/bench.mjs. rxjs ships src/tsconfig*.json, but they extend ../tsconfig.json with options TypeScript 6 deprecates (moduleResolution node, baseUrl); this keeps its strictness, lib and path aliases.',
    compilerOptions: {
      strict: true,
      noImplicitReturns: true,
      target: 'esnext',
      module: 'esnext',
      moduleResolution: 'bundler',
      lib: ['esnext', 'dom'],
      types: [],
      noEmit: true,
      skipLibCheck: true,
      paths: {
        rxjs: [source('src/index.ts')],
        'rxjs/*': [source('src/*')],
      },
    },
    files: pkgEntry.files.map(source),
  };
  writeFileSync(file, `${JSON.stringify(tsconfig, null, 2)}\n`);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    file,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (parsed.errors.length > 0)
    throw new Error(
      `${file}: ${parsed.errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n')).join('; ')}`,
    );
  return { file, parsed };
}

function typedLanguageConfigs(parsed) {
  return () => {
    const started = performance.now();
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const ms = performance.now() - started;
    return {
      ms,
      languageConfigs: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: { programs: [program] } },
        },
      ],
    };
  };
}

/** Facts about the typed program, built once outside the measurements. */
function programFacts(parsed) {
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const checker = program.getTypeChecker();
  const diagnostics = ts.getPreEmitDiagnostics(program);
  let unresolved = 0;
  for (const sourceFile of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(sourceFile)) continue;
    for (const statement of sourceFile.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const symbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
      if (!symbol) unresolved += 1;
    }
  }
  return { files: program.getRootFileNames().length, diagnostics: diagnostics.length, unresolved };
}

// ---- CLI concurrency -----------------------------------------------------------------------------------------

function writeCliConfig(pluginEntry, packageNames) {
  const lib = pathToFileURL(join(benchDir, 'corpus-lib.mjs')).href;
  const text = `// Written by bench/bench.mjs for the --concurrency measurement: the corpus parsers plus cleanup/recommended.
import tsParser from '@typescript-eslint/parser';
import { corpusLanguageConfigs, corpusPackages, loadBuiltPlugin, loadCorpus } from ${JSON.stringify(lib)};

const plugin = await loadBuiltPlugin(${JSON.stringify(pluginEntry)});
const packages = corpusPackages(loadCorpus(), ${JSON.stringify(packageNames)});
export default [...corpusLanguageConfigs(packages, tsParser), plugin.configs.recommended];
`;
  writeFileSync(cliConfigFile, text);
}

function cliOnce(concurrency, files) {
  const eslintBin = join(dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [eslintBin, '--config', cliConfigFile, `--concurrency=${concurrency}`, '--no-warn-ignored', ...files],
    {
      cwd: corpusRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1)
    throw new Error(`eslint --concurrency=${concurrency} exited with ${child.status}:\n${child.stderr}`);
  return ms;
}

// ---- report --------------------------------------------------------------------------------------------------

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const ratio = (value, base) => (value / base).toFixed(3);
const pct = (value) => `${(value * 100).toFixed(1)}%`;

function mdTable(header, rows, align) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((side) => (side === 'r' ? '---:' : ':---'))), ...rows.map(line)].join('\n');
}

function versionOf(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return '?';
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2), {
    runs: 'value',
    'typed-runs': 'value',
    'concurrency-runs': 'value',
    only: 'list',
    packages: 'list',
    skip: 'list',
    out: 'value',
    plugin: 'value',
  });
  const count = (name, fallback) => {
    const value = args[name] === undefined ? fallback : Number(args[name]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number >= 1.`);
    return value;
  };
  const runs = count('runs', 5);
  const typedRuns = count('typed-runs', runs);
  const concurrencyRuns = count('concurrency-runs', 3);
  const skip = new Set(args.skip ?? []);
  const parts = ['untyped', 'warmup', 'stats', 'typed', 'concurrency'];
  const unknownSkip = [...skip].filter((part) => !parts.includes(part));
  if (unknownSkip.length > 0) throw new Error(`--skip knows ${parts.join(', ')}; not ${unknownSkip.join(', ')}.`);
  const partial = Boolean(args.only || args.packages || skip.size > 0 || runs < 5);
  const outFile = args.out ?? (partial ? join(cacheDir, 'RESULTS.partial.md') : join(benchDir, 'RESULTS.md'));
  const findingsFile = join(cacheDir, partial ? 'bench-findings.partial.jsonl' : 'bench-findings.jsonl');

  const started = performance.now();
  const loadBefore = os.loadavg();
  const corpus = loadCorpus();
  // The sweep-only packages (application code for the precision sweep) are not part of the benchmark's corpus.
  const packages = corpusPackages(
    corpus,
    args.packages ?? corpus.packages.filter((pkg) => pkg.sweepOnly !== true).map((pkg) => pkg.name),
  );
  const pluginEntry = args.plugin ? join(process.cwd(), args.plugin) : join(repoRoot, 'dist', 'index.js');
  const plugin = await loadBuiltPlugin(pluginEntry);
  const languageConfigs = corpusLanguageConfigs(packages, tsParser);
  const files = packages.flatMap(({ dir, files: paths }) => paths.map((path) => join(dir, path)));
  const lines = { js: 0, ts: 0 };
  for (const file of files) lines[/\.[cm]?tsx?$/u.test(file) ? 'ts' : 'js'] += countLines(readFileSync(file, 'utf8'));

  let { configs, typedOnly } = untypedConfigurations(plugin);
  if (args.only) {
    const unknown = args.only.filter((name) => !configs.some((entry) => entry.name === name));
    if (unknown.length > 0)
      throw new Error(
        `Unknown configuration(s) ${unknown.join(', ')}. Known: ${configs.map((entry) => entry.name).join(', ')}.`,
      );
    configs = configs.filter((entry) => entry.name === BASELINE || args.only.includes(entry.name));
  }
  console.log(
    `${plugin.meta.name}@${plugin.meta.version}: ${Object.keys(plugin.rules).length} rule(s); ${files.length} files, ${lines.js + lines.ts} lines; ${configs.length} untyped configuration(s) x ${runs} run(s)${globalThis.gc ? '' : ' (no --expose-gc: no gc() between lints)'}.`,
  );

  // ---- (a)-(d): untyped ----
  let untyped = [];
  let stats = null;
  if (!skip.has('untyped')) {
    if (!skip.has('warmup')) {
      const warm = await lintOnce(unionOf(configs), languageConfigs, files);
      console.log(`  warm-up ${fmt(warm.ms)} ms`);
    }
    untyped = await measure('untyped', configs, languageConfigs, files, runs);
    if (!skip.has('stats')) stats = await statsPass(untyped, languageConfigs, files);
  }
  const baseline = untyped.find((entry) => entry.name === BASELINE);

  // ---- (e): typed ----
  let typed = null;
  const typedPackage = packages.find(({ pkg }) => pkg.name === TYPED_PACKAGE);
  if (!skip.has('typed') && typedPackage) {
    const { file: tsconfigFile, parsed } = writeTypedTsconfig(typedPackage);
    const facts = programFacts(parsed);
    const typedConfigs = typedConfigurations(plugin);
    const typedFiles = typedPackage.files.map((path) => join(typedPackage.dir, path));
    const before = typedLanguageConfigs(parsed);
    console.log(
      `Typed: ${typedFiles.length} files of ${TYPED_PACKAGE} as one program; ${typedConfigs.length} configuration(s) x ${typedRuns} run(s).`,
    );
    if (!skip.has('warmup')) {
      const warm = await lintOnce(unionOf(typedConfigs), languageConfigs, typedFiles, { before });
      console.log(`  warm-up ${fmt(warm.ms)} ms`);
    }
    const measured = await measure('typed', typedConfigs, languageConfigs, typedFiles, typedRuns, { before });
    const typedStats = skip.has('stats') ? null : await statsPass(measured, languageConfigs, typedFiles, { before });
    typed = {
      tsconfigFile,
      facts,
      measured,
      stats: typedStats,
      files: typedFiles.length,
      lines: typedFiles.reduce((sum, file) => sum + countLines(readFileSync(file, 'utf8')), 0),
    };
  }

  // ---- concurrency (real CLI) ----
  let concurrency = null;
  if (!skip.has('concurrency')) {
    writeCliConfig(pluginEntry, args.packages ?? null);
    const times = { off: [], 2: [] };
    for (let round = 0; round < concurrencyRuns; round += 1) {
      for (const setting of round % 2 === 0 ? ['off', '2'] : ['2', 'off']) {
        const ms = cliOnce(setting, files);
        times[setting].push(ms);
        console.log(
          `  cli ${round + 1}/${concurrencyRuns}  --concurrency=${setting.padEnd(3)} ${ms.toFixed(0).padStart(7)} ms`,
        );
      }
    }
    concurrency = { off: times.off, two: times[2] };
  }
  const loadAfter = os.loadavg();
  const totalMinutes = (performance.now() - started) / 60_000;

  // ---- findings ----
  const allMeasured = [...untyped, ...(typed?.measured ?? [])];
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(
    findingsFile,
    allMeasured
      .flatMap((entry) => entry.findings)
      .map((finding) => `${JSON.stringify(finding)}\n`)
      .join(''),
  );

  // ---- report ----
  const out = [];
  const push = (...items) => out.push(...items);
  const recommended = untyped.find((entry) => entry.name === `${NAMESPACE}/recommended`);
  const all = untyped.find((entry) => entry.name === `${NAMESPACE}/all`);
  const rules = untyped.filter((entry) => entry.group === 'rule');
  const ruleStats = stats?.find((entry) => entry.name === `${NAMESPACE}/recommended`);
  const cpus = os.cpus();
  const typedBaseline = typed?.measured.find((entry) => entry.group === 'baseline');
  // Run-to-run noise: half the baseline's min–max range, relative to its median.
  const noiseOf = (entry) => (Math.max(...entry.ms) - Math.min(...entry.ms)) / 2 / entry.median;
  const verdict = (ok, distance, noise, cpuOk) =>
    `${ok ? 'pass' : '**fail**'}${Math.abs(distance) <= noise ? ` (inside the ±${pct(noise)} run-to-run noise)` : ''}${cpuOk === undefined ? '' : `; CPU: ${cpuOk ? 'pass' : '**fail**'}`}`;
  const verdicts = [];
  const label = (entry) =>
    entry.group === 'baseline'
      ? entry.name
      : `\`${entry.name.replaceAll(' + ', '` + `')}\`${entry.group === 'peer' && entry.name !== FLOATING ? ' (peer)' : ''}`;
  const signed = (value) => `${value >= 0 ? '+' : ''}${pct(value)}`;

  push(
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (\`node bench/bench.mjs${process.argv.slice(2).length > 0 ? ` ${process.argv.slice(2).join(' ')}` : ''}\`) on ${new Date().toISOString().slice(0, 10)}; the whole run took ${totalMinutes.toFixed(1)} min. Every finding of every configuration is in \`${relative(repoRoot, findingsFile)}\` (one JSON object a line, with the configuration's name).`,
    '',
    '## Targets (issues 7 and 13), as ratios in this one run',
    '',
  );
  const targetRows = [];
  for (const [entry, target] of baseline
    ? [
        [recommended, TARGET_RECOMMENDED],
        [all, TARGET_ALL],
      ]
    : []) {
    if (!entry) continue;
    const value = entry.median / baseline.median;
    const cpuValue = entry.cpuMedian / baseline.cpuMedian;
    const entryStats = stats?.find((candidate) => candidate.name === entry.name);
    const text = `\`baseline + ${entry.name}\` ≤ ${target} × baseline`;
    targetRows.push([
      text,
      ratio(entry.median, baseline.median),
      ratio(entry.cpuMedian, baseline.cpuMedian),
      entryStats
        ? `${(1 + Object.values(entryStats.rules).reduce((sum, time) => sum + time, 0) / baseline.median).toFixed(3)}`
        : '—',
      verdict(value <= target, value - target, noiseOf(baseline), cpuValue <= target),
    ]);
    verdicts.push(
      `${text}: ${value.toFixed(3)} wall, ${cpuValue.toFixed(3)} CPU: ${value <= target ? 'pass' : 'FAIL'}`,
    );
  }
  for (const entry of baseline ? rules : []) {
    const value = entry.median / baseline.median - 1;
    const statsShare =
      ruleStats && entry.rule in ruleStats.rules ? ruleStats.rules[entry.rule] / baseline.median : null;
    targetRows.push([
      `\`${entry.name}\` adds ≤ ${pct(TARGET_RULE)}`,
      signed(value),
      signed(entry.cpuMedian / baseline.cpuMedian - 1),
      statsShare === null ? '—' : signed(statsShare),
      verdict(value <= TARGET_RULE, value - TARGET_RULE, noiseOf(baseline)),
    ]);
  }
  if (typed) {
    const ours = typed.measured.find((entry) => entry.group === 'ours');
    const peer = typed.measured.find((entry) => entry.group === 'peer');
    const oursStats = typed.stats?.find((entry) => entry.name === ours.name);
    const peerStats = typed.stats?.find((entry) => entry.name === peer.name);
    const ruleSum = (entry) => Object.values(entry.rules).reduce((sum, time) => sum + time, 0);
    // What each adds to the typed baseline, and ours over the peer's.
    const added = (entry, key) => entry[key] - typedBaseline[key];
    const value = added(ours, 'median') / added(peer, 'median');
    const cpuValue = added(ours, 'cpuMedian') / added(peer, 'cpuMedian');
    const text = `\`${ours.name}\` adds ≤ ${TARGET_TYPED} × what \`${peer.name}\` adds (typed)`;
    targetRows.push([
      text,
      `${value.toFixed(3)} (${fmt(added(ours, 'median'))} / ${fmt(added(peer, 'median'))} ms)`,
      `${cpuValue.toFixed(3)} (${fmt(added(ours, 'cpuMedian'))} / ${fmt(added(peer, 'cpuMedian'))} ms)`,
      oursStats && peerStats ? `${fmt(ruleSum(oursStats))} ms vs ${fmt(ruleSum(peerStats))} ms` : '—',
      verdict(
        value <= TARGET_TYPED,
        (added(ours, 'median') - TARGET_TYPED * added(peer, 'median')) / typedBaseline.median,
        noiseOf(typedBaseline),
        cpuValue <= TARGET_TYPED,
      ),
    ]);
    verdicts.push(
      `${text}: ${value.toFixed(3)} wall, ${cpuValue.toFixed(3)} CPU: ${value <= TARGET_TYPED ? 'pass' : 'FAIL'}`,
    );
    const combo = typed.measured.find((entry) => entry.group === 'combo');
    if (combo) {
      const comboStats = typed.stats?.find((entry) => entry.name === combo.name);
      const oursInCombo = comboStats
        ? Object.entries(comboStats.rules)
            .filter(([ruleId]) => ruleId.startsWith(`${NAMESPACE}/`))
            .reduce((sum, [, time]) => sum + time, 0)
        : null;
      targetRows.push([
        `(not a target) adding \`${ours.name}\` to \`${peer.name}\``,
        ratio(combo.median, peer.median),
        ratio(combo.cpuMedian, peer.cpuMedian),
        oursInCombo === null ? '—' : `ours ${fmt(oursInCombo)} ms`,
        '',
      ]);
    }
  }
  push(
    mdTable(['target', 'wall (median)', 'CPU (median)', 'rule time (stats)', 'verdict'], targetRows, [
      'l',
      'r',
      'r',
      'r',
      'l',
    ]),
    '',
    "Every configuration is the baseline (ESLint's `recommended`, typescript-eslint's untyped `recommended` on TypeScript) plus its own rules, so a ratio is what adding ours costs a project that lints already. The verdict reads the wall-clock medians, as the issue asks; the CPU verdict after it reads the CPU medians. A verdict closer to its target than the baseline's run-to-run noise (half its min–max range) says so: on a shared machine such a verdict can flip between runs. The CPU column uses `process.cpuUsage()` over each lint, which does not count time spent waiting for a core, so it is the steadier one under load. The stats column is the rules' own time in one `stats: true` lint (ESLint's TIMING numbers), over the baseline's median wall time: it isolates the rules from the noise of parsing the whole corpus, but within `recommended` a rule does not pay for what an earlier rule already computed (the per-file caches are shared).",
    '',
  );

  if (baseline) {
    push(
      '## Untyped: the whole corpus',
      '',
      `${files.length} files, ${lines.js + lines.ts} lines (${lines.js} JavaScript, ${lines.ts} TypeScript) from ${packages.map(({ pkg }) => `${pkg.name}@${pkg.version}`).join(', ')}. JavaScript parses with espree (\`ecmaVersion: 'latest'\`, each package's source type), TypeScript with @typescript-eslint/parser, untyped. Median of ${runs} run(s) per configuration; within a run the configurations take turns file by file (each file linted by every configuration back to back, the first turn rotating, after one untimed lint of the file that pays its first-lint costs), so that the drifting load of a shared machine hits them alike; a configuration's time is the sum of its per-file lint times.${skip.has('warmup') ? '' : ' One warm-up lint with every rule first.'}`,
      '',
      mdTable(
        ['configuration', 'median ms', 'min–max ms', 'ratio to baseline', 'CPU ratio', 'findings'],
        untyped.map((entry) => [
          label(entry),
          fmt(entry.median),
          `${fmt(Math.min(...entry.ms))}–${fmt(Math.max(...entry.ms))}`,
          ratio(entry.median, baseline.median),
          ratio(entry.cpuMedian, baseline.cpuMedian),
          entry.group === 'baseline' ? '—' : String(entry.findings.length),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
    );
    if (recommended) {
      const extra = [...recommended.perFile].map((ms, index) => ({
        file: relative(corpusRoot, files[index]),
        base: baseline.perFile[index] / runs,
        ours: ms / runs,
      }));
      extra.sort((a, b) => b.ours - b.base - (a.ours - a.base));
      push(
        `Files where \`${recommended.name}\` costs the most over the baseline (mean per run):`,
        '',
        mdTable(
          ['file', 'baseline ms', 'recommended ms', 'added ms'],
          extra.slice(0, 5).map((row) => [`\`${row.file}\``, fmt(row.base), fmt(row.ours), fmt(row.ours - row.base)]),
          ['l', 'r', 'r', 'r'],
        ),
        '',
      );
    }
    const failed = baseline.parseFailures;
    push(
      `Parse failures: ${failed.length} file(s)${
        failed.length > 0
          ? ` (${failed
              .slice(0, 5)
              .map((failure) => failure.file)
              .join(', ')})`
          : ''
      }. Inline-config notices (the corpus's own \`eslint-disable\` comments, ignored with \`noInlineConfig\`) are not findings: ${baseline.notices} in every configuration.`,
    );
    if (typedOnly.length > 0)
      push('', `Rules that need type information, left out of the untyped part: ${typedOnly.join(', ')}.`);
    push('');
  }
  const unstable = allMeasured.filter((entry) => entry.unstable);
  if (unstable.length > 0)
    push(
      `**Findings differed between runs** for ${unstable.map((entry) => `${entry.name} (${entry.unstable.join(', ')})`).join('; ')}.`,
      '',
    );

  const statsTable = (statsEntries, base, measured) => {
    const rows = [];
    for (const entry of statsEntries) {
      const ruleIds = Object.keys(entry.rules).sort((a, b) => entry.rules[b] - entry.rules[a]);
      for (const ruleId of ruleIds) {
        const alone = measured.find((candidate) => candidate.rule === ruleId);
        rows.push([
          `\`${ruleId}\``,
          `\`${entry.name}\``,
          fmt(entry.rules[ruleId]),
          pct(entry.rules[ruleId] / base.median),
          alone ? ratio(alone.median, base.median) : '—',
        ]);
      }
      const sum = Object.values(entry.rules).reduce((total, time) => total + time, 0);
      rows.push([`all rules of \`${entry.name}\` (without the baseline's)`, '', fmt(sum), pct(sum / base.median), '']);
      rows.push([
        "the baseline's rules in that lint",
        '',
        fmt(entry.baselineRules),
        pct(entry.baselineRules / base.median),
        '',
      ]);
      rows.push(['parse time in that lint', '', fmt(entry.parse), pct(entry.parse / base.median), '']);
    }
    return mdTable(['rule', 'in configuration', 'rule ms', 'share of baseline', 'alone: ratio to baseline'], rows, [
      'l',
      'l',
      'r',
      'r',
      'r',
    ]);
  };
  if (stats && baseline) {
    push(
      '## Per-rule time (ESLint `stats: true`, TIMING-style)',
      '',
      "One extra lint of each multi-rule configuration with `stats: true`: each rule's listener and `create` times, summed over the files. (Single-rule configurations get no stats lint: their cost is the \"alone\" ratio.) In `recommended` the rules share per-file analyses, so the first rule that needs one pays for it. Share = the rule's time over the baseline's median wall time.",
      '',
      statsTable(stats, baseline, untyped),
      '',
    );
  }

  if (typed) {
    push(
      '## Typed: `recommended-type-checked` against `no-floating-promises`',
      '',
      `${typed.files} files, ${typed.lines} lines: the TypeScript sources of ${TYPED_PACKAGE}. Rxjs rather than effect: a typed lint of effect's 520k lines would take minutes a run. One program from \`${relative(repoRoot, typed.tsconfigFile)}\` (written by the harness, because rxjs's own tsconfigs use \`moduleResolution: node\` and \`baseUrl\`, which TypeScript 6 deprecates), built afresh with \`ts.createProgram\` before every lint and handed to the parser as \`parserOptions.programs\`, so that every configuration starts with a cold type checker; the build is inside each lint's time. The corpus has no \`node_modules\`: an import of another package would have type \`any\`; rxjs imports none (${typed.facts.unresolved} import declaration(s) fail to resolve; its \`rxjs/*\` self-imports resolve through \`paths\`). The program has ${typed.facts.diagnostics} pre-emit diagnostic(s); type errors do not stop linting. Median of ${typedRuns} run(s), file by file round-robin as above${skip.has('warmup') ? '' : ', after one warm-up lint'}.`,
      '',
      mdTable(
        [
          'configuration',
          'median ms',
          'min–max ms',
          'program build ms',
          'ratio to typed baseline',
          'added ms',
          'CPU ratio',
          'findings',
        ],
        typed.measured.map((entry) => [
          label(entry),
          fmt(entry.median),
          `${fmt(Math.min(...entry.ms))}–${fmt(Math.max(...entry.ms))}`,
          fmt(entry.extraMedian),
          ratio(entry.median, typedBaseline.median),
          entry.group === 'baseline' ? '—' : fmt(entry.median - typedBaseline.median),
          ratio(entry.cpuMedian, typedBaseline.cpuMedian),
          entry.group === 'baseline' ? '—' : String(entry.findings.length),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
    );
    if (typed.stats)
      push(
        "Per-rule time in one `stats: true` typed lint each (share = over the typed baseline's median):",
        '',
        statsTable(typed.stats, typedBaseline, typed.measured),
        '',
      );
  }

  if (concurrency) {
    const off = median(concurrency.off);
    const two = median(concurrency.two);
    push(
      '## CLI `--concurrency`',
      '',
      `The real CLI (\`eslint --config bench/.cache/corpus/eslint.bench.config.mjs --concurrency=…\`: a fresh process each time, \`cleanup/recommended\` and the corpus parsers) on ${args.packages ? 'the selected packages' : 'the whole corpus'}, the two settings alternating, median of ${concurrencyRuns}. The machine has ${cpus.length} logical CPU(s).`,
      '',
      mdTable(
        ['setting', 'median ms', 'runs ms', 'ratio to off'],
        [
          ['`--concurrency=off`', fmt(off), concurrency.off.map(fmt).join(', '), '1.000'],
          ['`--concurrency=2`', fmt(two), concurrency.two.map(fmt).join(', '), ratio(two, off)],
        ],
        ['l', 'r', 'r', 'r'],
      ),
      '',
    );
  }

  push(
    '## Machine and versions',
    '',
    `- ${os.type()} ${os.release()} ${os.arch()}; ${cpus.length} × ${cpus[0]?.model ?? '?'}; ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM.`,
    `- Load average (1/5/15 min) ${loadBefore.map((value) => value.toFixed(1)).join(' / ')} at the start, ${loadAfter.map((value) => value.toFixed(1)).join(' / ')} at the end. Other work shared the machine: read ratios from this one interleaved run, not absolute times.`,
    `- Node ${process.version}${globalThis.gc ? ' (`--expose-gc`: a full GC before every round)' : ''}; ESLint ${ESLint.version}; @typescript-eslint/parser ${tsParser.version ?? versionOf('@typescript-eslint/parser')}; typescript-eslint ${versionOf('typescript-eslint')}; TypeScript ${ts.version}.`,
    `- ${plugin.meta.name} ${plugin.meta.version} from \`${relative(repoRoot, pluginEntry)}\`, rules: ${Object.keys(plugin.rules).sort().join(', ')}; \`recommended\`: ${Object.keys(plugin.configs.recommended.rules).join(', ')}; \`recommended-type-checked\`: ${Object.keys(plugin.configs['recommended-type-checked'].rules).join(', ')}.`,
    `- Peers: eslint-plugin-unicorn ${unicorn.meta?.version ?? '?'} (rules \`${UNICORN_RULES.join('`, `')}\`: both exist under these names in unicorn 80), eslint-plugin-listeners ${versionOf('eslint-plugin-listeners')} (\`flat/recommended\`: ${Object.keys(
      listeners.configs['flat/recommended'][0].rules,
    )
      .map((name) => `\`${name}\``)
      .join(', ')}).`,
    `- **Polyfill:** eslint-plugin-unicorn 80 declares Node ≥ 22.13 and calls the ES2025 \`Set\` methods. ${polyfilled.length > 0 ? `On this Node the harness — only the harness: \`bench/set-methods-polyfill.mjs\`, imported before unicorn — added ${polyfilled.map((name) => `\`Set.prototype.${name}\``).join(', ')}.` : 'This Node has them natively; the polyfill added nothing.'} The polyfill is plain JavaScript, so unicorn's \`Set\` operations may run slower here than natively on Node 22.`,
    '',
  );

  // `## Crash sweep` is written by hand from `npm run crash-sweep` (bench/crash-sweep.mjs), not measured here: keep it.
  const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  const crashSweep = previous.indexOf('\n## Crash sweep\n');
  const kept = crashSweep === -1 ? '' : previous.slice(crashSweep + 1);
  writeFileSync(outFile, `${out.join('\n')}\n${kept}`);
  console.log(`\n${out.join('\n')}`);
  if (verdicts.length > 0) console.log(`\nTargets:\n${verdicts.map((line) => `  ${line}`).join('\n')}`);
  console.log(
    `\nWrote ${relative(process.cwd(), outFile)} and ${allMeasured.reduce((sum, entry) => sum + entry.findings.length, 0)} finding(s) to ${relative(process.cwd(), findingsFile)} in ${totalMinutes.toFixed(1)} min.`,
  );
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
}
