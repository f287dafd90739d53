/**
 * release-in-finally on the network clients of issue 15 made inside a function: `ws` WebSockets and servers, undici's
 * `Agent` / `Pool` / `Client`. They may live past their function (a socket its listeners close, a dispatcher installed
 * for the application), so only a close on some paths is evidence; a WebSocket that errors closes itself, so an await
 * on its own events is no risk. The family fixtures check that every rule agrees; these cases pin messages, positions
 * and fixes.
 */
import rule from '../../src/rules/release-in-finally.js';
import { net } from '../fixtures/families/index.js';
import { ruleTester } from '../RuleTester.js';

ruleTester.run('release-in-finally', rule, {
  valid: [
    {
      // a WebSocket its listeners keep and close: never closed here, by design
      code: `${net.webSocket.acquisition.import}\n${net.webSocket.moreReleased.listenedTo.code}`,
    },
    {
      // only the WebSocket's own events are awaited: one that errors has closed itself
      code: `${net.webSocket.acquisition.require}\n${net.webSocket.moreReleased.ownEventsAwaited.code}`,
    },
    {
      // a WebSocket server whose own `listening` is awaited, closed after its own work
      code: `import { once } from 'node:events';
import { WebSocketServer } from 'ws';
export async function probePort(port: number) {
  const wss = new WebSocketServer({ port });
  await once(wss, 'listening');
  const { port: bound } = wss.address() as { port: number };
  wss.close();
  return bound;
}`,
    },
    {
      // an undici Pool installed as the global dispatcher lives as long as the application
      code: `import { Pool, setGlobalDispatcher } from 'undici';
export function useUpstream(origin: string) {
  setGlobalDispatcher(new Pool(origin, { connections: 16 }));
}`,
    },
    {
      // closed when the request settles, whatever its outcome
      code: `import { Client } from 'undici';
export function fetchStatus(origin: string) {
  const client = new Client(origin);
  return client.request({ path: '/', method: 'GET' }).finally(() => client.close());
}`,
    },
    {
      // a `Client` of another module is not undici's: nothing is reported for a value the function never releases
      code: `import { Client } from './api';
export async function load(origin: string) {
  const client = new Client(origin);
  return await client.list();
}`,
    },
  ],
  invalid: [
    {
      // a `Client` of another module is not undici's: released on success only, it is release evidence (issue 18),
      // with the evidence message, not undici's
      code: `import { Client } from './api';
export async function load(origin: string) {
  const client = new Client(origin);
  const rows = await client.list();
  await client.close();
  return rows;
}`,
      output: null,
      errors: [
        {
          messageId: 'evidenceLeaksOnPath',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 36,
          data: { name: '`client`', releaseLine: '5', path: 'the `await` on line 4 rejects' },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: '`client`' },
              output: `import { Client } from './api';
export async function load(origin: string) {
  const client = new Client(origin);
  try {
    const rows = await client.list();
    return rows;
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
      // closed on success only: a failed encoding leaves the connection open
      code: `${net.webSocket.acquisition.import}\n${net.webSocket.leak.code}`,
      // the fix writes the fixture's `try`/`finally` form
      output: `${net.webSocket.acquisition.import}\n${net.webSocket.tryFinally.code}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 32,
          data: {
            resource: 'WebSocket `ws` from `new WebSocket()`',
            path: 'the `await` on line 4 rejects',
            releaseLine: '6',
          },
        },
      ],
    },
    {
      // an own-event wait first, then a foreign await that rejects with the connection open
      code: `import WebSocket from 'ws';
export async function relay(url: string, load: () => Promise<string>) {
  const ws = new WebSocket(url);
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(await load());
  ws.terminate();
}`,
      output: `import WebSocket from 'ws';
export async function relay(url: string, load: () => Promise<string>) {
  const ws = new WebSocket(url);
  try {
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(await load());
  } finally {
    ws.terminate();
  }
}`,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 32,
          data: {
            resource: 'WebSocket `ws` from `new WebSocket()`',
            path: 'the `await` on line 5 rejects',
            releaseLine: '6',
          },
        },
      ],
    },
    {
      // an undici Agent made per call and closed on success only: a failed request leaves its connections open
      code: `${net.undiciAgent.acquisition.require}\n${net.undiciAgent.moreLeaks.closedOnSuccessOnly.code}`,
      // the `return` would start closing on a path that reaches no close today: a suggestion, not a fix
      output: null,
      errors: [
        {
          messageId: 'leaksOnPath',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 47,
          data: {
            resource: 'dispatcher `client` from `new Agent()`',
            path: 'the `await` on line 4 rejects',
            releaseLine: '5',
          },
          suggestions: [
            {
              messageId: 'suggestWrap',
              data: { noun: 'dispatcher' },
              output: `${net.undiciAgent.acquisition.require}\n${net.undiciAgent.moreReleased.closedInFinally.code}`,
            },
          ],
        },
      ],
    },
  ],
});
