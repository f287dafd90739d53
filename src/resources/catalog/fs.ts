/** Files: `node:fs` descriptors and watchers, `node:fs/promises` handles, write streams, `chokidar`. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';

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

export const fs: CatalogFamily = {
  name: 'fs',
  provenanceModules: [...FS, ...FS_PROMISES],
  instances: [],
  acquirers: [
    { method: 'openSync', source: { type: 'module', modules: FS, path: ['openSync'] }, resource: fileDescriptor },
    { method: 'open', source: { type: 'module', modules: FS_PROMISES, path: ['open'] }, resource: fileHandle },
    { method: 'open', source: { type: 'module', modules: FS, path: ['promises', 'open'] }, resource: fileHandle },
  ],
  nameFallbacks: [],
  handles: [
    { modules: FS, path: ['watch'], noun: 'file watcher', methods: ['close'] },
    { modules: FS_PROMISES, path: ['watch'], noun: 'file watcher', methods: ['return'] },
    { modules: FS, path: ['createWriteStream'], noun: 'write stream', methods: ['end', 'close', 'destroy'] },
    { modules: ['chokidar'], path: ['watch'], noun: 'file watcher', methods: ['close'], awaitRelease: true },
  ],
};
