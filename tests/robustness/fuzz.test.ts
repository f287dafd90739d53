/**
 * Every rule over randomly generated programs (./generator.ts, ./fuzz.ts): no rule throws, every suggestion and every
 * autofix leaves code that parses, and fixing is idempotent. Each program is linted as JavaScript (espree) and in its
 * TypeScript flavour (@typescript-eslint/parser), which mixes TypeScript's declaration shapes (overloads, abstract and
 * `declare` members, parameter properties, namespaces, enums, ambient modules, … : `TS_SHAPES`) into the resource
 * code; the test checks that the run reached every one of those shapes.
 *
 * `npm test` runs a short fixed-seed run (300 programs). `npm run fuzz [count] [seed]` runs longer (see
 * scripts/fuzz.mjs); it sets FUZZ_COUNT and FUZZ_SEED. Each failure prints its program and the seed that reproduces
 * it alone (`generateProgram(seed)`).
 */
import { describe, expect, it } from 'vitest';

import { describeFailures, describeReport, fuzz } from './fuzz.js';
import { TS_SHAPES } from './generator.js';

const count = Number(process.env['FUZZ_COUNT'] ?? 300);
const seed = Number(process.env['FUZZ_SEED'] ?? 20261125);
const long = process.env['FUZZ_COUNT'] !== undefined;

describe('fuzz', () => {
  it(
    `${count} random programs (seed ${seed}): no rule throws, fixes and suggestions parse, fixing is idempotent`,
    () => {
      const report = fuzz({ seed, count, maxFailures: long ? 50 : 10 });
      console.log(describeReport(report, seed));
      // A run stops early only after `maxFailures` failures.
      if (report.failures.length === 0) expect(report.tried).toBe(count);
      expect(
        report.failures.map((failure) => `#${failure.index} ${failure.parser}: ${failure.problem.split('\n')[0]}`),
        describeFailures(report.failures.slice(0, 3)),
      ).toEqual([]);
      // The generator reaches the rules: findings and autofixes happen.
      expect(Object.values(report.findings).reduce((sum, value) => sum + value, 0)).toBeGreaterThan(0);
      expect(report.fixedPrograms).toBeGreaterThan(0);
      // The TypeScript programs hold every declaration shape of the generator (issue 12: rules threw on them).
      expect(TS_SHAPES.filter((shape) => report.tsShapes[shape] === 0)).toEqual([]);
    },
    // A long run sets its own budget (about 100 ms a program on a loaded machine).
    long ? 120_000 + count * 200 : 120_000,
  );
});
