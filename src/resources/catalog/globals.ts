/**
 * Globals of the language and the web platform: `DisposableStack` / `AsyncDisposableStack`, and the web's
 * long-lived objects (`new WebSocket(url)`, `new ResizeObserver(cb)`, the global `Worker`).
 */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';

/**
 * `new DisposableStack()`: disposes what it collected (`use(x)` and `adopt(x, onDispose)` take `x` over and return
 * it); `move()` hands it all to a new stack.
 */
export const disposableStack: ResourceSpec = {
  id: 'lib:DisposableStack',
  kind: 'handle',
  noun: 'disposable stack',
  release: { methods: ['dispose'] },
  disposable: 'sync',
  disposeMethods: ['dispose'],
  handOffMethods: ['move'],
  adoptMethods: ['use', 'adopt'],
  type: { name: 'DisposableStack', module: 'lib' },
};
export const asyncDisposableStack: ResourceSpec = {
  id: 'lib:AsyncDisposableStack',
  kind: 'handle',
  noun: 'async disposable stack',
  release: { methods: ['disposeAsync'], awaitRelease: true },
  disposable: 'async',
  disposeMethods: ['disposeAsync'],
  handOffMethods: ['move'],
  adoptMethods: ['use', 'adopt'],
  type: { name: 'AsyncDisposableStack', module: 'lib' },
};

export const globals: CatalogFamily = {
  name: 'globals',
  provenanceModules: [],
  instances: [],
  acquirers: [],
  nameFallbacks: [],
  disposableGlobals: [
    { name: 'DisposableStack', resource: disposableStack },
    { name: 'AsyncDisposableStack', resource: asyncDisposableStack },
  ],
  globals: [
    { name: 'Worker', noun: 'worker', methods: ['terminate'] },
    { name: 'WebSocket', noun: 'WebSocket', methods: ['close'] },
    { name: 'EventSource', noun: 'event source', methods: ['close'] },
    { name: 'BroadcastChannel', noun: 'broadcast channel', methods: ['close'] },
    { name: 'MutationObserver', noun: 'observer', methods: ['disconnect'] },
    { name: 'ResizeObserver', noun: 'observer', methods: ['disconnect'] },
    { name: 'IntersectionObserver', noun: 'observer', methods: ['disconnect'] },
    { name: 'PerformanceObserver', noun: 'observer', methods: ['disconnect'] },
  ],
};
