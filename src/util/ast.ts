import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** Nodes that start a new run-time scope whose code does not run where it is written. */
export function isFunctionBoundary(node: TSESTree.Node): boolean {
  return (
    isFunction(node) ||
    node.type === AST_NODE_TYPES.StaticBlock ||
    node.type === AST_NODE_TYPES.PropertyDefinition ||
    node.type === AST_NODE_TYPES.AccessorProperty
  );
}

/** The innermost function around `node`, or `null` at module or class-body level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
    if (isFunctionBoundary(current)) return null;
  }
  return null;
}

/** Expressions that only change the static type, or wrap an optional chain, and evaluate to their operand. */
export function isTransparentWrapper(
  node: TSESTree.Node,
): node is
  | TSESTree.ChainExpression
  | TSESTree.TSAsExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion {
  return (
    node.type === AST_NODE_TYPES.ChainExpression ||
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion
  );
}

/** Strips `as`, `!`, `satisfies`, `<T>x` and optional-chain wrappers. */
export function skipWrappers(node: TSESTree.Expression): TSESTree.Expression {
  let current = node;
  while (isTransparentWrapper(current)) current = current.expression;
  return current;
}

/** The first ancestor of `node` that is not a transparent wrapper, and the child on the way to it. */
export function parentThroughWrappers(node: TSESTree.Node): {
  child: TSESTree.Node;
  parent: TSESTree.Node | undefined;
} {
  let child = node;
  let parent = node.parent;
  while (parent && isTransparentWrapper(parent)) {
    child = parent;
    parent = parent.parent;
  }
  return { child, parent };
}

/** The static name of a member's property: `a.b` and `a['b']` give `b`. */
export function propertyName(node: TSESTree.MemberExpression): string | null {
  if (!node.computed) {
    return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : null;
  }
  if (node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') {
    return node.property.value;
  }
  if (node.property.type === AST_NODE_TYPES.TemplateLiteral && node.property.expressions.length === 0) {
    return node.property.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** `Symbol.dispose` / `Symbol.asyncDispose` as a computed key gives `@@dispose` / `@@asyncDispose`. */
export function wellKnownSymbolKey(node: TSESTree.MemberExpression): string | null {
  if (!node.computed || node.property.type !== AST_NODE_TYPES.MemberExpression) return null;
  const key = node.property;
  if (key.object.type !== AST_NODE_TYPES.Identifier || key.object.name !== 'Symbol') return null;
  const name = propertyName(key);
  return name === 'dispose' || name === 'asyncDispose' ? `@@${name}` : null;
}

/** The name a call is known by: `f()` → `f`, `a.b.f()` → `f`, `a[Symbol.dispose]()` → `@@dispose`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = skipWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return wellKnownSymbolKey(callee) ?? propertyName(callee);
  return null;
}

/** `name.method(…)`: the method's name when the call's receiver is the binding `name` (`client.end()`), else null. */
export function methodCalledOn(call: TSESTree.CallExpression, name: string): string | null {
  const callee = skipWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const object = skipWrappers(callee.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === name ? propertyName(callee) : null;
}

/** The last plain name of an expression: `this.db.pool` → `pool`, `getPool()` → null. */
export function lastName(node: TSESTree.Node): string | null {
  const expression = isTransparentWrapper(node) ? skipWrappers(node) : node;
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    if (expression.property.type === AST_NODE_TYPES.PrivateIdentifier) return expression.property.name;
    return propertyName(expression);
  }
  return null;
}

/** The statement list that `statement` stands in, or null when it is the single body of an `if`, loop, label. */
export function statementList(statement: TSESTree.Node): readonly TSESTree.Node[] | null {
  const parent = statement.parent;
  if (!parent) return null;
  switch (parent.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.StaticBlock:
      return parent.body;
    case AST_NODE_TYPES.SwitchCase:
      return parent.consequent;
    default:
      return null;
  }
}

/**
 * Binary operators whose result says something about an operand without being it (comparisons, `in`,
 * `instanceof`): `client === null` tests the value, it neither uses nor hands it on.
 */
export const comparisonOperators: ReadonlySet<string> = new Set([
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'instanceof',
]);

/** True when `inner` is `outer` or lies inside it. */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The module-level names bound to exports of the modules `accepts` takes, local name -> exported name (null when the
 * key is computed): `import { join as j } from 'path'`, `const { setTimeout: sleep } = require('timers/promises')`.
 */
export function namedImportsOf(
  program: TSESTree.Program,
  accepts: (source: string) => boolean,
): Map<string, string | null> {
  const names = new Map<string, string | null>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && accepts(statement.source.value)) {
      for (const specifier of statement.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) continue;
        const { imported } = specifier;
        names.set(specifier.local.name, imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value);
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !declarator.init) continue;
        const source = requireSource(skipWrappers(declarator.init));
        if (source === null || !accepts(source)) continue;
        for (const property of declarator.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier) continue;
          const key = property.key;
          names.set(
            property.value.name,
            !property.computed && key.type === AST_NODE_TYPES.Identifier ? key.name : null,
          );
        }
      }
    }
  }
  return names;
}

/** The string a `require('x')` call asks for, else null. */
export function requireSource(node: TSESTree.Node): string | null {
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  return null;
}

/** `a`, `this`, `a.b.c`, `this.#x`, `a['k']`: re-evaluating it has no effect and gives the same object. */
export function isStableReference(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return (!node.computed || node.property.type === AST_NODE_TYPES.Literal) && isStableReference(node.object);
    default:
      return isTransparentWrapper(node) && isStableReference(node.expression);
  }
}

/** Is `node` outside every function and class body (it runs once, when the module loads)? */
export function isModuleLevel(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) || current.type === AST_NODE_TYPES.ClassBody) return false;
  }
  return true;
}

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

/** Any loop statement: `while`, `do … while`, `for`, `for … in`, `for … of`. */
export function isLoopStatement(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return true;
    default:
      return false;
  }
}

/** `new Promise((resolve, reject) => …)`: `fn` is the executor, which runs once, within the call that makes the promise. */
export function isPromiseExecutor(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return (
    parent.type === AST_NODE_TYPES.NewExpression &&
    parent.arguments[0] === fn &&
    parent.callee.type === AST_NODE_TYPES.Identifier &&
    parent.callee.name === 'Promise'
  );
}
