/**
 * release-in-finally on the data-store families of issue 15: clients made per call (`new MongoClient(url)`,
 * `new Redis()`, `knex(config)`), transactions that end by outcome, app-lifetime clients, and the callback-scoped
 * setting. The family fixtures (tests/fixtures/families) check that every rule agrees; these cases pin messages,
 * positions and fixes.
 */
import rule from '../../src/rules/release-in-finally.js';
import { documents, orm } from '../fixtures/families/index.js';
import { ruleTester } from '../RuleTester.js';

const SCOPED_TRANSACTION = {
  cleanup: {
    resources: [
      {
        receiver: '^db$',
        acquire: 'transaction',
        release: { methods: ['commit', 'rollback'], byOutcome: true },
        noun: 'transaction',
        scope: 'callback',
      },
    ],
  },
};

ruleTester.run('release-in-finally', rule, {
  valid: [
    {
      // a MongoDB client made once at module level lives as long as the program
      code: `${documents.mongodb.acquisition.import}\n${documents.mongodb.moreReleased.moduleLevel.code}`,
    },
    {
      // made by app-lifetime code (`run().catch(… process.exit(1))`): a script's client, not a per-call leak
      code: `${documents.mongodb.acquisition.require}
run().catch((error) => {
  console.error(error);
  process.exit(1);
});
async function run() {
  const client = new MongoClient('mongodb://127.0.0.1:27017/bench');
  await client.connect();
  await client.db().collection('items').insertOne({ at: Date.now() });
}`,
    },
    {
      // a per-call client handed to the caller
      code: `${documents.ioredis.acquisition.import}
export function connect(url: string) {
  const redis = new Redis(url);
  redis.on('error', (error) => console.error(error));
  return redis;
}`,
    },
    {
      // the transaction commits in the try and rolls back in a catch that rethrows
      code: `${orm.knex.acquisition.import}\n${orm.knex.moreReleased.transaction.code}`,
    },
    {
      // a `Redis` of the application's own module is not ioredis's
      code: `import { Redis } from './cache';
export async function isUp(url: string) {
  const redis = new Redis(url);
  return (await redis.ping()) === 'PONG';
}`,
    },
    {
      // `scope: 'callback'`: the call given a callback is the scoped form, which the library ends itself
      code: `export async function move(db: Db, from: number, to: number) {
  await db.transaction(async (trx) => {
    await trx.update('accounts', from, -1);
    await trx.update('accounts', to, 1);
  });
}`,
      settings: SCOPED_TRANSACTION,
    },
  ],
  invalid: [
    {
      // a client per health check, left open when the check fails
      code: `${documents.mongodb.acquisition.import}
export async function runCommand(url: string, command: object) {
  const client = await MongoClient.connect(url);
  const result = await client.db().command(command);
  await client.close();
  return result;
}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 24,
          endLine: 3,
          endColumn: 48,
          data: {
            resource: 'MongoDB client `client` from `MongoClient.connect()`',
            path: 'the `await` on line 4 rejects',
            releaseLine: '5',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'MongoDB client' },
              output: `${documents.mongodb.acquisition.import}
export async function runCommand(url: string, command: object) {
  const client = await MongoClient.connect(url);
  try {
    const result = await client.db().command(command);
    return result;
  } finally {
    await client.close();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // `new Redis()` per call, never disconnected
      code: `${documents.ioredis.acquisition.import}
export async function isUp(url: string) {
  const redis = new Redis(url);
  return (await redis.ping()) === 'PONG';
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 31,
          data: { resource: 'Redis client `redis` from `new Redis()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'Redis client' },
              output: `${documents.ioredis.acquisition.import}
export async function isUp(url: string) {
  const redis = new Redis(url);
  try {
    return (await redis.ping()) === 'PONG';
  } finally {
    await redis.quit();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a default import under another name (`IORedis`), and a Kafka producer never disconnected
      code: `import IORedis from 'ioredis';
const kafka = new (require('kafkajs').Kafka)({ brokers: ['kafka:9092'] });
export async function publish(url: string, event: string) {
  const redis = new IORedis(url);
  await redis.publish('events', event);
  await redis.quit();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'events', messages: [{ value: event }] });
}`,
      output: `import IORedis from 'ioredis';
const kafka = new (require('kafkajs').Kafka)({ brokers: ['kafka:9092'] });
export async function publish(url: string, event: string) {
  const redis = new IORedis(url);
  try {
    await redis.publish('events', event);
  } finally {
    await redis.quit();
  }
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'events', messages: [{ value: event }] });
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 17,
          endLine: 4,
          endColumn: 33,
          data: {
            resource: 'Redis client `redis` from `new IORedis()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '6',
          },
        },
        {
          messageId: 'neverReleased',
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 36,
          data: { resource: 'Kafka client `producer` from `kafka.producer()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'Kafka client' },
              output: `import IORedis from 'ioredis';
const kafka = new (require('kafkajs').Kafka)({ brokers: ['kafka:9092'] });
export async function publish(url: string, event: string) {
  const redis = new IORedis(url);
  await redis.publish('events', event);
  await redis.quit();
  const producer = kafka.producer();
  try {
    await producer.connect();
    await producer.send({ topic: 'events', messages: [{ value: event }] });
  } finally {
    await producer.disconnect();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // a transaction ends by outcome: reported, but no fix moves its commit into a `finally`
      code: `${orm.knex.acquisition.import}\n${orm.knex.moreLeaks.transaction.code}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 37,
          data: {
            resource: 'transaction `trx` from `db.transaction()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '7',
          },
          suggestions: null,
        },
      ],
    },
    {
      // `scope: 'callback'` with a release: the call without a callback is still an acquisition (`byOutcome`: no fix)
      code: `export async function move(db: Db, from: number, to: number) {
  const trx = await db.transaction();
  await trx.update('accounts', from, -1);
  await trx.commit();
}`,
      settings: SCOPED_TRANSACTION,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 37,
          data: {
            resource: 'transaction `trx` from `db.transaction()`',
            path: 'the `await` on line 3 rejects',
            releaseLine: '4',
          },
          suggestions: null,
        },
      ],
    },
  ],
});

// A duplicated Redis client (issue 15): left open when a step before its `quit()` rejects, closed in `finally`.
// Borrow keys under the default settings: an ORM transaction or session passed as `{ transaction }` / `{ session }`
// is lent to the call, not handed to it.
ruleTester.run('release-in-finally (duplicates and default borrow keys)', rule, {
  valid: [
    {
      // ioredis: the duplicated subscriber quits in `finally`
      code: `${documents.ioredis.acquisition.import}\n${documents.ioredis.moreReleased.duplicate.code}`,
    },
    {
      // redis: the duplicated subscriber quits in `finally` when it opened
      code: `${documents.redis.acquisition.import}\n${documents.redis.moreReleased.duplicate.code}`,
    },
    {
      // a transaction lent as `{ transaction }`, committed in the `try` and rolled back in a `catch` that rethrows
      code: `${orm.sequelize.acquisition.import}\n${orm.sequelize.tryFinally.code}`,
    },
  ],
  invalid: [
    {
      // ioredis: the duplicated subscriber stays open when `subscribe` rejects
      code: `${documents.ioredis.acquisition.import}\n${documents.ioredis.moreLeaks.duplicate.code}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 39,
          data: {
            resource: 'Redis client `subscriber` from `redis.duplicate()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '7',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'Redis client' },
              output: `${documents.ioredis.acquisition.import}
const redis = new Redis();
export async function nextEvent(channel: string) {
  const subscriber = redis.duplicate();
  try {
    await subscriber.subscribe(channel);
    const message = await new Promise((resolve) => subscriber.once('message', (_channel, text) => resolve(text)));
    return message;
  } finally {
    await subscriber.quit();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // redis: the duplicated subscriber stays open when its `connect` rejects
      code: `${documents.redis.acquisition.import}\n${documents.redis.moreLeaks.duplicate.code}`,
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 40,
          data: {
            resource: 'Redis client `subscriber` from `client.duplicate()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '7',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'Redis client' },
              output: `${documents.redis.acquisition.import}
const client = createClient();
export async function nextMessage(channel: string) {
  const subscriber = client.duplicate();
  try {
    await subscriber.connect();
    const message = await new Promise((resolve) => subscriber.subscribe(channel, resolve));
    return message;
  } finally {
    await subscriber.quit();
  }
}`,
            },
          ],
        },
      ],
    },
    {
      // `{ transaction }` is a borrow by default: rolled back in `catch` only, the transaction is never committed
      code: `${orm.sequelize.acquisition.import}
export async function createUser(User: ModelStatic<Model>, Profile: ModelStatic<Model>, data: object) {
  const transaction = await sequelize.transaction();
  try {
    const user = await User.create(data, { transaction });
    await Profile.create({ userId: user.get('id') }, { transaction });
    return user;
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'onlyInCatch',
          line: 3,
          column: 29,
          endLine: 3,
          endColumn: 52,
          data: { resource: 'transaction `transaction` from `sequelize.transaction()`', releaseLine: '9' },
          suggestions: null,
        },
      ],
    },
    {
      // `{ session }` is a borrow by default: the session lent to the query is never ended
      code: `${documents.mongoose.acquisition.import}
export async function archive(Post: mongoose.Model<unknown>, id: string) {
  const session = await mongoose.startSession();
  await Post.deleteOne({ _id: id }, { session });
}`,
      output: null,
      errors: [
        {
          messageId: 'neverReleased',
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 48,
          data: { resource: 'session `session` from `mongoose.startSession()`' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'session' },
              output: `${documents.mongoose.acquisition.import}
export async function archive(Post: mongoose.Model<unknown>, id: string) {
  const session = await mongoose.startSession();
  try {
    await Post.deleteOne({ _id: id }, { session });
  } finally {
    await session.endSession();
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
