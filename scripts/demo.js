// `npm run demo` (after `npm run build`): lints the demo project in examples/ with the real ESLint CLI, shows what
// `eslint --fix` changes in a temporary copy (examples/ itself is never written), and checks that the fixed copy lints
// again. Exit codes: 0 when the demo ran (findings are expected: they are the point), 2 when ESLint crashed, 1 when
// the examples do not parse, the fixed copy does not re-lint, or (with `--check`) findings and markers disagree.
//
// Every deliberate bug in examples/src carries a marker comment right above the line the finding is reported on:
//
//   // cleanup: <rule> — <what is wrong>
//
// The demo pairs findings with markers, so adding a rule's example is: write the buggy code, put the marker above it,
// run `npm run demo -- --check`.
//
// Options: `--check` fails on any finding without a marker or marker without a finding; `--keep` keeps the temporary
// copy and prints where it is.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = join(root, 'examples');
const args = new Set(process.argv.slice(2));
const strict = args.has('--check');
const keep = args.has('--keep');
const color = process.env.FORCE_COLOR ? process.env.FORCE_COLOR !== '0' : process.stdout.isTTY && !process.env.NO_COLOR;

const require = createRequire(import.meta.url);
const eslintPackage = require.resolve('eslint/package.json');
const eslintBin = join(eslintPackage, '..', JSON.parse(readFileSync(eslintPackage, 'utf8')).bin.eslint);

/** Thrown to stop the demo with an exit code and a one-line reason. */
class DemoError extends Error {
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
  }
}

const bold = (text) => (color ? `\u001B[1m${text}\u001B[22m` : text);
const heading = (text) => console.log(`\n${bold(`── ${text} `.padEnd(100, '─'))}\n`);
const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * Runs the ESLint CLI in `cwd`. `json: true` captures the JSON report; otherwise the output goes straight to the
 * terminal (colors included). Exit code 2 (or a signal) means ESLint crashed or the config failed to load.
 */
function eslint(cwd, cliArgs, { json = false, when = '' } = {}) {
  const run = spawnSync(process.execPath, [eslintBin, ...(json ? ['--format', 'json'] : []), ...cliArgs], {
    cwd,
    encoding: 'utf8',
    stdio: json ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new DemoError(`could not start ESLint: ${run.error.message}`, 2);
  if (run.status !== 0 && run.status !== 1) {
    throw new DemoError(
      `ESLint crashed (exit code ${run.status ?? run.signal}) on \`eslint ${cliArgs.join(' ')}\`${when} in ${cwd}.`,
      2,
    );
  }
  return json ? JSON.parse(run.stdout) : null;
}

/** Findings of a JSON report, with parse errors (fatal messages) apart. */
function summarize(results, base) {
  const findings = [];
  const fatal = [];
  for (const result of results) {
    for (const message of result.messages) {
      const entry = { file: relative(base, result.filePath).split(sep).join('/'), ...message };
      (message.fatal || !message.ruleId ? fatal : findings).push(entry);
    }
  }
  const byRule = new Map();
  for (const finding of findings) {
    const counts = byRule.get(finding.ruleId) ?? { total: 0, fixable: 0, suggestions: 0 };
    counts.total += 1;
    if (finding.fix) counts.fixable += 1;
    else if (finding.suggestions?.length) counts.suggestions += 1;
    byRule.set(finding.ruleId, counts);
  }
  return { findings, fatal, byRule, fixable: findings.filter((finding) => finding.fix).length };
}

function describeCounts({ total, fixable, suggestions }) {
  const parts = [
    fixable && `${fixable} fixed by --fix`,
    suggestions && `${suggestions} with an editor suggestion`,
  ].filter(Boolean);
  return `${total}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** Source files of a directory tree, node_modules excluded, as paths relative to it. */
function filesUnder(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.name === 'node_modules') return [];
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}

const MARKER = /^\s*\/\/\s*cleanup:\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*(?:—|–|-|:)\s*(.*)$/;

/**
 * `// cleanup: <rule> — <what is wrong>` markers: each one expects a finding of `cleanup/<rule>` on the first line
 * below it that is not a comment.
 */
function markersOf(file) {
  const lines = readFileSync(join(examples, file), 'utf8').split(/\r?\n/);
  const markers = [];
  lines.forEach((text, index) => {
    const match = MARKER.exec(text);
    if (!match) return;
    let target = index + 1;
    while (target < lines.length && /^\s*(?:\/\/|\/\*|\*)/.test(lines[target])) target++;
    markers.push({ file, line: index + 1, target: target + 1, ruleId: `cleanup/${match[1]}` });
  });
  return markers;
}

/** Pairs findings with markers; returns the findings without a marker and the markers without a finding. */
function checkMarkers(findings) {
  const markers = filesUnder(examples)
    .filter((file) => /\.[cm]?[jt]sx?$/.test(file))
    .flatMap((file) => markersOf(file));
  const unmatched = new Set(markers);
  const unexpected = [];
  for (const finding of findings) {
    const marker = markers.find(
      (m) => m.file === finding.file && m.target === finding.line && m.ruleId === finding.ruleId,
    );
    if (marker) unmatched.delete(marker);
    else unexpected.push(finding);
  }
  return { markers, unexpected, missing: [...unmatched] };
}

/**
 * A unified diff of one file, `before` as shown under examples/: `git diff --no-index`, else `diff -u`, else null.
 * The temporary path in the headers is replaced by the file's name under examples/.
 */
function unifiedDiff(before, after, label) {
  // Options that a user's git config could otherwise change: external diff tools, prefixes, color.
  const options = ['--no-ext-diff', '--src-prefix=a/', '--dst-prefix=b/', `--color=${color ? 'always' : 'never'}`];
  const git = spawnSync('git', ['diff', '--no-index', ...options, '--', before, after], { encoding: 'utf8' });
  if (!git.error && git.status === 1 && git.stdout) {
    const posixAfter = after.split(sep).join('/');
    const posixBefore = before.split(sep).join('/');
    return [posixAfter, posixBefore].reduce(
      (text, path) => text.replaceAll(path.replace(/^\/+/, ''), label).replaceAll(path, label),
      git.stdout,
    );
  }
  const diff = spawnSync('diff', ['-u', '--label', `a/${label}`, '--label', `b/${label}`, before, after], {
    encoding: 'utf8',
  });
  if (!diff.error && diff.status === 1 && diff.stdout) return diff.stdout;
  return null;
}

/**
 * Copies examples/ to `<tmp>/examples` and links `<tmp>/dist` and `<tmp>/node_modules` to this repository's, so that
 * the copy's eslint.config.js resolves `../dist/index.js` and its packages exactly as the original does.
 */
function copyExamples() {
  const tmp = mkdtempSync(join(tmpdir(), 'cleanup-demo-'));
  cpSync(examples, join(tmp, 'examples'), {
    recursive: true,
    filter: (path) => !path.split(sep).includes('node_modules'),
  });
  const type = process.platform === 'win32' ? 'junction' : 'dir';
  symlinkSync(join(root, 'dist'), join(tmp, 'dist'), type);
  symlinkSync(join(root, 'node_modules'), join(tmp, 'node_modules'), type);
  return tmp;
}

function main() {
  if (!existsSync(join(root, 'dist', 'index.js'))) {
    throw new DemoError('dist/ is missing: run `npm run demo` (it builds first) or `npm run build`.', 2);
  }

  console.log(bold('eslint-plugin-cleanup demo'));
  console.log('examples/ is a small job queue (a worker, an HTTP API, file utilities, a migration runner) with a few');
  console.log(
    'deliberate bugs, each marked by a `// cleanup: <rule> — <what is wrong>` comment. The rest is correct and',
  );
  console.log('must stay silent.');

  heading(
    "1. Findings: `eslint .` in examples/, with cleanup's `recommended` config plus three `strict` rules (opted in)",
  );
  eslint(examples, ['.']);
  const before = summarize(eslint(examples, ['.'], { json: true }), examples);
  if (before.fatal.length > 0) {
    for (const error of before.fatal)
      console.error(`examples/${error.file}:${error.line}:${error.column} ${error.message}`);
    throw new DemoError('the examples do not parse (see above).', 1);
  }
  if (before.findings.length === 0) console.log('No findings.');

  heading('2. Do the findings match the `// cleanup:` markers?');
  const { markers, unexpected, missing } = checkMarkers(before.findings);
  for (const finding of unexpected) {
    console.log(`  finding without a marker  examples/${finding.file}:${finding.line}  ${finding.ruleId}`);
  }
  for (const marker of missing) {
    console.log(
      `  marker without a finding  examples/${marker.file}:${marker.line}  expects ${marker.ruleId} on line ${marker.target}`,
    );
  }
  const markersAgree = unexpected.length === 0 && missing.length === 0;
  if (markersAgree) {
    console.log(`Yes: ${plural(markers.length, 'marker')}, each with its finding, and no finding elsewhere.`);
  } else {
    console.log(`\nNo: fix the example or its marker${strict ? '' : ' (`npm run demo -- --check` fails on this)'}.`);
  }

  heading('3. What `eslint --fix` changes (in a temporary copy: examples/ is not touched)');
  const tmp = copyExamples();
  let after;
  try {
    const copy = join(tmp, 'examples');
    eslint(copy, ['--fix', '.'], { json: true });
    const changed = filesUnder(examples).filter(
      (file) => readFileSync(join(examples, file), 'utf8') !== readFileSync(join(copy, file), 'utf8'),
    );
    if (changed.length === 0) console.log('`--fix` changed nothing.');
    for (const file of changed) {
      const diff = unifiedDiff(join(examples, file), join(copy, file), `examples/${file}`);
      if (diff !== null) process.stdout.write(diff.endsWith('\n') ? diff : `${diff}\n`);
      else
        console.log(
          `examples/${file} changed (neither \`git\` nor \`diff\` is available to show how; run with --keep to look).`,
        );
    }

    heading('4. Does the fixed copy lint again?');
    after = summarize(eslint(copy, ['.'], { json: true, when: ' after --fix (the fixed copy does not lint)' }), copy);
    const problems = [
      ...after.fatal.map(
        (error) => `examples/${error.file}:${error.line}: does not parse after --fix: ${error.message}`,
      ),
      ...after.findings
        .filter((finding) => finding.fix)
        .map((finding) => `examples/${finding.file}:${finding.line}: ${finding.ruleId} is still fixable after --fix`),
      ...[...after.byRule]
        .filter(([ruleId, counts]) => counts.total > (before.byRule.get(ruleId)?.total ?? 0))
        .map(([ruleId]) => `${ruleId} reports more after --fix than before`),
    ];
    if (after.findings.length > before.findings.length - before.fixable) {
      problems.push(
        `${after.findings.length} findings after --fix, expected at most ${before.findings.length - before.fixable}`,
      );
    }
    if (problems.length > 0) {
      for (const problem of problems) console.error(`  ${problem}`);
      throw new DemoError('the output of --fix does not re-lint cleanly (see above).', 1);
    }
    console.log(
      `Yes: it parses, and ${plural(after.findings.length, 'finding')} ${after.findings.length === 1 ? 'is' : 'are'} left for a human ` +
        '(no safe automatic fix; some have a suggestion your editor offers).',
    );
  } finally {
    if (keep) console.log(`\nThe fixed copy is kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }

  heading('Summary');
  const rules = [...before.byRule]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ruleId, counts]) => `${ruleId}: ${describeCounts(counts)}`);
  console.log(`${plural(before.findings.length, 'finding')} by rule: ${rules.length > 0 ? rules.join('; ') : 'none'}.`);
  console.log(
    `After --fix: ${plural(after.findings.length, 'finding')} left. Markers: ${markersAgree ? 'all matched' : 'MISMATCH (see 2.)'}.`,
  );
  if (strict && !markersAgree) throw new DemoError('findings and `// cleanup:` markers disagree (see 2.).', 1);
}

try {
  main();
} catch (error) {
  if (!(error instanceof DemoError)) throw error;
  console.error(`\nnpm run demo: ${error.message}`);
  process.exitCode = error.exitCode;
}
