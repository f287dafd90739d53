import disposeOwnedResources from './dispose-owned-resources.js';
import noFloatingResource from './no-floating-resource.js';
import noLeakedListener from './no-leaked-listener.js';
import noLeakedTimer from './no-leaked-timer.js';
import noSharedConnection from './no-shared-connection.js';
import noUseAfterRelease from './no-use-after-release.js';
import preferUsing from './prefer-using.js';
import releaseInFinally from './release-in-finally.js';
import requireStopSignal from './require-stop-signal.js';

/** Every rule of the plugin, keyed by its name (the file name). */
export const rules = {
  'dispose-owned-resources': disposeOwnedResources,
  'no-floating-resource': noFloatingResource,
  'no-leaked-listener': noLeakedListener,
  'no-leaked-timer': noLeakedTimer,
  'no-shared-connection': noSharedConnection,
  'no-use-after-release': noUseAfterRelease,
  'prefer-using': preferUsing,
  'release-in-finally': releaseInFinally,
  'require-stop-signal': requireStopSignal,
};
