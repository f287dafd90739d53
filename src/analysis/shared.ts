/**
 * Shared values: module-level bindings that hold a connection or another resource, and the concurrent code that uses
 * or overwrites them; values handed to a worker thread that cannot use them there.
 *
 * - A module-level single connection (`const conn = await mysql.createConnection()`) used by concurrent code (see
 *   `analysis/concurrency.ts`) is shared by all of it, and so is every transaction one of them opens on it.
 * - A module-level `let` that concurrent code assigns a resource of its own to, call after call, is overwritten.
 * - A connection or pool sent through `workerData` or `postMessage()` reaches the worker as a useless copy.
 *
 * What is a single connection, a shareable pool, a transaction start: `resources/sharing.ts`. Verdicts are memoised
 * per declarator (a `WeakMap` on the AST) and independent of rule options.
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import {
  creatingExpression,
  isEndMethod,
  isSetupMethod,
  isThreadBound,
  transactionStartOn,
  type SharedValue,
  type TransactionStart,
} from '../resources/sharing.js';
import { sharedValueAt } from '../resources/recognize.js';
import {
  contains,
  enclosingFunction,
  isTransparentWrapper,
  parentThroughWrappers,
  propertyName,
  type FunctionNode,
} from '../util/ast.js';
import { concurrencyModel, type Concurrency } from './concurrency.js';
import { isExportReference } from './exports.js';
import { bindingNamed, runsOnlyWhen, runsWhenAbsentOr } from './exits/guards.js';

/** What a module-level variable declarator holds, for code that runs concurrently. */
export type ModuleBinding =
  /** Not a single connection, or not used by concurrent code. */
  | { readonly type: 'unshared' }
  /** Concurrent code stores a resource of its own in it, each call overwriting the previous call's. */
  | { readonly type: 'overwritten'; readonly writes: readonly Overwrite[] }
  /** One connection for the whole module, used by concurrent code. */
  | {
      readonly type: 'sharedConnection';
      readonly id: TSESTree.Identifier;
      readonly connection: SharedValue;
      /** Each concurrent user once, in source order (an export first). */
      readonly users: readonly [Concurrency, ...Concurrency[]];
      /** The transactions concurrent users open on it. */
      readonly transactions: readonly Transaction[];
    };

/** `conn = await mysql.createConnection()` in concurrent code, into a module-level `let`. */
export interface Overwrite {
  readonly assignment: TSESTree.AssignmentExpression;
  readonly name: string;
  readonly value: SharedValue;
  readonly user: Concurrency;
}

/** A transaction opened on a shared connection, and the concurrent code that opens it. */
export interface Transaction extends TransactionStart {
  readonly user: Concurrency;
}

/** A thread-bound value found in what is sent to a worker. */
export interface ThreadBound {
  /** Where to report: the value, or the name it is sent under. */
  readonly node: TSESTree.Node;
  readonly value: SharedValue;
  /** The variable that holds it, when it is sent by name. */
  readonly name: string | null;
}

/** Users of a module-level value that other modules import. */
export const IMPORTERS: Concurrency = {
  kind: 'exported',
  description: 'the modules that import it (it is exported)',
  source: 'the modules that import it (it is exported)',
};

const MAX_DEPTH = 3;
const UNSHARED: ModuleBinding = { type: 'unshared' };

const bindings = new WeakMap<TSESTree.VariableDeclarator, ModuleBinding>();

/** What a declarator of a module-level `const`/`let`/`var` holds; computed once per declarator. */
export function moduleBindingOf(model: ResourceModel, declarator: TSESTree.VariableDeclarator): ModuleBinding {
  let binding = bindings.get(declarator);
  if (!binding) {
    binding = computeModuleBinding(model, declarator);
    bindings.set(declarator, binding);
  }
  return binding;
}

function computeModuleBinding(model: ResourceModel, declarator: TSESTree.VariableDeclarator): ModuleBinding {
  // Cheapest first: a `const` is written once, so one that does not start with a call or `new` holds no connection.
  if (declarator.parent.kind === 'const' && !(declarator.init && creatingExpression(declarator.init))) return UNSHARED;
  const variables = model.sourceCode.getDeclaredVariables(declarator);
  const writes = variables.flatMap((variable) => overwritesOf(model, variable));
  if (writes.length > 0) return { type: 'overwritten', writes };
  const id = declarator.id;
  if (id.type !== AST_NODE_TYPES.Identifier) return UNSHARED;
  const variable = variables.find((candidate) => candidate.name === id.name);
  if (!variable) return UNSHARED;
  const connection = singleConnectionOf(model, declarator, variable);
  if (!connection) return UNSHARED;

  const concurrency = concurrencyModel(model);
  const users = new Map<string, Concurrency>();
  const add = (user: Concurrency): void => {
    if (!users.has(user.description)) users.set(user.description, user);
  };
  if (declarator.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) add(IMPORTERS);
  const transactions: Transaction[] = [];
  for (const reference of variable.references) {
    if (!reference.isRead() || reference.isWrite()) continue;
    const identifier = reference.identifier;
    if (isExportReference(model, identifier)) {
      add(IMPORTERS);
      continue;
    }
    if (isSetupOrGuard(identifier)) continue;
    const user = concurrency.contextOf(identifier);
    if (!user) continue;
    add(user);
    const transaction = transactionStartOn(identifier);
    if (transaction) transactions.push({ ...transaction, user });
  }
  const [first, ...others] = users.values();
  return first ? { type: 'sharedConnection', id, connection, users: [first, ...others], transactions } : UNSHARED;
}

/** The single connection a module-level variable holds: its initialiser or any value assigned to it. */
function singleConnectionOf(
  model: ResourceModel,
  declarator: TSESTree.VariableDeclarator,
  variable: TSESLint.Scope.Variable,
): SharedValue | null {
  const written: TSESTree.Node[] = [];
  if (declarator.init) written.push(declarator.init);
  for (const reference of variable.references) {
    if (reference.init !== true && reference.writeExpr) written.push(reference.writeExpr);
  }
  let single: SharedValue | null = null;
  for (const expression of written) {
    if (!creatingExpression(expression)) continue;
    const value = sharedValueAt(model, expression);
    if (value?.sharing === 'shareable') return null;
    if (value?.sharing === 'single') single ??= value;
  }
  return single;
}

/** `conn.end()`, `conn.on('error', f)`, `if (!conn)`, `conn == null`: set-up, tear-down and checks, not a use. */
function isSetupOrGuard(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const { child, parent } = parentThroughWrappers(identifier);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === child && isMethodCall(parent, isSetupMethod);
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!' || parent.operator === 'typeof';
    case AST_NODE_TYPES.BinaryExpression:
      return (
        parent.operator === '==' || parent.operator === '===' || parent.operator === '!=' || parent.operator === '!=='
      );
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === child;
    default:
      return false;
  }
}

/** `member` is the callee of a call, and its method name passes `test`: `conn.end()` for {@link isEndMethod}. */
function isMethodCall(member: TSESTree.MemberExpression, test: (name: string | null) => boolean): boolean {
  const outer = parentThroughWrappers(member);
  return (
    outer.parent?.type === AST_NODE_TYPES.CallExpression &&
    outer.parent.callee === outer.child &&
    test(propertyName(member))
  );
}

/** Every assignment to `variable` (a module-level `let`/`var`) that concurrent code overwrites. */
function overwritesOf(model: ResourceModel, variable: TSESLint.Scope.Variable): Overwrite[] {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== TSESLint.Scope.DefinitionType.Variable) return [];
  if (def.parent.kind !== 'let' && def.parent.kind !== 'var') return [];
  const overwrites: Overwrite[] = [];
  for (const reference of variable.references) {
    const { parent } = reference.identifier;
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== reference.identifier) continue;
    const overwrite = overwriteOf(model, variable, parent);
    if (overwrite) overwrites.push(overwrite);
  }
  return overwrites;
}

/**
 * `conn = await mysql.createConnection()` inside a function that runs concurrently: reported when the function owns
 * the resource for one call (it also releases it or resets the variable) or runs per request. A lazy initialisation
 * (`if (!conn) conn = …`) or a one-time `init()` makes a shared connection instead.
 */
function overwriteOf(
  model: ResourceModel,
  variable: TSESLint.Scope.Variable,
  assignment: TSESTree.AssignmentExpression,
): Overwrite | null {
  if (assignment.operator !== '=' || !creatingExpression(assignment.right)) return null;
  const owner = enclosingFunction(assignment);
  if (!owner) return null;
  const value = sharedValueAt(model, assignment.right);
  if (!value || value.sharing === 'shareable' || (value.kind === null && value.sharing !== 'single')) return null;
  if (isLazyInit(assignment, variable.name)) return null;
  // Synchronous code cannot be interleaved: the value must be used across an `await` or in a callback.
  if (!owner.async && !owner.generator && !usedInCallback(owner, variable)) return null;
  const user = concurrencyModel(model).contextOf(assignment);
  if (!user) return null;
  if (user.kind !== 'handler' && !endsIn(owner, variable, assignment)) return null;
  return { assignment, name: variable.name, value, user };
}

/**
 * `if (!conn) conn = …`, `conn || (conn = …)`, `conn ?? (conn = …)`, `if (conn) return conn; conn = …`: the
 * assignment runs only when the variable holds nothing (the one presence-guard check, `exits/guards.ts`). A
 * reconnect, `if (!conn || stale) conn = …`, replaces a value the code judged dead: also not a per-call overwrite.
 */
function isLazyInit(assignment: TSESTree.AssignmentExpression, name: string): boolean {
  const subject = bindingNamed(name);
  return runsOnlyWhen(assignment, subject, 'absent') || runsWhenAbsentOr(assignment, subject);
}

/** The function also ends what it stored: `conn.end()`, `release()`, `fs.closeSync(fd)`, `conn = null`. */
function endsIn(
  owner: FunctionNode,
  variable: TSESLint.Scope.Variable,
  assignment: TSESTree.AssignmentExpression,
): boolean {
  return variable.references.some((reference) => {
    const identifier = reference.identifier;
    if (identifier === assignment.left || !contains(owner, identifier)) return false;
    const write = reference.writeExpr;
    if (reference.isWrite() && write) return isNullish(write);
    const { child, parent } = parentThroughWrappers(identifier);
    if (parent?.type === AST_NODE_TYPES.CallExpression) {
      if (parent.callee === child) return true;
      const callee = parent.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression) return isEndMethod(propertyName(callee));
      return callee.type === AST_NODE_TYPES.Identifier && isEndMethod(callee.name);
    }
    return (
      parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child && isMethodCall(parent, isEndMethod)
    );
  });
}

/** A reference to `variable` inside a function nested in `owner`: the value is used after `owner` returns. */
function usedInCallback(owner: FunctionNode, variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    const identifier = reference.identifier;
    if (!contains(owner, identifier)) return false;
    const fn = enclosingFunction(identifier);
    return fn !== null && fn !== owner;
  });
}

/** `node` without `as`, `!`, `satisfies`, `<T>x` and optional-chain wrappers (any node, not only expressions). */
function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isTransparentWrapper(current)) current = current.expression;
  return current;
}

function isNullish(node: TSESTree.Node): boolean {
  const expression = unwrap(node);
  return (
    (expression.type === AST_NODE_TYPES.Literal && expression.value === null) ||
    (expression.type === AST_NODE_TYPES.Identifier && expression.name === 'undefined') ||
    (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void')
  );
}

/** Every connection or pool in a value sent to a worker: `{ workerData: { conn } }`, `postMessage(pool)`. */
export function threadBoundIn(model: ResourceModel, value: TSESTree.Node): readonly ThreadBound[] {
  return threadBound(model, value, 0);
}

function threadBound(model: ResourceModel, node: TSESTree.Node, depth: number): ThreadBound[] {
  if (depth > MAX_DEPTH) return [];
  const expression = unwrap(node);
  switch (expression.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return expression.properties.flatMap((property) =>
        property.type === AST_NODE_TYPES.Property ? threadBound(model, property.value, depth + 1) : [],
      );
    case AST_NODE_TYPES.ArrayExpression:
      return expression.elements.flatMap((element) =>
        element && element.type !== AST_NODE_TYPES.SpreadElement ? threadBound(model, element, depth + 1) : [],
      );
    case AST_NODE_TYPES.Identifier:
      return identifierThreadBound(model, expression, depth);
    default: {
      if (!creatingExpression(expression)) return [];
      const value = sharedValueAt(model, expression);
      return value && isThreadBound(value) ? [{ node: expression, value, name: null }] : [];
    }
  }
}

/** `conn` where `const conn = await mysql.createConnection()`, or `data` where `const data = { conn }`. */
function identifierThreadBound(model: ResourceModel, identifier: TSESTree.Identifier, depth: number): ThreadBound[] {
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(identifier), identifier.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== TSESLint.Scope.DefinitionType.Variable) return [];
  if (def.node.id.type !== AST_NODE_TYPES.Identifier) return [];
  const written: TSESTree.Node[] = [];
  if (def.node.init) written.push(def.node.init);
  for (const reference of variable.references) {
    if (reference.init !== true && reference.writeExpr) written.push(reference.writeExpr);
  }
  for (const expression of written) {
    const inner = unwrap(expression);
    if (inner.type === AST_NODE_TYPES.ObjectExpression && def.parent.kind === 'const') {
      // Reported where the object is sent, naming what it carries.
      return threadBound(model, inner, depth + 1).map((found) => ({ ...found, node: identifier }));
    }
    if (!creatingExpression(inner)) continue;
    const value = sharedValueAt(model, inner);
    if (value && isThreadBound(value)) return [{ node: identifier, value, name: identifier.name }];
  }
  return [];
}
