import { describe, expect, it } from 'vitest';

import { callbackRegistration, isIterationMethod } from '../../src/resources/callbacks.js';
import { resourceModel } from '../../src/resources/match.js';
import { withCalls } from './harness.js';

/** For every use of the global name `fn`, in source order: what the call it is passed to does with it. */
function roles(code: string): string[] {
  const found: string[] = [];
  let done = false;
  withCalls(code, (_call, context) => {
    if (done) return;
    done = true;
    const model = resourceModel(context);
    const uses = context.sourceCode.scopeManager?.globalScope?.through.filter((r) => r.identifier.name === 'fn') ?? [];
    for (const { identifier } of uses) {
      const role = callbackRegistration(model, identifier)?.role;
      if (!role) found.push('none');
      else if (role.type === 'handler') found.push(role.description);
      else found.push(role.type === 'unknown' ? `unknown ${role.label}` : role.type);
    }
  });
  return found;
}

describe('callbackRegistration', () => {
  it('recognises routes, servers, queues, schedulers, consumers and listeners', () => {
    expect(
      roles(`import express from 'express';
const web = express();
web.post(fn);
router.get('/', [auth, fn]);
fastify.route({ method: 'GET', url: '/', handler: fn });
tls.createSecureServer(fn);
agenda.define('job', fn);
cron.schedule('* * * * *', fn);
channel.consume('q', fn);
new CronJob('* * * * *', fn);
socket.on('message', fn);
socket.on(event, fn);
router.route('/u').get(fn);
things.get(fn);`),
    ).toEqual([
      'the request handler passed to `web.post()` on line 3',
      'the request handler passed to `router.get()` on line 4',
      'the request handler passed to `fastify.route()` on line 5',
      'the connection handler passed to `tls.createSecureServer()` on line 6',
      'the job passed to `agenda.define()` on line 7',
      'the scheduled job passed to `cron.schedule()` on line 8',
      'the message consumer passed to `channel.consume()` on line 9',
      'the scheduled job passed to `new CronJob()` on line 10',
      'the `message` listener passed to `socket.on()` on line 11',
      'unknown socket.on()',
      "the request handler passed to `router.route('/u').get()` on line 13",
      'unknown things.get()',
    ]);
  });

  it('tells callbacks that run once or one after another from unknown ones', () => {
    expect(
      roles(`server.listen(3000, fn);
process.once('exit', fn);
new Promise(fn);
describe.skip('x', fn);
test.each([1])('x', fn);
new Thing(fn);
(getHandler())(fn);
other({ handler: fn });
run(...fn);`),
    ).toEqual([
      'once',
      'once',
      'once',
      'serial',
      'serial',
      'unknown new Thing()',
      'unknown getHandler()()',
      'none',
      'none',
    ]);
  });
});

describe('isIterationMethod', () => {
  it('knows the array methods that do not wait for their callback', () => {
    expect(['forEach', 'map', 'reduce', 'push', null].map(isIterationMethod)).toEqual([true, true, true, false, false]);
  });
});
