/** Generic resource pools: `generic-pool`, and pools known by name. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';

const genericPoolResource: ResourceSpec = {
  id: 'generic-pool:Pool#acquire',
  kind: 'connection',
  noun: 'pooled resource',
  release: { receiverMethods: ['release', 'destroy'], awaitRelease: true },
};
/** A resource of an unknown pool recognised by name: any of the usual release shapes counts. */
const namedPoolResource: ResourceSpec = {
  id: 'name:pool#acquire',
  kind: 'connection',
  noun: 'pooled resource',
  release: { methods: ['release', 'destroy'], receiverMethods: ['release', 'destroy'], awaitRelease: true },
};

export const pools: CatalogFamily = {
  name: 'pools',
  provenanceModules: ['generic-pool'],
  instances: [
    {
      id: 'generic-pool:Pool',
      receiver: 'pool',
      created: [
        { modules: ['generic-pool'], path: ['createPool'] },
        { modules: ['generic-pool'], path: ['Pool'] },
      ],
      noun: 'pool',
      shareable: true,
      close: { methods: ['drain', 'clear'], awaitRelease: true },
    },
  ],
  acquirers: [
    // generic-pool 2 takes a callback: `pool.acquire((err, resource) => …)`.
    {
      method: 'acquire',
      source: { type: 'instance', instance: 'generic-pool:Pool' },
      resource: genericPoolResource,
      callbackForm: true,
    },
  ],
  nameFallbacks: [
    {
      method: 'acquire',
      source: { type: 'name', receiver: /pool$/i },
      resource: namedPoolResource,
      callbackForm: true,
    },
  ],
};
