/** SQL drivers: `pg` / `pg-pool`, `mysql` / `mysql2`, `postgres`, and pools known by name. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';

const PG = ['pg'];
const MYSQL = ['mysql', 'mysql2', 'mysql2/promise'];

const pgPoolClient: ResourceSpec = {
  id: 'pg:Pool#connect',
  kind: 'connection',
  noun: 'client',
  release: { methods: ['release'] },
};
const pgClientConnection: ResourceSpec = {
  id: 'pg:Client#connect',
  kind: 'connection',
  noun: 'connection',
  release: { receiverMethods: ['end'], awaitRelease: true },
  singleConnection: true,
};
const mysqlPoolConnection: ResourceSpec = {
  id: 'mysql:Pool#getConnection',
  kind: 'connection',
  noun: 'connection',
  release: { methods: ['release', 'destroy'] },
};
const mysqlConnection: ResourceSpec = {
  id: 'mysql:createConnection',
  kind: 'connection',
  noun: 'connection',
  release: { methods: ['end', 'destroy'], awaitRelease: true },
  singleConnection: true,
};
/** A client of an unknown pool recognised by name: any of the usual release shapes counts. */
const namedPoolClient: ResourceSpec = {
  id: 'name:pool#connect',
  kind: 'connection',
  noun: 'client',
  release: { methods: ['release', 'destroy'], receiverMethods: ['release', 'destroy'] },
};

const POOL_NAME = /pool$/i;

export const sql: CatalogFamily = {
  name: 'sql',
  provenanceModules: ['pg', 'pg-pool', ...MYSQL],
  instances: [
    {
      id: 'pg:Pool',
      receiver: 'pool',
      created: [
        { modules: PG, path: ['Pool'] },
        { modules: PG, path: ['native', 'Pool'] },
        { modules: ['pg-pool'], path: [] },
      ],
      noun: 'pool',
      shareable: true,
      close: { methods: ['end'], awaitRelease: true },
    },
    {
      id: 'pg:Client',
      receiver: 'client',
      created: [
        { modules: PG, path: ['Client'] },
        { modules: PG, path: ['native', 'Client'] },
      ],
      noun: 'connection',
      singleConnection: true,
      close: { methods: ['end'], awaitRelease: true },
    },
    {
      id: 'mysql:Pool',
      receiver: 'pool',
      created: [{ modules: MYSQL, path: ['createPool'] }],
      noun: 'pool',
      shareable: true,
      close: { methods: ['end'], awaitRelease: true },
    },
    {
      id: 'mysql:PoolCluster',
      receiver: 'cluster',
      created: [{ modules: MYSQL, path: ['createPoolCluster'] }],
      noun: 'pool cluster',
      shareable: true,
      close: { methods: ['end'], awaitRelease: true },
    },
    {
      id: 'postgres:Sql',
      receiver: 'sql',
      created: [{ modules: ['postgres'], path: [] }],
      noun: 'connection pool',
      shareable: true,
      close: { methods: ['end'], awaitRelease: true },
    },
  ],
  acquirers: [
    {
      method: 'connect',
      source: { type: 'instance', instance: 'pg:Pool' },
      resource: pgPoolClient,
      callbackForm: true,
    },
    {
      method: 'connect',
      source: { type: 'instance', instance: 'pg:Client' },
      resource: pgClientConnection,
      callbackForm: true,
    },
    {
      method: 'getConnection',
      source: { type: 'instance', instance: 'mysql:Pool' },
      resource: mysqlPoolConnection,
      callbackForm: true,
    },
    {
      method: 'createConnection',
      source: { type: 'module', modules: MYSQL, path: ['createConnection'] },
      resource: mysqlConnection,
    },
  ],
  nameFallbacks: [
    { method: 'connect', source: { type: 'name', receiver: POOL_NAME }, resource: namedPoolClient, callbackForm: true },
    {
      method: 'getConnection',
      source: { type: 'name', receiver: POOL_NAME },
      resource: mysqlPoolConnection,
      callbackForm: true,
    },
  ],
};
