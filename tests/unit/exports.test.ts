import { describe, expect, it } from 'vitest';

import {
  exportedDescription,
  functionBinding,
  isCommonJsExport,
  isExportReference,
} from '../../src/analysis/exports.js';
import { resourceModel } from '../../src/resources/match.js';
import { enclosingFunction } from '../../src/util/ast.js';
import { withCalls } from './harness.js';

/** For every `probe()` call: how the function around it leaves the module, and the name it is bound to. */
function exported(code: string): string[] {
  const found: string[] = [];
  withCalls(code, (call, context) => {
    if (call.callee.type !== 'Identifier' || call.callee.name !== 'probe') return;
    const fn = enclosingFunction(call);
    if (!fn) throw new Error('probe() outside a function');
    const binding = functionBinding(context.sourceCode, fn)?.name ?? '-';
    found.push(`${exportedDescription(resourceModel(context), fn) ?? 'stays'} (${binding})`);
  });
  return found;
}

/** For every `mark(x)` call: whether `x` is referenced somewhere that exports it. */
function exportReferences(code: string): boolean[] {
  const found: boolean[] = [];
  withCalls(code, (call, context) => {
    const argument = call.arguments[0];
    if (call.callee.type !== 'Identifier' || call.callee.name !== 'mark' || argument?.type !== 'Identifier') return;
    const variable = context.sourceCode.getScope(argument).references.find((r) => r.identifier === argument)?.resolved;
    const model = resourceModel(context);
    found.push(variable?.references.some((reference) => isExportReference(model, reference.identifier)) ?? false);
  });
  return found;
}

describe('exportedDescription', () => {
  it('names every ES module and TypeScript export form', () => {
    expect(
      exported(`export function named() { probe(); }
export default function () { probe(); }
export const arrow = () => probe();
function later() { probe(); }
export { later };
export const api = { run() { probe(); }, ['x']: () => probe() };
export class Service { constructor() { probe(); } m() { probe(); } }
const Hidden = class { m() { probe(); } };
class Listed { static s() { probe(); } }
export { Listed };
function local() { probe(); }
const [destructured = () => probe()] = [];`),
    ).toEqual([
      'the exported function `named` (named)',
      'the exported function (-)',
      'the exported function `arrow` (arrow)',
      'the exported function `later` (later)',
      'the exported function `run` (-)',
      'the exported function `x` (-)',
      'the constructor of the exported class `Service` (-)',
      'the method `m` of the exported class `Service` (-)',
      'stays (-)',
      'the method `s` of the exported class `Listed` (-)',
      'stays (local)',
      'stays (-)',
    ]);
  });

  it('names CommonJS exports when `module` and `exports` are the globals', () => {
    expect(
      exported(`module.exports = function main() { probe(); };
module.exports.one = () => probe();
exports.two = () => probe();
module.exports = { three() { probe(); } };
module.exports = class { m() { probe(); } };
function shadow(exports) { exports.four = () => probe(); }
other.exports.five = () => probe();`),
    ).toEqual([
      'the exported function `main` (-)',
      'the exported function `one` (-)',
      'the exported function `two` (-)',
      'the exported function `three` (-)',
      'the method `m` of the exported class (-)',
      'stays (-)',
      'stays (-)',
    ]);
  });
});

describe('isExportReference', () => {
  it('sees `export { x }`, `export default x`, `export =` and `module.exports` forms', () => {
    expect(
      exportReferences(`const a = 1; export { a }; mark(a);
const b = 1; export default b; mark(b);
const c = 1; module.exports = { c }; mark(c);
const d = 1; module.exports.d = d; mark(d);
const e = 1; console.log({ e }); mark(e);`),
    ).toEqual([true, true, true, true, false]);
    expect(exportReferences(`const f = 1; export = f; mark(f);`)).toEqual([true]);
  });
});

describe('isCommonJsExport', () => {
  it('is false for a plain identifier and for a member of an unknown object', () => {
    const found: boolean[] = [];
    withCalls(`probe(exports, module.exports, module.other, a.b.exports);`, (call, context) => {
      const model = resourceModel(context);
      for (const argument of call.arguments) {
        if (argument.type !== 'SpreadElement') found.push(isCommonJsExport(model, argument));
      }
    });
    expect(found).toEqual([false, true, false, false]);
  });
});
