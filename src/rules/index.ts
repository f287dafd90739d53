import releaseInFinally from './release-in-finally.js';

/** Every rule of the plugin, keyed by its name (the file name). */
export const rules = {
  'release-in-finally': releaseInFinally,
};
