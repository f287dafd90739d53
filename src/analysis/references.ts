/**
 * The one reference classifier: what one reference to a held value (a local binding, a field, an alias of a field)
 * does with the value. Every analysis that follows a resource asks this module, so that the rules agree on what a
 * reference is; each analysis then states, in one place, its policy for the roles (see `lifetime.ts`,
 * `disposal.ts`, `ownership.ts`).
 *
 * Roles:
 * - `release`: the reference releases the value: a release method on it (`client.release()`, `fh?.close()`,
 *   `x[Symbol.dispose]()`), a call of it (`release()`), a function or a receiver method that takes it
 *   (`fs.closeSync(fd)`, `pool.release(client)`).
 * - `use`: it reads the value in place: calls a method on it, reads or writes a property, awaits it, iterates it,
 *   converts it to a string (`'opened ' + fh`, `` `${fh}` ``), discards it (`fh;`), or passes it to a function of a
 *   module that only uses it (`fs.writeSync(fd, …)`: {@link UsingModules}).
 * - `identity`: it only tests or compares the value: `if (x)`, `!x`, `typeof x`, `x === y`, `switch (x)`,
 *   `x ? a : b`, `x && …` in a test position, and the identity comparisons of the standard library and test
 *   frameworks: `Object.is(x, y)`, `expect(x).toBe(y)`, `assert.strictEqual(x, y)` ({@link isIdentityComparison}).
 * - `pass`: it is an argument of a call or a constructor (`fn(client)`, `new Query(conn)`), which may borrow it or
 *   take it over: the analysis decides.
 * - `transfer`: it calls a method that hands the value's contents on (`stack.move()`).
 * - `flow`: the value itself flows on: returned, yielded, the body of an arrow function, stored (`x = v`,
 *   `this.f = v`), declared under another name, an element of an array or object literal, spread, or one branch of
 *   a conditional or logical expression whose result is kept.
 *
 * A `pass`, and an element or property of a literal that is itself an argument (`create(data, { transaction: t })`),
 * is a lend or a hand-off by its shape ({@link passKindOf}); the analysis decides what a lend is (`lifetime.ts`: a
 * borrow when the function releases the value itself).
 *
 * Queries on a role: {@link isConsumingUse} (a `use` that needs the value live, not a test or bookkeeping) and
 * {@link isPassedOn} (a `pass` that may read the value, not logging).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { adoptMethodNames } from '../resources/catalog.js';
import type { ResourceModel } from '../resources/match.js';
import {
  calleeName,
  comparisonOperators,
  isFunction,
  isPromiseExecutor,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  wellKnownSymbolKey,
} from '../util/ast.js';

/** How a value is released, as far as one reference can tell (a `ReleaseSpec` of the catalog, or a rule's own set). */
export interface ReleaseMatcher {
  /** `value.m()`. `[Symbol.dispose]()` / `[Symbol.asyncDispose]()` count when `symbols` is set. */
  readonly methods?: readonly string[] | ReadonlySet<string>;
  /** `value[Symbol.dispose]()` and `value[Symbol.asyncDispose]()` release the value. */
  readonly symbols?: boolean;
  /** `value()`: the value is a release function. */
  readonly callValue?: boolean;
  /** `anything.m(value)`: `pool.release(client)`. */
  readonly receiverMethods?: readonly string[];
  /** `f(value, …)`: `fs.closeSync(fd)` (the value is the first argument). */
  readonly functions?: readonly string[];
  /** `value.m()` hands the value's contents on: `stack.move()`. */
  readonly transferMethods?: ReadonlySet<string>;
}

/**
 * Functions that only use the value, never take it over: passing the value to one is a `use`, not a `pass`
 * (`fs.writeSync(fd, …)` for a descriptor). The catalog names them by module (`ResourceSpec#usedByModules`).
 */
export interface UsingModules {
  readonly modules: readonly string[];
  /** Where a callee comes from: `ResourceModel#originOf`. */
  readonly model: Pick<ResourceModel, 'originOf'>;
}

export type FlowKind =
  'return' | 'yield' | 'arrow-body' | 'assign' | 'declare' | 'element' | 'property' | 'spread' | 'branch' | 'other';

export type Reference =
  | { readonly role: 'release'; readonly call: TSESTree.CallExpression; readonly method: string | null }
  | { readonly role: 'use' }
  | { readonly role: 'identity' }
  | { readonly role: 'pass'; readonly call: TSESTree.CallExpression | TSESTree.NewExpression; readonly index: number }
  | { readonly role: 'transfer'; readonly call: TSESTree.CallExpression }
  | {
      readonly role: 'flow';
      readonly how: FlowKind;
      /** For `assign`: what the value is assigned to. */
      readonly target?: TSESTree.Node;
    };

/** No release shape: the roles of a value the caller releases in its own way. */
export const NO_RELEASE: ReleaseMatcher = {};

const USE: Reference = { role: 'use' };
const IDENTITY: Reference = { role: 'identity' };

function has(list: readonly string[] | ReadonlySet<string> | undefined, name: string): boolean {
  if (!list) return false;
  return Array.isArray(list) ? list.includes(name) : (list as ReadonlySet<string>).has(name);
}

/**
 * What the reference `node` (an identifier or a `this.field` member) does with the value it names; `using` names the
 * functions an argument is only used by.
 */
export function classifyReference(node: TSESTree.Node, release: ReleaseMatcher, using?: UsingModules): Reference {
  const { child, parent } = parentThroughWrappers(node);
  if (!parent) return { role: 'flow', how: 'other' };
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === child ? memberReference(parent, release) : USE;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return callReference(parent, child, release, using);
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.SwitchCase:
      return IDENTITY;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!' || parent.operator === 'typeof' ? IDENTITY : USE;
    case AST_NODE_TYPES.BinaryExpression:
      // A comparison tests the value; any other operator (`'opened ' + fh`) reads it into a new value.
      return comparisonOperators.has(parent.operator) ? IDENTITY : USE;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child ? IDENTITY : { role: 'flow', how: 'branch' };
    case AST_NODE_TYPES.LogicalExpression:
      return isTestPosition(parent) ? IDENTITY : { role: 'flow', how: 'branch' };
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return USE;
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return parent.right === child ? USE : { role: 'flow', how: 'assign', target: parent.left };
    case AST_NODE_TYPES.ReturnStatement:
      return { role: 'flow', how: 'return' };
    case AST_NODE_TYPES.YieldExpression:
      return { role: 'flow', how: 'yield' };
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return { role: 'flow', how: parent.body === child ? 'arrow-body' : 'other' };
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child ? { role: 'flow', how: 'assign', target: parent.left } : USE;
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child ? { role: 'flow', how: 'declare', target: parent.id } : USE;
    case AST_NODE_TYPES.ArrayExpression:
      return { role: 'flow', how: 'element' };
    case AST_NODE_TYPES.Property:
      return parent.value === child ? { role: 'flow', how: 'property' } : USE;
    case AST_NODE_TYPES.SpreadElement:
      return { role: 'flow', how: 'spread' };
    default:
      return { role: 'flow', how: 'other' };
  }
}

/** `value.m(…)`, `value[Symbol.dispose]()`, or a property read or written. */
function memberReference(member: TSESTree.MemberExpression, release: ReleaseMatcher): Reference {
  const outer = parentThroughWrappers(member);
  if (outer.parent?.type !== AST_NODE_TYPES.CallExpression || outer.parent.callee !== outer.child) return USE;
  const call = outer.parent;
  const symbol = wellKnownSymbolKey(member);
  if (symbol !== null) return release.symbols === true ? { role: 'release', call, method: symbol } : USE;
  const method = propertyName(member);
  if (method === null) return USE;
  if (has(release.methods, method)) return { role: 'release', call, method };
  if (release.transferMethods?.has(method) === true) return { role: 'transfer', call };
  return USE;
}

/** `value(…)`, `f(value)`, `pool.release(value)`, `fs.writeSync(value, …)`, `new Query(value)`. */
function callReference(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  child: TSESTree.Node,
  release: ReleaseMatcher,
  using: UsingModules | undefined,
): Reference {
  if (call.callee === child) {
    return call.type === AST_NODE_TYPES.CallExpression && release.callValue === true
      ? { role: 'release', call, method: null }
      : USE;
  }
  const index = call.arguments.indexOf(child as TSESTree.CallExpressionArgument);
  if (call.type === AST_NODE_TYPES.CallExpression) {
    if (isIdentityComparison(call)) return IDENTITY;
    const name = calleeName(call);
    if (name !== null) {
      const callee = skipWrappers(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && has(release.receiverMethods, name)) {
        return { role: 'release', call, method: name };
      }
      if (index === 0 && has(release.functions, name)) return { role: 'release', call, method: name };
    }
    if (using && using.modules.length > 0) {
      const origin = using.model.originOf(skipWrappers(call.callee));
      if (origin && using.modules.includes(origin.module)) return USE;
    }
  }
  return { role: 'pass', call, index };
}

/** `Object.is(a, b)`, `assert.strictEqual(a, b)`, `assert.notStrictEqual(a, b)`. */
const IDENTITY_FUNCTIONS = new Set(['Object.is', 'assert.strictEqual', 'assert.notStrictEqual']);
/** `expect(a).toBe(b)`, `expect(a).not.toBe(b)`: Jest's and Vitest's `Object.is` matcher. */
const IDENTITY_MATCHERS = new Set(['toBe']);

/**
 * A call that only compares its arguments' identities, reading nothing they hold: `Object.is(a, b)`,
 * `assert.strictEqual(a, b)`, `expect(a).toBe(b)` (the call `expect(a)` and the matcher call both count).
 */
export function isIdentityComparison(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (callee.name !== 'expect' || call.arguments.length !== 1) return false;
    // `expect(a)` whose matcher is `.toBe(…)` or `.not.toBe(…)`.
    let member = parentThroughWrappers(call);
    if (member.parent?.type !== AST_NODE_TYPES.MemberExpression || member.parent.object !== member.child) return false;
    if (propertyName(member.parent) === 'not') member = parentThroughWrappers(member.parent);
    const matcher = member.parent;
    if (matcher?.type !== AST_NODE_TYPES.MemberExpression || matcher.object !== member.child) return false;
    const outer = parentThroughWrappers(matcher);
    return (
      IDENTITY_MATCHERS.has(propertyName(matcher) ?? '') &&
      outer.parent?.type === AST_NODE_TYPES.CallExpression &&
      outer.parent.callee === outer.child
    );
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee);
  if (method === null) return false;
  const object = skipWrappers(callee.object);
  if (object.type === AST_NODE_TYPES.Identifier) return IDENTITY_FUNCTIONS.has(`${object.name}.${method}`);
  return IDENTITY_MATCHERS.has(method) && isExpectCall(object);
}

/** `expect(a)` or `expect(a).not`. */
function isExpectCall(node: TSESTree.Expression): boolean {
  let expression = skipWrappers(node);
  if (expression.type === AST_NODE_TYPES.MemberExpression && propertyName(expression) === 'not')
    expression = skipWrappers(expression.object);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(expression.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'expect';
}

/**
 * The owner of what a call returns when the call adopts its first argument: `stack.use(x)` and
 * `stack.adopt(x, onDispose)` return `x`, which the stack now owns, so the result is no new value to dispose (and `x`,
 * as an argument, is a `pass` the stack takes over). `adopts(receiver, method)` says whether the receiver adopts with
 * that method (the catalog's `adoptMethods`). Returns the receiver, or null.
 */
export function adopterOf(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  adopts: (receiver: TSESTree.Expression, method: string) => boolean,
): TSESTree.Expression | null {
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length === 0) return null;
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee);
  return method !== null && adopts(callee.object, method) ? callee.object : null;
}

/**
 * What passing a value on does, by the shape of the pass alone:
 * - `lend`: an argument of a call or a constructor, or an element or property of a literal that is one
 *   (`fn(client)`, `new Query(conn, sql)`, `run({ conn })`), whose result the code keeps to itself: a borrow when the
 *   function releases the value itself;
 * - `borrow`: a property under one of `borrowKeys` in an options object of a call (`User.create(data, { transaction:
 *   t })`, `find({ session })`): a borrow whoever releases it;
 * - `hand-off`: a known transfer sink (`resolve(x)`, `cb(null, x)`, `stack.use(x)`, `list.push(x)`, `map.set(k, x)`,
 *   `emitter.emit('connection', x)`), or a call whose result leaves the function (`return wrap(client)`,
 *   `this.db = drizzle(client)`), or any other flow.
 */
export type PassKind = 'lend' | 'borrow' | 'hand-off';

/** Methods that keep their argument: collections and queues, event emission. */
const KEEPING_METHODS = new Set(['add', 'append', 'emit', 'enqueue', 'push', 'set', 'splice', 'unshift']);

/** What the pass `reference` of the value at `node` (a `pass`, or a `flow` into a literal) does; see {@link PassKind}. */
export function passKindOf(node: TSESTree.Node, reference: Reference, borrowKeys: ReadonlySet<string>): PassKind {
  if (reference.role === 'pass') return isHandOffCall(reference.call, reference.index) ? 'hand-off' : 'lend';
  if (reference.role !== 'flow' || (reference.how !== 'element' && reference.how !== 'property')) return 'hand-off';
  // Climb out of nested literals to the argument position they fill.
  const { child: value, parent: direct } = parentThroughWrappers(node);
  const key = direct?.type === AST_NODE_TYPES.Property && direct.value === value ? propertyKeyName(direct) : null;
  let literal: TSESTree.Node = direct?.type === AST_NODE_TYPES.Property ? direct.parent : (direct ?? node);
  for (;;) {
    const { child, parent } = parentThroughWrappers(literal);
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === child) literal = parent.parent;
    else if (parent?.type === AST_NODE_TYPES.ArrayExpression) literal = parent;
    else if (
      (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      parent.callee !== child
    ) {
      const index = parent.arguments.indexOf(child as TSESTree.CallExpressionArgument);
      if (isHandOffCall(parent, index)) return 'hand-off';
      return key !== null && borrowKeys.has(key) && parent.type === AST_NODE_TYPES.CallExpression ? 'borrow' : 'lend';
    } else return 'hand-off';
  }
}

function propertyKeyName(property: TSESTree.Property): string | null {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string'
    ? property.key.value
    : null;
}

/**
 * The call takes over its argument at `index`: `resolve(x)` in a promise executor, an error-first callback
 * (`cb(null, x)`), an adopting or keeping method (`stack.use(x)`, `set.add(x)`, `emitter.emit(event, x)`), or a call
 * whose result leaves the function (returned, yielded, stored, put in a literal, passed to such a call).
 */
function isHandOffCall(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): boolean {
  if (call.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipWrappers(call.callee);
    const first = call.arguments[0];
    if (index > 0 && first?.type === AST_NODE_TYPES.Literal && first.value === null && !('regex' in first)) return true;
    if (callee.type === AST_NODE_TYPES.Identifier && isExecutorResolver(callee)) return true;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee);
      if (method !== null && (KEEPING_METHODS.has(method) || adoptMethodNames.has(method))) return true;
    }
  }
  return resultLeaves(call);
}

/** `resolve` of `new Promise((resolve) => …)`, by name, in an enclosing executor. */
function isExecutorResolver(callee: TSESTree.Identifier): boolean {
  for (let node: TSESTree.Node | undefined = callee.parent; node; node = node.parent) {
    if (!isFunction(node) || !isPromiseExecutor(node)) continue;
    const [resolve] = node.params;
    if (resolve?.type === AST_NODE_TYPES.Identifier && resolve.name === callee.name) return true;
  }
  return false;
}

/** The value of `expression` leaves the function: returned, yielded, stored, or put in a literal or such a call. */
function resultLeaves(expression: TSESTree.Node): boolean {
  let { child, parent } = parentThroughWrappers(expression);
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) ({ child, parent } = parentThroughWrappers(parent));
  switch (parent?.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.PropertyDefinition:
      return true;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === child;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child;
    case AST_NODE_TYPES.Property:
      return parent.value === child;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return (
        parent.callee !== child &&
        isHandOffCall(parent, parent.arguments.indexOf(child as TSESTree.CallExpressionArgument))
      );
    default:
      return false;
  }
}

/** `x && …` / `… || x` whose value is only tested, not kept: `if (y && x)`, `x && x.close();`. */
export function isTestPosition(node: TSESTree.LogicalExpression): boolean {
  const { child, parent } = parentThroughWrappers(node);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.UnaryExpression:
      return true;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return 'test' in parent && parent.test === child;
    case AST_NODE_TYPES.LogicalExpression:
      return isTestPosition(parent);
    default:
      return false;
  }
}

/**
 * A `use` that needs the value live: a call of it (`release()` where that is not its release) or a member read for
 * what it holds (`client.query()`, `fh.fd`). Not a test of the value (`if (x)`, `x == null`, `typeof x`), nor
 * bookkeeping on it: a property written (`x.done = true`, `x.uses++`, `delete x.tag`) or read as a condition
 * (`if (!x.closed)`, `x.open ? a : b`, `x.ready && go()`).
 */
export function isConsumingUse(node: TSESTree.Node): boolean {
  const { child, parent } = parentThroughWrappers(node);
  if (parent?.type === AST_NODE_TYPES.CallExpression) return parent.callee === child;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
  const outer = parentThroughWrappers(parent);
  switch (outer.parent?.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return outer.parent.left !== outer.child;
    case AST_NODE_TYPES.UpdateExpression:
      return false;
    case AST_NODE_TYPES.UnaryExpression:
      return outer.parent.operator !== 'delete' && outer.parent.operator !== '!' && outer.parent.operator !== 'typeof';
    case AST_NODE_TYPES.BinaryExpression:
      return !comparisonOperators.has(outer.parent.operator);
    case AST_NODE_TYPES.LogicalExpression:
      return outer.parent.right === outer.child;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return false;
    case AST_NODE_TYPES.ConditionalExpression:
      return outer.parent.test !== outer.child;
    default:
      return true;
  }
}

/**
 * A `pass` (an argument of a call or a constructor: `send(client)`, `new Query(conn)`) to anything but `console.*`,
 * whose logging reads nothing the release took away.
 */
export function isPassedOn(node: TSESTree.Node): boolean {
  const reference = classifyReference(node, NO_RELEASE);
  if (reference.role !== 'pass') return false;
  const callee = skipWrappers(reference.call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
  const object = skipWrappers(callee.object);
  return !(object.type === AST_NODE_TYPES.Identifier && object.name === 'console');
}

/** An `identity` reference: it only tests or compares the value (`if (timer)`, `!timer`, `timer === undefined`). */
export function isTestOnly(node: TSESTree.Node): boolean {
  return classifyReference(node, NO_RELEASE).role === 'identity';
}

/**
 * The value leaves the code that holds it: a `pass` or a `transfer`, or a `flow` that keeps it (returned, yielded,
 * stored, declared, an arrow's body, an element, a property or a spread; not one branch of `?:`).
 */
export function escapes(node: TSESTree.Node): boolean {
  const reference = classifyReference(node, NO_RELEASE);
  switch (reference.role) {
    case 'pass':
    case 'transfer':
      return true;
    case 'flow':
      return reference.how !== 'branch' && reference.how !== 'other';
    default:
      return false;
  }
}
