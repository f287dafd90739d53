// Types of repos-lib.mjs, for the TypeScript tests that import it (tests/meta/repos.test.ts).

export interface RepoEntry {
  name: string;
  repo: string;
  commit: string;
  set: string;
  kind: 'application' | 'frontend' | 'library';
  include: string[];
  exclude?: string[];
  test?: string[];
  notes?: string;
}

export interface RepoList {
  $comment: string[];
  defaults: { exclude?: string[]; test?: string[] };
  repos: RepoEntry[];
}

export interface RepoSize {
  files: string[];
  testFiles: number;
  prod: number;
  test: number;
  prodNonBlank: number;
  testNonBlank: number;
}

export const reposRoot: string;
export const repoMarker: string;
export function loadRepos(file?: string): RepoList;
export function repoSets(config: RepoList): string[];
export function pickRepos(config: RepoList, pick?: { names?: string[]; set?: string }): RepoEntry[];
export function repoFiles(dir: string, repo: RepoEntry, defaults: RepoList['defaults']): string[];
export function isTestFile(path: string, repo: RepoEntry, defaults: RepoList['defaults']): boolean;
export function repoCheckout(repo: RepoEntry): string;
export function countNonBlankLines(text: string): number;
export function measureRepo(dir: string, repo: RepoEntry, defaults: RepoList['defaults']): RepoSize;
export function sizeTable(
  measured: { repo: RepoEntry; size: RepoSize; extra?: (string | number)[] }[],
  extraHeader?: string[],
): { header: string[]; rows: (string | number)[][]; total: Omit<RepoSize, 'files'> & { files: number } };
