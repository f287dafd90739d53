/**
 * Who owns a resource: the code whose run (or life) a handle it starts must not outlive. For every rule the same
 * answer, computed once per function and cached on the AST, whatever the rules' options; the names it depends on
 * (effect hooks, teardown methods) come from `settings.cleanup`, which is one per file.
 *
 * - a class member (instance or static), whose class has a lifecycle and teardown methods (`./teardown.ts`);
 * - an effect callback (`useEffect(() => …)`) with the cleanups it returns;
 * - a handler run per request or per event (`app.get('/x', (req, res) => …)`, `server.on('connection', …)`);
 * - app-lifetime code, run once for the program: the module's top level, `main()`, a module-level IIFE, a module-level
 *   function the top level calls once (`run().catch(…)`), the members of a singleton class (constructed once by
 *   app-lifetime code, `const server = new DevServer()`), the callback of an app-lifetime listener
 *   (`process.on('SIGINT', …)`), and a function that ends the process itself (a quit handler);
 * - a plain function, whose lifetime is unknown.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { isAppLifetimeListener, isGlobalTarget, listenerAdditionOf, runsAtMostOnce } from '../resources/listeners.js';
import type { ResourceModel } from '../resources/match.js';
import { isGlobal } from '../resources/scope.js';
import {
  effectHookNames,
  oneShotCallbackCallers,
  requestHandlerMethods,
  runOnceMethodNames,
} from '../resources/vocabulary.js';
import {
  calleeName,
  contains,
  enclosingFunction,
  forEachOwnReturn,
  isFunction,
  isLoopStatement,
  isModuleLevel,
  memberName,
  parentThroughWrappers,
  propertyName,
  propertyValue,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { someNode } from '../util/someNode.js';
import { walk } from '../util/walk.js';
import { thisClassOf, type ClassNode } from './teardown.js';

/** A class member holding code (method, constructor, accessor, function-valued field). */
type ClassMember = TSESTree.MethodDefinition | TSESTree.PropertyDefinition;

/** A non-static method, constructor or function-valued field of a class: runs per instance (or per call). */
export interface InstanceOwner {
  readonly kind: 'instance';
  readonly fn: FunctionNode;
  readonly classNode: ClassNode;
  readonly member: ClassMember;
}

/** A static member of a class: it belongs to no instance, so no teardown ends it. */
export interface StaticOwner {
  readonly kind: 'static';
  readonly fn: FunctionNode;
  readonly classNode: ClassNode;
  readonly member: ClassMember;
}

/** A React-style effect callback: runs per mount (and per dependency change); its cleanups run at unmount. */
export interface EffectOwner {
  readonly kind: 'effect';
  readonly fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
  /** The hook's name: `useEffect` (also for `React.useEffect`). */
  readonly hook: string;
  /** The function that calls the hook (the component), or null at module level. */
  readonly component: FunctionNode | null;
}

/** A callback run per event or per request: `server.on('request', (req) => …)`, `app.get('/x', (req, res) => …)`. */
export interface HandlerOwner {
  readonly kind: 'handler';
  readonly fn: FunctionNode;
}

/** Code that runs once for the whole program: `main()`, a module-level IIFE, a `process.on('SIGINT', …)` callback. */
export interface AppLifetimeOwner {
  readonly kind: 'appLifetime';
  readonly fn: FunctionNode;
}

/** A plain function (a declaration, an object method, a callback stored for later): its lifetime is unknown. */
export interface FunctionOwner {
  readonly kind: 'function';
  readonly fn: FunctionNode;
}

/** The module's top level: runs once, when the module loads. */
export interface ModuleOwner {
  readonly kind: 'module';
}

/** Who owns the code at a node. */
export type Owner =
  InstanceOwner | StaticOwner | EffectOwner | HandlerOwner | AppLifetimeOwner | FunctionOwner | ModuleOwner;

/**
 * What one function is, as an owner; `callback` for a function that runs within the run of the code around it (an
 * IIFE, `.then(…)`, `forEach(…)`, a `once`/`close` listener), whose owner is the enclosing code's.
 */
export type FunctionRole = Exclude<Owner, ModuleOwner> | { readonly kind: 'callback'; readonly fn: FunctionNode };

const roles = new WeakMap<FunctionNode, FunctionRole>();

/** What `fn` is as an owner (see {@link FunctionRole}). Computed once per function. */
export function functionRoleOf(fn: FunctionNode, model: ResourceModel): FunctionRole {
  let role = roles.get(fn);
  if (!role) {
    // While it is computed (a function that calls itself), the function is a plain one.
    roles.set(fn, { kind: 'function', fn });
    role = computeRole(fn, model);
    roles.set(fn, role);
  }
  return role;
}

function computeRole(fn: FunctionNode, model: ResourceModel): FunctionRole {
  if (isAppLifetimeFunction(fn) || isCalledOnce(fn, model)) return { kind: 'appLifetime', fn };
  const { child, parent } = parentThroughWrappers(fn);
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    // Called right where it is written (an IIFE): part of the enclosing function's run.
    if (parent.callee === child) return { kind: 'callback', fn };
    const effect = effectCallbackOf(parent, model.settings.effectHooks);
    const hook = effect === fn ? calleeName(parent) : null;
    if (effect === fn && hook !== null) {
      const component = enclosingFunction(parent);
      // A mount-only effect (`[]`) of a page's root component, which the page renders once: it runs once.
      if (component && hasNoDependencies(parent) && isPageRoot(component, model)) return { kind: 'appLifetime', fn };
      return { kind: 'effect', fn: effect, hook, component };
    }
    if (isRequestHandler(fn)) return { kind: 'handler', fn };
    const registration = listenerAdditionOf(parent, model);
    if (registration?.handler === child) {
      // The listener lives as long as the process; its callback runs once only for an event that ends the run (a
      // signal, `exit`, `uncaughtException`), and per event for the others (`message`, `warning`).
      if (isAppLifetimeListener(registration, model))
        return PROCESS_ENDING_EVENTS.has(registration.typeKey) ? { kind: 'appLifetime', fn } : { kind: 'handler', fn };
      if (!runsAtMostOnce(registration)) return { kind: 'handler', fn };
    }
    return { kind: 'callback', fn };
  }
  if (
    (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.value === child
  ) {
    const classNode = parent.parent.parent;
    // A singleton's methods, or a page root's: what they start lives as long as its one instance, the program.
    if (!parent.static && (isAppLifetimeClass(classNode, model) || isPageRoot(classNode, model)))
      return { kind: 'appLifetime', fn };
    return parent.static
      ? { kind: 'static', fn, classNode, member: parent }
      : { kind: 'instance', fn, classNode, member: parent };
  }
  if (isServerlessHandler(fn)) return { kind: 'handler', fn };
  return { kind: 'function', fn };
}

/**
 * A serverless function's handler, which the platform runs once per invocation in a process that lives on between
 * them (AWS Lambda, and the Azure and Google conventions alike): a function taking `(event, context)` (and maybe a
 * callback), exported (`exports.handler = …`, `module.exports.worker = …`, `export const handler = …`,
 * `export async function handler(…)`).
 */
function isServerlessHandler(fn: FunctionNode): boolean {
  const [first, second] = fn.params;
  if (first?.type !== AST_NODE_TYPES.Identifier || second?.type !== AST_NODE_TYPES.Identifier) return false;
  if (first.name !== 'event' || second.name !== 'context') return false;
  const { child, parent } = parentThroughWrappers(fn);
  if (parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator)
    return parent.init === child && parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== child) return false;
  let target = skipWrappers(parent.left);
  while (target.type === AST_NODE_TYPES.MemberExpression) target = skipWrappers(target.object);
  return target.type === AST_NODE_TYPES.Identifier && (target.name === 'exports' || target.name === 'module');
}

/** `process` events whose handler runs once, as the run ends. */
const PROCESS_ENDING_EVENTS: ReadonlySet<string> = new Set([
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGBREAK',
  'exit',
  'beforeExit',
  'uncaughtException',
  'disconnect',
]);

const MODULE: ModuleOwner = { kind: 'module' };

/**
 * The owner of the code at `node`: walks out from its function through callbacks that run within the enclosing run
 * (an IIFE, `.then(…)`, `forEach(…)`, a `once` listener) to the first function whose lifetime decides; the module
 * when there is none: the top level, a static block, and also an instance field's initializer, which runs per
 * instance ({@link isAppLifetimeCode} tells them apart; no rule yet asks about an initializer's owner).
 */
export function ownerOf(node: TSESTree.Node, model: ResourceModel): Owner {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const role = functionRoleOf(fn, model);
    if (role.kind !== 'callback') return role;
  }
  return MODULE;
}

/** An owner whose every run (or instance) ends before the program does: what it leaves behind piles up. */
export type ShortLivedOwner = InstanceOwner | EffectOwner | HandlerOwner;

/**
 * The owner of the code at `node` when it is shorter-lived than the program (a class instance, an effect, a handler),
 * else null: app-lifetime code, and code whose lifetime is unknown (a plain function, a static member).
 */
export function shortLivedOwnerOf(node: TSESTree.Node, model: ResourceModel): ShortLivedOwner | null {
  const owner = ownerOf(node, model);
  return owner.kind === 'instance' || owner.kind === 'effect' || owner.kind === 'handler' ? owner : null;
}

/**
 * Does the code at `node` run for the life of the program: module level (or a static block), or directly in
 * app-lifetime code (`main()`, a module-level IIFE, a `process.on('SIGINT', …)` callback, a function that registers
 * a quit handler)? What it starts is never a leak. The same answer for every rule.
 */
export function isAppLifetimeCode(node: TSESTree.Node, model: ResourceModel): boolean {
  let fn = enclosingFunction(node);
  // A callback that the code around it runs once (`dbReady.then(() => …)`, `setTimeout(() => …, 0)`, a `once`
  // listener) runs when that code does: once, at module level.
  while (fn && isRunOnceCallback(fn, model)) fn = enclosingFunction(fn);
  // Outside every function: the module's top level or a static block run once; an instance field's initializer runs
  // per instance, once for a singleton.
  if (!fn) {
    const owner = thisClassOf(node);
    return owner === null || isAppLifetimeClass(owner.classNode, model);
  }
  return functionRoleOf(fn, model).kind === 'appLifetime' || registersQuitHandler(fn, model);
}

/**
 * Is the code at `node` one-shot code: run once as the program's own run, not as a method of something that lives on
 * — the top level, `main()`, a module-level IIFE, a module-level function called once by such code, and callbacks
 * those run once (`.then`, `setTimeout`)? Narrower than {@link isAppLifetimeCode}: a singleton's methods, a page
 * root's members and a function that registers a quit handler are app-lifetime owners, yet each of their calls is a
 * run of its own. A rejection in one-shot code ends the run, and what it holds ends with the process.
 */
export function isOneShotCode(node: TSESTree.Node, model: ResourceModel): boolean {
  let fn = enclosingFunction(node);
  while (fn && isRunOnceCallback(fn, model)) fn = enclosingFunction(fn);
  if (!fn) return thisClassOf(node) === null;
  return isAppLifetimeFunction(fn) || isCalledOnce(fn, model);
}

/** Page events that fire once: a listener for one on `window` or `document` runs once. */
const ONCE_PAGE_EVENTS: ReadonlySet<string> = new Set(['load', 'DOMContentLoaded']);

/**
 * Is `fn` a callback that the call it is passed to runs at most once: an IIFE, a promise callback (`.then(…)`), a
 * timeout's callback (`setTimeout(…)`, not `setInterval`), jQuery's `.ready(…)`, a `once` listener or one for a page
 * event that fires once (`window.addEventListener('load', …)`)?
 */
function isRunOnceCallback(fn: FunctionNode, model: ResourceModel): boolean {
  if (functionRoleOf(fn, model).kind !== 'callback') return false;
  const { child, parent } = parentThroughWrappers(fn);
  if (parent?.type !== AST_NODE_TYPES.CallExpression) return false;
  if (parent.callee === child) return true;
  const name = calleeName(parent);
  if (name !== null && oneShotCallbackCallers.has(name) && parent.arguments[0] === child) return true;
  if (name === 'then' && parent.arguments[1] === child) return true;
  const registration = listenerAdditionOf(parent, model);
  return (
    registration?.handler === child &&
    (registration.once || (ONCE_PAGE_EVENTS.has(registration.typeKey) && isGlobalTarget(registration.target, model)))
  );
}

/**
 * Does `fn` run once for the whole life of the program: a function named `main`, or a function called right where it
 * is written at module level (`(async () => { … })()`, `void main()` style IIFEs)? Handles it starts are app-lifetime.
 */
export function isAppLifetimeFunction(fn: FunctionNode): boolean {
  if (fn.id?.name === 'main') return true;
  const { child, parent } = parentThroughWrappers(fn);
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.id.type === AST_NODE_TYPES.Identifier &&
    parent.id.name === 'main'
  )
    return true;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== child) return false;
  return isModuleLevel(parent);
}

/**
 * Is `fn` a module-level function that nothing else reads than one call (or `new`), outside any loop, by app-lifetime
 * code — the top level (`run().catch((e) => { console.error(e); process.exit(1); })`, `void start()`,
 * `await run()`, `new SetupModel()`), `main()` or another function called once — or behind a once-only flag
 * (`if (!started) start();` with `started = true` in the file)? It runs once, as the program (or the module) does. An
 * exported function, or one passed on (`process.on('SIGINT', run)`), may run any number of times.
 */
function isCalledOnce(fn: FunctionNode, model: ResourceModel): boolean {
  const variable = declaredVariableOf(fn, model);
  if (!variable) return false;
  const reads = variable.references.filter((reference) => !reference.init);
  const [read] = reads;
  if (read === undefined || reads.length !== 1) return false;
  const { child, parent } = parentThroughWrappers(read.identifier);
  if (
    (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) ||
    parent.callee !== child ||
    isInLoop(parent) ||
    contains(fn, parent)
  )
    return false;
  return isAppLifetimeCode(parent, model) || isBehindOnceFlag(parent, model);
}

/**
 * `if (!started) start();` (also `if (!started) { … }`) with `started` a module-level variable that the file sets to
 * `true`: the call runs at most once in the program.
 */
function isBehindOnceFlag(call: TSESTree.Node, model: ResourceModel): boolean {
  return onceFlagsGuarding(call, model).some(
    (variable) => variable.scope.variableScope.block.type === AST_NODE_TYPES.Program,
  );
}

/**
 * The once-only flags that guard `node` within its function: variables `F` tested as `!F` (alone or as one operand of
 * `&&`) by an `if` whose consequent holds `node`, and set to `true` somewhere (`F = true`). The code runs at most once
 * per life of the flag's variable.
 */
export function onceFlagsGuarding(node: TSESTree.Node, model: ResourceModel): TSESLint.Scope.Variable[] {
  const flags: TSESLint.Scope.Variable[] = [];
  for (let child = node, parent = node.parent; parent && !isFunction(parent); child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.IfStatement || parent.consequent !== child) continue;
    for (const flag of negatedConjuncts(parent.test)) {
      const variable = ASTUtils.findVariable(model.sourceCode.getScope(flag), flag.name);
      if (variable?.references.some((reference) => isSetToTrue(reference.identifier))) flags.push(variable);
    }
  }
  return flags;
}

/** `F` and `G` of `!F && x && !G`. */
function negatedConjuncts(test: TSESTree.Expression): TSESTree.Identifier[] {
  const node = skipWrappers(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&')
    return [...negatedConjuncts(node.left), ...negatedConjuncts(node.right)];
  if (node.type !== AST_NODE_TYPES.UnaryExpression || node.operator !== '!') return [];
  const flag = skipWrappers(node.argument);
  return flag.type === AST_NODE_TYPES.Identifier ? [flag] : [];
}

/** `flag = true`. */
function isSetToTrue(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = identifier.parent;
  return (
    parent.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.left === identifier &&
    parent.operator === '=' &&
    parent.right.type === AST_NODE_TYPES.Literal &&
    parent.right.value === true
  );
}

/**
 * The variable that names `fn` when it is declared at module level and not exported: `function run() {}`,
 * `const run = async () => {}` (also under `let`/`var`, never reassigned).
 */
export function declaredVariableOf(fn: FunctionNode, model: ResourceModel): TSESLint.Scope.Variable | null {
  let declarator: TSESTree.FunctionDeclaration | TSESTree.VariableDeclarator;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    declarator = fn;
  } else {
    const { child, parent } = parentThroughWrappers(fn);
    if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child) return null;
    if (parent.id.type !== AST_NODE_TYPES.Identifier) return null;
    declarator = parent;
  }
  const statement = declarator.type === AST_NODE_TYPES.VariableDeclarator ? declarator.parent : declarator;
  if (statement.parent.type !== AST_NODE_TYPES.Program) return null;
  const [variable] = model.sourceCode.getDeclaredVariables(declarator);
  return variable ?? null;
}

/**
 * A function component, which renders again and again: a capitalised function (`function Clock()`,
 * `const Clock = () => …`) whose body has JSX or calls a hook (`useState(…)`).
 */
export function isComponent(fn: FunctionNode, model: ResourceModel): boolean {
  const { parent } = parentThroughWrappers(fn);
  const name =
    fn.type === AST_NODE_TYPES.FunctionDeclaration
      ? (fn.id?.name ?? null)
      : parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier
        ? parent.id.name
        : null;
  if (name === null || !/^[A-Z]/.test(name)) return false;
  return someNode(model.sourceCode.visitorKeys, fn.body, (node) => {
    if (isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.JSXElement || node.type === AST_NODE_TYPES.JSXFragment) return true;
    return (node.type === AST_NODE_TYPES.CallExpression && /^use[A-Z]/.test(calleeName(node) ?? '')) || undefined;
  });
}

/** A module-level function that the file calls from two places or more, or in a loop. */
export function isCalledRepeatedly(fn: FunctionNode, model: ResourceModel): boolean {
  const variable = declaredVariableOf(fn, model);
  if (!variable) return false;
  const calls = variable.references.filter((reference) => {
    const { child, parent } = parentThroughWrappers(reference.identifier);
    return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child;
  });
  return calls.length > 1 || calls.some((reference) => isInLoop(reference.identifier));
}

/** Is `node` inside a loop's body or test, within its own function (or the top level)? */
export function isInLoop(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) || current.type === AST_NODE_TYPES.ClassBody) return false;
    if (isLoopStatement(current)) return true;
  }
  return false;
}

const singletons = new WeakMap<ClassNode, boolean>();

/**
 * A class an injector makes once for the whole application: Angular's `@Injectable({ providedIn: 'root' })` (or
 * `'platform'`) and an `@NgModule(…)` class. Its constructor and methods run for its one instance.
 */
function isInjectorSingleton(classNode: ClassNode): boolean {
  // Parsers without decorator support (espree) leave the property out.
  const { decorators } = classNode as { readonly decorators?: readonly TSESTree.Decorator[] };
  return (decorators ?? []).some((decorator) => {
    const call = decorator.expression;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier) return false;
    if (call.callee.name === 'NgModule') return true;
    if (call.callee.name !== 'Injectable') return false;
    const scope = call.arguments[0] && propertyValue(call.arguments[0], 'providedIn');
    return scope?.type === AST_NODE_TYPES.Literal && (scope.value === 'root' || scope.value === 'platform');
  });
}

/**
 * Is `classNode` a singleton of this file: a module-level class constructed exactly once, outside any loop, by
 * app-lifetime code? Not exported: at the top level (`const server = new DevServer(); server.start();`,
 * `export const root = new RootStore()`), in `main()` or a module-level IIFE, or in the constructor of another
 * singleton (`class RootStore { constructor() { this.ui = new UiStore(this); } }`). Exported (`export class X`,
 * `export { X }`): only at the top level, the module's own instance (`export class X {…}; export default new X();`),
 * the way a module exports a service and its class for tests. Its one instance lives as long as the program: what its
 * constructor and methods start (timers, listeners, loops, resources in its fields) is app-lifetime, and no teardown
 * is owed. Type references (`let s: DevServer`) do not count. Computed once per class.
 */
export function isAppLifetimeClass(classNode: ClassNode, model: ResourceModel): boolean {
  let found = singletons.get(classNode);
  if (found === undefined) {
    // While it is computed (two classes that construct each other), the class is no singleton.
    singletons.set(classNode, false);
    found = computeSingleton(classNode, model);
    singletons.set(classNode, found);
  }
  return found;
}

/**
 * `export default new class Main { … }()`, `const store = new (class { … })()`: a class expression constructed where
 * it is written, at module level, has that one instance.
 */
function isConstructedInPlaceOnce(classNode: TSESTree.ClassExpression): boolean {
  const { child, parent } = parentThroughWrappers(classNode);
  return (
    parent?.type === AST_NODE_TYPES.NewExpression &&
    parent.callee === child &&
    enclosingFunction(parent) === null &&
    thisClassOf(parent) === null &&
    !isInLoop(parent)
  );
}

function computeSingleton(classNode: ClassNode, model: ResourceModel): boolean {
  if (isInjectorSingleton(classNode)) return true;
  if (classNode.type === AST_NODE_TYPES.ClassExpression) return isConstructedInPlaceOnce(classNode);
  const declaredExported =
    classNode.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    classNode.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  if ((declaredExported ? classNode.parent.parent : classNode.parent)?.type !== AST_NODE_TYPES.Program) return false;
  const [variable] = model.sourceCode.getDeclaredVariables(classNode);
  if (!variable) return false;
  const values = variable.references.filter((reference) => !reference.isTypeReference);
  const uses = values.filter((reference) => !isExportReference(reference.identifier));
  const [use] = uses;
  if (use === undefined || uses.length !== 1) return false;
  const { child, parent } = parentThroughWrappers(use.identifier);
  if (parent?.type !== AST_NODE_TYPES.NewExpression || parent.callee !== child || isInLoop(parent)) return false;
  const fn = enclosingFunction(parent);
  // An exported class may be constructed again by its importers; the module's own top-level instance says it is the
  // one the program uses.
  if (declaredExported || uses.length !== values.length)
    return !fn && thisClassOf(parent) === null && isExportedInstance(parent, model);
  if (!fn) return thisClassOf(parent) === null;
  if (isAppLifetimeFunction(fn) || isCalledOnce(fn, model)) return true;
  const member = fn.parent;
  return (
    member.type === AST_NODE_TYPES.MethodDefinition &&
    member.kind === 'constructor' &&
    isAppLifetimeClass(member.parent.parent, model)
  );
}

/**
 * The module exports the instance itself: `export default new X()`, `export const x = new X()`, or
 * `const x = new X(); export default x` / `export { x }`. A module that exports its class and keeps its only instance
 * to itself (`if (import.meta.main) new X().start()`) leaves the class to its importers, which make their own.
 */
function isExportedInstance(creation: TSESTree.NewExpression, model: ResourceModel): boolean {
  const { child, parent } = parentThroughWrappers(creation);
  if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return parent.declaration === child;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== child) return false;
  if (parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
  return model.sourceCode
    .getDeclaredVariables(parent)
    .some((variable) => variable.references.some((reference) => isExportReference(reference.identifier)));
}

/** `export { X }`, `export { X as Y }`, `export default X`: the name leaves the module, nothing runs. */
function isExportReference(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = identifier.parent;
  return (
    parent.type === AST_NODE_TYPES.ExportSpecifier ||
    (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration && parent.declaration === identifier)
  );
}

/** `useEffect(fn, [])`: the effect runs once per mount. */
function hasNoDependencies(hookCall: TSESTree.CallExpression): boolean {
  const deps = hookCall.arguments[1];
  return deps?.type === AST_NODE_TYPES.ArrayExpression && deps.elements.length === 0;
}

/** Calls that mount a React tree, and which of their arguments is the element. */
const RENDER_CALLS: ReadonlyMap<string, number> = new Map([
  ['render', 0],
  ['hydrate', 0],
  ['hydrateRoot', 1],
]);

/**
 * Is `component` (a function or class component) the root of a page: declared at module level, not exported, and used
 * only as the element that app-lifetime code mounts (`ReactDOM.render(<Root />, el)`,
 * `createRoot(el).render(<App />)`)? The page renders it once and never unmounts it: its mount runs once.
 */
function isPageRoot(component: FunctionNode | ClassNode, model: ResourceModel): boolean {
  let variable: TSESLint.Scope.Variable | null;
  if (component.type === AST_NODE_TYPES.ClassDeclaration) {
    variable =
      component.parent.type === AST_NODE_TYPES.Program
        ? (model.sourceCode.getDeclaredVariables(component)[0] ?? null)
        : null;
  } else if (component.type === AST_NODE_TYPES.ClassExpression) {
    variable = null;
  } else {
    variable = declaredVariableOf(component, model);
  }
  const uses = variable?.references.filter((reference) => !reference.init && !reference.isTypeReference) ?? [];
  const [use] = uses;
  if (use === undefined || uses.length !== 1) return false;
  const opening = use.identifier.parent;
  if (opening.type !== AST_NODE_TYPES.JSXOpeningElement || opening.name !== use.identifier) return false;
  const element = opening.parent;
  const call = element.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(call);
  const index = name === null ? undefined : RENDER_CALLS.get(name);
  return index !== undefined && call.arguments[index] === element && !isInLoop(call) && isAppLifetimeCode(call, model);
}

const quitHandlers = new WeakMap<FunctionNode, boolean>();

/**
 * Does `fn` register a quit handler: a callback of its own that ends the process normally (`process.exit()` or
 * `process.exit(0)`, the global `process`), as a terminal UI's `q` key does? Such a function owns the process's end,
 * so what it starts runs for the life of the program. An exit on an error path (`process.exit(1)`) or straight in
 * `fn` says nothing of the kind. Computed once per function.
 */
export function registersQuitHandler(fn: FunctionNode, model: ResourceModel): boolean {
  let found = quitHandlers.get(fn);
  if (found !== undefined) return found;
  found = false;
  walk(model.sourceCode.visitorKeys, fn.body, (node) => {
    if (found) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = skipWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'exit') return undefined;
    const object = skipWrappers(callee.object);
    if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'process' || !isGlobal(object, model))
      return undefined;
    const [code] = node.arguments;
    const normal = code === undefined || (code.type === AST_NODE_TYPES.Literal && code.value === 0);
    if (normal && enclosingFunction(node) !== fn) found = true;
    return undefined;
  });
  quitHandlers.set(fn, found);
  return found;
}

/**
 * Is `fn` a per-request handler: the last argument of a route registration (`app.get('/path', (req, res) => …)`,
 * `router.use(fn)`) or of `createServer`? Listener callbacks are recognised through `listenerAdditionOf`.
 */
export function isRequestHandler(fn: FunctionNode): boolean {
  const { child, parent } = parentThroughWrappers(fn);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee === child || parent.arguments.at(-1) !== child)
    return false;
  const name = calleeName(parent);
  if (name === null || !requestHandlerMethods.includes(name)) return false;
  if (name === 'createServer') return true;
  // `map.get(key, fallback)`, `arr.options(x)`: a route takes a path (or only handlers for `use`).
  const first = parent.arguments[0];
  return (
    skipWrappers(parent.callee).type === AST_NODE_TYPES.MemberExpression &&
    first !== undefined &&
    (first === child ||
      first.type === AST_NODE_TYPES.Literal ||
      first.type === AST_NODE_TYPES.TemplateLiteral ||
      name === 'use')
  );
}

/**
 * The effect callback of a hook call — `useEffect(() => …, deps)`, `React.useEffect(function () { … })` — when the
 * hook's name is in `hooks` (by default {@link effectHookNames}; owners pass `settings.cleanup.effectHooks`); else null.
 */
export function effectCallbackOf(
  call: TSESTree.CallExpression,
  hooks: readonly string[] = effectHookNames,
): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | null {
  const name = calleeName(call);
  if (name === null || !hooks.includes(name)) return null;
  const first = call.arguments[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return null;
  const callback = skipWrappers(first);
  return callback.type === AST_NODE_TYPES.ArrowFunctionExpression || callback.type === AST_NODE_TYPES.FunctionExpression
    ? callback
    : null;
}

/**
 * The cleanup functions an effect callback returns: `return () => clearInterval(id)`, `return function () { … }`,
 * `return stop` (a function declared in the effect), or the expression body of an arrow (`() => subscribe(x)` is not
 * a function and gives nothing). Nested functions' returns are not the effect's. An identifier that names no function
 * of the effect is given as it is: code the analysis cannot see.
 */
export function effectCleanupsOf(
  callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
): TSESTree.Node[] {
  const cleanups: TSESTree.Node[] = [];
  const add = (value: TSESTree.Expression | null | undefined): void => {
    if (!value) return;
    const expression = skipWrappers(value);
    if (isFunction(expression)) cleanups.push(expression);
    else if (expression.type === AST_NODE_TYPES.Identifier)
      cleanups.push(localFunctionOf(expression, callback) ?? expression);
  };
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) {
    add(callback.body);
    return cleanups;
  }
  forEachOwnReturn(callback.body, (statement) => {
    add(statement.argument);
  });
  return cleanups;
}

/** The function declared as `name` directly in `owner`'s body (`function stop() {}`, `const stop = () => {}`). */
function localFunctionOf(name: TSESTree.Identifier, owner: FunctionNode): TSESTree.Node | null {
  if (owner.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  for (const statement of owner.body.body) {
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id.name === name.name) return statement;
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name.name || !declarator.init)
        continue;
      const init = skipWrappers(declarator.init);
      if (isFunction(init)) return init;
    }
  }
  return null;
}

/** A method named `_x` or `#x` that the class itself calls: its arguments come from the class. */
export function isPrivateHelper(owner: InstanceOwner): boolean {
  const member = owner.member;
  if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method') return false;
  return (
    member.key.type === AST_NODE_TYPES.PrivateIdentifier ||
    (member.key.type === AST_NODE_TYPES.Identifier && member.key.name.startsWith('_'))
  );
}

/** Does the owner run once per instance (a constructor), rather than per call? */
export function isConstructorOwner(owner: InstanceOwner): boolean {
  return owner.member.type === AST_NODE_TYPES.MethodDefinition && owner.member.kind === 'constructor';
}

/**
 * Does this class member run at most once per instance: the constructor, or a lifecycle method the framework calls
 * once per instance ({@link runOnceMethodNames}: React's `componentDidMount`, Angular's `ngOnInit`)? What it starts
 * is started once per instance, never over a previous run's.
 */
export function runsOncePerInstance(member: ClassMember): boolean {
  if (member.type !== AST_NODE_TYPES.MethodDefinition || member.static) return false;
  if (member.kind === 'constructor') return true;
  const name = memberName(member);
  return member.kind === 'method' && name !== null && runOnceMethodNames.includes(name);
}
