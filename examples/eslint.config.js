// The demo project's ESLint config: the plugin's `recommended` config on every file, and the TypeScript parser for
// the one `.ts` file. No type information is needed.
//
// In your own project the plugin comes from node_modules:
//
//   import cleanup from 'eslint-plugin-cleanup';
//
// Here it is this repository's build, so that `npm install && npm run demo` at the repository root is enough: nothing
// is installed inside examples/. `eslint/config` and `@typescript-eslint/parser` resolve from the root node_modules.
import tsParser from '@typescript-eslint/parser';
import { defineConfig } from 'eslint/config';

import cleanup from '../dist/index.js';

export default defineConfig(
  cleanup.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
  },
);
