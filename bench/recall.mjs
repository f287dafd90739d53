#!/usr/bin/env node
// Recall on real leak fixes (issues 14 and 18): for every commit of bench/recall.json, lints the leaking file before
// and after the fix with the BUILT plugin, in the `recommended` and `strict` configs, and reports whether the leak is
// caught (the before version has a finding of the expected rule in or near the leaking function) and whether the fix
// silences it (the after version has no finding of that rule in that function).
//
//   npm run build && npm run recall -- [--plugin dist/index.js] [--mirrors /work/.mirror] [--only id,id] [--markdown]
//
// The corpus holds metadata only: repository, fix commit, parent, path and function. The files come from local git
// mirrors (`<mirrors>/<owner>+<name>/repo`, a bare clone with history, read with `git show <commit>:<path>`) and are
// kept in bench/.cache/recall, so a second run needs no mirror. A missing file is listed with the repositories to
// fetch, and the run goes on without that commit.
//
// The lint is untyped, with @typescript-eslint/parser for every file (JS included; JSX on for .jsx/.tsx), as a module
// (as a script when module parsing fails). A finding counts for the leak when it is of the expected rule and its line
// lies within the leaking function, `NEAR` lines either side (the function is found by name in each version; with
// several of that name, the one around the recorded line, or the first). Writes bench/.cache/recall/results.json.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import { benchDir, cacheDir, loadBuiltPlugin, parseArgs, textTable } from './corpus-lib.mjs';

const CONFIGS = ['recommended', 'strict'];
const NEAR = 2;
const recallCache = join(cacheDir, 'recall');

const args = parseArgs(process.argv.slice(2), { plugin: 'value', mirrors: 'value', only: 'list', markdown: 'flag' });
const mirrors = args.mirrors ?? '/work/.mirror';
const corpus = JSON.parse(readFileSync(join(benchDir, 'recall.json'), 'utf8'));
const commits = args.only ? corpus.commits.filter((entry) => args.only.includes(entry.id)) : corpus.commits;
const plugin = await loadBuiltPlugin(args.plugin);

/** The text of `path` at `commit`, from the cache or the repository's mirror; `undefined` when neither has it. */
function fileAt(entry, side, commit) {
  const cached = join(recallCache, entry.id, side, entry.path);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const gitDir = join(mirrors, entry.repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) return undefined;
  try {
    const text = execFileSync('git', ['-C', gitDir, 'show', `${commit}:${entry.path}`], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    mkdirSync(dirname(cached), { recursive: true });
    writeFileSync(cached, text);
    return text;
  } catch {
    return undefined;
  }
}

function parserOptions(path, sourceType) {
  return { ecmaVersion: 'latest', sourceType, ecmaFeatures: { jsx: /\.[jt]sx$/u.test(path) }, range: true, loc: true };
}

/** The AST of `text`, as a module or else as a script, with the source type that worked. */
function parseFile(path, text) {
  for (const sourceType of ['module', 'script']) {
    try {
      return { ast: tsParser.parse(text, parserOptions(path, sourceType)), sourceType };
    } catch {
      // try the next source type
    }
  }
  return undefined;
}

/** The name a function is known by: its own, or that of the method, property, variable or member it is assigned to. */
function functionName(node, parent) {
  if (node.id?.name) return node.id.name;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'MethodDefinition':
    case 'Property':
    case 'PropertyDefinition':
      return parent.key.name ?? parent.key.value;
    case 'VariableDeclarator':
      return parent.id.name;
    case 'AssignmentExpression':
      return parent.left.type === 'MemberExpression' ? parent.left.property.name : parent.left.name;
    default:
      return undefined;
  }
}

/** The line ranges of the functions called `name` (of every function when `name` is `null`), in source order. */
function functionsNamed(ast, name) {
  const found = [];
  const visit = (node, parent) => {
    if (
      /Function(?:Declaration|Expression)$/u.test(node.type) &&
      (name === null || functionName(node, parent) === name)
    ) {
      found.push({ start: node.loc.start.line, end: node.loc.end.line });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child.type === 'string') visit(child, node);
      }
    }
  };
  visit(ast, undefined);
  return found;
}

/**
 * The range of the leaking function: the innermost function called `name` (any function, when `name` is `null`: an
 * anonymous callback) around `line`, or else the first one of that name; the whole file if there is none.
 */
function leakRange(ast, name, line, lineCount) {
  const candidates = functionsNamed(ast, name);
  const around = candidates
    .filter((range) => range.start <= line && line <= range.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
  const chosen = around[0] ?? (name === null ? undefined : candidates[0]);
  return chosen ?? { start: 1, end: lineCount, whole: true };
}

const linter = new Linter({ configType: 'flat' });

/** The findings of the plugin's rules in one config, as `{ rule, line, message }`; `fatal` on a parse error. */
function lint(path, text, config, sourceType) {
  let messages;
  try {
    messages = linter.verify(
      text,
      [
        {
          files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
          languageOptions: { parser: tsParser, sourceType, parserOptions: parserOptions(path, sourceType) },
          linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
          plugins: { cleanup: plugin },
          rules: plugin.configs[config].rules,
        },
      ],
      { filename: path },
    );
  } catch (error) {
    return { fatal: `a rule crashed: ${error.message}`, findings: [] };
  }
  // A parse error, or a file no config matched: either would silently read as "no finding". (Other messages without a
  // rule are the notes that the file's own `eslint-disable` comments are ignored.)
  const fatal = messages.find(
    (message) =>
      message.fatal === true || (message.ruleId === null && /^No matching configuration/u.test(message.message)),
  );
  if (fatal) return { fatal: fatal.message, findings: [] };
  return {
    findings: messages
      .filter((message) => message.ruleId !== null)
      .map((message) => ({ rule: message.ruleId, line: message.line, message: message.message })),
  };
}

function inRange(finding, range) {
  return finding.line >= range.start - NEAR && finding.line <= range.end + NEAR;
}

const missing = new Map();
const results = [];
for (const entry of commits) {
  const before = fileAt(entry, 'before', entry.parent);
  const after = fileAt(entry, 'after', entry.fix);
  if (before === undefined || after === undefined) {
    missing.set(entry.repo, [...(missing.get(entry.repo) ?? []), entry.id]);
    continue;
  }
  const parsedBefore = parseFile(entry.path, before);
  const parsedAfter = parseFile(entry.path, after);
  if (!parsedBefore || !parsedAfter) {
    results.push({ ...entry, error: 'does not parse' });
    continue;
  }
  const beforeRange = leakRange(parsedBefore.ast, entry.function, entry.line, before.split('\n').length);
  const afterLine = entry.afterLine ?? entry.line;
  const afterRange = leakRange(parsedAfter.ast, entry.function, afterLine, after.split('\n').length);
  const rule = `cleanup/${entry.expectedRule}`;
  const verdicts = {};
  for (const config of CONFIGS) {
    const lintedBefore = lint(entry.path, before, config, parsedBefore.sourceType);
    const lintedAfter = lint(entry.path, after, config, parsedAfter.sourceType);
    const near = lintedBefore.findings.filter((finding) => inRange(finding, beforeRange));
    const caught = near.filter((finding) => finding.rule === rule);
    const remaining = lintedAfter.findings.filter((finding) => finding.rule === rule && inRange(finding, afterRange));
    verdicts[config] = {
      ruleOn: plugin.configs[config].rules[rule] !== undefined && plugin.configs[config].rules[rule] !== 'off',
      caught: caught.length > 0,
      afterClean: caught.length > 0 ? remaining.length === 0 : null,
      findings: caught,
      otherFindings: near.filter((finding) => finding.rule !== rule),
      afterFindings: remaining,
      fatal: lintedBefore.fatal ?? lintedAfter.fatal,
    };
  }
  results.push({ ...entry, beforeRange, afterRange, verdicts });
}

mkdirSync(recallCache, { recursive: true });
writeFileSync(join(recallCache, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const mark = (value) => (value === null ? '–' : value ? 'yes' : 'no');
const caughtMark = (verdict) => (verdict.fatal ? 'error' : verdict.ruleOn ? mark(verdict.caught) : 'off');
const rows = results.map((result) => [
  result.id,
  result.repo,
  result.fix.slice(0, 10),
  result.family,
  result.lintable ? 'yes' : 'no',
  result.expectedRule,
  ...(result.error
    ? [result.error, '', '', '']
    : [
        caughtMark(result.verdicts.recommended),
        caughtMark(result.verdicts.strict),
        mark(result.verdicts.recommended.afterClean),
        mark(result.verdicts.strict.afterClean),
      ]),
]);
const header = [
  'id',
  'repository',
  'fix',
  'family',
  'lintable',
  'expected rule',
  'caught rec.',
  'caught strict',
  'clean rec.',
  'clean strict',
];
if (args.markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => ' --- ').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
} else {
  console.log(textTable(header, rows));
}

const lintable = results.filter((result) => result.lintable && !result.error);
for (const config of CONFIGS) {
  const caught = lintable.filter((result) => result.verdicts[config].caught);
  const clean = caught.filter((result) => result.verdicts[config].afterClean);
  const anyCaught = results.filter((result) => !result.error && result.verdicts[config].caught).length;
  console.log(
    `${config}: caught ${caught.length} of ${lintable.length} lintable (${anyCaught} of ${results.length} in all); ` +
      `after-clean ${clean.length} of ${caught.length} caught.`,
  );
}
for (const result of results) {
  if (result.error) continue;
  const { strict } = result.verdicts;
  const notes = [];
  if (strict.fatal) notes.push(`error: ${strict.fatal}`);
  if (result.beforeRange.whole || result.afterRange.whole) notes.push(`no function ${result.function}: whole file`);
  if (strict.otherFindings.length > 0) {
    notes.push(
      `other findings: ${strict.otherFindings.map((finding) => `${finding.rule}@${finding.line}`).join(', ')}`,
    );
  }
  if (strict.afterFindings.length > 0) {
    notes.push(
      `still in after: ${strict.afterFindings.map((finding) => `${finding.line}: ${finding.message}`).join(' ')}`,
    );
  }
  if (notes.length > 0) console.log(`  ${result.id}: ${notes.join('; ')}`);
}
if (missing.size > 0) {
  console.log(`\nMissing files. Fetch these repositories into ${mirrors}/<owner>+<name>/repo (with history):`);
  for (const [repo, ids] of missing) console.log(`  ${repo} (${ids.join(', ')})`);
  process.exitCode = 1;
}
