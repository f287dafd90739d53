/**
 * The rule testers every rule test uses (STYLE.md items 17-19).
 *
 * - `ruleTester`: `@typescript-eslint/parser`, no type information (default file name `file.ts`).
 * - `typedRuleTester`: the same parser with the TypeScript project service over `tests/fixtures`.
 * - `jsRuleTester`: ESLint's own default parser (espree), so rules are also tested on plain JavaScript.
 *
 * Every tester runs with {@link assertionOptions}: each invalid case must give the full location of every error
 * and `data` whenever the message has placeholders.
 *
 * Typed tests: the project service is one per process (one per vitest test file), created from the first typed
 * configuration that parses a file. Use `typedRuleTester` only, never a second typed tester with other options,
 * in the same test file.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester, type RuleTesterConfig, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { afterAll, describe, it } from 'vitest';

// @typescript-eslint/rule-tester defaults to mocha/jest globals; vitest runs without globals.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.itSkip = it.skip;
RuleTester.describeSkip = describe.skip;

/** Directory of the typed fixture project (`tests/fixtures/tsconfig.json`). */
export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/**
 * Assertions the installed tester (8.72) supports beyond ESLint's defaults:
 * - `requireLocation`: every error gives `line`, `column`, `endLine`, `endColumn`;
 * - `requireData`: every error and suggestion whose message has `{{placeholders}}` gives `data`.
 */
export const assertionOptions = { requireLocation: true, requireData: true } as const;

/**
 * A rule tester whose every `run` asserts {@link assertionOptions} (a test may still pass its own).
 *
 * A wrapper, not a subclass: @typescript-eslint/rule-tester pins its own `@typescript-eslint/utils` (8.72.0 while the
 * plugin uses ^8.72, today 8.73), so its `run` only accepts rule modules typed by its private copy. The wrapper
 * accepts our rules and hands them over untyped; at run time both copies produce the same plain objects.
 */
export class CleanupRuleTester {
  readonly #tester: RuleTester;

  constructor(config?: RuleTesterConfig) {
    this.#tester = new RuleTester(config);
  }

  run<MessageIds extends string, Options extends readonly unknown[]>(
    ruleName: string,
    rule: TSESLint.RuleModule<MessageIds, Options, unknown>,
    tests: RunTests<NoInfer<MessageIds>, NoInfer<Options>>,
  ): void {
    this.#tester.run(ruleName, rule as unknown as Parameters<RuleTester['run']>[1], { assertionOptions, ...tests });
  }
}

/** `@typescript-eslint/parser` without type information. */
export const ruleTester = new CleanupRuleTester();

/**
 * `@typescript-eslint/parser` with the project service.
 *
 * `tests/fixtures/file.ts` (the default file name) is part of the fixture project, so `file.ts` tests see the other
 * declarations in `tests/fixtures`. Any other file name (`react.tsx`, `other.ts`, `file.js`, `file.mts`, ...) goes to
 * the default project, which uses the compiler options of `tests/fixtures/tsconfig.json` (strict, `esnext.disposable`,
 * DOM, Node types). The allow-list must not match `file.ts`: typescript-estree refuses a file that is both in a
 * project and allowed in the default project ("was included by allowDefaultProject but also was found in the project
 * service"), hence the extglob instead of a plain `*.ts*`.
 */
export const typedRuleTester = new CleanupRuleTester({
  languageOptions: {
    parserOptions: {
      projectService: {
        allowDefaultProject: ['*.@(tsx|mts|cts|js|jsx|mjs|cjs)', '@(!(file)).ts'],
        defaultProject: 'tsconfig.json',
        maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 100,
      },
      tsconfigRootDir: fixturesDir,
    },
  },
});

/**
 * ESLint's default parser, resolved from the installed `eslint` so it is the very espree ESLint itself uses (espree
 * is not a direct dependency of this package). The tester would otherwise fall back to `@typescript-eslint/parser`.
 */
const requireFromEslint = createRequire(createRequire(import.meta.url).resolve('eslint'));
export const espree = requireFromEslint('espree') as TSESLint.FlatConfig.Parser;

const jsConfig: RuleTesterConfig = {
  defaultFilenames: { ts: 'file.js', tsx: 'react.jsx' },
  languageOptions: {
    parser: espree,
    ecmaVersion: 'latest',
    sourceType: 'module',
  },
};

/** espree (`ecmaVersion: 'latest'`, `sourceType: 'module'`): rules on plain JavaScript, file name `file.js`. */
export const jsRuleTester = new CleanupRuleTester(jsConfig);
