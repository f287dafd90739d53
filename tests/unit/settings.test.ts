import { describe, expect, it } from 'vitest';

import { effectHookNames, teardownMethodNames } from '../../src/resources/vocabulary.js';

import { defaultScriptFiles, defaultTestFiles, normalizeModule, readSettings } from '../../src/resources/settings.js';
import { globToRegExp } from '../../src/util/glob.js';

describe('readSettings', () => {
  it('defaults when there are no settings', () => {
    const defaults = {
      nameFallbacks: true,
      resources: [],
      teardownMethods: [
        ...teardownMethodNames,
        ...teardownMethodNames.filter((name) => !name.startsWith('[')).map((name) => `_${name}`),
      ],
      effectHooks: effectHookNames,
      moduleAliases: new Map(),
      borrowKeys: new Set(['transaction', 'session', 'client']),
      tests: 'skip',
      testFiles: defaultTestFiles.map((glob) => globToRegExp(glob)),
      scriptFiles: defaultScriptFiles.map((glob) => globToRegExp(glob)),
    };
    expect(readSettings(undefined)).toEqual(defaults);
    expect(readSettings({})).toEqual(defaults);
  });

  it('gives every rule the same teardown methods (with their protected hooks) and effect hooks', () => {
    const settings = readSettings({
      cleanup: { teardownMethods: ['halt', '[Symbol.dispose]'], effectHooks: ['useMountEffect'] },
    });
    expect(settings.teardownMethods).toEqual(['halt', '[Symbol.dispose]', '_halt']);
    expect(settings.effectHooks).toEqual(['useMountEffect']);
    expect(() => readSettings({ cleanup: { teardownMethods: 'stop' } })).toThrow(
      'settings.cleanup.teardownMethods must be an array of non-empty strings.',
    );
    expect(() => readSettings({ cleanup: { effectHooks: [''] } })).toThrow(
      'settings.cleanup.effectHooks must be an array of non-empty strings.',
    );
  });

  it('parses a resource entry into the shape of the catalog, once per settings object', () => {
    const settings = {
      cleanup: {
        nameFallbacks: false,
        resources: [
          {
            module: 'node:net',
            receiver: 'Socket$',
            acquire: 'grab',
            release: { methods: ['drop'], awaitRelease: true },
            kind: 'connection',
            noun: 'socket',
          },
        ],
      },
    };
    const parsed = readSettings(settings);
    expect(parsed.nameFallbacks).toBe(false);
    expect(parsed.resources).toHaveLength(1);
    const [entry] = parsed.resources;
    expect(entry?.method).toBe('grab');
    expect(entry?.source).toEqual({ type: 'user', module: 'net', receiver: /Socket$/u });
    expect(entry?.resource).toMatchObject({
      kind: 'connection',
      noun: 'socket',
      release: { methods: ['drop'], awaitRelease: true },
    });
    expect(readSettings(settings)).toBe(parsed);
  });

  it("reads `scope: 'callback'`: the call given a callback is the scoped form; without `release` it is all the entry says", () => {
    const parsed = readSettings({
      cleanup: {
        resources: [
          { receiver: '^db$', acquire: 'transaction', release: { methods: ['commit', 'rollback'] }, scope: 'callback' },
          { receiver: '^db$', acquire: 'transaction', scope: 'callback' },
          { receiver: '^db$', acquire: 'checkout', release: { methods: ['checkin'] } },
        ],
      },
    });
    const [withRelease, scopedOnly, plain] = parsed.resources;
    expect(withRelease).toMatchObject({
      callbackForm: true,
      resource: { release: { methods: ['commit', 'rollback'] } },
    });
    expect(withRelease?.scopedOnly).toBeUndefined();
    expect(scopedOnly).toMatchObject({ callbackForm: true, scopedOnly: true, resource: { release: {} } });
    expect(plain?.callbackForm).toBeUndefined();
  });

  it.each([
    [{ cleanup: 'yes' }, 'settings.cleanup must be an object.'],
    [{ cleanup: { extra: 1 } }, 'settings.cleanup.extra is not a known property.'],
    [{ cleanup: { resources: {} } }, 'settings.cleanup.resources must be an array.'],
    [{ cleanup: { resources: [1] } }, 'settings.cleanup.resources[0] must be an object.'],
    [
      { cleanup: { resources: [{ release: { methods: ['x'] } }] } },
      'settings.cleanup.resources[0].acquire is required',
    ],
    [{ cleanup: { resources: [{ acquire: 'a', release: {} }] } }, 'names no release'],
    [{ cleanup: { resources: [{ acquire: 'a' }] } }, 'resources[0].release must be an object such as'],
    [
      { cleanup: { resources: [{ acquire: 'a', scope: 'value', release: { methods: ['x'] } }] } },
      "settings.cleanup.resources[0].scope must be 'callback'",
    ],
    [{ cleanup: { resources: [{ acquire: 'a', release: 'x' }] } }, 'must be an object such as'],
    [
      { cleanup: { resources: [{ acquire: 'a', release: { methods: 'x' } }] } },
      'release.methods must be an array of non-empty strings.',
    ],
    [{ cleanup: { resources: [{ acquire: 'a', release: { callValue: 1 } }] } }, 'release.callValue must be a boolean.'],
    [
      { cleanup: { resources: [{ acquire: 'a', release: { methods: ['x'], other: 1 } }] } },
      'release.other is not a known property.',
    ],
    [
      { cleanup: { resources: [{ acquire: 'a', receiver: '(', release: { methods: ['x'] } }] } },
      'receiver is not a valid regular expression',
    ],
    [{ cleanup: { resources: [{ acquire: 'a', kind: 'car', release: { methods: ['x'] } }] } }, 'kind must be one of'],
    [{ cleanup: { resources: [{ acquire: '', release: { methods: ['x'] } }] } }, 'acquire must be a non-empty string.'],
    [{ cleanup: { nameFallbacks: 'no' } }, 'settings.cleanup.nameFallbacks must be a boolean.'],
    [
      { cleanup: { tests: 'ignore' } },
      "settings.cleanup.tests must be 'skip' (the default: quiet in test code) or 'check'.",
    ],
    [{ cleanup: { tests: false } }, "settings.cleanup.tests must be 'skip'"],
    [{ cleanup: { testFiles: 'e2e/**' } }, 'settings.cleanup.testFiles must be an array of non-empty strings.'],
    [
      { cleanup: { testFiles: ['e2e/**', 'src/*.{test,spec.ts'] } },
      'settings.cleanup.testFiles[1] is not a valid glob: unbalanced `{` in the glob `src/*.{test,spec.ts`.',
    ],
  ])('rejects %j with a message naming the key', (settings, message) => {
    expect(() => readSettings(settings)).toThrow(message);
  });

  it('throws one line about the configuration, not a stack trace (ESLint prints `stack` under its banner)', () => {
    let thrown: unknown;
    try {
      readSettings({ cleanup: { resources: [{ release: { methods: ['close'] } }] } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const error = thrown as Error;
    expect(error.stack).toBe(
      'eslint-plugin-cleanup: settings.cleanup.resources[0].acquire is required: the method or function that acquires.',
    );
    // ESLint appends the file and the rule to the message; the printed stack stays one line.
    error.message += '\nOccurred while linting /x.js:1';
    expect(error.stack?.split('\n')).toHaveLength(1);
  });

  it("reads `tests` ('skip' or 'check') and `testFiles` (globs in place of the defaults)", () => {
    const settings = readSettings({ cleanup: { tests: 'check', testFiles: ['e2e/**', '**/*.e2e.ts'] } });
    expect(settings.tests).toBe('check');
    expect(settings.testFiles).toEqual([globToRegExp('e2e/**'), globToRegExp('**/*.e2e.ts')]);
    expect(readSettings({ cleanup: { tests: 'skip', testFiles: [] } })).toMatchObject({ tests: 'skip', testFiles: [] });
  });

  it('reads `moduleAliases`: module names (without `node:`) that stand for another module', () => {
    const settings = readSettings({ cleanup: { moduleAliases: { '@acme/fs': 'node:fs', 'node:fs2': 'fs' } } });
    expect([...settings.moduleAliases]).toEqual([
      ['@acme/fs', 'fs'],
      ['fs2', 'fs'],
    ]);
    expect(() => readSettings({ cleanup: { moduleAliases: ['fs'] } })).toThrow(
      'eslint-plugin-cleanup: settings.cleanup.moduleAliases must be an object such as `{ "@acme/fs": "node:fs" }`.',
    );
    expect(() => readSettings({ cleanup: { moduleAliases: { '@acme/fs': 1 } } })).toThrow(
      'eslint-plugin-cleanup: settings.cleanup.moduleAliases["@acme/fs"] must be a non-empty string.',
    );
    expect(() => readSettings({ cleanup: { moduleAliases: { '@acme/fs': '' } } })).toThrow(
      'eslint-plugin-cleanup: settings.cleanup.moduleAliases["@acme/fs"] must be a non-empty string.',
    );
    expect(() => readSettings({ cleanup: { moduleAliases: { '': 'fs' } } })).toThrow(
      'eslint-plugin-cleanup: settings.cleanup.moduleAliases[""] must map a module name to a module name.',
    );
  });

  it('normalises node: module names', () => {
    expect(normalizeModule('node:fs/promises')).toBe('fs/promises');
    expect(normalizeModule('pg')).toBe('pg');
  });
});
