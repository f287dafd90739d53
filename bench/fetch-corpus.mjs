#!/usr/bin/env node
// Downloads the pinned corpus (bench/corpus.json) into bench/.cache and prints what the globs select.
//
//   node bench/fetch-corpus.mjs [--packages knex,typeorm] [--corpus crash-corpus.json]
//
// --corpus names another list than bench/corpus.json (relative to bench/): `--corpus crash-corpus.json` fetches the
// extra packages of the crash sweep (bench/crash-sweep.mjs) into the same bench/.cache/corpus.
//
// Idempotent: a tarball already in bench/.cache/tarballs is not fetched again, and a package folder whose
// marker names the pinned version is not extracted again. Every tarball is checked against the pinned
// `integrity` before it is extracted.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import {
  corpusRoot,
  countLines,
  loadCorpus,
  markerFile,
  packageDirName,
  parseArgs,
  pickPackages,
  selectFiles,
  tarballDir,
} from './corpus-lib.mjs';

function run(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed:\n${error.stderr || error.message}`, { cause: error });
  }
}

/** The file name `npm pack` gives a tarball: `@scope/name` → `scope-name-1.0.0.tgz`. */
function tarballName(pkg) {
  return `${pkg.name.replace(/^@/u, '').replace('/', '-')}-${pkg.version}.tgz`;
}

function integrityOf(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

function fetchTarball(pkg) {
  const file = join(tarballDir, tarballName(pkg));
  if (existsSync(file) && integrityOf(file) === pkg.integrity) return { file, fetched: false };
  rmSync(file, { force: true });
  const [packed] = JSON.parse(
    run('npm', ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', tarballDir, '--json']),
  );
  const packedFile = join(tarballDir, packed.filename);
  if (packedFile !== file) throw new Error(`npm pack wrote ${packed.filename}, expected ${tarballName(pkg)}.`);
  const actual = integrityOf(file);
  if (actual !== pkg.integrity) {
    rmSync(file, { force: true });
    throw new Error(`${pkg.name}@${pkg.version}: integrity ${actual} does not match the pinned ${pkg.integrity}.`);
  }
  return { file, fetched: true };
}

function extract(pkg, tarball) {
  const dir = join(corpusRoot, packageDirName(pkg.name));
  const marker = join(dir, markerFile);
  const wanted = `${pkg.name}@${pkg.version}\n`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return { dir, extracted: false };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Every npm tarball has a single top folder (usually `package/`); strip it.
  run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
  writeFileSync(marker, wanted);
  return { dir, extracted: true };
}

function main() {
  const args = parseArgs(process.argv.slice(2), { packages: 'list', corpus: 'value' });
  const corpus = loadCorpus(args.corpus);
  const packages = pickPackages(corpus, args.packages);
  mkdirSync(tarballDir, { recursive: true });
  mkdirSync(corpusRoot, { recursive: true });

  const rows = [];
  for (const pkg of packages) {
    const { file, fetched } = fetchTarball(pkg);
    const { dir, extracted } = extract(pkg, file);
    const files = selectFiles(dir, pkg, corpus.defaults);
    if (files.length === 0) throw new Error(`${pkg.name}@${pkg.version}: the globs select no files.`);
    let lines = 0;
    let bytes = 0;
    for (const path of files) {
      const text = readFileSync(join(dir, path), 'utf8');
      lines += countLines(text);
      bytes += Buffer.byteLength(text);
    }
    const state = fetched ? 'fetched' : extracted ? 'extracted' : 'cached';
    rows.push({ name: `${pkg.name}@${pkg.version}`, state, files: files.length, lines, bytes });
  }

  const total = rows.reduce(
    (sum, row) => ({ files: sum.files + row.files, lines: sum.lines + row.lines, bytes: sum.bytes + row.bytes }),
    { files: 0, lines: 0, bytes: 0 },
  );
  const width = Math.max(...rows.map((row) => row.name.length), 'total'.length);
  const line = (name, state, files, lines, bytes) =>
    `${name.padEnd(width)}  ${state.padEnd(9)}  ${String(files).padStart(6)}  ${String(lines).padStart(8)}  ${bytes.padStart(8)}`;
  console.log(line('package', 'state', 'files', 'lines', 'KiB'));
  for (const row of rows) console.log(line(row.name, row.state, row.files, row.lines, (row.bytes / 1024).toFixed(0)));
  console.log(line('total', '', total.files, total.lines, (total.bytes / 1024).toFixed(0)));
  console.log(`\nCorpus in ${relative(process.cwd(), corpusRoot) || '.'}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
