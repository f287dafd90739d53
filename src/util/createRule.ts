import { ESLintUtils } from '@typescript-eslint/utils';

/**
 * Which shared config a rule belongs to. `recommended` rules are also in `recommended-type-checked` and `strict`;
 * `recommended-type-checked` rules work without types but are recommended only where types are on (their fixes
 * need what only a type-checked project tells, such as a target that can downlevel `using`).
 */
export type RuleLevel = 'recommended' | 'recommended-type-checked' | 'strict';

export interface CleanupRuleDocs {
  /** Config that turns the rule on; rules without it are only in `all`. */
  recommended?: RuleLevel;
  /** The rule cannot work without the TypeScript checker. */
  requiresTypeChecking?: boolean;
}

export const REPOSITORY_URL = 'https://github.com/eslint-plugin-cleanup/eslint-plugin-cleanup';

export const docsUrl = (name: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;

const namedRule = ESLintUtils.RuleCreator<CleanupRuleDocs>(docsUrl);

/**
 * The one rule factory: the rule name gives id, docs URL, file and test names. typescript-eslint's factory merges the
 * defaults into the options on every `create()`, a `structuredClone` per rule and file. ESLint hands each file a new
 * options array, but one whose elements are the same objects for every file of a config (the rule's
 * `meta.defaultOptions` entries themselves when the config gives none), so the merge is kept for the elements it was
 * made from, and a file pays one comparison instead. The rules never write to their options.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Parameters<typeof namedRule<Options, MessageIds>>[0],
): ReturnType<typeof namedRule<Options, MessageIds>> {
  const created = namedRule(rule);
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- what typescript-eslint's factory falls back to
  const defaults: Options = rule.meta.defaultOptions ?? rule.defaultOptions ?? ([] as unknown as Options);
  let mergedFrom: readonly unknown[] | null = null;
  let merged = defaults;
  return {
    ...created,
    create(context) {
      const options = context.options;
      if (mergedFrom === null || !sameElements(mergedFrom, options)) {
        merged = ESLintUtils.applyDefault<Options, Options>(defaults, options);
        mergedFrom = [...options];
      }
      return rule.create(context, merged);
    },
  };
}

function sameElements(left: readonly unknown[], right: readonly unknown[]): boolean {
  return left.length === right.length && left.every((element, index) => element === right[index]);
}
