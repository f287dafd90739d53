/** Sockets, servers and HTTP clients: `node:net`, `tls`, `http`, `https`, `http2`, `dgram`, `ws`, `undici`. */
import type { CatalogFamily } from '../catalog.js';

const SOCKET = ['end', 'destroy'];
const DISPATCHER = ['close', 'destroy'];

export const net: CatalogFamily = {
  name: 'net',
  provenanceModules: [],
  instances: [],
  acquirers: [],
  nameFallbacks: [],
  handles: [
    { modules: ['net'], path: ['connect'], noun: 'socket', methods: SOCKET },
    { modules: ['net'], path: ['createConnection'], noun: 'socket', methods: SOCKET },
    { modules: ['tls'], path: ['connect'], noun: 'TLS socket', methods: SOCKET },
    { modules: ['net', 'tls', 'http', 'https', 'http2'], path: ['createServer'], noun: 'server', methods: ['close'] },
    { modules: ['http2'], path: ['createSecureServer'], noun: 'server', methods: ['close'] },
    { modules: ['http2'], path: ['connect'], noun: 'HTTP/2 session', methods: ['close', 'destroy'] },
    { modules: ['dgram'], path: ['createSocket'], noun: 'socket', methods: ['close'] },
    { modules: ['ws'], path: [], noun: 'WebSocket', methods: ['close', 'terminate'] },
    { modules: ['ws'], path: ['WebSocket'], noun: 'WebSocket', methods: ['close', 'terminate'] },
    { modules: ['ws'], path: ['WebSocketServer'], noun: 'WebSocket server', methods: ['close'] },
    { modules: ['ws'], path: ['Server'], noun: 'WebSocket server', methods: ['close'] },
    { modules: ['ws'], path: ['WebSocket', 'Server'], noun: 'WebSocket server', methods: ['close'] },
    { modules: ['undici'], path: ['Agent'], noun: 'dispatcher', methods: DISPATCHER, awaitRelease: true },
    { modules: ['undici'], path: ['Pool'], noun: 'dispatcher', methods: DISPATCHER, awaitRelease: true },
    { modules: ['undici'], path: ['Client'], noun: 'dispatcher', methods: DISPATCHER, awaitRelease: true },
  ],
};
