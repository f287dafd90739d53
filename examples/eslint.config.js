// The demo project's ESLint config: the plugin's `recommended` config plus three `strict` rules (`prefer-using`,
// `dispose-owned-resources`, `require-stop-signal`) on every file, and the TypeScript parser for the one `.ts` file. No
// type information is needed.
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
    // `prefer-using` is in `strict`, not `recommended`: it also asks for `using` where a correct `finally` releases,
    // and its fix writes `using`, which only a target that runs or lowers it can take. This project targets Node 24
    // (see package.json), which runs `using`, so it opts in, and says so with `runtimeSupportsUsing` (otherwise the
    // rewrite is only a suggestion in JavaScript).
    //
    // `dispose-owned-resources` and `require-stop-signal` are in `strict` too: on real code a class's resources and a
    // worker's loop often live as long as the process, which a file alone does not show. This project's dispatcher
    // and workers are stopped and restarted, so it opts in.
    rules: {
      'cleanup/prefer-using': ['error', { runtimeSupportsUsing: true }],
      'cleanup/dispose-owned-resources': 'error',
      'cleanup/require-stop-signal': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
  },
);
