/**
 * The catalog (src/resources/catalog/): one entry per API, assembled in one place, and the docs' tables written from
 * it (src/resources/catalogDocs.ts) match what the docs say.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { acquirers, catalogModules, families, handleSpecs, instances } from '../../src/resources/catalog.js';
import { generatedBlocks } from '../../src/resources/catalogDocs.js';

describe('catalog', () => {
  it('assembles every family, provenance acquirers before name fallbacks', () => {
    expect(families.map((family) => family.name)).toEqual([
      'locks',
      'sql',
      'pools',
      'orm',
      'documents',
      'messaging',
      'sqlite',
      'fs',
      'net',
      'processes',
      'browsers',
      'globals',
    ]);
    const firstFallback = acquirers.findIndex((acquirer) => acquirer.source.type === 'name');
    expect(firstFallback).toBeGreaterThan(0);
    expect(acquirers.slice(firstFallback).every((acquirer) => acquirer.source.type === 'name')).toBe(true);
    // A receiver named `redlock` ends with `lock`: the more specific fallback comes first.
    const names = acquirers.flatMap((acquirer) =>
      acquirer.source.type === 'name' ? [String(acquirer.source.receiver)] : [],
    );
    expect(names.indexOf('/redlock$/i')).toBeLessThan(names.indexOf('/(?:mutex|mtx|lock|semaphore|sema)$/i'));
  });

  it('gives every instance id once, and every instance acquirer an instance', () => {
    const ids = instances.map((instance) => instance.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const acquirer of acquirers) {
      if (acquirer.source.type === 'instance') expect(ids).toContain(acquirer.source.instance);
    }
    // What an owner closes: handles (`new Worker()`, `new WebSocket()`) and, since issue 15, the acquisitions that may
    // outlive their function (`fs.watch()`, `net.connect()`, `http.createServer()`, `spawn()`).
    const outliving = acquirers.filter((acquirer) => acquirer.resource.mayOutliveOwner === true);
    expect(handleSpecs.length + outliving.length).toBeGreaterThan(20);
  });

  it('matches by provenance only the modules it models exactly', () => {
    expect([...catalogModules].sort()).toEqual([
      'amqplib',
      'async-mutex',
      'async-sema',
      'fs',
      'fs/promises',
      'generic-pool',
      'kafkajs',
      'mysql',
      'mysql2',
      'mysql2/promise',
      'pg',
      'pg-pool',
      'proper-lockfile',
      'redlock',
      'typeorm',
    ]);
  });
});

describe('the docs tables written from the catalog', () => {
  const docs: Record<string, string> = {
    acquisitions: 'docs/rules/release-in-finally.md',
    sharing: 'docs/rules/no-shared-connection.md',
    handles: 'docs/rules/dispose-owned-resources.md',
    'known-packages': 'README.md',
  };

  it.each(Object.entries(docs))('%s in %s is up to date (`npm run docs` writes it)', (name, file) => {
    const render = generatedBlocks[name];
    expect(render).toBeDefined();
    const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    expect(text).toContain(`<!-- begin generated: ${name} -->\n${render?.() ?? ''}\n<!-- end generated: ${name} -->`);
  });

  it('lists every provenance acquisition and every handle', () => {
    const acquisitions = generatedBlocks['acquisitions']?.() ?? '';
    expect(acquisitions).toContain('| `pg`, `pg-pool` | `pool.connect()` | `client.release()` |');
    expect(acquisitions).toContain('| `node:fs` | `openSync()` | `closeSync(fd)`, `close(fd)` |');
    const handles = generatedBlocks['handles']?.() ?? '';
    expect(handles).toContain('| `node:worker_threads` | `Worker` | `.terminate()` |');
    expect(handles).toContain('| global | `new ResizeObserver()` | `.disconnect()` |');
    const fallbacks = generatedBlocks['name-fallbacks']?.() ?? '';
    expect(fallbacks).toContain('| any | `any.createQueryRunner()` | `runner.release()` |');
    const known = generatedBlocks['known-packages']?.() ?? '';
    expect(known).toMatch(/^`async-mutex`, .* and `[^`]+`$/);
    // Every family is listed, the module aliases (`graceful-fs` is `node:fs`) too.
    for (const name of ['`node:child_process`', '`puppeteer`', '`playwright`', '`graceful-fs`', '`fs-extra`'])
      expect(known).toContain(name);
  });
});
