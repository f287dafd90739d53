import { AST_NODE_TYPES, AST_TOKEN_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, isFunction, lastName, propertyName, requireSource, skipWrappers } from '../util/ast.js';
import { acquirers, catalogModules, instances, type Acquirer, type ResourceSpec } from './catalog.js';
import { normalizeModule, readSettings, type CleanupSettings } from './settings.js';

/** Where a value comes from: a module, a path of exports inside it, and whether it was constructed or called. */
export interface Origin {
  readonly module: string;
  readonly path: readonly string[];
  /** The value was made by `new X()` or `X()` with X at `module`/`path`. */
  readonly instance: boolean;
}

/** One call recognised as taking a resource. */
export interface Acquisition {
  readonly call: TSESTree.CallExpression;
  readonly acquirer: Acquirer;
  readonly resource: ResourceSpec;
  /** `pool` in `pool.connect()`; null for a plain function call (`openSync(p)`). */
  readonly receiver: TSESTree.Expression | null;
  /** The receiver's text with spacing and `?.` normalised, to find `receiver.release()`. */
  readonly receiverKey: string | null;
  /** How the acquisition reads in a message: `pool.connect()`. */
  readonly label: string;
}

const MAX_ORIGIN_DEPTH = 8;
const MAX_LABEL_RECEIVER = 32;

/**
 * The resource model of one file: settings, the catalog indexed by called name, and memoised origins.
 * Made once per file and shared by every rule through `resourceModel(context)`.
 */
export class ResourceModel {
  readonly settings: CleanupSettings;
  /** The acquirers in force for this file: the user's, then the catalog's (name fallbacks unless switched off). */
  readonly acquirers: readonly Acquirer[];
  private readonly byName = new Map<string, Acquirer[]>();
  private readonly origins = new WeakMap<TSESTree.Node, Origin | null>();
  private readonly acquisitions = new WeakMap<TSESTree.CallExpression, Acquisition | null>();

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    settings: CleanupSettings,
  ) {
    this.settings = settings;
    this.acquirers = [...settings.resources, ...acquirers].filter(
      (acquirer) => acquirer.source.type !== 'name' || settings.nameFallbacks,
    );
    for (const acquirer of this.acquirers) {
      const list = this.byName.get(acquirer.method);
      if (list) list.push(acquirer);
      else this.byName.set(acquirer.method, [acquirer]);
    }
  }

  /** Every method or function name some acquirer is called by (`acquire`, `connect`, `open`, …). */
  get candidateNames(): Iterable<string> {
    return this.byName.keys();
  }

  /** Cheapest test first: is the called name one that any catalog entry acquires with? */
  isCandidateName(name: string | null): boolean {
    return name !== null && this.byName.has(name);
  }

  /**
   * The acquisition this call performs, or null. Memoised per node. Analyses and rules read it through `recognize.ts`
   * (`resourceAt`, `acquisitionAt`), never directly.
   */
  acquisitionOf(call: TSESTree.CallExpression): Acquisition | null {
    const cached = this.acquisitions.get(call);
    if (cached !== undefined) return cached;
    const result = this.computeAcquisition(call, false);
    this.acquisitions.set(call, result);
    return result;
  }

  /**
   * The acquisition a call performs in its callback form (`pool.getConnection((err, conn) => …)`): the callback gets
   * the resource. Null for a call without a function argument or an acquirer without a callback form.
   */
  callbackAcquisitionOf(call: TSESTree.CallExpression): Acquisition | null {
    return this.computeAcquisition(call, true);
  }

  private computeAcquisition(call: TSESTree.CallExpression, callbackForm: boolean): Acquisition | null {
    const name = calleeName(call);
    const candidates = name === null ? undefined : this.byName.get(name);
    if (!candidates) return null;
    const callee = skipWrappers(call.callee);
    const hasCallback = call.arguments.some((argument) => isFunction(argument));
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? skipWrappers(callee.object) : null;
    if (receiver?.type === AST_NODE_TYPES.Super) return null;
    let calleeOrigin: Origin | null | undefined;
    let receiverOrigin: Origin | null | undefined;
    const getCalleeOrigin = (): Origin | null => (calleeOrigin ??= this.originOf(callee));
    const getReceiverOrigin = (): Origin | null => (receiverOrigin ??= receiver ? this.originOf(receiver) : null);

    for (const acquirer of candidates) {
      if ((hasCallback && acquirer.callbackForm === true) !== callbackForm) continue;
      if (this.matches(acquirer, receiver, getCalleeOrigin, getReceiverOrigin)) {
        return {
          call,
          acquirer,
          resource: acquirer.resource,
          receiver,
          receiverKey: receiver ? this.keyOf(receiver) : null,
          label: this.labelOf(callee, receiver),
        };
      }
    }
    return null;
  }

  private matches(
    acquirer: Acquirer,
    receiver: TSESTree.Expression | null,
    calleeOrigin: () => Origin | null,
    receiverOrigin: () => Origin | null,
  ): boolean {
    const source = acquirer.source;
    switch (source.type) {
      case 'module': {
        const origin = calleeOrigin();
        return (
          origin !== null &&
          !origin.instance &&
          source.modules.includes(origin.module) &&
          samePath(origin.path, source.path)
        );
      }
      case 'instance': {
        const origin = receiverOrigin();
        if (!origin?.instance) return false;
        const spec = instances.find((instance) => instance.id === source.instance);
        return (
          spec?.created.some((made) => made.modules.includes(origin.module) && samePath(made.path, origin.path)) ??
          false
        );
      }
      case 'name': {
        if (!receiver) return false;
        const origin = receiverOrigin();
        if (origin && catalogModules.has(origin.module)) return false;
        return source.receiver === null || testName(source.receiver, receiver);
      }
      case 'user': {
        if (source.module !== null) {
          const origin = receiver ? (receiverOrigin() ?? calleeOrigin()) : calleeOrigin();
          if (origin?.module !== source.module) return false;
        }
        if (source.receiver !== null) return receiver !== null && testName(source.receiver, receiver);
        return true;
      }
    }
  }

  /** Follows a value back through `const` aliases, destructuring, `require` and imports to its module. */
  originOf(node: TSESTree.Node, depth = 0): Origin | null {
    const cached = this.origins.get(node);
    if (cached !== undefined) return cached;
    const result = depth > MAX_ORIGIN_DEPTH ? null : this.computeOrigin(node, depth);
    this.origins.set(node, result);
    return result;
  }

  private computeOrigin(node: TSESTree.Node, depth: number): Origin | null {
    switch (node.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        return this.originOf(node.expression, depth + 1);
      case AST_NODE_TYPES.AwaitExpression:
        return this.originOf(node.argument, depth + 1);
      case AST_NODE_TYPES.Identifier:
        return this.originOfIdentifier(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const base = this.originOf(node.object, depth + 1);
        const name = propertyName(node);
        if (!base || base.instance || name === null) return null;
        if (name === 'default' && base.path.length === 0) return base;
        return { module: base.module, path: [...base.path, name], instance: false };
      }
      case AST_NODE_TYPES.CallExpression: {
        const required = requireSource(node);
        if (required !== null) return { module: normalizeModule(required), path: [], instance: false };
        return this.instanceOf(node.callee, depth);
      }
      case AST_NODE_TYPES.NewExpression:
        return this.instanceOf(node.callee, depth);
      case AST_NODE_TYPES.ImportExpression:
        return node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string'
          ? { module: normalizeModule(node.source.value), path: [], instance: false }
          : null;
      default:
        return null;
    }
  }

  private instanceOf(callee: TSESTree.Node, depth: number): Origin | null {
    const origin = this.originOf(callee, depth + 1);
    return origin && !origin.instance ? { ...origin, instance: true } : null;
  }

  private originOfIdentifier(node: TSESTree.Identifier, depth: number): Origin | null {
    const variable = ASTUtils.findVariable(this.sourceCode.getScope(node), node.name);
    if (!variable) return null;
    const [def, ...others] = variable.defs;
    if (!def || others.length > 0) return null;
    if (def.type === TSESLint.Scope.DefinitionType.ImportBinding) {
      const spec = def.node;
      if (spec.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const reference = spec.moduleReference;
        return reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
          typeof reference.expression.value === 'string'
          ? { module: normalizeModule(reference.expression.value), path: [], instance: false }
          : null;
      }
      const declaration = spec.parent;
      if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return null;
      const module = normalizeModule(declaration.source.value);
      if (spec.type !== AST_NODE_TYPES.ImportSpecifier) return { module, path: [], instance: false };
      const imported = spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
      return { module, path: imported === 'default' ? [] : [imported], instance: false };
    }
    if (def.type !== TSESLint.Scope.DefinitionType.Variable) return null;
    const declarator = def.node;
    if (!declarator.init) return null;
    // Only a binding written once (its initialiser) keeps the value it started with.
    if (variable.references.filter((reference) => reference.isWrite()).length !== 1) return null;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) return this.originOf(declarator.init, depth + 1);
    if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return null;
    const key = destructuredKey(declarator.id, def.name);
    if (key === null) return null;
    const base = this.originOf(declarator.init, depth + 1);
    if (!base || base.instance) return null;
    if (key === 'default' && base.path.length === 0) return base;
    return { module: base.module, path: [...base.path, key], instance: false };
  }

  /**
   * Receiver text without spaces, comments, `!` or `?.`, so `this.mutex?.release()` pairs `this.mutex.acquire()`;
   * a private name keeps its `#` (`this.#t` is not `this.t`).
   */
  keyOf(node: TSESTree.Node): string {
    return this.sourceCode
      .getTokens(node)
      .filter((token) => token.value !== '!')
      .map((token) =>
        token.value === '?.' ? '.' : token.type === AST_TOKEN_TYPES.PrivateIdentifier ? `#${token.value}` : token.value,
      )
      .join('');
  }

  private labelOf(callee: TSESTree.Expression, receiver: TSESTree.Expression | null): string {
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : calleeNameOfMember(callee);
    if (!receiver) return `${name}()`;
    const key = this.keyOf(receiver);
    const shown = key.length <= MAX_LABEL_RECEIVER ? key : `…${lastName(receiver) ?? ''}`;
    return `${shown}.${name}()`;
  }
}

function calleeNameOfMember(callee: TSESTree.Expression): string {
  return callee.type === AST_NODE_TYPES.MemberExpression ? (propertyName(callee) ?? '?') : '?';
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

function testName(pattern: RegExp, receiver: TSESTree.Expression): boolean {
  const name = lastName(receiver);
  return name !== null && pattern.test(name);
}

/** The property key under which `name` is destructured in `{ key: name }` / `{ name }` / `{ name = x }`. */
function destructuredKey(pattern: TSESTree.ObjectPattern, name: TSESTree.Identifier): string | null {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value !== name) continue;
    return property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String(property.key.value);
  }
  return null;
}

const models = new WeakMap<TSESTree.Program, ResourceModel>();

/** The file's resource model, made on first use and shared by every rule that lints the file. */
export function resourceModel(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ResourceModel {
  const sourceCode = context.sourceCode;
  let model = models.get(sourceCode.ast);
  if (!model) {
    model = new ResourceModel(sourceCode, readSettings(context.settings));
    models.set(sourceCode.ast, model);
  }
  return model;
}
