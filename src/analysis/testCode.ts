/**
 * Test code (issue 16): where the path-sensitive rules stay quiet unless `settings.cleanup.tests` is `'check'`.
 *
 * A test acquires, asserts and releases in order against a mock; it adds listeners in per-test handlers and leaves
 * acquisitions pending. A failing assertion ends the test, and the runner's process ends soon after: what such code
 * leaks on a path does not outlive the test, and reports about it are noise.
 *
 * Test code is:
 * - a whole file whose path (relative to ESLint's cwd) matches `settings.cleanup.testFiles` (by default `.test.`
 *   and `.spec.` files, and the `__tests__`, `test` and `tests` folders, at any depth): {@link isSkippedTestFile};
 * - in any other file, the code inside a test-framework call: `describe`/`it`/`test`/`suite`/hooks, with their
 *   `.only`/`.skip`/`.each(…)(…)` forms, of vitest, jest, mocha, node:test, ava, tap, bun and Playwright:
 *   {@link isInSkippedTest}.
 *
 * A framework call is one whose callee (`it`, `it.only`, `it.each(table)`, `` it.each`…` ``) starts with:
 * - a binding imported or required from a framework module at module level: `import { it } from 'vitest'`,
 *   `import test from 'node:test'`, `const { describe } = require('mocha')`, `import * as t from 'tap'` (then
 *   `t.test(…)`);
 * - or an unbound global of a framework name (jest, mocha and vitest globals), in a file that calls one of
 *   {@link GLOBAL_ANCHORS} at module level. A locally bound `test` or `it` is never the framework.
 *
 * Both answers are memoised: the file's framework bindings once per file, the callback answer once per function.
 */
import path from 'node:path';

import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { TEST_CALLS } from '../resources/callbacks.js';
import type { ResourceModel } from '../resources/match.js';
import { readSettings } from '../resources/settings.js';
import { keyName } from '../util/keys.js';
import { isOneShotCode, shortLivedOwnerOf } from './owners.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * How a framework binding is called: `'function'` is a test function itself (`it`, ava's and node:test's default
 * `test`), so every call on it is (`it(…)`, `it.only(…)`, `test.serial(…)`); `'namespace'` holds them (`vitest`'s
 * namespace, tap's default `t`), so `t.test(…)` is and `t.equal(…)` is not.
 */
type Role = 'function' | 'namespace';

/** Framework modules and how their default export (or `require` result) is called. */
const FRAMEWORK_MODULES: ReadonlyMap<string, Role> = new Map<string, Role>([
  ['vitest', 'namespace'],
  ['@jest/globals', 'namespace'],
  ['mocha', 'namespace'],
  ['node:test', 'function'],
  ['ava', 'function'],
  ['tap', 'namespace'],
  ['bun:test', 'namespace'],
  ['@playwright/test', 'function'],
]);

/** The suites, tests and hooks of the frameworks, and jasmine-style `x`/`f` forms: their callbacks are test code. */
const TEST_FUNCTIONS: ReadonlySet<string> = new Set([
  ...TEST_CALLS,
  'xdescribe',
  'xit',
  'xtest',
  'xcontext',
  'xspecify',
  'fdescribe',
  'fit',
]);

/**
 * The global calls that make a file a test file of the global style when one is at module level: suites, tests and
 * hooks, not the generic `setup`/`teardown` (mocha's TDD hooks), which count only once the file is anchored.
 */
const GLOBAL_ANCHORS: ReadonlySet<string> = new Set(
  [...TEST_FUNCTIONS].filter((name) => !/^(?:setup|teardown|suiteSetup|suiteTeardown)$/u.test(name)),
);

/** Is the file test code, and are test files skipped (`settings.cleanup.tests` is not `'check'`)? */
export function isSkippedTestFile(context: Context): boolean {
  const settings = readSettings(context.settings);
  if (settings.tests === 'check') return false;
  let skipped = skippedFiles.get(context.sourceCode.ast);
  if (skipped === undefined) {
    skipped = isTestPath(relativePath(context.filename, context.cwd), settings.testFiles);
    skippedFiles.set(context.sourceCode.ast, skipped);
  }
  return skipped;
}

/** Is `node` inside a test-framework call, and is test code skipped? For a file that is not a test file as a whole. */
export function isInSkippedTest(context: Context, node: TSESTree.Node): boolean {
  if (readSettings(context.settings).tests === 'check') return false;
  const facts = frameworkFactsOf(context.sourceCode);
  return facts.roots.size > 0 && isInTest(facts, node);
}

const scriptFiles = new WeakMap<TSESTree.Program, boolean>();

/**
 * Is the file a script (`settings.cleanup.scriptFiles`, by default `defaultScriptFiles`: examples, benchmarks, scripts,
 * migrations, command-line entry points, docs): code that runs as a process of its own, from a command line?
 */
export function isScriptFile(context: Context): boolean {
  let script = scriptFiles.get(context.sourceCode.ast);
  if (script === undefined) {
    script = isTestPath(relativePath(context.filename, context.cwd), readSettings(context.settings).scriptFiles);
    scriptFiles.set(context.sourceCode.ast, script);
  }
  return script;
}

/**
 * Is `node` part of a script's one run: in a script file ({@link isScriptFile}), and not owned by something that runs
 * many times while the script does (a class instance, an effect, a request or event handler)? A failure there ends
 * the process, and what the code holds ends with it: a release on the error path frees nothing that would outlive
 * the run. A request handler in an example server still runs per request.
 */
export function isInScriptRun(context: Context, model: ResourceModel, node: TSESTree.Node): boolean {
  return isScriptFile(context) && shortLivedOwnerOf(node, model) === null;
}

/**
 * Does the code at `node` run once as the process's own run, so that a failure there ends the process and what the
 * code holds ends with it: one-shot code (the top level, `main()`, a module-level IIFE, a function called once from
 * there; `owners.ts` `isOneShotCode`) or a script's run ({@link isInScriptRun})? release-in-finally does not judge
 * such code: on the repository sweeps its findings there were false or debatable, never true. The release is still
 * not guaranteed, so prefer-using says so there rather than that it is released on every path.
 */
export function endsWithTheProcess(context: Context, model: ResourceModel, node: TSESTree.Node): boolean {
  return isOneShotCode(node, model) || isInScriptRun(context, model, node);
}

/** A path with an empty, `.` or `..` segment: `path` normalises it. */
const NOT_NORMALISED = /\/\/|\/\.\.?(?:\/|$)/u;

/** `filename` relative to `cwd`, with `/` separators: what the `testFiles` globs match. */
export function relativePath(filename: string, cwd: string): string {
  // The common case without `path`: ESLint passes a normalised absolute filename under a POSIX cwd.
  if (path.sep === '/' && !NOT_NORMALISED.test(filename) && !NOT_NORMALISED.test(cwd)) {
    const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
    if (filename.startsWith(prefix)) return filename.slice(prefix.length);
  }
  return path.relative(cwd, path.resolve(cwd, filename)).split(path.sep).join('/');
}

/** Does the relative POSIX path match one of the compiled test globs? */
export function isTestPath(relative: string, testFiles: readonly RegExp[]): boolean {
  return testFiles.some((glob) => glob.test(relative));
}

const skippedFiles = new WeakMap<TSESTree.Program, boolean>();

interface FrameworkFacts {
  /** Every identifier that reads a framework binding, and how that binding is called. */
  readonly roots: ReadonlyMap<TSESTree.Identifier, Role>;
  /** Per function: is it inside a framework call (at any depth)? */
  readonly functions: WeakMap<TSESTree.Node, boolean>;
}

const frameworkFacts = new WeakMap<TSESTree.Program, FrameworkFacts>();

function frameworkFactsOf(sourceCode: Readonly<TSESLint.SourceCode>): FrameworkFacts {
  let facts = frameworkFacts.get(sourceCode.ast);
  if (!facts) {
    const roots = new Map<TSESTree.Identifier, Role>();
    addImportedRoots(sourceCode, roots);
    addTypedParameterRoots(sourceCode, roots);
    addGlobalRoots(sourceCode, roots);
    facts = { roots, functions: new WeakMap() };
    frameworkFacts.set(sourceCode.ast, facts);
  }
  return facts;
}

/** The role a framework module's export named `imported` has (`'default'` for the default export), or null. */
function exportRole(module: string, imported: string): Role | null {
  const defaultRole = FRAMEWORK_MODULES.get(module);
  if (defaultRole === undefined) return null;
  if (imported === 'default') return defaultRole;
  return TEST_FUNCTIONS.has(imported) ? 'function' : null;
}

/** Module-level `import … from '<framework>'` and `const … = require('<framework>')`. */
function addImportedRoots(sourceCode: Readonly<TSESLint.SourceCode>, roots: Map<TSESTree.Identifier, Role>): void {
  const bind = (declaration: TSESTree.Node, name: string, role: Role | null): void => {
    if (role === null) return;
    const variable = sourceCode.getDeclaredVariables(declaration).find((candidate) => candidate.name === name);
    for (const reference of variable?.references ?? []) roots.set(reference.identifier as TSESTree.Identifier, role);
  };
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      if (statement.importKind === 'type' || !FRAMEWORK_MODULES.has(statement.source.value)) continue;
      const module = statement.source.value;
      for (const specifier of statement.specifiers) {
        const name = specifier.local.name;
        if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) bind(specifier, name, 'namespace');
        else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier)
          bind(specifier, name, exportRole(module, 'default'));
        else if (specifier.importKind !== 'type') bind(specifier, name, exportRole(module, importedName(specifier)));
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const module = requiredModule(declarator.init);
        if (module === null || !FRAMEWORK_MODULES.has(module)) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          bind(declarator, declarator.id.name, exportRole(module, 'default'));
        } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            const local = property.type === AST_NODE_TYPES.Property ? boundName(property.value) : null;
            const key = property.type === AST_NODE_TYPES.Property ? keyName(property) : null;
            if (local !== null && key !== null) bind(declarator, local, exportRole(module, key));
          }
        }
      }
    }
  }
}

/**
 * The frameworks' types of a test function itself (ava's `TestFn`, vitest's `TestAPI`/`SuiteAPI`, Playwright's
 * `TestType`), not of what a test receives (`ExecutionContext`, `Page`).
 */
const TEST_FUNCTION_TYPES: ReadonlySet<string> = new Set([
  'TestFn',
  'TestInterface',
  'TestAPI',
  'SuiteAPI',
  'TestType',
  'TestFunction',
]);

/**
 * A parameter typed with a framework's test-function type (`(test: TestFn<Context>) => { test('…', …) }` with
 * `import type { TestFn } from 'ava'`): a suite factory that receives the framework's `test`, so calls on it are tests.
 */
function addTypedParameterRoots(
  sourceCode: Readonly<TSESLint.SourceCode>,
  roots: Map<TSESTree.Identifier, Role>,
): void {
  const typeNames = new Set<string>();
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !FRAMEWORK_MODULES.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) continue;
      if (statement.importKind !== 'type' && specifier.importKind !== 'type') continue;
      if (TEST_FUNCTION_TYPES.has(importedName(specifier))) typeNames.add(specifier.local.name);
    }
  }
  if (typeNames.size === 0) return;
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      const [definition] = variable.defs;
      if (definition?.type !== TSESLint.Scope.DefinitionType.Parameter) continue;
      const annotation = definition.name.typeAnnotation?.typeAnnotation;
      if (
        annotation?.type !== AST_NODE_TYPES.TSTypeReference ||
        annotation.typeName.type !== AST_NODE_TYPES.Identifier ||
        !typeNames.has(annotation.typeName.name)
      )
        continue;
      for (const reference of variable.references) roots.set(reference.identifier as TSESTree.Identifier, 'function');
    }
  }
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}

/** `'mocha'` in `require('mocha')`; `node:test` and `test` alike stay as written. */
function requiredModule(init: TSESTree.Expression | null): string | null {
  if (
    init?.type !== AST_NODE_TYPES.CallExpression ||
    init.callee.type !== AST_NODE_TYPES.Identifier ||
    init.callee.name !== 'require'
  )
    return null;
  const [argument] = init.arguments;
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : null;
}

/** `it` in `{ it }`, `{ test: it }` and `{ it = fallback }`. */
function boundName(value: TSESTree.Property['value']): string | null {
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.AssignmentPattern && value.left.type === AST_NODE_TYPES.Identifier) {
    return value.left.name;
  }
  return null;
}

/**
 * Unbound globals of a framework name (no declaration in the file; maybe declared by `languageOptions.globals`), when
 * one of {@link GLOBAL_ANCHORS} is called at module level.
 */
function addGlobalRoots(sourceCode: Readonly<TSESLint.SourceCode>, roots: Map<TSESTree.Identifier, Role>): void {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return;
  const identifiers: TSESTree.Identifier[] = [];
  for (const reference of globalScope.through) {
    if (TEST_FUNCTIONS.has(reference.identifier.name)) identifiers.push(reference.identifier as TSESTree.Identifier);
  }
  for (const name of TEST_FUNCTIONS) {
    const variable = globalScope.set.get(name);
    if (!variable || variable.defs.length > 0) continue;
    for (const reference of variable.references) identifiers.push(reference.identifier as TSESTree.Identifier);
  }
  if (!identifiers.some((identifier) => GLOBAL_ANCHORS.has(identifier.name) && isModuleLevelCall(identifier))) return;
  for (const identifier of identifiers) roots.set(identifier, 'function');
}

/** Is `identifier` the start of a callee (`describe(…)`, `describe.each(…)`) outside every function? */
function isModuleLevelCall(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  const startsCallee =
    (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) ||
    (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier);
  if (!startsCallee) return false;
  for (let node: TSESTree.Node = parent; node.type !== AST_NODE_TYPES.Program; node = node.parent) {
    if (isFunction(node)) return false;
  }
  return true;
}

function isFunction(
  node: TSESTree.Node,
): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/**
 * Is `node` among the arguments of a framework call, at any depth: `it('…', () => { … })`,
 * `it('…', withDb(async (db) => { … }))`, `test.extend({ db: async ({}, use) => { … } })`?
 */
function isInTest(facts: FrameworkFacts, node: TSESTree.Node): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee !== child && isFrameworkCall(facts, parent)) {
      return true;
    }
    if (isFunction(parent)) return isFunctionInTest(facts, parent);
  }
  return false;
}

function isFunctionInTest(facts: FrameworkFacts, fn: TSESTree.Node): boolean {
  let inTest = facts.functions.get(fn);
  if (inTest === undefined) {
    inTest = isInTest(facts, fn);
    facts.functions.set(fn, inTest);
  }
  return inTest;
}

/**
 * Does the callee start with a framework binding: `it(…)`, `it.only(…)`, `it.each(table)(…)`, `` it.each`…`(…) ``,
 * `vitest.describe(…)`? Through a namespace, the first member must be a test function.
 */
function isFrameworkCall(facts: FrameworkFacts, call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call.callee;
  let first: string | null = null;
  for (;;) {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const role = facts.roots.get(node);
        return role === 'function' || (role === 'namespace' && first !== null && TEST_FUNCTIONS.has(first));
      }
      case AST_NODE_TYPES.MemberExpression:
        first = !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : null;
        node = node.object;
        break;
      case AST_NODE_TYPES.CallExpression:
        node = node.callee;
        break;
      case AST_NODE_TYPES.TaggedTemplateExpression:
        node = node.tag;
        break;
      default:
        return false;
    }
  }
}
