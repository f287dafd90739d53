/**
 * Long-running loops: does a loop run until someone asks it to stop, and how can it be asked? The loop's head
 * (`while (true)`, `for (;;)`, `while (!this.stopped)`, `while (!signal.aborted)`, `for await (… of setInterval(ms))`)
 * and its body (the `break`/`return`/`throw` that leave it, the `AbortSignal`s it checks or passes to the calls it
 * awaits, the flags that guard its exits). Used by `require-stop-signal`.
 *
 * Everything here is syntactic and scope-aware, per loop, memoised on the loop node.
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { referenceKey, signalOption, timerStartOf } from '../resources/handles.js';
import type { ResourceModel } from '../resources/match.js';
import { contains, enclosingFunction, isFunction, propertyName, skipWrappers, type FunctionNode } from '../util/ast.js';
import { walk } from '../util/walk.js';
import { thisClassOf, type ClassNode } from './teardown.js';

export type LoopNode =
  TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.ForOfStatement;

/**
 * What can change a flag the loop tests:
 * - `never`: nothing ever sets it (a `const`, a field assigned only in the constructor);
 * - `inside`: only the loop itself (the loop ends by its own data, not by a stop request);
 * - `outside`: a stop request from elsewhere (another method, a callback);
 * - `unknown`: a parameter, a global, an outer object's property, a field a base class may set.
 */
export type FlagSetters = 'never' | 'inside' | 'outside' | 'unknown';

/** A flag a loop tests: `this.stopped`, `this.#running`, `running`, `this.state !== 'stopped'`. */
export interface FlagCheck {
  /** The reference: `this.stopped`, `running`. */
  readonly node: TSESTree.Expression;
  /** `referenceKey(node)`: `this.#running`. */
  readonly key: string;
  /** `this.x` / `this.#x`: the instance's own state. */
  readonly thisMember: boolean;
  readonly setters: FlagSetters;
  /** Assignments and updates of the flag found in the class or function (the stop requests, when `outside`). */
  readonly sites: readonly TSESTree.Node[];
  /**
   * The value that stops the loop when the flag is a plain boolean test: `true` for `while (!this.stopped)` and
   * `if (this.stopped) break`, `false` for `while (this.running)`; null for comparisons and other guards.
   */
  readonly stopValue: boolean | null;
}

export type LoopHead =
  /** `while (true)`, `for (;;)`, `do … while (1)`. */
  | { readonly kind: 'constant' }
  /** A condition made only of flags and `!signal.aborted` checks, joined by `&&`. */
  | {
      readonly kind: 'condition';
      readonly flags: readonly FlagCheck[];
      readonly signals: readonly TSESTree.Expression[];
    }
  /** `for await` over an iterator that never ends by itself: `setInterval(ms)` (`timers/promises`), `on(emitter, type)` (`events`). */
  | { readonly kind: 'iterator'; readonly iterable: TSESTree.CallExpression; readonly label: string };

export interface LoopBody {
  /** The body awaits (an `await` or a `for await` that belongs to the loop's function). */
  readonly awaits: boolean;
  /** The body yields: a generator loop is stopped by its consumer (`return()` at the `yield`). */
  readonly yields: boolean;
  /** `break`, `return`, `throw`, `continue outer` and `process.exit()` that leave the loop. */
  readonly exits: readonly TSESTree.Node[];
  /** Flags tested by the conditions that guard an exit: `if (this.stopped) break;`. */
  readonly exitFlags: readonly FlagCheck[];
  /** Signals checked in the body (`signal.aborted`, `signal.throwIfAborted()`). */
  readonly checkedSignals: readonly TSESTree.Expression[];
  /** Signals passed to a call the body awaits (`await sleep(ms, undefined, { signal })`), where an abort is not swallowed. */
  readonly awaitedSignals: readonly TSESTree.Expression[];
}

export interface LoopFacts {
  readonly loop: LoopNode;
  /** The function the loop runs in; null at module level. */
  readonly owner: FunctionNode | null;
  readonly head: LoopHead;
  readonly body: LoopBody;
}

const factsCache = new WeakMap<LoopNode, LoopFacts | null>();

/**
 * The facts of a long-running loop, or null for a loop bounded by its data (`while (i < n)`, `while (node)`,
 * `for (const x of xs)`, `for await` over a stream): those end by themselves. Memoised per loop.
 */
export function loopFactsOf(loop: LoopNode, model: ResourceModel): LoopFacts | null {
  let facts = factsCache.get(loop);
  if (facts === undefined) {
    const head = loopHeadOf(loop, model);
    facts = head ? { loop, owner: enclosingFunction(loop), head, body: scanBody(loop, model) } : null;
    factsCache.set(loop, facts);
  }
  return facts;
}

/** Nothing in the head can end the loop: a constant, flags that nothing outside the loop sets, an endless iterator. */
export function isHeadEndless(head: LoopHead): boolean {
  if (head.kind !== 'condition') return true;
  return head.signals.length === 0 && head.flags.every((flag) => flag.setters === 'never');
}

/** Can anything end the loop: its head, an exit, a checked signal, a signal passed to an awaited call, a `yield`? */
export function canEnd(facts: LoopFacts): boolean {
  const { body } = facts;
  return (
    !isHeadEndless(facts.head) ||
    body.exits.length > 0 ||
    body.checkedSignals.length > 0 ||
    body.awaitedSignals.length > 0 ||
    body.yields
  );
}

/** Every flag and signal through which code outside the loop can end it (head, exit guards, checks, awaited calls). */
export function stopChecksOf(facts: LoopFacts): { flags: FlagCheck[]; signals: TSESTree.Expression[] } {
  const flags = [...facts.body.exitFlags];
  const signals = [...facts.body.checkedSignals, ...facts.body.awaitedSignals];
  if (facts.head.kind === 'condition') {
    flags.push(...facts.head.flags);
    signals.push(...facts.head.signals);
  }
  return { flags: flags.filter((flag) => flag.setters === 'outside' || flag.setters === 'unknown'), signals };
}

// ---------------------------------------------------------------------------------------------------------------------
// The head

/** Cheapest test first: could this loop's head be a long-running one (constant, flags, signal checks, `for await`)? */
export function isLongRunningShape(loop: LoopNode): boolean {
  if (loop.type === AST_NODE_TYPES.ForOfStatement)
    return loop.await && loop.right.type === AST_NODE_TYPES.CallExpression;
  const test = loop.test;
  return test === null || termsOf(test).every((term) => isFlagShaped(term));
}

function loopHeadOf(loop: LoopNode, model: ResourceModel): LoopHead | null {
  if (loop.type === AST_NODE_TYPES.ForOfStatement) return iteratorHead(loop, model);
  const test = loop.test;
  if (test === null || isTruthyConstant(test)) return { kind: 'constant' };
  const flags: FlagCheck[] = [];
  const signals: TSESTree.Expression[] = [];
  for (const term of termsOf(test)) {
    const signal = abortedCheckOf(term);
    if (signal) {
      signals.push(signal);
      continue;
    }
    if (isTruthyConstant(term)) continue;
    const refs = flagReferences(term);
    if (refs === null) return null;
    for (const { ref, stopValue } of refs) {
      const flag = flagOf(ref, stopValue, loop, model);
      if (flag.setters === 'inside') return null;
      flags.push(flag);
    }
  }
  return { kind: 'condition', flags, signals };
}

/** `a && b && c` → `[a, b, c]`; anything else is one term. */
function termsOf(test: TSESTree.Expression): TSESTree.Expression[] {
  const node = skipWrappers(test);
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&')
    return [...termsOf(node.left), ...termsOf(node.right)];
  return [node];
}

function isFlagShaped(term: TSESTree.Expression): boolean {
  return isTruthyConstant(term) || abortedCheckOf(term) !== null || flagReferences(term) !== null;
}

/** `true`, `1`, `'x'`, `!0`, `!false`. */
function isTruthyConstant(node: TSESTree.Expression): boolean {
  const expression = skipWrappers(node);
  if (expression.type === AST_NODE_TYPES.Literal)
    return Boolean(expression.value) && !('regex' in expression && expression.regex);
  return (
    expression.type === AST_NODE_TYPES.UnaryExpression &&
    expression.operator === '!' &&
    expression.argument.type === AST_NODE_TYPES.Literal &&
    !expression.argument.value
  );
}

/** `!signal.aborted`, `!this.#ac.signal.aborted`, `signal.aborted === false`: the signal; else null. */
function abortedCheckOf(term: TSESTree.Expression): TSESTree.Expression | null {
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

/**
 * The references a flag term tests, with the value that makes the term false (and so ends a `while`): `x` (`false`),
 * `!x` (`true`), `this.a.b`, `x === 'running'` and `this.state !== State.Stopped` (a reference compared with a literal
 * or a constant's member: no plain value). Null for anything else (a call, `i < n`).
 */
function flagReferences(
  term: TSESTree.Expression,
  negated = false,
): { ref: TSESTree.Identifier | TSESTree.MemberExpression; stopValue: boolean | null }[] | null {
  const node = skipWrappers(term);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!')
    return flagReferences(node.argument, !negated);
  if (isReference(node)) return [{ ref: node, stopValue: negated }];
  if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(node.operator)) {
    const left = skipWrappers(node.left as TSESTree.Expression);
    const right = skipWrappers(node.right);
    if (isReference(left) && isComparedConstant(right)) return [{ ref: left, stopValue: null }];
    if (isReference(right) && isComparedConstant(left)) return [{ ref: right, stopValue: null }];
  }
  return null;
}

/** `x`, `this.x`, `this.#x`, `a.b.c` (no calls, no computed keys other than literals). */
function isReference(node: TSESTree.Node): node is TSESTree.Identifier | TSESTree.MemberExpression {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name !== 'undefined';
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (node.computed && node.property.type !== AST_NODE_TYPES.Literal) return false;
  const object = skipWrappers(node.object);
  return object.type === AST_NODE_TYPES.ThisExpression || isReference(object);
}

/** A literal, `undefined`, or an upper-case constant's member (`State.Stopped`). */
function isComparedConstant(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return true;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'undefined';
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    !node.computed &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    /^[A-Z]/u.test(node.object.name)
  );
}

/** `for await (… of setInterval(ms))` (`timers/promises`) or `for await (… of on(emitter, type))` (`events`) with no `signal`. */
function iteratorHead(loop: TSESTree.ForOfStatement, model: ResourceModel): LoopHead | null {
  const iterable = skipWrappers(loop.right);
  if (iterable.type !== AST_NODE_TYPES.CallExpression) return null;
  const timer = timerStartOf(iterable, model);
  if (timer) {
    if (!timer.promises || timer.kind !== 'interval' || timer.signal !== null) return null;
    return { kind: 'iterator', iterable, label: `${timer.name}()` };
  }
  const callee = skipWrappers(iterable.callee);
  const origin = model.originOf(callee);
  if (!origin || origin.instance || origin.module !== 'events' || origin.path.at(-1) !== 'on' || origin.path.length > 2)
    return null;
  if (origin.path.length === 2 && origin.path[0] !== 'EventEmitter') return null;
  // `{ signal }` ends it on abort, `{ close: ['end'] }` when the emitter closes.
  const options = iterable.arguments[2];
  if (options && (signalOption([options]) !== null || hasProperty(options, 'close'))) return null;
  if (options && options.type !== AST_NODE_TYPES.ObjectExpression) return null;
  return { kind: 'iterator', iterable, label: 'on()' };
}

function hasProperty(node: TSESTree.Node, key: string): boolean {
  const value = skipWrappers(node as TSESTree.Expression);
  return (
    value.type === AST_NODE_TYPES.ObjectExpression &&
    value.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.SpreadElement ||
        (property.type === AST_NODE_TYPES.Property &&
          !property.computed &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          property.key.name === key),
    )
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// Flags

function flagOf(
  ref: TSESTree.Identifier | TSESTree.MemberExpression,
  stopValue: boolean | null,
  loop: LoopNode,
  model: ResourceModel,
): FlagCheck {
  const key = referenceKey(ref, model);
  if (ref.type === AST_NODE_TYPES.Identifier) return identifierFlag(ref, key, stopValue, loop, model);
  const object = skipWrappers(ref.object);
  if (object.type !== AST_NODE_TYPES.ThisExpression)
    return { node: ref, key, thisMember: false, setters: 'unknown', sites: [], stopValue };
  const owner = thisClassOf(loop);
  if (!owner) return { node: ref, key, thisMember: true, setters: 'unknown', sites: [], stopValue };
  const sites = thisFieldWrites(owner.classNode, key, model);
  const stops = sites.filter((site) => !isInitialization(site, owner.classNode, loop));
  let setters: FlagSetters;
  if (stops.length === 0) {
    // A base class, a subclass of an abstract class (in the stop method it implements), or code outside the class
    // (`worker.stopped = true`) may set it; a `#private` field only the class itself.
    const open = !key.includes('#');
    setters =
      owner.classNode.superClass !== null ||
      (open && (owner.classNode.abstract || isSetOutside(model, key.slice(key.lastIndexOf('.') + 1))))
        ? 'unknown'
        : 'never';
  } else {
    setters = stops.every((site) => contains(loop, site)) ? 'inside' : 'outside';
  }
  return { node: ref, key, thisMember: true, setters, sites: stops, stopValue };
}

function identifierFlag(
  ref: TSESTree.Identifier,
  key: string,
  stopValue: boolean | null,
  loop: LoopNode,
  model: ResourceModel,
): FlagCheck {
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(ref), ref.name);
  const unknown: FlagCheck = { node: ref, key, thisMember: false, setters: 'unknown', sites: [], stopValue };
  if (!variable || variable.defs.length !== 1 || variable.defs[0]!.type !== TSESLint.Scope.DefinitionType.Variable)
    return unknown;
  const sites = variable.references
    .filter((reference) => reference.isWrite() && reference.init !== true)
    .map((reference) => reference.identifier);
  // `let running = true; running = true;` before the loop starts it again; only writes that can run later count.
  const stops = sites.filter(
    (site) => !(site.range[1] < loop.range[0] && enclosingFunction(site) === enclosingFunction(loop)),
  );
  if (stops.length === 0) return { node: ref, key, thisMember: false, setters: 'never', sites: [], stopValue };
  return {
    node: ref,
    key,
    thisMember: false,
    setters: stops.every((site) => contains(loop, site)) ? 'inside' : 'outside',
    sites: stops,
    stopValue,
  };
}

/** Assignments, compound assignments, updates and `delete` of `this.<key>` in the class (nested classes excluded). */
function thisFieldWrites(classNode: ClassNode, key: string, model: ResourceModel): TSESTree.Node[] {
  const sites: TSESTree.Node[] = [];
  const last = key.slice(key.lastIndexOf('.') + 1);
  walk(model.sourceCode.visitorKeys, classNode.body, (node) => {
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return false;
    let target: TSESTree.Node | null = null;
    if (node.type === AST_NODE_TYPES.AssignmentExpression) target = node.left;
    else if (node.type === AST_NODE_TYPES.UpdateExpression) target = node.argument;
    else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete') target = node.argument;
    if (target === null) return;
    const member = skipWrappers(target);
    if (member.type !== AST_NODE_TYPES.MemberExpression || memberName(member) !== last) return;
    if (referenceKey(member, model) === key && thisClassOf(member)?.classNode === classNode) sites.push(node);
  });
  return sites;
}

/**
 * A write that only initialises the flag: in the constructor, in a field initialiser, or in the loop's own method
 * before the loop starts (`this.running = true; while (this.running) …`).
 */
function isInitialization(site: TSESTree.Node, classNode: ClassNode, loop: LoopNode): boolean {
  const owner = thisClassOf(site);
  if (!owner || owner.classNode !== classNode) return false;
  const member = owner.member;
  if (member.type === AST_NODE_TYPES.PropertyDefinition) return true;
  if (member.kind === 'constructor') return true;
  return (
    site.range[1] <= loop.range[0] && contains(member, loop) && enclosingFunction(site) === enclosingFunction(loop)
  );
}

const outsideWrites = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/** Is a property of this name assigned on something other than `this` anywhere in the file (`worker.stopped = true`)? */
function isSetOutside(model: ResourceModel, name: string): boolean {
  const program = model.sourceCode.ast;
  let names = outsideWrites.get(program);
  if (!names) {
    const found = new Set<string>();
    walk(model.sourceCode.visitorKeys, program, (node) => {
      if (node.type !== AST_NODE_TYPES.AssignmentExpression) return;
      const left = skipWrappers(node.left);
      if (
        left.type !== AST_NODE_TYPES.MemberExpression ||
        skipWrappers(left.object).type === AST_NODE_TYPES.ThisExpression
      )
        return;
      const property = memberName(left);
      if (property !== null) found.add(property);
    });
    names = found;
    outsideWrites.set(program, names);
  }
  return names.has(name);
}

function memberName(node: TSESTree.MemberExpression): string | null {
  return node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : propertyName(node);
}

// ---------------------------------------------------------------------------------------------------------------------
// The body

const EXIT_CALLS = new Set(['exit', 'abort']);

function scanBody(loop: LoopNode, model: ResourceModel): LoopBody {
  let awaits = loop.type === AST_NODE_TYPES.ForOfStatement && loop.await;
  let yields = false;
  const exits: TSESTree.Node[] = [];
  const exitFlags: FlagCheck[] = [];
  const checkedSignals: TSESTree.Expression[] = [];
  const awaitedSignals: TSESTree.Expression[] = [];
  const roots: TSESTree.Node[] = [loop.body];
  if (loop.type === AST_NODE_TYPES.ForStatement && loop.update) roots.push(loop.update);
  for (const root of roots) {
    walk(model.sourceCode.visitorKeys, root, (node) => {
      if (
        isFunction(node) ||
        node.type === AST_NODE_TYPES.ClassDeclaration ||
        node.type === AST_NODE_TYPES.ClassExpression
      )
        return false;
      switch (node.type) {
        case AST_NODE_TYPES.AwaitExpression: {
          awaits = true;
          const signal = awaitedSignalOf(node, loop, model);
          if (signal) awaitedSignals.push(signal);
          return;
        }
        case AST_NODE_TYPES.ForOfStatement:
          if (node.await) awaits = true;
          return;
        case AST_NODE_TYPES.YieldExpression:
          yields = true;
          return;
        case AST_NODE_TYPES.BreakStatement:
        case AST_NODE_TYPES.ContinueStatement:
          if (leavesLoop(node, loop)) exits.push(node);
          return;
        case AST_NODE_TYPES.ReturnStatement:
          exits.push(node);
          return;
        case AST_NODE_TYPES.ThrowStatement:
          if (!isCaughtInside(node, loop)) exits.push(node);
          return;
        case AST_NODE_TYPES.MemberExpression:
          if (propertyName(node) === 'aborted') checkedSignals.push(skipWrappers(node.object));
          return;
        case AST_NODE_TYPES.CallExpression: {
          const callee = skipWrappers(node.callee);
          if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
          const name = propertyName(callee);
          if (name === 'throwIfAborted') checkedSignals.push(skipWrappers(callee.object));
          // `process.exit()`, `process.abort()`
          else if (
            name !== null &&
            EXIT_CALLS.has(name) &&
            callee.object.type === AST_NODE_TYPES.Identifier &&
            callee.object.name === 'process'
          ) {
            exits.push(node);
          }
          return;
        }
        default:
          return;
      }
    });
  }
  for (const exit of exits) exitFlags.push(...guardFlags(exit, loop, model));
  return { awaits, yields, exits, exitFlags, checkedSignals, awaitedSignals };
}

/** Does this `break`/`continue` leave `loop` (an unlabelled `break` of the loop itself, or a label outside it)? */
function leavesLoop(node: TSESTree.BreakStatement | TSESTree.ContinueStatement, loop: LoopNode): boolean {
  if (node.label) {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === node.label.name) {
        // `continue outer` where `outer:` labels this very loop continues it; any other label lies outside it.
        if (current.body === loop) return node.type === AST_NODE_TYPES.BreakStatement;
        return !contains(loop, current);
      }
    }
    return false;
  }
  if (node.type === AST_NODE_TYPES.ContinueStatement) return false;
  for (let current: TSESTree.Node | undefined = node.parent; current && current !== loop; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.SwitchStatement:
        return false;
      default:
        break;
    }
  }
  return true;
}

/** A `throw` inside a `try` block (within the loop) whose `catch` takes it. */
function isCaughtInside(node: TSESTree.Node, loop: LoopNode): boolean {
  for (
    let child: TSESTree.Node = node, parent: TSESTree.Node | undefined = node.parent;
    parent && child !== loop;
    child = parent, parent = parent.parent
  ) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === child && parent.handler) return true;
  }
  return false;
}

/**
 * The signal passed to the call that `node` awaits (`await sleep(ms, undefined, { signal })`, `await fetch(url, {
 * signal })`, `await take(signal)`), unless the abort is swallowed: `.catch(() => {})` on it, or a `try` in the loop
 * whose `catch` neither leaves the loop nor checks a signal.
 */
function awaitedSignalOf(
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
 * Flags tested by the `if`/`?:`/`&&` conditions between an exit and the loop: `if (this.stopped) break;`. A plain
 * `if (this.stopped)` / `if (!this.running)` around the exit gives the flag's stopping value.
 */
function guardFlags(exit: TSESTree.Node, loop: LoopNode, model: ResourceModel): FlagCheck[] {
  const flags: FlagCheck[] = [];
  for (
    let child: TSESTree.Node = exit, parent: TSESTree.Node | undefined = exit.parent;
    parent && child !== loop;
    child = parent, parent = parent.parent
  ) {
    let test: TSESTree.Expression | null = null;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== child) test = parent.test;
    else if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) test = parent.test;
    else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child) test = parent.left;
    if (!test) continue;
    const plain =
      parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child ? flagReferences(test) : null;
    if (plain?.length === 1 && plain[0]!.stopValue !== null && isThisMember(plain[0]!.ref)) {
      // The exit runs when the term is truthy: `if (this.stopped)` stops on `true`, `if (!this.running)` on `false`.
      flags.push(flagOf(plain[0]!.ref, !plain[0]!.stopValue, loop, model));
      continue;
    }
    collectThisMembers(test, (member) => flags.push(flagOf(member, null, loop, model)));
  }
  return flags;
}

function isThisMember(node: TSESTree.Node): node is TSESTree.MemberExpression {
  return (
    node.type === AST_NODE_TYPES.MemberExpression && skipWrappers(node.object).type === AST_NODE_TYPES.ThisExpression
  );
}

function collectThisMembers(node: TSESTree.Node, found: (member: TSESTree.MemberExpression) => void): void {
  const inner = skipWrappers(node as TSESTree.Expression);
  switch (inner.type) {
    case AST_NODE_TYPES.MemberExpression:
      if (isReference(inner) && isThisMember(inner)) found(inner);
      return;
    case AST_NODE_TYPES.UnaryExpression:
      collectThisMembers(inner.argument, found);
      return;
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      collectThisMembers(inner.left, found);
      collectThisMembers(inner.right, found);
      return;
    default:
      return;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Where the loop runs

const workerFiles = new WeakMap<TSESTree.Program, boolean>();

/**
 * Is this file a worker thread's entry: does it take `parentPort` or `workerData` from `worker_threads`
 * (`import { parentPort } from 'node:worker_threads'`, `const { parentPort } = require('worker_threads')`)?
 */
export function isWorkerEntryFile(model: ResourceModel): boolean {
  const program = model.sourceCode.ast;
  let result = workerFiles.get(program);
  if (result === undefined) {
    result = false;
    for (const statement of program.body) {
      if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
        if (!/^(?:node:)?worker_threads$/u.test(statement.source.value)) continue;
        result ||= statement.specifiers.some(
          (specifier) =>
            specifier.type === AST_NODE_TYPES.ImportSpecifier &&
            specifier.imported.type === AST_NODE_TYPES.Identifier &&
            (specifier.imported.name === 'parentPort' || specifier.imported.name === 'workerData'),
        );
      } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !declarator.init) continue;
          const origin = model.originOf(declarator.init);
          if (origin?.module !== 'worker_threads' || origin.path.length > 0) continue;
          result ||= declarator.id.properties.some(
            (property) =>
              property.type === AST_NODE_TYPES.Property &&
              property.key.type === AST_NODE_TYPES.Identifier &&
              (property.key.name === 'parentPort' || property.key.name === 'workerData'),
          );
        }
      }
    }
    workerFiles.set(program, result);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------------
// Where a signal comes from

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
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(node), node.name);
  const def = variable?.defs.length === 1 ? variable.defs[0]! : null;
  if (!def) return OTHER;
  if (def.type === TSESLint.Scope.DefinitionType.Parameter)
    return parameterSource(def.node as FunctionNode, def.name as TSESTree.Identifier, model, depth);
  if (def.type !== TSESLint.Scope.DefinitionType.Variable) return OTHER;
  const declarator = def.node;
  if (!declarator.init || variable!.references.some((reference) => reference.isWrite() && reference.init !== true))
    return OTHER;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return signalSourceOf(declarator.init, model, depth + 1);
  // `const { signal } = this.#controller`
  if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && destructuresSignal(declarator.id, def.name)) {
    const key = controllerKeyOf(skipWrappers(declarator.init), model, depth + 1);
    if (key !== null) return { kind: 'controller', key };
  }
  return OTHER;
}

/** The key of an instance's controller: `this.#controller`, or a `const` alias of it. */
function controllerKeyOf(node: TSESTree.Expression, model: ResourceModel, depth: number): string | null {
  if (depth > MAX_DEPTH) return null;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipWrappers(node.object);
    return object.type === AST_NODE_TYPES.ThisExpression && isReference(node) ? referenceKey(node, model) : null;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(node), node.name);
  const def = variable?.defs.length === 1 ? variable.defs[0]! : null;
  if (
    def?.type !== TSESLint.Scope.DefinitionType.Variable ||
    def.node.id.type !== AST_NODE_TYPES.Identifier ||
    !def.node.init
  )
    return null;
  if (variable!.references.some((reference) => reference.isWrite() && reference.init !== true)) return null;
  return controllerKeyOf(skipWrappers(def.node.init), model, depth + 1);
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
  if (
    index < 0 ||
    method?.type !== AST_NODE_TYPES.MethodDefinition ||
    method.value !== fn ||
    method.parent.type !== AST_NODE_TYPES.ClassBody
  )
    return OTHER;
  const methodName =
    method.key.type === AST_NODE_TYPES.PrivateIdentifier
      ? `#${method.key.name}`
      : method.computed
        ? null
        : method.key.type === AST_NODE_TYPES.Identifier
          ? method.key.name
          : null;
  if (methodName === null) return OTHER;
  const classNode = method.parent.parent;
  let found: SignalSource | null = null;
  let other = false;
  walk(model.sourceCode.visitorKeys, classNode.body, (node) => {
    if (other) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = skipWrappers(node.callee);
    if (
      callee.type !== AST_NODE_TYPES.MemberExpression ||
      callee.object.type !== AST_NODE_TYPES.ThisExpression ||
      memberName(callee) !== methodName
    )
      return;
    const argument = node.arguments[index];
    const source =
      argument && argument.type !== AST_NODE_TYPES.SpreadElement ? signalSourceOf(argument, model, depth + 1) : OTHER;
    if (source.kind === 'controller') found ??= source;
    else other = true;
  });
  return found && !other ? found : OTHER;
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
