import noSharedConnection from './no-shared-connection.js';
import releaseInFinally from './release-in-finally.js';

/** Every rule of the plugin, keyed by its name (the file name). */
export const rules = {
  'no-shared-connection': noSharedConnection,
  'release-in-finally': releaseInFinally,
};
