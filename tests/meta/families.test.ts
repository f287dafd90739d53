/**
 * Cross-rule consistency over the shared fixtures of tests/fixtures/families (issue 13 item 7): every snippet of every
 * API family, after each of its acquisition headers (`import`, `require`, default import), is linted with every rule
 * of the plugin (the `all` config), with @typescript-eslint/parser, untyped and typed (the project service over
 * tests/fixtures, as in the typed rule tester).
 *
 * - A leak is reported by exactly the rules its fixture names: not by fewer (a rule misses its family), not by more
 *   (two rules report one defect, or a rule reports what another rule owns).
 * - A released form (`try`/`finally`, callback-scoped, `using`, a class teardown, …) is reported by no rule, except
 *   that `prefer-using` asks for `using` where a Disposable is released by hand (`preferUsing` in the fixture).
 *
 * This is where two rules that disagree about one family show up: the rule tests check each rule alone.
 */
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { families as catalogFamilies } from '../../src/resources/catalog.js';
import {
  families,
  withHeader,
  type ApiFixture,
  type Leak,
  type Released,
  type RuleName,
} from '../fixtures/families/index.js';
import { fixturesDir } from '../RuleTester.js';

type Mode = 'untyped' | 'typed';

/**
 * Fixtures that show a real disagreement between rules, or a gap of the catalog that every rule shares, left out of
 * the assertion in the modes named here (issue 13: the lead decides; the rules are not changed by the fixtures work).
 * Keys are `family/api/form`.
 */
const KNOWN_DISAGREEMENTS: ReadonlyMap<string, readonly Mode[]> = new Map<string, readonly Mode[]>([]);

interface Case {
  /** `family/api/form (header)`. */
  readonly name: string;
  /** `family/api/form`: the key of {@link KNOWN_DISAGREEMENTS}. */
  readonly key: string;
  readonly code: string;
  /** The rules that must report it, sorted; no other rule may. */
  readonly expected: readonly RuleName[];
}

interface Form {
  readonly name: string;
  readonly kind: 'leak' | 'released';
  readonly code: string;
  /** The rules that must report it, sorted. */
  readonly expected: readonly RuleName[];
}

const leakForm = (name: string, leak: Leak | undefined): Form[] =>
  leak ? [{ name, kind: 'leak', code: leak.code, expected: [...leak.reportedBy].sort() }] : [];

const releasedForm = (name: string, released: Released | undefined): Form[] =>
  released
    ? [{ name, kind: 'released', code: released.code, expected: released.preferUsing === true ? ['prefer-using'] : [] }]
    : [];

/** Every snippet of an API: its leaks report, its released forms do not. */
function formsOf(fixture: ApiFixture): Form[] {
  return [
    ...leakForm('leak', fixture.leak),
    ...releasedForm('tryFinally', fixture.tryFinally),
    ...releasedForm('callbackScoped', fixture.callbackScoped),
    ...releasedForm('using', fixture.using),
    ...leakForm('ownedLeak', fixture.ownedLeak),
    ...releasedForm('teardown', fixture.teardown),
    ...Object.entries(fixture.moreLeaks ?? {}).flatMap(([name, leak]) => leakForm(name, leak)),
    ...Object.entries(fixture.moreReleased ?? {}).flatMap(([name, released]) => releasedForm(name, released)),
  ];
}

const cases: Case[] = Object.entries(families).flatMap(([familyName, family]) =>
  Object.entries(family).flatMap(([apiName, fixture]) => {
    const headers: [string, string | undefined][] = fixture.acquisition
      ? Object.entries(fixture.acquisition).filter((entry): entry is [string, string] => entry[1] !== undefined)
      : [['global', undefined]];
    return formsOf(fixture).flatMap((form) =>
      headers.map(([headerName, header]) => ({
        name: `${familyName}/${apiName}/${form.name} (${headerName})`,
        key: `${familyName}/${apiName}/${form.name}`,
        code: withHeader(header, form.code),
        expected: form.expected,
      })),
    );
  }),
);

const linters: Record<Mode, TSESLint.Linter> = {
  untyped: new TSESLint.Linter({ configType: 'flat' }),
  typed: new TSESLint.Linter({ configType: 'flat', cwd: fixturesDir }),
};

function configFor(mode: Mode): TSESLint.FlatConfig.Config[] {
  return [
    {
      files: ['**/*.ts'],
      plugins: { cleanup: plugin },
      languageOptions: {
        parser: tsParser,
        ecmaVersion: 'latest',
        sourceType: 'module',
        ...(mode === 'typed'
          ? { parserOptions: { projectService: { defaultProject: 'tsconfig.json' }, tsconfigRootDir: fixturesDir } }
          : {}),
      },
      rules: plugin.configs.all.rules,
    },
  ];
}

const configs: Record<Mode, TSESLint.FlatConfig.Config[]> = {
  untyped: configFor('untyped'),
  typed: configFor('typed'),
};

/** The rules that report `code` (sorted, each once), and every message, for the failure output. */
function lint(code: string, mode: Mode): { rules: string[]; messages: string[] } {
  // `file.ts` is the typed fixture project's own file, as in the typed rule tester.
  const filename = mode === 'typed' ? path.join(fixturesDir, 'file.ts') : 'file.ts';
  const messages = linters[mode].verify(code, configs[mode], filename);
  return {
    rules: [...new Set(messages.map((message) => message.ruleId ?? `fatal: ${message.message}`))].sort(),
    messages: messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? ''} ${message.message}`),
  };
}

describe.each(['untyped', 'typed'] as const)('%s', (mode) => {
  const asserted = cases.filter((testCase) => KNOWN_DISAGREEMENTS.get(testCase.key)?.includes(mode) !== true);

  it.each(asserted.map((testCase) => [testCase.name, testCase] as const))(
    '%s is reported by exactly the rules its fixture names',
    (_name, testCase) => {
      const { rules, messages } = lint(testCase.code, mode);
      expect(rules, `${testCase.code}\n\n${messages.join('\n')}`).toEqual(
        testCase.expected.map((rule) => `cleanup/${rule}`),
      );
    },
  );
});

describe('the fixtures', () => {
  it('cover every family, and each API with a released form besides its leak', () => {
    // One module per family of the catalog, in its order, then timers and listeners (not catalog entries).
    expect(Object.keys(families)).toEqual([...catalogFamilies.map((family) => family.name), 'timers', 'listeners']);
    for (const [familyName, family] of Object.entries(families)) {
      for (const [apiName, fixture] of Object.entries(family)) {
        const forms = formsOf(fixture);
        expect(
          forms.filter((form) => form.kind === 'released').map((form) => form.name),
          `${familyName}/${apiName}`,
        ).not.toEqual([]);
      }
    }
  });

  it('name every known disagreement by an existing fixture', () => {
    const keys = new Set(cases.map((testCase) => testCase.key));
    expect([...KNOWN_DISAGREEMENTS.keys()].filter((key) => !keys.has(key))).toEqual([]);
  });
});
