/**
 * Labels in report messages: how a piece of the user's code is quoted, and what stands in for it when it is too long
 * to quote whole.
 */

/** The longest reference text (`this.socket`, `handlers.resize`) a message quotes whole. */
export const MAX_QUOTED_REFERENCE_LENGTH = 32;

/** `text` itself when it is at most `max` characters long, else `fallback`. */
export function textOrFallbackIfLong(text: string, fallback: string, max = MAX_QUOTED_REFERENCE_LENGTH): string {
  return text.length <= max ? text : fallback;
}

/** `text` as inline code (in backticks) when it is at most `max` characters long, else `fallback` (as it is). */
export function codeOrFallbackIfLong(text: string, fallback: string, max = MAX_QUOTED_REFERENCE_LENGTH): string {
  return text.length <= max ? `\`${text}\`` : fallback;
}
