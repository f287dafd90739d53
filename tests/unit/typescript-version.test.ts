import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { assertSupportedTypeScript, SUPPORTED_TYPESCRIPT } from '../../src/resources/types.js';

describe('assertSupportedTypeScript', () => {
  it.each(['5.2.2', '5.9.3', '6.0.3', ts.version])('accepts TypeScript %s', (version) => {
    expect(() => assertSupportedTypeScript(version)).not.toThrow();
  });

  it.each(['5.1.6', '4.9.5', '6.1.0', '7.0.2', undefined])(
    'rejects TypeScript %s in one line that says what to do',
    (version) => {
      let thrown: unknown;
      try {
        assertSupportedTypeScript(version);
      } catch (error) {
        thrown = error;
      }
      const error = thrown as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toContain(`needs TypeScript ${SUPPORTED_TYPESCRIPT}`);
      expect(error.message).toContain(`this project has TypeScript ${version ?? '(unknown version)'}`);
      expect(error.message).toContain('`recommended` without type information');
      expect(error.stack).toBe(error.message);
      expect(error.stack?.split('\n')).toHaveLength(1);
    },
  );
});
