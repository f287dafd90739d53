/**
 * Sharing: whether a value is one connection that concurrent code must not share (`new pg.Client()`,
 * `mysql.createConnection()`, a client checked out of a pool), a pool or client designed to be shared
 * (`new pg.Pool()`, `mysql.createPool()`, `knex()`, ioredis, `MongoClient`), or another resource (a lock, a file
 * descriptor).
 *
 * Read by `analysis/shared.ts` for `no-shared-connection`. Recognition is `recognize.ts`'s (`sharedValueAt`): import
 * provenance for catalog instances, the acquisitions for the rest (so `settings.cleanup.resources` entries marked
 * `singleConnection` or `shareable` count too). Also here: the methods that set a connection up or end a resource, and
 * the calls that open a transaction.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { parentThroughWrappers, propertyName, skipWrappers } from '../util/ast.js';
import { keyName } from '../util/keys.js';
import type { InstanceSpec, ResourceKind } from './catalog.js';

/**
 * - `single`: one connection; concurrent code that shares it interleaves on it;
 * - `shareable`: a pool, or a client that pools or multiplexes by design;
 * - `other`: a catalog resource that is neither (a lock, a file descriptor, a mutex instance).
 */
export type Sharing = 'single' | 'shareable' | 'other';

/** A value the catalog knows, seen from the point of view of sharing. */
export interface SharedValue {
  readonly sharing: Sharing;
  /** What a message calls it: `connection`, `client`, `pool`, `lock`. */
  readonly noun: string;
  /** How its creation reads in a message: `mysql.createConnection()`, `new Client()`, `pool.connect()`. */
  readonly label: string;
  /** The catalog kind of an acquisition; null for an instance (`new Client()`, `createPool()`). */
  readonly kind: ResourceKind | null;
  /** The instance entry, for an instance. */
  readonly instance: InstanceSpec | null;
  /** The acquiring call or the constructing expression. */
  readonly node: TSESTree.CallExpression | TSESTree.NewExpression;
}

/** A call that opens a transaction on a connection, and how a message shows it. */
export interface TransactionStart {
  readonly call: TSESTree.CallExpression;
  /** `conn.beginTransaction()`, `conn.promise().query('BEGIN')`, `client.query(…)`. */
  readonly label: string;
}

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
const END_METHODS = new Set([
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

/**
 * The call or `new` expression that makes the value of `expression`, seen through `await`, TypeScript wrappers and
 * mysql2's `.promise()` wrapper (`mysql.createConnection(cfg).promise()`); null for any other shape.
 */
export function creatingExpression(expression: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | null {
  let current = expression;
  for (;;) {
    current = skipWrappers(current as TSESTree.Expression);
    if (current.type === AST_NODE_TYPES.AwaitExpression) {
      current = current.argument;
      continue;
    }
    if (
      current.type === AST_NODE_TYPES.CallExpression &&
      current.arguments.length === 0 &&
      isPromiseWrapper(current.callee)
    ) {
      current = (skipWrappers(current.callee) as TSESTree.MemberExpression).object;
      continue;
    }
    break;
  }
  return current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.NewExpression
    ? current
    : null;
}

function isPromiseWrapper(callee: TSESTree.Expression): boolean {
  const member = skipWrappers(callee);
  return member.type === AST_NODE_TYPES.MemberExpression && propertyName(member) === 'promise';
}

/**
 * A value that a worker thread cannot use when it is cloned to it: a connection (single or checked out of a pool),
 * or a pool or client instance. File descriptors are numbers the worker can use; locks are left alone.
 */
export function isThreadBound(value: SharedValue): boolean {
  if (value.instance) return value.instance.singleConnection === true || value.instance.shareable === true;
  return value.kind === 'connection';
}

/** `conn.connect()`, `conn.end()`, `conn.on('error', f)`: a method that sets a connection up or tears it down. */
export function isSetupMethod(name: string | null): boolean {
  return name !== null && SETUP_METHODS.has(name);
}

/** `release`, `end`, `close`, `closeSync`, `terminate`…: a method or function that ends a resource's lifetime. */
export function isEndMethod(name: string | null): boolean {
  return name !== null && END_METHODS.has(name);
}

/**
 * The call that opens a transaction on the connection `identifier` names: `conn.beginTransaction()`,
 * `conn.query('BEGIN')`, `client.query({ text: 'START TRANSACTION' })`, mysql2's `conn.promise().query('BEGIN')`.
 */
export function transactionStartOn(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): TransactionStart | null {
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
      const key = keyName(property);
      if (key !== 'text' && key !== 'sql') continue;
      const inner = sqlText(property.value);
      return inner ? { text: inner.text, raw: '{…}' } : null;
    }
  }
  return null;
}
