/**
 * What a class owns: the fields that hold a resource the class itself created (`this.conn = await pool.connect()`,
 * `#watcher = fs.watch(dir)`, `this.worker = new Worker(file)`), and where the class releases, uses or hands on each.
 * Objects the class receives (a constructor parameter, `this.pool = pool`) are not owned: nothing here follows them.
 *
 * Used by `dispose-owned-resources` (through `fields.ts`). One walk over the class body; memoised per class.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { DisposableQuery } from '../resources/disposables.js';
import { referenceKey } from '../resources/scope.js';
import type { ResourceModel } from '../resources/match.js';
import { releaseMethodNames } from '../resources/owned.js';
import { ownedResourceAt, type Resource } from '../resources/recognize.js';
import { isTransparentWrapper, skipWrappers } from '../util/ast.js';
import { walk } from '../util/walk.js';
import { classifyReference } from './references.js';
import { thisClassOf, type ClassMethod, type ClassNode } from './teardown.js';

/** One place where the class stores a resource it created in the field. */
export interface FieldCreation {
  /** `this.conn = …` or the field definition `#conn = …`. */
  readonly store: TSESTree.AssignmentExpression | TSESTree.PropertyDefinition;
  /** The node that names the field there: the assigned member, or the definition's key. */
  readonly target: TSESTree.Node;
  readonly resource: Resource;
}

export interface OwnedField {
  /** `this.conn`, `this.#conn`. */
  readonly key: string;
  /** Creations in source order (at least one); the first one names the resource in messages. */
  readonly creations: readonly [FieldCreation, ...FieldCreation[]];
  /** Calls that release the field: `this.conn.end()`, `this.conn?.close()`, `clearInterval(this.timer)`, `this.release()`. */
  readonly releases: readonly TSESTree.CallExpression[];
  /**
   * Other calls the field is passed to (`closeQuietly(this.fh)`, `registry.add(this.worker)`, `this.run(this.conn)`):
   * a release where the class tears down, a hand-off anywhere else.
   */
  readonly passes: readonly TSESTree.CallExpression[];
  /** The field's value is handed to other code outside a release (`registry.add(this.worker)`, `other.conn = this.conn`). */
  readonly handedOff: boolean;
}

const cache = new WeakMap<ClassNode, { query: DisposableQuery | null; fields: readonly OwnedField[] }>();

/**
 * The owned fields of `classNode`, in the order of their first creation. `stores` are the class's candidate
 * assignments (`this.x = <call or new>`, see {@link storeOwnerOf}) when the caller has collected them while ESLint
 * walks the file; without them, the class body is walked once more to find them.
 */
export function ownedFieldsOf(
  classNode: ClassNode,
  model: ResourceModel,
  query: DisposableQuery | null,
  stores?: readonly TSESTree.AssignmentExpression[],
): readonly OwnedField[] {
  const cached = cache.get(classNode);
  if (cached && cached.query === query) return cached.fields;
  const fields = computeOwnedFields(classNode, model, query, stores ?? collectStores(classNode, model));
  cache.set(classNode, { query, fields });
  return fields;
}

/**
 * The class whose field a candidate assignment may fill with a new resource: `this.x = f()`, `this.#x ??= new X()`,
 * `this.x = await f()` in an instance method (or a callback in one); null for any other node. Cheap shape tests first.
 */
export function storeOwnerOf(node: TSESTree.AssignmentExpression): ClassNode | null {
  if (!isStoringOperator(node.operator) || !mayCreate(node.right)) return null;
  const left = skipWrappers(node.left);
  if (
    left.type !== AST_NODE_TYPES.MemberExpression ||
    left.object.type !== AST_NODE_TYPES.ThisExpression ||
    !isStaticMember(left)
  )
    return null;
  return thisClassOf(left)?.classNode ?? null;
}

function collectStores(classNode: ClassNode, model: ResourceModel): TSESTree.AssignmentExpression[] {
  const stores: TSESTree.AssignmentExpression[] = [];
  walk(model.sourceCode.visitorKeys, classNode.body, (node) => {
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && storeOwnerOf(node) === classNode) stores.push(node);
    return undefined;
  });
  return stores;
}

function computeOwnedFields(
  classNode: ClassNode,
  model: ResourceModel,
  query: DisposableQuery | null,
  stores: readonly TSESTree.AssignmentExpression[],
): OwnedField[] {
  const creations = new Map<string, [FieldCreation, ...FieldCreation[]]>();
  const members = new Map<string, [TSESTree.MemberExpression, ...TSESTree.MemberExpression[]]>();
  const aliases: { name: TSESTree.Identifier; key: string; declarator: TSESTree.VariableDeclarator }[] = [];
  const add = <T>(map: Map<string, [T, ...T[]]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  // 1. Creations: field initialisers and `this.x = <call or new>` (the resource model only for those shapes).
  for (const member of classNode.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition || member.static || !member.value) continue;
    const key = fieldKey(member);
    if (key === null) continue;
    const resource = mayCreate(member.value) ? ownedResourceAt(model, member.value, query) : null;
    if (resource) add(creations, key, { store: member, target: member.key, resource });
  }
  for (const store of [...stores].sort((a, b) => a.range[0] - b.range[0])) {
    const resource = ownedResourceAt(model, store.right, query);
    const left = skipWrappers(store.left);
    if (resource) add(creations, referenceKey(left, model), { store, target: left, resource });
  }
  if (creations.size === 0) return [];

  // 2. Every other reference to those fields, and local names for them.
  walk(model.sourceCode.visitorKeys, classNode.body, (node) => {
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (node.object.type !== AST_NODE_TYPES.ThisExpression || !isStaticMember(node)) return;
      const key = referenceKey(node, model);
      if (creations.has(key) && thisClassOf(node)?.classNode === classNode) add(members, key, node);
      return;
    }
    // `const { conn } = this;` / `const conn = this.conn;`: a local name for a field (followed for releases).
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      const init = skipWrappers(node.init);
      if (
        node.id.type === AST_NODE_TYPES.Identifier &&
        init.type === AST_NODE_TYPES.MemberExpression &&
        init.object.type === AST_NODE_TYPES.ThisExpression
      ) {
        if (isStaticMember(init) && thisClassOf(init)?.classNode === classNode)
          aliases.push({ name: node.id, key: referenceKey(init, model), declarator: node });
      } else if (
        node.id.type === AST_NODE_TYPES.ObjectPattern &&
        init.type === AST_NODE_TYPES.ThisExpression &&
        thisClassOf(init)?.classNode === classNode
      ) {
        for (const property of node.id.properties) {
          if (
            property.type !== AST_NODE_TYPES.Property ||
            property.computed ||
            property.key.type !== AST_NODE_TYPES.Identifier
          )
            continue;
          const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
          if (value.type === AST_NODE_TYPES.Identifier)
            aliases.push({ name: value, key: `this.${property.key.name}`, declarator: node });
        }
      }
    }
    return undefined;
  });

  const fields: OwnedField[] = [];
  for (const [key, made] of creations) {
    const resource = made[0].resource;
    const releases: TSESTree.CallExpression[] = [];
    const passes: TSESTree.CallExpression[] = [];
    let handedOff = false;
    const stores = new Set<TSESTree.Node>(made.map((creation) => creation.target));
    for (const member of members.get(key) ?? []) {
      if (stores.has(member)) continue;
      const role = roleOf(model, member, resource);
      if (role.type === 'release') releases.push(role.call);
      else if (role.type === 'pass') passes.push(role.call);
      else if (role.type === 'escape') handedOff = true;
    }
    for (const alias of aliases) {
      if (alias.key !== key) continue;
      for (const variable of model.sourceCode.getDeclaredVariables(alias.declarator)) {
        if (variable.name !== alias.name.name) continue;
        for (const reference of variable.references) {
          if (reference.init === true || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
          const role = roleOf(model, reference.identifier, resource);
          if (role.type === 'release') releases.push(role.call);
          else if (role.type === 'pass') passes.push(role.call);
        }
      }
    }
    releases.sort((a, b) => a.range[0] - b.range[0]);
    fields.push({ key, creations: made, releases, passes, handedOff });
  }
  return fields.sort((a, b) => a.creations[0].store.range[0] - b.creations[0].store.range[0]);
}

type Role =
  | { readonly type: 'release'; readonly call: TSESTree.CallExpression }
  | { readonly type: 'pass'; readonly call: TSESTree.CallExpression }
  | { readonly type: 'use' }
  | { readonly type: 'escape' };

/**
 * What one reference to the field (or a local alias of it) does, by the one classifier (`references.ts`): releases
 * it (`this.conn.end()`, `this.conn?.close()`, `clearInterval(this.timer)`, `pool.release(this.res)`,
 * `this.release()`), passes it to another call, uses it (also `fs.writeSync(this.fd, …)`: `usedByModules`), or
 * hands it on. This analysis's policy for a field: the class
 * keeps owning a value it returns, declares under a local name or stores in another of its fields; putting it in an
 * array or object, spreading or yielding it, storing it outside the class or giving it to a constructor hands it on.
 */
function roleOf(model: ResourceModel, node: TSESTree.Expression, resource: Resource): Role {
  const release = resource.release;
  const reference = classifyReference(
    node,
    {
      methods: new Set([...(release.methods ?? []), ...releaseMethodNames]),
      symbols: true,
      callValue: release.callValue ?? false,
      receiverMethods: release.receiverMethods ?? [],
      functions: release.functions ?? [],
    },
    { modules: resource.acquisition?.resource.usedByModules ?? [], model },
  );
  switch (reference.role) {
    case 'release':
      return { type: 'release', call: reference.call };
    case 'pass':
      return reference.call.type === AST_NODE_TYPES.CallExpression
        ? { type: 'pass', call: reference.call }
        : { type: 'escape' };
    case 'flow':
      switch (reference.how) {
        case 'element':
        case 'property':
        case 'spread':
        case 'yield':
          return { type: 'escape' };
        case 'assign':
          return reference.target && isThisMember(reference.target) ? { type: 'use' } : { type: 'escape' };
        default:
          return { type: 'use' };
      }
    default:
      return { type: 'use' };
  }
}

function isThisMember(node: TSESTree.Node): boolean {
  let expression = node;
  while (isTransparentWrapper(expression)) expression = expression.expression;
  return (
    expression.type === AST_NODE_TYPES.MemberExpression && expression.object.type === AST_NODE_TYPES.ThisExpression
  );
}

/** `this.x`, `this.#x`, `this['x']`: a field the key names. */
function isStaticMember(node: TSESTree.MemberExpression): boolean {
  return !node.computed || node.property.type === AST_NODE_TYPES.Literal;
}

/**
 * `f()`, `new X()`, `await f()` (through wrappers): the shapes of a creation this analysis follows. A creation under a
 * condition (`c ? new X() : null`, `a ?? new X()`) is left alone on purpose: the field may hold something else.
 */
function mayCreate(value: TSESTree.Expression): boolean {
  let node = skipWrappers(value);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipWrappers(node.argument);
  return node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression;
}

function isStoringOperator(operator: string): boolean {
  return operator === '=' || operator === '??=' || operator === '||=';
}

/** `this.conn` / `this.#conn` for a field definition, or null for computed and static keys. */
export function fieldKey(member: TSESTree.PropertyDefinition): string | null {
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `this.#${member.key.name}`;
  if (!member.computed && member.key.type === AST_NODE_TYPES.Identifier) return `this.${member.key.name}`;
  if (member.key.type === AST_NODE_TYPES.Literal && typeof member.key.value === 'string')
    return `this.${member.key.value}`;
  return null;
}

/** A method's block body; null for an arrow function with an expression body (`stop = () => clearInterval(t)`). */
export function blockBodyOf(method: ClassMethod): TSESTree.BlockStatement | null {
  const body = method.fn.body;
  return body.type === AST_NODE_TYPES.BlockStatement ? body : null;
}
