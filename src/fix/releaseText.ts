import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { Lifetime } from '../analysis/lifetime.js';
import type { ResourceModel } from '../resources/match.js';
import { isStableReference, skipWrappers } from '../util/ast.js';

/**
 * The statement that releases the held resource, in the first shape its catalog entry allows:
 * `release()`, `client.release()`, `await fh.close()`, `sema.release()`, `fs.closeSync(fd)`, `lockfile.unlock(file)`.
 * Null when no shape can be written without new imports.
 */
export function releaseText(model: ResourceModel, lifetime: Lifetime): string | null {
  const { acquisition, name, owner } = lifetime;
  const release = acquisition.resource.release;
  const text = (node: Parameters<typeof model.sourceCode.getText>[0]): string => model.sourceCode.getText(node);
  const receiver = acquisition.receiver && isStableReference(acquisition.receiver) ? text(acquisition.receiver) : null;
  const awaitPrefix = release.awaitRelease && owner?.async ? 'await ' : '';
  let call: string | null = null;
  if (name !== null && release.callValue) call = `${name}()`;
  else if (name !== null && release.methods?.[0]) call = `${name}.${release.methods[0]}()`;
  else if (receiver !== null && release.receiverMethods?.[0])
    call = `${receiver}.${release.receiverMethods[0]}(${name ?? ''})`;
  else if (name !== null && release.functions?.[0]) {
    const callee = skipWrappers(acquisition.call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && isStableReference(callee.object))
      call = `${text(callee.object)}.${release.functions[0]}(${name})`;
  } else if (release.pairedFunctions?.[0] && receiver !== null && acquisition.call.arguments[0]) {
    call = `${receiver}.${release.pairedFunctions[0]}(${text(acquisition.call.arguments[0])})`;
  }
  return call === null ? null : `${awaitPrefix}${call};`;
}
