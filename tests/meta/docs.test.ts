/**
 * Rule docs (STYLE.md items 20, 22): the required sections in order, and every example linted with the real ESLint
 * `Linter`: a ❌ example must report this rule at least once, a ✅ example must not report it at all.
 *
 * Sections: the first level-2 heading is `## Examples`, then optional `## Options` and `## With type information`,
 * then `## When Not To Use It` and `## Limitations`, the last. Rule-specific sections (say `## Resources`) may sit
 * between `## Examples` and `## When Not To Use It`.
 *
 * Which examples are linted:
 * - `## Examples`: every fenced block; the last line with ❌ or ✅ before a block (in the same section) classifies it;
 * - any other section: the blocks with such a marker line before them (unmarked blocks, such as config snippets, are
 *   left alone);
 * - blocks of `## With type information`, and all blocks of a rule that requires type checking, are linted with type
 *   information (the project service over tests/fixtures, as in the typed rule tester).
 *
 * Languages: `ts`/`tsx` use @typescript-eslint/parser, `js`/`jsx` ESLint's default parser (espree). An example
 * that needs options configures them with an inline `/* eslint cleanup/<rule>: ["error", {…}] *\/` comment; one that
 * needs shared settings starts with a `// settings: {"cleanup": {…}}` line (JSON), as ESLint has no inline comment for
 * settings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import plugin, { rules } from '../../src/index.js';
import { fixturesDir } from '../RuleTester.js';

const docsDir = new URL('../../docs/rules/', import.meta.url);

const FIRST = 'Examples';
const OPTIONAL = ['Options', 'With type information'];
const LAST = ['When Not To Use It', 'Limitations'];
const KNOWN = new Set([FIRST, ...OPTIONAL, ...LAST]);

type Marker = '❌' | '✅';
type Language = 'ts' | 'tsx' | 'js' | 'jsx';

const LANGUAGES: Record<string, Language> = {
  ts: 'ts',
  typescript: 'ts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  jsx: 'jsx',
};

interface CodeBlock {
  /** 1-based index of the block in the doc, counting every fenced block. */
  index: number;
  /** 1-based line of the opening fence. */
  line: number;
  section: string | null;
  info: string;
  marker: Marker | null;
  code: string;
}

interface ParsedDoc {
  /** Level-2 headings outside code blocks, in order. */
  sections: string[];
  blocks: CodeBlock[];
}

function parseDoc(text: string): ParsedDoc {
  const lines = text.split(/\r?\n/);
  const sections: string[] = [];
  const blocks: CodeBlock[] = [];
  let section: string | null = null;
  let marker: Marker | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
    if (fence) {
      const [, open, info = ''] = fence;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length; i++) {
        const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[i]!);
        if (closing && closing[1]![0] === open![0] && closing[1]!.length >= open!.length) break;
        body.push(lines[i]!);
      }
      blocks.push({
        index: blocks.length + 1,
        line: start + 1,
        section,
        info: info.toLowerCase(),
        marker,
        code: `${body.join('\n')}\n`,
      });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      if (heading[1] === '##') {
        section = heading[2]!;
        sections.push(section);
      }
      marker = null;
      continue;
    }
    const bad = line.includes('❌');
    const good = line.includes('✅');
    if (bad && good) throw new Error(`line ${i + 1} has both ❌ and ✅: put each marker on its own line`);
    if (bad) marker = '❌';
    if (good) marker = '✅';
  }
  return { sections, blocks };
}

const untypedLinter = new TSESLint.Linter({ configType: 'flat' });
const typedLinter = new TSESLint.Linter({ configType: 'flat', cwd: fixturesDir });

const FILES = ['**/*.js', '**/*.jsx', '**/*.ts', '**/*.tsx'];

function lint(ruleName: string, block: CodeBlock, language: Language, typed: boolean): TSESLint.Linter.LintMessage[] {
  const jsx = language === 'tsx' || language === 'jsx';
  const isTs = language === 'ts' || language === 'tsx';
  const config: TSESLint.FlatConfig.Config = {
    files: FILES,
    plugins: { cleanup: plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      ...(isTs || typed ? { parser: tsParser } : {}),
      parserOptions: {
        ecmaFeatures: { jsx },
        ...(typed
          ? {
              projectService: {
                allowDefaultProject: ['docs-example.*'],
                defaultProject: 'tsconfig.json',
              },
              tsconfigRootDir: fixturesDir,
            }
          : {}),
      },
    },
    rules: { [`cleanup/${ruleName}`]: 'error' },
    settings: settingsOf(block),
  };
  const filename = typed ? path.join(fixturesDir, `docs-example.${language}`) : `docs-example.${language}`;
  return (typed ? typedLinter : untypedLinter).verify(block.code, [config], filename);
}

/** The settings a `// settings: {…}` line of the example gives, or none. */
function settingsOf(block: CodeBlock): Record<string, unknown> {
  const line = /^\/\/ settings: (\{.*\})$/m.exec(block.code);
  return line?.[1] === undefined ? {} : (JSON.parse(line[1]) as Record<string, unknown>);
}

function describeMessages(messages: TSESLint.Linter.LintMessage[]): string {
  return messages.length === 0
    ? '(none)'
    : messages
        .map((message) => `\n    ${message.line}:${message.column} ${message.ruleId ?? '(parser)'}: ${message.message}`)
        .join('');
}

const ruleEntries = Object.entries(rules);

describe.each(ruleEntries)('docs/rules/%s.md', (name, rule) => {
  const file = new URL(`${name}.md`, docsDir);
  const doc = `docs/rules/${name}.md`;
  let parsed: ParsedDoc | null = null;
  let readError: unknown = null;
  try {
    parsed = parseDoc(readFileSync(file, 'utf8'));
  } catch (error) {
    readError = error;
  }

  it('exists and parses', () => {
    expect(readError, `${doc}: ${String(readError)}`).toBeNull();
  });
  if (!parsed) return;
  const { sections, blocks } = parsed;

  it('has the required sections in order', () => {
    const known = sections.filter((title) => KNOWN.has(title));
    const expected = [FIRST, ...OPTIONAL.filter((title) => sections.includes(title)), ...LAST];
    expect(known, `${doc}: the standard level-2 headings, in order, once each`).toEqual(expected);
    expect(sections[0], `${doc}: the first level-2 heading`).toBe(FIRST);
    // Rule-specific sections go between the examples and "When Not To Use It".
    expect(sections.slice(-LAST.length), `${doc}: the last level-2 headings`).toEqual(LAST);
  });

  it('has at least one ❌ and one ✅ example', () => {
    const examples = blocks.filter((block) => block.section === FIRST);
    expect(
      examples.some((block) => block.marker === '❌'),
      `${doc}: no ❌ example under ## Examples`,
    ).toBe(true);
    expect(
      examples.some((block) => block.marker === '✅'),
      `${doc}: no ✅ example under ## Examples`,
    ).toBe(true);
  });

  const linted = blocks.filter((block) => block.section !== null && (block.section === FIRST || block.marker !== null));
  if (linted.length === 0) return;

  const cases = linted.map(
    (block) =>
      [
        `block #${block.index} (line ${block.line}, ${block.marker ?? 'unmarked'}, ## ${block.section})`,
        block,
      ] as const,
  );
  it.each(cases)('%s', (_title, block) => {
    const where = `${doc}: code block #${block.index} (line ${block.line}, under ## ${block.section})`;
    expect(block.marker, `${where} has no ❌/✅ marker line before it`).not.toBeNull();
    const language = LANGUAGES[block.info];
    expect(
      language,
      `${where} has language "${block.info}"; use one of ${Object.keys(LANGUAGES).join(', ')}`,
    ).toBeDefined();

    const typed = block.section === 'With type information' || rule.meta.docs?.requiresTypeChecking === true;
    const messages = lint(name, block, language!, typed);
    // Parse errors, and "No matching configuration" (not `fatal`): either means the rule never ran.
    const fatal = messages.filter((message) => message.fatal === true || message.ruleId === null);
    expect(fatal, `${where} does not parse:${describeMessages(fatal)}`).toEqual([]);
    const own = messages.filter((message) => message.ruleId === `cleanup/${name}`);
    if (block.marker === '❌') {
      expect(
        own.length,
        `${where} is marked ❌ but cleanup/${name} reports nothing. All messages:${describeMessages(messages)}`,
      ).toBeGreaterThan(0);
    } else {
      expect(own, `${where} is marked ✅ but cleanup/${name} reports:${describeMessages(own)}`).toEqual([]);
    }
  });
});
