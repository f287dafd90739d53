/** Small builders shared by the catalog's family files. */
import type { Acquirer, ResourceSpec } from '../catalog.js';

/** A module export that acquires when called: `fromModule(['net'], 'connect', socket)` is `net.connect()`. */
export function fromModule(modules: readonly string[], method: string, resource: ResourceSpec): Acquirer {
  return { method, source: { type: 'module', modules, path: [method] }, resource };
}
