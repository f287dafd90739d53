#!/usr/bin/env node
// Crash sweep (issue 12): lints real TypeScript (.ts sources and .d.ts declarations) with EVERY rule of the BUILT
// plugin (dist/), untyped and typed, and fails on any rule crash and on any fix or suggestion whose output does not
// parse. Findings are counted, not reviewed (that is `npm run sweep`'s job).
//
//   npm run crash-sweep                  # builds, fetches both corpus lists if missing, sweeps
//   node bench/crash-sweep.mjs [--packages a,b] [--rules a,b] [--modes untyped,typed] [--plugin P] [--json FILE]
//
//   --packages  only these packages (names from bench/corpus.json or bench/crash-corpus.json)
//   --rules     only these rules (`name` or `cleanup/name`; default: every rule of the plugin)
//   --modes     `untyped`, `typed` or both (default both)
//   --plugin P  the plugin module at P instead of dist/index.js
//   --json FILE where to write the summary (default bench/.cache/crash-sweep.json); every crash, parse failure and
//               fix failure is also written, one JSON object a line, to bench/.cache/crash-sweep.jsonl, and the
//               `## Crash sweep` section of bench/RESULTS.md to bench/.cache/crash-sweep.md
//
// The files: the TypeScript files (.d.ts included) of the bench corpus packages, selected by `benchCorpus` in
// bench/crash-corpus.json, plus that list's own packages (class-heavy TypeScript: see its notes). Both are fetched with
// `npm pack` and checked against their pinned integrity by bench/fetch-corpus.mjs; this script needs no network.
//
// Untyped: @typescript-eslint/parser without type information. Typed: one TypeScript program per package (all its
// selected files; strict, ESNext, bundler resolution, lib esnext + dom, no `types`), handed to the parser as
// `parserOptions.programs`, so that the rules get `parserServices.program`. The corpus has no node_modules: imports of
// other packages have type `any`, which is fine for a crash sweep.
//
// Per file and mode, all the rules run at once through ESLint's Linter. When a rule throws, the crash is recorded
// (rule, file:line from ESLint's "Occurred while linting" line, the top frames of the stack), that rule is switched off
// for the file, and the file is linted again, so one crash hides neither the other rules nor a second crashing rule.
// Then every fix of the remaining findings is applied (all non-overlapping fixes at once, as one `--fix` pass does) and
// the output is parsed again; so is the output of every suggestion, applied alone.
//
// Exit code 1 when any rule crashed or any fix / suggestion output does not parse; parse failures of the corpus itself
// are listed but do not fail the run (they are not the plugin's).

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import ts from 'typescript';

import {
  benchDir,
  cacheDir,
  corpusPackages,
  countLines,
  loadBuiltPlugin,
  loadCorpus,
  parseArgs,
  selectFiles,
  textTable,
} from './corpus-lib.mjs';

const NAMESPACE = 'cleanup';
const MODES = ['untyped', 'typed'];
/** The first columns of both per-package tables (console and Markdown). */
const PACKAGE_COLUMNS = ['package', 'list', 'files', '.d.ts', 'lines'];
const failuresFile = join(cacheDir, 'crash-sweep.jsonl');
const repoRoot = join(benchDir, '..');

// ---- corpus --------------------------------------------------------------------------------------------------

/** `{ pkg, dirName, dir, files, source }` for every package to sweep; `source` is the list it comes from. */
function sweepPackages(names) {
  const bench = loadCorpus();
  const crash = loadCorpus('crash-corpus.json');
  const known = [...bench.packages, ...crash.packages].map((pkg) => pkg.name);
  const unknown = (names ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`Unknown package(s): ${unknown.join(', ')}. Known: ${known.join(', ')}.`);
  const wanted = (pkg) => !names || names.includes(pkg.name);

  const { benchCorpus } = crash;
  const fromBench = corpusPackages(
    bench,
    bench.packages.filter(wanted).map((pkg) => pkg.name),
  ).map((entry) => {
    // The bench selection is replaced by the crash sweep's: every TypeScript file, minus the package's exclusions.
    const pkg = {
      ...entry.pkg,
      include: benchCorpus.include,
      exclude: [
        ...benchCorpus.exclude,
        ...(entry.pkg.exclude ?? []),
        ...(benchCorpus.packages[entry.pkg.name]?.exclude ?? []),
      ],
    };
    return { ...entry, pkg, files: selectFiles(entry.dir, pkg, {}), source: 'corpus.json' };
  });
  const own = crash.packages.some(wanted)
    ? corpusPackages(
        crash,
        crash.packages.filter(wanted).map((pkg) => pkg.name),
      )
    : [];
  return [...fromBench, ...own.map((entry) => ({ ...entry, source: 'crash-corpus.json' }))].filter(
    (entry) => entry.files.length > 0,
  );
}

const isDeclaration = (path) => /\.d\.[cm]?ts$/u.test(path);

// ---- linting -------------------------------------------------------------------------------------------------

const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

function config(plugin, ruleIds, parserOptions) {
  return [
    {
      files: TS_FILES,
      plugins: { [NAMESPACE]: plugin },
      // Foreign code: its inline configs and disable comments name rules we do not load.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      languageOptions: { parser: tsParser, sourceType: 'module', ecmaVersion: 'latest', parserOptions },
      rules: Object.fromEntries(ruleIds.map((id) => [id, 'error'])),
    },
  ];
}

/** The strict program of one package's files (see the header). */
function buildProgram(entry) {
  const rootNames = entry.files.map((path) => join(entry.dir, path));
  const options = {
    strict: true,
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.esnext.d.ts', 'lib.dom.d.ts'],
    types: [],
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    experimentalDecorators: false,
  };
  return ts.createProgram({ rootNames, options });
}

/** The first frames of a stack, plugin frames relative to the repository. */
function stackTop(stack, frames = 2) {
  const lines = String(stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /u.test(line))
    .map((line) =>
      line.trim().replace(/^at /u, '').replace(`file://${repoRoot}${sep}`, '').replace(`${repoRoot}${sep}`, ''),
    );
  const own = lines.findIndex((line) => /(?:^|[ (])(?:dist|src)\//u.test(line));
  // The top frame, and the first frame in the plugin when the top one is not (e.g. `Array.find`).
  const picked = own <= 0 ? lines.slice(0, frames) : [lines[0], lines[own]];
  return picked.join(' <- ');
}

/** Applies the non-overlapping fixes in range order, as one ESLint fix pass does. */
function applyFixes(text, fixes) {
  let output = '';
  let last = -1;
  let applied = 0;
  for (const fix of [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])) {
    if (fix.range[0] <= last) continue;
    output += text.slice(Math.max(0, last), fix.range[0]) + fix.text;
    last = fix.range[1];
    applied += 1;
  }
  return { output: output + text.slice(Math.max(0, last)), applied };
}

/** The `## Crash sweep` section of bench/RESULTS.md, from one run. */
function markdownSection(run) {
  const { plugin, modes, totals, perPackage, ruleIds, needsTypes } = run;
  const { findings, crashes, groups, fixFailures, parseFailures } = run;
  const commit =
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim() || '?';
  const dirty =
    spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim() !== '';
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const head = (cells, align) => [row(cells), row(align.map((side) => (side === 'r' ? '---:' : ':---')))];
  const lines = [
    '## Crash sweep',
    '',
    `Written from \`npm run crash-sweep\` (\`bench/crash-sweep.mjs\`) on ${new Date().toISOString().slice(0, 10)}: ${plugin.meta?.name}@${plugin.meta?.version} built from \`${commit}\`${dirty ? ' (with uncommitted changes in src/)' : ''}, every rule (${ruleIds.length}), ${modes.join(' and ')}, in ${(run.elapsed / 1000).toFixed(0)} s on ${os.cpus().length} CPU(s) (load average ${os.loadavg()[0].toFixed(1)} at the end). ${totals.packages} packages, ${totals.files} files (${totals.declarations} of them \`.d.ts\`), ${totals.lines} lines: the TypeScript files of the bench corpus (\`bench/corpus.json\`, \`.d.ts\` included) and the packages of \`bench/crash-corpus.json\`. Typed: one TypeScript program per package (\`parserOptions.programs\`).`,
    '',
    ...head(
      [...PACKAGE_COLUMNS, ...modes.map((mode) => `${mode} s`), 'findings (all modes)', 'crashes'],
      ['l', 'l', 'r', 'r', 'r', ...modes.map(() => 'r'), 'r', 'r'],
    ),
    ...perPackage.map((entry) =>
      row([
        `${entry.name}`,
        `\`${entry.source}\``,
        entry.files,
        entry.declarations,
        entry.lines,
        ...modes.map((mode) => (entry.ms[mode] / 1000).toFixed(1)),
        entry.findings,
        entry.crashes,
      ]),
    ),
    '',
    ...head(
      ['rule', ...modes.flatMap((mode) => [`${mode} findings`, `${mode} crashes`])],
      ['l', ...modes.flatMap(() => ['r', 'r'])],
    ),
    ...ruleIds.map((id) =>
      row([
        `\`${id}\``,
        ...modes.flatMap((mode) => [
          mode === 'untyped' && needsTypes(id) ? '—' : findings[mode][id],
          crashes.filter((crash) => crash.ruleId === id && crash.mode === mode).length,
        ]),
      ]),
    ),
    '',
    `Crashes: ${crashes.length}.${crashes.length === 0 ? '' : ' Grouped by rule and stack top:'}`,
  ];
  for (const group of groups.values()) {
    const [first] = group;
    lines.push(
      `- \`${first.ruleId ?? '(unknown rule)'}\`: ${first.message} at \`${first.stackTop}\`; ${group.map((crash) => `\`${crash.file}:${crash.line}\` (${crash.mode})`).join(', ')}.`,
    );
  }
  lines.push(
    '',
    `Fixes: ${run.fixedFiles} file(s) with fixes (${run.fixesApplied} applied in one pass) and ${run.suggestionsParsed} suggestion(s) applied one by one; outputs that do not parse: ${fixFailures.length}. Corpus files that do not parse: ${parseFailures.length}.`,
    '',
  );
  return lines.join('\n');
}

function main() {
  return run().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

async function run() {
  const args = parseArgs(process.argv.slice(2), {
    packages: 'list',
    rules: 'list',
    modes: 'list',
    plugin: 'value',
    json: 'value',
  });
  const modes = args.modes ?? MODES;
  const badModes = modes.filter((mode) => !MODES.includes(mode));
  if (badModes.length > 0) throw new Error(`Unknown mode(s): ${badModes.join(', ')}. Known: ${MODES.join(', ')}.`);

  const plugin = await loadBuiltPlugin(args.plugin);
  const allRules = Object.keys(plugin.rules).sort();
  const wantedRules = args.rules ? args.rules.map((name) => name.replace(`${NAMESPACE}/`, '')) : allRules;
  const unknownRules = wantedRules.filter((name) => !allRules.includes(name));
  if (unknownRules.length > 0)
    throw new Error(`Unknown rule(s): ${unknownRules.join(', ')}. Known: ${allRules.join(', ')}.`);
  const ruleIds = wantedRules.map((name) => `${NAMESPACE}/${name}`);
  const needsTypes = (id) => plugin.rules[id.slice(NAMESPACE.length + 1)].meta?.docs?.requiresTypeChecking === true;

  const packages = sweepPackages(args.packages);
  if (packages.length === 0) throw new Error('No package with TypeScript files selected.');

  const linter = new Linter({ configType: 'flat' });
  const parseConfig = config(plugin, [], {});
  const parseErrors = (text, filePath) =>
    linter
      .verify(text, parseConfig, filePath)
      .filter((message) => message.fatal)
      .map((message) => `${message.line}:${message.column} ${message.message}`);

  const crashes = [];
  const parseFailures = [];
  const fixFailures = [];
  const findings = Object.fromEntries(modes.map((mode) => [mode, Object.fromEntries(ruleIds.map((id) => [id, 0]))]));
  let fixedFiles = 0;
  let fixesApplied = 0;
  let suggestionsParsed = 0;
  const perPackage = [];
  const started = performance.now();

  for (const entry of packages) {
    const { pkg, dirName, dir, files } = entry;
    const texts = files.map((path) => readFileSync(join(dir, path), 'utf8'));
    const row = {
      name: `${pkg.name}@${pkg.version}`,
      source: entry.source,
      files: files.length,
      declarations: files.filter(isDeclaration).length,
      lines: texts.reduce((sum, text) => sum + countLines(text), 0),
      ms: {},
      programMs: 0,
      findings: 0,
      crashes: 0,
      parseFailures: 0,
    };
    for (const mode of modes) {
      const modeStarted = performance.now();
      let parserOptions = {};
      if (mode === 'typed') {
        const programStarted = performance.now();
        parserOptions = { programs: [buildProgram(entry)] };
        row.programMs = performance.now() - programStarted;
      }
      const modeRules = ruleIds.filter((id) => mode === 'typed' || !needsTypes(id));
      for (const [index, path] of files.entries()) {
        const filePath = join(dir, path);
        const file = `${dirName}/${path}`;
        const text = texts[index];
        let active = modeRules;
        let messages;
        for (;;) {
          try {
            messages = linter.verify(text, config(plugin, active, parserOptions), filePath);
            break;
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const ruleId = /Rule: "([^"]+)"/u.exec(message)?.[1] ?? null;
            const line = Number(/Occurred while linting .*:(\d+)\s*$/mu.exec(message)?.[1] ?? 0);
            crashes.push({
              kind: 'crash',
              mode,
              package: pkg.name,
              file,
              line,
              ruleId,
              message: message.split('\n')[0],
              stackTop: stackTop(error?.stack),
              stack: error?.stack ?? null,
            });
            row.crashes += 1;
            if (ruleId === null || !active.includes(ruleId)) {
              messages = [];
              break;
            }
            active = active.filter((id) => id !== ruleId);
          }
        }
        const fatal = messages.filter((message) => message.fatal);
        if (fatal.length > 0) {
          parseFailures.push({
            kind: 'parse',
            mode,
            package: pkg.name,
            file,
            line: fatal[0].line,
            message: fatal[0].message,
          });
          row.parseFailures += 1;
          continue;
        }
        const ours = messages.filter((message) => message.ruleId?.startsWith(`${NAMESPACE}/`));
        for (const message of ours) findings[mode][message.ruleId] += 1;
        row.findings += ours.length;

        const fixes = ours.filter((message) => message.fix).map((message) => message.fix);
        if (fixes.length > 0) {
          const { output, applied } = applyFixes(text, fixes);
          fixedFiles += 1;
          fixesApplied += applied;
          const broken = parseErrors(output, filePath);
          if (broken.length > 0) {
            const rulesFixing = [...new Set(ours.filter((message) => message.fix).map((message) => message.ruleId))];
            fixFailures.push({
              kind: 'fix',
              mode,
              package: pkg.name,
              file,
              rules: rulesFixing,
              message: `the fixed file does not parse: ${broken[0]}`,
            });
          }
        }
        for (const message of ours) {
          for (const suggestion of message.suggestions ?? []) {
            suggestionsParsed += 1;
            const broken = parseErrors(applyFixes(text, [suggestion.fix]).output, filePath);
            if (broken.length > 0) {
              fixFailures.push({
                kind: 'suggestion',
                mode,
                package: pkg.name,
                file,
                line: message.line,
                rules: [message.ruleId],
                message: `suggestion "${suggestion.desc}" does not parse: ${broken[0]}`,
              });
            }
          }
        }
      }
      row.ms[mode] = performance.now() - modeStarted;
    }
    perPackage.push(row);
    const times = modes.map((mode) => `${mode} ${(row.ms[mode] / 1000).toFixed(1)} s`).join(', ');
    console.error(`  ${row.name}: ${row.files} files, ${row.lines} lines; ${times}; ${row.crashes} crash(es)`);
  }
  const elapsed = performance.now() - started;

  // ---- report ----------------------------------------------------------------------------------------------
  const sum = (key) => perPackage.reduce((total, row) => total + row[key], 0);
  const totals = {
    packages: perPackage.length,
    files: sum('files'),
    declarations: sum('declarations'),
    lines: sum('lines'),
  };

  console.log(
    `${plugin.meta?.name ?? NAMESPACE}@${plugin.meta?.version ?? '?'}: ${ruleIds.length} rule(s), ${modes.join(' + ')}, over ${totals.packages} packages, ` +
      `${totals.files} files (${totals.declarations} .d.ts), ${totals.lines} lines in ${(elapsed / 1000).toFixed(1)} s.`,
  );
  console.log('\nPer package:');
  console.log(
    textTable(
      [
        ...PACKAGE_COLUMNS,
        ...modes.map((mode) => `${mode} s`),
        ...(modes.includes('typed') ? ['program s'] : []),
        'findings',
        'crashes',
        'parse failures',
      ],
      perPackage.map((row) => [
        row.name,
        row.source,
        row.files,
        row.declarations,
        row.lines,
        ...modes.map((mode) => (row.ms[mode] / 1000).toFixed(1)),
        ...(modes.includes('typed') ? [(row.programMs / 1000).toFixed(1)] : []),
        row.findings,
        row.crashes,
        row.parseFailures,
      ]),
    ),
  );

  const crashesOf = (id, mode) => crashes.filter((crash) => crash.ruleId === id && crash.mode === mode);
  console.log('\nPer rule (findings / crashes, in files):');
  console.log(
    textTable(
      ['rule', ...modes.flatMap((mode) => [`${mode} findings`, `${mode} crashes`])],
      [
        ...ruleIds.map((id) => [
          id,
          ...modes.flatMap((mode) => [
            mode === 'untyped' && needsTypes(id) ? '—' : findings[mode][id],
            crashesOf(id, mode).length,
          ]),
        ]),
        [
          'total',
          ...modes.flatMap((mode) => [
            Object.values(findings[mode]).reduce((a, b) => a + b, 0),
            crashes.filter((crash) => crash.mode === mode).length,
          ]),
        ],
      ],
    ),
  );

  console.log(`\nRule crashes: ${crashes.length}`);
  // Grouped by rule and stack top: the same bug shows in many files.
  const groups = new Map();
  for (const crash of crashes) {
    const key = `${crash.ruleId ?? '(unknown rule)'}\u0000${crash.stackTop}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(crash);
  }
  for (const group of groups.values()) {
    const [first] = group;
    console.log(`  ${first.ruleId ?? '(unknown rule)'}: ${first.message}  (${group.length} file(s))`);
    console.log(`    at ${first.stackTop}`);
    for (const crash of group) console.log(`    ${crash.file}:${crash.line}  [${crash.mode}]`);
  }

  console.log(
    `\nFix check: ${fixedFiles} file(s) with fixes (${fixesApplied} fix(es) applied, one pass), ${suggestionsParsed} suggestion(s) applied one by one; outputs that do not parse: ${fixFailures.length}.`,
  );
  for (const failure of fixFailures)
    console.log(
      `  ${failure.file}${failure.line ? `:${failure.line}` : ''}  [${failure.mode}] ${failure.rules.join(', ')}: ${failure.message}`,
    );

  console.log(`\nCorpus files that do not parse (not counted as failures): ${parseFailures.length}`);
  for (const failure of parseFailures)
    console.log(`  ${failure.file}:${failure.line}  [${failure.mode}] ${failure.message}`);

  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(
    failuresFile,
    [...crashes, ...fixFailures, ...parseFailures].map((item) => `${JSON.stringify(item)}\n`).join(''),
  );
  const jsonFile = args.json ?? join(cacheDir, 'crash-sweep.json');
  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(
    jsonFile,
    `${JSON.stringify(
      {
        plugin: `${plugin.meta?.name}@${plugin.meta?.version}`,
        date: new Date().toISOString(),
        seconds: Math.round(elapsed / 100) / 10,
        modes,
        totals,
        packages: perPackage.map(({ ms, ...row }) => ({
          ...row,
          seconds: Object.fromEntries(Object.entries(ms).map(([mode, value]) => [mode, Math.round(value / 100) / 10])),
        })),
        findings,
        crashes: crashes.map(({ stack: _stack, ...crash }) => crash),
        fixFailures,
        parseFailures,
      },
      null,
      2,
    )}\n`,
  );
  const markdownFile = join(cacheDir, 'crash-sweep.md');
  writeFileSync(
    markdownFile,
    markdownSection({
      plugin,
      modes,
      totals,
      perPackage,
      ruleIds,
      needsTypes,
      findings,
      crashes,
      groups,
      fixFailures,
      parseFailures,
      fixedFiles,
      fixesApplied,
      suggestionsParsed,
      elapsed,
    }),
  );
  console.log(
    `\nWrote ${relative(process.cwd(), jsonFile)}, ${relative(process.cwd(), markdownFile)} (the \`## Crash sweep\` section of bench/RESULTS.md) and ${relative(process.cwd(), failuresFile)} (with full stacks).`,
  );
  if (crashes.length > 0 || fixFailures.length > 0) process.exitCode = 1;
}

await main();
