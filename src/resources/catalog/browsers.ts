/**
 * Browsers driven by code: `puppeteer` and `playwright`. A launched browser is a process: a step that throws between
 * `launch()` and `close()` leaves it running. Closing a browser closes its contexts and pages, so a page or context
 * made from a browser acquired in the same function is covered by the browser's release (`closedWithReceiver`).
 */
import type { Acquirer, CatalogFamily, ResourceSpec } from '../catalog.js';

const PUPPETEER = ['puppeteer', 'puppeteer-core', 'puppeteer-extra'];
const PLAYWRIGHT = [
  'playwright',
  'playwright-core',
  'playwright-chromium',
  'playwright-firefox',
  'playwright-webkit',
  '@playwright/test',
];
const BROWSER_TYPES = ['chromium', 'firefox', 'webkit'];

const browser: ResourceSpec = {
  id: 'puppeteer:launch',
  kind: 'handle',
  noun: 'browser',
  release: { methods: ['close'], awaitRelease: true },
  quietOwnCalls: true,
};
/** `puppeteer.connect()` attaches to a running browser: `disconnect()` lets it go, `close()` ends it. */
const connectedBrowser: ResourceSpec = {
  id: 'puppeteer:connect',
  kind: 'handle',
  noun: 'browser connection',
  release: { methods: ['disconnect', 'close'], awaitRelease: true },
  quietOwnCalls: true,
};
const context: ResourceSpec = {
  id: 'playwright:Browser#newContext',
  kind: 'handle',
  noun: 'browser context',
  release: { methods: ['close'], awaitRelease: true },
  quietOwnCalls: true,
  closedWithReceiver: true,
};
const page: ResourceSpec = {
  id: 'playwright:BrowserContext#newPage',
  kind: 'handle',
  noun: 'page',
  release: { methods: ['close'], awaitRelease: true },
  quietOwnCalls: true,
  closedWithReceiver: true,
};

const playwrightLaunches: Acquirer[] = BROWSER_TYPES.flatMap((type): Acquirer[] => [
  { method: 'launch', source: { type: 'module', modules: PLAYWRIGHT, path: [type, 'launch'] }, resource: browser },
  { method: 'connect', source: { type: 'module', modules: PLAYWRIGHT, path: [type, 'connect'] }, resource: browser },
  {
    method: 'connectOverCDP',
    source: { type: 'module', modules: PLAYWRIGHT, path: [type, 'connectOverCDP'] },
    resource: browser,
  },
  {
    method: 'launchPersistentContext',
    source: { type: 'module', modules: PLAYWRIGHT, path: [type, 'launchPersistentContext'] },
    resource: { ...context, id: 'playwright:BrowserType#launchPersistentContext', closedWithReceiver: false },
  },
]);

const BROWSER_NAME = /browser$/i;

export const browsers: CatalogFamily = {
  name: 'browsers',
  // Not exact: a browser or context is also recognised by its name when it comes from these modules.
  provenanceModules: [],
  instances: [],
  acquirers: [
    { method: 'launch', source: { type: 'module', modules: PUPPETEER, path: ['launch'] }, resource: browser },
    {
      method: 'connect',
      source: { type: 'module', modules: PUPPETEER, path: ['connect'] },
      resource: connectedBrowser,
    },
    ...playwrightLaunches,
  ],
  // Injected browsers and contexts (`this.browser.newPage()`): a page or context per call, closed by the caller.
  nameFallbacks: [
    { method: 'newContext', source: { type: 'name', receiver: BROWSER_NAME }, resource: context },
    { method: 'createBrowserContext', source: { type: 'name', receiver: BROWSER_NAME }, resource: context },
    { method: 'createIncognitoBrowserContext', source: { type: 'name', receiver: BROWSER_NAME }, resource: context },
    { method: 'newPage', source: { type: 'name', receiver: /(?:browser|context)$/i }, resource: page },
  ],
};
