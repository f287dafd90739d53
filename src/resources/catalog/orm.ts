/** ORMs and query builders: `typeorm`, `knex`, `sequelize`, `@prisma/client`. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';

const queryRunner: ResourceSpec = {
  id: 'typeorm:DataSource#createQueryRunner',
  kind: 'connection',
  noun: 'query runner',
  release: { methods: ['release'], awaitRelease: true },
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
    },
  ],
  acquirers: [],
  // `createQueryRunner()` is recognised on any receiver: a `DataSource` or `EntityManager` is usually injected.
  nameFallbacks: [{ method: 'createQueryRunner', source: { type: 'name', receiver: null }, resource: queryRunner }],
};
