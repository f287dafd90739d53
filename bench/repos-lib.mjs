// Shared by fetch-repos.mjs and repo-sweep.mjs: the repository list (bench/repos.json), where its checkouts live, which
// of their files we lint and which of those are test code. Plain Node ESM, no dependencies; the glob matching and the
// file walk are corpus-lib.mjs's.

import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { benchDir, cacheDir, globToRegExp, selectFiles } from './corpus-lib.mjs';

export const reposRoot = join(cacheDir, 'repos');
/** Written into every extracted repository folder; holds `owner/name@commit` of what was extracted. */
export const repoMarker = '.repo-commit';

export function loadRepos(file = 'repos.json') {
  return JSON.parse(readFileSync(join(benchDir, file), 'utf8'));
}

/** Repositories named in a `--repos a,b` list, in list order; throws on unknown names. */
export function pickRepos(config, names) {
  if (!names) return config.repos;
  const unknown = names.filter((name) => !config.repos.some((repo) => repo.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown repositories: ${unknown.join(', ')}. Known: ${config.repos.map((repo) => repo.name).join(', ')}.`,
    );
  }
  return config.repos.filter((repo) => names.includes(repo.name));
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
      `${repo.repo}@${repo.commit.slice(0, 12)} is not in ${relative(process.cwd(), reposRoot)}: run \`npm run repos\`.`,
    );
  }
  return dir;
}
