#!/usr/bin/env node
// Repository sweep (issue 16, "Make the sweep real"): lints the pinned git repositories of bench/repos.json, tests
// included, with every rule of the BUILT plugin (dist/), and records for every finding which of the configs
// `recommended`, `strict` and `all` report it and whether it is in test code.
//
//   npm run repos -- [--set tuning-1]   # once: extract the repositories into bench/.cache/repos
//   npm run sweep:repos -- [--set tuning-1] [--repos outline,nodebb] [--plugin dist/index.js] [--dry-run]
//
// `--set NAME` lints one set of bench/repos.json (default: every set; every set has been measured and read, so a new
// precision measurement needs a new set), `--repos` names repositories (of that set, when one is given). `--dry-run` lints nothing: it
// checks that every picked repository is extracted at its pinned commit and prints the files and lines it would lint,
// production and test code apart.
//
// One pass with the rules of `all` (at 'warn'); a config reports a finding when it turns its rule on (the configs set
// no rule options; the sweep refuses to run if one ever does, since the pass would then lint with the wrong options).
// The lint is untyped: espree for .js/.jsx/.mjs/.cjs (JSX on; a .js file with `import`/`export` statements parses as a
// module, any other as CommonJS, and the other way round when that fails), @typescript-eslint/parser for
// .ts/.mts/.cts and .tsx (JSX on for .tsx only). Rules that need type information are skipped and listed. A file that
// does not parse is counted, not fatal; a rule that throws is switched off for the rest of that file and counted as a
// crash (exit code 1).
//
// Writes bench/.cache/repo-findings.jsonl (one finding a line: repo, set, file, line, column, rule, message, configs,
// test, context = the finding's line with 3 lines either side) and bench/.cache/repo-failures.jsonl (parse failures and
// crashes), and prints tables per repository, per rule and per config.

import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import { cacheDir, countLines, loadBuiltPlugin, parseArgs, textTable } from './corpus-lib.mjs';
import {
  isTestFile,
  loadRepos,
  measureRepo,
  pickRepos,
  repoCheckout,
  repoFiles,
  reposRoot,
  sizeTable,
} from './repos-lib.mjs';

const NAMESPACE = 'cleanup';
const CONFIGS = ['recommended', 'strict', 'all'];
const CONTEXT_LINES = 3;
const findingsFile = join(cacheDir, 'repo-findings.jsonl');
const failuresFile = join(cacheDir, 'repo-failures.jsonl');

/** ES module syntax at the start of a line: a static `import` (not `import(`/`import.meta`) or an `export`. */
const MODULE_SYNTAX = /^[ \t]*(?:import[\s{*'"\w]|export[\s{*])/mu;

/** The severity of a config entry, or throws when the entry carries options. */
function switchedOn(config, ruleId) {
  const entry = config.rules[ruleId];
  if (Array.isArray(entry) && entry.length > 1) {
    throw new Error(`${config.name} sets options for ${ruleId}: the sweep's single pass would lint it without them.`);
  }
  const severity = Array.isArray(entry) ? entry[0] : entry;
  return severity !== undefined && severity !== 'off' && severity !== 0;
}

/** The untyped rules of `all`, each with the configs that turn it on, and the rules skipped for needing types. */
function ruleSets(plugin) {
  const membership = new Map();
  const skipped = [];
  for (const name of Object.keys(plugin.rules).sort()) {
    const ruleId = `${NAMESPACE}/${name}`;
    if (plugin.rules[name].meta?.docs?.requiresTypeChecking === true) {
      skipped.push(name);
      continue;
    }
    const configs = CONFIGS.filter((config) => switchedOn(plugin.configs[config], ruleId));
    if (configs.length > 0) membership.set(ruleId, configs);
  }
  return { membership, skipped };
}

function languageConfigs(jsSourceType) {
  const jsx = { ecmaFeatures: { jsx: true } };
  return [
    { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
    {
      files: ['**/*.{js,jsx}'],
      languageOptions: { ecmaVersion: 'latest', sourceType: jsSourceType, parserOptions: jsx },
    },
    { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: jsx } },
    { files: ['**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs', parserOptions: jsx } },
    { files: ['**/*.{ts,mts,cts}'], languageOptions: { parser: tsParser, sourceType: 'module' } },
    { files: ['**/*.tsx'], languageOptions: { parser: tsParser, sourceType: 'module', parserOptions: jsx } },
  ];
}

/**
 * Lints one file, tolerating rule crashes: a rule that throws is switched off and the file linted again, so the
 * other rules still report. Returns `{ messages, crashes }`.
 */
async function lintFile(eslintFor, text, filePath) {
  const off = new Set();
  const crashes = [];
  for (;;) {
    try {
      const [result] = await eslintFor(off).lintText(text, { filePath, warnIgnored: true });
      return { messages: result?.messages ?? [], crashes };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const ruleId = error?.ruleId ?? /Rule: "([^"]+)"/u.exec(message)?.[1] ?? null;
      crashes.push({
        ruleId,
        line: Number(/Occurred while linting .*:(\d+)$/mu.exec(message)?.[1] ?? 0),
        message: message.split('\n')[0],
        stack: error?.stack ?? null,
      });
      if (ruleId === null || off.has(ruleId)) return { messages: [], crashes };
      off.add(ruleId);
    }
  }
}

/**
 * Lints one file. A .js/.jsx file parses as a module when it has `import`/`export` statements, else as CommonJS; when
 * that fails to parse, the other source type is tried (top-level `await`, `import.meta`), and the first parse error
 * stays when neither parses.
 */
async function lintJavaScriptOrTypeScript(eslintFor, text, filePath) {
  const guess = MODULE_SYNTAX.test(text) ? 'module' : 'commonjs';
  const first = await lintFile(eslintFor(guess), text, filePath);
  if (!/\.jsx?$/u.test(filePath) || !first.messages.some((message) => message.fatal)) return first;
  const other = await lintFile(eslintFor(guess === 'module' ? 'commonjs' : 'module'), text, filePath);
  return other.messages.some((message) => message.fatal) ? first : other;
}

function contextOf(lines, line) {
  const from = Math.max(1, line - CONTEXT_LINES);
  const to = Math.min(lines.length, line + CONTEXT_LINES);
  return { from, lines: lines.slice(from - 1, to) };
}

const kloc = (lines) => (lines / 1000).toFixed(1);

async function main() {
  const args = parseArgs(process.argv.slice(2), { repos: 'list', set: 'value', plugin: 'value', 'dry-run': 'flag' });
  const list = loadRepos();
  const picked = pickRepos(list, { names: args.repos, set: args.set });
  if (args['dry-run']) {
    dryRun(list, picked);
    return;
  }
  const repos = picked.map((repo) => {
    const dir = repoCheckout(repo);
    return { repo, dir, files: repoFiles(dir, repo, list.defaults) };
  });
  const plugin = await loadBuiltPlugin(args.plugin);
  const { membership, skipped } = ruleSets(plugin);
  const ruleIds = [...membership.keys()];
  if (ruleIds.length === 0) throw new Error('No rule to run (every rule needs type information).');
  const rules = Object.fromEntries(ruleIds.map((ruleId) => [ruleId, 'warn']));

  const instances = new Map();
  const eslintFor = (jsSourceType) => (off) => {
    const key = `${jsSourceType}:${[...off].sort().join(',')}`;
    if (!instances.has(key)) {
      instances.set(
        key,
        new ESLint({
          cwd: reposRoot,
          overrideConfigFile: true,
          overrideConfig: [
            ...languageConfigs(jsSourceType),
            { files: ['**/*'], plugins: { [NAMESPACE]: plugin }, rules },
          ],
          ruleFilter: ({ ruleId }) => !off.has(ruleId),
        }),
      );
    }
    return instances.get(key);
  };

  const findings = [];
  const failures = [];
  const perRepo = [];
  let otherMessages = 0;
  const started = performance.now();
  for (const { repo, dir, files } of repos) {
    const repoStarted = performance.now();
    const row = { repo, files: files.length, prod: 0, test: 0, parse: 0, crashes: 0 };
    for (const path of files) {
      const filePath = join(dir, path);
      const text = readFileSync(filePath, 'utf8');
      const test = isTestFile(path, repo, list.defaults);
      const lineCount = countLines(text);
      if (test) row.test += lineCount;
      else row.prod += lineCount;
      const { messages, crashes } = await lintJavaScriptOrTypeScript(eslintFor, text, filePath);
      for (const crash of crashes) {
        row.crashes += 1;
        failures.push({ kind: 'crash', repo: repo.name, set: repo.set, file: path, test, ...crash });
      }
      let lines;
      for (const message of messages) {
        if (message.fatal) {
          row.parse += 1;
          failures.push({
            kind: /File ignored/u.test(message.message) ? 'ignored' : 'parse',
            repo: repo.name,
            set: repo.set,
            file: path,
            test,
            line: message.line,
            column: message.column,
            message: message.message,
          });
        } else if (message.ruleId && membership.has(message.ruleId)) {
          lines ??= text.split('\n');
          findings.push({
            repo: repo.name,
            set: repo.set,
            file: path,
            line: message.line,
            column: message.column,
            endLine: message.endLine,
            endColumn: message.endColumn,
            rule: message.ruleId.slice(NAMESPACE.length + 1),
            message: message.message,
            configs: membership.get(message.ruleId),
            test,
            context: contextOf(lines, message.line),
          });
        } else {
          otherMessages += 1;
        }
      }
    }
    row.ms = performance.now() - repoStarted;
    perRepo.push(row);
    console.error(`${repo.name}: ${files.length} files, ${(row.ms / 1000).toFixed(1)} s`);
  }
  const elapsed = performance.now() - started;

  writeFileSync(findingsFile, findings.map((finding) => `${JSON.stringify(finding)}\n`).join(''));
  writeFileSync(failuresFile, failures.map((failure) => `${JSON.stringify(failure)}\n`).join(''));
  report({ plugin, ruleIds, membership, skipped, perRepo, findings, failures, otherMessages, elapsed });
  if (failures.some((failure) => failure.kind === 'crash' || failure.kind === 'ignored')) process.exitCode = 1;
}

/** `--dry-run`: the files and lines each picked repository would have linted; throws when one is not extracted. */
function dryRun(list, repos) {
  const measured = repos.map((repo) => ({ repo, size: measureRepo(repoCheckout(repo), repo, list.defaults) }));
  const { header, rows, total } = sizeTable(measured);
  console.log(textTable(header, rows));
  console.log(
    `\nDry run: would lint ${total.files} files (${total.testFiles} test) in ${measured.length} repositories of ` +
      `${[...new Set(repos.map((repo) => repo.set))].join(', ')}; nothing linted, nothing written.`,
  );
}

/** `prod/test` counts of the findings of `config` among `items`. */
function split(items, config) {
  const of = items.filter((finding) => finding.configs.includes(config));
  const test = of.filter((finding) => finding.test).length;
  return `${of.length - test}/${test}`;
}

function report({ plugin, ruleIds, membership, skipped, perRepo, findings, failures, otherMessages, elapsed }) {
  const sum = (key) => perRepo.reduce((total, row) => total + row[key], 0);
  console.log(
    `${plugin.meta?.name ?? NAMESPACE}@${plugin.meta?.version ?? '?'}: ${ruleIds.length} rule(s) over ${perRepo.length} repositories, ` +
      `${sum('files')} files, ${kloc(sum('prod'))} kLOC production + ${kloc(sum('test'))} kLOC test, in ${(elapsed / 1000).toFixed(1)} s (untyped).`,
  );
  if (skipped.length > 0) console.log(`Skipped (need type information): ${skipped.join(', ')}.`);

  console.log('\nPer repository (findings as production/test):');
  const repoRows = perRepo.map((row) => {
    const ofRepo = findings.filter((finding) => finding.repo === row.repo.name);
    return [
      row.repo.name,
      row.repo.set,
      row.repo.kind,
      row.files,
      kloc(row.prod),
      kloc(row.test),
      ...CONFIGS.map((config) => split(ofRepo, config)),
      row.parse,
      row.crashes,
      (row.ms / 1000).toFixed(1),
    ];
  });
  repoRows.push([
    'total',
    '',
    '',
    sum('files'),
    kloc(sum('prod')),
    kloc(sum('test')),
    ...CONFIGS.map((config) => split(findings, config)),
    sum('parse'),
    sum('crashes'),
    (elapsed / 1000).toFixed(1),
  ]);
  console.log(
    textTable(
      [
        'repository',
        'set',
        'kind',
        'files',
        'prod kLOC',
        'test kLOC',
        ...CONFIGS,
        'parse failures',
        'crashes',
        'seconds',
      ],
      repoRows,
    ),
  );

  console.log('\nPer rule:');
  const crashes = failures.filter((failure) => failure.kind === 'crash');
  console.log(
    textTable(
      ['rule', 'configs', 'production', 'test', 'repositories', 'crashes'],
      ruleIds.map((ruleId) => {
        const ofRule = findings.filter((finding) => `${NAMESPACE}/${finding.rule}` === ruleId);
        const test = ofRule.filter((finding) => finding.test).length;
        return [
          ruleId.slice(NAMESPACE.length + 1),
          membership.get(ruleId).join(','),
          ofRule.length - test,
          test,
          new Set(ofRule.map((finding) => finding.repo)).size,
          crashes.filter((crash) => crash.ruleId === ruleId).length,
        ];
      }),
    ),
  );

  console.log('\nPer config:');
  const sets = [...new Set(perRepo.map((row) => row.repo.set))];
  const configRows = (set, of) =>
    CONFIGS.map((config) => {
      const ofConfig = of.filter((finding) => finding.configs.includes(config));
      const test = ofConfig.filter((finding) => finding.test).length;
      return [config, set, ofConfig.length - test, test, ofConfig.length];
    });
  console.log(
    textTable(
      ['config', 'set', 'production', 'test', 'total'],
      [
        ...sets.flatMap((set) =>
          configRows(
            set,
            findings.filter((finding) => finding.set === set),
          ),
        ),
        ...(sets.length > 1 ? configRows('all', findings) : []),
      ],
    ),
  );

  const parseFailures = failures.filter((failure) => failure.kind === 'parse');
  console.log(`\nParse failures: ${parseFailures.length}`);
  for (const failure of parseFailures.slice(0, 30))
    console.log(`  ${failure.repo}/${failure.file}:${failure.line}:${failure.column}  ${failure.message}`);
  if (parseFailures.length > 30) console.log(`  ... ${parseFailures.length - 30} more`);
  console.log(`Rule crashes: ${crashes.length}`);
  for (const crash of crashes) console.log(`  ${crash.repo}/${crash.file}:${crash.line}  ${crash.message}`);
  const ignored = failures.filter((failure) => failure.kind === 'ignored');
  if (ignored.length > 0) console.log(`Files ESLint ignored (a config bug in this script): ${ignored.length}`);
  if (otherMessages > 0) console.log(`Other messages dropped (not from ${NAMESPACE} rules): ${otherMessages}`);
  console.log(
    `\nWrote ${findings.length} finding(s) to ${relative(process.cwd(), findingsFile)} and ${failures.length} failure(s) to ${relative(process.cwd(), failuresFile)}.`,
  );
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
