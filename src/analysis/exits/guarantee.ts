/**
 * The structural exit engine: is a resource released on every exit of its owner, the throwing ones included? It reads
 * the statement structure (a `finally` that releases, a release later in the same list, a `catch` that releases) and
 * names the first risk on a path that skips the release. What holds on each path, by data flow, is `flow.ts`.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../../resources/match.js';
import { completingMethodNames } from '../../resources/vocabulary.js';
import {
  calleeName,
  contains,
  enclosingFunction,
  isFunction,
  methodCalledOn,
  skipWrappers,
  statementList,
} from '../../util/ast.js';
import { roleOf, type Lifetime, type ReleaseSite } from '../lifetime.js';
import { branchFacts, literalValue, type IsSubject, type PresenceOptions } from './guards.js';
import { RiskScanner, type Risk, type ScanSubject } from './risks.js';

export { isNonThrowingCall, type Risk } from './risks.js';

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
  /**
   * Handed on (returned, stored, resolved, …) after code that can leave first: until the hand-off the acquiring
   * function owns it, and nothing releases it on that path.
   */
  | {
      readonly kind: 'leaksBeforeHandOff';
      readonly risk: Risk;
      /** The reference that hands the value on. */
      readonly handOff: TSESTree.Node;
      readonly place: Place;
      /** The statements from the acquisition (exclusive) to the hand-off (exclusive), in `place.list`. */
      readonly statements: readonly TSESTree.Node[];
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

/** Is the resource released on every exit of its owner, the throwing ones included? */
export function verdictOf(model: ResourceModel, lifetime: Lifetime): Verdict {
  const { owner, anchor, form } = lifetime;
  if (!owner || !anchor) return SAFE;
  if (form !== 'declared' && form !== 'assigned' && form !== 'floating') return SAFE;
  if (lifetime.releases.some((site) => site.nested)) return SAFE;
  const place = placeOf(anchor);
  if (lifetime.escapes.length > 0) return beforeHandOff(model, lifetime, anchor, place);
  const releases = lifetime.releases;
  const first = releases[0];
  if (!first) return form === 'floating' ? SAFE : { kind: 'never', place };

  const scanner = new RiskScanner(model, new Set(releases.map((site) => site.call)), callPolicyOf(lifetime));

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
      // An earlier `try`'s `catch` that releases, or that cannot leave (it carries on into this `try`), catches the
      // throws of the rest of that block: only its jumps leak.
      const covered = (handler: TSESTree.CatchClause): boolean =>
        catchReleases(model, lifetime, scanner, handler) || scanner.firstJump([handler.body]) === null;
      const between = statementsBeforeTry(anchor, tryStatement, covered);
      if (!between) continue;
      const gap = scanner.firstRisk(between.risky) ?? scanner.firstExit(between.exitsOnly);
      if (gap) {
        candidate ??= { kind: 'gapBeforeTry', risk: gap, release, tryStatement };
        continue;
      }
    }
    // What runs before the release: the `finally`'s earlier statements, and those before it inside its guard
    // (`if (pool.isOpen) { await pool.flushAll(); pool.destroy(); }`).
    const before = [...finalizer.body.slice(0, topIndex), ...statementsBeforeIn(release.call, top)];
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
      const after = releasedAfterCatch(model, lifetime, scanner, statement, statement.handler, list.slice(next + 1));
      if (after) {
        const risk = scanner.firstRisk(list.slice(index + 1, next)) ?? after.risk;
        return risk ? { kind: 'leaksOnPath', risk, release: after.release, place, releaseIndex: null } : SAFE;
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
 * The scan subject of `lifetime` ({@link ScanSubject}): its binding, and which plain calls count as risks: none for
 * release evidence, those naming the value for a named catalog resource, all for an unnamed one.
 */
export function callPolicyOf(lifetime: Lifetime): ScanSubject {
  const { name } = lifetime;
  const cursor = makesCursor(lifetime.acquisition.call);
  if (lifetime.acquisition.acquirer.source.type === 'evidence') return { name, calls: 'none', cursor };
  return { name, calls: name === null ? 'all' : 'naming', cursor };
}

/** The calls that make a MongoDB cursor: `collection.find()`, `aggregate()`, `db.listCollections()`, `listIndexes()`. */
const CURSOR_MAKERS: ReadonlySet<string> = new Set(['find', 'aggregate', 'listCollections', 'listIndexes']);

/** `coll.find(q)`, and the builder calls chained on it that return the same cursor (`coll.find(q).sort(s).limit(n)`). */
function makesCursor(creation: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  for (let call: TSESTree.Node = creation; call.type === AST_NODE_TYPES.CallExpression;) {
    if (CURSOR_MAKERS.has(calleeName(call) ?? '')) return true;
    const callee = skipWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    call = skipWrappers(callee.object);
  }
  return false;
}

/**
 * The leak before a hand-off: the function owns the value until it hands it on (returns, stores, resolves it), so
 * code between the acquisition and the hand-off that can leave (an `await` that rejects, an early `return`, a
 * `throw`) leaks it unless a `catch` releases it first (`catch (e) { client.release(); throw e; }`). Only a hand-off
 * of the value's own shape counts (a lend before it is a borrow: the function still owns the value), and only the
 * sure exits: plain calls are setup, and an awaited call that completes the acquisition on the value
 * itself (`await client.connect()`) has nothing to release yet.
 */
function beforeHandOff(model: ResourceModel, lifetime: Lifetime, anchor: TSESTree.Statement, place: Place): Verdict {
  const { owner, name } = lifetime;
  if (!owner || name === null) return SAFE;
  // The first hand-off of the value's own shape; a lend before it (`await hooks.afterAcquire(conn)`) is a borrow.
  const ordered = [...lifetime.escapes].sort((a, b) => a.range[0] - b.range[0]);
  const handOff = ordered.find(
    (node) => node.type !== AST_NODE_TYPES.Identifier || roleOf(model, lifetime.acquisition, node).type === 'escape',
  );
  if (!handOff || handOff.type !== AST_NODE_TYPES.Identifier || enclosingFunction(handOff) !== owner) return SAFE;
  const { list, index } = place;
  const handIndex = list.findIndex((statement, at) => at > index && contains(statement, handOff));
  if (handIndex === -1) return SAFE;
  const statements = list.slice(index + 1, handIndex);
  // Named, so that a branch taken only when the value holds nothing (`if (!cp.pid) throw …`) is no leak.
  const scanner = new RiskScanner(model, new Set(lifetime.releases.map((site) => site.call)), { name, calls: 'all' });
  const risk = caughtByReleasingCatch(model, lifetime, scanner, anchor)
    ? scanner.firstExit(statements)
    : firstRiskBeforeHandOff(model, lifetime, scanner, statements, name);
  return risk ? { kind: 'leaksBeforeHandOff', risk, handOff, place, statements } : SAFE;
}

/**
 * The first sure exit of `statements`, where a `try` whose `catch` releases the value (`try { await prepare(page); }
 * catch (error) { await page.close().catch(() => {}); throw error; }`) leaks only by what skips its `catch`.
 */
function firstRiskBeforeHandOff(
  model: ResourceModel,
  lifetime: Lifetime,
  scanner: RiskScanner,
  statements: readonly TSESTree.Node[],
  name: string,
): Risk | null {
  const options = { awaitsOnly: true, exempt: (call: TSESTree.CallExpression) => completesAcquisition(call, name) };
  for (const statement of statements) {
    const releasing =
      statement.type === AST_NODE_TYPES.TryStatement &&
      statement.handler !== null &&
      catchReleases(model, lifetime, scanner, statement.handler);
    const risk = releasing
      ? (scanner.firstExit([statement.block]) ??
        (statement.finalizer && scanner.firstRisk([statement.finalizer], options)))
      : scanner.firstRisk([statement], options);
    if (risk) return risk;
  }
  return null;
}

/** `client.connect()`, `server.listen()`: a method of the held value that completes its acquisition. */
function completesAcquisition(call: TSESTree.CallExpression, name: string): boolean {
  const method = methodCalledOn(call, name);
  return method !== null && completingMethodNames.has(method);
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

/**
 * `try { … } catch (e) { release(); throw e; } release();`: the `catch` releases when the block throws, the release
 * after the `try` statement when it completes, so every path releases unless something leaves in between. Returns that
 * release and the first such risk: an early `return`, `break`, … in the block (throws go to the `catch`), or anything
 * that can throw or leave between the end of the block and the release (a `finally` included). Null when the `catch`
 * does not release whenever it runs, or no release statement follows in `following`.
 */
function releasedAfterCatch(
  model: ResourceModel,
  lifetime: Lifetime,
  scanner: RiskScanner,
  statement: TSESTree.TryStatement,
  handler: TSESTree.CatchClause,
  following: readonly TSESTree.Node[],
): { release: ReleaseSite; risk: Risk | null } | null {
  const releases = lifetime.releases;
  if (releases.some((site) => contains(statement.block, site.call))) return null;
  if (!catchReleases(model, lifetime, scanner, handler)) return null;
  for (const [index, next] of following.entries()) {
    const release = scanner.releaseStatementSite(next, releases);
    if (release) {
      const between = [...(statement.finalizer ? [statement.finalizer] : []), ...following.slice(0, index)];
      return { release, risk: scanner.firstExit(statement.block.body) ?? scanner.firstRisk(between) };
    }
    if (releases.some((site) => contains(next, site.call))) return null;
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

/** The code between an acquisition and the `try` that releases it: what can leave by any risk, and by jumps only. */
interface Gap {
  readonly risky: readonly TSESTree.Node[];
  /** The rest of an earlier `try` block whose `catch` releases or carries on: its throws are caught. */
  readonly exitsOnly: readonly TSESTree.Node[];
}

/**
 * The statements that run between the acquisition statement `anchor` and the `try` after it: the rest of its own list,
 * and, when the acquisition sits in an `if` branch, a bare block (`if (n > 0) { timer = setInterval(…) }`) or the
 * block of an earlier `try` (with that `try`'s `finally`), the rest of each enclosing list out to the one that holds
 * the `try`. The `catch` of such an earlier `try` runs after the acquisition only when the rest of its block throws:
 * that rest is a risk, unless `covered` says the `catch` releases the value or carries on into the `try` (then only
 * its jumps are). Null when the `try` does not follow that way (it comes first, or a loop, a `switch`, a `catch` or a
 * function lies between).
 */
function statementsBeforeTry(
  anchor: TSESTree.Node,
  tryStatement: TSESTree.TryStatement,
  covered: (handler: TSESTree.CatchClause) => boolean,
): Gap | null {
  const risky: TSESTree.Node[] = [];
  const exitsOnly: TSESTree.Node[] = [];
  let current: TSESTree.Node = anchor;
  for (;;) {
    const list = statementList(current) ?? [current];
    const index = list.indexOf(current);
    const tryIndex = list.indexOf(tryStatement);
    if (tryIndex !== -1)
      return tryIndex > index ? { risky: [...risky, ...list.slice(index + 1, tryIndex)], exitsOnly } : null;
    const rest = list.slice(index + 1);
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.IfStatement && parent.test !== current) {
      risky.push(...rest);
      current = parent;
    } else if (parent?.type === AST_NODE_TYPES.BlockStatement) {
      const holder = parent.parent;
      if (holder.type === AST_NODE_TYPES.TryStatement && holder.block === parent) {
        // `try { client = await pool.connect(); } catch (e) { return fail(e); }` before the `try` that releases.
        if (holder.handler && covered(holder.handler)) exitsOnly.push(...rest);
        else risky.push(...rest);
        // Its `finally` runs on the way.
        if (holder.finalizer) risky.push(holder.finalizer);
        current = holder;
      } else {
        risky.push(...rest);
        if (holder.type === AST_NODE_TYPES.IfStatement) current = holder;
        else if (statementList(parent)) current = parent;
        else return null;
      }
    } else return null;
  }
}

export function placeOf(anchor: TSESTree.Statement): Place {
  const list = statementList(anchor);
  return list ? { list, index: list.indexOf(anchor) } : { list: [anchor], index: 0 };
}

/** The statements that run before `node` inside `top`: the earlier statements of each block between them. */
function statementsBeforeIn(node: TSESTree.Node, top: TSESTree.Node): TSESTree.Node[] {
  const before: TSESTree.Node[] = [];
  for (let child = node, parent = node.parent; parent && child !== top; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.BlockStatement)
      before.unshift(...parent.body.slice(0, parent.body.indexOf(child as TSESTree.Statement)));
  }
  return before;
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
 * error, and guards that test the resource itself (`if (client)`, `client?.release()`, `client && …`, `guards.ts`)
 * lie between.
 */
/** `promise.catch` as the callee of a call: handling a rejection does not make the call before it conditional. */
function isCatchCallee(member: TSESTree.MemberExpression): boolean {
  return (
    !member.computed &&
    member.property.type === AST_NODE_TYPES.Identifier &&
    member.property.name === 'catch' &&
    member.parent.type === AST_NODE_TYPES.CallExpression &&
    member.parent.callee === member
  );
}

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
      case AST_NODE_TYPES.MemberExpression:
        // `page.close().catch(() => {})`: the release runs, its rejection handled.
        if (parent.object === child && isCatchCallee(parent)) continue;
        return false;
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === child && child.type === AST_NODE_TYPES.MemberExpression && isCatchCallee(child)) continue;
        return false;
      case AST_NODE_TYPES.TryStatement:
        if (parent.block === child) continue;
        return false;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.LogicalExpression:
        if (branchFacts(parent, child, heldBy(model, lifetime), presenceOptions(lifetime))?.skipped === 'absent')
          continue;
        if (
          lifetime.alternative &&
          branchFacts(parent, child, sameAs(model, lifetime.alternative))?.skipped === 'present'
        )
          continue;
        return false;
      default:
        return false;
    }
  }
  return true;
}

/**
 * What a guard in `finally` may also test to skip only what was never acquired: the value the binding starts with
 * (`let fd = -1; try { fd = openSync(p); … } finally { if (fd !== -1) closeSync(fd); }`) and the resource's own
 * open/closed flags (`if (client.isOpen) await client.quit()`).
 */
function presenceOptions(lifetime: Lifetime): PresenceOptions {
  const declarator = lifetime.variable?.defs[0]?.node;
  const sentinel =
    lifetime.form === 'assigned' && declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init
      ? literalValue(skipWrappers(declarator.init))
      : undefined;
  return { sentinel, stateFlags: true };
}

/** The other source of a conditional acquisition, by key: `if (!this.runner)` of `this.runner ?? create()`. */
function sameAs(model: ResourceModel, alternative: TSESTree.Expression): IsSubject {
  const key = model.keyOf(skipWrappers(alternative));
  return (node) =>
    (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) &&
    model.keyOf(node) === key;
}

/** The held value or the receiver, by key: the subject of a presence guard (`if (client)`, `this.conn?.end()`). */
function heldBy(model: ResourceModel, lifetime: Lifetime): IsSubject {
  return (node) => {
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return false;
    const key = model.keyOf(node);
    return key === lifetime.name || key === lifetime.acquisition.receiverKey;
  };
}
