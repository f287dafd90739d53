#!/usr/bin/env node
// `npm run fuzz [count] [seed]`: the fuzz test (tests/robustness/fuzz.test.ts) with more programs than `npm test`
// runs. Defaults: 5000 programs, a seed from the clock (printed, so a failing run can be repeated). FUZZ_COUNT and
// FUZZ_SEED in the environment work too. Each failure prints its program and the seed that reproduces it alone.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const [countArgument, seedArgument] = process.argv.slice(2);
const count = Number(countArgument ?? process.env.FUZZ_COUNT ?? 5000);
const seed = Number(seedArgument ?? process.env.FUZZ_SEED ?? Date.now() % 2 ** 32);
if (!Number.isInteger(count) || count <= 0 || !Number.isInteger(seed) || seed < 0) {
  console.error('usage: npm run fuzz [count] [seed]   (positive integers)');
  process.exit(2);
}

console.log(`fuzz: ${count} programs, seed ${seed}`);
// vitest's own command line (its `bin`), resolved from its package.json.
const vitestPackage = createRequire(import.meta.url).resolve('vitest/package.json');
const vitest = path.join(path.dirname(vitestPackage), 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'tests/robustness/fuzz.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_COUNT: String(count), FUZZ_SEED: String(seed) },
});
process.exit(result.status ?? 1);
