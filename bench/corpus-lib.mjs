// Shared by fetch-corpus.mjs and sweep.mjs: where the corpus lives and which of its files we lint.
// Plain Node ESM, no dependencies. Node 20 has no stable fs.glob / path.matchesGlob (both print an
// ExperimentalWarning), so the selection is a small walker plus a glob-to-RegExp translation.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const cacheDir = join(benchDir, '.cache');
export const tarballDir = join(cacheDir, 'tarballs');
export const corpusRoot = join(cacheDir, 'corpus');
/** Written into every extracted package folder; holds `name@version` of what was extracted. */
export const markerFile = '.corpus-version';

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/u;

export function loadCorpus() {
  return JSON.parse(readFileSync(join(benchDir, 'corpus.json'), 'utf8'));
}

/** Packages named in a `--packages a,b` list, in corpus order; throws on unknown names. */
export function pickPackages(corpus, names) {
  if (!names) return corpus.packages;
  const wanted = new Set(names);
  const unknown = [...wanted].filter((name) => !corpus.packages.some((pkg) => pkg.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown corpus package(s): ${unknown.join(', ')}. Known: ${corpus.packages.map((pkg) => pkg.name).join(', ')}.`);
  }
  return corpus.packages.filter((pkg) => wanted.has(pkg.name));
}

/** Folder name of a package inside the corpus root (`@scope/name` → `@scope__name`). */
export function packageDirName(name) {
  return name.replace('/', '__');
}

/**
 * Translates a glob into an anchored RegExp over POSIX relative paths.
 * `**` matches across folders (and `**\/` also matches nothing), `*` and `?` stay inside one segment,
 * `{a,b}` alternates (not nested).
 */
export function globToRegExp(glob) {
  let source = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index];
    if (char === '*') {
      if (glob[index + 1] === '*') {
        index += 1;
        if (glob[index + 1] === '/') {
          index += 1;
          source += '(?:.*/)?';
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      const close = glob.indexOf('}', index);
      if (close === -1) throw new Error(`Unclosed "{" in glob ${JSON.stringify(glob)}.`);
      const alternatives = glob.slice(index + 1, close).split(',');
      source += `(?:${alternatives.map((alternative) => globToRegExp(alternative).source.slice(1, -1)).join('|')})`;
      index = close;
    } else {
      source += char.replace(/[.+^$()|[\]\\]/u, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

function walk(root, relative, out) {
  for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') walk(root, path, out);
    } else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

/** Relative POSIX paths (sorted) of the files of one extracted package that the corpus globs select. */
export function selectFiles(packageDir, pkg, defaults = {}) {
  const include = pkg.include.map(globToRegExp);
  const exclude = [...(defaults.exclude ?? []), ...(pkg.exclude ?? [])].map(globToRegExp);
  return walk(packageDir, '', [])
    .filter((path) => include.some((re) => re.test(path)) && !exclude.some((re) => re.test(path)))
    .sort();
}

export function countLines(text) {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines += 1;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Parses `--name value`, `--name=value` and bare `--flag` arguments. */
export function parseArgs(argv, known) {
  const args = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    const match = /^--([\w-]+)(?:=(.*))?$/u.exec(arg);
    if (!match || !(match[1] in known)) {
      throw new Error(`Unknown argument ${JSON.stringify(arg)}. Known: ${Object.keys(known).map((name) => `--${name}`).join(', ')}.`);
    }
    const [, name, inline] = match;
    if (known[name] === 'flag') {
      args[name] = true;
    } else {
      const value = inline ?? argv[(index += 1)];
      if (value === undefined) throw new Error(`--${name} needs a value.`);
      args[name] = known[name] === 'list' ? value.split(',').map((item) => item.trim()).filter(Boolean) : value;
    }
  }
  return args;
}
