/**
 * Every rule, with its default options, over an empty file, a comment-only file and a corpus of odd syntax
 * (tests/meta/corpus: decorators, `using`, JSX, `.d.ts`, class `accessor`, CommonJS, sloppy scripts, …) must not
 * crash, and every autofix and every suggestion must leave code that still parses (STYLE.md items 9, 20).
 *
 * Each corpus file is linted:
 * - untyped with its own parser (espree for `.js`/`.jsx`/`.cjs`, @typescript-eslint/parser for TypeScript) and, for
 *   JavaScript, also with @typescript-eslint/parser, by every rule that does not require type information;
 * - typed (project service over tests/fixtures, as in the typed rule tester) by every rule.
 *
 * A corpus file that does not parse fails the test: otherwise the rules would silently never run on it.
 * `name.script.js` files are sloppy-mode scripts (`sourceType: 'script'`).
 *
 * The `ts-*` files hold TypeScript's declaration shapes (issue 12: rules threw on correct TypeScript): overload
 * signatures of functions, methods and constructors, abstract classes and members, `declare` and `accessor` fields,
 * definite assignment, index signatures, parameter properties, decorators, `this` parameters, optional methods,
 * getters and setters, static blocks, `#private` members, enums, namespaces (nested, dotted, merged), `import x =
 * require()`, `export =`, and a class-heavy `.d.ts` (`declare class` / `module` / `global` / `namespace`). They also
 * hold one realistic leak for each rule, so that the last test can check that every rule reports at least once over
 * the corpus, untyped and typed: a rule that silently bails out on these shapes (or on type information) fails it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import plugin, { rules } from '../../src/index.js';
import { fixturesDir } from '../RuleTester.js';

type SourceType = 'module' | 'script' | 'commonjs';
type Parser = 'espree' | 'typescript';

interface Sample {
  /** Shown in test names and failures. */
  name: string;
  /** File name used to lint: its extension decides the language. */
  file: string;
  code: string;
  sourceType: SourceType;
  jsx: boolean;
  /** Parsers to lint the sample with (untyped). */
  parsers: Parser[];
}

const corpusDir = new URL('corpus/', import.meta.url);

/** JavaScript the TypeScript parser refuses on purpose (sloppy-mode syntax TypeScript reports as an error). */
const TS_PARSER_SKIPS = new Set(['sloppy.script.js']);

function sampleFor(file: string, code: string): Sample {
  const isTs = /\.[cm]?tsx?$/.test(file);
  const sourceType: SourceType = file.endsWith('.script.js') ? 'script' : file.endsWith('.cjs') ? 'commonjs' : 'module';
  const parsers: Parser[] = isTs ? ['typescript'] : TS_PARSER_SKIPS.has(file) ? ['espree'] : ['espree', 'typescript'];
  return { name: file, file, code, sourceType, jsx: /x$/.test(file), parsers };
}

const samples: Sample[] = [
  sampleFor('empty.ts', ''),
  sampleFor('empty.js', ''),
  sampleFor('empty.script.js', ''),
  sampleFor('comments.ts', '// only a comment\n/* and a block comment */\n'),
  sampleFor('hashbang.js', '#!/usr/bin/env node\n'),
  ...readdirSync(corpusDir)
    .sort()
    .map((file) => sampleFor(file, readFileSync(new URL(file, corpusDir), 'utf8'))),
];

const FILES = ['**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs', '**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'];

function configFor(sample: Sample, parser: Parser, ruleIds: string[], typed: boolean): TSESLint.FlatConfig.Config[] {
  return [
    {
      files: FILES,
      plugins: { cleanup: plugin },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: sample.sourceType,
        ...(parser === 'typescript' ? { parser: tsParser } : {}),
        parserOptions: {
          ecmaFeatures: { jsx: sample.jsx, globalReturn: sample.sourceType === 'commonjs' },
          ...(typed
            ? {
                projectService: {
                  allowDefaultProject: ['corpus-*'],
                  defaultProject: 'tsconfig.json',
                  maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 100,
                },
                tsconfigRootDir: fixturesDir,
              }
            : {}),
        },
      },
      rules: Object.fromEntries(ruleIds.map((id) => [id, 'error' as const])),
    },
  ];
}

const untypedLinter = new TSESLint.Linter({ configType: 'flat' });
const typedLinter = new TSESLint.Linter({ configType: 'flat', cwd: fixturesDir });

/** Messages not from a rule: parse errors, and "No matching configuration" (which is not `fatal`). */
function fatalMessages(messages: TSESLint.Linter.LintMessage[]): string[] {
  return messages
    .filter((message) => message.fatal === true || message.ruleId === null)
    .map((message) => `${message.line}:${message.column} ${message.message}`);
}

/** Parse errors of `code` as `sample` (no rules). */
function parseErrors(sample: Sample, parser: Parser, code: string): string[] {
  return fatalMessages(untypedLinter.verify(code, configFor(sample, parser, [], false), `corpus/${sample.file}`));
}

function applyFix(code: string, fix: TSESLint.RuleFix): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

interface Mode {
  name: string;
  parser: Parser;
  typed: boolean;
}

function modesFor(sample: Sample): Mode[] {
  return [
    ...sample.parsers.map((parser) => ({ name: parser, parser, typed: false })),
    ...(sample.parsers.includes('typescript') ? [{ name: 'typed', parser: 'typescript' as const, typed: true }] : []),
  ];
}

const ruleEntries = Object.entries(rules);

interface CorpusRun {
  /** Reports per rule id over the whole corpus. */
  reports: Map<string, number>;
  /** `rule id: sample (mode): first line of the error` for every crash. */
  crashes: string[];
}

/**
 * Lints every sample in every mode of the given kind with all the rules at once; a sample on which a rule throws is
 * linted again rule by rule, so that one crashing rule neither hides the reports of the others nor goes unnoticed.
 */
function lintCorpus(typed: boolean): CorpusRun {
  const ids = ruleEntries
    .filter(([, rule]) => typed || rule.meta.docs?.requiresTypeChecking !== true)
    .map(([name]) => `cleanup/${name}`);
  const reports = new Map(ids.map((id) => [id, 0]));
  const crashes: string[] = [];
  for (const sample of samples) {
    for (const mode of modesFor(sample).filter((candidate) => candidate.typed === typed)) {
      const linter = typed ? typedLinter : untypedLinter;
      const filename = typed ? path.join(fixturesDir, `corpus-${sample.file}`) : `corpus/${sample.file}`;
      const lint = (ruleIds: string[]): TSESLint.Linter.LintMessage[] =>
        linter.verify(sample.code, configFor(sample, mode.parser, ruleIds, typed), filename);
      let messages: TSESLint.Linter.LintMessage[];
      try {
        messages = lint(ids);
      } catch {
        messages = ids.flatMap((id) => {
          try {
            return lint([id]);
          } catch (error) {
            crashes.push(`${id}: ${sample.name} (${mode.name}): ${(error as Error).message.split('\n')[0]}`);
            return [];
          }
        });
      }
      for (const message of messages) {
        if (message.ruleId !== null && reports.has(message.ruleId))
          reports.set(message.ruleId, reports.get(message.ruleId)! + 1);
      }
    }
  }
  return { reports, crashes };
}

describe('corpus', () => {
  it.each(samples.flatMap((sample) => sample.parsers.map((parser) => [sample.name, parser, sample] as const)))(
    '%s parses with %s',
    (_name, parser, sample) => {
      expect(parseErrors(sample, parser, sample.code), `${sample.name} must parse with ${parser}`).toEqual([]);
    },
  );
});

describe.each(ruleEntries)('cleanup/%s', (name, rule) => {
  const id = `cleanup/${name}`;
  const requiresTypes = rule.meta.docs?.requiresTypeChecking === true;
  const cases = samples.flatMap((sample) =>
    modesFor(sample)
      .filter((mode) => mode.typed || !requiresTypes)
      .map((mode) => [`${sample.name} (${mode.name})`, sample, mode] as const),
  );

  it.each(cases)('%s: does not crash, and its fixes and suggestions parse', (label, sample, mode) => {
    const linter = mode.typed ? typedLinter : untypedLinter;
    const filename = mode.typed ? path.join(fixturesDir, `corpus-${sample.file}`) : `corpus/${sample.file}`;
    const config = configFor(sample, mode.parser, [id], mode.typed);

    const messages = linter.verify(sample.code, config, filename);
    expect(fatalMessages(messages), `${label}: parse errors`).toEqual([]);

    for (const message of messages) {
      for (const suggestion of message.suggestions ?? []) {
        const output = applyFix(sample.code, suggestion.fix);
        expect(
          parseErrors(sample, mode.parser, output),
          `${label}: suggestion "${suggestion.desc}" for the message at ${message.line}:${message.column} breaks the code:\n${output}`,
        ).toEqual([]);
      }
    }

    const fixed = linter.verifyAndFix(sample.code, config, { filename });
    expect(fatalMessages(fixed.messages), `${label}: autofix breaks the code:\n${fixed.output}`).toEqual([]);
    if (fixed.fixed) {
      expect(
        parseErrors(sample, mode.parser, fixed.output),
        `${label}: autofixed code does not parse:\n${fixed.output}`,
      ).toEqual([]);
    }
  });
});

describe('every rule reports at least once over the corpus', () => {
  it.each([
    ['untyped', false],
    ['typed', true],
  ] as const)('%s', (_name, typed) => {
    const { reports, crashes } = lintCorpus(typed);
    const silent = [...reports].filter(([, count]) => count === 0).map(([id]) => id);
    expect(
      silent,
      `rules that never report (crashes: ${crashes.length === 0 ? 'none' : `\n${crashes.join('\n')}`})`,
    ).toEqual([]);
  });
});
