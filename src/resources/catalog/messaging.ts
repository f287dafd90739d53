/** Message brokers: `kafkajs` producers and admin clients, `amqplib` connections and channels. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';

const AMQP = ['amqplib'];

/** `kafka.producer()` / `kafka.admin()`: connected with `connect()`, open until `disconnect()`. */
const kafkaClient: ResourceSpec = {
  id: 'kafkajs:Kafka#producer',
  kind: 'connection',
  noun: 'Kafka client',
  release: { methods: ['disconnect'], awaitRelease: true },
  shareable: true,
  longLived: true,
};
const amqpConnection: ResourceSpec = {
  id: 'amqplib:connect',
  kind: 'connection',
  noun: 'AMQP connection',
  release: { methods: ['close'], awaitRelease: true },
  shareable: true,
  longLived: true,
};
const amqpChannel: ResourceSpec = {
  id: 'amqplib:Connection#createChannel',
  kind: 'handle',
  noun: 'channel',
  release: { methods: ['close'], awaitRelease: true },
  longLived: true,
};

export const messaging: CatalogFamily = {
  name: 'messaging',
  provenanceModules: ['kafkajs', ...AMQP],
  instances: [
    { id: 'kafkajs:Kafka', receiver: 'kafka', created: [{ modules: ['kafkajs'], path: ['Kafka'] }] },
    {
      id: 'amqplib:Connection',
      receiver: 'connection',
      created: [{ modules: AMQP, path: ['connect'] }],
      noun: 'AMQP connection',
      shareable: true,
      close: { methods: ['close'], awaitRelease: true },
    },
  ],
  // A consumer (`kafka.consumer()`) is left out: it usually runs for the life of the process (`consumer.run()`).
  acquirers: [
    { method: 'producer', source: { type: 'instance', instance: 'kafkajs:Kafka' }, resource: kafkaClient },
    { method: 'admin', source: { type: 'instance', instance: 'kafkajs:Kafka' }, resource: kafkaClient },
    {
      method: 'connect',
      source: { type: 'module', modules: AMQP, path: ['connect'] },
      resource: amqpConnection,
      callbackForm: true,
    },
    {
      method: 'createChannel',
      source: { type: 'instance', instance: 'amqplib:Connection' },
      resource: amqpChannel,
      callbackForm: true,
    },
    {
      method: 'createConfirmChannel',
      source: { type: 'instance', instance: 'amqplib:Connection' },
      resource: amqpChannel,
      callbackForm: true,
    },
  ],
  nameFallbacks: [
    { method: 'producer', source: { type: 'name', receiver: /kafka$/i }, resource: kafkaClient },
    { method: 'admin', source: { type: 'name', receiver: /kafka$/i }, resource: kafkaClient },
  ],
};
