/**
 * JSON-schema fragments for options that recur across rules (STYLE.md item 8): one definition, one description,
 * reused by every rule that takes the option. Spread a fragment into a rule's `properties`:
 *
 * ```ts
 * schema: [{ type: 'object', additionalProperties: false, properties: { ...teardownMethodsOption, ...effectHooksOption } }]
 * ```
 */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** A list of distinct, non-empty names. */
export const nameListSchema = (description: string): JSONSchema4 => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
  description,
});

/** `teardownMethods`: the methods that end an owner's life (`stop`, `close`, `dispose`, `[Symbol.dispose]`, …). */
export const teardownMethodsOption = {
  teardownMethods: nameListSchema(
    "Names of the methods that end an instance's life (`stop`, `close`, `dispose`, …); a release there, or in a method they call through `this`, counts. Write well-known symbols as `[Symbol.dispose]` and `[Symbol.asyncDispose]`. Replaces the default list.",
  ),
} satisfies Record<string, JSONSchema4>;

/** `effectHooks`: React-style hooks whose callback may return a cleanup function. */
export const effectHooksOption = {
  effectHooks: nameListSchema(
    'Names of React-style effect hooks whose callback may return a cleanup function (`useEffect`, `useLayoutEffect`). Replaces the default list.',
  ),
} satisfies Record<string, JSONSchema4>;

/** `checkTimeouts`: also report `setTimeout` timers that the owner is expected to cancel. */
export const checkTimeoutsOption = {
  checkTimeouts: {
    type: 'boolean',
    description:
      'Also report a `setTimeout` whose id the owner keeps (or that runs in an effect) but never cancels with `clearTimeout`. A fire-and-forget `setTimeout(f, ms);` outside an effect is never reported.',
  },
} satisfies Record<string, JSONSchema4>;
