import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { verdictFor } from '../analysis/cache.js';
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
import {
  effectCallbackOf,
  effectCleanupsOf,
  effectHookNames,
  forEachOwnReturn,
  isAppLifetimeFunction,
  isTimerStartCandidate,
  isUnrefedAtStart,
  referenceKey,
  teardownMethodNames,
  timerAcquisition,
  timerClearOf,
  timerModules,
  timerStartOf,
  type TimerKind,
  type TimerStart,
} from '../resources/handles.js';
import { resourceModel, type ResourceModel } from '../resources/match.js';
import {
  calleeName,
  contains,
  enclosingFunction,
  isFunction,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { createRule } from '../util/createRule.js';
import { checkTimeoutsOption, effectHooksOption, teardownMethodsOption } from '../util/schema.js';
import { insertFirstStatement } from '../fix/statements.js';
import { walk } from '../util/walk.js';
import { describeRisk } from './release-in-finally.js';

export type Options = [
  {
    checkTimeouts?: boolean;
    teardownMethods?: string[];
    effectHooks?: string[];
  },
];
export type MessageId =
  | 'effectNotCleared'
  | 'effectNotStored'
  | 'fieldNeverCleared'
  | 'leaksOnPath'
  | 'neverCleared'
  | 'overwritten'
  | 'somePaths'
  | 'suggestClearFirst'
  | 'suggestClearInCleanup'
  | 'suggestClearInTeardown'
  | 'suggestReturnCleanup'
  | 'teardownMissesClear';

export default createRule<Options, MessageId>({
  name: 'no-leaked-timer',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow intervals (and, optionally, timeouts) that their owning function, class or effect never clears',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { ...checkTimeoutsOption, ...teardownMethodsOption, ...effectHooksOption },
      },
    ],
    messages: {
      neverCleared:
        'The {{timer}} stored in `{{id}}` is never cleared nor handed off, so it outlives {{owner}}. Clear it with `{{clear}}({{id}})`, or return the id or a function that clears it.',
      leaksOnPath:
        'The {{timer}} stored in `{{id}}` keeps running if {{path}} before `{{clear}}({{id}})` on line {{line}}. Clear it in a `finally` block.',
      somePaths:
        'The {{timer}} stored in `{{id}}` is cleared on some paths only (line {{line}}), so it can outlive {{owner}}. Clear it on every exit, in a `finally` block.',
      fieldNeverCleared:
        'The {{timer}} stored in `{{id}}` is never cleared by `{{className}}`, so it runs after the instance is done. Clear it with `{{clear}}({{id}})` in {{teardown}}.',
      teardownMissesClear:
        'The {{timer}} stored in `{{id}}` is cleared by `{{method}}()` but not by {{teardown}}, so it keeps running after teardown. Clear it there with `{{clear}}({{id}})`.',
      overwritten:
        '`{{id}}` is overwritten while the previous {{timer}} may still run if `{{method}}()` runs twice, and nothing can clear that {{timer}} any more. Clear `{{id}}` first, or return early when it is set.',
      effectNotStored:
        'The {{timer}} started in this `{{hook}}` is not stored, so the effect cannot clear it and it keeps running after unmount. Keep its id and return a cleanup that calls `{{clear}}(id)`.',
      effectNotCleared:
        'The {{timer}} stored in `{{id}}` is not cleared by the cleanup of this `{{hook}}`, so it keeps running after unmount. Return a cleanup that calls `{{clear}}({{id}})`.',
      suggestClearInTeardown: 'Clear `{{id}}` in `{{teardown}}()`.',
      suggestClearInCleanup: 'Clear `{{id}}` in the effect cleanup.',
      suggestReturnCleanup: 'Return a cleanup that clears `{{id}}`.',
      suggestClearFirst: 'Clear `{{id}}` before starting the new {{timer}}.',
    },
    defaultOptions: [
      { checkTimeouts: false, teardownMethods: [...teardownMethodNames], effectHooks: [...effectHookNames] },
    ],
  },
  create(context, [options]) {
    const settings: Settings = {
      checkTimeouts: options.checkTimeouts ?? false,
      teardownMethods: options.teardownMethods ?? teardownMethodNames,
      effectHooks: options.effectHooks ?? effectHookNames,
    };
    const model = resourceModel(context);
    const kinds: ReadonlySet<TimerKind> = new Set<TimerKind>(
      settings.checkTimeouts ? ['interval', 'timeout'] : ['interval'],
    );

    return {
      CallExpression(node) {
        if (!isTimerStartCandidate(node, model, kinds)) return;
        const start = timerStartOf(node, model);
        if (!start || start.promises || !kinds.has(start.kind)) return;
        new TimerCheck(context, model, settings, start).run();
      },
    };
  },
});

interface Settings {
  readonly checkTimeouts: boolean;
  readonly teardownMethods: readonly string[];
  readonly effectHooks: readonly string[];
}

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;
type Variable = TSESLint.Scope.Variable;

/** Where the timer's id goes. */
type Hold =
  /** `setInterval(f, ms);` */
  | { readonly type: 'floating' }
  /** `const id = setInterval(…)`, `id = setInterval(…)` */
  | { readonly type: 'variable'; readonly variable: Variable; readonly name: string }
  /** `this.timer = setInterval(…)`, `ref.current = setInterval(…)`; `guarded` for `??=` / `||=`. */
  | {
      readonly type: 'member';
      readonly target: TSESTree.MemberExpression;
      readonly key: string;
      readonly guarded: boolean;
    }
  /** `timer = setInterval(…)` as a class field initializer. */
  | { readonly type: 'field'; readonly key: string }
  /** Returned, passed on, stored in an object: someone else owns it. */
  | { readonly type: 'handed-off' };

/** One timer start, checked against its owner. */
class TimerCheck {
  private readonly timer: string;
  private readonly clear: string;

  constructor(
    private readonly context: Context,
    private readonly model: ResourceModel,
    private readonly settings: Settings,
    private readonly start: TimerStart,
  ) {
    this.timer = start.kind;
    this.clear = start.clearName!;
  }

  run(): void {
    const { start } = this;
    const hold = this.holdOf();
    if (hold.type === 'handed-off') return;
    if (hold.type === 'field') {
      const owner = thisClassOf(start.call);
      if (owner) this.checkClassField(owner.classNode, hold.key, null, false);
      return;
    }
    const fn = enclosingFunction(start.call);
    if (!fn || isAppLifetimeFunction(fn)) return;
    const hook = this.effectHookOf(fn);
    if (hook !== null) {
      this.checkEffect(fn as TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, hook, hold);
      return;
    }
    switch (hold.type) {
      case 'floating':
        // `setInterval(f, ms);` with no id at all: `no-floating-resource` reports it, once.
        return;
      case 'member': {
        if (skipWrappers(hold.target.object).type !== AST_NODE_TYPES.ThisExpression) return;
        const owner = thisClassOf(start.call);
        if (owner) this.checkClassField(owner.classNode, hold.key, fn, hold.guarded);
        return;
      }
      case 'variable':
        if (variableFunction(hold.variable) === fn) this.checkLocal(fn, hold);
        else this.checkOuter(fn, hold);
        return;
    }
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Holding the id

  private holdOf(): Hold {
    const value: TSESTree.Node = isUnrefedAtStart(this.start)
      ? parentThroughWrappers(this.start.call).parent!.parent!
      : this.start.call;
    const { child, parent } = parentThroughWrappers(value);
    switch (parent?.type) {
      case AST_NODE_TYPES.ExpressionStatement:
        return { type: 'floating' };
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== child || parent.id.type !== AST_NODE_TYPES.Identifier) return { type: 'handed-off' };
        if (parent.parent.kind === 'using' || parent.parent.kind === 'await using') return { type: 'handed-off' };
        const name = parent.id.name;
        const variable = this.model.sourceCode
          .getDeclaredVariables(parent)
          .find((candidate) => candidate.name === name);
        return variable ? { type: 'variable', variable, name } : { type: 'handed-off' };
      }
      case AST_NODE_TYPES.AssignmentExpression: {
        if (parent.right !== child) return { type: 'handed-off' };
        const left = skipWrappers(parent.left);
        const guarded = parent.operator === '??=' || parent.operator === '||=';
        if (parent.operator !== '=' && !guarded) return { type: 'handed-off' };
        if (left.type === AST_NODE_TYPES.Identifier) {
          if (guarded) return { type: 'handed-off' };
          const variable = ASTUtils.findVariable(this.model.sourceCode.getScope(left), left.name);
          return variable && variable.defs.length > 0
            ? { type: 'variable', variable, name: left.name }
            : { type: 'handed-off' };
        }
        if (left.type === AST_NODE_TYPES.MemberExpression)
          return { type: 'member', target: left, key: referenceKey(left, this.model), guarded };
        return { type: 'handed-off' };
      }
      case AST_NODE_TYPES.PropertyDefinition: {
        if (parent.value !== child || parent.static || parent.computed) return { type: 'handed-off' };
        const key = parent.key;
        if (key.type === AST_NODE_TYPES.PrivateIdentifier) return { type: 'field', key: `this.#${key.name}` };
        if (key.type === AST_NODE_TYPES.Identifier) return { type: 'field', key: `this.${key.name}` };
        return { type: 'handed-off' };
      }
      default:
        return { type: 'handed-off' };
    }
  }

  private effectHookOf(fn: FunctionNode): string | null {
    const parent = fn.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || effectCallbackOf(parent, this.settings.effectHooks) !== fn)
      return null;
    return calleeName(parent);
  }

  // -------------------------------------------------------------------------------------------------------------------
  // A function that keeps the id in its own variable

  private checkLocal(fn: FunctionNode, hold: Extract<Hold, { type: 'variable' }>): void {
    const acquisition = timerAcquisition(this.start);
    const verdict = verdictFor(this.model, acquisition);
    if (verdict.kind === 'safe') return;
    // `timer.unref()` / `timer.close()` / `timer[Symbol.dispose]()`: the author manages the timer by hand.
    if (hold.variable.references.some((reference) => this.isManagedByMethod(reference.identifier))) return;
    const owner = ownerLabel(fn);
    const id = hold.name;
    switch (verdict.kind) {
      case 'never':
        this.report('neverCleared', { id, owner });
        return;
      case 'onlyInCatch':
      case 'somePaths':
        this.report('somePaths', { id, owner, line: String(verdict.release.call.loc.start.line) });
        return;
      case 'leaksOnPath':
      case 'gapBeforeTry':
      case 'throwsInFinally':
        this.report('leaksOnPath', {
          id,
          path: describeRisk(verdict.risk),
          line: String(verdict.release.call.loc.start.line),
        });
        return;
    }
  }

  /** `t.unref()`, `t.close()`, `t[Symbol.dispose]()`, `t.refresh()` on a Node timer. */
  private isManagedByMethod(identifier: TSESTree.Node): boolean {
    const { child, parent } = parentThroughWrappers(identifier);
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== child) return false;
    const call = parentThroughWrappers(parent);
    if (call.parent?.type !== AST_NODE_TYPES.CallExpression || call.parent.callee !== call.child) return false;
    const name = calleeName(call.parent);
    return name === 'unref' || name === 'close' || name === '@@dispose' || name === 'refresh';
  }

  // -------------------------------------------------------------------------------------------------------------------
  // A variable of an outer function or of the module

  private checkOuter(fn: FunctionNode, hold: Extract<Hold, { type: 'variable' }>): void {
    if (this.start.kind !== 'interval') return;
    for (const reference of hold.variable.references) {
      if (reference.isWrite() && !reference.isRead()) continue;
      // Any read may clear it or hand it on (`clearInterval(timer)`, `stop(timer)`, `return timer`).
      if (!isPlainTest(reference.identifier)) return;
    }
    this.report('neverCleared', { id: hold.name, owner: ownerLabel(fn) });
  }

  // -------------------------------------------------------------------------------------------------------------------
  // A class field

  private checkClassField(classNode: ClassNode, key: string, fn: FunctionNode | null, guarded: boolean): void {
    const { start, model } = this;
    const lifecycle = classLifecycleOf(classNode, model.sourceCode, this.settings.teardownMethods);
    const startMethod = methodContaining(lifecycle, start.call);
    const uses = this.fieldUses(classNode, key);
    if (uses.handedOff) return;
    const direct = startMethod !== null && fn === startMethod.fn;
    // Clears before the start in the starting method restart the timer; they do not stop it.
    const restarts = uses.clears.filter(
      (clear) => direct && enclosingFunction(clear) === fn && clear.range[0] < start.call.range[0],
    );
    const stops = uses.clears.filter((clear) => !restarts.includes(clear));
    const className = classNode.id?.name ?? 'this class';
    const teardown =
      lifecycle.teardowns.find((method) => method.fn.body.type === AST_NODE_TYPES.BlockStatement) ?? null;

    if (stops.length === 0) {
      // An abstract teardown method that subclasses implement may clear it: what it clears is theirs to say.
      if (lifecycle.teardowns.length === 0 && lifecycle.deferredTeardown) return;
      this.report(
        'fieldNeverCleared',
        {
          id: key,
          className,
          teardown: teardown
            ? `\`${methodLabel(teardown)}()\``
            : 'a teardown method such as `stop()` or `[Symbol.dispose]()`',
        },
        teardown ? this.clearInTeardown(teardown, key) : null,
      );
      return;
    }
    const stopped = stops.some(
      (clear) =>
        runsAtTeardown(lifecycle, clear) || isInMethodCallback(lifecycle, clear) || contains(start.call, clear),
    );
    if (!stopped && lifecycle.teardowns.length > 0) {
      const first = lifecycle.teardowns[0]!;
      const clearer = methodContaining(lifecycle, stops[0]!);
      this.report(
        'teardownMissesClear',
        { id: key, method: clearer ? methodLabel(clearer) : 'another method', teardown: `\`${methodLabel(first)}()\`` },
        teardown ? this.clearInTeardown(teardown, key) : null,
      );
      return;
    }
    if (direct && !guarded && restarts.length === 0) this.checkOverwrite(lifecycle, startMethod, key);
  }

  /** How the class uses the field: the clears of it, and whether it is handed to other code. */
  private fieldUses(classNode: ClassNode, key: string): { clears: TSESTree.CallExpression[]; handedOff: boolean } {
    const { model, start } = this;
    const last = key.slice(key.lastIndexOf('.') + 1);
    const clears: TSESTree.CallExpression[] = [];
    let handedOff = false;
    walk(model.sourceCode.visitorKeys, classNode.body, (node) => {
      if (handedOff || node === start.call) return false;
      if (
        node.type !== AST_NODE_TYPES.MemberExpression ||
        memberLastName(node) !== last ||
        referenceKey(node, model) !== key
      )
        return;
      const { child, parent } = parentThroughWrappers(node);
      if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child && parent.operator === '=')
        return false;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== child) {
        if (timerClearOf(parent, model)?.id === node) clears.push(parent);
        // Passed to other code (`this.clearTimers(this.timer)`, `timers.add(this.timer)`): it may clear it.
        else handedOff = true;
      } else if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
        const call = parentThroughWrappers(parent);
        const name =
          call.parent?.type === AST_NODE_TYPES.CallExpression && call.parent.callee === call.child
            ? calleeName(call.parent)
            : null;
        if (name === 'close' || name === '@@dispose') clears.push(call.parent as TSESTree.CallExpression);
      } else if (parent && isEscape(parent, child)) {
        handedOff = true;
      }
      return false;
    });
    return { clears, handedOff };
  }

  /** `this.timer = setInterval(…)` in a method that can run twice, with no clear, guard or early exit before it. */
  private checkOverwrite(lifecycle: ClassLifecycle, method: ClassMethod, key: string): void {
    const { start, model } = this;
    if (method.isConstructor || lifecycle.reached.has(method)) return;
    const fn = method.fn;
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return;
    // A conditional start is guarded by something (`if (!this.running) { … }`).
    if (isUnderCondition(fn, start.call)) return;
    // Only called from the constructor, or by callers that guard the call: it runs once per instance.
    if (method.name !== null && this.isRunOnceByCallers(lifecycle, method)) return;
    const last = key.slice(key.lastIndexOf('.') + 1);
    // The assignment that stores the new timer, `this.timer = setInterval(…)`: only code before it can guard it.
    const assignment = parentThroughWrappers(
      isUnrefedAtStart(start) ? parentThroughWrappers(start.call).parent!.parent! : start.call,
    ).parent!;
    let guarded = false;
    walk(model.sourceCode.visitorKeys, fn.body, (node) => {
      if (guarded || node.range[0] >= assignment.range[0]) return false;
      if (isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) guarded = true;
      else if (
        node.type === AST_NODE_TYPES.MemberExpression &&
        memberLastName(node) === last &&
        referenceKey(node, model) === key
      )
        guarded = true;
      else if (
        node.type === AST_NODE_TYPES.CallExpression &&
        skipWrappers(node.callee).type === AST_NODE_TYPES.MemberExpression &&
        (skipWrappers(node.callee) as TSESTree.MemberExpression).object.type === AST_NODE_TYPES.ThisExpression
      ) {
        // `this.stopTimer()` before the start may clear it.
        guarded = true;
      }
      return undefined;
    });
    if (guarded) return;
    const statement = parentThroughWrappers(assignment).parent;
    const fixable =
      statement?.type === AST_NODE_TYPES.ExpressionStatement &&
      (statement.parent.type === AST_NODE_TYPES.BlockStatement ||
        statement.parent.type === AST_NODE_TYPES.StaticBlock) &&
      this.canCallClear(statement);
    this.report(
      'overwritten',
      { id: key, method: methodLabel(method) },
      fixable
        ? [
            {
              messageId: 'suggestClearFirst',
              data: { id: key, timer: this.timer },
              fix: (fixer) =>
                fixer.insertTextBefore(statement, `${this.clear}(${key});\n${indentOf(this.model, statement)}`),
            },
          ]
        : null,
    );
  }

  /**
   * Every use of the method in its class is a call that runs at most once per instance or is guarded: in the
   * constructor, under a condition, or after an early `return`/`throw` of its caller (`init()` that returns when
   * already initiated). A use that is not a call (`this.start` passed on) can run it any number of times.
   */
  private isRunOnceByCallers(lifecycle: ClassLifecycle, method: ClassMethod): boolean {
    const name = method.name!;
    const property = name.startsWith('#') ? name.slice(1) : name;
    let uses = 0;
    let unguarded = false;
    for (const other of lifecycle.methods) {
      walk(this.model.sourceCode.visitorKeys, other.fn.body, (node) => {
        if (unguarded) return false;
        if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression)
          return undefined;
        const called =
          node.property.type === AST_NODE_TYPES.PrivateIdentifier ? node.property.name : propertyName(node);
        if (called !== property) return undefined;
        uses += 1;
        const { child, parent } = parentThroughWrappers(node);
        const isCall = parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child;
        // The method calling itself (`this.socket.on('reconnect', () => this.watch())`) runs it again and again.
        if (!isCall || other === method) unguarded = true;
        else if (
          !(other.isConstructor && enclosingFunction(parent) === other.fn) &&
          !isGuardedIn(this.model, other.fn, parent)
        )
          unguarded = true;
        return undefined;
      });
      if (unguarded) return false;
    }
    return uses > 0;
  }

  private clearInTeardown(teardown: ClassMethod, key: string): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
    const body = teardown.fn.body as TSESTree.BlockStatement;
    if (!this.canCallClear(body)) return null;
    return [
      {
        messageId: 'suggestClearInTeardown',
        data: { id: key, teardown: methodLabel(teardown) },
        fix: (fixer) => insertFirstStatement(this.model.sourceCode, fixer, body, `${this.clear}(${key});`),
      },
    ];
  }

  // -------------------------------------------------------------------------------------------------------------------
  // An effect

  private checkEffect(
    effect: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
    hook: string,
    hold: Hold,
  ): void {
    if (hold.type === 'floating') {
      // A discarded interval is `no-floating-resource`'s; a discarded timeout in an effect is only reported here.
      if (this.start.kind === 'timeout') this.report('effectNotStored', { hook });
      return;
    }
    if (hold.type === 'field' || hold.type === 'handed-off') return;
    const cleanups = effectCleanupsOf(effect);
    // `return cleanup` naming a function the rule cannot see: trust it.
    if (cleanups.some((cleanup) => !isFunction(cleanup))) return;
    let id: string;
    if (hold.type === 'variable') {
      id = hold.name;
      const local = variableFunction(hold.variable) === effect;
      for (const reference of hold.variable.references) {
        if (reference.isWrite() && !reference.isRead()) continue;
        const identifier = reference.identifier;
        const { child, parent } = parentThroughWrappers(identifier);
        const isClear =
          parent?.type === AST_NODE_TYPES.CallExpression && timerClearOf(parent, this.model)?.id === identifier;
        // Cleared by the cleanup, or right in the effect itself (it never outlives the effect run).
        if (
          isClear &&
          (!local ||
            enclosingFunction(identifier) === effect ||
            cleanups.some((cleanup) => contains(cleanup, identifier)))
        )
          return;
        if (!isClear && (this.isManagedByMethod(identifier) || (parent && isEscape(parent, child)))) return;
      }
    } else {
      id = hold.key;
      const component = enclosingFunction(effect) ?? effect;
      if (this.keyIsClearedIn(component, hold.key)) return;
    }
    this.report('effectNotCleared', { hook, id }, this.effectSuggestion(effect, cleanups, hold, id));
  }

  private keyIsClearedIn(root: TSESTree.Node, key: string): boolean {
    let cleared = false;
    walk(this.model.sourceCode.visitorKeys, root, (node) => {
      if (cleared) return false;
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const clear = timerClearOf(node, this.model);
      if (clear?.id && referenceKey(clear.id, this.model) === key) cleared = true;
      return undefined;
    });
    return cleared;
  }

  private effectSuggestion(
    effect: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
    cleanups: TSESTree.Node[],
    hold: Hold,
    id: string,
  ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
    if (effect.body.type !== AST_NODE_TYPES.BlockStatement) return null;
    const body = effect.body;
    if (!this.canCallClear(body)) return null;
    if (cleanups.length === 1) {
      const cleanup = cleanups[0] as FunctionNode;
      if (cleanup.body.type !== AST_NODE_TYPES.BlockStatement) return null;
      const cleanupBody = cleanup.body;
      return [
        {
          messageId: 'suggestClearInCleanup',
          data: { id },
          fix: (fixer) => insertFirstStatement(this.model.sourceCode, fixer, cleanupBody, `${this.clear}(${id});`),
        },
      ];
    }
    let returns = 0;
    forEachOwnReturn(body, () => returns++);
    if (cleanups.length > 0 || returns > 0 || body.body.length === 0) return null;
    // The id must be in scope at the end of the effect body.
    if (hold.type === 'variable' && hold.variable.scope.block !== effect) return null;
    const last = body.body.at(-1)!;
    return [
      {
        messageId: 'suggestReturnCleanup',
        data: { id },
        fix: (fixer) =>
          fixer.insertTextAfter(last, `\n${indentOf(this.model, last)}return () => ${this.clear}(${id});`),
      },
    ];
  }

  // -------------------------------------------------------------------------------------------------------------------

  /** `clearInterval` (or the one this timer needs) is the global or the `timers` export where the fix would call it. */
  private canCallClear(at: TSESTree.Node): boolean {
    const variable = ASTUtils.findVariable(this.model.sourceCode.getScope(at), this.clear);
    if (!variable || variable.defs.length === 0) return true;
    const def = variable.defs[0]!;
    if (variable.defs.length !== 1 || def.name.type !== AST_NODE_TYPES.Identifier) return false;
    const origin = this.model.originOf(def.name);
    return (
      origin !== null &&
      timerModules.includes(origin.module) &&
      origin.path.length === 1 &&
      origin.path[0] === this.clear
    );
  }

  private report(
    messageId: MessageId,
    data: Record<string, string>,
    suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] | null = null,
  ): void {
    this.context.report({
      node: this.start.call,
      messageId,
      data: { timer: this.timer, clear: this.clear, ...data },
      suggest,
    });
  }
}

/** The function a variable is declared in (its variable scope's block), or null at module level. */
function variableFunction(variable: Variable): TSESTree.Node | null {
  const block = variable.scope.variableScope.block;
  return isFunction(block) ? block : null;
}

/** A read that only tests the id: `if (timer)`, `timer === undefined`, `!timer`. */
function isPlainTest(identifier: TSESTree.Node): boolean {
  const { child, parent } = parentThroughWrappers(identifier);
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return parent.test === child;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!' || parent.operator === 'typeof';
    case AST_NODE_TYPES.BinaryExpression:
      return ['==', '!=', '===', '!=='].includes(parent.operator);
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === child && isPlainTest(parent);
    default:
      return false;
  }
}

/** `parent` takes the value somewhere else: returned, stored, put in an object or array, yielded, passed on. */
function isEscape(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.VariableDeclarator:
      return true;
    case AST_NODE_TYPES.Property:
      return parent.value === child;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === child;
    case AST_NODE_TYPES.CallExpression:
      return parent.callee !== child;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === child;
    default:
      return false;
  }
}

function memberLastName(node: TSESTree.MemberExpression): string | null {
  if (node.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.property.name}`;
  return propertyName(node);
}

/** `poll()` for named functions and methods, `this function` otherwise. */
function ownerLabel(fn: FunctionNode): string {
  if (fn.id) return `\`${fn.id.name}()\``;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier)
    return `\`${parent.id.name}()\``;
  if (
    (parent?.type === AST_NODE_TYPES.MethodDefinition ||
      parent?.type === AST_NODE_TYPES.PropertyDefinition ||
      parent?.type === AST_NODE_TYPES.Property) &&
    !parent.computed &&
    parent.key.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor'
      ? 'the constructor'
      : `\`${parent.key.name}()\``;
  }
  return 'this function';
}

function methodLabel(method: ClassMethod): string {
  return method.isConstructor ? 'constructor' : (method.name ?? 'method');
}

/** The whitespace before `node` on its line (empty if code precedes it). */
function indentOf(model: ResourceModel, node: TSESTree.Node): string {
  const line = model.sourceCode.lines[node.loc.start.line - 1] ?? '';
  const before = line.slice(0, node.loc.start.column);
  return /^\s*$/u.test(before) ? before : '';
}

/** Is `node` under a condition inside `fn` (`if`, `?:`, `&&`, `switch`, `try`), not counting nested functions? */
function isUnderCondition(fn: FunctionNode, node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== fn; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.IfStatement ||
      current.type === AST_NODE_TYPES.ConditionalExpression ||
      current.type === AST_NODE_TYPES.LogicalExpression ||
      current.type === AST_NODE_TYPES.SwitchCase ||
      current.type === AST_NODE_TYPES.TryStatement ||
      current.type === AST_NODE_TYPES.CatchClause
    ) {
      return true;
    }
  }
  return false;
}

/** Is `node` guarded inside `fn`: under a condition, or after an early `return` / `throw` of `fn` itself? */
function isGuardedIn(model: ResourceModel, fn: FunctionNode, node: TSESTree.Node): boolean {
  if (enclosingFunction(node) !== fn) return false;
  if (isUnderCondition(fn, node)) return true;
  let exits = false;
  walk(model.sourceCode.visitorKeys, fn.body, (inner) => {
    if (exits || inner.range[0] >= node.range[0]) return false;
    if (isFunction(inner)) return false;
    // An exit before the call, not the `return this.watch();` that makes it.
    if (
      (inner.type === AST_NODE_TYPES.ReturnStatement || inner.type === AST_NODE_TYPES.ThrowStatement) &&
      inner.range[1] <= node.range[0]
    )
      exits = true;
    return undefined;
  });
  return exits;
}
