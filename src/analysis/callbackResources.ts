/**
 * Resources delivered to a callback instead of bound by `const x = await …`:
 *
 * - **promise callbacks**: `mutex.acquire().then((release) => { work(); release(); })`,
 *   `pool.connect().then((client) => …)`. The callback owns the resource from its first statement; a throw in it
 *   rejects the promise and skips a release written after the throwing call, as in an `async` function.
 * - **error-first callbacks**: `pool.getConnection((err, conn) => …)`, `pool.connect((err, client, done) => …)`. The
 *   callback owns the resource, and so does every callback it hands the path on to (`conn.query(sql, (qerr, rows) =>
 *   …)`): every path through them, the error paths of the inner callbacks included, must release it. The test of the
 *   acquisition's own error (`if (err) return cb(err)`) runs before the resource exists. Only explicit exits count
 *   (`return`, `throw`, the end of a callback), not calls that may throw: callback code has no `finally` to run.
 *
 * What the callback does with the resource is read by the one reference classifier, through `lifetime.ts`'s policy:
 * passed on, returned or stored, it is handed off, and nothing is reported. Resources never released at all in the
 * error-first form are not reported (the receiver may release them elsewhere).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { Acquisition, ResourceModel } from '../resources/match.js';
import { acquisitionAt, callbackAcquisitionAt } from '../resources/recognize.js';
import {
  calleeName,
  contains,
  enclosingFunction,
  isFunction,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { walk, type VisitorKeys } from '../util/walk.js';
import { RiskScanner, type Risk } from './exits/risks.js';
import { roleOf, type Lifetime, type ReleaseSite } from './lifetime.js';
import { continuedPromise } from './pending.js';
import { classifyReference } from './references.js';

export interface CallbackResource {
  readonly acquisition: Acquisition;
  readonly style: 'promise' | 'error-first';
  /** The callback that receives the resource. */
  readonly callback: FunctionNode;
  /** The parameter that holds the resource. */
  readonly param: TSESTree.Identifier;
  /** A lifetime for the messages and fixes: the callback owns the value named by the parameter. */
  readonly lifetime: Lifetime;
  /** Calls that release the resource, anywhere in the callback and the callbacks nested in it. */
  readonly releases: ReadonlySet<TSESTree.CallExpression>;
  /** The resource is handed off (passed on, returned, stored) somewhere: its fate is decided elsewhere. */
  readonly handedOff: boolean;
}

export type CallbackVerdict =
  | { readonly kind: 'safe' }
  /** Promise form: no release in the callback. */
  | { readonly kind: 'never' }
  /** Promise form: something can throw or leave before the release. */
  | { readonly kind: 'leaksOnPath'; readonly risk: Risk; readonly release: TSESTree.CallExpression }
  /** Promise form: released under a condition only. */
  | { readonly kind: 'somePaths'; readonly release: TSESTree.CallExpression }
  /** Error-first form: a path that leaves a callback without releasing: a `return`/`throw`, or the callback's end. */
  | { readonly kind: 'pathWithoutRelease'; readonly exit: PathExit };

/** Where a path leaves the callbacks without releasing. */
export interface PathExit {
  /** The `return` or `throw` statement, or the callback whose end is reached. */
  readonly node: TSESTree.ReturnStatement | TSESTree.ThrowStatement | FunctionNode;
  /** The callback the path leaves. */
  readonly callback: FunctionNode;
}

const SAFE: CallbackVerdict = { kind: 'safe' };
/** The error parameter of an error-first callback: `err`, `error`, `e`, `connErr`. */
const ERROR_NAME = /^(?:e|err|error|ex)$|err(?:or)?$/iu;

/** The resource `call` delivers to a callback, or null. */
export function callbackResourceAt(model: ResourceModel, call: TSESTree.CallExpression): CallbackResource | null {
  const acquisition = acquisitionAt(model, call);
  if (acquisition) {
    const callback = thenCallback(model, call);
    return callback ? resourceOf(model, acquisition, 'promise', callback.fn, callback.param, null) : null;
  }
  const callbackForm = callbackAcquisitionAt(model, call);
  if (!callbackForm) return null;
  const fn = call.arguments.findLast((argument) => isFunction(argument));
  if (fn === undefined || !isFunction(fn)) return null;
  const [error, value, done] = fn.params;
  if (error?.type !== AST_NODE_TYPES.Identifier || !ERROR_NAME.test(error.name)) return null;
  if (value?.type !== AST_NODE_TYPES.Identifier) return null;
  const releaseParam =
    done?.type === AST_NODE_TYPES.Identifier && callbackForm.acquirer.method === 'connect' ? done : null;
  return resourceOf(model, callbackForm, 'error-first', fn, value, releaseParam);
}

/** `acquire().then((release) => …)`, `p.then((release) => …)`: the fulfilment callback and its first parameter. */
function thenCallback(
  model: ResourceModel,
  call: TSESTree.CallExpression,
): { fn: FunctionNode; param: TSESTree.Identifier } | null {
  const continued = continuedPromise(model, call);
  if (!continued) return null;
  const then = continued.then.parent;
  if (then.type !== AST_NODE_TYPES.CallExpression || then.callee !== continued.then) return null;
  const fn = then.arguments[0];
  if (fn === undefined || !isFunction(fn)) return null;
  const param = fn.params[0];
  return param?.type === AST_NODE_TYPES.Identifier ? { fn, param } : null;
}

function resourceOf(
  model: ResourceModel,
  acquisition: Acquisition,
  style: CallbackResource['style'],
  callback: FunctionNode,
  param: TSESTree.Identifier,
  releaseParam: TSESTree.Identifier | null,
): CallbackResource | null {
  const variable = declared(model, callback, param);
  if (!variable) return null;
  const releaseSites: ReleaseSite[] = [];
  const uses: TSESTree.Identifier[] = [];
  const escapes: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (identifier.type !== AST_NODE_TYPES.Identifier || reference.isWrite()) {
      escapes.push(identifier);
      continue;
    }
    const role = roleOf(model, acquisition, identifier);
    const nested = enclosingFunction(identifier) !== callback;
    if (role.type === 'release') releaseSites.push({ call: role.call, nested });
    else if (role.type === 'use') uses.push(identifier);
    else escapes.push(identifier);
  }
  const doneVariable = releaseParam ? declared(model, callback, releaseParam) : null;
  for (const reference of doneVariable?.references ?? []) {
    const role = classifyReference(reference.identifier, { callValue: true });
    if (role.role === 'release')
      releaseSites.push({ call: role.call, nested: enclosingFunction(role.call) !== callback });
    else if (role.role !== 'identity') escapes.push(reference.identifier);
  }
  releaseSites.sort((a, b) => a.call.range[0] - b.call.range[0]);
  const lifetime: Lifetime = {
    acquisition,
    owner: callback,
    anchor: null,
    form: 'declared',
    variable,
    name: param.name,
    releases: releaseSites,
    uses,
    escapes,
    // Inside the callback, a pass is a hand-off: the borrow analysis follows the acquiring function only.
    borrows: [],
    alternative: null,
  };
  return {
    acquisition,
    style,
    callback,
    param,
    lifetime,
    releases: new Set(releaseSites.map((site) => site.call)),
    handedOff: escapes.length > 0,
  };
}

function declared(
  model: ResourceModel,
  callback: FunctionNode,
  param: TSESTree.Identifier,
): TSESLint.Scope.Variable | null {
  return model.sourceCode.getDeclaredVariables(callback).find((variable) => variable.name === param.name) ?? null;
}

/** Is the resource released on every path of its callbacks? */
export function callbackVerdictOf(model: ResourceModel, resource: CallbackResource): CallbackVerdict {
  if (resource.handedOff) return SAFE;
  return resource.style === 'promise' ? promiseVerdict(model, resource) : errorFirstVerdict(model, resource);
}

/**
 * The promise form, judged as the body of an `async` function that acquired the resource on entry: a release
 * statement in the callback's own statement list with nothing before it that can throw or leave, or a `finally` of a
 * `try` in that list that releases it first thing. A release in a nested callback is not judged.
 */
function promiseVerdict(model: ResourceModel, resource: CallbackResource): CallbackVerdict {
  const { callback, lifetime } = resource;
  const first = lifetime.releases[0];
  if (!first) return { kind: 'never' };
  if (lifetime.releases.some((site) => site.nested)) return chainedVerdict(model, resource);
  const body = callback.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return SAFE;
  const scanner = new RiskScanner(model, resource.releases);
  const list = body.body;
  for (const [index, statement] of list.entries()) {
    const call =
      scanner.releaseStatementSite(statement, lifetime.releases)?.call ?? returnedRelease(statement, resource);
    if (call) {
      const risk = scanner.firstRisk(list.slice(0, index));
      return risk ? { kind: 'leaksOnPath', risk, release: call } : SAFE;
    }
    if (statement.type === AST_NODE_TYPES.TryStatement && statement.finalizer) {
      const finalizer = statement.finalizer.body;
      const at = finalizer.findIndex((inner) => scanner.releaseStatementSite(inner, lifetime.releases) !== null);
      const release = finalizer[at];
      if (release?.type === AST_NODE_TYPES.ExpressionStatement) {
        const risk =
          scanner.firstRisk(list.slice(0, index)) ??
          scanner.firstRisk(finalizer.slice(0, at), { releaseLikeIsSafe: true });
        const call = scanner.releaseStatementSite(release, lifetime.releases)?.call ?? first.call;
        return risk ? { kind: 'leaksOnPath', risk, release: call } : SAFE;
      }
    }
    if (lifetime.releases.some((site) => contains(statement, site.call))) break;
  }
  return { kind: 'somePaths', release: first.call };
}

/** `return lock.unlock();`, `return await release();`: the callback's result is its release. */
function returnedRelease(statement: TSESTree.Node, resource: CallbackResource): TSESTree.CallExpression | null {
  if (statement.type !== AST_NODE_TYPES.ReturnStatement || !statement.argument) return null;
  let value = skipWrappers(statement.argument);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
  return value.type === AST_NODE_TYPES.CallExpression && resource.releases.has(value) ? value : null;
}

/**
 * `pool.connect().then((client) => client.query(sql).then((rows) => { client.release(); return rows; }))`: the only
 * release is in the fulfilment callback of a promise the callback makes, so a rejection of that promise skips it.
 * Any other nested release (in `.finally()`, `.catch()`, a second `.then` argument, an unknown callback) is not judged.
 */
function chainedVerdict(model: ResourceModel, resource: CallbackResource): CallbackVerdict {
  const [site, ...more] = resource.lifetime.releases;
  if (!site || more.length > 0) return SAFE;
  const fn = enclosingFunction(site.call);
  if (!fn) return SAFE;
  const { child, parent: then } = parentThroughWrappers(fn);
  if (then?.type !== AST_NODE_TYPES.CallExpression || then.arguments.length !== 1 || then.arguments[0] !== child)
    return SAFE;
  const callee = skipWrappers(then.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'then') return SAFE;
  const promise = skipWrappers(callee.object);
  if (promise.type !== AST_NODE_TYPES.CallExpression || enclosingFunction(then) !== resource.callback) return SAFE;
  const key = model.keyOf(promise.callee);
  const risk: Risk = { node: promise, kind: 'call', callee: key.length <= MAX_CALLEE ? key : calleeName(promise) };
  return { kind: 'leaksOnPath', risk, release: site.call };
}

/** The longest callee a message quotes (as `exits/risks.ts` does). */
const MAX_CALLEE = 40;

/** What the paths through a statement (or a list) do: one leaves without releasing, some go on, or it is unclear. */
interface Paths {
  /** The first exit that leaves without releasing. */
  readonly leak: PathExit | null;
  /** Some path reaches the end of the statement without releasing. */
  readonly fallsThrough: boolean;
  /** A shape this analysis does not judge: say nothing. */
  readonly unknown: boolean;
}

const DONE: Paths = { leak: null, fallsThrough: false, unknown: false };
const ON: Paths = { leak: null, fallsThrough: true, unknown: false };
const UNKNOWN: Paths = { leak: null, fallsThrough: false, unknown: true };

/** The error-first form: every path through the callback and the callbacks it continues in releases. */
function errorFirstVerdict(model: ResourceModel, resource: CallbackResource): CallbackVerdict {
  if (resource.releases.size === 0) return SAFE;
  const walker = new PathWalker(model.sourceCode.visitorKeys, resource);
  const paths = walker.callback(resource.callback);
  if (paths.unknown || !paths.leak) return SAFE;
  return { kind: 'pathWithoutRelease', exit: paths.leak };
}

class PathWalker {
  private readonly errorParam: TSESTree.Parameter | undefined;

  constructor(
    private readonly keys: VisitorKeys,
    private readonly resource: CallbackResource,
  ) {
    this.errorParam = resource.callback.params[0];
  }

  /** The paths through one callback: reaching its end without a release leaks. */
  callback(fn: FunctionNode): Paths {
    const body = fn.body;
    let paths: Paths;
    if (body.type === AST_NODE_TYPES.BlockStatement) paths = this.list(body.body, fn);
    else if (this.isRelease(body, fn)) paths = DONE;
    else if (this.releasesIn(body).length > 0) paths = this.continuation(body) ?? UNKNOWN;
    else paths = ON;
    if (paths.unknown || paths.leak) return paths;
    return paths.fallsThrough ? { leak: { node: fn, callback: fn }, fallsThrough: false, unknown: false } : DONE;
  }

  private list(statements: readonly TSESTree.Node[], fn: FunctionNode): Paths {
    for (const statement of statements) {
      const paths = this.statement(statement, fn);
      if (paths.unknown || paths.leak || !paths.fallsThrough) return paths;
    }
    return ON;
  }

  private statement(statement: TSESTree.Node, fn: FunctionNode): Paths {
    switch (statement.type) {
      case AST_NODE_TYPES.BlockStatement:
        return this.list(statement.body, fn);
      case AST_NODE_TYPES.IfStatement:
        return this.branches(statement, fn);
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement: {
        const argument = statement.argument;
        if (argument && this.isRelease(argument, fn)) return DONE;
        if (argument && this.releasesIn(argument).length > 0) return this.continuation(argument) ?? UNKNOWN;
        return { leak: { node: statement, callback: fn }, fallsThrough: false, unknown: false };
      }
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.VariableDeclaration:
        if (this.isRelease(statement, fn)) return DONE;
        if (this.releasesIn(statement).length > 0) return this.continuation(statement) ?? UNKNOWN;
        return ON;
      default: {
        // Loops, `switch`, `try`, labels: judged only when they neither release nor leave.
        if (this.releasesIn(statement).length > 0) return UNKNOWN;
        const exit = firstExitStatement(this.keys, statement);
        return exit ? { leak: { node: exit, callback: fn }, fallsThrough: false, unknown: false } : ON;
      }
    }
  }

  /** `if (test) a else b`: each branch, with the acquisition's own error test taking the resource-less branch out. */
  private branches(statement: TSESTree.IfStatement, fn: FunctionNode): Paths {
    const absent = fn === this.resource.callback ? this.absentBranch(statement.test) : null;
    const consequent = absent === 'consequent' ? DONE : this.statement(statement.consequent, fn);
    const alternate =
      absent === 'alternate' ? DONE : statement.alternate ? this.statement(statement.alternate, fn) : ON;
    return {
      leak: consequent.leak ?? alternate.leak,
      fallsThrough: consequent.fallsThrough || alternate.fallsThrough,
      unknown: consequent.unknown || alternate.unknown,
    };
  }

  /** `if (err)`, `if (err != null)`: the branch where the acquisition failed; `if (!err)`: the other one. */
  private absentBranch(test: TSESTree.Expression): 'consequent' | 'alternate' | null {
    const error = this.errorParam;
    if (error?.type !== AST_NODE_TYPES.Identifier) return null;
    const isError = (node: TSESTree.Node): boolean =>
      node.type === AST_NODE_TYPES.Identifier && node.name === error.name;
    const tested = skipWrappers(test);
    if (isError(tested)) return 'consequent';
    if (
      tested.type === AST_NODE_TYPES.UnaryExpression &&
      tested.operator === '!' &&
      isError(skipWrappers(tested.argument))
    )
      return 'alternate';
    if (tested.type === AST_NODE_TYPES.BinaryExpression && isError(tested.left) && isNullish(tested.right)) {
      if (tested.operator === '!=' || tested.operator === '!==') return 'consequent';
      if (tested.operator === '==' || tested.operator === '===') return 'alternate';
    }
    return null;
  }

  /**
   * A statement that hands the path on to callbacks that release the resource (`conn.query(sql, (qerr, rows) => …)`):
   * each such callback must release on all its paths. Null when a release also stands outside them.
   */
  private continuation(node: TSESTree.Node): Paths | null {
    const callbacks = outermostFunctions(this.keys, node).filter((fn) => this.releasesIn(fn).length > 0);
    const outside = this.releasesIn(node).filter((call) => !callbacks.some((fn) => contains(fn, call)));
    if (callbacks.length === 0 || outside.length > 0) return null;
    for (const fn of callbacks) {
      // A listener may never run, or run many times: not a continuation of the path.
      const registration = parentThroughWrappers(fn).parent;
      if (registration?.type === AST_NODE_TYPES.CallExpression && LISTENER_CALLS.has(calleeName(registration) ?? ''))
        return null;
      const paths = this.callback(fn);
      if (paths.unknown || paths.leak) return paths;
    }
    return DONE;
  }

  /** `node` (a statement or an expression) is a release that runs whenever it runs, in `fn` itself. */
  private isRelease(node: TSESTree.Node, fn: FunctionNode): boolean {
    let expression: TSESTree.Node = node;
    for (;;) {
      if (expression.type === AST_NODE_TYPES.ExpressionStatement) expression = expression.expression;
      else if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = expression.argument;
      else if (expression.type === AST_NODE_TYPES.ChainExpression) expression = expression.expression;
      else if (expression.type === AST_NODE_TYPES.SequenceExpression)
        return expression.expressions.some((part) => this.isRelease(part, fn));
      else if (expression.type === AST_NODE_TYPES.CallExpression && !this.resource.releases.has(expression)) {
        // `cb(conn.release())`, `done(release())`: the release is an argument.
        return expression.arguments.some((argument) => this.isRelease(argument, fn));
      } else break;
    }
    return expression.type === AST_NODE_TYPES.CallExpression && this.resource.releases.has(expression);
  }

  private releasesIn(node: TSESTree.Node): TSESTree.CallExpression[] {
    return [...this.resource.releases].filter((call) => contains(node, call));
  }
}

const LISTENER_CALLS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'addEventListener']);

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined')
  );
}

/** The functions inside `node` that no other function inside `node` encloses. */
function outermostFunctions(keys: VisitorKeys, node: TSESTree.Node): FunctionNode[] {
  const found: FunctionNode[] = [];
  walk(keys, node, (current) => {
    if (current === node || !isFunction(current)) return undefined;
    found.push(current);
    return false;
  });
  return found;
}

/**
 * The first `return` or `throw` inside `node`, outside nested functions. A `throw` in a `try` block with a `catch` is
 * caught there: it leaves nothing (`try { if (err) throw err; … } catch (e) { reject(e); } db.close();`).
 */
function firstExitStatement(
  keys: VisitorKeys,
  node: TSESTree.Node,
  caught = false,
): TSESTree.ReturnStatement | TSESTree.ThrowStatement | null {
  let exit: TSESTree.ReturnStatement | TSESTree.ThrowStatement | null = null;
  walk(keys, node, (current) => {
    if (exit !== null || isFunction(current)) return false;
    if (current.type === AST_NODE_TYPES.TryStatement && current.handler !== null) {
      exit =
        firstExitStatement(keys, current.block, true) ??
        firstExitStatement(keys, current.handler, caught) ??
        (current.finalizer && firstExitStatement(keys, current.finalizer, caught));
      return false;
    }
    if (
      current.type === AST_NODE_TYPES.ReturnStatement ||
      (current.type === AST_NODE_TYPES.ThrowStatement && !caught)
    ) {
      exit = current;
      return false;
    }
    return undefined;
  });
  return exit;
}
