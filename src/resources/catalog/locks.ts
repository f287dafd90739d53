/** Locks and semaphores: `async-mutex`, `async-sema`, `proper-lockfile`, `redlock`, and locks known by name. */
import type { CatalogFamily, ResourceSpec } from '../catalog.js';

const mutexLock: ResourceSpec = {
  id: 'async-mutex:Mutex#acquire',
  kind: 'lock',
  noun: 'lock',
  release: { callValue: true, receiverMethods: ['release'], idempotent: true },
};
const semaphoreLock: ResourceSpec = {
  id: 'async-mutex:Semaphore#acquire',
  kind: 'lock',
  noun: 'semaphore permit',
  release: { callValue: true, receiverMethods: ['release'], idempotent: true },
};
const semaToken: ResourceSpec = {
  id: 'async-sema:Sema#acquire',
  kind: 'lock',
  noun: 'semaphore permit',
  release: { receiverMethods: ['release'] },
};
const lockfileRelease: ResourceSpec = {
  id: 'proper-lockfile:lock',
  kind: 'lock',
  noun: 'file lock',
  release: { callValue: true, pairedFunctions: ['unlock', 'unlockSync'], awaitRelease: true },
};
const lockfileReleaseSync: ResourceSpec = {
  id: 'proper-lockfile:lockSync',
  kind: 'lock',
  noun: 'file lock',
  release: { callValue: true, pairedFunctions: ['unlock', 'unlockSync'] },
};
const redlockLock: ResourceSpec = {
  id: 'redlock:Redlock#acquire',
  kind: 'lock',
  noun: 'lock',
  release: { methods: ['release', 'unlock'], receiverMethods: ['release', 'unlock'], awaitRelease: true },
};
/** Locks of unknown libraries recognised by name: any of the usual release shapes counts. */
const namedLock: ResourceSpec = {
  id: 'name:lock#acquire',
  kind: 'lock',
  noun: 'lock',
  release: { callValue: true, methods: ['release', 'unlock'], receiverMethods: ['release', 'unlock'] },
};
const namedMutexLock: ResourceSpec = {
  id: 'name:mutex#lock',
  kind: 'lock',
  noun: 'lock',
  release: { callValue: true, methods: ['unlock', 'release'], receiverMethods: ['unlock', 'release'] },
};

export const locks: CatalogFamily = {
  name: 'locks',
  provenanceModules: ['async-mutex', 'async-sema', 'proper-lockfile', 'redlock'],
  instances: [
    {
      id: 'async-mutex:Mutex',
      receiver: 'mutex',
      created: [
        { modules: ['async-mutex'], path: ['Mutex'] },
        { modules: ['async-mutex'], path: ['withTimeout'] },
        { modules: ['async-mutex'], path: ['tryAcquire'] },
      ],
    },
    {
      id: 'async-mutex:Semaphore',
      receiver: 'semaphore',
      created: [{ modules: ['async-mutex'], path: ['Semaphore'] }],
    },
    { id: 'async-sema:Sema', receiver: 'sema', created: [{ modules: ['async-sema'], path: ['Sema'] }] },
    {
      id: 'redlock:Redlock',
      receiver: 'redlock',
      created: [
        { modules: ['redlock'], path: [] },
        { modules: ['redlock'], path: ['Redlock'] },
      ],
    },
  ],
  acquirers: [
    { method: 'acquire', source: { type: 'instance', instance: 'async-mutex:Mutex' }, resource: mutexLock },
    { method: 'acquire', source: { type: 'instance', instance: 'async-mutex:Semaphore' }, resource: semaphoreLock },
    { method: 'acquire', source: { type: 'instance', instance: 'async-sema:Sema' }, resource: semaToken },
    {
      method: 'lock',
      source: { type: 'module', modules: ['proper-lockfile'], path: ['lock'] },
      resource: lockfileRelease,
    },
    {
      method: 'lockSync',
      source: { type: 'module', modules: ['proper-lockfile'], path: ['lockSync'] },
      resource: lockfileReleaseSync,
    },
    { method: 'acquire', source: { type: 'instance', instance: 'redlock:Redlock' }, resource: redlockLock },
    {
      method: 'lock',
      source: { type: 'instance', instance: 'redlock:Redlock' },
      resource: redlockLock,
      callbackForm: true,
    },
  ],
  // Most specific first: a receiver named `redlock` also ends with `lock`.
  nameFallbacks: [
    { method: 'acquire', source: { type: 'name', receiver: /redlock$/i }, resource: redlockLock },
    {
      method: 'acquire',
      source: { type: 'name', receiver: /(?:mutex|mtx|lock|semaphore|sema)$/i },
      resource: namedLock,
    },
    { method: 'lock', source: { type: 'name', receiver: /(?:mutex|mtx)$/i }, resource: namedMutexLock },
  ],
};
