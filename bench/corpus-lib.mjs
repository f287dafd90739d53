// Shared by fetch-corpus.mjs, sweep.mjs and bench.mjs: where the corpus lives, which of its files we lint, how we parse them.
// Plain Node ESM, no dependencies (benchPeer installs the benchmark's peer plugins with npm). Node 20 has no stable
// fs.glob / path.matchesGlob (both print an ExperimentalWarning), so the selection is a small walker plus a
// glob-to-RegExp translation.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const cacheDir = join(benchDir, '.cache');
export const tarballDir = join(cacheDir, 'tarballs');
export const corpusRoot = join(cacheDir, 'corpus');
/** Written into every extracted package folder; holds `name@version` of what was extracted. */
export const markerFile = '.corpus-version';

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/u;

/** The corpus list `file` (relative to bench/): bench/corpus.json unless told, e.g. crash-corpus.json. */
export function loadCorpus(file = 'corpus.json') {
  return JSON.parse(readFileSync(resolve(benchDir, file), 'utf8'));
}

/** Packages named in a `--packages a,b` list, in corpus order; throws on unknown names. */
export function pickPackages(corpus, names) {
  if (!names) return corpus.packages;
  const wanted = new Set(names);
  const unknown = [...wanted].filter((name) => !corpus.packages.some((pkg) => pkg.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown corpus package(s): ${unknown.join(', ')}. Known: ${corpus.packages.map((pkg) => pkg.name).join(', ')}.`,
    );
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
      throw new Error(
        `Unknown argument ${JSON.stringify(arg)}. Known: ${Object.keys(known)
          .map((name) => `--${name}`)
          .join(', ')}.`,
      );
    }
    const [, name, inline] = match;
    if (known[name] === 'flag') {
      args[name] = true;
    } else {
      const value = inline ?? argv[(index += 1)];
      if (value === undefined) throw new Error(`--${name} needs a value.`);
      args[name] =
        known[name] === 'list'
          ? value
              .split(',')
              .map((item) => item.trim())
              .filter(Boolean)
          : value;
    }
  }
  return args;
}

/**
 * The selected corpus packages, checked to be extracted at their pinned version (else: run `npm run corpus`):
 * `{ pkg, dirName, dir, files }` with `files` relative to `dir`.
 */
export function corpusPackages(corpus, names) {
  return pickPackages(corpus, names).map((pkg) => {
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
}

/** `jsSourceType` from corpus.json, else the extracted package.json's `type`. */
export function jsSourceTypeOf(pkg, dir) {
  if (pkg.jsSourceType) return pkg.jsSourceType;
  const { type } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return type === 'module' ? 'module' : 'commonjs';
}

/**
 * Flat-config objects, relative to `corpusRoot` (use it as `cwd`), that parse the corpus the way the sweep and the
 * benchmark do, without any rule: espree (`ecmaVersion: 'latest'`) with each package's `.js` source type, and
 * `tsParser` (@typescript-eslint/parser, passed in to keep this file free of dependencies) untyped for TypeScript.
 * Inline configs and disable comments of the foreign code are ignored (they name rules we do not load).
 */
export function corpusLanguageConfigs(packages, tsParser) {
  return [
    { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
    ...packages.map(({ pkg, dirName, dir }) => ({
      files: ['**/*.js', '**/*.jsx'].map((glob) => `${dirName}/${glob}`),
      languageOptions: { ecmaVersion: 'latest', sourceType: jsSourceTypeOf(pkg, dir) },
    })),
    { files: ['**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
    { files: ['**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
    { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser, sourceType: 'module' } },
    { files: ['**/*.{jsx,tsx}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  ];
}

/** The built plugin (`dist/index.js`, or the module at `path`); throws when it is missing or has no rules. */
export async function loadBuiltPlugin(path) {
  const entry = path ? resolve(path) : join(benchDir, '..', 'dist', 'index.js');
  if (!existsSync(entry)) throw new Error(`${relative(process.cwd(), entry)} is missing: run \`npm run build\`.`);
  const plugin = (await import(pathToFileURL(entry).href)).default;
  if (!plugin?.rules || Object.keys(plugin.rules).length === 0) throw new Error(`${entry} exports no rules.`);
  return plugin;
}

/**
 * A plugin the benchmark measures but the project does not depend on, installed once at the pinned `version` into
 * `bench/.cache/peers` (its peers, such as `eslint`, resolve up the tree to the repository's own node_modules).
 * Returns the URL of its entry, for `import()`. eslint-plugin-unicorn 80 declares Node >= 22.13: as a devDependency
 * it made every dev install on Node 20 warn (EBADENGINE); here only `npm run bench` installs it.
 */
export function benchPeer(name, version, entry) {
  const dir = join(cacheDir, 'peers');
  const manifest = join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== version) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'cleanup-bench-peers', private: true })}\n`);
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--omit=peer',
        '--no-package-lock',
        `${name}@${version}`,
      ],
      {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  return pathToFileURL(join(dir, 'node_modules', name, entry)).href;
}

/** A plain-text table: the first column left-aligned, the others right-aligned, two spaces apart. */
export function textTable(header, rows) {
  const widths = header.map((cell, column) =>
    Math.max(String(cell).length, ...rows.map((row) => String(row[column]).length)),
  );
  const format = (row) =>
    row
      .map((cell, column) =>
        column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]),
      )
      .join('  ');
  return [format(header), ...rows.map(format)].join('\n');
}
