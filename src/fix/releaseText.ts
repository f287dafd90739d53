import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { Lifetime } from '../analysis/lifetime.js';
import type { ReleaseSpec } from '../resources/catalog.js';
import type { ResourceModel } from '../resources/match.js';
import { isStableReference, skipWrappers } from '../util/ast.js';

/** What a release statement is written on; every text is one the caller has checked can be written again. */
export interface ReleaseTarget {
  /** The value: `client`, `this.conn`; null when it has no name (a floating acquisition). */
  readonly value: string | null;
  /** The acquiring receiver (`pool`, `this.sema`), for `receiver.release(value)`; else null. */
  readonly receiver: string | null;
  /** The object the acquiring function was called on (`fs` in `fs.openSync(p)`), for `fs.closeSync(fd)`; else null. */
  readonly functionOwner?: string | null;
  /** The acquisition's first argument (`file` in `lockfile.lock(file)`), for `lockfile.unlock(file)`; else null. */
  readonly firstArgument?: string | null;
}

export interface ReleaseTextOptions {
  /** Write `?.`: the value may be unset where the release runs (a field at teardown). */
  readonly optional: boolean;
  /** `await` is allowed where the release runs (an async function). */
  readonly canAwait: boolean;
}

/**
 * The statement that releases `target` in the first shape `release` allows: `clearInterval(this.timer);`,
 * `release();`, `await fh.close();`, `await this.fh?.[Symbol.asyncDispose]();`, `sema.release();`,
 * `fs.closeSync(fd);`, `lockfile.unlock(file);`. Null when no shape can be written without new imports.
 */
export function releaseStatementText(
  release: ReleaseSpec,
  target: ReleaseTarget,
  options: ReleaseTextOptions,
): string | null {
  const { value, receiver, functionOwner = null, firstArgument = null } = target;
  const optionalCall = options.optional ? '?.' : '';
  const method = release.methods?.[0];
  const fn = release.functions?.[0];
  let call: string | null = null;
  if (value !== null && (fn === 'clearInterval' || fn === 'clearTimeout')) call = `${fn}(${value})`;
  else if (value !== null && release.callValue) call = `${value}${optionalCall}()`;
  else if (value !== null && (method === '@@dispose' || method === '@@asyncDispose'))
    call = `${value}${optionalCall}[Symbol.${method.slice(2)}]()`;
  else if (value !== null && method !== undefined) call = `${value}${options.optional ? '?.' : '.'}${method}()`;
  else if (receiver !== null && release.receiverMethods?.[0])
    call = `${receiver}.${release.receiverMethods[0]}(${value ?? ''})`;
  else if (value !== null && fn !== undefined) {
    if (functionOwner !== null) call = `${functionOwner}.${fn}(${value})`;
  } else if (release.pairedFunctions?.[0] && receiver !== null && firstArgument !== null) {
    call = `${receiver}.${release.pairedFunctions[0]}(${firstArgument})`;
  }
  return call === null ? null : `${release.awaitRelease && options.canAwait ? 'await ' : ''}${call};`;
}

/** A receiver's text that can be written again as it is (`this.pool`, `pool`, `this.#pool`), else null. */
export function plainReference(text: string): string | null {
  return /^[\w$.#]+$/u.test(text) ? text : null;
}

/**
 * The statement that releases the held resource of `lifetime` (its local name, or none for a floating acquisition),
 * in the first shape its catalog entry allows: `release()`, `client.release()`, `await fh.close()`, `sema.release()`,
 * `fs.closeSync(fd)`, `lockfile.unlock(file)`. Null when no shape can be written without new imports.
 */
export function releaseText(model: ResourceModel, lifetime: Lifetime): string | null {
  const { acquisition, name, owner } = lifetime;
  const text = (node: Parameters<typeof model.sourceCode.getText>[0]): string => model.sourceCode.getText(node);
  const stable = (node: TSESTree.Node | null): string | null => (node && isStableReference(node) ? text(node) : null);
  const callee = skipWrappers(acquisition.call.callee);
  const [first] = acquisition.call.arguments;
  return releaseStatementText(
    acquisition.resource.release,
    {
      value: name,
      receiver: stable(acquisition.receiver),
      functionOwner: callee.type === AST_NODE_TYPES.MemberExpression ? stable(callee.object) : null,
      firstArgument: first ? text(first) : null,
    },
    { optional: false, canAwait: owner?.async ?? false },
  );
}
