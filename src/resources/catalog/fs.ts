/**
 * Files: `node:fs` (and its drop-in replacements `graceful-fs`, `fs-extra`) descriptors, streams and watchers,
 * `node:fs/promises` handles, `chokidar`.
 */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';
import { fromModule } from './entries.js';

const FS = ['fs'];
const FS_PROMISES = ['fs/promises'];

const fileDescriptor: ResourceSpec = {
  id: 'fs:openSync',
  kind: 'descriptor',
  noun: 'file descriptor',
  release: { functions: ['closeSync', 'close'] },
  usedByModules: ['fs'],
};
export const fileHandle: ResourceSpec = {
  id: 'fs/promises:open',
  kind: 'descriptor',
  noun: 'file handle',
  release: { methods: ['close'], awaitRelease: true },
  disposable: 'async',
  disposeMethods: ['close'],
  type: { name: 'FileHandle', module: 'fs/promises' },
};
/**
 * A write stream holds its descriptor until `end()` (on success) or `destroy()` (on error): one `end()`ed on success
 * and never destroyed when a step before it throws is the leak. Piped, returned, or handed to `stream.pipeline` /
 * `finished`, it belongs to its new owner. Read streams are not in the catalog: one closes itself at its end, and a
 * field holding one is consumed elsewhere.
 */
const writeStream: ResourceSpec = {
  id: 'fs:createWriteStream',
  kind: 'descriptor',
  noun: 'write stream',
  release: { methods: ['end', 'destroy', 'close'] },
  mayOutliveOwner: true,
};
const watcher: ResourceSpec = {
  id: 'fs:watch',
  kind: 'handle',
  noun: 'file watcher',
  release: { methods: ['close'] },
  mayOutliveOwner: true,
};
const chokidarWatcher: ResourceSpec = {
  id: 'chokidar:watch',
  kind: 'handle',
  noun: 'file watcher',
  release: { methods: ['close'], awaitRelease: true },
  mayOutliveOwner: true,
};

export const fs: CatalogFamily = {
  name: 'fs',
  provenanceModules: [...FS, ...FS_PROMISES],
  instances: [],
  acquirers: [
    fromModule(FS, 'openSync', fileDescriptor),
    fromModule(FS_PROMISES, 'open', fileHandle),
    { method: 'open', source: { type: 'module', modules: FS, path: ['promises', 'open'] }, resource: fileHandle },
    fromModule(FS, 'createWriteStream', writeStream),
    fromModule(FS, 'watch', watcher),
    fromModule(['chokidar'], 'watch', chokidarWatcher),
  ],
  nameFallbacks: [],
  // Drop-in replacements of `node:fs`: every entry above holds for them.
  moduleAliases: { 'graceful-fs': 'fs', 'fs-extra': 'fs' },
  handles: [
    // An async iterator: `for await (const event of watch(dir, { signal }))` ends with the signal or a `break`.
    { modules: FS_PROMISES, path: ['watch'], noun: 'file watcher', methods: ['return'] },
    { modules: FS, path: ['promises', 'watch'], noun: 'file watcher', methods: ['return'] },
  ],
};
