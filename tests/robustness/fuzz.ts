/**
 * The fuzz loop: random programs (./generator.ts) linted by every rule that needs no type information, through
 * ESLint's `Linter`: each program as JavaScript with espree, and its TypeScript flavour (annotations, `as`, `!`,
 * `satisfies`, and TypeScript's declaration shapes around the resources: overloads, abstract and `declare` members,
 * namespaces, enums, ambient modules, … — see `TS_SHAPES` in ./generator.ts) with @typescript-eslint/parser without
 * type information. For each program and parser:
 * - the program parses (otherwise the generator is broken, and that is reported too: ESLint reports the parse error
 *   before any rule runs);
 * - no rule throws;
 * - every suggestion leaves code that parses;
 * - `verifyAndFix` (all rules at once, as `eslint --fix` runs them) leaves code that parses;
 * - fixing is idempotent: `verifyAndFix` on the fixed code changes nothing.
 */
import { createRequire } from 'node:module';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin, { rules } from '../../src/index.js';
import { ProgramGenerator, programSeed, TS_SHAPES, type TsShape } from './generator.js';

const requireFromEslint = createRequire(createRequire(import.meta.url).resolve('eslint'));
const espree = requireFromEslint('espree') as Linter.Parser;

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** Called after each program (for progress output). */
  readonly onProgram?: (index: number) => void;
  /** Stop after this many failures. */
  readonly maxFailures?: number;
}

export interface FuzzFailure {
  readonly index: number;
  /** `generateProgram(programSeed, { typescript })` reproduces the program alone. */
  readonly programSeed: number;
  readonly typescript: boolean;
  readonly parser: string;
  readonly problem: string;
  readonly code: string;
}

export interface FuzzReport {
  readonly tried: number;
  readonly rules: string[];
  readonly parsers: string[];
  readonly findings: Record<string, number>;
  readonly fixedPrograms: number;
  readonly suggestions: number;
  readonly failures: FuzzFailure[];
  /** For each TypeScript declaration shape: how many of the TypeScript programs linted hold it. */
  readonly tsShapes: Record<TsShape, number>;
}

/** espree on the JavaScript programs; @typescript-eslint/parser (no type information) on their TypeScript flavour. */
const PARSERS: readonly { name: string; filename: string; parser: Linter.Parser; typescript: boolean }[] = [
  { name: 'espree', filename: 'fuzz.js', parser: espree, typescript: false },
  { name: 'typescript-eslint', filename: 'fuzz.ts', parser: tsParser as unknown as Linter.Parser, typescript: true },
];

/** The rules the fuzzer runs: every rule that works without type information. */
export const fuzzedRules: string[] = Object.entries(rules)
  .filter(([, rule]) => rule.meta.docs?.requiresTypeChecking !== true)
  .map(([name]) => `cleanup/${name}`);

function config(parser: Linter.Parser, ruleIds: readonly string[]): Linter.Config[] {
  return [
    {
      files: ['**/*.js', '**/*.ts'],
      plugins: { cleanup: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parser },
      rules: Object.fromEntries(ruleIds.map((id) => [id, 'error' as const])),
    },
  ];
}

/** Parse errors (and any message that is not from a rule). */
function problems(messages: Linter.LintMessage[]): string[] {
  return messages
    .filter((message) => message.fatal === true || message.ruleId === null)
    .map((message) => `${message.line}:${message.column} ${message.message}`);
}

export function fuzz(options: FuzzOptions): FuzzReport {
  const linter = new Linter({ configType: 'flat' });
  const failures: FuzzFailure[] = [];
  const findings: Record<string, number> = Object.fromEntries(fuzzedRules.map((id) => [id, 0]));
  let fixedPrograms = 0;
  let suggestions = 0;
  let tried = 0;
  const tsShapes = Object.fromEntries(TS_SHAPES.map((shape) => [shape, 0])) as Record<TsShape, number>;
  const maxFailures = options.maxFailures ?? 10;

  for (let index = 0; index < options.count && failures.length < maxFailures; index++) {
    const seed = programSeed(options.seed, index);
    tried++;
    for (const { name, filename, parser, typescript } of PARSERS) {
      const generator = new ProgramGenerator(seed, { typescript });
      const code = generator.program();
      for (const shape of generator.shapes) tsShapes[shape]++;
      const fail = (problem: string, failedCode = code): void => {
        failures.push({ index, programSeed: seed, typescript, parser: name, problem, code: failedCode });
      };
      const parseOnly = config(parser, []);
      const parseErrors = (text: string): string[] => problems(linter.verify(text, parseOnly, filename));
      const withRules = config(parser, fuzzedRules);

      let messages: Linter.LintMessage[];
      try {
        messages = linter.verify(code, withRules, filename);
      } catch (error) {
        fail(`a rule threw: ${(error as Error).stack ?? String(error)}`);
        continue;
      }
      const fatal = problems(messages);
      if (fatal.length > 0) {
        // A parse error of the program itself is a generator bug; ESLint reports it before any rule runs.
        fail(`the generated program does not parse (a generator bug): ${fatal.join('; ')}`);
        continue;
      }
      for (const message of messages) {
        if (message.ruleId !== null && message.ruleId in findings) findings[message.ruleId]!++;
        for (const suggestion of message.suggestions ?? []) {
          suggestions++;
          const output =
            code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]);
          const broken = parseErrors(output);
          if (broken.length > 0)
            fail(
              `${message.ruleId} suggestion "${suggestion.desc}" at ${message.line}:${message.column} breaks the code: ${broken.join('; ')}`,
              output,
            );
        }
      }
      // Nothing to fix: verifyAndFix would only lint the same code again.
      if (!messages.some((message) => message.fix)) continue;

      let first: Linter.FixReport;
      try {
        first = linter.verifyAndFix(code, withRules, { filename });
      } catch (error) {
        fail(`a rule threw while fixing: ${(error as Error).stack ?? String(error)}`);
        continue;
      }
      if (!first.fixed) {
        fail('a finding has a fix, but verifyAndFix applied none');
        continue;
      }
      if (name === 'espree') fixedPrograms++;
      // verifyAndFix's last pass lints the output: a parse error of the fixed code is among its messages.
      const broken = problems(first.messages);
      if (broken.length > 0) {
        fail(`the autofixed code does not parse: ${broken.join('; ')}`, first.output);
        continue;
      }
      let second: Linter.FixReport;
      try {
        second = linter.verifyAndFix(first.output, withRules, { filename });
      } catch (error) {
        fail(`a rule threw on the autofixed code: ${(error as Error).stack ?? String(error)}`, first.output);
        continue;
      }
      if (second.fixed) {
        const rulesFixing = [
          ...new Set(
            linter
              .verify(first.output, withRules, filename)
              .filter((message) => message.fix)
              .map((message) => message.ruleId),
          ),
        ];
        fail(
          `fixing is not idempotent: a second \`verifyAndFix\` changes the fixed code again (${rulesFixing.join(', ')}):\n${second.output}`,
          first.output,
        );
      }
    }
    options.onProgram?.(index);
  }

  return {
    tried,
    rules: fuzzedRules,
    parsers: PARSERS.map((parser) => parser.name),
    findings,
    fixedPrograms,
    suggestions,
    failures,
    tsShapes,
  };
}

/** A one-paragraph summary of a run. */
export function describeReport(report: FuzzReport, seed: number): string {
  const findings = Object.entries(report.findings)
    .map(([id, count]) => `${id.replace(/^cleanup\//, '')} ${count}`)
    .join(', ');
  const shapes = Object.values(report.tsShapes).filter((count) => count > 0).length;
  return (
    `fuzz: ${report.tried} programs tried (seed ${seed}; ${report.rules.length} rules; parsers ${report.parsers.join(' + ')}): ` +
    `findings ${findings}; ${report.suggestions} suggestions re-parsed; ${report.fixedPrograms} programs autofixed; ` +
    `TypeScript declaration shapes seen: ${shapes} of ${TS_SHAPES.length}; ${report.failures.length} failures`
  );
}

/** Failures as text: each with what reproduces it. */
export function describeFailures(failures: readonly FuzzFailure[]): string {
  return failures
    .map(
      (failure) =>
        `#${failure.index} (${failure.parser}; reproduce with generateProgram(${failure.programSeed}, { typescript: ${failure.typescript} })): ${failure.problem}\n--- code ---\n${failure.code}`,
    )
    .join('\n\n');
}
