/**
 * ESLint rule listeners (selector -> handler objects), not event listeners: those are in `src/resources/listeners.ts`.
 */
import type { TSESLint } from '@typescript-eslint/utils';

type Listener = (...args: never[]) => void;

/**
 * One listener object from several: handlers of the same selector or code-path event run in the order given.
 * Lets a rule combine a shared recorder's listeners (`PathRecorder#listeners`) with its own.
 */
export function mergeListeners(...parts: readonly TSESLint.RuleListener[]): TSESLint.RuleListener {
  const handlers = new Map<string, Listener[]>();
  for (const part of parts) {
    for (const [key, handler] of Object.entries(part)) {
      if (typeof handler !== 'function') continue;
      const list = handlers.get(key);
      if (list) list.push(handler);
      else handlers.set(key, [handler]);
    }
  }
  const merged: Record<string, Listener> = {};
  for (const [key, list] of handlers) {
    const [first] = list;
    merged[key] =
      first !== undefined && list.length === 1
        ? first
        : (...args: never[]) => {
            for (const handler of list) handler(...args);
          };
  }
  return merged;
}
