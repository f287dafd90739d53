/**
 * File globs as ESLint's `files` writes them, matched against a POSIX path relative to ESLint's cwd:
 *
 * - `*` any run of characters within one path segment, `?` one character within a segment;
 * - `**` as a whole segment: zero or more segments, so a leading `**` segment matches in any folder;
 * - `{a,b}` one of the alternatives (which may hold globs themselves, not nested braces).
 *
 * No `matchBase`: `*.test.ts` matches at the root only; start with a `**` segment for any folder. Anything else is a
 * literal character. A brace without its pair throws a `SyntaxError`.
 */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${globSource(glob, glob)}$`, 'u');
}

/** The regular expression source of `part`, a piece of `glob` (named in errors). */
function globSource(part: string, glob: string): string {
  let source = '';
  for (let index = 0; index < part.length; index += 1) {
    const char = part.charAt(index);
    const atSegmentStart = index === 0 || part.charAt(index - 1) === '/';
    if (char === '*' && part.charAt(index + 1) === '*' && atSegmentStart) {
      const next = part.charAt(index + 2);
      if (next === '/') {
        source += '(?:[^/]*/)*';
        index += 2;
        continue;
      }
      if (next === '') {
        source += '.*';
        index += 1;
        continue;
      }
    }
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      const close = part.indexOf('}', index);
      const alternatives = close === -1 ? null : part.slice(index + 1, close);
      if (alternatives === null || alternatives.includes('{')) {
        throw new SyntaxError(`unbalanced \`{\` in the glob \`${glob}\``);
      }
      source += `(?:${alternatives
        .split(',')
        .map((alternative) => globSource(alternative, glob))
        .join('|')})`;
      index = close;
    } else if (char === '}') throw new SyntaxError(`unbalanced \`}\` in the glob \`${glob}\``);
    else source += char.replace(/[.+^$()|[\]\\]/u, '\\$&');
  }
  return source;
}
