#!/usr/bin/env node
// Extracts the pinned git repositories of the repository sweep (bench/repos.json) into bench/.cache/repos/<name>/ and
// prints what the globs select, production and test code apart.
//
//   npm run repos -- [--set heldout-7] [--repos uptime-kuma,outline]
//
// `--set NAME` extracts one set of bench/repos.json (tuning-1, heldout-2, heldout-3, heldout-4, heldout-5, heldout-6, heldout-7; default:
// every set), `--repos` names repositories (of that set, when one is given).
//
// A repository comes from its local mirror (the bare git directory $CLEANUP_REPO_MIRRORS/<owner>+<name>/repo,
// /work/.mirror by default) when that mirror holds the pinned commit, else from GitHub ($CLEANUP_REPO_REMOTE replaces
// https://github.com) with `git clone --filter=blob:none` and a checkout of the commit. From a mirror, only the source
// files and package.json files are written. Idempotent: a folder whose marker names the pinned commit is not
// extracted again.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

import { parseArgs, textTable } from './corpus-lib.mjs';
import { loadRepos, measureRepo, pickRepos, repoMarker, reposRoot, sizeTable } from './repos-lib.mjs';

/** Lists the files that the mirror snapshot lacked (too large for it), one a line. */
const missingFile = '.repo-missing';
const mirrorRoot = process.env.CLEANUP_REPO_MIRRORS ?? '/work/.mirror';
/** Where clones come from when there is no mirror: `<remote>/<owner>/<name>.git`. */
const remote = process.env.CLEANUP_REPO_REMOTE ?? 'https://github.com';

function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  } catch (error) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed:\n${error.stderr || error.message}`, { cause: error });
  }
}

/** The local bare mirror of `owner/name` when it holds `commit`, else null. */
function mirrorWith(repo) {
  const gitDir = join(mirrorRoot, repo.repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) return null;
  try {
    run('git', ['--git-dir', gitDir, 'cat-file', '-e', `${repo.commit}^{commit}`]);
    return gitDir;
  } catch {
    return null;
  }
}

const SOURCE_OR_MANIFEST = /(?:\.(?:[cm]?[jt]s|[jt]sx)|(?:^|\/)package\.json)$/u;

/**
 * Writes the source files and package.json files of `commit` from the bare `gitDir` into `dir`, blob by blob. A
 * mirror snapshot lacks its largest blobs (4 MiB and more: bundles, generated files), so `git archive` of the whole
 * tree can fail; those blobs are skipped and their paths returned.
 */
function extractFromMirror(gitDir, commit, dir) {
  const entries = run('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { maxBuffer: 2 ** 30 })
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, type, oid] = meta.split(' ');
      return { mode, type, oid, path };
    })
    .filter((entry) => entry.type === 'blob' && entry.mode !== '120000' && SOURCE_OR_MANIFEST.test(entry.path));
  const output = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: entries.map((entry) => `${entry.oid}\n`).join(''),
    maxBuffer: 2 ** 31,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const missing = [];
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = output.indexOf(10, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    offset = headerEnd + 1;
    if (header.endsWith(' missing')) {
      missing.push(entry.path);
      continue;
    }
    const size = Number(header.split(' ')[2]);
    const target = join(dir, entry.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.subarray(offset, offset + size));
    offset += size + 1;
  }
  return missing;
}

/** Writes the tree of `repo.commit` into `dir` (empty), from the mirror or from GitHub. */
function checkout(repo, dir) {
  const gitDir = mirrorWith(repo);
  if (gitDir) return { state: 'mirror', missing: extractFromMirror(gitDir, repo.commit, dir) };
  run('git', ['clone', '--quiet', '--filter=blob:none', '--no-checkout', `${remote}/${repo.repo}.git`, dir]);
  run('git', ['-C', dir, 'checkout', '--quiet', repo.commit]);
  rmSync(join(dir, '.git'), { recursive: true, force: true });
  return { state: 'clone', missing: [] };
}

function extract(repo) {
  const dir = join(reposRoot, repo.name);
  const marker = join(dir, repoMarker);
  const wanted = `${repo.repo}@${repo.commit}\n`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return { dir, state: 'cached' };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { state, missing } = checkout(repo, dir);
  if (missing.length > 0) writeFileSync(join(dir, missingFile), missing.map((path) => `${path}\n`).join(''));
  writeFileSync(marker, wanted);
  return { dir, state };
}

function main() {
  const args = parseArgs(process.argv.slice(2), { repos: 'list', set: 'value' });
  const config = loadRepos();
  const repos = pickRepos(config, { names: args.repos, set: args.set });
  mkdirSync(reposRoot, { recursive: true });

  const measured = repos.map((repo) => {
    const { dir, state } = extract(repo);
    const size = measureRepo(dir, repo, config.defaults);
    if (size.files.length === 0) throw new Error(`${repo.name}: the globs select no files.`);
    return { repo, size, extra: [state] };
  });
  const { header, rows, total } = sizeTable(measured, ['state']);
  console.log(textTable(header, rows));
  console.log(
    `\n${((total.prod + total.test) / 1000).toFixed(1)} kLOC (${((total.prodNonBlank + total.testNonBlank) / 1000).toFixed(1)} ` +
      `non-blank) in ${relative(process.cwd(), reposRoot) || '.'}`,
  );
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
