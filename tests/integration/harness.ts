/**
 * The integration harness: the packed plugin, installed into real projects, run by the real `eslint` binary.
 *
 * {@link setupIntegration} (call it from `beforeAll`, with {@link SETUP_TIMEOUT}) does, under a file lock shared by
 * every test file and every concurrent run:
 * 1. build `src/` with `tsc` into a temporary directory and `npm pack` it, once per content of the package's sources
 *    (`src/**`, package.json, tsconfig*.json, README.md): `tarballs/<source hash>/` — a second test file of the same
 *    run, or a later run on unchanged sources, reuses it;
 * 2. `npm install --no-audit --no-fund --prefer-offline` that tarball with each project's dependencies
 *    ({@link PROJECTS}) into `projects/<name>-<dependency hash>/`. The hash covers the tarball's dependency set
 *    (`dependencies`, `peerDependencies`, `peerDependenciesMeta`) and the project's own dependencies, not the tarball's
 *    content: rebuilding the plugin does not reinstall anything.
 *
 * Everything is cached under `node_modules/.cache/cleanup-integration/` (delete it to start over).
 *
 * {@link createWorkspace} then makes a fresh temporary project for one test file: the fixture sources and config
 * files, and a `node_modules` whose entries are symbolic links into the cached install — except
 * `eslint-plugin-cleanup`, which is extracted from the current tarball every time, so every test runs the current
 * build and no test file can disturb another's files.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'cleanup-integration');

/** `beforeAll` timeout for {@link setupIntegration}: the first run installs four projects from the registry. */
export const SETUP_TIMEOUT = 600_000;
/** Timeout of one test that runs the CLI a few times (a typed run starts a TypeScript project service). */
export const CLI_TIMEOUT = 120_000;

/** Bump to force every cached install to be redone (a change in how projects are installed). */
const INSTALL_LAYOUT = 1;

export type ProjectName = 'js-eslint9' | 'js-eslint10' | 'ts-eslint9' | 'ts-eslint10';

export interface ProjectSpec {
  readonly name: ProjectName;
  /** ESLint major the project installs. */
  readonly eslintMajor: 9 | 10;
  /** A typed TypeScript project (`projectService`); otherwise plain JavaScript with ESLint's default parser. */
  readonly typed: boolean;
  /** Installed next to the tarball. */
  readonly dependencies: Readonly<Record<string, string>>;
  /**
   * `npm install --omit=peer`: the untyped projects have no `typescript` on disk at all (npm would otherwise install
   * it as a peer of `@typescript-eslint/utils`), which proves the plugin loads and runs without it.
   */
  readonly omitPeer: boolean;
}

/** `^9.15.0` resolves to the latest 9.x (the oldest ESLint the plugin supports is 9.15). */
const ESLINT_9 = '^9.15.0';
const ESLINT_10 = '^10.0.0';
const TYPED = { 'typescript-eslint': '^8.72.0', typescript: '~6.0.3', '@types/node': '^20.19.0' };

export const PROJECTS: Readonly<Record<ProjectName, ProjectSpec>> = {
  'js-eslint9': {
    name: 'js-eslint9',
    eslintMajor: 9,
    typed: false,
    omitPeer: true,
    dependencies: { eslint: ESLINT_9 },
  },
  'js-eslint10': {
    name: 'js-eslint10',
    eslintMajor: 10,
    typed: false,
    omitPeer: true,
    // The SARIF formatter is installed where CI would install it: in the linted project.
    dependencies: { eslint: ESLINT_10, '@microsoft/eslint-formatter-sarif': '^3.1.0' },
  },
  'ts-eslint9': {
    name: 'ts-eslint9',
    eslintMajor: 9,
    typed: true,
    omitPeer: false,
    dependencies: { eslint: ESLINT_9, ...TYPED },
  },
  'ts-eslint10': {
    name: 'ts-eslint10',
    eslintMajor: 10,
    typed: true,
    omitPeer: false,
    dependencies: { eslint: ESLINT_10, ...TYPED },
  },
};

export interface Tarball {
  readonly file: string;
  readonly sha256: string;
  /** The package.json inside the tarball. */
  readonly manifest: { name: string; version: string } & Record<string, unknown>;
}

export interface Integration {
  readonly tarball: Tarball;
  /** The cached install of each project (never lint there: use {@link createWorkspace}). */
  readonly installs: Readonly<Record<ProjectName, string>>;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Hash of everything `npm pack` puts in the tarball, by path and content. */
function sourceHash(): string {
  const files = [
    ...['package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md'].map((file) => path.join(ROOT, file)),
    ...filesUnder(path.join(ROOT, 'src')),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` holding `CACHE/.lock` (a directory: `mkdir` is atomic). A lock whose owner died is taken over. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(CACHE, { recursive: true });
  const lock = path.join(CACHE, '.lock');
  const owner = path.join(lock, 'pid');
  const deadline = Date.now() + SETUP_TIMEOUT;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(owner, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let stale = false;
      try {
        const pid = Number(readFileSync(owner, 'utf8'));
        stale = pid > 0 && !isAlive(pid);
      } catch {
        // Owner not written yet, or the lock was just released: stale only if it is old.
        stale = existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 60_000;
      }
      if (stale) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      else await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function run(command: string, args: string[], cwd: string): Promise<void> {
  try {
    await execFileAsync(command, args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`\`${command} ${args.join(' ')}\` failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** Keeps the newest `keep` entries of `dir` (by mtime) besides `current`; removes the rest. */
function prune(dir: string, current: string, keep: number, filter: (name: string) => boolean = () => true): void {
  const entries = readdirSync(dir)
    .filter((name) => name !== path.basename(current) && filter(name))
    .map((name) => ({ name, mtime: statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of entries.slice(keep)) rmSync(path.join(dir, name), { recursive: true, force: true });
}

/**
 * `tsc -p tsconfig.build.json` into `outDir`. Type errors are `npm run typecheck`'s business (`npm test` runs it
 * first): when tsc still emitted the build (exit status 2, "diagnostics present, outputs generated"), the integration
 * tests go on with it and print the errors; no emitted output fails.
 */
async function build(outDir: string): Promise<void> {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await execFileAsync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { code, stdout = '' } = error as { code?: number; stdout?: string };
    if (code !== 2 || !existsSync(path.join(outDir, 'index.js')))
      throw new Error(`tsc failed:\n${stdout}`, { cause: error });
    console.warn(`integration: tsc reported type errors; testing the emitted build anyway:\n${stdout}`);
  }
}

/** Builds `src/` into a temporary directory and packs it (see the file comment); reuses the tarball of the same sources. */
async function packTarball(): Promise<Tarball> {
  const tarballs = path.join(CACHE, 'tarballs');
  const dir = path.join(tarballs, sourceHash().slice(0, 16));
  const done = path.join(dir, 'tarball.json');
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const staging = mkdtempSync(path.join(os.tmpdir(), 'cleanup-pack-'));
    try {
      await build(path.join(staging, 'dist'));
      for (const file of ['package.json', 'README.md']) cpSync(path.join(ROOT, file), path.join(staging, file));
      // --ignore-scripts: a `prepack` script would run in the staging directory, which has no sources.
      const { stdout } = await execFileAsync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
        cwd: staging,
      });
      const [packed] = JSON.parse(stdout) as [{ filename: string }];
      writeFileSync(done, JSON.stringify({ file: packed.filename }));
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  prune(tarballs, dir, 2);
  const { file } = JSON.parse(readFileSync(done, 'utf8')) as { file: string };
  const tgz = path.join(dir, file);
  const { stdout } = await execFileAsync('tar', ['-xzOf', tgz, 'package/package.json']);
  return { file: tgz, sha256: sha256(readFileSync(tgz)), manifest: JSON.parse(stdout) as Tarball['manifest'] };
}

/** Installs `spec` with the tarball into its cached project directory, unless the same dependency set is installed. */
async function installProject(spec: ProjectSpec, tarball: Tarball): Promise<string> {
  const { dependencies = {}, peerDependencies = {}, peerDependenciesMeta = {} } = tarball.manifest;
  const key = sha256(
    JSON.stringify({
      layout: INSTALL_LAYOUT,
      plugin: { dependencies, peerDependencies, peerDependenciesMeta },
      project: spec,
      node: process.versions.node.split('.')[0],
    }),
  ).slice(0, 16);
  const projects = path.join(CACHE, 'projects');
  const dir = path.join(projects, `${spec.name}-${key}`);
  const done = path.join(dir, '.installed');
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(tarball.file, path.join(dir, 'eslint-plugin-cleanup.tgz'));
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify(
        {
          name: `cleanup-integration-${spec.name}`,
          private: true,
          type: 'module',
          dependencies: { 'eslint-plugin-cleanup': 'file:eslint-plugin-cleanup.tgz', ...spec.dependencies },
        },
        null,
        2,
      ),
    );
    const args = [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      ...(spec.omitPeer ? ['--omit=peer'] : []),
    ];
    await run('npm', args, dir);
    writeFileSync(done, new Date().toISOString());
  }
  // One older install stays: a concurrent run may still have workspaces linked to it.
  prune(projects, dir, 1, (name) => name.startsWith(`${spec.name}-`));
  return dir;
}

/** Builds, packs and installs everything the integration tests need (cached; see the file comment). */
export async function setupIntegration(): Promise<Integration> {
  return withLock(async () => {
    const tarball = await packTarball();
    const names = Object.keys(PROJECTS) as ProjectName[];
    const dirs = await Promise.all(names.map((name) => installProject(PROJECTS[name], tarball)));
    return {
      tarball,
      installs: Object.fromEntries(names.map((name, index) => [name, dirs[index]])) as Record<ProjectName, string>,
    };
  });
}

export interface RunResult {
  /** Exit code (ESLint: 0 no errors, 1 errors or too many warnings, 2 crash or bad configuration). */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One ESLint result of `--format json`. */
export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  output?: string;
  source?: string;
}

export interface JsonMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  fix?: { range: [number, number]; text: string };
  suggestions?: { desc: string; messageId?: string; fix: { range: [number, number]; text: string } }[];
}

export interface Workspace {
  readonly dir: string;
  readonly spec: ProjectSpec;
  /** Runs this project's `eslint` binary in the workspace. */
  eslint(args: string[], options?: { env?: Record<string, string> }): Promise<RunResult>;
  /** `eslint --format json …`, parsed (throws with the output if ESLint crashed). */
  eslintJson(
    args: string[],
    options?: { env?: Record<string, string> },
  ): Promise<{ run: RunResult; results: JsonResult[] }>;
  path(file: string): string;
  read(file: string): string;
  write(file: string, text: string): void;
  remove(): void;
}

/** Environment for child processes: no colors, no debug or timing output unless a test asks for it. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
  for (const name of ['DEBUG', 'TIMING', 'ESLINT_USE_FLAT_CONFIG', 'NODE_OPTIONS', 'ESLINT_FLAGS']) delete env[name];
  return { ...env, ...extra };
}

function spawnCollect(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : -1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/**
 * A fresh temporary project for `project`: `files` (relative path → text) written into it, `node_modules` linked to
 * the cached install, and the current tarball extracted as `node_modules/eslint-plugin-cleanup`.
 */
export async function createWorkspace(
  integration: Integration,
  project: ProjectName,
  files: Readonly<Record<string, string>>,
): Promise<Workspace> {
  const spec = PROJECTS[project];
  const install = integration.installs[project];
  const dir = mkdtempSync(path.join(os.tmpdir(), `cleanup-it-${project}-`));
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `fixture-${project}`, private: true, type: 'module' }, null, 2),
  );
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(install, 'node_modules'))) {
    if (entry === 'eslint-plugin-cleanup' || entry === '.package-lock.json' || entry === '.cache') continue;
    symlinkSync(path.join(install, 'node_modules', entry), path.join(modules, entry));
  }
  const plugin = path.join(modules, 'eslint-plugin-cleanup');
  mkdirSync(plugin);
  await execFileAsync('tar', ['-xzf', integration.tarball.file, '-C', plugin, '--strip-components=1']);
  const nested = path.join(install, 'node_modules', 'eslint-plugin-cleanup', 'node_modules');
  if (existsSync(nested)) symlinkSync(nested, path.join(plugin, 'node_modules'));

  const workspace: Workspace = {
    dir,
    spec,
    path: (file) => path.join(dir, file),
    read: (file) => readFileSync(path.join(dir, file), 'utf8'),
    write(file, text) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    },
    eslint: (args, options = {}) =>
      spawnCollect(
        process.execPath,
        [path.join(modules, 'eslint', 'bin', 'eslint.js'), ...args],
        dir,
        childEnv(options.env),
      ),
    async eslintJson(args, options) {
      const result = await workspace.eslint(['--format', 'json', ...args], options);
      let results: JsonResult[];
      try {
        results = JSON.parse(result.stdout) as JsonResult[];
      } catch {
        throw new Error(
          `eslint ${args.join(' ')} exited ${result.code} without JSON output:\n${result.stdout}\n${result.stderr}`,
        );
      }
      return { run: result, results };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [file, text] of Object.entries(files)) workspace.write(file, text);
  return workspace;
}

/** Every file under `fixtures/<dir>`, relative path → text. */
export function fixtureFiles(dir: string): Record<string, string> {
  const base = path.join(FIXTURES, dir);
  return Object.fromEntries(filesUnder(base).map((file) => [path.relative(base, file), readFileSync(file, 'utf8')]));
}

/** `results` by path relative to the workspace, sorted, without the volatile fields. */
export function byFile(workspace: Workspace, results: JsonResult[]): Record<string, JsonResult> {
  return Object.fromEntries(
    results
      .map((result) => [path.relative(workspace.dir, result.filePath), result] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** What the installed plugin says about each rule (read by importing the package in the workspace, as ESLint does). */
export interface InstalledRule {
  readonly docs: {
    readonly url?: string;
    readonly description?: string;
    readonly recommended?: string;
    readonly requiresTypeChecking?: boolean;
  };
  readonly fixable: string | null;
  readonly hasSuggestions: boolean;
}

export interface InstalledPlugin {
  readonly meta: { name: string; version: string; namespace: string };
  readonly rules: Record<string, InstalledRule>;
  /** Rule ids (`cleanup/…`) of each config. */
  readonly configs: Record<string, string[]>;
}

const DESCRIBE_PLUGIN = `
import plugin from 'eslint-plugin-cleanup';
const rules = Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [
  name,
  { docs: rule.meta.docs ?? {}, fixable: rule.meta.fixable ?? null, hasSuggestions: rule.meta.hasSuggestions === true },
]));
const configs = Object.fromEntries(Object.entries(plugin.configs).map(([name, config]) => [
  name,
  Object.entries(config.rules ?? {}).filter(([, level]) => level !== 'off' && level !== 0).map(([id]) => id),
]));
console.log(JSON.stringify({ meta: plugin.meta, rules, configs }));
`;

/** Imports `eslint-plugin-cleanup` from the workspace (a separate Node process) and describes it. */
export async function installedPlugin(workspace: Workspace): Promise<InstalledPlugin> {
  const result = await spawnCollect(
    process.execPath,
    ['--input-type=module', '-e', DESCRIBE_PLUGIN],
    workspace.dir,
    childEnv(),
  );
  if (result.code !== 0) throw new Error(`cannot import eslint-plugin-cleanup in ${workspace.dir}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as InstalledPlugin;
}

/**
 * The findings a fixture source announces with marker comments (see fixtures/README.md): `line:cleanup/rule` for
 * every rule named in a `// ❌ rule, rule(typed), rule(untyped)` comment, in `typed` or untyped mode.
 */
export function markedFindings(text: string, typed: boolean): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, index) => {
    const marker = /\/\/ ❌ (.*)$/.exec(line);
    if (!marker) return;
    for (const token of marker[1]!.split(',').map((part) => part.trim())) {
      const match = /^([a-z][a-z-]*)(?:\((typed|untyped)\))?$/.exec(token);
      if (!match)
        throw new Error(
          `bad marker on line ${index + 1}: \`${token}\` (expected \`rule-name\`, \`rule-name(typed)\` or \`rule-name(untyped)\`)`,
        );
      const mode = match[2];
      if (mode === undefined || (mode === 'typed') === typed) found.push(`${index + 1}:cleanup/${match[1]}`);
    }
  });
  return found.sort();
}

/** `line:ruleId` of every message of `result` (parse errors and crashes as `line:null`). */
export function actualFindings(result: JsonResult): string[] {
  return result.messages.map((message) => `${message.line}:${message.ruleId}`).sort();
}

/** Rule fixtures (`fixtures/rules/`) as workspace files: `src/<rule>.js`, or `src/<rule>.ts` in a typed project. */
export function ruleSources(spec: ProjectSpec): Record<string, string> {
  const files = fixtureFiles('rules');
  const sources: Record<string, string> = {};
  for (const [file, text] of Object.entries(files)) {
    const { name, ext } = path.parse(file);
    if (ext === '.ts' && !spec.typed) continue;
    if (ext === '.js' && spec.typed && files[`${name}.ts`] !== undefined) continue;
    sources[`src/${name}${spec.typed ? '.ts' : '.js'}`] = text;
  }
  return sources;
}

/** The project's config files (`fixtures/project-js/` or `fixtures/project-ts/`). */
export function projectFiles(spec: ProjectSpec): Record<string, string> {
  return fixtureFiles(spec.typed ? 'project-ts' : 'project-js');
}

/** A source file for `spec`'s language: `name.js` in an untyped project, `name.ts` in a typed one. */
export function sourceName(spec: ProjectSpec, name: string): string {
  return `${name}${spec.typed ? '.ts' : '.js'}`;
}
