/**
 * `AbortSignal`s a loop looks at, and where they come from: a check in the loop's head (`!signal.aborted`), a signal
 * passed to a call the loop awaits (`await sleep(ms, undefined, { signal })`), and the provenance of a signal: an
 * `AbortController` the instance keeps (so a stop method can abort it), or something else (the caller's signal).
 *
 * Syntactic and scope-aware, following `const` aliases, fields and class-private parameters a few steps deep.
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { referenceKey } from '../resources/scope.js';
import type { ResourceModel } from '../resources/match.js';
import { isFunction, propertyName, signalOption, skipWrappers, type FunctionNode } from '../util/ast.js';
import { walk } from '../util/walk.js';
import { accessedName, isReference, thisFieldWrites } from './flags.js';
import type { LoopNode } from './loops.js';
import { thisClassOf, type ClassNode } from './teardown.js';

/** `!signal.aborted`, `!this.#ac.signal.aborted`, `signal.aborted === false`: the signal; else null. */
export function abortedCheckOf(term: TSESTree.Expression): TSESTree.Expression | null {
  const node = skipWrappers(term);
  let inner: TSESTree.Expression | null = null;
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') inner = skipWrappers(node.argument);
  else if (
    node.type === AST_NODE_TYPES.BinaryExpression &&
    (node.operator === '===' || node.operator === '==') &&
    node.right.type === AST_NODE_TYPES.Literal &&
    node.right.value === false
  ) {
    inner = skipWrappers(node.left);
  }
  if (inner?.type !== AST_NODE_TYPES.MemberExpression || propertyName(inner) !== 'aborted') return null;
  return skipWrappers(inner.object);
}

/** `{ signal }`, `{ signal: ac.signal }`, or a plain argument that is a signal (`signal`, `this.signal`, `ac.signal`). */
export function signalArgumentOf(args: readonly TSESTree.CallExpressionArgument[]): TSESTree.Expression | null {
  const option = signalOption(args);
  if (option) return skipWrappers(option as TSESTree.Expression);
  for (const argument of args) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
    const value = skipWrappers(argument);
    if (value.type === AST_NODE_TYPES.Identifier && /signal$/iu.test(value.name)) return value;
    if (value.type === AST_NODE_TYPES.MemberExpression && /signal$/iu.test(propertyName(value) ?? '')) return value;
  }
  return null;
}

/**
 * The signal passed to the call that `node` awaits (`await sleep(ms, undefined, { signal })`, `await fetch(url, {
 * signal })`, `await take(signal)`), unless the abort is swallowed: `.catch(() => {})` on it, or a `try` in the loop
 * whose `catch` neither leaves the loop nor checks a signal.
 */
export function awaitedSignalOf(
  node: TSESTree.AwaitExpression,
  loop: LoopNode,
  model: ResourceModel,
): TSESTree.Expression | null {
  const call = skipWrappers(node.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const signal = signalArgumentOf(call.arguments);
  if (!signal) return null;
  for (
    let child: TSESTree.Node = node, parent: TSESTree.Node | undefined = node.parent;
    parent && child !== loop;
    child = parent, parent = parent.parent
  ) {
    if (
      parent.type === AST_NODE_TYPES.TryStatement &&
      parent.block === child &&
      parent.handler &&
      !catchReactsToAbort(parent.handler, model)
    )
      return null;
  }
  return signal;
}

/** A `catch` that rethrows, leaves, or looks at a signal: an abort that reaches it still ends the loop. */
function catchReactsToAbort(handler: TSESTree.CatchClause, model: ResourceModel): boolean {
  let reacts = false;
  walk(model.sourceCode.visitorKeys, handler.body, (node) => {
    if (reacts || isFunction(node)) return false;
    if (
      node.type === AST_NODE_TYPES.ThrowStatement ||
      node.type === AST_NODE_TYPES.ReturnStatement ||
      node.type === AST_NODE_TYPES.BreakStatement ||
      (node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'aborted')
    ) {
      reacts = true;
    }
    return undefined;
  });
  return reacts;
}

/**
 * Who can abort a signal the loop checks:
 * - `controller`: an `AbortController` the instance keeps (`this.#controller.signal`, through `const { signal } =
 *   this.#controller`, a field `this.signal = this.#controller.signal`, or a parameter every call in the class fills
 *   with one: `this.#run(this.#controller.signal)`), aborted by `<key>.abort()`;
 * - `other`: anything else (a parameter the caller passes, a local controller): the loop's owner is not this class.
 */
export type SignalSource = { readonly kind: 'controller'; readonly key: string } | { readonly kind: 'other' };

const OTHER: SignalSource = { kind: 'other' };
const MAX_DEPTH = 4;

export function signalSourceOf(signal: TSESTree.Expression, model: ResourceModel, depth = 0): SignalSource {
  if (depth > MAX_DEPTH) return OTHER;
  const node = skipWrappers(signal);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipWrappers(node.object);
    if (propertyName(node) === 'signal') {
      const key = controllerKeyOf(object, model, depth + 1);
      if (key !== null) return { kind: 'controller', key };
    }
    if (object.type !== AST_NODE_TYPES.ThisExpression || !isReference(node)) return OTHER;
    // A field holding a signal: follow what the class stores in it.
    const owner = thisClassOf(node);
    if (!owner) return OTHER;
    const key = referenceKey(node, model);
    for (const value of fieldValues(owner.classNode, key, model)) {
      const source = signalSourceOf(value, model, depth + 1);
      if (source.kind === 'controller') return source;
    }
    return OTHER;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return OTHER;
  const binding = constBindingOf(node, model);
  if (!binding) return OTHER;
  if (binding.type === 'parameter') return parameterSource(binding.fn, binding.name, model, depth);
  const { id, init } = binding;
  if (id.type === AST_NODE_TYPES.Identifier) return signalSourceOf(init, model, depth + 1);
  // `const { signal } = this.#controller`
  if (id.type === AST_NODE_TYPES.ObjectPattern && destructuresSignal(id, binding.name)) {
    const key = controllerKeyOf(skipWrappers(init), model, depth + 1);
    if (key !== null) return { kind: 'controller', key };
  }
  return OTHER;
}

/**
 * What an identifier is bound to, when that is one thing: a parameter, or a variable with an initialiser that nothing
 * assigns again.
 */
type ConstBinding =
  | { readonly type: 'parameter'; readonly fn: FunctionNode; readonly name: TSESTree.Identifier }
  | {
      readonly type: 'variable';
      readonly id: TSESTree.BindingName;
      readonly init: TSESTree.Expression;
      readonly name: TSESTree.Identifier;
    };

function constBindingOf(node: TSESTree.Identifier, model: ResourceModel): ConstBinding | null {
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(node), node.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def) return null;
  if (def.type === TSESLint.Scope.DefinitionType.Parameter) {
    const fn = def.node;
    // Parameters of functions and of the TypeScript signatures that cannot hold a loop.
    return isFunction(fn) && def.name.type === AST_NODE_TYPES.Identifier
      ? { type: 'parameter', fn, name: def.name }
      : null;
  }
  if (def.type !== TSESLint.Scope.DefinitionType.Variable) return null;
  const { id, init } = def.node;
  if (!init || variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return null;
  return { type: 'variable', id, init, name: def.name };
}

/** The key of an instance's controller: `this.#controller`, or a `const` alias of it. */
function controllerKeyOf(node: TSESTree.Expression, model: ResourceModel, depth: number): string | null {
  if (depth > MAX_DEPTH) return null;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipWrappers(node.object);
    return object.type === AST_NODE_TYPES.ThisExpression && isReference(node) ? referenceKey(node, model) : null;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const binding = constBindingOf(node, model);
  if (binding?.type !== 'variable' || binding.id.type !== AST_NODE_TYPES.Identifier) return null;
  return controllerKeyOf(skipWrappers(binding.init), model, depth + 1);
}

function destructuresSignal(pattern: TSESTree.ObjectPattern, name: TSESTree.Identifier): boolean {
  return pattern.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      property.key.name === 'signal' &&
      (property.value === name ||
        (property.value.type === AST_NODE_TYPES.AssignmentPattern && property.value.left === name)),
  );
}

/** A parameter of a class method: what every `this.method(…)` call in the class passes for it. */
function parameterSource(
  fn: FunctionNode,
  name: TSESTree.Identifier,
  model: ResourceModel,
  depth: number,
): SignalSource {
  const index = fn.params.findIndex(
    (param) => param === name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name),
  );
  const method = fn.parent;
  if (index < 0 || method.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn) return OTHER;
  const methodName = declaredName(method);
  if (methodName === null) return OTHER;
  const classNode = method.parent.parent;
  // What each call passes, up to the first that is not one of the instance's controllers.
  const sources: SignalSource[] = [];
  walk(model.sourceCode.visitorKeys, classNode.body, (node) => {
    if (sources.at(-1)?.kind === 'other') return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = skipWrappers(node.callee);
    if (
      callee.type !== AST_NODE_TYPES.MemberExpression ||
      callee.object.type !== AST_NODE_TYPES.ThisExpression ||
      accessedName(callee) !== methodName
    )
      return;
    const argument = node.arguments[index];
    const source =
      argument && argument.type !== AST_NODE_TYPES.SpreadElement ? signalSourceOf(argument, model, depth + 1) : OTHER;
    sources.push(source);
  });
  const [first] = sources;
  return first && sources.every((source) => source.kind === 'controller') ? first : OTHER;
}

/** `run`, `#run`; null for computed and literal keys (which `this.run(…)` calls do not name the same way). */
function declaredName(method: TSESTree.MethodDefinition): string | null {
  if (method.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${method.key.name}`;
  return !method.computed && method.key.type === AST_NODE_TYPES.Identifier ? method.key.name : null;
}

/** The values the class stores in the field `key`: its initialiser and every `this.<key> = value`. */
function fieldValues(classNode: ClassNode, key: string, model: ResourceModel): TSESTree.Expression[] {
  const values: TSESTree.Expression[] = [];
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static || !member.value) continue;
    const name =
      member.key.type === AST_NODE_TYPES.PrivateIdentifier
        ? `this.#${member.key.name}`
        : !member.computed && member.key.type === AST_NODE_TYPES.Identifier
          ? `this.${member.key.name}`
          : null;
    if (name === key) values.push(member.value);
  }
  for (const site of thisFieldWrites(classNode, key, model)) {
    if (site.type === AST_NODE_TYPES.AssignmentExpression && site.operator === '=') values.push(site.right);
  }
  return values;
}
