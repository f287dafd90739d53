#!/usr/bin/env node
// Precision sweep: lints the pinned real-code corpus with every rule of the BUILT plugin (dist/) at 'warn'
// and writes every finding to bench/.cache/findings.jsonl for review.
//
//   npm run corpus                       # once: fetch and extract the corpus
//   npm run sweep -- [--rules a,b] [--packages knex,typeorm] [--context N] [--lines K]
//
//   --rules      only these rules (`name` or `cleanup/name`)
//   --packages   only these corpus packages
//   --context N  print the first N findings with source context (default 20; 0 prints none)
//   --lines K    lines of context above and below each printed finding (default 3)
//   --plugin P   lint with the plugin module at P instead of dist/index.js
//   --fix        then the fix pass: copy the files to a temporary directory, lint the copy with `fix: true` and write
//                the fixes, check that every fixed file still parses, that a second `fix: true` pass changes nothing,
//                and that every suggestion left on the fixed files, applied alone, still parses. Exit code 1 on any
//                failure. The copy is removed afterwards.
//
// The lint is untyped (no parserServices.program): the corpus packages come without their dependencies, so
// type information would be mostly `any`. Rules with `docs.requiresTypeChecking` are skipped and listed.
// One file that fails to parse, or on which a rule throws, never stops the sweep: parse failures (fatal
// messages) and rule crashes are counted and printed separately, and also written to
// bench/.cache/failures.jsonl. The exit code is 1 when a rule crashed, else 0.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import {
  benchDir,
  cacheDir,
  corpusRoot,
  countLines,
  loadCorpus,
  markerFile,
  packageDirName,
  parseArgs,
  pickPackages,
  selectFiles,
  textTable,
} from './corpus-lib.mjs';

const NAMESPACE = 'cleanup';
const findingsFile = join(cacheDir, 'findings.jsonl');
const failuresFile = join(cacheDir, 'failures.jsonl');
const fixDiffFile = join(cacheDir, 'fix-pass.diff');
const JS_FILES = ['**/*.js', '**/*.jsx'];
const ALL_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

async function loadPlugin(path) {
  const entry = path ? resolve(path) : join(benchDir, '..', 'dist', 'index.js');
  if (!existsSync(entry))
    throw new Error(`${relative(process.cwd(), entry)} is missing: run \`npm run build\` (or \`npm run sweep\`).`);
  const module = await import(pathToFileURL(entry).href);
  const plugin = module.default;
  if (!plugin?.rules || Object.keys(plugin.rules).length === 0) throw new Error(`${entry} exports no rules.`);
  return plugin;
}

function pickRules(plugin, names) {
  const all = Object.keys(plugin.rules).sort();
  const wanted = names ? names.map((name) => name.replace(`${NAMESPACE}/`, '')) : all;
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`Unknown rule(s): ${unknown.join(', ')}. Known: ${all.join(', ')}.`);
  const typed = wanted.filter((name) => plugin.rules[name].meta?.docs?.requiresTypeChecking === true);
  return { run: wanted.filter((name) => !typed.includes(name)), skipped: typed };
}

/** `jsSourceType` from corpus.json, else the extracted package.json's `type`. */
function jsSourceTypeOf(pkg, dir) {
  if (pkg.jsSourceType) return pkg.jsSourceType;
  const { type } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return type === 'module' ? 'module' : 'commonjs';
}

function buildConfig(plugin, packages, rules) {
  return [
    // Foreign code: its eslint-disable comments and inline configs name rules we do not load.
    { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
    ...packages.map(({ pkg, dirName, dir }) => ({
      files: JS_FILES.map((glob) => `${dirName}/${glob}`),
      languageOptions: { ecmaVersion: 'latest', sourceType: jsSourceTypeOf(pkg, dir) },
    })),
    { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    { files: ['**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
    { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser, sourceType: 'module' } },
    { files: ['**/*.{jsx,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    {
      files: ALL_FILES,
      plugins: { [NAMESPACE]: plugin },
      rules: Object.fromEntries(rules.map((name) => [`${NAMESPACE}/${name}`, 'warn'])),
    },
  ];
}

function firstLines(text, count) {
  return text.split('\n').slice(0, count).join('\n');
}

function printContext(finding, contextLines) {
  const lines = readFileSync(join(corpusRoot, finding.file), 'utf8').split('\n');
  const from = Math.max(1, finding.line - contextLines);
  const to = Math.min(lines.length, finding.line + contextLines);
  const width = String(to).length;
  console.log(`\n${finding.file}:${finding.line}:${finding.column}  ${finding.ruleId}`);
  console.log(`  ${finding.message}`);
  for (let number = from; number <= to; number += 1) {
    const marker = number === finding.line ? '>' : ' ';
    console.log(`  ${marker} ${String(number).padStart(width)} | ${lines[number - 1]}`);
    if (number === finding.line)
      console.log(`    ${' '.repeat(width)} | ${' '.repeat(Math.max(0, finding.column - 1))}^`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2), {
    rules: 'list',
    packages: 'list',
    context: 'value',
    lines: 'value',
    plugin: 'value',
    fix: 'flag',
  });
  const shown = args.context === undefined ? 20 : Number(args.context);
  const contextLines = args.lines === undefined ? 3 : Number(args.lines);
  if (!Number.isInteger(shown) || shown < 0) throw new Error('--context needs a whole number.');
  if (!Number.isInteger(contextLines) || contextLines < 0) throw new Error('--lines needs a whole number.');

  const corpus = loadCorpus();
  const packages = pickPackages(corpus, args.packages).map((pkg) => {
    const dirName = packageDirName(pkg.name);
    const dir = join(corpusRoot, dirName);
    const marker = join(dir, markerFile);
    if (!existsSync(marker) || readFileSync(marker, 'utf8') !== `${pkg.name}@${pkg.version}\n`) {
      throw new Error(
        `${pkg.name}@${pkg.version} is not in ${relative(process.cwd(), corpusRoot)}: run \`npm run corpus\`.`,
      );
    }
    return { pkg, dirName, dir, files: selectFiles(dir, pkg, corpus.defaults) };
  });

  const plugin = await loadPlugin(args.plugin);
  const { run: rules, skipped } = pickRules(plugin, args.rules);
  if (rules.length === 0) throw new Error('No rule left to run (all the selected rules need type information).');
  const overrideConfig = buildConfig(plugin, packages, rules);
  // One ESLint instance per set of rules switched off after they crashed, so that a crash of one rule in a
  // file still leaves the findings of the other rules in that file.
  const instances = new Map();
  const eslintWithout = (crashed) => {
    const key = [...crashed].sort().join(',');
    if (!instances.has(key)) {
      const off = new Set(crashed);
      instances.set(
        key,
        new ESLint({
          cwd: corpusRoot,
          overrideConfigFile: true,
          overrideConfig,
          ruleFilter: ({ ruleId }) => !off.has(ruleId),
        }),
      );
    }
    return instances.get(key);
  };

  const findings = [];
  const parseFailures = [];
  const crashes = [];
  const ignored = [];
  let otherMessages = 0;
  const perPackage = [];
  const started = performance.now();

  for (const { pkg, dirName, dir, files } of packages) {
    const packageStarted = performance.now();
    let lines = 0;
    for (const path of files) {
      const filePath = join(dir, path);
      const file = `${dirName}/${path}`;
      const text = readFileSync(filePath, 'utf8');
      lines += countLines(text);
      let results = [];
      const crashed = new Set();
      for (;;) {
        try {
          results = await eslintWithout(crashed).lintText(text, { filePath, warnIgnored: true });
          break;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const ruleId = error?.ruleId ?? /Rule: "([^"]+)"/u.exec(message)?.[1] ?? null;
          const line = Number(/Occurred while linting .*:(\d+)$/mu.exec(message)?.[1] ?? 0);
          crashes.push({
            kind: 'crash',
            package: pkg.name,
            file,
            line,
            ruleId,
            message: firstLines(message, 1),
            stack: error?.stack ?? null,
          });
          if (ruleId === null || crashed.has(ruleId)) break;
          crashed.add(ruleId);
        }
      }
      for (const message of results[0]?.messages ?? []) {
        if (message.fatal) {
          if (/File ignored/u.test(message.message))
            ignored.push({ kind: 'ignored', package: pkg.name, file, message: message.message });
          else
            parseFailures.push({
              kind: 'parse',
              package: pkg.name,
              file,
              line: message.line,
              column: message.column,
              message: message.message,
            });
        } else if (message.ruleId?.startsWith(`${NAMESPACE}/`)) {
          findings.push({
            package: pkg.name,
            file,
            line: message.line,
            column: message.column,
            endLine: message.endLine,
            endColumn: message.endColumn,
            ruleId: message.ruleId,
            message: message.message,
          });
        } else {
          otherMessages += 1;
        }
      }
    }
    perPackage.push({ name: pkg.name, files: files.length, lines, ms: performance.now() - packageStarted });
  }
  const elapsed = performance.now() - started;

  writeFileSync(findingsFile, findings.map((finding) => `${JSON.stringify(finding)}\n`).join(''));
  writeFileSync(
    failuresFile,
    [...parseFailures, ...crashes, ...ignored].map((failure) => `${JSON.stringify(failure)}\n`).join(''),
  );

  // ---- summary -------------------------------------------------------------------------------------------
  const totalFiles = perPackage.reduce((sum, row) => sum + row.files, 0);
  const totalLines = perPackage.reduce((sum, row) => sum + row.lines, 0);
  console.log(
    `${plugin.meta?.name ?? NAMESPACE}@${plugin.meta?.version ?? '?'}: ${rules.length} rule(s) at 'warn' over ${totalFiles} files, ${totalLines} lines in ${(elapsed / 1000).toFixed(1)} s (untyped).`,
  );
  if (skipped.length > 0) console.log(`Skipped (need type information): ${skipped.join(', ')}.`);

  const count = (items, key, value) => items.filter((item) => item[key] === value).length;
  const packageNames = perPackage.map((row) => row.name);
  console.log('\nFindings per rule and package:');
  console.log(
    textTable(
      ['rule', ...packageNames, 'total', 'crashes'],
      [
        ...rules.map((rule) => {
          const ruleId = `${NAMESPACE}/${rule}`;
          const ofRule = findings.filter((finding) => finding.ruleId === ruleId);
          return [
            rule,
            ...packageNames.map((name) => count(ofRule, 'package', name) || '.'),
            ofRule.length,
            count(crashes, 'ruleId', ruleId),
          ];
        }),
        ['total', ...packageNames.map((name) => count(findings, 'package', name)), findings.length, crashes.length],
      ],
    ),
  );

  console.log('\nPer package:');
  console.log(
    textTable(
      ['package', 'files', 'lines', 'findings', 'parse failures', 'crashes', 'seconds'],
      perPackage.map((row) => [
        row.name,
        row.files,
        row.lines,
        count(findings, 'package', row.name),
        count(parseFailures, 'package', row.name),
        count(crashes, 'package', row.name),
        (row.ms / 1000).toFixed(1),
      ]),
    ),
  );

  console.log(`\nParse failures: ${parseFailures.length}`);
  for (const failure of parseFailures)
    console.log(`  ${failure.file}:${failure.line}:${failure.column}  ${failure.message}`);
  console.log(
    `Rule crashes: ${crashes.length} (the crashing rule is switched off for the rest of that file; stacks in the failures file)`,
  );
  for (const ruleId of new Set(crashes.map((crash) => crash.ruleId))) {
    const ofRule = crashes.filter((crash) => crash.ruleId === ruleId);
    console.log(`  ${ruleId ?? '(unknown rule)'}: ${ofRule.length} file(s)`);
    for (const crash of ofRule.slice(0, 10)) console.log(`    ${crash.file}:${crash.line}  ${crash.message}`);
    if (ofRule.length > 10) console.log(`    ... ${ofRule.length - 10} more`);
  }
  if (ignored.length > 0) {
    console.log(`Files ESLint ignored (a config bug in this script): ${ignored.length}`);
    for (const file of ignored.slice(0, 10)) console.log(`  ${file.file}  ${file.message}`);
  }
  if (otherMessages > 0)
    console.log(`Other messages dropped (not from ${NAMESPACE} rules, e.g. inline-config warnings): ${otherMessages}`);

  const relativeFindings = relative(process.cwd(), findingsFile);
  console.log(
    `\nWrote ${findings.length} finding(s) to ${relativeFindings} and ${parseFailures.length + crashes.length + ignored.length} failure(s) to ${relative(process.cwd(), failuresFile)}.`,
  );

  if (shown > 0 && findings.length > 0) {
    console.log(`\nFirst ${Math.min(shown, findings.length)} of ${findings.length} finding(s):`);
    for (const finding of findings.slice(0, shown)) printContext(finding, contextLines);
  }
  if (crashes.length > 0) process.exitCode = 1;
  if (args.fix) {
    const failures = await fixPass(plugin, packages, rules);
    if (failures > 0) process.exitCode = 1;
  }
}

/** Applies one fix or suggestion (`{ range, text }`) to `text`. */
function applyFix(text, fix) {
  return text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
}

/**
 * The fix pass (issue 7): the whole plugin with `fix: true` over a temporary copy of the corpus. Returns the number
 * of failures: a crash, a fixed file that no longer parses, a file that a second pass still changes, a suggestion
 * that does not parse.
 */
async function fixPass(plugin, packages, rules) {
  const root = mkdtempSync(join(tmpdir(), 'cleanup-fix-'));
  try {
    const files = [];
    for (const { dirName, dir, files: paths } of packages) {
      for (const path of paths) {
        const target = join(root, dirName, path);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(join(dir, path), target);
        files.push(target);
      }
    }
    const overrideConfig = buildConfig(plugin, packages, rules);
    const parseOnly = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: buildConfig(plugin, packages, []),
    });
    const parseErrors = async (text, filePath) => {
      const [result] = await parseOnly.lintText(text, { filePath, warnIgnored: true });
      return result.messages.filter((message) => message.fatal);
    };
    const failures = [];
    const started = performance.now();

    // Pass 1: fix and write.
    const first = await new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig, fix: true }).lintFiles(files);
    const fixed = first.filter((result) => result.output !== undefined);
    await ESLint.outputFixes(first);
    const fixedFindings = first.reduce(
      (sum, result) => sum + result.messages.filter((message) => message.ruleId?.startsWith(`${NAMESPACE}/`)).length,
      0,
    );
    // For review: every fix, as a unified diff against the original file.
    const diffs = [];
    for (const result of fixed) {
      const file = relative(root, result.filePath);
      const before = join(corpusRoot, file);
      const diff = spawnSync('diff', ['-u', '--label', `a/${file}`, '--label', `b/${file}`, before, result.filePath], {
        encoding: 'utf8',
      });
      diffs.push(diff.stdout);
    }
    writeFileSync(fixDiffFile, diffs.join(''));

    // Every fixed file parses.
    for (const result of fixed) {
      for (const error of await parseErrors(result.output, result.filePath)) {
        failures.push(
          `${relative(root, result.filePath)}:${error.line}: the fixed file does not parse: ${error.message}`,
        );
      }
    }
    // Every suggestion left, applied alone, parses.
    let suggestions = 0;
    for (const result of first) {
      const text = result.output ?? readFileSync(result.filePath, 'utf8');
      for (const message of result.messages) {
        for (const suggestion of message.suggestions ?? []) {
          suggestions += 1;
          for (const error of await parseErrors(applyFix(text, suggestion.fix), result.filePath)) {
            failures.push(
              `${relative(root, result.filePath)}:${message.line}: ${message.ruleId} suggestion "${suggestion.desc}" does not parse: ${error.message}`,
            );
          }
        }
      }
    }
    // Pass 2: nothing left to fix.
    const second = await new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig, fix: true }).lintFiles(
      files,
    );
    for (const result of second.filter((candidate) => candidate.output !== undefined)) {
      failures.push(`${relative(root, result.filePath)}: a second --fix pass changed it again`);
    }

    console.log(
      `\nFix pass over a copy of ${files.length} files (${((performance.now() - started) / 1000).toFixed(1)} s): ${fixed.length} file(s) fixed, ` +
        `${fixedFindings} finding(s) left after fixing, ${suggestions} suggestion(s) applied one by one and parsed, ` +
        `${second.filter((result) => result.output !== undefined).length} file(s) changed by a second pass; failures: ${failures.length}. ` +
        `The fixes as a diff: ${relative(process.cwd(), fixDiffFile)}.`,
    );
    for (const failure of failures) console.log(`  ${failure}`);
    return failures.length;
  } catch (error) {
    console.log(`\nFix pass crashed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
