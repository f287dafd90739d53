/**
 * The catalog's tables in the docs, written from the catalog itself so that they cannot drift from it.
 * `scripts/docs-catalog.mjs` writes them between `<!-- begin generated: NAME -->` / `<!-- end generated: NAME -->`
 * markers (`npm run docs`), and checks them (`npm run docs:check`, in `npm test`).
 */
import { builtinModules } from 'node:module';

import {
  families,
  instances,
  moduleAliases,
  perCallAcquirers,
  perCallHandleAcquirers,
  type Acquirer,
  type CatalogFamily,
  type InstanceSpec,
  type ReleaseSpec,
  type ResourceSpec,
} from './catalog.js';

/** How the docs name an acquired value in release examples. */
const VALUE_NAMES: Readonly<Record<string, string>> = {
  client: 'client',
  connection: 'conn',
  lock: 'lock',
  'semaphore permit': 'permit',
  'file lock': 'release',
  'pooled resource': 'resource',
  'query runner': 'runner',
  'file descriptor': 'fd',
  'file handle': 'fh',
  transaction: 'trx',
  session: 'session',
  channel: 'channel',
  'Kafka client': 'producer',
  'AMQP connection': 'conn',
  'MongoDB client': 'client',
  'Redis client': 'client',
  'write stream': 'out',
  'file watcher': 'watcher',
  socket: 'socket',
  'TLS socket': 'socket',
  server: 'server',
  'HTTP/2 session': 'session',
  'child process': 'child',
  'readline interface': 'rl',
  WebSocket: 'ws',
  'WebSocket server': 'wss',
  dispatcher: 'agent',
  browser: 'browser',
  'browser connection': 'browser',
  'browser context': 'context',
  page: 'page',
};

const NODE_MODULES: ReadonlySet<string> = new Set(builtinModules);

const code = (text: string): string => `\`${text}\``;

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function moduleLabel(module: string): string {
  if (module.startsWith('(')) return module;
  return NODE_MODULES.has(module) ? code(`node:${module}`) : code(module);
}

function instanceById(id: string): InstanceSpec | undefined {
  return instances.find((instance) => instance.id === id);
}

function packagesOf(acquirer: Acquirer): string[] {
  switch (acquirer.source.type) {
    case 'module':
      return [...acquirer.source.modules];
    case 'instance': {
      const instance = instanceById(acquirer.source.instance);
      return instance ? unique(instance.created.flatMap((creation) => creation.modules)) : [];
    }
    default:
      return [];
  }
}

function acquisitionLabel(acquirer: Acquirer): string {
  switch (acquirer.source.type) {
    case 'module':
      return code(`${acquirer.source.path.join('.')}()`);
    case 'instance': {
      const instance = instanceById(acquirer.source.instance);
      return code(`${instance?.receiver ?? 'x'}.${acquirer.method}()`);
    }
    case 'name':
      return code(`${acquirer.source.receiver === null ? 'any' : 'x'}.${acquirer.method}()`);
    case 'user':
    case 'evidence':
      return code(`${acquirer.method}()`);
  }
}

function releaseLabel(release: ReleaseSpec, resource: ResourceSpec, receiver: string): string {
  const value = VALUE_NAMES[resource.noun] ?? 'value';
  const shapes: string[] = [];
  for (const method of release.methods ?? []) shapes.push(code(`${value}.${method}()`));
  if (release.callValue === true) shapes.push(`the returned function: ${code(`${value}()`)}`);
  for (const method of release.receiverMethods ?? []) shapes.push(code(`${receiver}.${method}()`));
  for (const fn of release.functions ?? []) shapes.push(code(`${fn}(${value})`));
  for (const fn of release.pairedFunctions ?? []) shapes.push(`${code(`${fn}(file)`)} with the same argument`);
  const notes: string[] = [];
  if (resource.mayOutliveOwner === true) notes.push('judged only where the function releases it on some path');
  if (resource.closesOnOwnError === true) notes.push('an `await` on its own events is no risk');
  if (resource.closedWithReceiver === true) notes.push(`not needed when ${code(receiver)} is acquired in the function`);
  return notes.length > 0 ? `${shapes.join(', ')} (${notes.join('; ')})` : shapes.join(', ');
}

function receiverOf(acquirer: Acquirer): string {
  return acquirer.source.type === 'instance' ? (instanceById(acquirer.source.instance)?.receiver ?? 'x') : 'x';
}

/** `(same API as `node:fs`)` after a module that stands for another. */
function aliasNote(module: string): string {
  const target = moduleAliases.get(module);
  return target === undefined ? '' : ` (same API as ${moduleLabel(target)})`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * release-in-finally: every acquisition the catalog knows by provenance, and how it is released; acquisitions of the
 * same packages released the same way share a row (`chromium.launch()`, `firefox.launch()`).
 */
export function acquisitionTable(): string {
  const lines = [row(['Package', 'Acquisition', 'Release']), row(['---', '---', '---'])];
  for (const family of families) {
    const rows = new Map<string, { readonly packages: string; readonly labels: string[]; readonly release: string }>();
    for (const acquirer of family.acquirers) {
      const packages = packagesOf(acquirer).map(moduleLabel).join(', ');
      const release = releaseLabel(acquirer.resource.release, acquirer.resource, receiverOf(acquirer));
      const key = `${packages}\n${release}`;
      const entry = rows.get(key) ?? { packages, labels: [], release };
      entry.labels.push(acquisitionLabel(acquirer));
      rows.set(key, entry);
    }
    for (const { packages, labels, release } of rows.values()) lines.push(row([packages, labels.join(', '), release]));
    // Clients made per call: `new MongoClient(url)` in a function is that function's to close.
    for (const instance of family.instances) {
      if (!perCallAcquirers.has(instance)) continue;
      const made = unique(
        instance.created.map((creation) =>
          code(creation.path.length > 0 ? `${creation.path.join('.')}()` : `${instance.receiver}()`),
        ),
      );
      lines.push(
        row([
          unique(instance.created.flatMap((creation) => creation.modules))
            .map(moduleLabel)
            .join(', '),
          `${made.join(', ')} in a function`,
          (instance.close?.methods ?? []).map((method) => code(`${instance.receiver}.${method}()`)).join(', '),
        ]),
      );
    }
    // Handles made per call (`new WebSocket(url)` in a function), one row per package and release.
    const handleRows = new Map<
      string,
      { readonly packages: string; readonly made: string[]; readonly release: string }
    >();
    for (const handle of family.handles ?? []) {
      const acquirer = perCallHandleAcquirers.get(handle);
      if (!acquirer) continue;
      const packages = handle.modules.map(moduleLabel).join(', ');
      const release = releaseLabel(acquirer.resource.release, acquirer.resource, 'x');
      const key = `${packages}\n${release}`;
      const entry = handleRows.get(key) ?? { packages, made: [], release };
      entry.made.push(handle.path.length > 0 ? code(`new ${handle.path.join('.')}()`) : '`new` of the default export');
      handleRows.set(key, entry);
    }
    for (const { packages, made, release } of handleRows.values()) {
      lines.push(row([packages, `${made.join(', ')} in a function`, release]));
    }
  }
  return lines.join('\n');
}

/** Every rule: the acquisitions recognised by the receiver's name alone (`settings.cleanup.nameFallbacks`). */
export function nameFallbackTable(): string {
  const lines = [row(['Receiver name', 'Acquisition', 'Release']), row(['---', '---', '---'])];
  for (const family of families) {
    for (const acquirer of family.nameFallbacks) {
      if (acquirer.source.type !== 'name') continue;
      const { receiver, modules } = acquirer.source;
      // A `|` inside a table cell ends the cell, even inside backticks.
      const name = receiver === null ? 'any' : code(receiver.toString().replaceAll('|', '\\|'));
      lines.push(
        row([
          modules ? `${name}, in a file that names ${modules.map((module) => code(module)).join(' or ')}` : name,
          acquisitionLabel(acquirer),
          releaseLabel(acquirer.resource.release, acquirer.resource, 'x'),
        ]),
      );
    }
  }
  return lines.join('\n');
}

/** dispose-owned-resources: the objects an owner must close, and how. */
export function handleTable(): string {
  const lines = [row(['Package', 'Created by', 'Closed by']), row(['---', '---', '---'])];
  for (const family of families) {
    for (const instance of family.instances) {
      if (!instance.close) continue;
      const created = instance.created.map((creation) =>
        code(creation.path.length > 0 ? creation.path.join('.') : 'default export'),
      );
      lines.push(
        row([
          unique(instance.created.flatMap((creation) => creation.modules))
            .map(moduleLabel)
            .join(', '),
          unique(created).join(', '),
          instance.close.methods.map((method) => code(`${instance.receiver}.${method}()`)).join(', '),
        ]),
      );
    }
    for (const handle of family.handles ?? []) {
      lines.push(
        row([
          handle.modules.map(moduleLabel).join(', '),
          code(handle.path.length > 0 ? handle.path.join('.') : 'default export'),
          handle.methods.map((method) => code(`.${method}()`)).join(', '),
        ]),
      );
    }
    for (const global of family.globals ?? []) {
      lines.push(
        row(['global', code(`new ${global.name}()`), global.methods.map((method) => code(`.${method}()`)).join(', ')]),
      );
    }
  }
  return lines.join('\n');
}

/** no-shared-connection: what counts as one connection, and what is made to be shared. */
export function sharingTable(): string {
  const lines = [
    row(['Package', 'Single connection (reported when shared)', 'Shareable (never reported)']),
    row(['---', '---', '---']),
  ];
  for (const family of families) {
    const byPackage = new Map<string, { single: string[]; shared: string[] }>();
    const add = (packages: readonly string[], what: string, single: boolean): void => {
      const key = unique(packages).map(moduleLabel).join(', ');
      const entry = byPackage.get(key) ?? { single: [], shared: [] };
      (single ? entry.single : entry.shared).push(what);
      byPackage.set(key, entry);
    };
    for (const instance of family.instances) {
      if (instance.singleConnection !== true && instance.shareable !== true) continue;
      const created = unique(
        instance.created.map((creation) =>
          code(creation.path.length > 0 ? `${creation.path.join('.')}()` : `default export`),
        ),
      );
      add(
        instance.created.flatMap((creation) => creation.modules),
        created.join(', '),
        instance.singleConnection === true,
      );
    }
    for (const acquirer of [...family.acquirers, ...family.nameFallbacks]) {
      const { resource } = acquirer;
      if (resource.kind !== 'connection') continue;
      const single = resource.singleConnection === true || resource.shareable !== true;
      const packages = packagesOf(acquirer);
      add(packages.length > 0 ? packages : ['(any package, by name)'], acquisitionLabel(acquirer), single);
    }
    for (const [packages, { single, shared }] of byPackage) {
      lines.push(row([packages, single.join(', ') || '', shared.join(', ') || '']));
    }
  }
  return lines.join('\n');
}

/** The README's list of the packages the catalog knows. */
export function knownPackages(): string {
  const names = unique(
    families.flatMap((family: CatalogFamily) => [
      ...family.instances.flatMap((instance) => instance.created.flatMap((creation) => creation.modules)),
      ...family.acquirers.flatMap(packagesOf),
      ...(family.handles ?? []).flatMap((handle) => handle.modules),
      ...Object.keys(family.moduleAliases ?? {}),
    ]),
  ).filter((name) => !name.includes('/') || name.startsWith('@'));
  const labels = names.map((name) => `${moduleLabel(name)}${aliasNote(name)}`);
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1) ?? ''}`;
}

/** Every generated block, by the name its markers carry. */
export const generatedBlocks: Readonly<Record<string, () => string>> = {
  acquisitions: acquisitionTable,
  'name-fallbacks': nameFallbackTable,
  handles: handleTable,
  sharing: sharingTable,
  'known-packages': knownPackages,
};
