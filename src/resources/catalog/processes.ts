/** Threads, processes and terminals: `node:worker_threads`, `child_process`, `readline`. */
import type { CatalogFamily } from '../catalog.js';

export const processes: CatalogFamily = {
  name: 'processes',
  provenanceModules: [],
  instances: [],
  acquirers: [],
  nameFallbacks: [],
  handles: [
    {
      modules: ['worker_threads'],
      path: ['Worker'],
      noun: 'worker thread',
      methods: ['terminate'],
      awaitRelease: true,
    },
    {
      modules: ['readline', 'readline/promises'],
      path: ['createInterface'],
      noun: 'readline interface',
      methods: ['close'],
    },
    { modules: ['child_process'], path: ['fork'], noun: 'child process', methods: ['kill', 'disconnect'] },
  ],
};
