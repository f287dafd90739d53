import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { concurrencyModel, type Concurrency, type ConcurrencyModel } from '../analysis/concurrency.js';
import { resourceModel, type ResourceModel } from '../resources/match.js';
import { creatingExpression, isThreadBound, sharedValueOf, type SharedValue } from '../resources/sharing.js';
import {
  enclosingFunction,
  isFunction,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { createRule } from '../util/createRule.js';

export type Options = [];
export type MessageId = 'overwrittenResource' | 'passedToWorker' | 'sharedConnection' | 'transactionOnShared';

export default createRule<Options, MessageId>({
  name: 'no-shared-connection',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow one database connection, or one module-level resource variable, shared by code that runs concurrently',
      recommended: 'recommended',
    },
    schema: [],
    messages: {
      sharedConnection:
        "The {{connection}} is created once for the whole module and used by {{users}}: concurrent calls queue on it, a transaction one of them opens takes in the others' queries, and one error closes it for all. Use a pool and check a connection out per request (released in `finally`), or open one per task.",
      transactionOnShared:
        '`{{call}}` in {{user}} opens a transaction on the module-level {{connection}}: until it ends, the queries that other concurrent calls send on it run inside this transaction. Check a connection out of a pool for the transaction and release it in `finally`.',
      overwrittenResource:
        "The module-level `{{name}}` is assigned the {{noun}} from `{{label}}` in {{user}}, so concurrent calls overwrite each other's {{noun}} and one call ends up using or releasing another's. Keep it in a local `const`, pass it as an argument, or keep per-request state in `AsyncLocalStorage`.",
      passedToWorker:
        "The {{resource}} is passed to a worker thread through {{channel}}, but a worker cannot use another thread's {{noun}}: it gets a copy without the socket, or the call throws `DataCloneError`. Create the {{noun}} inside the worker, one per worker or per task.",
    },
  },
  create(context) {
    const model = resourceModel(context);
    const declarators: TSESTree.VariableDeclarator[] = [];
    const overwritten = new Set<TSESLint.Scope.Variable>();
    let concurrency: ConcurrencyModel | null = null;
    const concurrencyOf = (): ConcurrencyModel => (concurrency ??= concurrencyModel(model));

    return {
      'Program > VariableDeclaration > VariableDeclarator, Program > ExportNamedDeclaration > VariableDeclaration > VariableDeclarator'(
        node: TSESTree.VariableDeclarator,
      ) {
        if (node.id.type === AST_NODE_TYPES.Identifier) declarators.push(node);
      },
      AssignmentExpression(node) {
        const found = overwrittenResource(model, concurrencyOf, node);
        if (!found) return;
        overwritten.add(found.variable);
        context.report({
          node,
          messageId: 'overwrittenResource',
          data: {
            name: found.variable.name,
            noun: found.value.noun,
            label: found.value.label,
            user: found.user.description,
          },
        });
      },
      NewExpression(node) {
        for (const argument of node.arguments) {
          if (argument.type !== AST_NODE_TYPES.ObjectExpression) continue;
          for (const property of argument.properties) {
            if (property.type !== AST_NODE_TYPES.Property || keyOf(property) !== 'workerData') continue;
            reportPassed(context, model, property.value, '`workerData`');
          }
        }
      },
      'CallExpression[callee.property.name="postMessage"]'(node: TSESTree.CallExpression) {
        const argument = node.arguments[0];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
        reportPassed(context, model, argument, `\`${model.keyOf(node.callee)}()\``);
      },
      'Program:exit'() {
        for (const declarator of declarators) {
          checkModuleConnection(context, model, concurrencyOf, declarator, overwritten);
        }
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

/** Calls on a connection that set it up or tear it down: they do not share it with a caller. */
const SETUP_METHODS = new Set([
  'connect',
  'end',
  'destroy',
  'close',
  'release',
  'quit',
  'disconnect',
  'on',
  'once',
  'off',
  'addListener',
  'removeListener',
  'removeAllListeners',
  'setMaxListeners',
  'ref',
  'unref',
]);
/** Calls that end a resource's lifetime: a function that makes it and ends it owns it for one call. */
const TEARDOWN_METHODS = new Set([
  'release',
  'end',
  'destroy',
  'close',
  'closeSync',
  'quit',
  'disconnect',
  'unlock',
  'terminate',
]);
const QUERY_METHODS = new Set(['query', 'execute', 'exec']);
const TRANSACTION_START = /^\s*(?:begin\b|start\s+transaction\b)/iu;
const MAX_SQL_LABEL = 24;
const MAX_DEPTH = 3;

/** A module-level single connection used by concurrent code: report it once, and every transaction opened on it. */
function checkModuleConnection(
  context: Context,
  model: ResourceModel,
  concurrencyOf: () => ConcurrencyModel,
  declarator: TSESTree.VariableDeclarator,
  overwritten: ReadonlySet<TSESLint.Scope.Variable>,
): void {
  const id = declarator.id as TSESTree.Identifier;
  const variable = model.sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === id.name);
  if (!variable || overwritten.has(variable)) return;
  const value = singleConnectionOf(model, declarator, variable);
  if (!value) return;

  const concurrency = concurrencyOf();
  const users: Concurrency[] = [];
  const seen = new Set<string>();
  const add = (user: Concurrency): void => {
    if (seen.has(user.description)) return;
    seen.add(user.description);
    users.push(user);
  };
  if (declarator.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) add(EXPORTED);
  const transactions: { call: TSESTree.CallExpression; label: string; user: Concurrency }[] = [];
  for (const reference of variable.references) {
    if (!reference.isRead() || reference.isWrite()) continue;
    const identifier = reference.identifier as TSESTree.Identifier;
    if (concurrency.isExportReference(identifier)) {
      add(EXPORTED);
      continue;
    }
    if (isSetupOrGuard(identifier)) continue;
    const user = concurrency.contextOf(identifier);
    if (!user) continue;
    add(user);
    const transaction = transactionCall(identifier);
    if (transaction) transactions.push({ ...transaction, user });
  }
  if (users.length === 0) return;
  const connection = describe(value, id.name);
  const others =
    users.length === 1
      ? ''
      : ` (and ${users.length - 1} other concurrent ${users.length === 2 ? 'function' : 'functions'})`;
  const described = `${users[0]!.description}${others}`;
  // The name only, without a type annotation.
  const start = id.loc.start;
  const loc = { start, end: { line: start.line, column: start.column + id.name.length } };
  context.report({ node: id, loc, messageId: 'sharedConnection', data: { connection, users: described } });
  for (const transaction of transactions) {
    context.report({
      node: transaction.call,
      messageId: 'transactionOnShared',
      data: { call: transaction.label, connection, user: transaction.user.description },
    });
  }
}

const EXPORTED: Concurrency = {
  kind: 'exported',
  description: 'the modules that import it (it is exported)',
  source: 'the modules that import it (it is exported)',
};

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
    const value = sharedValueOf(model, expression);
    if (value?.sharing === 'shareable') return null;
    if (value?.sharing === 'single') single ??= value;
  }
  return single;
}

/** `conn.end()`, `conn.on('error', f)`, `if (!conn)`, `conn == null`: set-up, tear-down and checks, not a use. */
function isSetupOrGuard(identifier: TSESTree.Identifier): boolean {
  const { child, parent } = parentThroughWrappers(identifier);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== child) return false;
      const outer = parentThroughWrappers(parent);
      const method = propertyName(parent);
      return (
        outer.parent?.type === AST_NODE_TYPES.CallExpression &&
        outer.parent.callee === outer.child &&
        method !== null &&
        SETUP_METHODS.has(method)
      );
    }
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

/** `conn.beginTransaction()`, `conn.query('BEGIN')`, `client.query('START TRANSACTION')`. */
function transactionCall(identifier: TSESTree.Identifier): { call: TSESTree.CallExpression; label: string } | null {
  let { child, parent } = parentThroughWrappers(identifier);
  let receiver = identifier.name;
  // mysql2's `conn.promise().query('BEGIN')`
  if (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === child &&
    propertyName(parent) === 'promise'
  ) {
    const wrapper = parentThroughWrappers(parent);
    if (
      wrapper.parent?.type === AST_NODE_TYPES.CallExpression &&
      wrapper.parent.callee === wrapper.child &&
      wrapper.parent.arguments.length === 0
    ) {
      ({ child, parent } = parentThroughWrappers(wrapper.parent));
      receiver = `${identifier.name}.promise()`;
    }
  }
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return null;
  const outer = parentThroughWrappers(parent);
  const call = outer.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== outer.child) return null;
  const method = propertyName(parent);
  if (method === 'beginTransaction') return { call, label: `${receiver}.beginTransaction()` };
  if (method === null || !QUERY_METHODS.has(method)) return null;
  const sql = sqlText(call.arguments[0]);
  if (sql === null || !TRANSACTION_START.test(sql.text)) return null;
  const shown = sql.raw.length <= MAX_SQL_LABEL ? sql.raw : '…';
  return { call, label: `${receiver}.${method}(${shown})` };
}

/** The SQL of a query argument: a string, a template without expressions, or `{ text }` / `{ sql }`. */
function sqlText(node: TSESTree.Node | undefined): { text: string; raw: string } | null {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string')
    return { text: node.value, raw: node.raw };
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    const text = node.quasis[0]?.value.cooked ?? '';
    return { text, raw: `\`${text}\`` };
  }
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = keyOf(property);
      if (key !== 'text' && key !== 'sql') continue;
      const inner = sqlText(property.value);
      return inner ? { text: inner.text, raw: '{…}' } : null;
    }
  }
  return null;
}

interface Overwritten {
  readonly variable: TSESLint.Scope.Variable;
  readonly value: SharedValue;
  readonly user: Concurrency;
}

/**
 * `conn = await mysql.createConnection()` inside a function that runs concurrently, into a module-level `let`/`var`:
 * reported when the function owns the resource for one call (it also releases it or resets the variable) or runs per
 * request. A lazy initialisation (`if (!conn) conn = …`) or a one-time `init()` makes a shared connection instead:
 * that is the module-level check's business.
 */
function overwrittenResource(
  model: ResourceModel,
  concurrencyOf: () => ConcurrencyModel,
  node: TSESTree.AssignmentExpression,
): Overwritten | null {
  if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.Identifier) return null;
  if (!creatingExpression(node.right)) return null;
  const owner = enclosingFunction(node);
  if (!owner) return null;
  const left = node.left;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(left), left.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== 'Variable') return null;
  const declaration = def.parent;
  if (declaration.kind !== 'let' && declaration.kind !== 'var') return null;
  if (!isModuleLevel(declaration)) return null;
  const value = sharedValueOf(model, node.right);
  if (!value || value.sharing === 'shareable' || (value.kind === null && value.sharing !== 'single')) return null;
  if (isLazyInit(node, left.name)) return null;
  // Synchronous code cannot be interleaved: the value must be used across an `await` or in a callback.
  if (!owner.async && !owner.generator && !usedInCallback(owner, variable)) return null;
  const user = concurrencyOf().contextOf(node);
  if (!user) return null;
  if (user.kind !== 'handler' && !endsIn(owner, variable, node)) return null;
  return { variable, value, user };
}

function isModuleLevel(declaration: TSESTree.VariableDeclaration): boolean {
  const parent = declaration.parent;
  return (
    parent.type === AST_NODE_TYPES.Program ||
    (parent.type === AST_NODE_TYPES.ExportNamedDeclaration && parent.parent.type === AST_NODE_TYPES.Program)
  );
}

/** `if (!conn) conn = …`, `conn || (conn = …)`, `if (conn) return conn; conn = …`. */
function isLazyInit(assignment: TSESTree.AssignmentExpression, name: string): boolean {
  let child: TSESTree.Node = assignment;
  for (
    let current: TSESTree.Node | undefined = assignment.parent;
    current && !isFunction(current);
    child = current, current = current.parent
  ) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.consequent === child && isUnsetTest(current.test, name))
      return true;
    if (
      current.type === AST_NODE_TYPES.LogicalExpression &&
      current.right === child &&
      (current.operator === '||' || current.operator === '??') &&
      isName(current.left, name)
    ) {
      return true;
    }
    if (current.type === AST_NODE_TYPES.BlockStatement) {
      const index = current.body.indexOf(child as TSESTree.Statement);
      if (current.body.slice(0, index).some((statement) => isEarlyReturnWhenSet(statement, name))) return true;
    }
  }
  return false;
}

/** `!x`, `x == null`, `x === undefined`, `typeof x === 'undefined'`. */
function isUnsetTest(test: TSESTree.Expression, name: string): boolean {
  const node = skipWrappers(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return isName(node.argument, name);
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '==' || node.operator === '===')) {
    const [subject, other] =
      isName(node.left, name) || isTypeof(node.left, name) ? [node.left, node.right] : [node.right, node.left];
    if (!isName(subject, name) && !isTypeof(subject, name)) return false;
    return (
      (other.type === AST_NODE_TYPES.Literal && (other.value === null || other.value === 'undefined')) ||
      (other.type === AST_NODE_TYPES.Identifier && other.name === 'undefined')
    );
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression)
    return isUnsetTest(node.left, name) || isUnsetTest(node.right, name);
  return false;
}

/** `if (x) return x;`, `if (x != null) { return x; }`. */
function isEarlyReturnWhenSet(statement: TSESTree.Node, name: string): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement) return false;
  const test = skipWrappers(statement.test);
  const checksSet =
    isName(test, name) ||
    (test.type === AST_NODE_TYPES.BinaryExpression &&
      (test.operator === '!=' || test.operator === '!==') &&
      (isName(test.left, name) || isName(test.right, name)));
  if (!checksSet) return false;
  const consequent = statement.consequent;
  if (consequent.type === AST_NODE_TYPES.ReturnStatement) return true;
  return (
    consequent.type === AST_NODE_TYPES.BlockStatement && consequent.body.at(-1)?.type === AST_NODE_TYPES.ReturnStatement
  );
}

function isName(node: TSESTree.Node, name: string): boolean {
  const expression = skipWrappers(node as TSESTree.Expression);
  return expression.type === AST_NODE_TYPES.Identifier && expression.name === name;
}

function isTypeof(node: TSESTree.Node, name: string): boolean {
  return node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'typeof' && isName(node.argument, name);
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
      const name =
        parent.callee.type === AST_NODE_TYPES.MemberExpression
          ? propertyName(parent.callee)
          : parent.callee.type === AST_NODE_TYPES.Identifier
            ? parent.callee.name
            : null;
      return name !== null && TEARDOWN_METHODS.has(name);
    }
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
    const outer = parentThroughWrappers(parent);
    const method = propertyName(parent);
    return (
      outer.parent?.type === AST_NODE_TYPES.CallExpression &&
      outer.parent.callee === outer.child &&
      method !== null &&
      TEARDOWN_METHODS.has(method)
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

function isNullish(node: TSESTree.Node): boolean {
  const expression = skipWrappers(node as TSESTree.Expression);
  return (
    (expression.type === AST_NODE_TYPES.Literal && expression.value === null) ||
    (expression.type === AST_NODE_TYPES.Identifier && expression.name === 'undefined') ||
    (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void')
  );
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Reports every thread-bound resource inside a value sent to a worker: `{ workerData: { conn } }`, `postMessage(pool)`. */
function reportPassed(context: Context, model: ResourceModel, value: TSESTree.Node, channel: string): void {
  for (const found of threadBound(model, value, 0)) {
    context.report({
      node: found.node,
      messageId: 'passedToWorker',
      data: { resource: describe(found.value, found.name), channel, noun: found.value.noun },
    });
  }
}

interface Found {
  readonly node: TSESTree.Node;
  readonly value: SharedValue;
  readonly name: string | null;
}

function threadBound(model: ResourceModel, node: TSESTree.Node, depth: number): Found[] {
  if (depth > MAX_DEPTH) return [];
  const expression = skipWrappers(node as TSESTree.Expression);
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
      const value = sharedValueOf(model, expression);
      return value && isThreadBound(value) ? [{ node: expression, value, name: null }] : [];
    }
  }
}

/** `conn` where `const conn = await mysql.createConnection()`, or `data` where `const data = { conn }`. */
function identifierThreadBound(model: ResourceModel, identifier: TSESTree.Identifier, depth: number): Found[] {
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(identifier), identifier.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier) return [];
  const written: TSESTree.Node[] = [];
  if (def.node.init) written.push(def.node.init);
  for (const reference of variable.references) {
    if (reference.init !== true && reference.writeExpr) written.push(reference.writeExpr);
  }
  for (const expression of written) {
    const inner = skipWrappers(expression as TSESTree.Expression);
    if (inner.type === AST_NODE_TYPES.ObjectExpression && def.parent.kind === 'const') {
      // Reported where the object is sent, naming what it carries.
      return threadBound(model, inner, depth + 1).map((found) => ({ ...found, node: identifier }));
    }
    if (!creatingExpression(inner)) continue;
    const value = sharedValueOf(model, inner);
    if (value && isThreadBound(value)) return [{ node: identifier, value, name: identifier.name }];
  }
  return [];
}

/** `connection \`conn\` from \`mysql.createConnection()\``. */
function describe(value: SharedValue, name: string | null): string {
  return name === null ? `${value.noun} from \`${value.label}\`` : `${value.noun} \`${name}\` from \`${value.label}\``;
}

function keyOf(property: TSESTree.Property): string | null {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : null;
}
