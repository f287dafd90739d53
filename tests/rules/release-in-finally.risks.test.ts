/**
 * release-in-finally on values that count only some risks (`finallyVerdict.ts` `withCountedRisk`): a stream, socket,
 * server or child process that may outlive its function counts an `await`, a `throw` or an exit before its release,
 * not a synchronous call; a browser does not count a call of its own methods that is not awaited. The first risk of
 * the statements may not count while a later one does.
 */
import rule from '../../src/rules/release-in-finally.js';
import { ruleTester } from '../RuleTester.js';

ruleTester.run('release-in-finally', rule, {
  valid: [
    {
      // only synchronous calls before the release: a write stream reports its errors as events
      code: `import fs from 'node:fs';

export function save(file, rows) {
  const out = fs.createWriteStream(file);
  out.write(header(rows));
  format(rows);
  out.end();
}`,
      filename: 'save.js',
    },
    {
      // only the browser's own method, not awaited, before the release
      code: `import puppeteer from 'puppeteer';

export async function version() {
  const browser = await puppeteer.launch();
  const version = browser.version();
  await browser.close();
  return version;
}`,
      filename: 'version.js',
    },
  ],
  invalid: [
    {
      // the first risk (a synchronous call) does not count for a stream; the `await` after it does
      code: `import fs from 'node:fs';

export async function save(file, rows) {
  const out = fs.createWriteStream(file);
  out.write(header(rows));
  await flush(rows);
  out.end();
}`,
      filename: 'save.js',
      output: `import fs from 'node:fs';

export async function save(file, rows) {
  const out = fs.createWriteStream(file);
  try {
    out.write(header(rows));
    await flush(rows);
  } finally {
    out.end();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 41,
          data: {
            resource: 'write stream `out` from `fs.createWriteStream()`',
            path: 'the `await` on line 6 rejects',
            releaseLine: '7',
          },
        },
      ],
    },
    {
      // a browser's own call does not count; another function's call after it does
      code: `import puppeteer from 'puppeteer';

export async function shot(url) {
  const browser = await puppeteer.launch();
  const version = browser.version();
  log(version);
  await browser.close();
}`,
      filename: 'shot.js',
      output: `import puppeteer from 'puppeteer';

export async function shot(url) {
  const browser = await puppeteer.launch();
  try {
    const version = browser.version();
    log(version);
  } finally {
    await browser.close();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 25,
          endLine: 4,
          endColumn: 43,
          data: {
            resource: 'browser `browser` from `puppeteer.launch()`',
            path: '`log()` on line 6 throws',
            releaseLine: '7',
          },
        },
      ],
    },
  ],
});
