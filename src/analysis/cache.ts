import type { TSESTree } from '@typescript-eslint/utils';

import type { Acquisition, ResourceModel } from '../resources/match.js';
import { verdictOf, type Verdict } from './exits/guarantee.js';
import { computeLifetime, type Lifetime } from './lifetime.js';

const lifetimes = new WeakMap<TSESTree.CallExpression | TSESTree.NewExpression, Lifetime>();
const verdicts = new WeakMap<TSESTree.CallExpression | TSESTree.NewExpression, Verdict>();

/** The lifetime of one acquisition, computed once per file and shared by every rule (keyed on the AST node). */
export function lifetimeOf(model: ResourceModel, acquisition: Acquisition): Lifetime {
  let lifetime = lifetimes.get(acquisition.call);
  if (!lifetime) {
    lifetime = computeLifetime(model, acquisition);
    lifetimes.set(acquisition.call, lifetime);
  }
  return lifetime;
}

/** Whether the acquisition is released on every exit; computed once per acquisition. */
export function verdictFor(model: ResourceModel, acquisition: Acquisition): Verdict {
  let verdict = verdicts.get(acquisition.call);
  if (!verdict) {
    verdict = verdictOf(model, lifetimeOf(model, acquisition));
    verdicts.set(acquisition.call, verdict);
  }
  return verdict;
}
