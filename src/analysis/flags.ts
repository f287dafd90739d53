/**
 * Stop flags: the references a loop tests to know when to stop (`while (!this.stopped)`, `if (!running) break;`,
 * `this.state !== State.Stopped`), and who sets them: nobody, the loop itself, a stop request from elsewhere, or code
 * this file cannot see. Used by `analysis/loops.ts` (a loop's head and exit guards) and `analysis/signals.ts` (a field
 * that holds a signal).
 *
 * Syntactic and scope-aware; the file-wide scan for outside writes is memoised on the program.
 */
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { referenceKey } from '../resources/scope.js';
import type { ResourceModel } from '../resources/match.js';
import { contains, enclosingFunction, memberName, propertyName, skipWrappers } from '../util/ast.js';
import { walk } from '../util/walk.js';
import type { LoopNode } from './loops.js';
import { thisClassOf, type ClassNode } from './teardown.js';

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

/** A reference a flag term tests: `x`, `this.x`, `this.#x`, `a.b.c`. */
export type FlagReference = TSESTree.Identifier | TSESTree.MemberExpression;

/** The equality operators of a flag compared with a constant (`this.state !== 'stopped'`). */
const EQUALITY_OPERATORS: ReadonlySet<string> = new Set(['===', '!==', '==', '!=']);

/**
 * The references a flag term tests, with the value that makes the term false (and so ends a `while`): `x` (`false`),
 * `!x` (`true`), `this.a.b`, `x === 'running'` and `this.state !== State.Stopped` (a reference compared with a literal
 * or a constant's member: no plain value). Null for anything else (a call, `i < n`).
 */
export function flagReferences(
  term: TSESTree.Expression,
  negated = false,
): { ref: FlagReference; stopValue: boolean | null }[] | null {
  const node = skipWrappers(term);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!')
    return flagReferences(node.argument, !negated);
  if (isReference(node)) return [{ ref: node, stopValue: negated }];
  if (
    node.type === AST_NODE_TYPES.BinaryExpression &&
    EQUALITY_OPERATORS.has(node.operator) &&
    node.left.type !== AST_NODE_TYPES.PrivateIdentifier
  ) {
    const left = skipWrappers(node.left);
    const right = skipWrappers(node.right);
    if (isReference(left) && isComparedConstant(right)) return [{ ref: left, stopValue: null }];
    if (isReference(right) && isComparedConstant(left)) return [{ ref: right, stopValue: null }];
  }
  return null;
}

/** `x`, `this.x`, `this.#x`, `a.b.c` (no calls, no computed keys other than literals). */
export function isReference(node: TSESTree.Node): node is FlagReference {
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

/** The flag `ref` as `loop` tests it: who can set it, and where. */
export function flagOf(ref: FlagReference, stopValue: boolean | null, loop: LoopNode, model: ResourceModel): FlagCheck {
  const key = referenceKey(ref, model);
  if (ref.type === AST_NODE_TYPES.Identifier) return identifierFlag(ref, key, stopValue, loop, model);
  const object = skipWrappers(ref.object);
  if (object.type !== AST_NODE_TYPES.ThisExpression)
    return { node: ref, key, thisMember: false, setters: 'unknown', sites: [], stopValue };
  const owner = thisClassOf(loop);
  if (!owner) return { node: ref, key, thisMember: true, setters: 'unknown', sites: [], stopValue };
  // A getter (`get limited() { return … }`) is computed from other state, which changes without a write to it.
  if (hasAccessor(owner.classNode, key.slice(key.lastIndexOf('.') + 1)))
    return { node: ref, key, thisMember: true, setters: 'unknown', sites: [], stopValue };
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
  if (variable?.defs.length !== 1 || variable.defs[0]?.type !== TSESLint.Scope.DefinitionType.Variable) return unknown;
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

/** Does the class declare a getter (or a method) named `name`? */
function hasAccessor(classNode: ClassNode, name: string): boolean {
  return classNode.body.body.some(
    (member) =>
      member.type === AST_NODE_TYPES.MethodDefinition && member.kind !== 'constructor' && memberName(member) === name,
  );
}

/** Assignments, compound assignments, updates and `delete` of `this.<key>` in the class (nested classes excluded). */
export function thisFieldWrites(classNode: ClassNode, key: string, model: ResourceModel): TSESTree.Node[] {
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
    if (member.type !== AST_NODE_TYPES.MemberExpression || accessedName(member) !== last) return;
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
  if (owner?.classNode !== classNode) return false;
  const member = owner.member;
  if (member.type === AST_NODE_TYPES.PropertyDefinition) return true;
  // In the constructor itself; a callback it registers (`worker.on('exit', () => { this.exited = true; })`) runs later.
  if (member.kind === 'constructor') return enclosingFunction(site) === member.value;
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
      const property = accessedName(left);
      if (property !== null) found.add(property);
    });
    names = found;
    outsideWrites.set(program, names);
  }
  return names.has(name);
}

/** The property a member expression reads: `x` for `a.x`, `#x` for `this.#x`; null for computed keys. */
export function accessedName(node: TSESTree.MemberExpression): string | null {
  return node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : propertyName(node);
}

/**
 * Flags tested by the `if`/`?:`/`&&` conditions between an exit and the loop: `if (this.stopped) break;`. A plain
 * `if (this.stopped)` / `if (!this.running)` around the exit gives the flag's stopping value.
 */
export function guardFlags(exit: TSESTree.Node, loop: LoopNode, model: ResourceModel): FlagCheck[] {
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
    const only = plain?.length === 1 ? plain[0] : undefined;
    if (only && only.stopValue !== null && isThisMember(only.ref)) {
      // The exit runs when the term is truthy: `if (this.stopped)` stops on `true`, `if (!this.running)` on `false`.
      flags.push(flagOf(only.ref, !only.stopValue, loop, model));
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

function collectThisMembers(
  node: TSESTree.Expression | TSESTree.PrivateIdentifier,
  found: (member: TSESTree.MemberExpression) => void,
): void {
  if (node.type === AST_NODE_TYPES.PrivateIdentifier) return;
  const inner = skipWrappers(node);
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
