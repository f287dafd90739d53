/**
 * Exports: which functions and values leave the module, so that code this file cannot see may call or use them.
 * ES module exports (`export function f`, `export { f }`, `export default`), CommonJS (`module.exports = …`,
 * `exports.f = …`, with `module` and `exports` not declared in the file) and TypeScript's `export =`.
 *
 * Syntactic and per file; read by `analysis/concurrency.ts` and `analysis/shared.ts`.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { isGlobal } from '../resources/scope.js';
import type { ResourceModel } from '../resources/match.js';
import { parentThroughWrappers, propertyName, skipWrappers, type FunctionNode } from '../util/ast.js';
import { keyName } from '../util/keys.js';

/** `the exported function \`f\``, `the method \`m\` of the exported class \`A\``, or null when `fn` stays inside. */
export function exportedDescription(model: ResourceModel, fn: FunctionNode): string | null {
  const { child, parent } = parentThroughWrappers(fn);
  const ownName = fn.id?.name ?? null;
  if (!parent) return null;
  switch (parent.type) {
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.TSExportAssignment:
      return exportedFunction(ownName);
    case AST_NODE_TYPES.VariableDeclarator:
      if (parent.init === child && parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) {
        return exportedFunction(parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : null);
      }
      break;
    case AST_NODE_TYPES.AssignmentExpression:
      if (parent.right === child && isCommonJsExport(model, parent.left)) {
        const left = skipWrappers(parent.left);
        const key = left.type === AST_NODE_TYPES.MemberExpression ? propertyName(left) : null;
        return exportedFunction(key === 'exports' ? ownName : key);
      }
      break;
    case AST_NODE_TYPES.Property:
      if (parent.value === child && isExportedObject(model, parent.parent)) return exportedFunction(keyName(parent));
      break;
    case AST_NODE_TYPES.MethodDefinition:
      return parent.value === child ? exportedMethod(model, parent) : null;
    default:
      break;
  }
  const binding = functionBinding(model.sourceCode, fn);
  if (binding?.references.some((reference) => isExportReference(model, reference.identifier))) {
    return exportedFunction(binding.name);
  }
  return null;
}

/** A reference that exports the value it names: `export { f }`, `export default f`, `module.exports = { f }`. */
export function isExportReference(model: ResourceModel, identifier: TSESTree.Node): boolean {
  const { child, parent } = parentThroughWrappers(identifier);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ExportSpecifier:
      return parent.local === child;
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.TSExportAssignment:
      return true;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child && isCommonJsExport(model, parent.left);
    case AST_NODE_TYPES.Property:
      return parent.value === child && isExportedObject(model, parent.parent);
    default:
      return false;
  }
}

/** `module.exports`, `module.exports.x`, `exports.x` (with `module` and `exports` not declared in the file). */
export function isCommonJsExport(model: ResourceModel, node: TSESTree.Expression): boolean {
  const target = skipWrappers(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipWrappers(target.object);
  if (object.type === AST_NODE_TYPES.Identifier) {
    if (object.name === 'exports') return isGlobal(object, model);
    return object.name === 'module' && propertyName(target) === 'exports' && isGlobal(object, model);
  }
  return (
    object.type === AST_NODE_TYPES.MemberExpression &&
    isCommonJsExport(model, object) &&
    propertyName(object) === 'exports'
  );
}

/** The variable a function is known by: `function f() {}`, `const f = () => {}`. */
export function functionBinding(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
): TSESLint.Scope.Variable | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    const name = fn.id?.name;
    if (name === undefined) return null;
    return sourceCode.getDeclaredVariables(fn).find((variable) => variable.name === name) ?? null;
  }
  const { child, parent } = parentThroughWrappers(fn);
  if (
    parent?.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === child &&
    parent.id.type === AST_NODE_TYPES.Identifier
  ) {
    const name = parent.id.name;
    return sourceCode.getDeclaredVariables(parent).find((variable) => variable.name === name) ?? null;
  }
  return null;
}

function exportedFunction(name: string | null): string {
  return name === null ? 'the exported function' : `the exported function \`${name}\``;
}

/** `the method \`m\` of the exported class \`A\``, or null when the class is not exported. */
function exportedMethod(model: ResourceModel, method: TSESTree.MethodDefinition): string | null {
  const classNode = method.parent.parent;
  if (!isExportedClass(model, classNode)) return null;
  const className = classNode.id?.name;
  const what = method.kind === 'constructor' ? 'the constructor' : `the method \`${keyName(method) ?? '?'}\``;
  return className === undefined ? `${what} of the exported class` : `${what} of the exported class \`${className}\``;
}

/** `module.exports = { … }`, `export default { … }`, `export const api = { … }`. */
function isExportedObject(model: ResourceModel, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const { child, parent } = parentThroughWrappers(node);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.TSExportAssignment:
      return true;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child && isCommonJsExport(model, parent.left);
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === child && parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration;
    default:
      return false;
  }
}

function isExportedClass(model: ResourceModel, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
  const { child, parent } = parentThroughWrappers(node);
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.ExportNamedDeclaration || parent.type === AST_NODE_TYPES.ExportDefaultDeclaration)
    return true;
  if (
    parent.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === child &&
    isCommonJsExport(model, parent.left)
  )
    return true;
  if (node.type !== AST_NODE_TYPES.ClassDeclaration) return false;
  return model.sourceCode
    .getDeclaredVariables(node)
    .some((variable) => variable.references.some((reference) => isExportReference(model, reference.identifier)));
}
