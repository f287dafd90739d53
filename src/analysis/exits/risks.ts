/**
 * The structural risk scan: the first place, in evaluation order, where control can leave a list of statements
 * without running the release (a call that can throw, `await`, `return`, `break`, …). Used by the structural engine
 * (`guarantee.ts`) and, for "can this call throw", by the forward solver (`flow.ts`).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../../resources/match.js';
import { timerAt } from '../../resources/recognize.js';
import {
  calleeName,
  contains,
  isFunction,
  isLoopStatement,
  methodCalledOn,
  namedImportsOf,
  skipWrappers,
} from '../../util/ast.js';
import { someNode } from '../../util/someNode.js';
import type { VisitorKeys } from '../../util/walk.js';
import type { ReleaseSite } from '../lifetime.js';
import { bindingOrProcessId, presenceFacts } from './guards.js';

/** Something between an acquisition and its release that can leave without releasing. */
export interface Risk {
  readonly node: TSESTree.Node;
  readonly kind: 'await' | 'break' | 'call' | 'continue' | 'return' | 'tag' | 'throw' | 'yield';
  /** The callee, for `call` risks (`db.query`), or the tag of a tagged template. */
  readonly callee: string | null;
}

/**
 * THE list of built-ins that do not throw in practice, for every analysis (the structural scan here and the flow
 * solver's `canThrowAt`): global functions, `object.method` pairs (`*` for every method of a namespace object),
 * global constructors, and the methods of a local `Set`, `Map` or array that neither call back nor throw.
 */
const SAFE_FUNCTIONS = new Set([
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'Boolean',
  'isNaN',
  'isFinite',
  'parseInt',
  'parseFloat',
]);
/** A MongoDB cursor's own steps besides `next()`: `hasNext()` and `tryNext()`. */
const CURSOR_STEPS = new Set(['hasNext', 'tryNext']);
/** The global timer starts: given a function, they do not throw. */
const TIMER_STARTS = new Set(['setTimeout', 'setInterval', 'setImmediate']);
const SAFE_MEMBERS = new Set([
  'Array.isArray',
  'Date.now',
  'Math.*',
  'Number.isFinite',
  'Number.isInteger',
  'Number.isNaN',
  'Number.parseFloat',
  'Number.parseInt',
  'Object.is',
  'path.basename',
  'path.dirname',
  'path.extname',
  'path.isAbsolute',
  'path.join',
  'path.normalize',
  'path.relative',
  'path.resolve',
  'performance.now',
  'readline.createInterface',
  'console.debug',
  'console.error',
  'console.info',
  'console.log',
  'console.trace',
  'console.warn',
]);
const SAFE_CONSTRUCTORS = new Set([
  'AbortController',
  'Date',
  'Error',
  'Map',
  'Set',
  'TypeError',
  'WeakMap',
  'WeakSet',
]);
/** Methods of a `Set`, `Map` or array that take no callback and cannot throw. */
const SAFE_COLLECTION_METHODS = new Set([
  'add',
  'clear',
  'delete',
  'get',
  'has',
  'includes',
  'indexOf',
  'pop',
  'push',
  'set',
  'shift',
  'unshift',
]);
const COLLECTION_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);

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
  'removeAllListeners',
  'unref',
  'done',
]);

/**
 * A call of a built-in that cannot throw in practice: `console.log()`, `clearTimeout()`, `Date.now()`,
 * `path.join()`, `new Map()`, and `seen.add(x)` on a local `const seen = new Set()`.
 */
export function isNonThrowingCall(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = skipWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (node.type === AST_NODE_TYPES.NewExpression) return SAFE_CONSTRUCTORS.has(callee.name);
    if (SAFE_FUNCTIONS.has(callee.name)) return true;
    // `setInterval(() => …, ms)`: a timer start throws only for a callback that is not a function.
    const first = node.arguments[0];
    if (TIMER_STARTS.has(callee.name) && first !== undefined && isFunction(first)) return true;
    // `import { join, resolve } from 'node:path'`, `const { join } = require('path')`: the namespace's functions.
    const imported = safeModuleImportsOf(callee).get(callee.name);
    return typeof imported === 'string' && SAFE_IMPORTED.has(imported);
  }
  if (node.type === AST_NODE_TYPES.CallExpression && isLoggingCall(callee)) return true;
  if (
    node.type === AST_NODE_TYPES.NewExpression ||
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.computed ||
    callee.property.type !== AST_NODE_TYPES.Identifier ||
    callee.object.type !== AST_NODE_TYPES.Identifier
  )
    return false;
  const object = callee.object;
  const method = callee.property.name;
  if (SAFE_MEMBERS.has(`${object.name}.${method}`) || SAFE_MEMBERS.has(`${object.name}.*`)) return true;
  return SAFE_COLLECTION_METHODS.has(method) && isLocalCollection(object);
}

/** The modules whose functions {@link SAFE_MEMBERS} lists, by the namespace name it uses. */
const SAFE_MODULES: ReadonlyMap<string, string> = new Map([
  ['path', 'path'],
  ['node:path', 'path'],
  ['path/posix', 'path'],
  ['node:path/posix', 'path'],
  ['readline', 'readline'],
  ['node:readline', 'readline'],
]);
/** The safe functions of those modules by their exported name (`join`, `createInterface`). */
const SAFE_IMPORTED: ReadonlySet<string> = new Set(
  [...SAFE_MEMBERS]
    .filter((entry) => [...SAFE_MODULES.values()].some((namespace) => entry.startsWith(`${namespace}.`)))
    .map((entry) => entry.slice(entry.indexOf('.') + 1)),
);
const safeImports = new WeakMap<TSESTree.Program, ReadonlyMap<string, string | null>>();

/**
 * The module-level bindings of the file that name a function of one of {@link SAFE_MODULES} (local name -> exported
 * name), from `import { join as j } from 'path'` and `const { createInterface } = require('node:readline')`. Memoised
 * per file.
 */
function safeModuleImportsOf(node: TSESTree.Node): ReadonlyMap<string, string | null> {
  let program: TSESTree.Node = node;
  while (program.type !== AST_NODE_TYPES.Program) program = program.parent;
  let found = safeImports.get(program);
  if (!found) {
    found = namedImportsOf(program, (source) => SAFE_MODULES.has(source));
    safeImports.set(program, found);
  }
  return found;
}

/** A logger's level methods: they format and write, and a logger that throws would stop the program anyway. */
const LOG_METHODS: ReadonlySet<string> = new Set([
  'trace',
  'debug',
  'info',
  'warn',
  'warning',
  'error',
  'fatal',
  'log',
]);
/** Loggers by the name they are kept under: `log`, `logger`, `this.log`, `this._logger`. */
const LOGGER_NAME = /^_?(?:log|logger)$/i;

/** `log.info(…)`, `this.logger.error(…)`, `ctx.log.debug(…)`. */
function isLoggingCall(callee: TSESTree.Expression): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return false;
  if (callee.property.type !== AST_NODE_TYPES.Identifier || !LOG_METHODS.has(callee.property.name)) return false;
  const object = skipWrappers(callee.object);
  const name =
    object.type === AST_NODE_TYPES.Identifier
      ? object.name
      : object.type === AST_NODE_TYPES.MemberExpression &&
          !object.computed &&
          object.property.type !== AST_NODE_TYPES.PrivateIdentifier
        ? object.property.name
        : null;
  return name !== null && LOGGER_NAME.test(name);
}

/**
 * `seen` declared as `const seen = new Set()` (or `Map`, `WeakMap`, `WeakSet`) or `const list = []` in an enclosing
 * block or the module; any other declaration of the name on the way out (a parameter, a `let`) shadows it.
 */
function isLocalCollection(name: TSESTree.Identifier): boolean {
  for (let node: TSESTree.Node | undefined = name.parent; node; node = node.parent) {
    if (isFunction(node)) {
      if (node.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === name.name))
        return false;
      continue;
    }
    if (node.type !== AST_NODE_TYPES.BlockStatement && node.type !== AST_NODE_TYPES.Program) continue;
    for (const statement of node.body) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== name.name) continue;
        const init = declarator.init && skipWrappers(declarator.init);
        return (
          statement.kind === 'const' &&
          (init?.type === AST_NODE_TYPES.ArrayExpression ||
            (init?.type === AST_NODE_TYPES.NewExpression &&
              init.callee.type === AST_NODE_TYPES.Identifier &&
              COLLECTION_CONSTRUCTORS.has(init.callee.name)))
        );
      }
    }
  }
  return false;
}

/**
 * What counts as leaving: `all` (anything that can throw or jump), `exits` (inside a `try` with a `catch`: only
 * `return`/`break`/`continue`/`yield`, throws are caught), `jumps` (`exits` and explicit `throw`s, not calls).
 */
type Mode = 'all' | 'exits' | 'jumps';

interface ScanOptions {
  /** In a `finally`, other releases before ours are not counted as throwing. */
  readonly releaseLikeIsSafe?: boolean;
  /**
   * Count only what surely can leave: `await`, `for await`, `yield`, `throw`, `return`, `break`, `continue`; not a
   * call or a tagged template (a plain call before a hand-off is setup: `socket.setNoDelay()`, `conn.on('error', …)`).
   */
  readonly awaitsOnly?: boolean;
  /** An awaited call that is not counted (`await client.connect()`, which completes the acquisition). */
  readonly exempt?: (call: TSESTree.CallExpression) => boolean;
}

/**
 * The resource a scan is for. `name`: its binding, when it has one; a branch that runs only when the binding holds
 * nothing (`if (!client) return;`, `if (x === undefined) throw …`) leaks nothing. `calls`: which plain calls (and
 * tagged templates) that can throw count; an `await`, a `throw` and a jump always do. `all`; `naming`: only a call that
 * names the value (`fs.writeSync(fd, data)`, `db.exec(sql)`, `parse(conn.read())`), since other plain calls between an
 * acquisition and its release (`log.debug()`, `cache.get(key)`, a getter) were almost never what made a real leak on
 * the repository sweeps; `none`: no plain call (release evidence, whose values come from unknown APIs that fail
 * asynchronously where they fail).
 */
export interface ScanSubject {
  readonly name: string | null;
  readonly calls: 'all' | 'naming' | 'none';
  /** The value is a database cursor (`collection.find()`, `aggregate()`): its own `next()` failing closes it. */
  readonly cursor?: boolean;
}
const ANY_SUBJECT: ScanSubject = { name: null, calls: 'all' };

/** Finds the first place, in evaluation order, where control can leave a region without running the release. */
export class RiskScanner {
  private region: readonly TSESTree.Node[] = [];
  private options: ScanOptions = {};
  /** The first call risk of a `firstRisk` scan, named only when no other risk follows. */
  private deferred: Risk | null = null;

  /** @param subject The resource the scan is for (see {@link ScanSubject}); none: every risk counts. */
  constructor(
    private readonly model: ResourceModel,
    private readonly releaseCalls: ReadonlySet<TSESTree.CallExpression>,
    private readonly subject: ScanSubject = ANY_SUBJECT,
  ) {}

  /**
   * The first risk in `statements`, or null. A call that may throw is named only when nothing after it in the region
   * leaves more surely: an `await` (usually the call that really fails), a `return`, a `throw`; so the message names
   * the `await client.query()`, not a `cache.get()` before it.
   */
  firstRisk(statements: readonly TSESTree.Node[], options: ScanOptions = {}): Risk | null {
    this.region = statements;
    this.options = options;
    this.deferred = null;
    const risk = this.list(statements, 'all');
    const deferred = this.deferred;
    this.deferred = null;
    return risk ?? deferred;
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
      case AST_NODE_TYPES.IfStatement: {
        // A branch that runs only when the binding holds nothing (or a process without a `pid`, which never started)
        // has nothing to leak.
        const facts =
          this.subject.name === null ? null : presenceFacts(node.test, bindingOrProcessId(this.subject.name));
        return (
          this.node(node.test, mode) ??
          (facts?.whenTrue === 'absent' ? null : this.branch(node.consequent, mode)) ??
          (node.alternate && facts?.whenFalse !== 'absent' ? this.branch(node.alternate, mode) : null)
        );
      }
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
      case AST_NODE_TYPES.AwaitExpression: {
        const argument = skipWrappers(node.argument);
        const exempt = argument.type === AST_NODE_TYPES.CallExpression && this.options.exempt?.(argument) === true;
        if (
          mode === 'all' &&
          !exempt &&
          !this.stepsSubject(argument) &&
          !this.isSafeCall(argument) &&
          mayReject(argument, this.model.sourceCode.visitorKeys) &&
          !this.isUnabortablePromiseTimer(argument)
        )
          return this.risk(node, 'await');
        return this.children(node, mode);
      }
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await && mode === 'all' && !this.isSubject(node.right)) return this.risk(node, 'await');
        return this.children(node, mode);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (mode === 'all' && this.options.awaitsOnly !== true && !this.isSafeCall(node) && this.namesSubject(node))
          this.deferred ??= this.risk(node, 'call');
        return this.children(node, mode);
      case AST_NODE_TYPES.TaggedTemplateExpression:
        if (mode === 'all' && this.options.awaitsOnly !== true && this.namesSubject(node))
          this.deferred ??= this.risk(node, 'tag');
        return this.children(node, mode);
      default:
        return this.children(node, mode);
    }
  }

  /** Is `node` the subject's own binding (`cursor` in `for await (const doc of cursor)`)? */
  private isSubject(node: TSESTree.Node): boolean {
    const expression = skipWrappers(node as TSESTree.Expression);
    return (
      this.subject.name !== null &&
      expression.type === AST_NODE_TYPES.Identifier &&
      expression.name === this.subject.name
    );
  }

  /**
   * `cursor.hasNext()`, `cursor.tryNext()`, and `cursor.next()` of a cursor ({@link ScanSubject.cursor}): a step of
   * the subject's own iteration. When a step fails the MongoDB driver has closed the cursor, so the rejection leaks
   * nothing. Any other value's `next()` (a hand-written pager) does not close itself.
   */
  private stepsSubject(operand: TSESTree.Expression): boolean {
    const { name, cursor } = this.subject;
    if (name === null || operand.type !== AST_NODE_TYPES.CallExpression) return false;
    const step = methodCalledOn(operand, name);
    return step !== null && (CURSOR_STEPS.has(step) || (step === 'next' && cursor === true));
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
    if (node.type === AST_NODE_TYPES.NewExpression) return isNonThrowingCall(node);
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    if (this.releaseCalls.has(node) || isNonThrowingCall(node)) return true;
    // `page.close().catch(() => {})`: the release with its rejection handled is the release.
    const callee = skipWrappers(node.callee);
    if (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      !callee.computed &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      callee.property.name === 'catch'
    ) {
      const promise = skipWrappers(callee.object);
      if (promise.type === AST_NODE_TYPES.CallExpression && this.releaseCalls.has(promise)) return true;
    }
    if (this.options.releaseLikeIsSafe) {
      const name = calleeName(node);
      return name !== null && (RELEASE_LIKE.has(name) || /^(?:release|unlock|dispose|cleanup)/i.test(name));
    }
    return false;
  }

  /**
   * `await setTimeout(100)` (or `delay(100)`) of `timers/promises` with no options that could hold a signal: it
   * resolves, it never rejects.
   */
  private isUnabortablePromiseTimer(operand: TSESTree.Expression): boolean {
    if (operand.type !== AST_NODE_TYPES.CallExpression || operand.arguments.length > 2) return false;
    return timerAt(this.model, operand)?.promises === true;
  }

  /** Does a plain call at `node` count under the scanner's `subject` policy? */
  private namesSubject(node: TSESTree.Node): boolean {
    const { name: subject, calls } = this.subject;
    if (calls !== 'naming' || subject === null) return calls !== 'none';
    const text = this.model.sourceCode.getText(node);
    for (let at = text.indexOf(subject); at !== -1; at = text.indexOf(subject, at + 1)) {
      if (!isWordChar(text[at - 1]) && !isWordChar(text[at + subject.length])) return true;
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

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\w$]/.test(char);
}

/**
 * Can the awaited `operand` reject? Not a promise whose rejection is handled right there by a handler that does not
 * rethrow (`p.catch(() => null)`, `p.catch(noop)`; not `p.then(onDone, onError)`, whose `onDone` may throw), nor
 * `new Promise((resolve) => …)` whose executor takes no `reject` (it rejects only if the executor itself throws, which
 * the scan of its call sees, not this `await`).
 */
function mayReject(operand: TSESTree.Expression, keys: VisitorKeys): boolean {
  if (operand.type === AST_NODE_TYPES.NewExpression) {
    const [executor] = operand.arguments;
    return !(
      operand.callee.type === AST_NODE_TYPES.Identifier &&
      operand.callee.name === 'Promise' &&
      executor !== undefined &&
      isFunction(executor) &&
      executor.params.length < 2
    );
  }
  if (operand.type !== AST_NODE_TYPES.CallExpression) return true;
  const callee = skipWrappers(operand.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return true;
  const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : null;
  const [handler] = operand.arguments;
  return method !== 'catch' || handler === undefined || !swallows(handler, keys);
}

/**
 * A rejection handler that does not rethrow: a function with no `throw` of its own, or a named one (`noop`,
 * `console.error`), taken at its word.
 */
function swallows(handler: TSESTree.CallExpressionArgument, keys: VisitorKeys): boolean {
  if (!isFunction(handler))
    return handler.type === AST_NODE_TYPES.Identifier || handler.type === AST_NODE_TYPES.MemberExpression;
  return !someNode(keys, handler.body, (node) =>
    isFunction(node) ? false : node.type === AST_NODE_TYPES.ThrowStatement || undefined,
  );
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
