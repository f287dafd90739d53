/**
 * The structural risk scan: the first place, in evaluation order, where control can leave a list of statements
 * without running the release (a call that can throw, `await`, `return`, `break`, …). Used by the structural engine
 * (`guarantee.ts`) and, for "can this call throw", by the forward solver (`flow.ts`).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../../resources/match.js';
import { calleeName, contains, isFunction, isLoopStatement, skipWrappers } from '../../util/ast.js';
import type { ReleaseSite } from '../lifetime.js';

/** Something between an acquisition and its release that can leave without releasing. */
export interface Risk {
  readonly node: TSESTree.Node;
  readonly kind: 'await' | 'break' | 'call' | 'continue' | 'return' | 'tag' | 'throw' | 'yield';
  /** The callee, for `call` risks (`db.query`), or the tag of a tagged template. */
  readonly callee: string | null;
}

/** Global calls that cannot throw in practice. */
const SAFE_FUNCTIONS = new Set(['clearTimeout', 'clearInterval', 'clearImmediate', 'Boolean', 'isNaN', 'isFinite']);
const SAFE_MEMBERS = new Set([
  'Array.isArray',
  'Date.now',
  'Number.isFinite',
  'Number.isInteger',
  'Number.isNaN',
  'Object.is',
  'performance.now',
  'console.debug',
  'console.error',
  'console.info',
  'console.log',
  'console.trace',
  'console.warn',
]);
/** Calls that release something; in a `finally` they are not counted as throwing before our release. */
const RELEASE_LIKE = new Set([
  'release',
  'close',
  'closeSync',
  'end',
  'destroy',
  'unlock',
  'unlockSync',
  'dispose',
  '@@dispose',
  '@@asyncDispose',
  'terminate',
  'disconnect',
  'quit',
  'abort',
  'removeListener',
  'removeEventListener',
  'off',
  'unref',
  'done',
]);

/** A call of a global that cannot throw in practice: `console.log()`, `clearTimeout()`, `Date.now()`. */
export function isNonThrowingCall(node: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return SAFE_FUNCTIONS.has(callee.name);
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    !callee.computed &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    SAFE_MEMBERS.has(`${callee.object.name}.${callee.property.name}`)
  );
}

/**
 * What counts as leaving: `all` (anything that can throw or jump), `exits` (inside a `try` with a `catch`: only
 * `return`/`break`/`continue`/`yield`, throws are caught), `jumps` (`exits` and explicit `throw`s, not calls).
 */
type Mode = 'all' | 'exits' | 'jumps';

interface ScanOptions {
  /** In a `finally`, other releases before ours are not counted as throwing. */
  readonly releaseLikeIsSafe?: boolean;
}

/** Finds the first place, in evaluation order, where control can leave a region without running the release. */
export class RiskScanner {
  private region: readonly TSESTree.Node[] = [];
  private options: ScanOptions = {};

  constructor(
    private readonly model: ResourceModel,
    private readonly releaseCalls: ReadonlySet<TSESTree.CallExpression>,
  ) {}

  firstRisk(statements: readonly TSESTree.Node[], options: ScanOptions = {}): Risk | null {
    this.region = statements;
    this.options = options;
    return this.list(statements, 'all');
  }

  firstExit(statements: readonly TSESTree.Node[]): Risk | null {
    this.region = statements;
    this.options = {};
    return this.list(statements, 'exits');
  }

  /** The release site when `statement` is just a release: `client.release();`, `await fh.close();`. */
  releaseStatementSite(statement: TSESTree.Node, releases: readonly ReleaseSite[]): ReleaseSite | null {
    const call = this.releaseCallOf(statement);
    return call ? (releases.find((site) => site.call === call) ?? null) : null;
  }

  private releaseCallOf(statement: TSESTree.Node): TSESTree.CallExpression | null {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
    let expression: TSESTree.Expression = skipWrappers(statement.expression);
    while (
      expression.type === AST_NODE_TYPES.AwaitExpression ||
      (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void')
    ) {
      expression = skipWrappers(expression.argument);
    }
    return expression.type === AST_NODE_TYPES.CallExpression && this.releaseCalls.has(expression) ? expression : null;
  }

  /** The first explicit `throw`, `return`, `break`, `continue` or `yield` (calls are not counted). */
  firstJump(statements: readonly TSESTree.Node[]): Risk | null {
    this.region = statements;
    this.options = {};
    return this.list(statements, 'jumps');
  }

  private list(statements: readonly TSESTree.Node[], mode: Mode): Risk | null {
    for (const statement of statements) {
      if (this.releaseCallOf(statement)) return null;
      const risk = this.node(statement, mode);
      if (risk) return risk;
    }
    return null;
  }

  private node(node: TSESTree.Node, mode: Mode): Risk | null {
    switch (node.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.TSInterfaceDeclaration:
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
      case AST_NODE_TYPES.TSDeclareFunction:
        return null;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
        return this.list(node.body, mode);
      case AST_NODE_TYPES.SwitchCase:
        return (node.test && this.node(node.test, mode)) ?? this.list(node.consequent, mode);
      case AST_NODE_TYPES.IfStatement:
        return (
          this.node(node.test, mode) ??
          this.branch(node.consequent, mode) ??
          (node.alternate ? this.branch(node.alternate, mode) : null)
        );
      case AST_NODE_TYPES.TryStatement: {
        const blockRisk = this.node(node.block, node.handler ? 'exits' : mode);
        return (
          blockRisk ??
          (node.handler ? this.node(node.handler.body, mode) : null) ??
          (node.finalizer ? this.node(node.finalizer, mode) : null)
        );
      }
      case AST_NODE_TYPES.ReturnStatement:
        return this.risk(node, 'return');
      case AST_NODE_TYPES.ThrowStatement:
        return mode === 'exits' ? null : this.risk(node, 'throw');
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ContinueStatement:
        return this.leavesRegion(node)
          ? this.risk(node, node.type === AST_NODE_TYPES.BreakStatement ? 'break' : 'continue')
          : null;
      case AST_NODE_TYPES.YieldExpression:
        return this.risk(node, 'yield');
      case AST_NODE_TYPES.AwaitExpression:
        if (mode === 'all' && !this.isSafeCall(skipWrappers(node.argument))) return this.risk(node, 'await');
        return this.children(node, mode);
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await && mode === 'all') return this.risk(node, 'await');
        return this.children(node, mode);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (mode === 'all' && !this.isSafeCall(node)) return this.risk(node, 'call');
        return this.children(node, mode);
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return mode === 'all' ? this.risk(node, 'tag') : this.children(node, mode);
      default:
        return this.children(node, mode);
    }
  }

  private branch(statement: TSESTree.Node, mode: Mode): Risk | null {
    return this.list([statement], mode);
  }

  private children(node: TSESTree.Node, mode: Mode): Risk | null {
    const keys = this.model.sourceCode.visitorKeys[node.type] ?? [];
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (typeof item !== 'object' || item === null || typeof (item as { type?: unknown }).type !== 'string')
          continue;
        const risk = this.node(item as TSESTree.Node, mode);
        if (risk) return risk;
      }
    }
    return null;
  }

  private isSafeCall(node: TSESTree.Node): boolean {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    if (this.releaseCalls.has(node) || isNonThrowingCall(node)) return true;
    if (this.options.releaseLikeIsSafe) {
      const name = calleeName(node);
      return name !== null && (RELEASE_LIKE.has(name) || /^(?:release|unlock|dispose|cleanup)/i.test(name));
    }
    return false;
  }

  private leavesRegion(node: TSESTree.BreakStatement | TSESTree.ContinueStatement): boolean {
    const target = jumpTarget(node);
    return !target || !this.region.some((root) => contains(root, target));
  }

  private risk(node: TSESTree.Node, kind: Risk['kind']): Risk {
    let callee: string | null = null;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const text = this.model.keyOf(node.callee);
      callee = text.length <= 40 ? text : (calleeName(node) ?? 'a function');
      if (node.type === AST_NODE_TYPES.NewExpression) callee = `new ${callee}`;
    } else if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const text = this.model.keyOf(node.tag);
      callee = text.length <= 40 ? text : 'a tag';
    }
    return { node, kind, callee };
  }
}

/** The statement a `break`/`continue` jumps out of. */
function jumpTarget(node: TSESTree.BreakStatement | TSESTree.ContinueStatement): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current)) return null;
    if (node.label) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === node.label.name) return current;
      continue;
    }
    if (isLoopStatement(current)) return current;
    if (current.type === AST_NODE_TYPES.SwitchStatement && node.type === AST_NODE_TYPES.BreakStatement) return current;
  }
  return null;
}
