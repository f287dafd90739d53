// Shared by fetch-repos.mjs and repo-sweep.mjs: the repository list (bench/repos.json), where its checkouts live, which
// of their files we lint and which of those are test code. Plain Node ESM, no dependencies; the glob matching and the
// file walk are corpus-lib.mjs's.

import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { benchDir, cacheDir, countLines, globToRegExp, selectFiles } from './corpus-lib.mjs';

export const reposRoot = join(cacheDir, 'repos');
/** Written into every extracted repository folder; holds `owner/name@commit` of what was extracted. */
export const repoMarker = '.repo-commit';

export function loadRepos(file = 'repos.json') {
  return JSON.parse(readFileSync(join(benchDir, file), 'utf8'));
}

/** The sets of the list, in order of first appearance; throws on an entry without a `set`. */
export function repoSets(config) {
  const sets = [];
  for (const repo of config.repos) {
    if (typeof repo.set !== 'string' || repo.set === '') throw new Error(`${repo.name}: no \`set\` in repos.json.`);
    if (!sets.includes(repo.set)) sets.push(repo.set);
  }
  return sets;
}

/**
 * The repositories of the `--set NAME` (every set when absent) that a `--repos a,b` list names (all of the set when
 * absent), in list order; throws on an unknown set or name, and on a name outside the set.
 */
export function pickRepos(config, { names, set } = {}) {
  const sets = repoSets(config);
  if (set !== undefined && !sets.includes(set)) throw new Error(`Unknown set ${set}. Known: ${sets.join(', ')}.`);
  const inSet = set === undefined ? config.repos : config.repos.filter((repo) => repo.set === set);
  if (!names) return inSet;
  const unknown = names.filter((name) => !inSet.some((repo) => repo.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown repositories${set === undefined ? '' : ` in set ${set}`}: ${unknown.join(', ')}. ` +
        `Known: ${inSet.map((repo) => repo.name).join(', ')}.`,
    );
  }
  return inSet.filter((repo) => names.includes(repo.name));
}

/** The files of one checkout that its globs select (relative POSIX paths, sorted). */
export function repoFiles(dir, repo, defaults) {
  return selectFiles(dir, repo, defaults);
}

const testPatterns = new WeakMap();

/** Whether `path` (relative to the repository root) is test code: the default test globs or the repository's own. */
export function isTestFile(path, repo, defaults) {
  let patterns = testPatterns.get(repo);
  if (!patterns) {
    patterns = [...(defaults.test ?? []), ...(repo.test ?? [])].map(globToRegExp);
    testPatterns.set(repo, patterns);
  }
  return patterns.some((pattern) => pattern.test(path));
}

/** The checkout of `repo`, checked to be at its pinned commit (else: run `npm run repos`). */
export function repoCheckout(repo) {
  const dir = join(reposRoot, repo.name);
  const marker = join(dir, repoMarker);
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== `${repo.repo}@${repo.commit}\n`) {
    throw new Error(
      `${repo.repo}@${repo.commit.slice(0, 12)} is not in ${relative(process.cwd(), reposRoot)}: ` +
        `run \`npm run repos -- --set ${repo.set}\`, or pick the set you have with \`--set\`.`,
    );
  }
  return dir;
}

/** Lines that hold more than white space. */
export function countNonBlankLines(text) {
  let lines = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') lines += 1;
  return lines;
}

/**
 * What the globs select in one checkout, production and test code apart: `{ files, testFiles, prod, test,
 * prodNonBlank, testNonBlank }` (`files` are the selected paths; `prod`/`test` count lines as the sweep does, the
 * `NonBlank` fields only the lines that hold more than white space).
 */
export function measureRepo(dir, repo, defaults) {
  const files = repoFiles(dir, repo, defaults);
  const size = { files, testFiles: 0, prod: 0, test: 0, prodNonBlank: 0, testNonBlank: 0 };
  for (const path of files) {
    const text = readFileSync(join(dir, path), 'utf8');
    if (isTestFile(path, repo, defaults)) {
      size.testFiles += 1;
      size.test += countLines(text);
      size.testNonBlank += countNonBlankLines(text);
    } else {
      size.prod += countLines(text);
      size.prodNonBlank += countNonBlankLines(text);
    }
  }
  return size;
}

const SIZE_KEYS = ['testFiles', 'prod', 'test', 'prodNonBlank', 'testNonBlank'];

/**
 * A `textTable` of `measureRepo` results, one row per `{ repo, size, extra }` and a total row: name, set, kind, the
 * `extra` columns (named in `extraHeader`), files, test files, and the kLOC of production and test code, all lines and
 * non-blank lines. Returns `{ header, rows, total }`, `total` holding the summed counts.
 */
export function sizeTable(measured, extraHeader = []) {
  const kloc = (lines) => (lines / 1000).toFixed(1);
  const cells = (files, size) => [files, size.testFiles, ...SIZE_KEYS.slice(1).map((key) => kloc(size[key]))];
  const total = { files: 0, testFiles: 0, prod: 0, test: 0, prodNonBlank: 0, testNonBlank: 0 };
  const rows = measured.map(({ repo, size, extra = [] }) => {
    total.files += size.files.length;
    for (const key of SIZE_KEYS) total[key] += size[key];
    return [repo.name, repo.set, repo.kind, ...extra, ...cells(size.files.length, size)];
  });
  rows.push(['total', '', '', ...extraHeader.map(() => ''), ...cells(total.files, total)]);
  const header = [
    'repository',
    'set',
    'kind',
    ...extraHeader,
    'files',
    'test files',
    'prod kLOC',
    'test kLOC',
    'prod kLOC non-blank',
    'test kLOC non-blank',
  ];
  return { header, rows, total };
}
