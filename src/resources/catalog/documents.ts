/** Document stores and key-value clients: `mongodb`, `mongoose`, `ioredis`, `redis`. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';

const REDIS_CLOSE = ['quit', 'close', 'disconnect', 'destroy'];

const mongoClient: ResourceSpec = {
  id: 'mongodb:MongoClient.connect',
  kind: 'connection',
  noun: 'MongoDB client',
  // The driver's `close()` on a closed client resolves and does nothing: closing twice is harmless.
  release: { methods: ['close'], awaitRelease: true, idempotent: true },
  shareable: true,
  longLived: true,
};
/** A client session of MongoDB or Mongoose: `startSession()` → `endSession()`. */
const mongoSession: ResourceSpec = {
  id: 'mongodb:MongoClient#startSession',
  kind: 'handle',
  noun: 'session',
  release: { methods: ['endSession'], awaitRelease: true },
};
/** `redis.duplicate()`: a second client with the same options, open until closed. */
const redisDuplicate: ResourceSpec = {
  id: 'redis:Client#duplicate',
  kind: 'connection',
  noun: 'Redis client',
  release: { methods: REDIS_CLOSE, awaitRelease: true },
  shareable: true,
  longLived: true,
};

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
      perCall: true,
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
      close: { methods: REDIS_CLOSE, awaitRelease: true },
      perCall: true,
    },
    {
      id: 'mongodb:MongoClient',
      receiver: 'client',
      created: [{ modules: ['mongodb'], path: ['MongoClient'] }],
      noun: 'MongoDB client',
      shareable: true,
      close: { methods: ['close'], awaitRelease: true, idempotent: true },
      perCall: true,
    },
    {
      id: 'mongoose:Connection',
      receiver: 'connection',
      created: [{ modules: ['mongoose'], path: ['createConnection'] }],
      noun: 'Mongoose connection',
      shareable: true,
      close: { methods: ['close', 'destroy'], awaitRelease: true },
      perCall: true,
    },
  ],
  acquirers: [
    {
      method: 'connect',
      source: { type: 'module', modules: ['mongodb'], path: ['MongoClient', 'connect'] },
      resource: mongoClient,
      callbackForm: true,
    },
    { method: 'duplicate', source: { type: 'instance', instance: 'redis:Client' }, resource: redisDuplicate },
    { method: 'duplicate', source: { type: 'instance', instance: 'ioredis:Redis' }, resource: redisDuplicate },
  ],
  // `startSession()` is MongoDB's and Mongoose's name alone; the client or connection is usually injected, and the file
  // names the module or a wrapper of it (a type import at least; monk's `collection.manager` in the recall corpus).
  // Elsewhere the name means other things: Bugsnag's `startSession()` returns the client, a terminal service's returns
  // nothing (heldout-5).
  nameFallbacks: [
    {
      method: 'startSession',
      source: { type: 'name', receiver: null, modules: ['mongodb', 'mongoose', 'monk', 'mongojs', '@nestjs/mongoose'] },
      resource: mongoSession,
      callbackForm: true,
    },
    { method: 'duplicate', source: { type: 'name', receiver: /redis/i }, resource: redisDuplicate },
  ],
};
