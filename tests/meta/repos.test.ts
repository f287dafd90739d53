/**
 * The repository sweep's list (bench/repos.json) and its set option (issue 16, "Make the sweep real"): every entry is
 * pinned and belongs to one set, no repository is in two sets or also in the npm corpora, the held-out set is as large
 * as the issue asks, and `--set` / `--repos` pick what they name. Reads only the list, never a checkout or a finding.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { countNonBlankLines, loadRepos, measureRepo, pickRepos, repoSets } from '../../bench/repos-lib.mjs';
import type { RepoEntry, RepoList } from '../../bench/repos-lib.mjs';

const list = loadRepos();

function entry(name: string, set: string): RepoEntry {
  return { name, repo: `owner/${name}`, commit: '0'.repeat(40), set, kind: 'library', include: ['**/*.js'] };
}

const small: RepoList = {
  $comment: [],
  defaults: {},
  repos: [entry('a', 'tuning-1'), entry('b', 'heldout-2'), entry('c', 'heldout-2')],
};

describe('bench/repos.json', () => {
  it('pins every repository at a full commit, in one of the seven sets, under a unique name', () => {
    expect(repoSets(list)).toEqual([
      'tuning-1',
      'heldout-2',
      'heldout-3',
      'heldout-4',
      'heldout-5',
      'heldout-6',
      'heldout-7',
    ]);
    for (const repo of list.repos) {
      expect(repo.commit, repo.name).toMatch(/^[0-9a-f]{40}$/u);
      expect(['application', 'frontend', 'library'], repo.name).toContain(repo.kind);
    }
    expect(new Set(list.repos.map((repo) => repo.name)).size).toBe(list.repos.length);
    expect(new Set(list.repos.map((repo) => repo.repo.toLowerCase())).size).toBe(list.repos.length);
  });

  it('holds the held-out set the issue asks for: at least 22 repositories, 10 of them applications or frontends', () => {
    const heldOut = pickRepos(list, { set: 'heldout-7' });
    expect(heldOut.length).toBeGreaterThanOrEqual(22);
    expect(heldOut.filter((repo) => repo.kind !== 'library').length).toBeGreaterThanOrEqual(10);
  });

  it('shares no repository with the npm corpora', () => {
    const packages = new Set(
      ['corpus.json', 'crash-corpus.json'].flatMap((file) =>
        (
          JSON.parse(readFileSync(new URL(`../../bench/${file}`, import.meta.url), 'utf8')) as {
            packages: { name: string }[];
          }
        ).packages.map((pkg) => pkg.name.toLowerCase()),
      ),
    );
    const clashes = list.repos.filter((repo) => packages.has(repo.repo.split('/')[1]?.toLowerCase() ?? ''));
    expect(clashes.map((repo) => repo.name)).toEqual([]);
  });

  it('keeps the held-out set apart from the recall corpus (only the repository names of bench/recall.json)', () => {
    const recall = JSON.parse(readFileSync(new URL('../../bench/recall.json', import.meta.url), 'utf8')) as {
      commits: { repo: string }[];
    };
    const recallRepos = new Set(recall.commits.map((commit) => commit.repo.toLowerCase()));
    expect(recallRepos.size).toBeGreaterThan(0);
    const clashes = pickRepos(list, { set: 'heldout-7' }).filter((repo) => recallRepos.has(repo.repo.toLowerCase()));
    expect(clashes.map((repo) => repo.name)).toEqual([]);
  });
});

describe('pickRepos', () => {
  it('picks every set when no set is named', () => {
    expect(pickRepos(small).map((repo) => repo.name)).toEqual(['a', 'b', 'c']);
  });

  it('picks one set, and names within it', () => {
    expect(pickRepos(small, { set: 'heldout-2' }).map((repo) => repo.name)).toEqual(['b', 'c']);
    expect(pickRepos(small, { set: 'heldout-2', names: ['c'] }).map((repo) => repo.name)).toEqual(['c']);
  });

  it('refuses an unknown set, a name outside the set, and an entry without a set', () => {
    expect(() => pickRepos(small, { set: 'heldout-3' })).toThrow('Unknown set heldout-3. Known: tuning-1, heldout-2.');
    expect(() => pickRepos(small, { set: 'tuning-1', names: ['b'] })).toThrow(
      'Unknown repositories in set tuning-1: b. Known: a.',
    );
    const unset = { ...small, repos: [{ ...entry('d', 'tuning-1'), set: '' }] };
    expect(() => pickRepos(unset)).toThrow('d: no `set` in repos.json.');
  });
});

describe('measureRepo', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cleanup-repos-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the selected files and their lines, production and test code apart', () => {
    mkdirSync(path.join(dir, 'lib'));
    mkdirSync(path.join(dir, 'test'));
    writeFileSync(path.join(dir, 'lib', 'a.js'), 'const a = 1;\n\n  \nexport { a };\n');
    writeFileSync(path.join(dir, 'test', 'a.js'), 'test();\n');
    writeFileSync(path.join(dir, 'lib', 'b.min.js'), 'x();\n');
    const size = measureRepo(dir, entry('a', 'tuning-1'), { exclude: ['**/*.min.js'], test: ['test/**'] });
    expect(size).toEqual({
      files: ['lib/a.js', 'test/a.js'],
      testFiles: 1,
      prod: 4,
      test: 1,
      prodNonBlank: 2,
      testNonBlank: 1,
    });
    expect(countNonBlankLines('')).toBe(0);
  });
});
