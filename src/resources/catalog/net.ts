/** Sockets, servers and HTTP clients: `node:net`, `tls`, `http`, `https`, `http2`, `dgram`, `ws`, `undici`. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';
import { fromModule } from './entries.js';

const WEB_SOCKET = ['close', 'terminate'];
const SELF_CLOSING = { perCall: true, closesOnOwnError: true } as const;
/** undici's dispatchers: a failed request leaves the dispatcher and its other connections open. */
const DISPATCHER = { methods: ['close', 'destroy'], awaitRelease: true, perCall: true } as const;

/**
 * Servers, sockets and sessions live past the function that opens them by design (a server started at boot, a socket
 * its listeners close): only a close on some paths is evidence that an error path leaks one.
 */
const socket: ResourceSpec = {
  id: 'net:connect',
  kind: 'handle',
  noun: 'socket',
  release: { methods: ['end', 'destroy', 'destroySoon', 'resetAndDestroy'] },
  mayOutliveOwner: true,
};
const server: ResourceSpec = {
  id: 'net:createServer',
  kind: 'handle',
  noun: 'server',
  release: { methods: ['close', 'closeAllConnections'] },
  mayOutliveOwner: true,
};
const session: ResourceSpec = {
  id: 'http2:connect',
  kind: 'handle',
  noun: 'HTTP/2 session',
  release: { methods: ['close', 'destroy'] },
  mayOutliveOwner: true,
};
const datagramSocket: ResourceSpec = {
  id: 'dgram:createSocket',
  kind: 'handle',
  noun: 'socket',
  release: { methods: ['close'] },
  mayOutliveOwner: true,
};

export const net: CatalogFamily = {
  name: 'net',
  provenanceModules: [],
  instances: [],
  acquirers: [
    fromModule(['net'], 'connect', socket),
    fromModule(['net'], 'createConnection', socket),
    fromModule(['tls'], 'connect', { ...socket, id: 'tls:connect', noun: 'TLS socket' }),
    fromModule(['net', 'tls', 'http', 'https', 'http2'], 'createServer', server),
    fromModule(['http2'], 'createSecureServer', server),
    fromModule(['http2'], 'connect', session),
    fromModule(['dgram'], 'createSocket', datagramSocket),
  ],
  nameFallbacks: [],
  // Kept by a class, closed in its teardown; made in a function, judged as a socket is (`perCall`): only a close on
  // some paths is evidence that an error path leaks one. A WebSocket that errors closes itself (`closesOnOwnError`).
  handles: [
    { modules: ['ws'], path: [], noun: 'WebSocket', methods: WEB_SOCKET, ...SELF_CLOSING },
    { modules: ['ws'], path: ['WebSocket'], noun: 'WebSocket', methods: WEB_SOCKET, ...SELF_CLOSING },
    { modules: ['ws'], path: ['WebSocketServer'], noun: 'WebSocket server', methods: ['close'], ...SELF_CLOSING },
    { modules: ['ws'], path: ['Server'], noun: 'WebSocket server', methods: ['close'], ...SELF_CLOSING },
    { modules: ['ws'], path: ['WebSocket', 'Server'], noun: 'WebSocket server', methods: ['close'], ...SELF_CLOSING },
    { modules: ['undici'], path: ['Agent'], noun: 'dispatcher', ...DISPATCHER },
    { modules: ['undici'], path: ['Pool'], noun: 'dispatcher', ...DISPATCHER },
    { modules: ['undici'], path: ['Client'], noun: 'dispatcher', ...DISPATCHER },
  ],
};
