/**
 * Floating resources: an acquisition whose result nothing keeps. Either the whole value is an expression statement
 * (`await mutex.acquire();`, `fs.openSync(p);`, `setInterval(f, 1000);`, `new DisposableStack();`), or it is used
 * once as the object of a member call and dropped (`(await pool.connect()).query(sql)`).
 *
 * Used by `no-floating-resource`, which switches over the verdict. The `allow` list is part of the query because the
 * Disposable recogniser reads it too (by provenance and by type origin).
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { callLabel, valueProvenance, type DisposableQuery, type DisposableValue } from '../resources/disposables.js';
import { acquisitionAt, disposableAt, timerAt } from '../resources/recognize.js';
import { isTimerStartName } from '../resources/timers.js';
import type { Acquisition, ResourceModel } from '../resources/match.js';
import { matchesSomeSpecifier, type Specifier } from '../resources/specifiers.js';
import { isEventDriven, isThenable, typeOfNode, type TypeServices } from '../resources/types.js';
import {
  calleeName,
  enclosingFunction,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { walk } from '../util/walk.js';
import { lifetimeOf } from './cache.js';
import type { Lifetime } from './lifetime.js';
import { functionRoleOf, isAppLifetimeCode, isCalledRepeatedly, isComponent, isInLoop } from './owners.js';
import { classLifecycleOf } from './teardown.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface FloatingQuery {
  readonly context: AnyContext;
  readonly model: ResourceModel;
  readonly allow: readonly Specifier[];
  /** Type services, asked for only when a verdict needs them; null in untyped mode. */
  readonly types: () => TypeServices | null;
}

export type FloatingVerdict =
  | { readonly type: 'none' }
  /** `setInterval(f, 1000);` in a function: the id is dropped, so the interval can never be cleared. */
  | { readonly type: 'discardedInterval'; readonly call: TSESTree.CallExpression; readonly label: string }
  /**
   * A resource held by its receiver or released by a paired call (`await sema.acquire();`, `lockfile.lock(p);`) that
   * nothing in the file releases. `holdsValue`: the value itself can release it too (it is worth binding);
   * `fallbackRelease` names a release when no statement can be written.
   */
  | {
      readonly type: 'neverReleased';
      readonly lifetime: Lifetime;
      readonly resource: string;
      readonly holdsValue: boolean;
      readonly fallbackRelease: string;
      readonly returnsResource: boolean;
    }
  /** A resource only its value releases, dropped: `await pool.connect();`, `fs.openSync(p);`. */
  | {
      readonly type: 'discarded';
      readonly lifetime: Lifetime;
      readonly resource: string;
      readonly disposable: DisposableValue | null;
      readonly returnsResource: boolean;
      readonly awaited: boolean;
    }
  /** A Disposable value dropped: `new DisposableStack();`, `makeDisposable();` (typed). */
  | {
      readonly type: 'discardedDisposable';
      readonly value: DisposableValue;
      readonly resource: string;
      readonly awaited: boolean;
    }
  /** `(await pool.connect()).query(sql)`: used once and never released. */
  | { readonly type: 'usedInline'; readonly call: TSESTree.CallExpression; readonly resource: string };

const NONE: FloatingVerdict = { type: 'none' };

/** Promise chaining hands the resource to a callback: `pool.connect().then((client) => …)`. */
const CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** What the expression statement drops, if anything; `awaited` when it is `await <value>;`. */
export function floatingStatementVerdict(
  query: FloatingQuery,
  statement: TSESTree.ExpressionStatement,
): FloatingVerdict {
  const { model } = query;
  const expression = skipWrappers(statement.expression);
  const awaited = expression.type === AST_NODE_TYPES.AwaitExpression;
  const value = awaited ? skipWrappers(expression.argument) : expression;
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(value);
    if (isTimerStartName(name)) return timerVerdict(query, value);
    const acquisition = acquisitionAt(model, value);
    if (acquisition) return acquisitionVerdict(query, acquisition, awaited);
  } else if (value.type !== AST_NODE_TYPES.NewExpression) {
    return NONE;
  }
  return disposableVerdict(query, value, expression, awaited);
}

/** What the member call `node` (`<acquisition>.query(sql)`) does to the resource its object acquires. */
export function inlineUseVerdict(query: FloatingQuery, node: TSESTree.MemberExpression): FloatingVerdict {
  const { model } = query;
  let object = skipWrappers(node.object);
  if (object.type === AST_NODE_TYPES.AwaitExpression) object = skipWrappers(object.argument);
  if (object.type !== AST_NODE_TYPES.CallExpression || !model.isCandidateName(calleeName(object))) return NONE;
  const method = propertyName(node);
  if (method !== null && CHAIN_METHODS.has(method)) return NONE;
  const acquisition = acquisitionAt(model, object);
  if (!acquisition || isAmbiguousByName(acquisition)) return NONE;
  // `spawn(cmd, args, { detached: true }).unref()`: let go on purpose.
  if (acquisition.resource.mayOutliveOwner === true) return NONE;
  const { release } = acquisition.resource;
  // Resources held by the receiver (`sema.acquire().then`) or released by the acquisition's arguments are not dropped.
  if (!release.methods && !release.callValue && !release.functions) return NONE;
  if (allowed(query, object)) return NONE;
  return { type: 'usedInline', call: object, resource: describe(acquisition) };
}

function timerVerdict(query: FloatingQuery, call: TSESTree.CallExpression): FloatingVerdict {
  const { model } = query;
  const start = timerAt(model, call);
  if (start?.kind !== 'interval' || start.promises) return NONE;
  // App-lifetime code (module level, `main()`, a module-level IIFE, code that ends the process itself, as a terminal
  // UI whose `q` key handler calls `process.exit()`) starts an interval that lives as long as the application.
  if (isAppLifetimeCode(call, model) || !startsRepeatedly(call, model)) return NONE;
  if (allowed(query, call)) return NONE;
  return { type: 'discardedInterval', call, label: callLabel(model, call) };
}

/**
 * Does the interval at `call` start again and again with nothing able to stop the earlier ones, by what the file says:
 * inside a loop, per event (a handler, an effect, another interval's tick), per instance of a class that has a
 * teardown method (which cannot clear it), or in a module-level function the file calls from two places or in a loop?
 * In any other plain function, or a class without a teardown, nothing says it runs more than once: a startup function
 * (`initCache()`, a framework's `started()` hook) called from another file keeps its interval for the life of the
 * program, as 23 of 24 such findings on the repository sweeps did.
 */
function startsRepeatedly(call: TSESTree.CallExpression, model: ResourceModel): boolean {
  for (let node: TSESTree.Node = call, fn = enclosingFunction(call); ; node = fn, fn = enclosingFunction(fn)) {
    if (isInLoop(node)) return true;
    if (!fn) return false;
    const role = functionRoleOf(fn, model);
    switch (role.kind) {
      case 'handler':
      case 'effect':
        return true;
      case 'instance':
        return classLifecycleOf(role.classNode, model).teardowns.length > 0;
      case 'function':
        return isCalledRepeatedly(fn, model) || isComponent(fn, model);
      case 'callback':
        if (isIntervalCallback(fn, model)) return true;
        continue;
      default:
        return false;
    }
  }
}

/** `setInterval(() => …, ms)`: the callback runs on every tick. */
function isIntervalCallback(fn: FunctionNode, model: ResourceModel): boolean {
  const { child, parent } = parentThroughWrappers(fn);
  return (
    parent?.type === AST_NODE_TYPES.CallExpression &&
    parent.arguments[0] === child &&
    timerAt(model, parent)?.kind === 'interval'
  );
}

function acquisitionVerdict(query: FloatingQuery, acquisition: Acquisition, awaited: boolean): FloatingVerdict {
  const { model } = query;
  const { resource, call } = acquisition;
  if (isAmbiguousByName(acquisition) || allowed(query, call)) return NONE;
  // A server, stream or child process dropped on purpose runs on (`spawn('open', [url]);`): no evidence of a leak.
  if (resource.mayOutliveOwner === true) return NONE;
  const lifetime = lifetimeOf(model, acquisition);
  if (lifetime.form !== 'floating' || lifetime.releases.length > 0) return NONE;
  const { release } = resource;
  // A call written without `await` is bound as written only when it is known to return the resource itself.
  const returnsResource = awaited || isSyncAcquisition(acquisition);
  if (release.receiverMethods !== undefined || release.pairedFunctions !== undefined) {
    // Releasable through the receiver (`mutex.release()`) or a paired call (`unlock(file)`), not only through the value.
    if (releasedElsewhere(model, acquisition)) return NONE;
    if (release.receiverMethods !== undefined && !ownsReceiver(model, acquisition)) return NONE;
    return {
      type: 'neverReleased',
      lifetime,
      resource: describe(acquisition),
      holdsValue: release.callValue === true || release.methods !== undefined,
      fallbackRelease: `${release.receiverMethods?.[0] ?? release.pairedFunctions?.[0] ?? 'release'}()`,
      returnsResource,
    };
  }
  const disposable = resource.disposable ? disposableAt(disposableQuery(query), call) : null;
  return { type: 'discarded', lifetime, resource: describe(acquisition), disposable, returnsResource, awaited };
}

function disposableVerdict(
  query: FloatingQuery,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
  expression: TSESTree.Expression,
  awaited: boolean,
): FloatingVerdict {
  const types = query.types();
  // Without types only the catalog's `new DisposableStack()` is known; calls need their type.
  if (source.type !== AST_NODE_TYPES.NewExpression && !types) return NONE;
  const value = disposableAt(disposableQuery(query), expression);
  if (!value) return NONE;
  if (value.resource === null) {
    // Known by its type only: app-lifetime code, event-driven objects and fluent results are not "dropped".
    if (enclosingFunction(source) === null || !types) return NONE;
    const type = typeOfNode(types, expression);
    if (!awaited && isThenable(types, expression, type)) return NONE;
    if (isEventDriven(types, type) || returnsOperand(types, source, type)) return NONE;
  }
  return { type: 'discardedDisposable', value, resource: `${value.noun} from \`${value.label}\``, awaited };
}

function disposableQuery(query: FloatingQuery): DisposableQuery {
  return { context: query.context, model: query.model, types: query.types(), allow: query.allow };
}

function allowed(query: FloatingQuery, source: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const { allow, context, model } = query;
  return allow.length > 0 && matchesSomeSpecifier(allow, valueProvenance(model, context.filename, source), context.cwd);
}

function describe(acquisition: Acquisition): string {
  return `${acquisition.resource.noun} from \`${acquisition.label}\``;
}

/** `pool.connect()` on an object known only by its name may connect the pool itself (mssql's `ConnectionPool`). */
function isAmbiguousByName(acquisition: Acquisition): boolean {
  return acquisition.acquirer.source.type === 'name' && acquisition.acquirer.method === 'connect';
}

/** Acquisitions that return the resource itself, not a promise of it: `fs.openSync(p)`, `ds.createQueryRunner()`. */
function isSyncAcquisition(acquisition: Acquisition): boolean {
  const method = acquisition.acquirer.method;
  return method.endsWith('Sync') || method === 'createQueryRunner';
}

/**
 * Is a release through the receiver or a paired call written in another function of the file that does not acquire
 * on the same receiver itself: `lock()` acquires and `unlock()` calls `this.mutex.release()`, or a cleanup function
 * calls `lockfile.unlock(file)`? Then the release happens elsewhere by design. (A release in the acquiring function is
 * release-in-finally's.)
 */
function releasedElsewhere(model: ResourceModel, acquisition: Acquisition): boolean {
  const release = acquisition.resource.release;
  const receiverKey = acquisition.receiverKey;
  const firstArgument = acquisition.call.arguments[0];
  const pairedKey = release.pairedFunctions && firstArgument ? model.keyOf(firstArgument) : null;
  const method = acquisition.acquirer.method;
  const releases: TSESTree.CallExpression[] = [];
  const acquiringFunctions = new Set<TSESTree.Node | null>();
  walk(model.sourceCode.visitorKeys, model.sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const name = calleeName(node);
    if (name === null) return;
    const callee = skipWrappers(node.callee);
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? model.keyOf(skipWrappers(callee.object)) : null;
    const first = node.arguments[0] ? model.keyOf(node.arguments[0]) : null;
    if (name === method && (receiverKey === null ? first === pairedKey : receiver === receiverKey)) {
      acquiringFunctions.add(enclosingFunction(node));
    } else if (receiverKey !== null && receiver === receiverKey && release.receiverMethods?.includes(name)) {
      releases.push(node);
    } else if (pairedKey !== null && first === pairedKey && release.pairedFunctions?.includes(name)) {
      releases.push(node);
    }
  });
  return releases.some((call) => !acquiringFunctions.has(enclosingFunction(call)));
}

/**
 * Does the acquiring function own the receiver that holds the resource? Not at module level (app lifetime), not when
 * the receiver is a parameter (the caller releases), not when a local receiver is handed off.
 */
function ownsReceiver(model: ResourceModel, acquisition: Acquisition): boolean {
  const owner = enclosingFunction(acquisition.call);
  if (owner === null) return false;
  let root: TSESTree.Node | null = acquisition.receiver;
  while (root?.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
  if (root?.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(root), root.name);
  const definition = variable?.defs[0];
  if (!variable || !definition) return true;
  if (definition.type === TSESLint.Scope.DefinitionType.Parameter) return false;
  if (enclosingFunction(definition.name) !== owner) return true;
  // A local receiver passed on, returned or stored: its new owner releases it.
  return variable.references.every((reference) => {
    if (reference.init === true || reference.isWrite()) return true;
    const parent = reference.identifier.parent;
    return parent.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier;
  });
}

/** `server.listen()` returns the server itself, `stack.use(x)` returns `x`: nothing new is dropped. */
function returnsOperand(
  types: TypeServices,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
  type: ReturnType<typeof typeOfNode>,
): boolean {
  if (source.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(source.callee);
  const operands: TSESTree.Node[] = source.arguments.filter(
    (argument) => argument.type !== AST_NODE_TYPES.SpreadElement,
  );
  if (callee.type === AST_NODE_TYPES.MemberExpression) operands.push(callee.object);
  return operands.some((operand) => typeOfNode(types, operand) === type);
}
