/**
 * Per-file listener facts, computed once per class or function and shared through `WeakMap`s on the AST (independent
 * of rule options): the listener removals a class or function makes, the objects a class destroys, and the fields it
 * fills with values of its own.
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { referenceKey } from '../resources/scope.js';
import {
  isListenerRemovalName,
  listenerRemovalOf,
  targetEndingMethodNames,
  type ListenerRemoval,
} from '../resources/listeners.js';
import type { ResourceModel } from '../resources/match.js';
import { calleeName, skipWrappers, type FunctionNode } from '../util/ast.js';
import { walk } from '../util/walk.js';
import type { ClassNode } from './teardown.js';

/** What one class does with listeners and the objects it holds, collected in one walk. */
export interface ClassListenerFacts {
  /** Every listener removal in the class. */
  readonly removals: readonly ListenerRemoval[];
  /** Keys of objects the class destroys: `this.socket.destroy()`, `destroy(socket)`. */
  readonly destroyed: ReadonlySet<string>;
  /** `this.x` keys the class stores something in that is not a parameter (`this.bus = new EventEmitter()`). */
  readonly madeFields: ReadonlySet<string>;
}

const classFacts = new WeakMap<ClassNode, ClassListenerFacts>();

/** The listener facts of `classNode`, computed once per class (independent of rule options). */
export function classListenerFacts(classNode: ClassNode, model: ResourceModel): ClassListenerFacts {
  let facts = classFacts.get(classNode);
  if (!facts) {
    facts = collectClassFacts(classNode, model);
    classFacts.set(classNode, facts);
  }
  return facts;
}

function collectClassFacts(classNode: ClassNode, model: ResourceModel): ClassListenerFacts {
  const removals: ListenerRemoval[] = [];
  const destroyed = new Set<string>();
  const madeFields = new Set<string>();
  walk(model.sourceCode.visitorKeys, classNode.body, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.PropertyDefinition: {
        const key = propertyKeyText(node);
        if (!node.static && node.value && key !== null && !isParameterValue(node.value, model)) madeFields.add(key);
        return;
      }
      case AST_NODE_TYPES.AssignmentExpression: {
        if (node.operator !== '=') return;
        const left = skipWrappers(node.left);
        if (
          left.type === AST_NODE_TYPES.MemberExpression &&
          left.object.type === AST_NODE_TYPES.ThisExpression &&
          !isParameterValue(node.right, model)
        ) {
          madeFields.add(referenceKey(left, model));
        }
        return;
      }
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(node);
        if (name === null) return;
        if (isListenerRemovalName(name)) {
          const removal = listenerRemovalOf(node, model);
          if (removal) removals.push(removal);
        }
        if (!targetEndingMethodNames.has(name)) return;
        const callee = skipWrappers(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression)
          destroyed.add(referenceKey(skipWrappers(callee.object), model));
        // `util.destroy(stream)`, `destroy(this.socket, err)`.
        const first = node.arguments[0];
        if (first && first.type !== AST_NODE_TYPES.SpreadElement)
          destroyed.add(referenceKey(skipWrappers(first), model));
        return;
      }
      default:
        return;
    }
  });
  return { removals, destroyed, madeFields };
}

function propertyKeyText(node: TSESTree.PropertyDefinition): string | null {
  if (node.computed) return null;
  if (node.key.type === AST_NODE_TYPES.PrivateIdentifier) return `this.#${node.key.name}`;
  if (node.key.type === AST_NODE_TYPES.Identifier) return `this.${node.key.name}`;
  return null;
}

const functionRemovals = new WeakMap<FunctionNode | TSESTree.Program, readonly ListenerRemoval[]>();

/** Every listener removal in `fn` (or the whole file), nested functions included; computed once per function. */
export function listenerRemovalsIn(
  fn: FunctionNode | TSESTree.Program,
  model: ResourceModel,
): readonly ListenerRemoval[] {
  let removals = functionRemovals.get(fn);
  if (!removals) {
    const found: ListenerRemoval[] = [];
    walk(model.sourceCode.visitorKeys, fn, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression || !isListenerRemovalName(calleeName(node))) return;
      const removal = listenerRemovalOf(node, model);
      if (removal) found.push(removal);
    });
    removals = found;
    functionRemovals.set(fn, removals);
  }
  return removals;
}

/** A parameter, or a member of one (`bus`, `options.bus`, `opts?.target`): a value handed in by the caller. */
function isParameterValue(node: TSESTree.Expression, model: ResourceModel): boolean {
  let value = skipWrappers(node);
  while (value.type === AST_NODE_TYPES.MemberExpression) value = skipWrappers(value.object);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(value), value.name);
  return variable?.defs[0]?.type === TSESLint.Scope.DefinitionType.Parameter;
}
