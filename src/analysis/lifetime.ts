import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import type { Acquisition, ResourceModel } from '../resources/match.js';
import { calleeName, enclosingFunction, parentThroughWrappers, skipWrappers, type FunctionNode } from '../util/ast.js';
import { walk } from '../util/walk.js';
import { awaitedBinding, continuedPromise, isPendingOperation } from './pending.js';
import { classifyReference, passKindOf } from './references.js';

/**
 * How the acquired value is held:
 * - `declared`: `const client = await pool.connect()` (also `let`, `var`, and `const [, release] = …`);
 * - `assigned`: `client = await pool.connect()` into a local `let`;
 * - `floating`: `await sema.acquire();`, released through the receiver;
 * - `using`: `using x = …` / `await using x = …`: released by construction;
 * - `handed-off`: returned, stored in a field or an outer variable, handed to a call that keeps it, yielded;
 * - `unsupported`: a shape the analysis does not follow (left alone, never reported).
 */
export type HoldForm = 'declared' | 'assigned' | 'floating' | 'using' | 'handed-off' | 'unsupported';

export interface ReleaseSite {
  /** The release call: `client.release()`, `release()`, `fs.closeSync(fd)`, `sema.release()`. */
  readonly call: TSESTree.CallExpression;
  /** The release runs in a function nested in the owner (a callback). */
  readonly nested: boolean;
}

export interface Lifetime {
  readonly acquisition: Acquisition;
  /** The function that owns the resource; null at module level (app lifetime). */
  readonly owner: FunctionNode | null;
  /** The statement that performs the acquisition. */
  readonly anchor: TSESTree.Statement | null;
  readonly form: HoldForm;
  /** The binding that holds the value, when there is one. */
  readonly variable: TSESLint.Scope.Variable | null;
  readonly name: string | null;
  /** Releases in source order. */
  readonly releases: readonly ReleaseSite[];
  /** References that use the value without releasing or handing it off. */
  readonly uses: readonly TSESTree.Identifier[];
  /** References that hand the value off (ownership transfer). */
  readonly escapes: readonly TSESTree.Node[];
  /**
   * References that lend the value to a call that uses it while this function keeps owning it: an argument, a
   * constructor argument or an element of a literal argument when this function releases the value itself outside a
   * `catch` (`await fn(client)` before `client.release()` in `finally`), and a property under a borrow key
   * (`{ transaction: t }`) always. See `references.ts` `passKindOf`.
   */
  readonly borrows: readonly TSESTree.Identifier[];
  /**
   * A conditional acquisition's other source: `this.runner` of `const runner = this.runner ?? ds.createQueryRunner()`
   * (also `||`). The binding holds a new resource only when it is empty, so a release guarded on it being empty
   * (`if (!this.runner) await runner.release()`) releases whenever there is something of ours to release.
   */
  readonly alternative: TSESTree.Expression | null;
}

/** Follows one acquired value through its function. Memoised per acquisition by `analysis/cache.ts`. */
export function computeLifetime(model: ResourceModel, acquisition: Acquisition): Lifetime {
  const owner = enclosingFunction(acquisition.call);
  const held = holdOf(model, acquisition, owner);
  const releases: ReleaseSite[] = [];
  const uses: TSESTree.Identifier[] = [];
  const escapes: TSESTree.Node[] = [];
  const borrows: TSESTree.Identifier[] = [];
  const lends: TSESTree.Identifier[] = [];

  if (held.variable && (held.form === 'declared' || held.form === 'assigned')) {
    for (const reference of held.variable.references) {
      const identifier = reference.identifier;
      if (identifier.type !== AST_NODE_TYPES.Identifier) continue;
      if (reference.init === true || (reference.isWrite() && !reference.isRead())) continue;
      const nested = owner !== null && enclosingFunction(identifier) !== owner;
      const role = roleOf(model, acquisition, identifier);
      if (role.type === 'release') releases.push({ call: role.call, nested });
      else if (role.type === 'use') uses.push(identifier);
      else if (role.type === 'borrow') borrows.push(identifier);
      else if (role.type === 'lend') lends.push(identifier);
      else escapes.push(identifier);
    }
  }
  if (owner && (held.form === 'declared' || held.form === 'assigned' || held.form === 'floating')) {
    receiverReleases(model, acquisition, owner, releases);
  }
  releases.sort((a, b) => a.call.range[0] - b.call.range[0]);
  // A function that releases the value itself, on the way out and not only when something failed, lends it; one that
  // releases it only in a `catch` hands it on when all goes well (`catch (e) { conn.release(); throw e; } cb(null, conn)`).
  if (owner && releases.some((site) => !insideCatchClause(site.call, owner))) borrows.push(...lends);
  else escapes.push(...lends);
  borrows.sort((a, b) => a.range[0] - b.range[0]);
  return {
    acquisition,
    owner,
    anchor: held.anchor,
    form: held.form,
    variable: held.variable,
    name: held.name,
    releases,
    uses,
    escapes,
    borrows,
    alternative: held.alternative,
  };
}

/** `node` runs in a `catch` clause of `owner` (not in a `finally` around one). */
function insideCatchClause(node: TSESTree.Node, owner: FunctionNode): boolean {
  for (let current = node.parent; current && current !== owner; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return true;
  }
  return false;
}

interface Held {
  readonly form: HoldForm;
  readonly anchor: TSESTree.Statement | null;
  readonly variable: TSESLint.Scope.Variable | null;
  readonly name: string | null;
  readonly alternative: TSESTree.Expression | null;
}

function holdOf(model: ResourceModel, acquisition: Acquisition, owner: FunctionNode | null): Held {
  // A call's promise may be held and awaited later; a per-call `new` client is the value itself.
  const call = acquisition.call.type === AST_NODE_TYPES.CallExpression ? acquisition.call : null;
  const pending = call && awaitedBinding(model, call);
  const none = { anchor: null, variable: null, name: null, alternative: null };
  if (pending === 'closure') return { form: 'handed-off', ...none };
  if (pending) return { ...declaredHold(model, pending.declarator, pending.id), alternative: null };
  if (call && (continuedPromise(model, call) || isPendingOperation(model, call)))
    return { form: 'unsupported', ...none };
  const held = holdByShape(model, acquisition, owner);
  return {
    ...held,
    alternative: held.form === 'declared' || held.form === 'assigned' ? alternativeOf(acquisition) : null,
  };
}

/** The acquisition, through `await`: `x`, `await x`. */
function acquiredValue(acquisition: Acquisition): { child: TSESTree.Node; parent: TSESTree.Node | undefined } {
  let { child, parent } = parentThroughWrappers(acquisition.call);
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) ({ child, parent } = parentThroughWrappers(parent));
  return { child, parent };
}

/** `this.runner` of `this.runner ?? ds.createQueryRunner()` / `existing || await pool.connect()`. */
function alternativeOf(acquisition: Acquisition): TSESTree.Expression | null {
  const { child, parent } = acquiredValue(acquisition);
  return parent?.type === AST_NODE_TYPES.LogicalExpression &&
    parent.right === child &&
    (parent.operator === '??' || parent.operator === '||')
    ? parent.left
    : null;
}

function holdByShape(
  model: ResourceModel,
  acquisition: Acquisition,
  owner: FunctionNode | null,
): Omit<Held, 'alternative'> {
  let { child, parent } = acquiredValue(acquisition);
  // A conditional acquisition is held by what holds the whole expression: `const runner = this.runner ?? create()`.
  if (alternativeOf(acquisition) && parent) ({ child, parent } = parentThroughWrappers(parent));
  const none = { anchor: null, variable: null, name: null };
  if (!parent) return { form: 'unsupported', ...none };
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== child) return { form: 'unsupported', ...none };
      const id = bindingOf(parent.id);
      if (!id) return { form: 'unsupported', anchor: parent.parent, variable: null, name: null };
      return declaredHold(model, parent, id);
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== child || parent.operator !== '=') return { form: 'unsupported', ...none };
      const left = skipWrappers(parent.left);
      const statement = parent.parent.type === AST_NODE_TYPES.ExpressionStatement ? parent.parent : null;
      if (left.type !== AST_NODE_TYPES.Identifier)
        return { form: 'handed-off', anchor: statement, variable: null, name: null };
      const variable = ASTUtils.findVariable(model.sourceCode.getScope(left), left.name);
      // Stored in a variable of an outer function or of the module: someone else owns it now.
      const declaredIn = variable?.defs[0]?.node;
      if (!variable || !declaredIn || owner === null || enclosingFunction(declaredIn) !== owner) {
        return { form: 'handed-off', anchor: statement, variable: null, name: left.name };
      }
      if (!statement) return { form: 'unsupported', anchor: null, variable, name: left.name };
      return { form: 'assigned', anchor: statement, variable, name: left.name };
    }
    case AST_NODE_TYPES.ExpressionStatement:
      return { form: 'floating', anchor: parent, variable: null, name: null };
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.SpreadElement:
      return { form: 'handed-off', ...none };
    default:
      return { form: 'unsupported', ...none };
  }
}

/** The value is held by `id`, a name that `declarator` declares (by construction in a `using` declaration). */
function declaredHold(
  model: ResourceModel,
  declarator: TSESTree.VariableDeclarator,
  id: TSESTree.Identifier,
): Omit<Held, 'alternative'> {
  const anchor = declarator.parent;
  if (anchor.kind === 'using' || anchor.kind === 'await using')
    return { form: 'using', anchor, variable: null, name: null };
  const variable =
    model.sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === id.name) ?? null;
  return { form: 'declared', anchor, variable, name: id.name };
}

/** The identifier a declarator binds: `x`, or the last element of `[value, release]`. */
function bindingOf(id: TSESTree.BindingName): TSESTree.Identifier | null {
  if (id.type === AST_NODE_TYPES.Identifier) return id;
  if (id.type === AST_NODE_TYPES.ArrayPattern) {
    const last = id.elements.at(-1);
    if (last?.type === AST_NODE_TYPES.Identifier) return last;
  }
  return null;
}

export type Role =
  | { type: 'release'; call: TSESTree.CallExpression }
  | { type: 'use' }
  | { type: 'lend' }
  | { type: 'borrow' }
  | { type: 'escape' };

const ESCAPE: Role = { type: 'escape' };

/**
 * What one reference does with the held value, by the one classifier (`references.ts`), which also knows the
 * functions that only use it (`usedByModules`). This analysis's policy: a test or a read is a use; an argument, or
 * an element of a literal argument, is a lend or a borrow (`passKindOf`: the caller decides what a lend is); a
 * transfer sink, a store, a return and any other flow of the value hand it off.
 */
export function roleOf(model: ResourceModel, acquisition: Acquisition, identifier: TSESTree.Identifier): Role {
  const release = acquisition.resource.release;
  const modules = acquisition.resource.usedByModules ?? [];
  const reference = classifyReference(identifier, { ...release, symbols: true }, { modules, model });
  switch (reference.role) {
    case 'release':
      return { type: 'release', call: reference.call };
    case 'use':
    case 'identity':
      return { type: 'use' };
    case 'pass':
    case 'flow': {
      const kind = passKindOf(identifier, reference, model.settings.borrowKeys);
      return kind === 'hand-off' ? ESCAPE : { type: kind };
    }
    case 'transfer':
      return ESCAPE;
  }
}

/** Releases through the receiver (`sema.release()`) or a paired call (`lockfile.unlock(file)`), also inside callbacks. */
function receiverReleases(
  model: ResourceModel,
  acquisition: Acquisition,
  owner: FunctionNode,
  out: ReleaseSite[],
): void {
  const release = acquisition.resource.release;
  const receiverMethods = acquisition.receiverKey === null ? undefined : release.receiverMethods;
  const paired = release.pairedFunctions;
  const firstArgument = acquisition.call.arguments[0];
  const pairedKey = paired && firstArgument ? model.keyOf(firstArgument) : null;
  if (!receiverMethods && pairedKey === null) return;
  const known = new Set(out.map((site) => site.call));
  walk(model.sourceCode.visitorKeys, owner.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node === acquisition.call || known.has(node)) return;
    const name = calleeName(node);
    if (name === null) return;
    const callee = skipWrappers(node.callee);
    const isReceiverRelease =
      receiverMethods?.includes(name) === true &&
      callee.type === AST_NODE_TYPES.MemberExpression &&
      model.keyOf(skipWrappers(callee.object)) === acquisition.receiverKey;
    const isPaired =
      pairedKey !== null &&
      paired?.includes(name) === true &&
      node.arguments[0] !== undefined &&
      model.keyOf(node.arguments[0]) === pairedKey;
    if (isReceiverRelease || isPaired) {
      out.push({ call: node, nested: enclosingFunction(node) !== owner });
    }
  });
}
