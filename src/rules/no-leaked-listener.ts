import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  classLifecycleOf,
  isInMethodCallback,
  methodContaining,
  runsAtTeardown,
  thisClassOf,
  type ClassLifecycle,
  type ClassNode,
} from '../analysis/teardown.js';
import {
  effectCallbackOf,
  effectHookNames,
  isAppLifetimeFunction,
  isAppLifetimeListener,
  isGlobalTarget,
  isListenerAdditionName,
  isListenerRemovalFor,
  isListenerRemovalName,
  isRequestHandler,
  listenerAdditionOf,
  listenerRemovalOf,
  memberName,
  referenceKey,
  runsAtMostOnce,
  teardownMethodNames,
  type ListenerAddition,
  type ListenerRemoval,
} from '../resources/handles.js';
import { resourceModel, type ResourceModel } from '../resources/match.js';
import {
  calleeName,
  enclosingFunction,
  parentThroughWrappers,
  propertyName,
  skipWrappers,
  type FunctionNode,
} from '../util/ast.js';
import { createRule } from '../util/createRule.js';
import { effectHooksOption, teardownMethodsOption } from '../util/schema.js';
import { walk } from '../util/walk.js';

export type Options = [
  {
    teardownMethods?: string[];
    effectHooks?: string[];
    injected?: boolean;
  },
];
export type MessageId = 'inlineHandler' | 'neverRemoved' | 'teardownMissesRemoval';

export default createRule<Options, MessageId>({
  name: 'no-leaked-listener',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow event listeners that a method, effect or handler adds to a longer-lived target without a way to remove them',
      recommended: 'strict',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...teardownMethodsOption,
          ...effectHooksOption,
          injected: {
            type: 'boolean',
            description:
              "Also report listeners a class adds to an object it was handed (a parameter, or a field set from one). Off by default: such an object most often shares the instance's life (a stream given to its parser, a pool given to its subscriber).",
          },
        },
      },
    ],
    messages: {
      neverRemoved:
        'The `{{type}}` listener `{{handler}}` that {{owner}} adds to {{target}} is never removed, so every {{unit}} adds one more and keeps it alive. Remove it in {{teardown}}, or pass `{ signal }` and abort it there.',
      teardownMissesRemoval:
        'The `{{type}}` listener `{{handler}}` that {{owner}} adds to {{target}} is removed by `{{method}}()` but not by {{teardown}}, so it stays registered after teardown. Remove it there too.',
      inlineHandler:
        'The `{{type}}` listener that {{owner}} adds to {{target}} is a function made in the call (inline or bound), so no removal can name it and every {{unit}} adds one more. Keep the handler in a variable or field and remove it in {{teardown}}, or pass `{ signal }` and abort it there.',
    },
    defaultOptions: [{ teardownMethods: [...teardownMethodNames], effectHooks: [...effectHookNames], injected: false }],
  },
  create(context, [options]) {
    const settings: Settings = {
      teardownMethods: options.teardownMethods ?? teardownMethodNames,
      effectHooks: options.effectHooks ?? effectHookNames,
      injected: options.injected ?? false,
    };
    const model = resourceModel(context);

    return {
      CallExpression(node) {
        if (!isListenerAdditionName(calleeName(node))) return;
        const addition = listenerAdditionOf(node, model);
        if (!addition || addition.once || addition.signal !== null || isHandedToDestroyer(addition)) return;
        if (isAppLifetimeListener(addition, model)) return;
        const owner = ownerOf(node, settings, model);
        if (!owner || isGuardedByListenerCount(addition, owner)) return;
        // Added by a teardown method itself (`disconnect()` waiting for `close`): it fires once, at the end.
        if (owner.kind === 'instance' && isTeardownMethod(owner, model, settings)) return;
        const target = describeTarget(addition, owner, model, settings);
        if (target === null) return;
        const removal = removalOf(addition, owner, model, settings, target.keys);
        if (removal.kind === 'removed') return;
        report(
          context,
          model,
          settings,
          addition,
          owner,
          target.label,
          removal.kind === 'elsewhere' ? removal.method : null,
        );
      },
    };
  },
});

interface Settings {
  readonly teardownMethods: readonly string[];
  readonly effectHooks: readonly string[];
  /** Report a class's listeners on objects it was handed, too. */
  readonly injected: boolean;
}

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

/** The shorter-lived code that adds the listener. */
type Owner =
  /** A method, constructor or function-valued field of a class: runs per instance. */
  | {
      readonly kind: 'instance';
      readonly fn: FunctionNode;
      readonly classNode: ClassNode;
      readonly member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition;
    }
  /** A React-style effect callback: runs per mount (and per dependency change). */
  | {
      readonly kind: 'effect';
      readonly fn: FunctionNode;
      readonly hook: string;
      readonly component: FunctionNode | null;
    }
  /** A callback run per event or per request: `server.on('request', (req) => …)`, `app.get('/x', (req, res) => …)`. */
  | { readonly kind: 'handler'; readonly fn: FunctionNode };

/**
 * Walks out from the call to the code that owns it: callbacks that run in their enclosing function's lifecycle
 * (`.then(…)`, `new Promise(…)`, `forEach(…)`, a `once`/`close` handler) are looked through.
 */
function ownerOf(call: TSESTree.CallExpression, settings: Settings, model: ResourceModel): Owner | null {
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    if (isAppLifetimeFunction(fn)) return null;
    const { child, parent } = parentThroughWrappers(fn);
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== child) {
      const hook = effectCallbackOf(parent, settings.effectHooks) === fn ? calleeName(parent) : null;
      if (hook !== null) return { kind: 'effect', fn, hook, component: enclosingFunction(parent) };
      if (isRequestHandler(fn)) return { kind: 'handler', fn };
      const registration = listenerAdditionOf(parent, model);
      if (registration && registration.handler === child) {
        if (!runsAtMostOnce(registration) && !isAppLifetimeListener(registration, model))
          return { kind: 'handler', fn };
        if (isAppLifetimeListener(registration, model)) return null;
      }
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child) continue;
    if (
      (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
      parent.value === child &&
      parent.parent.type === AST_NODE_TYPES.ClassBody
    ) {
      if (parent.static) return null;
      return { kind: 'instance', fn, classNode: parent.parent.parent, member: parent };
    }
    // A plain function (declaration, object method, callback stored for later): its lifetime is unknown.
    return null;
  }
  return null;
}

interface Target {
  /** How the target reads in a message. */
  readonly label: string;
  /** The keys a removal may name the target by (`socket` and `this.socket` after `this.socket = socket`). */
  readonly keys: readonly string[];
}

const MAX_LABEL = 32;
const MAX_ALIAS_DEPTH = 4;

/** Null unless the target clearly outlives the owner: a global, a module-level value, a parameter, an injected field. */
function describeTarget(
  addition: ListenerAddition,
  owner: Owner,
  model: ResourceModel,
  settings: Settings,
): Target | null {
  const target = addition.target;
  const key = addition.targetKey;
  const label = key.length <= MAX_LABEL ? `\`${key}\`` : 'its target';
  if (isGlobalTarget(target, model))
    return owner.kind === 'instance' && isStandardInput(target, model) ? null : { label, keys: [key] };
  const lives = outlives(target, owner, model, settings, 0);
  if (!lives) return null;
  return { label, keys: [key, ...lives.aliases] };
}

interface Lives {
  /** Other keys the same object is stored under in the owner's class. */
  readonly aliases: readonly string[];
}

function outlives(
  node: TSESTree.Node,
  owner: Owner,
  model: ResourceModel,
  settings: Settings,
  depth: number,
): Lives | null {
  if (depth > MAX_ALIAS_DEPTH) return null;
  const target =
    node.type === AST_NODE_TYPES.Identifier ||
    node.type === AST_NODE_TYPES.MemberExpression ||
    node.type === AST_NODE_TYPES.ThisExpression
      ? node
      : skipWrappers(node as TSESTree.Expression);
  switch (target.type) {
    case AST_NODE_TYPES.ThisExpression:
      // An instance listening to its own events owns them; a per-event handler adding to the instance does not.
      return owner.kind === 'handler' && thisClassOf(target) !== null ? { aliases: [] } : null;
    case AST_NODE_TYPES.MemberExpression: {
      // An element of a collection (`this.streams[0]`, `list[i]`): whoever holds the collection manages it.
      if (target.computed && target.property.type !== AST_NODE_TYPES.Literal) return null;
      const object = skipWrappers(target.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) return fieldOutlives(target, owner, model, settings);
      return object.type === AST_NODE_TYPES.MemberExpression || object.type === AST_NODE_TYPES.Identifier
        ? outlives(object, owner, model, settings, depth + 1)
        : null;
    }
    case AST_NODE_TYPES.Identifier:
      return identifierOutlives(target, owner, model, settings, depth);
    default:
      return null;
  }
}

function identifierOutlives(
  identifier: TSESTree.Identifier,
  owner: Owner,
  model: ResourceModel,
  settings: Settings,
  depth: number,
): Lives | null {
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(identifier), identifier.name);
  if (!variable || variable.defs.length === 0) return null;
  const def = variable.defs[0]!;
  const scopeBlock = variable.scope.variableScope.block;
  const inOwner = owner.fn.range[0] <= scopeBlock.range[0] && scopeBlock.range[1] <= owner.fn.range[1];
  switch (def.type) {
    case TSESLint.Scope.DefinitionType.ImportBinding:
      return { aliases: [] };
    case TSESLint.Scope.DefinitionType.Parameter: {
      const fn = def.node;
      if (owner.kind === 'instance') {
        // A parameter of a function around the class (a factory's `bus`) outlives every instance it makes.
        if (!contains(owner.fn, fn)) return { aliases: [] };
        // Handed in: the method's own parameter (by its caller), or a callback's (by the API the method calls: the
        // `res` of `http.get(url, (res) => …)`). Such an object most often shares the instance's life or ends with
        // the call, so it is reported only with `injected: true`.
        if (!settings.injected) return null;
        if (fn !== owner.fn) return { aliases: [] };
        // A private helper's parameter (`_attach(con)`, `#wire(socket)`) is whatever the class passes in: its own.
        if (isPrivateHelper(owner)) return null;
        const aliases = fieldAliases(variable, model);
        return ownsAny(owner, [identifier.name, ...aliases], model) ? null : { aliases };
      }
      if (owner.kind === 'effect') {
        // The component's props outlive one effect run; the effect's own parameters do not exist.
        return owner.component !== null && fn === owner.component ? { aliases: [] } : inOwner ? null : { aliases: [] };
      }
      // A handler's own parameters are the event's payload (`req`, `socket`): they live as long as the handler's work.
      return inOwner ? null : { aliases: [] };
    }
    case TSESLint.Scope.DefinitionType.Variable: {
      // A module-level emitter, server or singleton lives as long as the program.
      if (variable.scope.variableScope.type === 'module' || variable.scope.variableScope.type === 'global')
        return { aliases: [] };
      if (!inOwner) {
        if (
          owner.kind === 'effect' &&
          owner.component !== null &&
          variable.scope.variableScope.block === owner.component
        )
          return null;
        // Made by the enclosing function (`const stream = new Transform()`): it dies with that function's work.
        if (owner.kind === 'handler' && isMadeHere(def.node.init)) return null;
        return { aliases: [] };
      }
      // A local: created here (dropped with the owner), or an alias of something longer-lived (`const bus = this.bus`).
      const init = def.node.init;
      if (!init || def.node.id.type !== AST_NODE_TYPES.Identifier || !isOnlyWrittenOnce(variable)) return null;
      const value = skipWrappers(init);
      if (
        value.type === AST_NODE_TYPES.Identifier ||
        value.type === AST_NODE_TYPES.MemberExpression ||
        value.type === AST_NODE_TYPES.ThisExpression
      ) {
        return outlives(value, owner, model, settings, depth + 1);
      }
      return null;
    }
    default:
      return null;
  }
}

/** `this.bus`: a field the class was given (injected), or one it creates and owns. */
function fieldOutlives(
  field: TSESTree.MemberExpression,
  owner: Owner,
  model: ResourceModel,
  settings: Settings,
): Lives | null {
  // A per-event handler in a class adds to the instance's fields, which outlive one event; effects have no `this`.
  if (owner.kind !== 'instance')
    return owner.kind === 'handler' && thisClassOf(field) !== null ? { aliases: [] } : null;
  // An injected field is reported only with `injected: true` (see the parameter case in identifierOutlives).
  if (!settings.injected) return null;
  const key = referenceKey(field, model);
  const facts = classFactsOf(owner.classNode, model);
  // Injected: every value the class stores there comes from a parameter (`this.bus = bus`, `this.bus = opts.bus`), or
  // the class never stores one (set from outside, by a base class or a decorator). Anything else the class made.
  return facts.destroyed.has(key) || facts.madeFields.has(key) ? null : { aliases: [] };
}

/** What one class does, collected in one walk and shared by every listener the class adds. */
interface ClassFacts {
  /** Every listener removal in the class. */
  readonly removals: readonly ListenerRemoval[];
  /** Keys of objects the class destroys: `this.socket.destroy()`, `destroy(socket)`. */
  readonly destroyed: ReadonlySet<string>;
  /** `this.x` keys the class stores something in that is not a parameter (`this.bus = new EventEmitter()`). */
  readonly madeFields: ReadonlySet<string>;
}

const classFacts = new WeakMap<ClassNode, ClassFacts>();

function classFactsOf(classNode: ClassNode, model: ResourceModel): ClassFacts {
  let facts = classFacts.get(classNode);
  if (facts) return facts;
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
        if (!DESTROYERS.has(name)) return;
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
  facts = { removals, destroyed, madeFields };
  classFacts.set(classNode, facts);
  return facts;
}

function propertyKeyText(node: TSESTree.PropertyDefinition): string | null {
  if (node.computed) return null;
  if (node.key.type === AST_NODE_TYPES.PrivateIdentifier) return `this.#${node.key.name}`;
  if (node.key.type === AST_NODE_TYPES.Identifier) return `this.${node.key.name}`;
  return null;
}

/** `new X()`, `create()`, `await open()`: a value the code makes itself. */
function isMadeHere(node: TSESTree.Expression | null): boolean {
  if (!node) return false;
  let value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
  return value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.CallExpression;
}

/** A method named `_x` or `#x` that the class itself calls: its arguments come from the class. */
function isPrivateHelper(owner: Extract<Owner, { kind: 'instance' }>): boolean {
  const member = owner.member;
  if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'method') return false;
  return (
    member.key.type === AST_NODE_TYPES.PrivateIdentifier ||
    (member.key.type === AST_NODE_TYPES.Identifier && member.key.name.startsWith('_'))
  );
}

/**
 * The addition runs only while the target has no such listener: `if (emitter.listenerCount('error') === 0)`,
 * `if (!target.listeners(name).length)`. Idempotent, so never more than one.
 */
function isGuardedByListenerCount(addition: ListenerAddition, owner: Owner): boolean {
  let child: TSESTree.Node = addition.call;
  for (
    let parent: TSESTree.Node | undefined = child.parent;
    parent && child !== owner.fn;
    child = parent, parent = parent.parent
  ) {
    const test =
      (parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) &&
      parent.test !== child
        ? parent.test
        : parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child
          ? parent.left
          : null;
    if (test && mentionsListenerCount(test)) return true;
  }
  return false;
}

function mentionsListenerCount(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(node);
      return (
        name === 'listenerCount' ||
        name === 'listeners' ||
        node.arguments.some((argument) => mentionsListenerCount(argument))
      );
    }
    case AST_NODE_TYPES.MemberExpression:
      return mentionsListenerCount(node.object);
    case AST_NODE_TYPES.UnaryExpression:
      return mentionsListenerCount(node.argument);
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return mentionsListenerCount(node.left) || mentionsListenerCount(node.right);
    case AST_NODE_TYPES.ChainExpression:
      return mentionsListenerCount(node.expression);
    default:
      return false;
  }
}

/** A parameter, or a member of one (`bus`, `options.bus`, `opts?.target`): a value handed in by the caller. */
function isParameterValue(node: TSESTree.Node, model: ResourceModel): boolean {
  let value: TSESTree.Node = skipWrappers(node as TSESTree.Expression);
  while (value.type === AST_NODE_TYPES.MemberExpression) value = skipWrappers(value.object);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(value), value.name);
  return variable?.defs[0]?.type === TSESLint.Scope.DefinitionType.Parameter;
}

function isOnlyWrittenOnce(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.filter((reference) => reference.isWrite()).length <= 1;
}

/** The fields a parameter is stored in by the method: `this.socket = socket` gives `this.socket`. */
function fieldAliases(variable: TSESLint.Scope.Variable, model: ResourceModel): string[] {
  const aliases: string[] = [];
  for (const reference of variable.references) {
    const { child, parent } = parentThroughWrappers(reference.identifier);
    if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== child || parent.operator !== '=')
      continue;
    const left = skipWrappers(parent.left);
    if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression)
      aliases.push(referenceKey(left, model));
  }
  return aliases;
}

/** Methods that end the life of the object they are called on. */
const DESTROYERS: ReadonlySet<string> = new Set([
  'destroy',
  'end',
  'close',
  'terminate',
  'dispose',
  '@@dispose',
  '@@asyncDispose',
  'disconnect',
  'abort',
  'kill',
  'removeAllListeners',
  'unref',
]);

/** Does the class end the life of the object stored at one of `keys` (`this.socket.destroy()`, `socket.end()`)? */
function ownsAny(owner: Extract<Owner, { kind: 'instance' }>, keys: readonly string[], model: ResourceModel): boolean {
  const destroyed = classFactsOf(owner.classNode, model).destroyed;
  return keys.some((key) => destroyed.has(key));
}

/** `util.destroy(stream.on('error', noop))`, `stream.on('error', noop).destroy()`: the target is being destroyed. */
function isHandedToDestroyer(addition: ListenerAddition): boolean {
  const { child, parent } = parentThroughWrappers(addition.call);
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== child) {
    const name = calleeName(parent);
    return name !== null && DESTROYERS.has(name);
  }
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
    const name = propertyName(parent);
    return name !== null && DESTROYERS.has(name);
  }
  return false;
}

/** Is there a matching removal where the owner's lifecycle ends: in the class, in the effect, in the handler? */
type Removal =
  | { readonly kind: 'removed' }
  | { readonly kind: 'never' }
  /** Removed only by a method that the class's teardown does not reach. */
  | { readonly kind: 'elsewhere'; readonly method: string };

/**
 * Is there a matching removal where the owner's life ends? For an effect or a handler: anywhere inside it (its
 * cleanup, or the handler removing itself). For a class: in a teardown method or a method it calls through `this`, in
 * a callback (`socket.once('close', () => bus.off(…))`), or, when the class has no teardown method, anywhere but
 * right before the addition in the same method (`off` then `on` re-registers, it does not stop).
 */
function removalOf(
  addition: ListenerAddition,
  owner: Owner,
  model: ResourceModel,
  settings: Settings,
  keys: readonly string[],
): Removal {
  if (owner.kind !== 'instance') {
    let removed = false;
    walk(model.sourceCode.visitorKeys, owner.fn, (node) => {
      if (removed) return false;
      if (node.type !== AST_NODE_TYPES.CallExpression || !isListenerRemovalName(calleeName(node))) return;
      const removal = listenerRemovalOf(node, model);
      if (removal && isListenerRemovalFor(removal, addition, keys)) removed = true;
      return undefined;
    });
    return removed ? { kind: 'removed' } : { kind: 'never' };
  }
  const removals = classFactsOf(owner.classNode, model)
    .removals.filter((removal) => isListenerRemovalFor(removal, addition, keys))
    .map((removal) => removal.call);
  const lifecycle = classLifecycleOf(owner.classNode, model.sourceCode, settings.teardownMethods);
  // An abstract teardown method that subclasses implement may remove it: what it removes is theirs to say.
  if (removals.length === 0)
    return lifecycle.teardowns.length === 0 && lifecycle.deferredTeardown ? { kind: 'removed' } : { kind: 'never' };
  const stops = removals.filter(
    (removal) => !(enclosingFunction(removal) === owner.fn && removal.range[0] < addition.call.range[0]),
  );
  if (stops.length === 0) return { kind: 'never' };
  if (lifecycle.teardowns.length === 0) return { kind: 'removed' };
  if (stops.some((removal) => runsAtTeardown(lifecycle, removal) || isInMethodCallback(lifecycle, removal)))
    return { kind: 'removed' };
  const method = methodContaining(lifecycle, stops[0]!);
  return { kind: 'elsewhere', method: method?.name ?? 'another method' };
}

function report(
  context: Context,
  model: ResourceModel,
  settings: Settings,
  addition: ListenerAddition,
  owner: Owner,
  target: string,
  removedBy: string | null,
): void {
  const type =
    addition.type.type === AST_NODE_TYPES.Literal || addition.type.type === AST_NODE_TYPES.TemplateLiteral
      ? addition.typeKey
      : model.sourceCode.getText(addition.type);
  const data = { type, target, ...ownerWords(owner, model, settings) };
  if (addition.handlerKey === null) {
    context.report({ node: addition.call, messageId: 'inlineHandler', data });
    return;
  }
  const handler = addition.handlerKey.length <= MAX_LABEL ? addition.handlerKey : '…';
  if (removedBy !== null) {
    context.report({
      node: addition.call,
      messageId: 'teardownMissesRemoval',
      data: { ...data, handler, method: removedBy },
    });
    return;
  }
  context.report({ node: addition.call, messageId: 'neverRemoved', data: { ...data, handler } });
}

function ownerWords(
  owner: Owner,
  model: ResourceModel,
  settings: Settings,
): { owner: string; unit: string; teardown: string } {
  switch (owner.kind) {
    case 'instance': {
      const lifecycle: ClassLifecycle = classLifecycleOf(owner.classNode, model.sourceCode, settings.teardownMethods);
      const name =
        owner.member.type === AST_NODE_TYPES.MethodDefinition && owner.member.kind === 'constructor'
          ? 'the constructor'
          : `\`${memberName(owner.member) ?? 'method'}()\``;
      const teardown = lifecycle.teardowns[0];
      // The constructor runs once per instance; a method or a function-valued field runs per call.
      const perInstance = owner.member.type === AST_NODE_TYPES.MethodDefinition && owner.member.kind === 'constructor';
      return {
        owner: name,
        unit: perInstance ? 'instance' : 'call',
        teardown: teardown
          ? `\`${teardown.name ?? 'teardown'}()\``
          : 'a teardown method such as `close()` or `[Symbol.dispose]()`',
      };
    }
    case 'effect':
      return { owner: `this \`${owner.hook}\``, unit: 'effect run', teardown: 'the cleanup the effect returns' };
    case 'handler':
      return { owner: 'this handler', unit: 'call of the handler', teardown: 'the handler once its work is done' };
  }
}

/**
 * `process.stdin`: the program's own input, which a CLI command reads for as long as the program runs
 * (`process.stdin.on('data', …)` in `restart('-')`).
 */
function isStandardInput(target: TSESTree.Expression, model: ResourceModel): boolean {
  const node = skipWrappers(target);
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || propertyName(node) !== 'stdin') return false;
  const object = skipWrappers(node.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'process' && isGlobalTarget(object, model);
}

/** Is the owner one of the class's teardown methods (by name), not merely code a teardown reaches? */
function isTeardownMethod(
  owner: Extract<Owner, { kind: 'instance' }>,
  model: ResourceModel,
  settings: Settings,
): boolean {
  const lifecycle = classLifecycleOf(owner.classNode, model.sourceCode, settings.teardownMethods);
  return lifecycle.teardowns.some((teardown) => teardown.fn === owner.fn);
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
