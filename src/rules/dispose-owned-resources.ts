import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { blockBodyOf, ownedFieldsOf, storeOwnerOf, withTeardownHooks, type OwnedField } from '../analysis/ownership.js';
import {
  classLifecycleOf,
  isInMethodCallback,
  methodContaining,
  runsAtTeardown,
  type ClassLifecycle,
  type ClassMethod,
  type ClassNode,
} from '../analysis/teardown.js';
import { insertLastStatement } from '../fix/statements.js';
import { indentOf, indentUnit } from '../fix/tryFinally.js';
import type { DisposableQuery } from '../resources/disposables.js';
import { endOfLifeEventTypes, listenerAdditionOf, teardownMethodNames } from '../resources/handles.js';
import { resourceModel, type ResourceModel } from '../resources/match.js';
import { releaseStatementText } from '../resources/owned.js';
import { allowOption, type Specifier } from '../resources/specifiers.js';
import { typeServices } from '../resources/types.js';
import { enclosingFunction, parentThroughWrappers, skipWrappers } from '../util/ast.js';
import { walk } from '../util/walk.js';
import { createRule } from '../util/createRule.js';
import { teardownMethodsOption } from '../util/schema.js';

export type Options = [{ teardownMethods?: string[]; allow?: Specifier[] }];
export type MessageId =
  'noTeardown' | 'notReleased' | 'releasedOutsideTeardown' | 'suggestDisposeMethod' | 'suggestReleaseInTeardown';

export default createRule<Options, MessageId>({
  name: 'dispose-owned-resources',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require a class to release, in its teardown method, the resources it creates and keeps in its fields',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [{ type: 'object', additionalProperties: false, properties: { ...teardownMethodsOption, ...allowOption } }],
    messages: {
      notReleased:
        '`{{field}}` holds the {{noun}} that `{{className}}` creates with `{{label}}`, but `{{teardown}}()` never releases it, so it outlives the instance. Release it in `{{teardown}}()`.',
      releasedOutsideTeardown:
        '`{{field}}` holds the {{noun}} that `{{className}}` creates with `{{label}}`; `{{method}}()` releases it but `{{teardown}}()` does not reach that code, so it outlives the instance. Release it in `{{teardown}}()` too.',
      noTeardown:
        '`{{className}}` creates {{fields}} but has no teardown method, so nothing ever releases {{them}}. Add one (such as `{{method}}()`) that releases {{them}}.',
      suggestReleaseInTeardown: 'Release `{{field}}` in `{{teardown}}()`.',
      suggestDisposeMethod: 'Add a `{{method}}()` method that releases {{them}} in reverse order.',
    },
    defaultOptions: [{ teardownMethods: [...teardownMethodNames], allow: [] }],
  },
  create(context, [options]) {
    const model = resourceModel(context);
    const teardownMethods = withTeardownHooks(options.teardownMethods ?? teardownMethodNames);
    const allow = options.allow ?? [];
    let query: DisposableQuery | undefined;
    // Candidate stores (`this.x = f()`) by class, collected as ESLint walks the file: no second walk per class.
    const stores = new Map<ClassNode, TSESTree.AssignmentExpression[]>();
    const check = (classNode: ClassNode): void => {
      const candidates = stores.get(classNode) ?? [];
      if (
        candidates.length === 0 &&
        !classNode.body.body.some((member) => member.type === AST_NODE_TYPES.PropertyDefinition && member.value)
      )
        return;
      query ??= { context, model, types: typeServices(context), allow };
      const fields = ownedFieldsOf(classNode, model, query, candidates);
      if (fields.length === 0) return;
      const lifecycle = classLifecycleOf(classNode, context.sourceCode, teardownMethods);
      new ClassCheck(context, model, lifecycle, fields).run();
    };
    return {
      AssignmentExpression(node) {
        const owner = storeOwnerOf(node);
        if (!owner) return;
        const list = stores.get(owner);
        if (list) list.push(node);
        else stores.set(owner, [node]);
      },
      'ClassDeclaration:exit': check,
      'ClassExpression:exit': check,
    };
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

class ClassCheck {
  private readonly className: string;

  constructor(
    private readonly context: Context,
    private readonly model: ResourceModel,
    private readonly lifecycle: ClassLifecycle,
    private readonly fields: readonly OwnedField[],
  ) {
    this.className = lifecycle.classNode.id?.name ?? 'this class';
  }

  run(): void {
    const candidates = this.fields.filter((field) => !this.isManagedElsewhere(field));
    if (this.lifecycle.teardowns.length === 0) {
      // An abstract teardown method that subclasses implement: what it releases is theirs to say.
      if (this.lifecycle.deferredTeardown) return;
      const unreleased = candidates.filter((field) => field.releases.length === 0 && field.passes.length === 0);
      // Intervals alone are `no-leaked-timer`'s: it reports each one at its `setInterval()`.
      if (unreleased.some((field) => kindOf(field) !== 'interval')) this.reportNoTeardown(unreleased);
      return;
    }
    for (const field of candidates) {
      if (kindOf(field) === 'interval') continue;
      const atTeardown = (call: TSESTree.Node): boolean => runsAtTeardown(this.lifecycle, call);
      if (field.releases.some(atTeardown) || field.passes.some(atTeardown)) continue;
      this.reportNotReleased(field);
    }
  }

  /**
   * Left alone: a field handed to other code; passed to a call outside the teardown code (`registry.add(this.w)`);
   * released in a callback (`this.ws.on('close', () => clearInterval(this.ping))`); created and released by the
   * same method (a temporary held in a field); or created where the method awaits its end (a child process it waits
   * for).
   */
  private isManagedElsewhere(field: OwnedField): boolean {
    const { lifecycle } = this;
    if (field.handedOff) return true;
    if (field.creations.every((creation) => awaitsEnd(creation.store, field.key, this.model))) return true;
    if (field.passes.some((call) => !runsAtTeardown(lifecycle, call) && !isOwnMethodCall(call))) return true;
    if (field.releases.some((call) => isInMethodCallback(lifecycle, call))) return true;
    return field.creations.some((creation) => {
      const method = methodContaining(lifecycle, creation.store);
      return (
        method !== null &&
        field.releases.some(
          (call) => call.range[0] > creation.store.range[1] && methodContaining(lifecycle, call) === method,
        )
      );
    });
  }

  private reportNotReleased(field: OwnedField): void {
    const { lifecycle } = this;
    const creation = field.creations[0]!;
    const teardown = this.teardownFor(field);
    const elsewhere = field.releases
      .map((call) => methodContaining(lifecycle, call))
      .find((method) => method !== null && !lifecycle.reached.has(method));
    const data = {
      field: field.key,
      noun: creation.resource.noun,
      className: this.className,
      label: creation.resource.label,
      teardown: methodLabel(teardown),
    };
    const suggest = this.releaseSuggestion(field, teardown);
    if (elsewhere) {
      this.context.report({
        node: creation.target,
        messageId: 'releasedOutsideTeardown',
        data: { ...data, method: methodLabel(elsewhere) },
        suggest,
      });
    } else {
      this.context.report({ node: creation.target, messageId: 'notReleased', data, suggest });
    }
  }

  /** The teardown a release should go to: one that already releases another owned field, else the first one. */
  private teardownFor(field: OwnedField): ClassMethod {
    const { lifecycle } = this;
    const releasing = lifecycle.teardowns.find((teardown) =>
      this.fields.some(
        (other) =>
          other !== field &&
          [...other.releases, ...other.passes].some((call) => methodContaining(lifecycle, call) === teardown),
      ),
    );
    // An overload signature (`close(): void;`) names the method; its implementation comes later.
    return (
      releasing ?? lifecycle.teardowns.find((teardown) => blockBodyOf(teardown) !== null) ?? lifecycle.teardowns[0]!
    );
  }

  private releaseSuggestion(
    field: OwnedField,
    teardown: ClassMethod,
  ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
    const body = blockBodyOf(teardown);
    if (!body) return null;
    const text = releaseStatementText(field.creations[0]!.resource.release, field.key, {
      optional: this.mayBeUnset(field),
      canAwait: teardown.fn.async,
    });
    if (text === null) return null;
    const sourceCode = this.context.sourceCode;
    return [
      {
        messageId: 'suggestReleaseInTeardown',
        data: { field: field.key, teardown: methodLabel(teardown) },
        fix: (fixer) => insertLastStatement(sourceCode, fixer, body, text, { beforeReturn: true }),
      },
    ];
  }

  private reportNoTeardown(fields: readonly OwnedField[]): void {
    const { classNode } = this.lifecycle;
    const awaits = fields.some((field) => field.creations[0]!.resource.release.awaitRelease);
    const method = awaits ? '[Symbol.asyncDispose]' : '[Symbol.dispose]';
    const them = fields.length === 1 ? 'it' : 'them';
    const sourceCode = this.context.sourceCode;
    const head = classNode.id ?? sourceCode.getFirstToken(classNode)!;
    const statements = [...fields].reverse().map((field) =>
      releaseStatementText(field.creations[0]!.resource.release, field.key, {
        optional: this.mayBeUnset(field),
        canAwait: awaits,
      }),
    );
    const last = classNode.body.body.at(-1);
    const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] | null =
      last && statements.every((statement) => statement !== null)
        ? [
            {
              messageId: 'suggestDisposeMethod',
              data: { method, them },
              fix: (fixer) => {
                const indent = indentOf(sourceCode, last);
                const unit = indentUnit(sourceCode, last);
                const lines = statements.map((statement) => `${indent}${unit}${statement}`).join('\n');
                return fixer.insertTextAfter(
                  last,
                  `\n\n${indent}${awaits ? 'async ' : ''}${method}() {\n${lines}\n${indent}}`,
                );
              },
            },
          ]
        : null;
    this.context.report({
      loc: head.loc,
      messageId: 'noTeardown',
      data: { className: this.className, fields: describeFields(fields), them, method },
      suggest,
    });
  }

  /** The field is only set by methods (not the constructor or its initialiser): it may be unset at teardown. */
  private mayBeUnset(field: OwnedField): boolean {
    return field.creations.every((creation) => {
      if (creation.store.type === AST_NODE_TYPES.PropertyDefinition) return false;
      const method = methodContaining(this.lifecycle, creation.store);
      return !method?.isConstructor;
    });
  }
}

function kindOf(field: OwnedField): string {
  return field.creations[0]!.resource.kind;
}

/** `this.#run(this.conn)`: the class's own method uses the field; it does not take it away. */
function isOwnMethodCall(call: TSESTree.CallExpression): boolean {
  const callee = skipWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression;
}

/** `` `this.conn` (client from `pool.connect()`) and `this.watcher` (file watcher from `fs.watch()`) ``. */
function describeFields(fields: readonly OwnedField[]): string {
  const parts = fields.map((field) => {
    const { noun, label } = field.creations[0]!.resource;
    return `\`${field.key}\` (${noun} from \`${label}\`)`;
  });
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

function methodLabel(method: ClassMethod): string {
  return method.isConstructor ? 'constructor' : (method.name ?? 'method');
}

/**
 * The field is stored inside a `new Promise` executor that the method awaits, and the executor settles on the
 * handle's end (`this.child.on('close', resolve)`): the method does not go on before the handle is gone, so the
 * field only lets other methods reach it meanwhile (`cancel()` sending a signal).
 */
function awaitsEnd(store: TSESTree.Node, key: string, model: ResourceModel): boolean {
  const executor = enclosingFunction(store);
  if (!executor) return false;
  const around = parentThroughWrappers(executor);
  const promise = around.parent;
  if (promise?.type !== AST_NODE_TYPES.NewExpression || promise.arguments[0] !== around.child) return false;
  const callee = skipWrappers(promise.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'Promise') return false;
  if (parentThroughWrappers(promise).parent?.type !== AST_NODE_TYPES.AwaitExpression) return false;
  const settlers = new Set(
    executor.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])),
  );
  if (settlers.size === 0) return false;
  let ends = false;
  walk(model.sourceCode.visitorKeys, executor.body, (node) => {
    if (ends) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const addition = listenerAdditionOf(node, model);
    if (
      addition &&
      addition.targetKey === key &&
      endOfLifeEventTypes.has(addition.typeKey) &&
      settles(addition.handler, settlers, model)
    )
      ends = true;
    return undefined;
  });
  return ends;
}

/** The handler is the executor's `resolve` / `reject`, or a function that calls one of them. */
function settles(handler: TSESTree.Expression, settlers: ReadonlySet<string>, model: ResourceModel): boolean {
  if (handler.type === AST_NODE_TYPES.Identifier) return settlers.has(handler.name);
  if (handler.type !== AST_NODE_TYPES.ArrowFunctionExpression && handler.type !== AST_NODE_TYPES.FunctionExpression)
    return false;
  let calls = false;
  walk(model.sourceCode.visitorKeys, handler.body, (node) => {
    if (calls) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && settlers.has(callee.name)) calls = true;
    }
    return undefined;
  });
  return calls;
}
