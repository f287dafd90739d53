/** Document stores and key-value clients: `mongodb`, `mongoose`, `ioredis`, `redis`. */
import type { CatalogFamily } from '../catalog.js';

export const documents: CatalogFamily = {
  name: 'documents',
  provenanceModules: [],
  instances: [
    {
      id: 'ioredis:Redis',
      receiver: 'redis',
      created: [
        { modules: ['ioredis'], path: [] },
        { modules: ['ioredis'], path: ['Redis'] },
        { modules: ['ioredis'], path: ['Cluster'] },
        { modules: ['ioredis'], path: ['Redis', 'Cluster'] },
      ],
      noun: 'Redis client',
      shareable: true,
      close: { methods: ['quit', 'disconnect'], awaitRelease: true },
    },
    {
      id: 'redis:Client',
      receiver: 'redis',
      created: [
        { modules: ['redis', '@redis/client'], path: ['createClient'] },
        { modules: ['redis', '@redis/client'], path: ['createCluster'] },
      ],
      noun: 'Redis client',
      shareable: true,
      close: { methods: ['quit', 'close', 'disconnect', 'destroy'], awaitRelease: true },
    },
    {
      id: 'mongodb:MongoClient',
      receiver: 'client',
      created: [{ modules: ['mongodb'], path: ['MongoClient'] }],
      noun: 'MongoDB client',
      shareable: true,
      close: { methods: ['close'], awaitRelease: true },
    },
    {
      id: 'mongoose:Connection',
      receiver: 'connection',
      created: [{ modules: ['mongoose'], path: ['createConnection'] }],
      noun: 'Mongoose connection',
      shareable: true,
      close: { methods: ['close', 'destroy'], awaitRelease: true },
    },
  ],
  acquirers: [],
  nameFallbacks: [],
};
