/**
 * Class lifecycles: which members a class has, which of them end an instance's life (teardown methods), and which
 * code runs when it does (the teardown methods and every method they call through `this`, transitively).
 *
 * Shared by the rules that ask "does the owner release it when it is torn down?" (`no-leaked-timer`,
 * `no-leaked-listener`, `require-stop-signal`, `dispose-owned-resources`): the teardown methods are
 * `settings.cleanup.teardownMethods`, one set for every rule, so each class's lifecycle is computed once per file.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../resources/match.js';
import { teardownMethodNames } from '../resources/vocabulary.js';
import { isFunction, memberName, propertyName, skipWrappers, type FunctionNode } from '../util/ast.js';
import { someNode } from '../util/someNode.js';
import { walk } from '../util/walk.js';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** A member of a class whose value is code: a method, a constructor, an accessor, or a field holding a function. */
export interface ClassMethod {
  readonly member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition;
  /** The declared name (`stop`, `#stop`, `[Symbol.dispose]`), or null for other computed keys. */
  readonly name: string | null;
  readonly fn: FunctionNode;
  readonly isStatic: boolean;
  readonly isConstructor: boolean;
}

export interface ClassLifecycle {
  readonly classNode: ClassNode;
  /** Members holding code, in source order (static ones included, flagged). */
  readonly methods: readonly ClassMethod[];
  /** Instance methods named in the teardown list, in source order. */
  readonly teardowns: readonly ClassMethod[];
  /** Instance methods that run at teardown: the teardowns and the methods they call through `this`, transitively. */
  readonly reached: ReadonlySet<ClassMethod>;
  /**
   * The class declares a teardown method without code (`abstract stop(): void;`, or an overload signature with no
   * implementation, as in a `declare class`): subclasses or the runtime supply it, so what it releases is unknown.
   */
  readonly deferredTeardown: boolean;
}

/** The class member (method, constructor, accessor or function-valued field) whose code contains `node`, and its class. */
export function enclosingMethod(
  node: TSESTree.Node,
): { method: TSESTree.MethodDefinition | TSESTree.PropertyDefinition; classNode: ClassNode } | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) {
      return { method: current, classNode: current.parent.parent };
    }
    if (current.type === AST_NODE_TYPES.ClassBody) return null;
  }
  return null;
}

/**
 * The class whose instance `this` is at `node`: the nearest non-arrow function must be a non-static class method (or
 * `node` sits in a non-static field initializer). Null in plain functions, static members and at module level.
 */
export function thisClassOf(
  node: TSESTree.Node,
): { classNode: ClassNode; member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition } | null {
  let previous: TSESTree.Node = node;
  for (let current: TSESTree.Node | undefined = node.parent; current; previous = current, current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
        return null;
      case AST_NODE_TYPES.FunctionExpression: {
        const owner = current.parent;
        if (owner.type === AST_NODE_TYPES.MethodDefinition && owner.value === current && !owner.static) {
          return { classNode: owner.parent.parent, member: owner };
        }
        return null;
      }
      case AST_NODE_TYPES.PropertyDefinition:
        if (current.value === previous && !current.static) {
          return { classNode: current.parent.parent, member: current };
        }
        return null;
      case AST_NODE_TYPES.StaticBlock:
      case AST_NODE_TYPES.ClassBody:
      case AST_NODE_TYPES.Program:
        return null;
      default:
        break;
    }
  }
  return null;
}

const lifecycles = new WeakMap<ClassNode, ClassLifecycle>();

/**
 * The lifecycle of `classNode`, its teardown methods named by `settings.cleanup.teardownMethods` (the same for every
 * rule). Computed once per class: the key is the class alone, never a rule's options.
 */
export function classLifecycleOf(classNode: ClassNode, model: ResourceModel): ClassLifecycle {
  let value = lifecycles.get(classNode);
  if (!value) {
    value = computeLifecycle(classNode, model.sourceCode, model.settings.teardownMethods);
    lifecycles.set(classNode, value);
  }
  return value;
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

function computeLifecycle(
  classNode: ClassNode,
  sourceCode: Readonly<TSESLint.SourceCode>,
  names: readonly string[],
): ClassLifecycle {
  const methods: ClassMethod[] = [];
  const bodiless: (string | null)[] = [];
  for (const member of classNode.body.body) {
    if (
      member.type === AST_NODE_TYPES.TSAbstractMethodDefinition ||
      member.type === AST_NODE_TYPES.TSAbstractPropertyDefinition ||
      member.type === AST_NODE_TYPES.TSAbstractAccessorProperty ||
      (member.type === AST_NODE_TYPES.MethodDefinition &&
        member.value.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression)
    ) {
      // An overload signature or an abstract member has no code: only the implementation (if any) runs.
      if (!member.static) bodiless.push(memberName(member));
    } else if (
      member.type === AST_NODE_TYPES.MethodDefinition &&
      member.value.type === AST_NODE_TYPES.FunctionExpression
    ) {
      methods.push({
        member,
        name: memberName(member),
        fn: member.value,
        isStatic: member.static,
        isConstructor: member.kind === 'constructor',
      });
    } else if (member.type === AST_NODE_TYPES.PropertyDefinition && member.value) {
      const value = skipWrappers(member.value);
      if (isFunction(value))
        methods.push({ member, name: memberName(member), fn: value, isStatic: member.static, isConstructor: false });
    }
  }
  const teardowns = methods.filter(
    (method) => !method.isStatic && !method.isConstructor && isTeardownName(method.name, names),
  );
  const byName = new Map<string, ClassMethod>();
  for (const method of methods)
    if (!method.isStatic && method.name !== null && !byName.has(method.name)) byName.set(method.name, method);

  const reached = new Set<ClassMethod>(teardowns);
  const queue = [...teardowns];
  for (let method = queue.pop(); method; method = queue.pop()) {
    walk(sourceCode.visitorKeys, method.fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return false;
      if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return;
      // `this.cleanup()`, `this.#cleanup()`, `this.cleanup?.()`, and `this.cleanup` handed on as a callback.
      const name =
        node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : propertyName(node);
      const target = name === null ? undefined : byName.get(name);
      if (target && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    });
  }
  const implemented = new Set(teardowns.map((method) => method.name));
  const deferredTeardown = bodiless.some(
    (name) => name !== null && !implemented.has(name) && isTeardownName(name, names),
  );
  return { classNode, methods, teardowns, reached, deferredTeardown };
}

/** The method of `lifecycle` whose code contains `node` (directly or in a nested callback), or null. */
export function methodContaining(lifecycle: ClassLifecycle, node: TSESTree.Node): ClassMethod | null {
  for (const method of lifecycle.methods) {
    if (method.fn.range[0] <= node.range[0] && node.range[1] <= method.fn.range[1]) return method;
  }
  return null;
}

/** Does `node` run when the instance is torn down (in a teardown method or a method it calls through `this`)? */
export function runsAtTeardown(lifecycle: ClassLifecycle, node: TSESTree.Node): boolean {
  const method = methodContaining(lifecycle, node);
  return method !== null && lifecycle.reached.has(method);
}

/** Is `node` inside a function nested in its method (a callback such as `socket.on('close', () => …)`)? */
export function isInMethodCallback(lifecycle: ClassLifecycle, node: TSESTree.Node): boolean {
  const method = methodContaining(lifecycle, node);
  if (!method) return false;
  for (let current = node.parent; current && current !== method.fn; current = current.parent) {
    if (isFunction(current)) return true;
  }
  return false;
}

/**
 * Can a base class's teardown release what this class's fields hold: the class extends a project class (one the
 * file declares, or imports by a relative path; not a package's `React.Component`, nor a global like `HTMLElement`)
 * and has no teardown of its own, or one that calls `super`?
 */
export function mayInheritTeardown(classNode: ClassNode, lifecycle: ClassLifecycle, model: ResourceModel): boolean {
  const base = classNode.superClass;
  if (!base || !isProjectClass(base, model)) return false;
  return lifecycle.teardowns.length === 0 || lifecycle.teardowns.some((teardown) => callsSuper(teardown, model));
}

function isProjectClass(base: TSESTree.Expression, model: ResourceModel): boolean {
  let root = skipWrappers(base);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(root), root.name);
  if (!variable || variable.defs.length === 0) return false;
  const origin = model.originOf(base);
  return origin === null || origin.module.startsWith('.');
}

/** Does `method`'s body use `super` (`super.stop()`): it defers to the base class's teardown. */
export function callsSuper(method: ClassMethod, model: ResourceModel): boolean {
  return someNode(
    model.sourceCode.visitorKeys,
    method.fn.body,
    (node) => node.type === AST_NODE_TYPES.Super || undefined,
  );
}
