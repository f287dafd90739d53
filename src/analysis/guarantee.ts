import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import { calleeName, contains, isFunction, skipWrappers, statementList } from '../util/ast.js';
import type { Lifetime, ReleaseSite } from './lifetime.js';

/** Something between an acquisition and its release that can leave without releasing. */
export interface Risk {
  readonly node: TSESTree.Node;
  readonly kind: 'await' | 'break' | 'call' | 'continue' | 'return' | 'tag' | 'throw' | 'yield';
  /** The callee, for `call` risks (`db.query`), or the tag of a tagged template. */
  readonly callee: string | null;
}

/** The statements around the acquisition: the list it stands in and its index there. */
export interface Place {
  readonly list: readonly TSESTree.Node[];
  readonly index: number;
}

export type Verdict =
  /** Released on every exit, handed off, scoped, or not this analysis' business. */
  | { readonly kind: 'safe' }
  /** No release anywhere in the owner. */
  | { readonly kind: 'never'; readonly place: Place }
  /** A release in the same statement list, with a risk before it and no `finally`. */
  | {
      readonly kind: 'leaksOnPath';
      readonly risk: Risk;
      readonly release: ReleaseSite;
      readonly place: Place;
      readonly releaseIndex: number | null;
    }
  /** Released only in `catch` clauses. */
  | { readonly kind: 'onlyInCatch'; readonly release: ReleaseSite }
  /** Released under a condition, or on some branches only. */
  | { readonly kind: 'somePaths'; readonly release: ReleaseSite }
  /** A `finally` releases it, but the `try` starts after code that can leave. */
  | {
      readonly kind: 'gapBeforeTry';
      readonly risk: Risk;
      readonly release: ReleaseSite;
      readonly tryStatement: TSESTree.TryStatement;
    }
  /** Released in a `finally` after code that can throw first. */
  | {
      readonly kind: 'throwsInFinally';
      readonly risk: Risk;
      readonly release: ReleaseSite;
      readonly finalizer: TSESTree.BlockStatement;
      readonly releaseStatement: TSESTree.Statement;
    };

const SAFE: Verdict = { kind: 'safe' };

/** Global calls that cannot throw in practice. */
const SAFE_FUNCTIONS = new Set(['clearTimeout', 'clearInterval', 'clearImmediate', 'Boolean', 'isNaN', 'isFinite']);
const SAFE_MEMBERS = new Set([
  'Array.isArray',
  'Date.now',
  'Number.isFinite',
  'Number.isInteger',
  'Number.isNaN',
  'Object.is',
  'performance.now',
  'console.debug',
  'console.error',
  'console.info',
  'console.log',
  'console.trace',
  'console.warn',
]);
/** Calls that release something; in a `finally` they are not counted as throwing before our release. */
const RELEASE_LIKE = new Set([
  'release',
  'close',
  'closeSync',
  'end',
  'destroy',
  'unlock',
  'unlockSync',
  'dispose',
  '@@dispose',
  '@@asyncDispose',
  'terminate',
  'disconnect',
  'quit',
  'abort',
  'removeListener',
  'removeEventListener',
  'off',
  'unref',
  'done',
]);

/** A call of a global that cannot throw in practice: `console.log()`, `clearTimeout()`, `Date.now()`. */
export function isNonThrowingCall(node: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return SAFE_FUNCTIONS.has(callee.name);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    SAFE_MEMBERS.has(`${callee.object.name}.${callee.property.name}`)
  );
}

/** Is the resource released on every exit of its owner, the throwing ones included? */
export function verdictOf(model: ResourceModel, lifetime: Lifetime): Verdict {
  const { owner, anchor, form } = lifetime;
  if (!owner || !anchor) return SAFE;
  if (form !== 'declared' && form !== 'assigned' && form !== 'floating') return SAFE;
  if (lifetime.escapes.length > 0 || lifetime.releases.some((site) => site.nested)) return SAFE;
  const place = placeOf(anchor);
  const releases = lifetime.releases;
  const first = releases[0];
  if (!first) return form === 'floating' ? SAFE : { kind: 'never', place };

  const scanner = new RiskScanner(model, new Set(releases.map((site) => site.call)));

  // 1. A `finally` that releases and covers the acquisition.
  let candidate: Verdict | null = null;
  for (const release of releases) {
    const tryStatement = finallyOwner(release.call, owner);
    if (!tryStatement?.finalizer) continue;
    const finalizer = tryStatement.finalizer;
    const topIndex = finalizer.body.findIndex((statement) => contains(statement, release.call));
    const top = finalizer.body[topIndex];
    if (!top) continue;
    if (!isUnconditional(model, lifetime, release.call, top)) {
      candidate ??= { kind: 'somePaths', release };
      continue;
    }
    if (!contains(tryStatement.block, anchor)) {
      const tryIndex = place.list.indexOf(tryStatement);
      if (tryIndex <= place.index) continue;
      const gap = scanner.firstRisk(place.list.slice(place.index + 1, tryIndex));
      if (gap) {
        candidate ??= { kind: 'gapBeforeTry', risk: gap, release, tryStatement };
        continue;
      }
    }
    const before = finalizer.body.slice(0, topIndex);
    const risk = scanner.firstRisk(before, { releaseLikeIsSafe: true });
    if (risk) {
      candidate ??= { kind: 'throwsInFinally', risk, release, finalizer, releaseStatement: top };
      continue;
    }
    return SAFE;
  }
  if (candidate) return candidate;

  // 2. A release later in the same statement list.
  const { list, index } = place;
  for (const [next, statement] of list.entries()) {
    if (next <= index) continue;
    const site = scanner.releaseStatementSite(statement, releases);
    if (site) {
      // Inside a `try` whose `catch` releases, a throw is covered: only jumps out of the block leak.
      const between = list.slice(index + 1, next);
      const risk = caughtByReleasingCatch(model, lifetime, scanner, anchor)
        ? scanner.firstExit(between)
        : scanner.firstRisk(between);
      return risk ? { kind: 'leaksOnPath', risk, release: site, place, releaseIndex: next } : SAFE;
    }
    if (statement.type === AST_NODE_TYPES.TryStatement && statement.handler) {
      const covered = tryCatchReleasesBoth(model, lifetime, scanner, statement.block, statement.handler, releases);
      if (covered) {
        const risk = scanner.firstRisk(list.slice(index + 1, next)) ?? covered.risk;
        return risk ? { kind: 'leaksOnPath', risk, release: covered.release, place, releaseIndex: null } : SAFE;
      }
    }
    if (releases.some((release) => contains(statement, release.call))) break;
  }

  // 3. Releases only nested somewhere after the acquisition.
  if (releases.every((release) => insideCatch(release.call, owner))) return { kind: 'onlyInCatch', release: first };
  const holderIndex = list.findIndex((statement, at) => at > index && contains(statement, first.call));
  const holder = list[holderIndex];
  if (holder) {
    const risk = scanner.firstRisk(list.slice(index + 1, holderIndex)) ?? riskInsideTry(scanner, holder, first.call);
    if (risk) return { kind: 'leaksOnPath', risk, release: first, place, releaseIndex: null };
  }
  return { kind: 'somePaths', release: first };
}

/**
 * `try { …; release() } catch (e) { release(); … }`: both ways out of the `try` release, as a `finally` would.
 * Returns the release in the `try` block and the first exit before it (throws go to the `catch`), or null.
 */
function tryCatchReleasesBoth(
  model: ResourceModel,
  lifetime: Lifetime,
  scanner: RiskScanner,
  block: TSESTree.BlockStatement,
  handler: TSESTree.CatchClause,
  releases: readonly ReleaseSite[],
): { release: ReleaseSite; risk: Risk | null } | null {
  const body = block.body;
  for (const [inTry, child] of body.entries()) {
    const release = scanner.releaseStatementSite(child, releases);
    if (!release) continue;
    if (!catchReleases(model, lifetime, scanner, handler)) return null;
    return { release, risk: scanner.firstExit(body.slice(0, inTry)) };
  }
  return null;
}

/** The anchor stands in the block of a `try` whose `catch` releases the resource. */
function caughtByReleasingCatch(
  model: ResourceModel,
  lifetime: Lifetime,
  scanner: RiskScanner,
  anchor: TSESTree.Node,
): boolean {
  const block = anchor.parent;
  const tryStatement = block?.parent;
  return (
    block?.type === AST_NODE_TYPES.BlockStatement &&
    tryStatement?.type === AST_NODE_TYPES.TryStatement &&
    tryStatement.block === block &&
    tryStatement.handler !== null &&
    catchReleases(model, lifetime, scanner, tryStatement.handler)
  );
}

/**
 * The `catch` releases whenever it runs: a top-level release (a guard on the resource itself allowed) with no
 * `throw`, `return` or jump before it. Calls before it (logging) are not counted as throwing.
 */
function catchReleases(
  model: ResourceModel,
  lifetime: Lifetime,
  scanner: RiskScanner,
  handler: TSESTree.CatchClause,
): boolean {
  const statements = handler.body.body;
  const top = statements.findIndex((statement) =>
    lifetime.releases.some(
      (site) => contains(statement, site.call) && isUnconditional(model, lifetime, site.call, statement),
    ),
  );
  return top >= 0 && scanner.firstJump(statements.slice(0, top)) === null;
}

/** The first `return`, `break`, `continue` or `yield` that leaves `statements` (throws not counted). */
export function firstExit(model: ResourceModel, lifetime: Lifetime, statements: readonly TSESTree.Node[]): Risk | null {
  const scanner = new RiskScanner(model, new Set(lifetime.releases.map((site) => site.call)));
  return scanner.firstExit(statements);
}

/** A release at the end of a `try` block is skipped when the block throws or leaves before it. */
function riskInsideTry(scanner: RiskScanner, statement: TSESTree.Node, release: TSESTree.CallExpression): Risk | null {
  if (statement.type !== AST_NODE_TYPES.TryStatement || !contains(statement.block, release)) return null;
  const body = statement.block.body;
  const top = body.findIndex((child) => contains(child, release));
  return scanner.firstRisk(body.slice(0, top));
}

export function placeOf(anchor: TSESTree.Statement): Place {
  const list = statementList(anchor);
  return list ? { list, index: list.indexOf(anchor) } : { list: [anchor], index: 0 };
}

/** The `try` whose `finally` block holds `node`, within `owner`. */
function finallyOwner(node: TSESTree.Node, owner: TSESTree.Node): TSESTree.TryStatement | null {
  for (let child = node, parent = node.parent; parent && parent !== owner; child = parent, parent = parent.parent) {
    if (isFunction(parent)) return null;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === child) return parent;
  }
  return null;
}

function insideCatch(node: TSESTree.Node, owner: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== owner; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return true;
    if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer && contains(current.finalizer, node))
      return false;
  }
  return false;
}

/**
 * The release runs whenever `top` runs: only expression wrappers, blocks, a `try` that swallows the release's own
 * error, and guards that test the resource itself (`if (client)`, `client?.release()`, `client && …`) lie between.
 */
function isUnconditional(model: ResourceModel, lifetime: Lifetime, call: TSESTree.Node, top: TSESTree.Node): boolean {
  for (
    let child: TSESTree.Node = call, parent = call.parent;
    child !== top && parent;
    child = parent, parent = parent.parent
  ) {
    switch (parent.type) {
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
        continue;
      case AST_NODE_TYPES.UnaryExpression:
        if (parent.operator === 'void') continue;
        return false;
      case AST_NODE_TYPES.TryStatement:
        if (parent.block === child) continue;
        return false;
      case AST_NODE_TYPES.IfStatement:
        if (parent.consequent === child && isPresenceGuard(model, lifetime, parent.test)) continue;
        return false;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator === '&&' && parent.right === child && isPresenceGuard(model, lifetime, parent.left))
          continue;
        return false;
      default:
        return false;
    }
  }
  return true;
}

/** `x`, `x != null`, `x !== undefined`, `x !== null`, `typeof x !== 'undefined'` for the held value or receiver. */
function isPresenceGuard(model: ResourceModel, lifetime: Lifetime, test: TSESTree.Expression): boolean {
  const subject = guardSubject(test);
  if (!subject) return false;
  const key = model.keyOf(subject);
  return key === lifetime.name || key === lifetime.acquisition.receiverKey;
}

function guardSubject(test: TSESTree.Expression): TSESTree.Node | null {
  const node = skipWrappers(test);
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) return node;
  if (node.type !== AST_NODE_TYPES.BinaryExpression || (node.operator !== '!=' && node.operator !== '!==')) return null;
  const isNothing = (side: TSESTree.Node): boolean =>
    (side.type === AST_NODE_TYPES.Literal && (side.value === null || side.value === 'undefined')) ||
    (side.type === AST_NODE_TYPES.Identifier && side.name === 'undefined');
  if (!isNothing(node.right)) return null;
  const left = node.left;
  if (left.type === AST_NODE_TYPES.UnaryExpression && left.operator === 'typeof') return left.argument;
  return left;
}

/**
 * What counts as leaving: `all` (anything that can throw or jump), `exits` (inside a `try` with a `catch`: only
 * `return`/`break`/`continue`/`yield`, throws are caught), `jumps` (`exits` and explicit `throw`s, not calls).
 */
type Mode = 'all' | 'exits' | 'jumps';

interface ScanOptions {
  /** In a `finally`, other releases before ours are not counted as throwing. */
  readonly releaseLikeIsSafe?: boolean;
}

/** Finds the first place, in evaluation order, where control can leave a region without running the release. */
class RiskScanner {
  private region: readonly TSESTree.Node[] = [];
  private options: ScanOptions = {};

  constructor(
    private readonly model: ResourceModel,
    private readonly releaseCalls: ReadonlySet<TSESTree.CallExpression>,
  ) {}

  firstRisk(statements: readonly TSESTree.Node[], options: ScanOptions = {}): Risk | null {
    this.region = statements;
    this.options = options;
    return this.list(statements, 'all');
  }

  firstExit(statements: readonly TSESTree.Node[]): Risk | null {
    this.region = statements;
    this.options = {};
    return this.list(statements, 'exits');
  }

  /** The release site when `statement` is just a release: `client.release();`, `await fh.close();`. */
  releaseStatementSite(statement: TSESTree.Node, releases: readonly ReleaseSite[]): ReleaseSite | null {
    const call = this.releaseCallOf(statement);
    return call ? (releases.find((site) => site.call === call) ?? null) : null;
  }

  private releaseCallOf(statement: TSESTree.Node): TSESTree.CallExpression | null {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
    let expression: TSESTree.Expression = skipWrappers(statement.expression);
    while (
      expression.type === AST_NODE_TYPES.AwaitExpression ||
      (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void')
    ) {
      expression = skipWrappers(expression.argument);
    }
    return expression.type === AST_NODE_TYPES.CallExpression && this.releaseCalls.has(expression) ? expression : null;
  }

  /** The first explicit `throw`, `return`, `break`, `continue` or `yield` (calls are not counted). */
  firstJump(statements: readonly TSESTree.Node[]): Risk | null {
    this.region = statements;
    this.options = {};
    return this.list(statements, 'jumps');
  }

  private list(statements: readonly TSESTree.Node[], mode: Mode): Risk | null {
    for (const statement of statements) {
      if (this.releaseCallOf(statement)) return null;
      const risk = this.node(statement, mode);
      if (risk) return risk;
    }
    return null;
  }

  private node(node: TSESTree.Node, mode: Mode): Risk | null {
    switch (node.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.TSInterfaceDeclaration:
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
      case AST_NODE_TYPES.TSDeclareFunction:
        return null;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
        return this.list(node.body, mode);
      case AST_NODE_TYPES.SwitchCase:
        return (node.test && this.node(node.test, mode)) ?? this.list(node.consequent, mode);
      case AST_NODE_TYPES.IfStatement:
        return (
          this.node(node.test, mode) ??
          this.branch(node.consequent, mode) ??
          (node.alternate ? this.branch(node.alternate, mode) : null)
        );
      case AST_NODE_TYPES.TryStatement: {
        const blockRisk = this.node(node.block, node.handler ? 'exits' : mode);
        return (
          blockRisk ??
          (node.handler ? this.node(node.handler.body, mode) : null) ??
          (node.finalizer ? this.node(node.finalizer, mode) : null)
        );
      }
      case AST_NODE_TYPES.ReturnStatement:
        return this.risk(node, 'return');
      case AST_NODE_TYPES.ThrowStatement:
        return mode === 'exits' ? null : this.risk(node, 'throw');
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ContinueStatement:
        return this.leavesRegion(node)
          ? this.risk(node, node.type === AST_NODE_TYPES.BreakStatement ? 'break' : 'continue')
          : null;
      case AST_NODE_TYPES.YieldExpression:
        return this.risk(node, 'yield');
      case AST_NODE_TYPES.AwaitExpression:
        if (mode === 'all' && !this.isSafeCall(skipWrappers(node.argument))) return this.risk(node, 'await');
        return this.children(node, mode);
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await && mode === 'all') return this.risk(node, 'await');
        return this.children(node, mode);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (mode === 'all' && !this.isSafeCall(node)) return this.risk(node, 'call');
        return this.children(node, mode);
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return mode === 'all' ? this.risk(node, 'tag') : this.children(node, mode);
      default:
        return this.children(node, mode);
    }
  }

  private branch(statement: TSESTree.Node, mode: Mode): Risk | null {
    return this.list([statement], mode);
  }

  private children(node: TSESTree.Node, mode: Mode): Risk | null {
    const keys = this.model.sourceCode.visitorKeys[node.type] ?? [];
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (typeof item !== 'object' || item === null || typeof (item as { type?: unknown }).type !== 'string')
          continue;
        const risk = this.node(item as TSESTree.Node, mode);
        if (risk) return risk;
      }
    }
    return null;
  }

  private isSafeCall(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    if (this.releaseCalls.has(node) || isNonThrowingCall(node)) return true;
    if (this.options.releaseLikeIsSafe) {
      const name = calleeName(node);
      return name !== null && (RELEASE_LIKE.has(name) || /^(?:release|unlock|dispose|cleanup)/i.test(name));
    }
    return false;
  }

  private leavesRegion(node: TSESTree.BreakStatement | TSESTree.ContinueStatement): boolean {
    const target = jumpTarget(node);
    return !target || !this.region.some((root) => contains(root, target));
  }

  private risk(node: TSESTree.Node, kind: Risk['kind']): Risk {
    let callee: string | null = null;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const text = this.model.keyOf(node.callee);
      callee = text.length <= 40 ? text : (calleeName(node) ?? 'a function');
      if (node.type === AST_NODE_TYPES.NewExpression) callee = `new ${callee}`;
    } else if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const text = this.model.keyOf(node.tag);
      callee = text.length <= 40 ? text : 'a tag';
    }
    return { node, kind, callee };
  }
}

/** The statement a `break`/`continue` jumps out of. */
function jumpTarget(node: TSESTree.BreakStatement | TSESTree.ContinueStatement): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current)) return null;
    if (node.label) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === node.label.name) return current;
      continue;
    }
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return current;
      case AST_NODE_TYPES.SwitchStatement:
        if (node.type === AST_NODE_TYPES.BreakStatement) return current;
        break;
      default:
        break;
    }
  }
  return null;
}
