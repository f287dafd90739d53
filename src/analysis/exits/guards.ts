/**
 * The one presence-guard check: what a test says about whether a value holds something, and whether a node runs
 * only when it does (`if (x) x.release()`, `x?.release()`, `x && …`, `if (!x) return;` earlier) or only when it does
 * not (`if (!conn) conn = …`, `conn ?? (conn = …)`). Every analysis that asks "is this guarded on the resource being
 * present" asks here: the flow engine (a guarded release of an empty binding is not a `TypeError`), the structural
 * engine (a guarded release in a `finally` still runs whenever there is something to release), and the module-binding
 * analysis (a lazy initialisation never overwrites a live value).
 *
 * The subject is given as a predicate on a node with its wrappers stripped, so a binding (by name) and a field or a
 * receiver (by key) share the check.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, isFunctionBoundary, propertyName, skipWrappers, statementList } from '../../util/ast.js';

export type Presence = 'present' | 'absent';

/** Whether a node is the guarded value: `x` for a binding, `this.client` for a field. */
export type IsSubject = (node: TSESTree.Node) => boolean;

/** What a test tells about the subject when it is truthy, and when it is falsy (null: nothing). */
export interface PresenceFacts {
  readonly whenTrue: Presence | null;
  readonly whenFalse: Presence | null;
}

/**
 * What else a test may say, for the checks that ask "does this guard only skip what was never acquired" (a release
 * in `finally`):
 * - `sentinel`: the value the binding starts with before it holds anything (`let fd = -1`): `fd !== -1` and
 *   `fd >= 0` test presence;
 * - `stateFlags`: the subject's own open/closed flags (`if (client.isOpen)`, `if (!fh.closed)`).
 */
export interface PresenceOptions {
  readonly sentinel?: number | string | null;
  readonly stateFlags?: boolean;
}

/** Flags that are truthy while a resource is open, and flags that are truthy once it is closed (or never opened). */
const OPEN_FLAGS = new Set(['isOpen', 'isConnected', 'connected', 'isReady', 'open', 'opened', 'ready']);
const CLOSED_FLAGS = new Set(['closed', 'destroyed', 'ended', 'isClosed', 'isDestroyed', 'released']);

/**
 * Helpers that test for nothing, named as the field names them: `isNil(x)` (lodash), `isNullOrUndefined(x)` (Node's
 * old `util`, and many projects' own), `isUndefined(x)`; and those that test for something: `isDefined(x)`,
 * `isNotNil(x)`, `isNonNullable(x)`. Called on the subject alone, directly or on a namespace (`_.isNil(x)`).
 */
const NULLISH_CHECKS = /^is(?:Nil|Null|Undefined|Nullish|NullOrUndefined|UndefinedOrNull)$/u;
const PRESENCE_CHECKS =
  /^(?:is(?:Defined|Present)|(?:isNot|isNon|not|non)(?:Nil|Null|Undefined|Nullish|NullOrUndefined|Nullable))$/u;

const NOTHING: PresenceFacts = { whenTrue: null, whenFalse: null };
const PRESENT_IF_TRUE: PresenceFacts = { whenTrue: 'present', whenFalse: 'absent' };
const ABSENT_IF_TRUE: PresenceFacts = { whenTrue: 'absent', whenFalse: 'present' };

/**
 * What `test` says about the subject: `x`, `!x`, `Boolean(x)`, `isNil(x)`, `isDefined(x)`, `x != null`, `x === undefined`,
 * `typeof x !== 'undefined'` (either side), `x instanceof C`, and `&&`, `||`, `!` over them. `x !== null` counts as
 * a presence test: bindings that are emptied are emptied with one of the two.
 */
export function presenceFacts(test: TSESTree.Node, isSubject: IsSubject, options: PresenceOptions = {}): PresenceFacts {
  const node = unwrap(test);
  if (isSubject(node)) return PRESENT_IF_TRUE;
  switch (node.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (options.stateFlags !== true || node.computed || node.property.type !== AST_NODE_TYPES.Identifier)
        return NOTHING;
      if (!isSubject(unwrap(node.object))) return NOTHING;
      if (OPEN_FLAGS.has(node.property.name)) return PRESENT_IF_TRUE;
      return CLOSED_FLAGS.has(node.property.name) ? ABSENT_IF_TRUE : NOTHING;
    }
    case AST_NODE_TYPES.UnaryExpression: {
      if (node.operator !== '!') return NOTHING;
      const inner = presenceFacts(node.argument, isSubject, options);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    case AST_NODE_TYPES.CallExpression: {
      const [argument] = node.arguments;
      if (argument === undefined || node.arguments.length !== 1) return NOTHING;
      const name = calleeName(node);
      if (name === 'Boolean') return presenceFacts(argument, isSubject, options);
      if (name === null || !isSubject(unwrap(argument))) return NOTHING;
      if (NULLISH_CHECKS.test(name)) return ABSENT_IF_TRUE;
      return PRESENCE_CHECKS.test(name) ? PRESENT_IF_TRUE : NOTHING;
    }
    case AST_NODE_TYPES.LogicalExpression: {
      if (node.operator === '??') return NOTHING;
      const left = presenceFacts(node.left, isSubject, options);
      const right = presenceFacts(node.right, isSubject, options);
      // `a && b` is truthy when both are, falsy when either is; `a || b` the other way round.
      return node.operator === '&&'
        ? { whenTrue: left.whenTrue ?? right.whenTrue, whenFalse: agreed(left.whenFalse, right.whenFalse) }
        : { whenTrue: agreed(left.whenTrue, right.whenTrue), whenFalse: left.whenFalse ?? right.whenFalse };
    }
    case AST_NODE_TYPES.BinaryExpression:
      return comparisonFacts(node, isSubject, options.sentinel);
    default:
      return NOTHING;
  }
}

function agreed(a: Presence | null, b: Presence | null): Presence | null {
  return a === b ? a : null;
}

/**
 * `x != null`, `x === undefined`, `typeof x !== 'undefined'`, `x instanceof C`, either way round; with a sentinel
 * (`let fd = -1`), `fd !== -1`, `fd === -1`, and for a negative one `fd >= 0` and `fd > -1`.
 */
function comparisonFacts(
  node: TSESTree.BinaryExpression,
  isSubject: IsSubject,
  sentinel: number | string | null | undefined,
): PresenceFacts {
  if (node.operator === 'instanceof')
    return isSubject(unwrap(node.left)) ? { whenTrue: 'present', whenFalse: null } : NOTHING;
  if (typeof sentinel === 'number' && sentinel < 0 && isSubject(unwrap(node.left))) {
    const bound = literalValue(unwrap(node.right));
    if (
      typeof bound === 'number' &&
      ((node.operator === '>=' && bound > sentinel) || (node.operator === '>' && bound >= sentinel))
    )
      return PRESENT_IF_TRUE;
  }
  const negated = node.operator === '!=' || node.operator === '!==';
  if (!negated && node.operator !== '==' && node.operator !== '===') return NOTHING;
  const sides: [TSESTree.Node, TSESTree.Node][] = [
    [node.left, node.right],
    [node.right, node.left],
  ];
  for (const [side, other] of sides) {
    const subject = unwrap(side);
    const nothing =
      subject.type === AST_NODE_TYPES.UnaryExpression && subject.operator === 'typeof'
        ? isSubject(unwrap(subject.argument)) && other.type === AST_NODE_TYPES.Literal && other.value === 'undefined'
        : isSubject(subject) &&
          (isNothing(unwrap(other)) || (sentinel !== undefined && literalValue(unwrap(other)) === sentinel));
    if (nothing) return negated ? PRESENT_IF_TRUE : ABSENT_IF_TRUE;
  }
  return NOTHING;
}

/** `null` or `undefined` (a regular expression literal the runtime cannot build also has the value null). */
function isNothing(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node && node.regex)) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

/** The value of a literal number, string or `null`, also `-1`; undefined for anything else. */
export function literalValue(node: TSESTree.Node): number | string | null | undefined {
  if (node.type === AST_NODE_TYPES.Literal) {
    const value = node.value;
    return typeof value === 'number' || typeof value === 'string' || (value === null && !('regex' in node))
      ? value
      : undefined;
  }
  if (
    node.type === AST_NODE_TYPES.UnaryExpression &&
    node.operator === '-' &&
    node.argument.type === AST_NODE_TYPES.Literal &&
    typeof node.argument.value === 'number'
  )
    return -node.argument.value;
  return undefined;
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  return skipWrappers(node as TSESTree.Expression);
}

/** What holds about the subject when a branch runs, and when it is skipped. */
export interface BranchFacts {
  readonly runs: Presence | null;
  readonly skipped: Presence | null;
}

/**
 * What `parent`'s own test says about the subject when its branch `child` runs and when it is skipped: the branches
 * of `if` and `?:`, the right side of `&&`, `||` and `??`. Null when `parent` is no branch or `child` is its test.
 * `if (x) child`: runs only when present, skipped only when absent; `if (x && ok) child`: runs only when present,
 * but may be skipped while present.
 */
export function branchFacts(
  parent: TSESTree.Node,
  child: TSESTree.Node,
  isSubject: IsSubject,
  options: PresenceOptions = {},
): BranchFacts | null {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression: {
      if (child === parent.test) return null;
      const facts = presenceFacts(parent.test, isSubject, options);
      return child === parent.consequent
        ? { runs: facts.whenTrue, skipped: facts.whenFalse }
        : { runs: facts.whenFalse, skipped: facts.whenTrue };
    }
    case AST_NODE_TYPES.LogicalExpression: {
      if (child !== parent.right) return null;
      if (parent.operator === '??')
        return isSubject(unwrap(parent.left)) ? { runs: 'absent', skipped: 'present' } : { runs: null, skipped: null };
      const facts = presenceFacts(parent.left, isSubject, options);
      return parent.operator === '&&'
        ? { runs: facts.whenTrue, skipped: facts.whenFalse }
        : { runs: facts.whenFalse, skipped: facts.whenTrue };
    }
    default:
      return null;
  }
}

/**
 * `if (test) { …; return; }` with no `else`, ending in `return`, `throw`, `break` or `continue`: code after it runs
 * only when the subject is `presence` (`if (!x) return;` for `present`, `if (x) return x;` for `absent`).
 */
export function exitsUnless(statement: TSESTree.Node, isSubject: IsSubject, presence: Presence): boolean {
  if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate) return false;
  const last =
    statement.consequent.type === AST_NODE_TYPES.BlockStatement
      ? statement.consequent.body.at(-1)
      : statement.consequent;
  const exits =
    last?.type === AST_NODE_TYPES.ReturnStatement ||
    last?.type === AST_NODE_TYPES.ThrowStatement ||
    last?.type === AST_NODE_TYPES.BreakStatement ||
    last?.type === AST_NODE_TYPES.ContinueStatement;
  return exits && presenceFacts(statement.test, isSubject).whenFalse === presence;
}

/**
 * `node` runs only when the subject is `presence`: some branch between it and `stop` (exclusive; the enclosing
 * function when null) runs only then ({@link branchFacts}), or an earlier statement of an enclosing list leaves
 * otherwise ({@link exitsUnless}).
 */
export function runsOnlyWhen(
  node: TSESTree.Node,
  isSubject: IsSubject,
  presence: Presence,
  stop: TSESTree.Node | null = null,
): boolean {
  for (
    let child: TSESTree.Node = node, parent = node.parent;
    parent && parent !== stop && !isFunctionBoundary(parent);
    child = parent, parent = parent.parent
  ) {
    if (branchFacts(parent, child, isSubject)?.runs === presence) return true;
    const list = statementList(child);
    if (list?.slice(0, list.indexOf(child)).some((statement) => exitsUnless(statement, isSubject, presence)))
      return true;
  }
  return false;
}

/**
 * The release `call` runs only when the subject holds something: `x?.release()`, `release?.()`, or
 * {@link runsOnlyWhen} `present` within `owner`.
 */
export function isPresenceGuarded(call: TSESTree.CallExpression, isSubject: IsSubject, owner: TSESTree.Node): boolean {
  const callee = skipWrappers(call.callee);
  if (
    call.optional ||
    (callee.type === AST_NODE_TYPES.MemberExpression && callee.optional && isSubject(unwrap(callee.object)))
  )
    return true;
  return runsOnlyWhen(call, isSubject, 'present', owner);
}

/**
 * `if (!conn || stale) conn = …`: `node` runs when the subject holds nothing, and also under another condition the
 * code states (a reconnect of a stale value). Some enclosing `if` or `?:` runs it when one of the disjuncts of its
 * test is an absence test of the subject.
 */
export function runsWhenAbsentOr(node: TSESTree.Node, isSubject: IsSubject): boolean {
  for (
    let child: TSESTree.Node = node, parent = node.parent;
    parent && !isFunctionBoundary(parent);
    child = parent, parent = parent.parent
  ) {
    if (
      (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) &&
      child === parent.consequent &&
      disjuncts(parent.test).some((test) => presenceFacts(test, isSubject).whenTrue === 'absent')
    )
      return true;
  }
  return false;
}

function disjuncts(test: TSESTree.Node): TSESTree.Node[] {
  const node = unwrap(test);
  return node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '||'
    ? [...disjuncts(node.left), ...disjuncts(node.right)]
    : [node];
}

/** A binding named `name`: `x`, also as `x!` or `x as T`. */
export function bindingNamed(name: string): IsSubject {
  return (node) => node.type === AST_NODE_TYPES.Identifier && node.name === name;
}

/**
 * The binding `name`, or its process id `name.pid`: a child process whose `pid` is `undefined` failed to spawn
 * (Node's documented check), so it holds no process, as an empty binding holds nothing.
 */
export function bindingOrProcessId(name: string): IsSubject {
  const binding = bindingNamed(name);
  return (node) =>
    binding(node) ||
    (node.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(node) === 'pid' &&
      binding(skipWrappers(node.object)));
}
