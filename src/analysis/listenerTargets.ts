/**
 * Does a listener's target outlive the code that adds the listener? A global, a module-level value, a parameter of an
 * enclosing function, a component's props, or (with `injected`) an object a class was handed: each stays alive after
 * the owner's run, and with it every listener the owner left on it. A value the owner made itself dies with it.
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { referenceKey } from '../resources/scope.js';
import { isGlobalTarget, isStandardInput, type ListenerAddition } from '../resources/listeners.js';
import type { ResourceModel } from '../resources/match.js';
import { contains, skipWrappers } from '../util/ast.js';
import { classListenerFacts } from './listenerFacts.js';
import { classifyReference, NO_RELEASE } from './references.js';
import { isPrivateHelper, type InstanceOwner, type ShortLivedOwner } from './owners.js';
import { thisClassOf } from './teardown.js';

/**
 * Every key a removal may name the target by: its own (`socket`) and the fields of the owner's class the same object
 * is stored in (`this.socket` after `this.socket = socket`).
 */
export type TargetKeys = readonly [string, ...string[]];

/** How far `const bus = this.bus`-style aliases are followed. */
const MAX_ALIAS_DEPTH = 4;

/**
 * The keys of the addition's target when it clearly outlives `owner` (a global, a module-level value, a parameter, an
 * injected field), else null. `injected`: a class's listeners on objects it was handed count too.
 */
export function outlivingTargetKeys(
  addition: ListenerAddition,
  owner: ShortLivedOwner,
  model: ResourceModel,
  injected: boolean,
): TargetKeys | null {
  const key = addition.targetKey;
  if (isGlobalTarget(addition.target, model))
    return owner.kind === 'instance' && isStandardInput(addition.target, model) ? null : [key];
  const aliases = outlivingAliases(addition.target, { owner, model, injected }, 0);
  return aliases === null ? null : [key, ...aliases];
}

interface Search {
  readonly owner: ShortLivedOwner;
  readonly model: ResourceModel;
  readonly injected: boolean;
}

const NO_ALIASES: readonly string[] = [];

/** Null unless `node` outlives the owner; else the other keys the same object is stored under in the owner's class. */
function outlivingAliases(node: TSESTree.Expression, search: Search, depth: number): readonly string[] | null {
  if (depth > MAX_ALIAS_DEPTH) return null;
  const target = skipWrappers(node);
  switch (target.type) {
    case AST_NODE_TYPES.ThisExpression:
      // An instance listening to its own events owns them; a per-event handler adding to the instance does not.
      return search.owner.kind === 'handler' && thisClassOf(target) !== null ? NO_ALIASES : null;
    case AST_NODE_TYPES.MemberExpression: {
      // An element of a collection (`this.streams[0]`, `list[i]`): whoever holds the collection manages it.
      if (target.computed && target.property.type !== AST_NODE_TYPES.Literal) return null;
      const object = skipWrappers(target.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) return fieldAliases(target, search);
      return object.type === AST_NODE_TYPES.MemberExpression || object.type === AST_NODE_TYPES.Identifier
        ? outlivingAliases(object, search, depth + 1)
        : null;
    }
    case AST_NODE_TYPES.Identifier:
      return identifierAliases(target, search, depth);
    default:
      return null;
  }
}

function identifierAliases(identifier: TSESTree.Identifier, search: Search, depth: number): readonly string[] | null {
  const { owner, model } = search;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(identifier), identifier.name);
  const def = variable?.defs[0];
  if (!variable || !def) return null;
  const variableScope = variable.scope.variableScope;
  const inOwner = contains(owner.fn, variableScope.block);
  switch (def.type) {
    case TSESLint.Scope.DefinitionType.ImportBinding:
      return NO_ALIASES;
    case TSESLint.Scope.DefinitionType.Parameter: {
      const fn = def.node;
      if (owner.kind === 'instance') return instanceParameterAliases(identifier, variable, fn, owner, search);
      // The component's props outlive one effect run; the effect's own parameters do not exist.
      if (owner.kind === 'effect' && owner.component !== null && fn === owner.component) return NO_ALIASES;
      // A handler's own parameters are the event's payload (`req`, `socket`): they live as long as the handler's work.
      return inOwner ? null : NO_ALIASES;
    }
    case TSESLint.Scope.DefinitionType.Variable: {
      // A module-level emitter, server or singleton lives as long as the program.
      if (
        variableScope.type === TSESLint.Scope.ScopeType.module ||
        variableScope.type === TSESLint.Scope.ScopeType.global
      )
        return NO_ALIASES;
      if (!inOwner) {
        if (owner.kind === 'effect' && owner.component !== null && variableScope.block === owner.component) return null;
        // Made by the enclosing function (`const stream = new Transform()`): it dies with that function's work.
        if (owner.kind === 'handler' && isMadeHere(def.node.init)) return null;
        return NO_ALIASES;
      }
      // A local: created here (dropped with the owner), or an alias of something longer-lived (`const bus = this.bus`).
      const init = def.node.init;
      if (!init || def.node.id.type !== AST_NODE_TYPES.Identifier || !isOnlyWrittenOnce(variable)) return null;
      const value = skipWrappers(init);
      return value.type === AST_NODE_TYPES.Identifier ||
        value.type === AST_NODE_TYPES.MemberExpression ||
        value.type === AST_NODE_TYPES.ThisExpression
        ? outlivingAliases(value, search, depth + 1)
        : null;
    }
    default:
      return null;
  }
}

/** A parameter seen from a class member: of a function around the class, of the member itself, or of a callback. */
function instanceParameterAliases(
  identifier: TSESTree.Identifier,
  variable: TSESLint.Scope.Variable,
  fn: TSESTree.Node,
  owner: InstanceOwner,
  search: Search,
): readonly string[] | null {
  // A parameter of a function around the class (a factory's `bus`) outlives every instance it makes.
  if (!contains(owner.fn, fn)) return NO_ALIASES;
  // Handed in: the method's own parameter (by its caller), or a callback's (by the API the method calls: the `res` of
  // `http.get(url, (res) => …)`). Such an object most often shares the instance's life or ends with the call, so it is
  // reported only with `injected: true`.
  if (!search.injected) return null;
  if (fn !== owner.fn) return NO_ALIASES;
  // A private helper's parameter (`_attach(con)`, `#wire(socket)`) is whatever the class passes in: its own.
  if (isPrivateHelper(owner)) return null;
  const aliases = parameterFields(variable, search.model);
  const destroyed = classListenerFacts(owner.classNode, search.model).destroyed;
  // The class ends the object's life itself (`this.socket.destroy()`): it owns the object, and its listeners with it.
  return [identifier.name, ...aliases].some((key) => destroyed.has(key)) ? null : aliases;
}

/** `this.bus`: a field the class was given (injected), or one it creates and owns. */
function fieldAliases(field: TSESTree.MemberExpression, search: Search): readonly string[] | null {
  const { owner, model } = search;
  // A per-event handler in a class adds to the instance's fields, which outlive one event; effects have no `this`.
  if (owner.kind !== 'instance') return owner.kind === 'handler' && thisClassOf(field) !== null ? NO_ALIASES : null;
  // An injected field is reported only with `injected: true` (see instanceParameterAliases).
  if (!search.injected) return null;
  const key = referenceKey(field, model);
  const facts = classListenerFacts(owner.classNode, model);
  // Injected: every value the class stores there comes from a parameter (`this.bus = bus`, `this.bus = opts.bus`), or
  // the class never stores one (set from outside, by a base class or a decorator). Anything else the class made.
  return facts.destroyed.has(key) || facts.madeFields.has(key) ? null : NO_ALIASES;
}

/** `new X()`, `create()`, `await open()`: a value the code makes itself. */
function isMadeHere(node: TSESTree.Expression | null): boolean {
  if (!node) return false;
  let value = skipWrappers(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
  return value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.CallExpression;
}

function isOnlyWrittenOnce(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.filter((reference) => reference.isWrite()).length <= 1;
}

/** The fields a parameter is stored in: `this.socket = socket` gives `this.socket`. */
function parameterFields(variable: TSESLint.Scope.Variable, model: ResourceModel): string[] {
  const fields: string[] = [];
  for (const reference of variable.references) {
    // `this.socket = socket`: the parameter flows into a field by a plain assignment.
    const flow = classifyReference(reference.identifier, NO_RELEASE);
    const assignment = flow.role === 'flow' && flow.how === 'assign' ? flow.target?.parent : undefined;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') continue;
    const left = skipWrappers(assignment.left);
    if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression)
      fields.push(referenceKey(left, model));
  }
  return fields;
}
