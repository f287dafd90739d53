import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { lifetimeOf } from '../analysis/cache.js';
import { releaseText } from '../fix/releaseText.js';
import { hidesDeclarations, wrapInTryFinally } from '../fix/tryFinally.js';
import { canDeclareAt, freeName, isAwaitAllowed, keywordKind, usingTarget, type UsingKeyword } from '../fix/using.js';
import { callLabel, camelCase, disposableOf, valueProvenance, type DisposableValue } from '../resources/disposables.js';
import { isTimerStartName, registersQuitHandler, timerStartOf } from '../resources/handles.js';
import { resourceModel, type Acquisition, type ResourceModel } from '../resources/match.js';
import { allowOption, matchesSomeSpecifier, type Specifier } from '../resources/specifiers.js';
import { isEventDriven, isThenable, typeOfNode, typeServices, type TypeServices } from '../resources/types.js';
import { calleeName, enclosingFunction, propertyName, skipWrappers, statementList } from '../util/ast.js';
import { walk } from '../util/walk.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ allow?: Specifier[] }];
export type MessageId =
  | 'discarded'
  | 'discardedDisposable'
  | 'discardedInterval'
  | 'neverReleased'
  | 'suggestFinally'
  | 'suggestReleaseInFinally'
  | 'suggestUsing'
  | 'usedInline';

/** Promise chaining hands the resource to a callback: `pool.connect().then((client) => …)`. */
const CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

export default createRule<Options, MessageId>({
  name: 'no-floating-resource',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow acquiring a resource and discarding it, so that nothing can ever release it',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { ...allowOption },
      },
    ],
    messages: {
      discarded:
        'The {{resource}} is discarded, so nothing can ever release it. Bind it to a name and release it in a `finally` block, or write `void` before the call if dropping it is intended.',
      neverReleased:
        'The {{resource}} is never released: nothing here calls `{{release}}`. Release it in a `finally` block that starts right after the acquisition.',
      discardedDisposable:
        'The {{resource}} is Disposable but discarded, so it is never disposed. Bind it with `{{keyword}}`, or write `void` before it if dropping it is intended.',
      discardedInterval:
        'The interval started by `{{label}}` is discarded, so it can never be cleared. Keep its id and clear it with `clearInterval()` when its owner stops.',
      usedInline:
        'The {{resource}} is used once and dropped, so it is never released. Bind it to a name and release it in a `finally` block.',
      suggestUsing: 'Bind it with `{{keyword}} {{name}}` so that it is disposed at the end of the block.',
      suggestFinally: 'Bind it to `{{name}}` and release it in a `finally` block around the rest of the block.',
      suggestReleaseInFinally: 'Release it with `{{release}}` in a `finally` block around the rest of the block.',
    },
    defaultOptions: [{ allow: [] }],
  },
  create(context, [{ allow = [] }]) {
    const model = resourceModel(context);
    let types: TypeServices | null | undefined;
    const getTypes = (): TypeServices | null => (types ??= typeServices(context));
    const query = (): Parameters<typeof disposableOf>[0] => ({ context, model, types: getTypes(), allow });

    function checkStatement(statement: TSESTree.ExpressionStatement): void {
      const expression = skipWrappers(statement.expression);
      const awaited = expression.type === AST_NODE_TYPES.AwaitExpression;
      const value = awaited ? skipWrappers(expression.argument) : expression;
      if (value.type === AST_NODE_TYPES.CallExpression) {
        const name = calleeName(value);
        if (isTimerStartName(name)) {
          checkTimer(statement, value);
          return;
        }
        if (model.isCandidateName(name)) {
          const acquisition = model.acquisitionOf(value);
          if (acquisition) {
            checkAcquisition(statement, acquisition, awaited);
            return;
          }
        }
      } else if (value.type !== AST_NODE_TYPES.NewExpression) {
        return;
      }
      checkDisposable(statement, value, expression, awaited);
    }

    function checkTimer(statement: TSESTree.ExpressionStatement, call: TSESTree.CallExpression): void {
      const start = timerStartOf(call, model);
      if (start?.kind !== 'interval' || start.promises) return;
      // At module level an interval lives as long as the application; so does one started by code that ends the
      // process itself (a terminal UI whose `q` key handler calls `process.exit()`).
      const owner = enclosingFunction(call);
      if (owner === null || registersQuitHandler(owner, model)) return;
      if (allowed(call)) return;
      const name = freeName(context.sourceCode, statement, 'interval');
      context.report({
        node: call,
        messageId: 'discardedInterval',
        data: { label: callLabel(model, call) },
        suggest: finallySuggestion(statement, name, `clearInterval(${name});`),
      });
    }

    function allowed(source: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      return (
        allow.length > 0 && matchesSomeSpecifier(allow, valueProvenance(model, context.filename, source), context.cwd)
      );
    }

    function checkAcquisition(
      statement: TSESTree.ExpressionStatement,
      acquisition: Acquisition,
      awaited: boolean,
    ): void {
      const { resource, call } = acquisition;
      if (isAmbiguousByName(acquisition)) return;
      if (allowed(call)) return;
      const lifetime = lifetimeOf(model, acquisition);
      if (lifetime.form !== 'floating' || lifetime.releases.length > 0) return;
      const resourceText = `${resource.noun} from \`${acquisition.label}\``;
      if (resource.release.receiverMethods !== undefined || resource.release.pairedFunctions !== undefined) {
        // Releasable through the receiver (`mutex.release()`) or a paired call (`unlock(file)`), not only through the value.
        if (releasedElsewhere(model, acquisition)) return;
        if (resource.release.receiverMethods !== undefined && !ownsReceiver(model, acquisition)) return;
        const receiverRelease = releaseText(model, { ...lifetime, name: null });
        const holdsValue = resource.release.callValue === true || resource.release.methods !== undefined;
        const fallback = `${resource.release.receiverMethods?.[0] ?? resource.release.pairedFunctions?.[0] ?? 'release'}()`;
        context.report({
          node: call,
          messageId: 'neverReleased',
          data: { resource: resourceText, release: receiverRelease === null ? fallback : bare(receiverRelease) },
          suggest: holdsValue
            ? bindSuggestion(statement, acquisition, awaited)
            : receiverRelease === null
              ? null
              : wrapRestSuggestion(statement, receiverRelease),
        });
        return;
      }
      const disposable: DisposableValue | null = resource.disposable ? disposableOf(query(), call, call) : null;
      context.report({
        node: call,
        messageId: 'discarded',
        data: { resource: resourceText },
        suggest:
          (disposable && usingSuggestion(statement, disposable, awaited)) ??
          bindSuggestion(statement, acquisition, awaited),
      });
    }

    function checkDisposable(
      statement: TSESTree.ExpressionStatement,
      source: TSESTree.CallExpression | TSESTree.NewExpression,
      expression: TSESTree.Expression,
      awaited: boolean,
    ): void {
      const isNew = source.type === AST_NODE_TYPES.NewExpression;
      const currentTypes = getTypes();
      // Without types only the catalog's `new DisposableStack()` is known; calls need their type.
      if (!isNew && !currentTypes) return;
      const value = disposableOf(query(), source, expression);
      if (!value) return;
      if (value.resource === null) {
        // Known by its type only: app-lifetime code, event-driven objects and fluent results are not "dropped".
        if (enclosingFunction(source) === null || !currentTypes) return;
        const type = typeOfNode(currentTypes, expression);
        if (!awaited && isThenable(currentTypes, expression, type)) return;
        if (isEventDriven(currentTypes, type) || returnsOperand(currentTypes, source, type)) return;
      }
      const keyword = keywordOf(value, isAwaitAllowed(context.sourceCode, statement));
      context.report({
        node: source,
        messageId: 'discardedDisposable',
        data: { resource: `${value.noun} from \`${value.label}\``, keyword },
        suggest: usingSuggestion(statement, value, awaited),
      });
    }

    function keywordOf(value: DisposableValue, awaitAllowed: boolean): UsingKeyword {
      return value.async && (awaitAllowed || !value.sync) ? 'await using' : 'using';
    }

    /** `using _name = <expression>;` in place of the statement, when the syntax is allowed and the target compiles it. */
    function usingSuggestion(
      statement: TSESTree.ExpressionStatement,
      value: DisposableValue,
      awaited: boolean,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
      const sourceCode = context.sourceCode;
      const keyword = keywordOf(value, isAwaitAllowed(sourceCode, statement));
      if (!canDeclareAt(sourceCode, statement, keyword)) return null;
      if (usingTarget(context, getTypes(), keywordKind(keyword)) === 'no') return null;
      // A promise of a Disposable is awaited first: `await using _h = await open(p);`.
      const needsAwait =
        !awaited &&
        value.resource?.release.awaitRelease === true &&
        value.source.type === AST_NODE_TYPES.CallExpression;
      if (needsAwait && !isAwaitAllowed(sourceCode, statement)) return null;
      const name = freeName(sourceCode, statement, `_${value.bindingName}`);
      const expressionText = sourceCode.getText(statement.expression);
      return [
        {
          messageId: 'suggestUsing',
          data: { keyword, name },
          fix: (fixer) =>
            fixer.replaceText(statement, `${keyword} ${name} = ${needsAwait ? 'await ' : ''}${expressionText};`),
        },
      ];
    }

    /** `const name = <acquisition>; try { …rest } finally { <release> }`. */
    function bindSuggestion(
      statement: TSESTree.ExpressionStatement,
      acquisition: Acquisition,
      awaited: boolean,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
      const resource = acquisition.resource;
      // A call written without `await` is bound as written only when it is known to return the resource itself.
      if (!awaited && !isSyncAcquisition(acquisition)) return null;
      const name = freeName(
        context.sourceCode,
        statement,
        resource.release.callValue ? 'release' : bindingName(resource.noun),
      );
      const release = releaseText(model, { ...lifetimeOf(model, acquisition), name });
      if (release === null) return null;
      return finallySuggestion(statement, name, release);
    }

    function finallySuggestion(
      statement: TSESTree.ExpressionStatement,
      name: string,
      release: string,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
      const sourceCode = context.sourceCode;
      const list = statementList(statement);
      if (!list) return null;
      const rest = list.slice(list.indexOf(statement) + 1);
      if (rest.length === 0 || hidesDeclarations(sourceCode, rest)) return null;
      const binding = `const ${name} = ${sourceCode.getText(statement.expression)};`;
      return [
        {
          messageId: 'suggestFinally',
          data: { name },
          fix: (fixer) => {
            const edit = wrapInTryFinally(sourceCode, rest, release, rest.at(-1)!.range[1]);
            return [fixer.replaceText(statement, binding), fixer.replaceTextRange(edit.range, edit.text)];
          },
        },
      ];
    }

    function wrapRestSuggestion(
      statement: TSESTree.ExpressionStatement,
      release: string,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] | null {
      const sourceCode = context.sourceCode;
      const list = statementList(statement);
      if (!list) return null;
      const rest = list.slice(list.indexOf(statement) + 1);
      if (rest.length === 0 || hidesDeclarations(sourceCode, rest)) return null;
      return [
        {
          messageId: 'suggestReleaseInFinally',
          data: { release: bare(release) },
          fix: (fixer) => {
            const edit = wrapInTryFinally(sourceCode, rest, release, rest.at(-1)!.range[1]);
            return fixer.replaceTextRange(edit.range, edit.text);
          },
        },
      ];
    }

    return {
      ExpressionStatement: checkStatement,
      'CallExpression > MemberExpression.callee'(node: TSESTree.MemberExpression) {
        let object = skipWrappers(node.object);
        if (object.type === AST_NODE_TYPES.AwaitExpression) object = skipWrappers(object.argument);
        if (object.type !== AST_NODE_TYPES.CallExpression || !model.isCandidateName(calleeName(object))) return;
        const method = propertyName(node);
        if (method !== null && CHAIN_METHODS.has(method)) return;
        const acquisition = model.acquisitionOf(object);
        if (!acquisition) return;
        const { resource } = acquisition;
        if (isAmbiguousByName(acquisition)) return;
        // Resources held by the receiver (`sema.acquire().then`) or released by the acquisition's arguments are not dropped.
        if (!resource.release.methods && !resource.release.callValue && !resource.release.functions) return;
        if (allowed(object)) return;
        context.report({
          node: object,
          messageId: 'usedInline',
          data: { resource: `${resource.noun} from \`${acquisition.label}\`` },
        });
      },
    };
  },
});

/** `pool.connect()` on an object known only by its name may connect the pool itself (mssql's `ConnectionPool`). */
function isAmbiguousByName(acquisition: Acquisition): boolean {
  return acquisition.acquirer.source.type === 'name' && acquisition.acquirer.method === 'connect';
}

/** Acquisitions that return the resource itself, not a promise of it: `fs.openSync(p)`, `ds.createQueryRunner()`. */
function isSyncAcquisition(acquisition: Acquisition): boolean {
  const method = acquisition.acquirer.method;
  return method.endsWith('Sync') || method === 'createQueryRunner';
}

/** `await fh.close();` → `fh.close()`: a release statement as a message shows it. */
function bare(release: string): string {
  return release.replace(/^await /u, '').replace(/;$/u, '');
}

/** `file handle` → `fileHandle`; `file descriptor` → `fd`. */
function bindingName(noun: string): string {
  return noun === 'file descriptor' ? 'fd' : camelCase(noun);
}

/**
 * Is a release through the receiver or a paired call written in another function of the file that does not acquire
 * on the same receiver itself: `lock()` acquires and `unlock()` calls `this.mutex.release()`, or a cleanup function
 * calls `lockfile.unlock(file)`? Then the release happens elsewhere by design. (A release in the acquiring function is
 * release-in-finally's.)
 */
function releasedElsewhere(model: ResourceModel, acquisition: Acquisition): boolean {
  const release = acquisition.resource.release;
  const receiverKey = acquisition.receiverKey;
  const firstArgument = acquisition.call.arguments[0];
  const pairedKey = release.pairedFunctions && firstArgument ? model.keyOf(firstArgument) : null;
  const method = acquisition.acquirer.method;
  const releases: TSESTree.CallExpression[] = [];
  const acquiringFunctions = new Set<TSESTree.Node | null>();
  walk(model.sourceCode.visitorKeys, model.sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const name = calleeName(node);
    if (name === null) return;
    const callee = skipWrappers(node.callee);
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? model.keyOf(skipWrappers(callee.object)) : null;
    const first = node.arguments[0] ? model.keyOf(node.arguments[0]) : null;
    if (name === method && (receiverKey === null ? first === pairedKey : receiver === receiverKey)) {
      acquiringFunctions.add(enclosingFunction(node));
    } else if (receiverKey !== null && receiver === receiverKey && release.receiverMethods?.includes(name)) {
      releases.push(node);
    } else if (pairedKey !== null && first === pairedKey && release.pairedFunctions?.includes(name)) {
      releases.push(node);
    }
  });
  return releases.some((call) => !acquiringFunctions.has(enclosingFunction(call)));
}

/**
 * Does the acquiring function own the receiver that holds the resource? Not at module level (app lifetime), not when
 * the receiver is a parameter (the caller releases), not when a local receiver is handed off.
 */
function ownsReceiver(model: ResourceModel, acquisition: Acquisition): boolean {
  const owner = enclosingFunction(acquisition.call);
  if (owner === null) return false;
  let root: TSESTree.Node | null = acquisition.receiver;
  while (root?.type === AST_NODE_TYPES.MemberExpression) root = skipWrappers(root.object);
  if (root?.type !== AST_NODE_TYPES.Identifier) return true;
  const variable = ASTUtils.findVariable(model.sourceCode.getScope(root), root.name);
  const definition = variable?.defs[0];
  if (!variable || !definition) return true;
  if (definition.type === 'Parameter') return false;
  if (enclosingFunction(definition.name) !== owner) return true;
  // A local receiver passed on, returned or stored: its new owner releases it.
  return variable.references.every((reference) => {
    if (reference.init === true || reference.isWrite()) return true;
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier;
  });
}

/** `server.listen()` returns the server itself, `stack.use(x)` returns `x`: nothing new is dropped. */
function returnsOperand(
  types: TypeServices,
  source: TSESTree.CallExpression | TSESTree.NewExpression,
  type: unknown,
): boolean {
  if (source.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipWrappers(source.callee);
  const operands: TSESTree.Node[] = source.arguments.filter(
    (argument) => argument.type !== AST_NODE_TYPES.SpreadElement,
  );
  if (callee.type === AST_NODE_TYPES.MemberExpression) operands.push(callee.object);
  return operands.some((operand) => typeOfNode(types, operand) === type);
}
