/**
 * An error in the user's setup (settings, installed TypeScript), not in the linted code nor in the plugin.
 *
 * ESLint prints a thrown error's `stack` under its "Oops! Something went wrong!" banner, so a plain `Error` shows as a
 * crash: a stack trace of ESLint's and the plugin's internals, with the one useful line on top. This error's `stack`
 * is that line alone (and stays so when ESLint appends the file and rule to `message`), so the user reads one clear
 * sentence about the configuration.
 */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
    Object.defineProperty(this, 'stack', { value: message, writable: true, configurable: true, enumerable: false });
  }
}
