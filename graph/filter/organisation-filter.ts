/**
 * What an organisation filter means, once: its districts with those inside them (and, with
 * `includeWider`, the areas around them), its target groups with their narrower groups, its
 * agreement kinds and resources, its text folded for search and its synthetic flag. The store's
 * Cypher lists (graph/repo/organisations.ts) and the read model (graph/readmodel/queries.ts)
 * both run this plan; each answers the hierarchy questions from its own data, the store
 * asynchronously, the read model at once.
 */
import { ValidationError } from '../errors.js';
import { fold } from '../text/fold.js';
import type { OrganisationFilter } from '../validation/inputs.js';

/** A question the plan asks about the catalogue's hierarchies. */
export type HierarchyQuestion =
  /** Which of these ids exist. */
  | { ask: 'existing'; label: 'District' | 'TargetGroup'; ids: string[] }
  /** The districts and those inside them (PART_OF, up to six steps). */
  | { ask: 'districtsWithInner'; ids: string[] }
  /** The areas around the districts (PART_OF outwards, one to six steps). */
  | { ask: 'districtsOuter'; ids: string[] }
  /** The target groups and their narrower groups (BROADER, up to ten steps). */
  | { ask: 'targetGroupsWithNarrower'; ids: string[] };

/** A filter planned: the link criteria expanded, the text folded. Absent criteria do not restrict. */
export interface OrganisationFilterPlan {
  /** Folded; '' when the filter has no text. */
  text: string;
  /** null: synthetic and real organisations alike. */
  synthetic: boolean | null;
  districtIds?: Set<string>;
  targetGroupIds?: Set<string>;
  agreementKinds?: string[];
  offered?: string[];
  needed?: string[];
}

function* plan(filter: OrganisationFilter): Generator<HierarchyQuestion, OrganisationFilterPlan, Set<string>> {
  const out: OrganisationFilterPlan = {
    text: filter.text ? fold(filter.text) : '',
    synthetic: filter.synthetic === undefined || filter.synthetic === null ? null : filter.synthetic,
  };
  if (filter.districts?.length) {
    requireExisting(filter.districts, yield { ask: 'existing', label: 'District', ids: filter.districts }, 'filter.districts');
    const ids = yield { ask: 'districtsWithInner', ids: filter.districts };
    if (filter.includeWider) for (const id of yield { ask: 'districtsOuter', ids: filter.districts }) ids.add(id);
    out.districtIds = ids;
  }
  if (filter.targetGroups?.length) {
    requireExisting(filter.targetGroups, yield { ask: 'existing', label: 'TargetGroup', ids: filter.targetGroups }, 'filter.targetGroups');
    out.targetGroupIds = yield { ask: 'targetGroupsWithNarrower', ids: filter.targetGroups };
  }
  if (filter.agreementKinds?.length) out.agreementKinds = filter.agreementKinds;
  if (filter.resourcesOffered?.length) out.offered = filter.resourcesOffered;
  if (filter.resourcesNeeded?.length) out.needed = filter.resourcesNeeded;
  return out;
}

function requireExisting(ids: readonly string[], found: ReadonlySet<string>, field: string): void {
  const problems = ids.flatMap((id, i) => (found.has(id) ? [] : [{ field: `${field}.${i}`, message: `${JSON.stringify(id)} does not exist` }]));
  if (problems.length) throw new ValidationError(problems);
}

/** Plans a filter with answers at hand (the read model). */
export function planOrganisationFilter(filter: OrganisationFilter, answer: (q: HierarchyQuestion) => Set<string>): OrganisationFilterPlan {
  const steps = plan(filter);
  let step = steps.next();
  while (!step.done) step = steps.next(answer(step.value));
  return step.value;
}

/** Plans a filter whose answers take a read (the store). */
export async function planOrganisationFilterAsync(filter: OrganisationFilter, answer: (q: HierarchyQuestion) => Promise<Set<string>>): Promise<OrganisationFilterPlan> {
  const steps = plan(filter);
  let step = steps.next();
  while (!step.done) step = steps.next(await answer(step.value));
  return step.value;
}
