/** Threads, processes and terminals: `node:worker_threads`, `child_process`, `readline`. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';
import { fromModule } from './entries.js';

/**
 * A child process runs on by design (a detached helper, a server the parent watches): only a `kill()` on some paths
 * is evidence that an error path leaves one running. A child whose exit is awaited (`once(child, 'exit')`) is handed
 * to that wait.
 */
const childProcess: ResourceSpec = {
  id: 'child_process:spawn',
  kind: 'handle',
  noun: 'child process',
  release: { methods: ['kill', 'disconnect'] },
  mayOutliveOwner: true,
};

export const processes: CatalogFamily = {
  name: 'processes',
  provenanceModules: [],
  instances: [],
  acquirers: [
    fromModule(['child_process'], 'spawn', childProcess),
    fromModule(['child_process'], 'fork', { ...childProcess, id: 'child_process:fork' }),
  ],
  nameFallbacks: [],
  handles: [
    {
      modules: ['worker_threads'],
      path: ['Worker'],
      noun: 'worker thread',
      methods: ['terminate'],
      awaitRelease: true,
    },
    // A class field holding one is closed by its owner. In a function, `for await (const line of rl)` closes it when
    // the loop ends or throws: not judged there.
    {
      modules: ['readline', 'readline/promises'],
      path: ['createInterface'],
      noun: 'readline interface',
      methods: ['close'],
    },
  ],
};
