/**
 * Timers, event listeners and similar handles: what starts one, what stops it, and which options make it stop by itself.
 *
 * One named predicate per question, shared by every rule that reasons about handles (`no-leaked-timer`,
 * `no-leaked-listener`, `no-floating-resource`, `require-stop-signal`, `dispose-owned-resources`, …). Every predicate
 * is syntactic and scope-aware: a local function called `setInterval` or a local `window` is not the global one.
 *
 * Pass the file's {@link ResourceModel} (`resourceModel(context)`); it carries the source code (for scopes) and the
 * import provenance (`timers`, `node:timers`, `timers/promises`, through `require` and const aliases).
 */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import {
  enclosingFunction,
  isFunction,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { walk } from '../util/walk.js';
import type { ResourceModel } from './match.js';
import { effectHookNames, requestHandlerMethods, teardownMethodNames } from './vocabulary.js';

/**
 * Is `fn` a per-request handler: the last argument of a route registration (`app.get('/path', (req, res) => …)`,
 * `router.use(fn)`) or of `createServer`? Listener callbacks are recognised through {@link listenerAdditionOf}.
 */
export function isRequestHandler(fn: FunctionNode): boolean {
  const { child, parent } = parentThroughWrappers(fn);
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee === child || parent.arguments.at(-1) !== child)
    return false;
  const callee = skipWrappers(parent.callee);
  const name = staticCalleeName(callee);
  if (name === null || !requestHandlerMethods.includes(name)) return false;
  if (name === 'createServer') return true;
  // `map.get(key, fallback)`, `arr.options(x)`: a route takes a path (or only handlers for `use`).
  const first = parent.arguments[0];
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    first !== undefined &&
    (first === child ||
      first.type === AST_NODE_TYPES.Literal ||
      first.type === AST_NODE_TYPES.TemplateLiteral ||
      name === 'use')
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Owners: teardown methods and effects
// ---------------------------------------------------------------------------------------------------------------------

/**
 * The name a class member is declared with: `stop`, `#stop` → `#stop`, `'stop'`, `[Symbol.dispose]` →
 * `[Symbol.dispose]`; null for other computed keys.
 */
export function memberName(
  member: TSESTree.ClassElement & { key: TSESTree.Expression | TSESTree.PrivateIdentifier; computed: boolean },
): string | null {
  const key = member.key;
  if (member.computed) {
    if (
      key.type === AST_NODE_TYPES.MemberExpression &&
      key.object.type === AST_NODE_TYPES.Identifier &&
      key.object.name === 'Symbol'
    ) {
      const symbol = propertyName(key);
      return symbol === null ? null : `[Symbol.${symbol}]`;
    }
    return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : null;
  }
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return null;
}

/**
 * Is `name` one of `names` (by default {@link teardownMethodNames})? `#stop` matches `stop`, and `@@dispose`
 * (`calleeName` of `x[Symbol.dispose]()`) matches `[Symbol.dispose]`.
 */
export function isTeardownName(name: string | null, names: readonly string[] = teardownMethodNames): boolean {
  if (name === null) return false;
  const plain = name.startsWith('#') ? name.slice(1) : name;
  const symbol =
    plain === '@@dispose' ? '[Symbol.dispose]' : plain === '@@asyncDispose' ? '[Symbol.asyncDispose]' : plain;
  return names.includes(symbol);
}

/**
 * The effect callback of a hook call — `useEffect(() => …, deps)`, `React.useEffect(function () { … })` — when the
 * hook's name is in `hooks` (by default {@link effectHookNames}); else null.
 */
export function effectCallbackOf(
  call: TSESTree.CallExpression,
  hooks: readonly string[] = effectHookNames,
): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | null {
  const name = staticCalleeName(skipWrappers(call.callee));
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
 * a function and gives nothing). Nested functions' returns are not the effect's.
 */
export function effectCleanupsOf(
  callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
): TSESTree.Node[] {
  const cleanups: TSESTree.Node[] = [];
  const add = (value: TSESTree.Expression | null | undefined): void => {
    if (!value) return;
    const expression = skipWrappers(value);
    if (isFunction(expression)) cleanups.push(expression);
    else if (expression.type === AST_NODE_TYPES.Identifier) {
      const local = localFunctionOf(expression, callback);
      cleanups.push(local ?? expression);
    }
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

/** Calls `visit` for every `return` of the function whose body is `body`, not descending into nested functions. */
export function forEachOwnReturn(
  body: TSESTree.BlockStatement,
  visit: (statement: TSESTree.ReturnStatement) => void,
): void {
  const stack: TSESTree.Node[] = [...body.body];
  for (let node = stack.pop(); node; node = stack.pop()) {
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
        visit(node);
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
        stack.push(...node.body);
        break;
      case AST_NODE_TYPES.IfStatement:
        stack.push(node.consequent);
        if (node.alternate) stack.push(node.alternate);
        break;
      case AST_NODE_TYPES.TryStatement:
        stack.push(node.block);
        if (node.handler) stack.push(node.handler.body);
        if (node.finalizer) stack.push(node.finalizer);
        break;
      case AST_NODE_TYPES.SwitchStatement:
        for (const switchCase of node.cases) stack.push(...switchCase.consequent);
        break;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.LabeledStatement:
      case AST_NODE_TYPES.WithStatement:
        stack.push(node.body);
        break;
      default:
        break;
    }
  }
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
 * Does `fn` register a quit handler: a callback of its own that ends the process normally (`process.exit()` or
 * `process.exit(0)`, the global `process`), as a terminal UI's `q` key does? Such a function owns the process's end,
 * so what it starts runs for the life of the program. An exit on an error path (`process.exit(1)`) or straight in
 * `fn` says nothing of the kind.
 */
export function registersQuitHandler(fn: FunctionNode, model: ResourceModel): boolean {
  let found = false;
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
  return found;
}

/** Is `node` outside every function and class body (it runs once, when the module loads)? */
export function isModuleLevel(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) || current.type === AST_NODE_TYPES.ClassBody) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------------------------------

/**
 * The text of a reference with spacing, comments, `!` and `?.` normalised, as `ResourceModel.keyOf`, but keeping the
 * `#` of private names: `this.#timer` and `this.timer` are different fields. Compare handle keys only with this.
 */
export function referenceKey(node: TSESTree.Node, model: ResourceModel): string {
  return model.keyOf(node);
}

/**
 * The `signal` of an options object among `args` (`{ signal }`, `{ signal: ac.signal }`, `{ ...rest, signal }`),
 * else null. Timers from `timers/promises` take it last; `addEventListener` takes it third.
 */
export function signalOption(args: readonly TSESTree.CallExpressionArgument[]): TSESTree.Node | null {
  for (const argument of [...args].reverse()) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const value = propertyValue(skipWrappers(argument), 'signal');
    if (value !== null) return value;
  }
  return null;
}

/** Is `node` (an identifier) the unshadowed global of that name? Globals declared in config or lib count. */
export function isGlobal(node: TSESTree.Identifier, model: ResourceModel): boolean {
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(node), node.name);
  return !variable || variable.defs.length === 0;
}

/** Objects through which the global timer and event functions are reached: `window.setInterval(…)`. */
export const globalObjectNames: readonly string[] = ['window', 'globalThis', 'self', 'global'];

/** `window`, `globalThis`, `self`, `global` (unshadowed). */
export function isGlobalObject(node: TSESTree.Expression, model: ResourceModel): boolean {
  return node.type === AST_NODE_TYPES.Identifier && globalObjectNames.includes(node.name) && isGlobal(node, model);
}

function staticCalleeName(callee: TSESTree.Expression): string | null {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  return null;
}

/** The value of property `key` in an object literal (`{ key }`, `{ key: v }`, `{ 'key': v }`), else null. */
export function propertyValue(node: TSESTree.Node, key: string): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return null;
  for (const property of [...node.properties].reverse()) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const name = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String(property.key.value);
    if (name === key) return property.value;
  }
  return null;
}

/** The function declared as `name` directly in `owner` (`function stop() {}`, `const stop = () => {}`), else null. */
function localFunctionOf(name: TSESTree.Identifier, owner: TSESTree.Node): TSESTree.Node | null {
  const body =
    'body' in owner && owner.body && (owner.body as TSESTree.Node).type === AST_NODE_TYPES.BlockStatement
      ? (owner.body as TSESTree.BlockStatement)
      : null;
  if (!body) return null;
  for (const statement of body.body) {
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id.name === name.name) return statement;
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          declarator.id.name === name.name &&
          declarator.init &&
          isFunction(skipWrappers(declarator.init))
        ) {
          return skipWrappers(declarator.init);
        }
      }
    }
  }
  return null;
}
