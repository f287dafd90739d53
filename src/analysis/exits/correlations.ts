/**
 * Conditions the forward solver cannot correlate, and the findings they explain away. The solver joins the branches
 * of every `if`, so two tests of one flag look like independent choices and give paths that never run.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../../resources/match.js';
import { contains, enclosingFunction, isFunction, skipWrappers, type FunctionNode } from '../../util/ast.js';
import { walk } from '../../util/walk.js';

type Variable = TSESLint.Scope.Variable;

/**
 * Conditions the paths cannot correlate. The data flow joins the branches of every `if`, so two tests of one flag
 * (`if (skip) return; … if (skip) client.release()`, or `released = true; … if (!released) client.release()`) look
 * like independent choices and give paths that never run. A finding is dropped when its node, or every release that
 * reaches it, runs under a test of:
 * - a variable that another condition of the function also tests, or that the function writes after declaring it;
 * - a property of the resource itself (`if (!client.closed)`).
 */
export class Correlations {
  private counts: Map<Variable, number> | null = null;

  constructor(
    private readonly model: ResourceModel,
    private readonly owner: FunctionNode,
    private readonly subject: Variable | null,
  ) {}

  /** `node` runs only under a test of a correlated variable. */
  governs(node: TSESTree.Node): boolean {
    for (
      let child: TSESTree.Node = node, parent = node.parent;
      parent && parent !== this.owner;
      child = parent, parent = parent.parent
    ) {
      const test = branchTest(parent, child);
      if (test && this.variablesIn(test).some((variable) => this.isCorrelated(variable))) return true;
      if (test && this.testsSubjectProperty(test)) return true;
    }
    return false;
  }

  private isCorrelated(variable: Variable): boolean {
    if (variable === this.subject) return false;
    if (
      variable.references.some(
        (reference) =>
          reference.isWrite() && reference.init !== true && enclosingFunction(reference.identifier) === this.owner,
      )
    ) {
      return true;
    }
    return (this.testCounts().get(variable) ?? 0) > 1;
  }

  /** How many branch tests of the owner mention each variable (each test counts once). */
  private testCounts(): Map<Variable, number> {
    if (!this.counts) {
      const counts = new Map<Variable, number>();
      // A condition nested in a test (`if (a && b)`) belongs to that test: it is counted once.
      let counted: TSESTree.Node | null = null;
      walk(this.model.sourceCode.visitorKeys, this.owner.body, (node) => {
        if (isFunction(node)) return false;
        const test = counted && contains(counted, node) ? null : conditionOf(node);
        if (test) {
          counted = test;
          for (const variable of new Set(this.variablesIn(test))) counts.set(variable, (counts.get(variable) ?? 0) + 1);
        }
        return true;
      });
      this.counts = counts;
    }
    return this.counts;
  }

  private variablesIn(test: TSESTree.Node): Variable[] {
    const variables: Variable[] = [];
    walk(this.model.sourceCode.visitorKeys, test, (node) => {
      if (isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.Identifier && !isPropertyName(node)) {
        const variable = ASTUtils.findVariable(this.model.sourceCode.getScope(node), node);
        if (variable && variable.defs.length > 0) variables.push(variable);
      }
      return true;
    });
    return variables;
  }

  private testsSubjectProperty(test: TSESTree.Node): boolean {
    const subject = this.subject;
    if (!subject) return false;
    let found = false;
    walk(this.model.sourceCode.visitorKeys, test, (node) => {
      if (found || isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const object = skipWrappers(node.object);
        found =
          object.type === AST_NODE_TYPES.Identifier &&
          subject.references.some((reference) => reference.identifier === object);
      }
      return !found;
    });
    return found;
  }
}

/** The test that decides whether `child` of `parent` runs, if `parent` is a branch. */
function branchTest(parent: TSESTree.Node, child: TSESTree.Node): TSESTree.Node | null {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child ? null : parent.test;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.right === child ? parent.left : null;
    case AST_NODE_TYPES.SwitchCase:
      return parent.parent.discriminant;
    default:
      return null;
  }
}

/** The condition a node tests: `if`/`?:`/loops/`switch`, or the left side of `&&`/`||`/`??`. */
function conditionOf(node: TSESTree.Node): TSESTree.Node | null {
  switch (node.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return node.test;
    case AST_NODE_TYPES.ForStatement:
      return node.test;
    case AST_NODE_TYPES.LogicalExpression:
      return node.left;
    case AST_NODE_TYPES.SwitchStatement:
      return node.discriminant;
    default:
      return null;
  }
}

/** `b` in `a.b` or `{ b: 1 }`: a name, not a reference. */
function isPropertyName(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  return (
    (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) ||
    (parent.type === AST_NODE_TYPES.Property && parent.key === node && !parent.computed && parent.value !== node)
  );
}
