/** Embedded databases: `better-sqlite3`, `sqlite3` and `sqlite` (`open()`), each open until `close()`. */
import type { CatalogFamily } from '../catalog.js';

export const sqlite: CatalogFamily = {
  name: 'sqlite',
  provenanceModules: [],
  instances: [
    {
      id: 'better-sqlite3:Database',
      receiver: 'db',
      created: [
        { modules: ['better-sqlite3'], path: [] },
        { modules: ['better-sqlite3'], path: ['Database'] },
      ],
      noun: 'database',
      // Synchronous: concurrent code cannot interleave statements on it.
      shareable: true,
      close: { methods: ['close'], awaitRelease: false },
      perCall: true,
    },
    {
      id: 'sqlite3:Database',
      receiver: 'db',
      created: [{ modules: ['sqlite3'], path: ['Database'] }],
      noun: 'database',
      // Queues its statements: sharing one handle is how it is used.
      shareable: true,
      close: { methods: ['close'], awaitRelease: false },
      perCall: true,
    },
    {
      id: 'sqlite:Database',
      receiver: 'db',
      created: [{ modules: ['sqlite'], path: ['open'] }],
      noun: 'database',
      shareable: true,
      close: { methods: ['close'], awaitRelease: true },
      perCall: true,
    },
  ],
  acquirers: [],
  nameFallbacks: [],
};
