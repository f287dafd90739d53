import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { lifetimeOf, verdictFor } from '../analysis/cache.js';
import type { Lifetime } from '../analysis/lifetime.js';
import {
  canEnd,
  isHeadEndless,
  isLongRunningShape,
  isWorkerEntryFile,
  loopFactsOf,
  signalSourceOf,
  stopChecksOf,
  type FlagCheck,
  type LoopFacts,
  type LoopNode,
} from '../analysis/loops.js';
import { blockBodyOf, withTeardownHooks } from '../analysis/ownership.js';
import {
  classLifecycleOf,
  isInMethodCallback,
  methodContaining,
  runsAtTeardown,
  thisClassOf,
  type ClassLifecycle,
  type ClassMethod,
  type ClassNode,
} from '../analysis/teardown.js';
import { insertFirstStatement, insertLastStatement } from '../fix/statements.js';
import { releaseText } from '../fix/releaseText.js';
import { hidesDeclarations, indentOf, indentUnit, wrapInTryFinally } from '../fix/tryFinally.js';
import {
  isAppLifetimeFunction,
  isModuleLevel,
  memberName,
  referenceKey,
  teardownMethodNames,
} from '../resources/handles.js';
import { resourceModel, type Acquisition, type ResourceModel } from '../resources/match.js';
import { isWorkerConstruction } from '../resources/owned.js';
import {
  calleeName,
  contains,
  enclosingFunction,
  isFunction,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  statementList,
  type FunctionNode,
} from '../util/ast.js';
import { createRule } from '../util/createRule.js';
import { teardownMethodsOption } from '../util/schema.js';
import { walk } from '../util/walk.js';
import { describeResource } from './release-in-finally.js';

export type Options = [{ teardownMethods?: string[] }];
export type MessageId =
  | 'endlessLoop'
  | 'endlessIterator'
  | 'flagNeverSet'
  | 'noStopMethod'
  | 'stopMissesLoop'
  | 'workerNotKept'
  | 'heldWithoutFinally'
  | 'suggestAbortInTeardown'
  | 'suggestSetFlagInTeardown'
  | 'suggestStopMethod'
  | 'suggestWrapLoop';

export default createRule<Options, MessageId>({
  name: 'require-stop-signal',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require long-running loops, and the classes that start them or a `Worker`, to have a way to stop',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [{ type: 'object', additionalProperties: false, properties: { ...teardownMethodsOption } }],
    messages: {
      endlessLoop:
        'This `{{loop}}` loop awaits but nothing can stop it: no `break`, `return` or `throw` leaves it, and it checks no `AbortSignal` or stop flag. Check `signal.aborted` (or call `signal.throwIfAborted()`) in each iteration, or pass the signal to the calls it awaits.',
      flagNeverSet:
        'This loop runs until `{{flag}}` changes, but nothing ever sets `{{flag}}`, so it never stops. Set it from a stop method, or check an `AbortSignal` instead.',
      endlessIterator:
        'This `for await` loop over `{{iterable}}` never ends: the iterator is endless and nothing leaves the loop. Pass `{ signal }` to `{{iterable}}` and abort it to stop the loop.',
      noStopMethod:
        '`{{className}}` starts this loop in `{{method}}()` but has no stop method (such as `stop()`, `close()` or `[Symbol.asyncDispose]()`) that ends it, so it runs until the process exits. Add one that {{how}}.',
      stopMissesLoop:
        '`{{teardown}}()` does not end the loop that `{{method}}()` starts: nothing it runs {{how}}, so the loop keeps running after `{{className}}` is stopped. Make `{{teardown}}()` do it.',
      workerNotKept:
        '`{{className}}` starts a `Worker` in `{{method}}()` but keeps no reference to it, so no stop method can terminate it. Keep it in a field and call `terminate()` on it in a stop method.',
      heldWithoutFinally:
        'The {{resource}} is used by the loop on line {{line}}, but no `finally` around the loop releases it, so it leaks when the loop ends by a throw or an abort. Wrap the loop in `try`/`finally` and release it in `finally`.',
      suggestAbortInTeardown: 'Call `{{controller}}.abort()` in `{{teardown}}()`.',
      suggestSetFlagInTeardown: 'Set `{{flag}} = {{value}}` in `{{teardown}}()`.',
      suggestStopMethod: 'Add a `stop()` method that {{how}}.',
      suggestWrapLoop: 'Wrap the loop in `try`/`finally` and release the {{noun}} in `finally`.',
    },
    defaultOptions: [{ teardownMethods: [...teardownMethodNames] }],
  },
  create(context, [options]) {
    const model = resourceModel(context);
    const teardownMethods = withTeardownHooks(options.teardownMethods ?? teardownMethodNames);
    const checker = new StopChecker(context, model, teardownMethods);
    const onLoop = (loop: LoopNode): void => {
      if (isLongRunningShape(loop)) checker.checkLoop(loop);
    };
    return {
      WhileStatement: onLoop,
      DoWhileStatement: onLoop,
      ForStatement: onLoop,
      'ForOfStatement[await=true]': onLoop,
      NewExpression(node) {
        if (isWorkerConstruction(model, node)) checker.checkWorker(node);
      },
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

/** How a stop method ends a loop: abort this controller, or set this flag. */
type StopAction =
  { readonly type: 'abort'; readonly key: string } | { readonly type: 'flag'; readonly flag: FlagCheck };

class StopChecker {
  private readonly acquisitionsByFunction = new WeakMap<FunctionNode, Acquisition[]>();
  private readonly reportedHolds = new WeakSet<TSESTree.CallExpression>();

  constructor(
    private readonly context: Context,
    private readonly model: ResourceModel,
    private readonly teardownMethods: readonly string[],
  ) {}

  // -------------------------------------------------------------------------------------------------------------------
  // Loops

  checkLoop(loop: LoopNode): void {
    if (!this.isCheckedOwner(loop)) return;
    const facts = loopFactsOf(loop, this.model);
    if (!facts) return;
    if (!facts.body.awaits && facts.head.kind !== 'iterator') return;
    if (!canEnd(facts)) this.reportEndless(facts);
    else this.checkClassStops(facts);
    this.checkHeldResources(facts);
  }

  /**
   * Loops in async functions and generators, and at the top of a worker thread's entry file; not in app-lifetime code
   * (`main()`, a module-level IIFE, the top level) of other files: those run until the process exits.
   */
  private isCheckedOwner(loop: LoopNode): boolean {
    const fn = enclosingFunction(loop);
    const worker = (): boolean => isWorkerEntryFile(this.model);
    if (!fn) return isModuleLevel(loop) && worker();
    if (!fn.async && !fn.generator) return false;
    return !isAppLifetimeFunction(fn) || worker();
  }

  private reportEndless(facts: LoopFacts): void {
    const { head, loop } = facts;
    const loc = headLoc(this.context.sourceCode, loop);
    if (head.kind === 'iterator') {
      this.context.report({ loc, messageId: 'endlessIterator', data: { iterable: head.label } });
      return;
    }
    const never = head.kind === 'condition' ? head.flags.find((flag) => flag.setters === 'never') : undefined;
    if (never && isHeadEndless(head)) {
      this.context.report({ loc, messageId: 'flagNeverSet', data: { flag: never.key } });
      return;
    }
    this.context.report({
      loc,
      messageId: 'endlessLoop',
      data: { loop: loopLabel(loop as Exclude<LoopNode, TSESTree.ForOfStatement>) },
    });
  }

  /**
   * A loop in a class method that stops on the instance's own state (a flag it tests, a signal of a controller it
   * keeps) must be stopped by a teardown method: one sets the flag or aborts the controller. Loops that stop on
   * their caller's signal, on their data, or on a flag someone outside may set are the caller's business.
   */
  private checkClassStops(facts: LoopFacts): void {
    const owner = thisClassOf(facts.loop);
    if (!owner) return;
    const lifecycle = classLifecycleOf(owner.classNode, this.context.sourceCode, this.teardownMethods);
    const method = methodContaining(lifecycle, facts.loop);
    if (!method || method.isStatic || lifecycle.reached.has(method)) return;
    const { flags, signals } = stopChecksOf(facts);
    const actions: StopAction[] = [];
    for (const flag of flags) {
      // A flag a base class or other code may set, or a local one: someone else can stop the loop.
      if (!flag.thisMember || flag.setters === 'unknown') return;
      actions.push({ type: 'flag', flag });
    }
    for (const signal of signals) {
      const source = signalSourceOf(signal, this.model);
      if (source.kind !== 'controller') return;
      if (!actions.some((action) => action.type === 'abort' && action.key === source.key))
        actions.push({ type: 'abort', key: source.key });
    }
    if (actions.length === 0) return;
    if (actions.some((action) => this.runsAtStop(lifecycle, action))) return;
    const classNode = owner.classNode;
    // A subclass whose base class has the stop method, or whose stop method defers to the base class.
    if (
      classNode.superClass &&
      (lifecycle.teardowns.length === 0 ||
        lifecycle.teardowns.some((teardown) => callsSuper(this.context.sourceCode, teardown)))
    )
      return;
    // An abstract `stop(): void;` that subclasses implement: what it stops is theirs to say.
    if (lifecycle.teardowns.length === 0 && lifecycle.deferredTeardown) return;
    const className = classNode.id?.name ?? 'this class';
    const methodName = methodLabel(method);
    const loc = headLoc(this.context.sourceCode, facts.loop);
    const action =
      actions.find((candidate) => candidate.type === 'abort') ??
      actions.find((candidate) => candidate.type === 'flag' && candidate.flag.stopValue !== null) ??
      actions[0]!;
    const how = describeAction(action);
    const teardown = lifecycle.teardowns.find((candidate) => blockBodyOf(candidate) !== null) ?? null;
    if (lifecycle.teardowns.length === 0) {
      this.context.report({
        loc,
        messageId: 'noStopMethod',
        data: { className, method: methodName, how },
        suggest: this.stopMethodSuggestion(classNode, action),
      });
      return;
    }
    this.context.report({
      loc,
      messageId: 'stopMissesLoop',
      data: { teardown: methodLabel(lifecycle.teardowns[0]!), method: methodName, how, className },
      suggest: teardown ? this.teardownSuggestion(teardown, action) : null,
    });
  }

  /** Does the action happen when the instance is torn down (or in a callback, such as a `SIGTERM` handler)? */
  private runsAtStop(lifecycle: ClassLifecycle, action: StopAction): boolean {
    const stops = (node: TSESTree.Node): boolean =>
      runsAtTeardown(lifecycle, node) || isInMethodCallback(lifecycle, node);
    if (action.type === 'flag') return action.flag.sites.some(stops);
    let found = false;
    walk(this.context.sourceCode.visitorKeys, lifecycle.classNode.body, (node) => {
      if (found) return false;
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = skipWrappers(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== 'abort') return;
      if (referenceKey(skipWrappers(callee.object), this.model) === action.key && stops(node)) found = true;
      return undefined;
    });
    return found;
  }

  private actionText(action: StopAction): string | null {
    if (action.type === 'abort') return `${action.key}.abort();`;
    return action.flag.stopValue === null ? null : `${action.flag.key} = ${String(action.flag.stopValue)};`;
  }

  private teardownSuggestion(
    teardown: ClassMethod,
    action: StopAction,
  ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
    const text = this.actionText(action);
    if (text === null) return null;
    const body = blockBodyOf(teardown)!;
    const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix =>
      insertFirstStatement(this.context.sourceCode, fixer, body, text);
    const name = methodLabel(teardown);
    return action.type === 'abort'
      ? [{ messageId: 'suggestAbortInTeardown', data: { controller: action.key, teardown: name }, fix }]
      : [
          {
            messageId: 'suggestSetFlagInTeardown',
            data: { flag: action.flag.key, value: String(action.flag.stopValue), teardown: name },
            fix,
          },
        ];
  }

  /** `stop() { this.#controller.abort(); }` at the end of the class body, unless the class has a `stop` member already. */
  private stopMethodSuggestion(
    classNode: ClassNode,
    action: StopAction,
  ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
    const text = this.actionText(action);
    if (text === null) return null;
    const body = classNode.body;
    if (
      // Any member named `stop`: a method, a field, an accessor, an overload signature or an abstract declaration.
      body.body.some((member) => 'key' in member && memberName(member) === 'stop')
    ) {
      return null;
    }
    const sourceCode = this.context.sourceCode;
    // The class has a member: the method that runs the loop.
    const last = body.body.at(-1)!;
    const indent = indentOf(sourceCode, last);
    const unit = indentUnit(sourceCode, last);
    return [
      {
        messageId: 'suggestStopMethod',
        data: { how: describeAction(action) },
        fix: (fixer) => fixer.insertTextAfter(last, `\n\n${indent}stop() {\n${indent}${unit}${text}\n${indent}}`),
      },
    ];
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Resources held by a loop

  /**
   * A catalog resource acquired before the loop, in the same function, and used by the loop, must be released in a
   * `finally` around the loop. Acquisitions that `release-in-finally` reports (not released on every exit of their
   * function) are left to it: this covers the ones that rule sees as handed off because the loop passes them on.
   */
  private checkHeldResources(facts: LoopFacts): void {
    const fn = facts.owner;
    if (!fn) return;
    const { loop } = facts;
    for (const acquisition of this.acquisitionsIn(fn)) {
      if (acquisition.call.range[1] > loop.range[0] || this.reportedHolds.has(acquisition.call)) continue;
      const lifetime = lifetimeOf(this.model, acquisition);
      if ((lifetime.form !== 'declared' && lifetime.form !== 'assigned') || !lifetime.variable || lifetime.owner !== fn)
        continue;
      if (verdictFor(this.model, acquisition).kind !== 'safe') continue;
      // Handed off only by being passed to calls in loops (`await handle(client)` each iteration): still held here.
      const { escapes } = lifetime;
      if (
        !escapes.some((escape) => contains(loop, escape)) ||
        escapes.some((escape) => !isPassedToCall(escape) || !isInLoop(escape, fn))
      )
        continue;
      if (lifetime.releases.some((site) => site.nested || releasedInFinallyAround(site.call, loop, fn))) continue;
      this.reportedHolds.add(acquisition.call);
      this.context.report({
        node: acquisition.call,
        messageId: 'heldWithoutFinally',
        data: { resource: describeResource(lifetime), line: String(loop.loc.start.line) },
        suggest: this.wrapSuggestion(lifetime, loop, fn),
      });
    }
  }

  private acquisitionsIn(fn: FunctionNode): Acquisition[] {
    let found = this.acquisitionsByFunction.get(fn);
    if (!found) {
      const list: Acquisition[] = [];
      walk(this.context.sourceCode.visitorKeys, fn.body, (node) => {
        if (isFunction(node)) return false;
        if (node.type !== AST_NODE_TYPES.CallExpression || !this.model.isCandidateName(calleeName(node))) return;
        const acquisition = this.model.acquisitionOf(node);
        if (acquisition) list.push(acquisition);
      });
      found = list;
      this.acquisitionsByFunction.set(fn, found);
    }
    return found;
  }

  /**
   * Where the release can go: the end of a `finally` that already surrounds the loop (and starts after the
   * acquisition), or a new `try`/`finally` from the statement after the acquisition through the loop, the release
   * right after the loop moved into it.
   */
  private wrapSuggestion(
    lifetime: Lifetime,
    loop: LoopNode,
    fn: FunctionNode,
  ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
    const anchor = lifetime.anchor;
    const release = releaseText(this.model, lifetime);
    if (!anchor || release === null || lifetime.releases.length > 1) return null;
    const sourceCode = this.context.sourceCode;
    const suggestion = (fix: TSESLint.ReportFixFunction): TSESLint.SuggestionReportDescriptor<MessageId>[] => [
      { messageId: 'suggestWrapLoop', data: { noun: lifetime.acquisition.resource.noun }, fix },
    ];
    const surrounding = finallyAround(loop, fn);
    if (surrounding && lifetime.releases.length === 0 && !contains(surrounding, anchor)) {
      const finalizer = surrounding.finalizer!;
      return suggestion((fixer) => insertLastStatement(sourceCode, fixer, finalizer, release));
    }
    const list = statementList(anchor);
    const loopStatement = list?.find((statement) => contains(statement, loop));
    if (!list || !loopStatement) return null;
    const loopIndex = list.indexOf(loopStatement);
    const statements = list.slice(list.indexOf(anchor) + 1, loopIndex + 1);
    if (hidesDeclarations(sourceCode, statements)) return null;
    if (lifetime.releases.length === 0) {
      return suggestion((fixer) => {
        const edit = wrapInTryFinally(sourceCode, statements, release, loopStatement.range[1]);
        return fixer.replaceTextRange(edit.range, edit.text);
      });
    }
    // `while (…) { … } client.release();`: move that release into the `finally`.
    const next = list[loopIndex + 1];
    const site = lifetime.releases[0]!.call;
    if (next?.type !== AST_NODE_TYPES.ExpressionStatement || !isWholeStatement(next, site)) return null;
    return suggestion((fixer) => {
      const edit = wrapInTryFinally(sourceCode, statements, sourceCode.getText(next), next.range[1]);
      return fixer.replaceTextRange(edit.range, edit.text);
    });
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Workers

  /**
   * A `Worker` a class method starts and keeps nowhere: no stop method can reach it. Workers stored in a field are
   * `dispose-owned-resources`' business; task workers that report their end (`on('exit')`, in a `new Promise`
   * executor) and workers handed to other code are left alone.
   */
  checkWorker(node: TSESTree.NewExpression): void {
    const owner = thisClassOf(node);
    if (!owner) return;
    let top: TSESTree.Node = node;
    for (;;) {
      const { child, parent } = parentThroughWrappers(top);
      const call =
        parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child
          ? parentThroughWrappers(parent)
          : null;
      if (!call || call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.child) break;
      const name = propertyName(parent as TSESTree.MemberExpression);
      if (name === 'terminate' || name === 'unref' || isExitListener(call.parent)) return;
      // `new Worker(file).postMessage(job);`: the last use of a worker nothing keeps.
      if (
        name === 'postMessage' &&
        parentThroughWrappers(call.parent).parent?.type === AST_NODE_TYPES.ExpressionStatement
      )
        break;
      if (name === null || !CHAINABLE.has(name)) return;
      top = call.parent;
    }
    if (isInPromiseExecutor(node, owner.member)) return;
    const { child, parent } = parentThroughWrappers(top);
    const posted = parent?.type === AST_NODE_TYPES.MemberExpression;
    if (
      parent?.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === child &&
      parent.id.type === AST_NODE_TYPES.Identifier
    ) {
      const variable = this.context.sourceCode.getDeclaredVariables(parent)[0];
      if (!variable || !isOnlyListenedTo(variable)) return;
    } else if (parent?.type !== AST_NODE_TYPES.ExpressionStatement && !posted) {
      return;
    }
    const lifecycle = classLifecycleOf(owner.classNode, this.context.sourceCode, this.teardownMethods);
    const method = methodContaining(lifecycle, node);
    if (!method || method.isStatic) return;
    this.context.report({
      node,
      messageId: 'workerNotKept',
      data: { className: owner.classNode.id?.name ?? 'this class', method: methodLabel(method) },
    });
  }
}

/** Methods of a `Worker` (an EventEmitter) that return the worker itself. */
const CHAINABLE: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'setMaxListeners',
  'ref',
  'off',
  'removeListener',
]);

/** `worker.on('exit', …)` / `worker.once('exit', …)`: the code expects the worker to end by itself (a task worker). */
function isExitListener(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  const type = call.arguments[0];
  return (name === 'on' || name === 'once') && type?.type === AST_NODE_TYPES.Literal && type.value === 'exit';
}

/** Every use of the worker's binding listens to it or posts to it: nothing can terminate it or hand it on. */
function isOnlyListenedTo(variable: TSESLint.Scope.Variable): boolean {
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const { child, parent } = parentThroughWrappers(reference.identifier);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
    const call = parentThroughWrappers(parent);
    if (call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.child) return false;
    const name = propertyName(parent);
    if (name === 'terminate' || name === 'unref' || isExitListener(call.parent)) return false;
    if (name === null || (!CHAINABLE.has(name) && name !== 'postMessage')) return false;
  }
  return true;
}

/** `new Promise((resolve, reject) => { const worker = new Worker(…); … })`: a task that ends with its promise. */
function isInPromiseExecutor(node: TSESTree.Node, member: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== member; current = current.parent) {
    if (!isFunction(current)) continue;
    const parent = current.parent;
    if (
      parent?.type === AST_NODE_TYPES.NewExpression &&
      parent.arguments[0] === current &&
      parent.callee.type === AST_NODE_TYPES.Identifier &&
      parent.callee.name === 'Promise'
    ) {
      return true;
    }
  }
  return false;
}

/** Is a hand-off of the held value an argument of a call (`handle(client, job)`), which a loop does with what it holds? */
function isPassedToCall(escape: TSESTree.Node): boolean {
  const { child, parent } = parentThroughWrappers(escape);
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.callee !== child
  );
}

/** Is `node` inside a loop of `fn` (not counting nested functions)? */
function isInLoop(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        return true;
      default:
        if (isFunction(current)) return false;
    }
  }
  return false;
}

/** The innermost `try` with a `finally` (in `fn`) whose block holds the loop. */
function finallyAround(loop: LoopNode, fn: FunctionNode): TSESTree.TryStatement | null {
  for (
    let child: TSESTree.Node = loop, parent: TSESTree.Node | undefined = loop.parent;
    parent && parent !== fn;
    child = parent, parent = parent.parent
  ) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.finalizer) return parent;
  }
  return null;
}

/** `client.release();`, `await fh.close();`: the statement is the release call and nothing else. */
function isWholeStatement(statement: TSESTree.ExpressionStatement, call: TSESTree.CallExpression): boolean {
  let expression = skipWrappers(statement.expression);
  if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = skipWrappers(expression.argument);
  return expression === call;
}

/** Is `release` in the `finally` of a `try` (in `fn`) whose block holds the loop? */
function releasedInFinallyAround(release: TSESTree.Node, loop: LoopNode, fn: FunctionNode): boolean {
  for (
    let child: TSESTree.Node = release, parent: TSESTree.Node | undefined = release.parent;
    parent && parent !== fn;
    child = parent, parent = parent.parent
  ) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === child && contains(parent.block, loop))
      return true;
  }
  return false;
}

/** Does the method call the base class (`super.close()`), which may end what the base class started? */
function callsSuper(sourceCode: Readonly<TSESLint.SourceCode>, method: ClassMethod): boolean {
  const body = blockBodyOf(method);
  if (!body) return false;
  let found = false;
  walk(sourceCode.visitorKeys, body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.Super) found = true;
    return undefined;
  });
  return found;
}

function describeAction(action: StopAction): string {
  if (action.type === 'abort') return `calls \`${action.key}.abort()\``;
  return action.flag.stopValue === null
    ? `changes \`${action.flag.key}\``
    : `sets \`${action.flag.key} = ${String(action.flag.stopValue)}\``;
}

function methodLabel(method: ClassMethod): string {
  return method.isConstructor ? 'constructor' : (method.name ?? 'method');
}

/** `while (true)`, `for (;;)`, `do … while`: how a message names a loop whose head is not an iterator. */
function loopLabel(loop: Exclude<LoopNode, TSESTree.ForOfStatement>): string {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
      return loop.test === null ? 'for (;;)' : 'for';
    case AST_NODE_TYPES.DoWhileStatement:
      return 'do … while';
    default:
      return loop.test.type === AST_NODE_TYPES.Literal ? `while (${String(loop.test.raw)})` : 'while';
  }
}

/** The loop's head: `while (…)`, `for (…)`, `for await (…)`, or the `do` keyword. */
function headLoc(sourceCode: Readonly<TSESLint.SourceCode>, loop: LoopNode): TSESTree.SourceLocation {
  const first = sourceCode.getFirstToken(loop)!;
  if (loop.type === AST_NODE_TYPES.DoWhileStatement) return first.loc;
  const close = sourceCode.getTokenBefore(loop.body)!;
  return { start: first.loc.start, end: close.loc.end };
}
