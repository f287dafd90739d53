/**
 * no-shared-connection: candidates are module-level declarators (a shared connection, or a `let` that concurrent code
 * overwrites) and the values sent to worker threads; `analysis/shared.ts` decides, this file reports.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { mayReportIn, mentionsWorkerChannel } from '../analysis/prefilter.js';
import { moduleBindingOf, threadBoundIn, type ModuleBinding } from '../analysis/shared.js';
import { resourceModel, type ResourceModel } from '../resources/match.js';
import type { SharedValue } from '../resources/sharing.js';
import { createRule } from '../util/createRule.js';
import { keyName } from '../util/keys.js';

export type Options = [];
export type MessageId = 'overwrittenResource' | 'passedToWorker' | 'sharedConnection' | 'transactionOnShared';

export default createRule<Options, MessageId>({
  name: 'no-shared-connection',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow one database connection, or one module-level resource variable, shared by code that runs concurrently',
      recommended: 'recommended',
    },
    schema: [],
    messages: {
      sharedConnection:
        'The module-level {{connection}} is used by {{users}}, so concurrent calls share its transactions and errors. Use a pool.',
      transactionOnShared:
        '`{{call}}` in {{user}} opens a transaction on the module-level {{connection}}, which concurrent queries join. Use a pooled client.',
      overwrittenResource:
        'The module-level `{{name}}` gets the {{noun}} from `{{label}}` in {{user}}, so concurrent calls overwrite it. Use a local `const`.',
      passedToWorker: 'The {{resource}} sent through {{channel}} is unusable in the worker. Create the {{noun}} there.',
    },
  },
  create(context) {
    const model = resourceModel(context);
    // Nothing this rule looks for in the file's text: no listeners, so ESLint dispatches nothing to the rule.
    if (!mayReportIn(model, 'no-shared-connection')) return {};
    /** A module-level declarator: `const conn = mysql.createConnection(…)`, also under `export`. */
    function checkModuleBinding(node: TSESTree.VariableDeclarator): void {
      const binding = moduleBindingOf(model, node);
      switch (binding.type) {
        case 'unshared':
          return;
        case 'overwritten':
          for (const write of binding.writes) {
            context.report({
              node: write.assignment,
              messageId: 'overwrittenResource',
              data: {
                name: write.name,
                noun: write.value.noun,
                label: write.value.label,
                user: write.user.description,
              },
            });
          }
          return;
        case 'sharedConnection':
          reportShared(context, binding);
          return;
      }
    }

    // The module's statements are read from `Program`, and `postMessage` from each call: selectors such as
    // `Program > VariableDeclaration > VariableDeclarator` or `CallExpression[callee.property.name="postMessage"]`
    // would be tested by ESLint on every declarator and every call.
    const listeners: TSESLint.RuleListener = {
      Program(program) {
        for (const statement of program.body) {
          const declaration =
            statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
          if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
          for (const declarator of declaration.declarations) checkModuleBinding(declarator);
        }
      },
    };
    // Only a file that writes `workerData` or `postMessage` sends anything to a worker: no listener on every `new` and
    // every call elsewhere.
    if (mentionsWorkerChannel(model, 'workerData'))
      listeners.NewExpression = (node) => {
        for (const argument of node.arguments) {
          if (argument.type !== AST_NODE_TYPES.ObjectExpression) continue;
          for (const property of argument.properties) {
            if (property.type !== AST_NODE_TYPES.Property || keyName(property) !== 'workerData') continue;
            reportPassed(context, model, property.value, '`workerData`');
          }
        }
      };
    if (mentionsWorkerChannel(model, 'postMessage'))
      listeners.CallExpression = (node) => {
        if (!isPostMessage(node.callee)) return;
        const argument = node.arguments[0];
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
        reportPassed(context, model, argument, `\`${model.keyOf(node.callee)}()\``);
      };
    return listeners;
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

/** `worker.postMessage(…)`, `this.#postMessage(…)`, `w[postMessage](…)`: what `callee.property.name` matched. */
function isPostMessage(callee: TSESTree.Expression): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const property = callee.property;
  return (
    (property.type === AST_NODE_TYPES.Identifier || property.type === AST_NODE_TYPES.PrivateIdentifier) &&
    property.name === 'postMessage'
  );
}

/** The shared connection, once, on its name; then every transaction a concurrent user opens on it. */
function reportShared(context: Context, binding: Extract<ModuleBinding, { type: 'sharedConnection' }>): void {
  const { id, users } = binding;
  const connection = describe(binding.connection, id.name);
  const others =
    users.length === 1
      ? ''
      : ` (and ${users.length - 1} other concurrent ${users.length === 2 ? 'function' : 'functions'})`;
  // The name only, without a type annotation.
  const start = id.loc.start;
  const loc = { start, end: { line: start.line, column: start.column + id.name.length } };
  context.report({
    node: id,
    loc,
    messageId: 'sharedConnection',
    data: { connection, users: `${users[0].description}${others}` },
  });
  for (const transaction of binding.transactions) {
    context.report({
      node: transaction.call,
      messageId: 'transactionOnShared',
      data: { call: transaction.label, connection, user: transaction.user.description },
    });
  }
}

/** Every thread-bound resource inside a value sent to a worker: `{ workerData: { conn } }`, `postMessage(pool)`. */
function reportPassed(context: Context, model: ResourceModel, value: TSESTree.Node, channel: string): void {
  for (const found of threadBoundIn(model, value)) {
    context.report({
      node: found.node,
      messageId: 'passedToWorker',
      data: { resource: describe(found.value, found.name), channel, noun: found.value.noun },
    });
  }
}

/** `connection \`conn\` from \`mysql.createConnection()\``. */
function describe(value: SharedValue, name: string | null): string {
  return name === null ? `${value.noun} from \`${value.label}\`` : `${value.noun} \`${name}\` from \`${value.label}\``;
}
