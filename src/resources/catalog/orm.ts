/** ORMs and query builders: `typeorm`, `knex`, `sequelize`, `@prisma/client`. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';

const queryRunner: ResourceSpec = {
  id: 'typeorm:DataSource#createQueryRunner',
  kind: 'connection',
  noun: 'query runner',
  release: { methods: ['release'], awaitRelease: true },
};
/** A transaction of knex or Sequelize without a callback: committed on success, rolled back on failure. */
const transaction: ResourceSpec = {
  id: 'orm:transaction',
  kind: 'handle',
  noun: 'transaction',
  release: { methods: ['commit', 'rollback'], awaitRelease: true, byOutcome: true },
};

export const orm: CatalogFamily = {
  name: 'orm',
  provenanceModules: ['typeorm'],
  instances: [
    {
      id: 'typeorm:DataSource',
      receiver: 'dataSource',
      created: [{ modules: ['typeorm'], path: ['DataSource'] }],
      noun: 'data source',
      shareable: true,
      close: { methods: ['destroy'], awaitRelease: true },
    },
    {
      id: 'knex:Knex',
      receiver: 'knex',
      created: [
        { modules: ['knex'], path: [] },
        { modules: ['knex'], path: ['knex'] },
        { modules: ['knex'], path: ['Knex'] },
      ],
      noun: 'knex instance',
      shareable: true,
      close: { methods: ['destroy'], awaitRelease: true },
      perCall: true,
    },
    {
      id: 'sequelize:Sequelize',
      receiver: 'sequelize',
      created: [{ modules: ['sequelize', '@sequelize/core'], path: ['Sequelize'] }],
      noun: 'Sequelize instance',
      shareable: true,
      close: { methods: ['close'], awaitRelease: true },
    },
    {
      id: 'prisma:PrismaClient',
      receiver: 'prisma',
      created: [{ modules: ['@prisma/client'], path: ['PrismaClient'] }],
      noun: 'Prisma client',
      shareable: true,
      close: { methods: ['$disconnect'], awaitRelease: true },
      perCall: true,
    },
  ],
  acquirers: [
    {
      method: 'createQueryRunner',
      source: { type: 'instance', instance: 'typeorm:DataSource' },
      resource: queryRunner,
    },
    // `transaction(fn)` is the callback-scoped form: the library commits or rolls back when `fn` settles.
    {
      method: 'transaction',
      source: { type: 'instance', instance: 'knex:Knex' },
      resource: transaction,
      callbackForm: true,
    },
    {
      method: 'transaction',
      source: { type: 'instance', instance: 'sequelize:Sequelize' },
      resource: transaction,
      callbackForm: true,
    },
  ],
  nameFallbacks: [
    // `createQueryRunner()` is recognised on any receiver: a `DataSource` or `EntityManager` is usually injected.
    { method: 'createQueryRunner', source: { type: 'name', receiver: null }, resource: queryRunner },
    // `db.transaction()` could be anything; `knex.transaction()` and `sequelize.transaction()` are these two.
    {
      method: 'transaction',
      source: { type: 'name', receiver: /^(?:knex|sequelize)$/i },
      resource: transaction,
      callbackForm: true,
    },
  ],
};
