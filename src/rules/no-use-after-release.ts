import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { lifetimeOf } from '../analysis/cache.js';
import type { Lifetime } from '../analysis/lifetime.js';
import { PathRecorder } from '../analysis/exits/codePaths.js';
import { mayAcquireIn, mayAcquireInFile } from '../analysis/exits/pathWork.js';
import { releaseFindings, type ReleaseFinding, type ReleasePaths } from '../analysis/exits/releases.js';
import { mayReportIn } from '../analysis/prefilter.js';
import { isInSkippedTest, isSkippedTestFile } from '../analysis/testCode.js';
import { acquisitionAt, timerAt } from '../resources/recognize.js';
import { timerAcquisition } from '../resources/timers.js';
import { resourceModel, type Acquisition, type ResourceModel } from '../resources/match.js';
import { calleeName, propertyName, skipWrappers, wellKnownSymbolKey } from '../util/ast.js';
import { createRule } from '../util/createRule.js';
import { mergeListeners } from '../util/listeners.js';

export type Options = [{ checkIdempotent?: boolean }];
export type MessageId = 'releaseOfNothing' | 'releasedBeforeScopeEnd' | 'releasedTwice' | 'useAfterRelease';

export default createRule<Options, MessageId>({
  name: 'no-use-after-release',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow using a lock, pooled client or file handle after it was released, and releasing it twice',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkIdempotent: {
            type: 'boolean',
            description:
              'Also report a second release of resources whose release is harmless to repeat (the releaser returned by `async-mutex` `acquire()`).',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      useAfterRelease:
        'The {{resource}} is used after {{release}} (line {{releaseLine}}) released it {{paths}}. Use it before that or get a new {{noun}}.',
      releasedTwice:
        'The {{resource}} is released again after {{release}} (line {{releaseLine}}) released it {{paths}}. Release it once.',
      releasedBeforeScopeEnd:
        'The {{resource}} is released again by its `{{declaration}}` at block end. Remove this release.',
      releaseOfNothing:
        'If {{acquisition}} on line {{line}} throws, `{{name}}` holds no {{noun}} and this release throws. Guard it with `if ({{name}})`.',
    },
    defaultOptions: [{ checkIdempotent: false }],
  },
  create(context, [{ checkIdempotent = false }]) {
    if (isSkippedTestFile(context)) return {};
    const model = resourceModel(context);
    // Timers are cleared idempotently: they matter only with `checkIdempotent`.
    const timers = checkIdempotent;
    // A file that names no acquiring call gets no listeners at all: not even ESLint's code-path events.
    if (!mayReportIn(model, 'no-use-after-release', { checkIdempotent })) return {};
    // Only a recorded function is judged, and none is recorded in a file that names no acquiring call (one that only
    // names a per-call client's module, say): no listeners there either, not even code-path events.
    if (!mayAcquireInFile(model, { timers })) return {};
    const recorder = new PathRecorder<Lifetime>(
      context.sourceCode.ast,
      (node) => mayAcquireIn(model, node, { timers }),
      (paths, lifetimes) => {
        for (const finding of releaseFindings(model, paths, lifetimes, { checkIdempotent }))
          report(context, model, finding);
      },
    );

    return mergeListeners(recorder.listeners, {
      CallExpression(node) {
        if (!recorder.isRecording()) return;
        const acquisition = model.isCandidateName(calleeName(node))
          ? acquisitionAt(model, node)
          : timers
            ? timerOf(model, node)
            : null;
        // Streams, sockets and servers are still read after `end()` / `close()` (`once(out, 'finish')`): not judged.
        if (!acquisition || acquisition.resource.mayOutliveOwner === true) return;
        if (isInSkippedTest(context, node)) return;
        const lifetime = lifetimeOf(model, acquisition);
        if (lifetime.owner) recorder.addSubject(lifetime.owner, lifetime);
      },
    });
  },
});

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

/** A callback timer (`setInterval(…)`), released by `clearInterval(id)`/`clearTimeout(id)`. */
function timerOf(model: ResourceModel, call: TSESTree.CallExpression): Acquisition | null {
  const start = timerAt(model, call);
  return start && !start.promises ? timerAcquisition(start) : null;
}

const PATHS: Record<ReleasePaths, string> = {
  every: 'on every path to here',
  some: 'on some paths to here',
  'earlier-iteration': 'in an earlier iteration of the loop',
};

function report(context: Context, model: ResourceModel, finding: ReleaseFinding): void {
  const lifetime = finding.lifetime;
  const noun = lifetime.acquisition.resource.noun;
  const resource = describeResource(
    lifetime,
    finding.kind === 'useAfterRelease' || finding.kind === 'releasedTwice' ? finding.name : null,
  );
  switch (finding.kind) {
    case 'useAfterRelease':
    case 'releasedTwice':
      context.report({
        node: finding.node,
        messageId: finding.kind,
        data: {
          resource,
          noun,
          release: `\`${calleeText(model, finding.release.call.callee)}()\``,
          releaseLine: String(finding.release.call.loc.start.line),
          paths: PATHS[finding.paths],
        },
      });
      return;
    case 'releasedBeforeScopeEnd':
      context.report({
        node: finding.node,
        messageId: 'releasedBeforeScopeEnd',
        data: { resource: describeResource(lifetime, finding.name), declaration: finding.declaration },
      });
      return;
    case 'releaseOfNothing':
      context.report({
        node: finding.node,
        messageId: 'releaseOfNothing',
        data: {
          name: finding.name,
          noun,
          acquisition: `\`${lifetime.acquisition.label}\``,
          line: String(lifetime.acquisition.call.loc.start.line),
        },
      });
      return;
  }
}

/** `client \`client\` from \`pool.connect()\`` / `semaphore permit from \`sema.acquire()\``. */
function describeResource(lifetime: Lifetime, name: string | null): string {
  const { noun } = lifetime.acquisition.resource;
  const from = `\`${lifetime.acquisition.label}\``;
  return name === null ? `${noun} from ${from}` : `${noun} \`${name}\` from ${from}`;
}

const MAX_CALLEE = 40;

/** `client.release`, `fs.closeSync`, `release`: the callee without `as`/`!`/`satisfies`, shortened from the left. */
function calleeText(model: ResourceModel, callee: TSESTree.Expression): string {
  const inner = skipWrappers(callee);
  let text = model.keyOf(inner);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const object = model.keyOf(skipWrappers(inner.object));
    const symbol = wellKnownSymbolKey(inner);
    text = symbol ? `${object}[Symbol.${symbol.slice(2)}]` : `${object}.${propertyName(inner) ?? '[…]'}`;
  }
  return text.length <= MAX_CALLEE ? text : `…${text.slice(-MAX_CALLEE)}`;
}
