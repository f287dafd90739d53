/**
 * Guards from a second review of the session's precision heuristics (2026-12-06): real leaks that a too-wide
 * heuristic silenced for a while. Each is linted by ESLint's own \`Linter\` with \`@typescript-eslint/parser\` (JSX on,
 * the file name the case needs) and must be reported exactly as listed: message id, position, the code each
 * suggestion writes (which must parse) and the autofix output (null: no autofix).
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import tsParser from '@typescript-eslint/parser';

import plugin from '../../src/index.js';

interface Finding {
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The whole file as each suggestion rewrites it. */
  readonly suggestions: readonly string[];
}

interface Case {
  readonly name: string;
  readonly rule: string;
  readonly filename: string;
  readonly code: string;
  readonly expected: readonly Finding[];
  /** The file after `--fix`, or null when nothing is fixed. */
  readonly output: string | null;
}

const cases: readonly Case[] = [
  {
    name: 'RN DeviceEventEmitter in componentDidMount',
    rule: 'no-leaked-listener',
    filename: 'src/file.tsx',
    code: "import React from 'react';\nimport { DeviceEventEmitter } from 'react-native';\nexport class A extends React.Component {\n  componentDidMount() { DeviceEventEmitter.addListener('evt', this.onEvt); }\n  componentWillUnmount() {}\n  onEvt = () => {};\n  render() { return null; }\n}",
    expected: [
      {
        messageId: 'neverRemoved',
        line: 4,
        column: 25,
        endLine: 4,
        endColumn: 74,
        suggestions: [],
      },
    ],
    output: null,
  },
  {
    name: 'lazy init fresh target per request',
    rule: 'no-leaked-listener',
    filename: 'src/file.tsx',
    code: "import express from 'express';\nimport { createClient } from './redis';\nlet client;\nconst app = express();\napp.get('/x', (req, res) => {\n  if (!client) client = createClient();\n  client.on('error', (e) => res.end());\n  res.end();\n});",
    expected: [
      {
        messageId: 'inlineHandler',
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 39,
        suggestions: [],
      },
    ],
    output: null,
  },
  {
    name: 'setInterval in function component body',
    rule: 'no-floating-resource',
    filename: 'src/file.tsx',
    code: "export function Clock() {\n  setInterval(() => console.log('t'), 1000);\n  return <div />;\n}",
    expected: [
      {
        messageId: 'discardedInterval',
        line: 2,
        column: 3,
        endLine: 2,
        endColumn: 44,
        suggestions: [
          "export function Clock() {\n  const interval = setInterval(() => console.log('t'), 1000);\n  try {\n    return <div />;\n  } finally {\n    clearInterval(interval);\n  }\n}",
        ],
      },
    ],
    output: null,
  },
  {
    name: 'ngOnChanges interval',
    rule: 'no-leaked-timer',
    filename: 'src/file.tsx',
    code: "import { Component, OnChanges, OnDestroy } from '@angular/core';\n@Component({ selector: 'x', template: '' })\nexport class X implements OnChanges, OnDestroy {\n  private timer?: ReturnType<typeof setInterval>;\n  ngOnChanges() { this.timer = setInterval(() => this.tick(), 1000); }\n  tick() {}\n  ngOnDestroy() { clearInterval(this.timer); }\n}",
    expected: [
      {
        messageId: 'overwritten',
        line: 5,
        column: 32,
        endLine: 5,
        endColumn: 68,
        suggestions: [
          "import { Component, OnChanges, OnDestroy } from '@angular/core';\n@Component({ selector: 'x', template: '' })\nexport class X implements OnChanges, OnDestroy {\n  private timer?: ReturnType<typeof setInterval>;\n  ngOnChanges() { clearInterval(this.timer);\nthis.timer = setInterval(() => this.tick(), 1000); }\n  tick() {}\n  ngOnDestroy() { clearInterval(this.timer); }\n}",
        ],
      },
    ],
    output: null,
  },
  {
    name: 'return emitter.on in instance method',
    rule: 'no-leaked-listener',
    filename: 'src/file.tsx',
    code: "import { bus } from './bus';\nexport class Srv {\n  onData = () => {};\n  attach() { return bus.on('data', this.onData); }\n  close() {}\n}",
    expected: [
      {
        messageId: 'neverRemoved',
        line: 4,
        column: 21,
        endLine: 4,
        endColumn: 48,
        suggestions: [],
      },
    ],
    output: null,
  },
  {
    name: 'pool.connect await .catch rethrow',
    rule: 'release-in-finally',
    filename: 'src/file.tsx',
    code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function q(sql: string) {\n  const client = await pool.connect();\n  const r = await client.query(sql).catch((e) => { throw new Error(String(e)); });\n  client.release();\n  return r;\n}",
    expected: [
      {
        messageId: 'leaksOnPath',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        suggestions: [
          "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function q(sql: string) {\n  const client = await pool.connect();\n  try {\n    const r = await client.query(sql).catch((e) => { throw new Error(String(e)); });\n    return r;\n  } finally {\n    client.release();\n  }\n}",
        ],
      },
    ],
    output: null,
  },
  {
    name: 'lookup verb evidence',
    rule: 'release-in-finally',
    filename: 'src/file.tsx',
    code: "export async function job(pool) {\n  const lock = await fetchLock('k');\n  await work();\n  lock.release();\n}",
    expected: [
      {
        messageId: 'evidenceLeaksOnPath',
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 36,
        suggestions: [
          "export async function job(pool) {\n  const lock = await fetchLock('k');\n  try {\n    await work();\n  } finally {\n    lock.release();\n  }\n}",
        ],
      },
    ],
    output: null,
  },
  {
    name: 'singleton Db.query per call',
    rule: 'release-in-finally',
    filename: 'src/file.tsx',
    code: "import { Pool } from 'pg';\nclass Db {\n  pool = new Pool();\n  async query(sql: string) {\n    const client = await this.pool.connect();\n    const r = await client.query(sql);\n    client.release();\n    return r;\n  }\n}\nexport const db = new Db();",
    expected: [
      {
        messageId: 'leaksOnPath',
        line: 5,
        column: 26,
        endLine: 5,
        endColumn: 45,
        suggestions: [
          "import { Pool } from 'pg';\nclass Db {\n  pool = new Pool();\n  async query(sql: string) {\n    const client = await this.pool.connect();\n    try {\n      const r = await client.query(sql);\n      return r;\n    } finally {\n      client.release();\n    }\n  }\n}\nexport const db = new Db();",
        ],
      },
    ],
    output: null,
  },
  {
    name: 'Angular root service method',
    rule: 'release-in-finally',
    filename: 'src/file.tsx',
    code: "import { Injectable } from '@angular/core';\nimport { Pool } from 'pg';\nconst pool = new Pool();\n@Injectable({ providedIn: 'root' })\nexport class Repo {\n  async get(sql: string) {\n    const client = await pool.connect();\n    const r = await client.query(sql);\n    client.release();\n    return r;\n  }\n}",
    expected: [
      {
        messageId: 'leaksOnPath',
        line: 7,
        column: 26,
        endLine: 7,
        endColumn: 40,
        suggestions: [
          "import { Injectable } from '@angular/core';\nimport { Pool } from 'pg';\nconst pool = new Pool();\n@Injectable({ providedIn: 'root' })\nexport class Repo {\n  async get(sql: string) {\n    const client = await pool.connect();\n    try {\n      const r = await client.query(sql);\n      return r;\n    } finally {\n      client.release();\n    }\n  }\n}",
        ],
      },
    ],
    output: null,
  },
  {
    name: 'JS subclass declares a field, timer never cleared',
    rule: 'no-leaked-timer',
    filename: 'src/a.js',
    code: "import Base from './base';\nexport class Poller extends Base {\n  state = {};\n  start() { this.timer = setInterval(() => this.tick(), 1000); }\n  tick() {}\n}",
    expected: [
      {
        messageId: 'fieldNeverCleared',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 62,
        suggestions: [],
      },
    ],
    output: null,
  },
  {
    name: 'typed Page param in helper',
    rule: 'no-leaked-listener',
    filename: 'src/net.ts',
    code: "import type { Page } from '@playwright/test';\nimport { bus } from './bus';\nexport class Watch {\n  attach(page: Page) { page.on('close', () => bus.on('x', this.h)); }\n  h = () => {};\n  dispose() {}\n}",
    expected: [
      {
        messageId: 'neverRemoved',
        line: 4,
        column: 47,
        endLine: 4,
        endColumn: 66,
        suggestions: [],
      },
    ],
    output: null,
  },
];

function configFor(rule: string): Linter.Config[] {
  return [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.js'],
      plugins: { cleanup: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
      rules: { [`cleanup/${rule}`]: 'error' },
    },
  ];
}

function lint(testCase: Case): { findings: Finding[]; output: string | null } {
  const config = configFor(testCase.rule);
  const messages = new Linter({ configType: 'flat' }).verify(testCase.code, config, { filename: testCase.filename });
  const findings = messages.map((message) => ({
    messageId: message.messageId ?? message.message,
    line: message.line,
    column: message.column,
    endLine: message.endLine ?? message.line,
    endColumn: message.endColumn ?? message.column,
    suggestions: (message.suggestions ?? []).map(
      ({ fix }) => testCase.code.slice(0, fix.range[0]) + fix.text + testCase.code.slice(fix.range[1]),
    ),
  }));
  const fixed = new Linter({ configType: 'flat' }).verifyAndFix(testCase.code, config, {
    filename: testCase.filename,
  });
  return { findings, output: fixed.fixed ? fixed.output : null };
}

describe('review guards: leaks a too-wide heuristic must not silence', () => {
  for (const testCase of cases) {
    it(`${testCase.rule}: ${testCase.name}`, () => {
      const { findings, output } = lint(testCase);
      expect(findings).toEqual(testCase.expected);
      expect(output).toEqual(testCase.output);
      for (const suggested of findings.flatMap((finding) => finding.suggestions)) {
        const parsed = new Linter({ configType: 'flat' }).verify(suggested, configFor(testCase.rule), {
          filename: testCase.filename,
        });
        expect(parsed.filter((message) => message.fatal === true)).toEqual([]);
      }
    });
  }
});
