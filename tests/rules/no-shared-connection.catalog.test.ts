/**
 * no-shared-connection on the data-store clients of issue 15: a MongoDB, Redis, Prisma, knex, AMQP or Kafka client is
 * made to be shared (it pools or multiplexes), so a module-level one used by every request is how it is meant to be
 * used, never a finding.
 */
import rule from '../../src/rules/no-shared-connection.js';
import { ruleTester } from '../RuleTester.js';

ruleTester.run('no-shared-connection', rule, {
  valid: [
    {
      // a MongoDB client connected once and shared by every request
      code: `import express from 'express';
import { MongoClient } from 'mongodb';
const client = await MongoClient.connect(process.env.MONGO_URL);
const app = express();
app.get('/users/:id', async (req, res) => {
  res.json(await client.db().collection('users').findOne({ _id: req.params.id }));
});`,
    },
    {
      // a Redis client and its duplicate for subscriptions, shared by every request
      code: `import express from 'express';
import { createClient } from 'redis';
const client = createClient();
await client.connect();
const subscriber = client.duplicate();
await subscriber.connect();
const app = express();
app.get('/cache/:key', async (req, res) => {
  res.json(await client.get(req.params.key));
});
app.post('/listen/:channel', async (req, res) => {
  await subscriber.subscribe(req.params.channel, (message) => console.log(message));
  res.end();
});`,
    },
    {
      // an AMQP connection and a Kafka producer made once, used by every request
      code: `import express from 'express';
import amqp from 'amqplib';
import { Kafka } from 'kafkajs';
const connection = await amqp.connect(process.env.AMQP_URL);
const producer = new Kafka({ brokers: ['kafka:9092'] }).producer();
const kafka = new Kafka({ brokers: ['kafka:9092'] });
const events = kafka.producer();
await events.connect();
const app = express();
app.post('/jobs', async (req, res) => {
  const channel = await connection.createConfirmChannel();
  try {
    channel.sendToQueue('jobs', Buffer.from(JSON.stringify(req.body)));
    await channel.waitForConfirms();
  } finally {
    await channel.close();
  }
  await events.send({ topic: 'jobs', messages: [{ value: 'queued' }] });
  await producer.send({ topic: 'audit', messages: [{ value: 'queued' }] });
  res.end();
});`,
    },
    {
      // Prisma, knex and better-sqlite3 made once at module level
      code: `import express from 'express';
import { PrismaClient } from '@prisma/client';
import knex from 'knex';
import Database from 'better-sqlite3';
const prisma = new PrismaClient();
const db = knex({ client: 'pg' });
const cache = new Database('cache.db');
const app = express();
app.get('/accounts/:id', async (req, res) => {
  const account = await prisma.account.findUnique({ where: { id: req.params.id } });
  const [{ count }] = await db('orders').where({ account: req.params.id }).count();
  res.json({ account, count, hit: cache.prepare('select 1').get() });
});`,
    },
  ],
  invalid: [],
});
