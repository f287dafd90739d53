/**
 * dispose-owned-resources: candidates are classes that store what they create in their fields; `analysis/ownership.ts`
 * finds the owned fields, `analysis/fields.ts` decides which the teardown leaves unreleased, `fix/teardownRelease.ts`
 * writes the suggestions.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { unreleasedFieldsOf, type FieldAtTeardown, type UnreleasedField } from '../analysis/fields.js';
import { ownersLeavingHeld, type HolderOwner } from '../analysis/holders.js';
import { isAppLifetimeClass } from '../analysis/owners.js';
import { ownedFieldsOf, storeOwnerOf, type OwnedField } from '../analysis/ownership.js';
import { mayReportIn } from '../analysis/prefilter.js';
import { classLifecycleOf, type ClassNode } from '../analysis/teardown.js';
import { isInSkippedTest, isSkippedTestFile } from '../analysis/testCode.js';
import { disposeMethodFix, releaseInTeardownFix } from '../fix/teardownRelease.js';
import { methodLabel } from '../messages.js';
import type { DisposableQuery } from '../resources/disposables.js';
import { resourceModel } from '../resources/match.js';
import { allowOption, type Specifier } from '../resources/specifiers.js';
import { typeServices } from '../resources/types.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ allow?: Specifier[] }];
export type MessageId =
  | 'heldNotReleased'
  | 'noTeardown'
  | 'notReleased'
  | 'releasedOutsideTeardown'
  | 'suggestDisposeMethod'
  | 'suggestReleaseInTeardown';

export default createRule<Options, MessageId>({
  name: 'dispose-owned-resources',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require a class to release, in its teardown method, the resources it creates and keeps in its fields',
      recommended: 'strict',
    },
    hasSuggestions: true,
    schema: [{ type: 'object', additionalProperties: false, properties: { ...allowOption } }],
    messages: {
      notReleased:
        '`{{teardown}}()` never releases `{{field}}`, the {{noun}} `{{className}}` creates with `{{label}}`.',
      releasedOutsideTeardown:
        '`{{className}}` releases `{{field}}`, its {{noun}} from `{{label}}`, in `{{method}}()` but not in `{{teardown}}()`.',
      heldNotReleased:
        '`{{className}}` never releases `{{field}}`, the {{noun}} from `{{label}}` that its `{{holder}}` holds. Release it in {{teardown}}.',
      noTeardown: '`{{className}}` creates {{fields}} but has no teardown. Add `{{method}}()` to release {{them}}.',
      suggestReleaseInTeardown: 'Release `{{field}}` in `{{teardown}}()`.',
      suggestDisposeMethod: 'Add a `{{method}}()` method that releases {{them}} in reverse order.',
    },
    defaultOptions: [{ allow: [] }],
  },
  create(context, [options]) {
    if (isSkippedTestFile(context)) return {};
    const model = resourceModel(context);
    // Nothing this rule looks for in the file's text: no listeners, so ESLint dispatches nothing to the rule.
    if (!mayReportIn(model, 'dispose-owned-resources')) return {};
    const sourceCode = context.sourceCode;
    const allow = options.allow ?? [];
    let query: DisposableQuery | undefined;
    // Candidate stores (`this.x = f()`) by class, collected as ESLint walks the file: no second walk per class.
    const stores = new Map<ClassNode, TSESTree.AssignmentExpression[]>();

    function reportNotReleased(className: string, unreleased: UnreleasedField): void {
      const { field, teardown: teardownMethod, releasedIn } = unreleased;
      const { target, resource } = field.creations[0];
      const { noun, label } = resource;
      const teardown = methodLabel(teardownMethod);
      const fix = releaseInTeardownFix(sourceCode, unreleased, teardownMethod);
      const suggest: Suggestions = fix && [
        { messageId: 'suggestReleaseInTeardown', data: { field: field.key, teardown }, fix },
      ];
      if (releasedIn) {
        context.report({
          node: target,
          messageId: 'releasedOutsideTeardown',
          data: { field: field.key, noun, className, label, teardown, method: methodLabel(releasedIn) },
          suggest,
        });
      } else {
        context.report({
          node: target,
          messageId: 'notReleased',
          data: { field: field.key, noun, className, label, teardown },
          suggest,
        });
      }
    }

    function reportNoTeardown(
      classNode: ClassNode,
      className: string,
      fields: readonly FieldAtTeardown[],
      awaits: boolean,
    ): void {
      const method = awaits ? '[Symbol.asyncDispose]' : '[Symbol.dispose]';
      const them = fields.length === 1 ? 'it' : 'them';
      const head = classNode.id ?? sourceCode.getFirstToken(classNode) ?? classNode;
      const fix = disposeMethodFix(sourceCode, classNode, fields, method, awaits);
      context.report({
        loc: head.loc,
        messageId: 'noTeardown',
        data: { className, fields: describeFields(fields), them, method },
        suggest: fix && [{ messageId: 'suggestDisposeMethod', data: { method, them }, fix }],
      });
    }

    function reportHeld(holderClass: ClassNode, field: OwnedField, owner: HolderOwner): void {
      const { noun, label } = field.creations[0].resource;
      const [teardown] = owner.lifecycle.teardowns;
      context.report({
        node: owner.target,
        messageId: 'heldNotReleased',
        data: {
          className: owner.lifecycle.classNode.id?.name ?? 'this class',
          field: `${owner.key}${field.key.slice('this'.length)}`,
          noun,
          label,
          holder: holderClass.id?.name ?? 'holder',
          teardown: teardown
            ? `\`${methodLabel(teardown)}()\``
            : 'a teardown method such as `close()` or `[Symbol.dispose]()`',
        },
      });
    }

    function check(classNode: ClassNode): void {
      const candidates = stores.get(classNode) ?? [];
      if (
        candidates.length === 0 &&
        !classNode.body.body.some((member) => member.type === AST_NODE_TYPES.PropertyDefinition && member.value)
      )
        return;
      if (isInSkippedTest(context, classNode)) return;
      // A singleton (constructed once by app-lifetime code) keeps its fields as long as the program: no teardown owed.
      if (isAppLifetimeClass(classNode, model)) return;
      query ??= { context, model, types: typeServices(context), allow };
      // A holder's fields are the classes' that keep the holder (`this.holder.worker.terminate()` in their teardown).
      const fields = ownedFieldsOf(classNode, model, query, candidates).filter((field) => {
        const owners = ownersLeavingHeld(classNode, field, model);
        if (owners === null) return true;
        for (const owner of owners) reportHeld(classNode, field, owner);
        return false;
      });
      if (fields.length === 0) return;
      const lifecycle = classLifecycleOf(classNode, model);
      const verdict = unreleasedFieldsOf(model, lifecycle, fields);
      const className = classNode.id?.name ?? 'this class';
      switch (verdict.type) {
        case 'released':
          return;
        case 'noTeardown':
          reportNoTeardown(classNode, className, verdict.fields, verdict.awaits);
          return;
        case 'notReleased':
          for (const unreleased of verdict.fields) reportNotReleased(className, unreleased);
          return;
      }
    }

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

type Suggestions = TSESLint.SuggestionReportDescriptor<MessageId>[] | null;

/** `` `this.conn` (client from `pool.connect()`) and `this.watcher` (file watcher from `fs.watch()`) ``. */
function describeFields(fields: readonly FieldAtTeardown[]): string {
  const parts = fields.map(({ field }) => {
    const { noun, label } = field.creations[0].resource;
    return `\`${field.key}\` (${noun} from \`${label}\`)`;
  });
  const last = parts.slice(-1).join('');
  return parts.length === 1 ? last : `${parts.slice(0, -1).join(', ')} and ${last}`;
}
