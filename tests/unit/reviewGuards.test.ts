/**
 * Guards from a second review of the session's precision heuristics (2026-12-06): real leaks that a too-wide
 * heuristic silenced for a while. Each is linted by ESLint's own \`Linter\` with \`@typescript-eslint/parser\` (JSX on,
 * the file name the case needs) and must be reported exactly as listed: rule message id and line.
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import tsParser from '@typescript-eslint/parser';

import plugin from '../../src/index.js';

interface Case {
  readonly name: string;
  readonly rule: string;
  readonly filename: string;
  readonly code: string;
  /** `[messageId, line]` of every finding. */
  readonly expected: readonly (readonly [string, number])[];
}

const cases: readonly Case[] = [
  {
    name: 'RN DeviceEventEmitter in componentDidMount',
    rule: 'no-leaked-listener',
    filename: 'src/file.tsx',
    code: "import React from 'react';\nimport { DeviceEventEmitter } from 'react-native';\nexport class A extends React.Component {\n  componentDidMount() { DeviceEventEmitter.addListener('evt', this.onEvt); }\n  componentWillUnmount() {}\n  onEvt = () => {};\n  render() { return null; }\n}",
    expected: [['neverRemoved', 4]],
  },
  {
    name: 'lazy init fresh target per request',
    rule: 'no-leaked-listener',
    filename: 'src/file.tsx',
    code: "import express from 'express';\nimport { createClient } from './redis';\nlet client;\nconst app = express();\napp.get('/x', (req, res) => {\n  if (!client) client = createClient();\n  client.on('error', (e) => res.end());\n  res.end();\n});",
    expected: [['inlineHandler', 7]],
  },
  {
    name: 'setInterval in function component body',
    rule: 'no-floating-resource',
    filename: 'src/file.tsx',
    code: "export function Clock() {\n  setInterval(() => console.log('t'), 1000);\n  return <div />;\n}",
    expected: [['discardedInterval', 2]],
  },
  {
    name: 'ngOnChanges interval',
    rule: 'no-leaked-timer',
    filename: 'src/file.tsx',
    code: "import { Component, OnChanges, OnDestroy } from '@angular/core';\n@Component({ selector: 'x', template: '' })\nexport class X implements OnChanges, OnDestroy {\n  private timer?: ReturnType<typeof setInterval>;\n  ngOnChanges() { this.timer = setInterval(() => this.tick(), 1000); }\n  tick() {}\n  ngOnDestroy() { clearInterval(this.timer); }\n}",
    expected: [['overwritten', 5]],
  },
  {
    name: 'return emitter.on in instance method',
    rule: 'no-leaked-listener',
    filename: 'src/file.tsx',
    code: "import { bus } from './bus';\nexport class Srv {\n  onData = () => {};\n  attach() { return bus.on('data', this.onData); }\n  close() {}\n}",
    expected: [['neverRemoved', 4]],
  },
  {
    name: 'pool.connect await .catch rethrow',
    rule: 'release-in-finally',
    filename: 'src/file.tsx',
    code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function q(sql: string) {\n  const client = await pool.connect();\n  const r = await client.query(sql).catch((e) => { throw new Error(String(e)); });\n  client.release();\n  return r;\n}",
    expected: [['leaksOnPath', 4]],
  },
  {
    name: 'lookup verb evidence',
    rule: 'release-in-finally',
    filename: 'src/file.tsx',
    code: "export async function job(pool) {\n  const lock = await fetchLock('k');\n  await work();\n  lock.release();\n}",
    expected: [['evidenceLeaksOnPath', 2]],
  },
  {
    name: 'singleton Db.query per call',
    rule: 'release-in-finally',
    filename: 'src/file.tsx',
    code: "import { Pool } from 'pg';\nclass Db {\n  pool = new Pool();\n  async query(sql: string) {\n    const client = await this.pool.connect();\n    const r = await client.query(sql);\n    client.release();\n    return r;\n  }\n}\nexport const db = new Db();",
    expected: [['leaksOnPath', 5]],
  },
  {
    name: 'Angular root service method',
    rule: 'release-in-finally',
    filename: 'src/file.tsx',
    code: "import { Injectable } from '@angular/core';\nimport { Pool } from 'pg';\nconst pool = new Pool();\n@Injectable({ providedIn: 'root' })\nexport class Repo {\n  async get(sql: string) {\n    const client = await pool.connect();\n    const r = await client.query(sql);\n    client.release();\n    return r;\n  }\n}",
    expected: [['leaksOnPath', 7]],
  },
  {
    name: 'JS subclass declares a field, timer never cleared',
    rule: 'no-leaked-timer',
    filename: 'src/a.js',
    code: "import Base from './base';\nexport class Poller extends Base {\n  state = {};\n  start() { this.timer = setInterval(() => this.tick(), 1000); }\n  tick() {}\n}",
    expected: [['fieldNeverCleared', 4]],
  },
  {
    name: 'typed Page param in helper',
    rule: 'no-leaked-listener',
    filename: 'src/net.ts',
    code: "import type { Page } from '@playwright/test';\nimport { bus } from './bus';\nexport class Watch {\n  attach(page: Page) { page.on('close', () => bus.on('x', this.h)); }\n  h = () => {};\n  dispose() {}\n}",
    expected: [['neverRemoved', 4]],
  },
];

function lint(testCase: Case): (readonly [string, number])[] {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.js'],
      plugins: { cleanup: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
      rules: { [`cleanup/${testCase.rule}`]: 'error' },
    },
  ];
  return linter
    .verify(testCase.code, config, { filename: testCase.filename })
    .map((message) => [message.messageId ?? message.message, message.line] as const);
}

describe('review guards: leaks a too-wide heuristic must not silence', () => {
  for (const testCase of cases) {
    it(`${testCase.rule}: ${testCase.name}`, () => {
      expect(lint(testCase)).toEqual(testCase.expected);
    });
  }
});
