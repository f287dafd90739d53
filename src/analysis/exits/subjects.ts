/**
 * The subjects of the release lattice: what holds an acquired resource in one recorded function (a binding, a `using`
 * binding, or the receiver of floating acquisitions), which nodes write it and with what, which calls release it
 * (and whether each release is guarded on the value being present), and which references need it live.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { ResourceModel } from '../../resources/match.js';
import { contains, enclosingFunction, parentThroughWrappers, skipWrappers } from '../../util/ast.js';
import { roleOf, type Lifetime, type ReleaseSite } from '../lifetime.js';
import { classifyReference, isConsumingUse, isPassedOn, NO_RELEASE } from '../references.js';
import { pendingInitialiser } from '../pending.js';
import type { FunctionPaths } from './codePaths.js';
import { bindingNamed, isPresenceGuarded } from './guards.js';

type Variable = TSESLint.Scope.Variable;

/** The binding holds null/undefined: declared without a value, or set to `null`/`undefined`. */
export const NONE = 1;
/** As NONE, on a path that an exception took (the acquisition, or code before it, threw). */
export const NONE_THROWN = 2;
/** The binding holds a live resource. */
export const HELD = 4;
/** The resource was released; the release sites that did it are in the bits from SITE_SHIFT up. */
export const RELEASED = 8;
/** The binding holds something this analysis does not follow. */
export const OTHER = 16;
export const STATE_BITS = NONE | NONE_THROWN | HELD | RELEASED | OTHER;
export const SITE_SHIFT = 5;
export const MAX_SITE = 31 - SITE_SHIFT - 1;
/** A write that keeps the old value on some paths: `x ??= y`. */
export const MAYBE_OTHER = -1;

/** A release site of a subject. */
export interface SubjectRelease {
  readonly site: ReleaseSite;
  /** The site's index in `Subject.sites`. */
  readonly index: number;
  /** The release is skipped when the binding holds nothing (`x?.release()`, `if (x) x.release()`). */
  readonly guarded: boolean;
}

export interface SubjectBase {
  /** The first acquisition: names the resource in messages. */
  readonly lifetime: Lifetime;
  readonly variable: Variable | null;
  readonly entry: number;
  /** Node whose entry writes the binding → the state written (or MAYBE_OTHER). */
  readonly writes: Map<TSESTree.Node, number>;
  /** Node whose exit completes a release (the call, or the `await` around it) → that release. */
  readonly releases: Map<TSESTree.Node, SubjectRelease>;
  /** The release sites in source order. */
  readonly sites: readonly ReleaseSite[];
  readonly uses: ReadonlySet<TSESTree.Node>;
  readonly idempotent: boolean;
}

export type Subject =
  | (SubjectBase & { readonly kind: 'binding' | 'receiver'; readonly name: string | null })
  | (SubjectBase & { readonly kind: 'using'; readonly name: string; readonly declaration: 'using' | 'await using' });

/** Acquisitions grouped by what holds them; a group has at least one. */
type Group = readonly [Lifetime, ...Lifetime[]];

/**
 * The subjects of the lifetimes acquired in one recorded function, grouped by what holds them: a binding (every
 * acquisition assigned to it: reassignment starts a new lifetime), a `using` binding, or the receiver of floating
 * acquisitions (`await sema.acquire(); … sema.release()`). A binding also written from a nested function is skipped:
 * a closure may change it at any time.
 */
export function subjectsOf(model: ResourceModel, paths: FunctionPaths, lifetimes: readonly Lifetime[]): Subject[] {
  const bindings = new Map<Variable, [Lifetime, ...Lifetime[]]>();
  const receivers = new Map<string, [Lifetime, ...Lifetime[]]>();
  const subjects: Subject[] = [];
  for (const lifetime of lifetimes) {
    if ((lifetime.form === 'declared' || lifetime.form === 'assigned') && lifetime.variable) {
      const group = bindings.get(lifetime.variable);
      if (group) group.push(lifetime);
      else bindings.set(lifetime.variable, [lifetime]);
    } else if (lifetime.form === 'floating' && lifetime.releases.length > 1) {
      const call = lifetime.acquisition.call;
      const argument = call.arguments[0];
      const key = `${model.keyOf(call.callee)}(${argument ? model.keyOf(argument) : ''})`;
      const group = receivers.get(key);
      if (group) group.push(lifetime);
      else receivers.set(key, [lifetime]);
    } else if (lifetime.form === 'using') {
      const subject = usingSubject(model, paths, lifetime);
      if (subject) subjects.push(subject);
    }
  }
  for (const [variable, group] of bindings) {
    const subject = bindingSubject(paths, variable, group);
    if (subject) subjects.push(subject);
  }
  for (const group of receivers.values()) subjects.push(receiverSubject(group));
  return subjects;
}

function bindingSubject(paths: FunctionPaths, variable: Variable, group: Group): Subject | null {
  const owner = paths.node;
  const acquisitions = new Set<TSESTree.Node>(
    group.flatMap((lifetime) => [lifetime.acquisition.call, ...pendingInitialiser(lifetime)]),
  );
  const writes = new Map<TSESTree.Node, number>();
  // `let x;` makes a fresh, empty binding each time it runs (in a loop body too); it is a declaration, not a write.
  for (const definition of variable.defs) {
    const node = definition.node;
    if (
      node.type === AST_NODE_TYPES.VariableDeclarator &&
      !node.init &&
      node.parent.kind !== 'var' &&
      !isLoopHead(node.parent)
    ) {
      writes.set(node, NONE);
    }
  }
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const identifier = reference.identifier;
    if (enclosingFunction(identifier) !== owner) return null;
    const { node, state } = writeOf(identifier, acquisitions);
    writes.set(node, state);
  }
  const references = variable.references.map((reference) => reference.identifier);
  const refersToBinding = (call: TSESTree.CallExpression): boolean =>
    references.some((identifier) => contains(call, identifier));
  const sites = new Map<TSESTree.CallExpression, ReleaseSite>();
  const uses = new Set<TSESTree.Node>();
  for (const lifetime of group) {
    // A release through the receiver (`mutex.release()`) is not tied to this binding's acquisition.
    for (const site of lifetime.releases) if (!site.nested && refersToBinding(site.call)) sites.set(site.call, site);
    for (const identifier of lifetime.uses)
      if (enclosingFunction(identifier) === owner && isConsumingUse(identifier)) uses.add(identifier);
    for (const escape of lifetime.escapes)
      if (enclosingFunction(escape) === owner && isPassedOn(escape)) uses.add(escape);
    // A lend reads the value: `fn(client)`, `create(data, { transaction: t })` (not `console.log(client)`).
    for (const borrow of lifetime.borrows)
      if (enclosingFunction(borrow) === owner && (isPassedOn(borrow) || !isPass(borrow))) uses.add(borrow);
  }
  const name = variable.name;
  const ordered = [...sites.values()].sort((a, b) => a.call.range[0] - b.call.range[0]);
  const idempotent = group[0].acquisition.resource.release.idempotent === true;
  return {
    kind: 'binding',
    lifetime: group[0],
    variable,
    name,
    entry: NONE,
    writes,
    ...releaseIndex(ordered, (site) => isPresenceGuarded(site.call, bindingNamed(name), owner)),
    // Releasing an idempotent handle only stops it (a timer, a releaser): using it afterwards is harmless.
    uses: idempotent ? new Set() : uses,
    idempotent,
  };
}

function usingSubject(model: ResourceModel, paths: FunctionPaths, lifetime: Lifetime): Subject | null {
  const owner = paths.node;
  // `using x = …` / `await using x = …` (the lifetime says so): the declarator around the acquisition binds one name.
  let declarator: TSESTree.Node | undefined = lifetime.acquisition.call.parent;
  while (declarator && declarator.type !== AST_NODE_TYPES.VariableDeclarator) declarator = declarator.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  const variable = model.sourceCode.getDeclaredVariables(declarator)[0];
  if (!variable) return null;
  const kind = declarator.parent.kind === 'await using' ? 'await using' : 'using';
  const sites: ReleaseSite[] = [];
  const uses = new Set<TSESTree.Node>();
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (
      reference.init === true ||
      identifier.type !== AST_NODE_TYPES.Identifier ||
      enclosingFunction(identifier) !== owner
    )
      continue;
    const role = roleOf(model, lifetime.acquisition, identifier);
    if (role.type === 'release') sites.push({ call: role.call, nested: false });
    else if (role.type === 'use' ? isConsumingUse(identifier) : isPassedOn(identifier)) uses.add(identifier);
  }
  return {
    kind: 'using',
    lifetime,
    variable,
    name: variable.name,
    entry: NONE,
    writes: new Map([[declarator, HELD]]),
    ...releaseIndex(sites, () => false),
    uses,
    idempotent: lifetime.acquisition.resource.release.idempotent === true,
    declaration: kind,
  };
}

/** Floating acquisitions on one receiver; receiver releases act on the shared receiver, so they are never idempotent. */
function receiverSubject(group: Group): Subject {
  const sites = new Map<TSESTree.CallExpression, ReleaseSite>();
  const writes = new Map<TSESTree.Node, number>();
  for (const lifetime of group) {
    writes.set(effectOf(lifetime.acquisition.call), HELD);
    for (const site of lifetime.releases) if (!site.nested) sites.set(site.call, site);
  }
  const ordered = [...sites.values()].sort((a, b) => a.call.range[0] - b.call.range[0]);
  return {
    kind: 'receiver',
    lifetime: group[0],
    variable: null,
    name: null,
    entry: OTHER,
    writes,
    ...releaseIndex(ordered, () => false),
    uses: new Set(),
    idempotent: false,
  };
}

/** An argument of a call (`fn(client)`), as opposed to an element of a literal argument (`fn({ client })`). */
function isPass(node: TSESTree.Node): boolean {
  return classifyReference(node, NO_RELEASE).role === 'pass';
}

function releaseIndex(
  sites: readonly ReleaseSite[],
  isGuardedSite: (site: ReleaseSite) => boolean,
): Pick<SubjectBase, 'releases' | 'sites'> {
  const releases = new Map<TSESTree.Node, SubjectRelease>();
  sites.forEach((site, index) => releases.set(effectOf(site.call), { site, index, guarded: isGuardedSite(site) }));
  return { releases, sites };
}

/** The call, or the `await` around it: a release or acquisition is complete when the awaited promise settles. */
function effectOf(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Node {
  const { child, parent } = parentThroughWrappers(call);
  return parent?.type === AST_NODE_TYPES.AwaitExpression && parent.argument === child ? parent : call;
}

/** The `let x` of `for (let x of …)` / `for (let x in …)`: each pass binds the next value. */
function isLoopHead(declaration: TSESTree.VariableDeclaration): boolean {
  const parent = declaration.parent;
  return (
    (parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) &&
    parent.left === declaration
  );
}

/** Where a write to the binding takes effect, and what it leaves the binding holding. */
function writeOf(
  identifier: TSESTree.Node,
  acquisitions: ReadonlySet<TSESTree.Node>,
): { node: TSESTree.Node; state: number } {
  const { child, parent } = parentThroughWrappers(identifier);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === child) {
    if (parent.operator === '=') return { node: parent, state: valueState(parent.right, acquisitions) };
    const logical = parent.operator === '&&=' || parent.operator === '||=' || parent.operator === '??=';
    return { node: parent, state: logical ? MAYBE_OTHER : OTHER };
  }
  // A declarator, also through a destructuring pattern: `const [, release] = await semaphore.acquire()`.
  let declarator: TSESTree.Node | undefined = parent;
  while (
    declarator &&
    (declarator.type === AST_NODE_TYPES.ArrayPattern ||
      declarator.type === AST_NODE_TYPES.ObjectPattern ||
      declarator.type === AST_NODE_TYPES.Property ||
      declarator.type === AST_NODE_TYPES.AssignmentPattern ||
      declarator.type === AST_NODE_TYPES.RestElement)
  ) {
    declarator = declarator.parent;
  }
  // A declarator's write is its initialiser (`let x;` has no write reference).
  if (
    declarator?.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.init &&
    contains(declarator.id, identifier)
  ) {
    return { node: declarator, state: valueState(declarator.init, acquisitions) };
  }
  return { node: identifier, state: OTHER };
}

function valueState(expression: TSESTree.Expression, acquisitions: ReadonlySet<TSESTree.Node>): number {
  let value = skipWrappers(expression);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipWrappers(value.argument);
  if (acquisitions.has(value)) return HELD;
  const nothing =
    (value.type === AST_NODE_TYPES.Literal && value.value === null && !('regex' in value && value.regex)) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void');
  return nothing ? NONE : OTHER;
}
