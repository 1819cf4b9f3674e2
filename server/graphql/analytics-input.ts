/**
 * GraphQL arguments → analytics options: an OrganisationFilter becomes an analytics scope on the
 * projection, unknown ids become BAD_USER_INPUT errors that name the argument (with the item's
 * index, as the repositories do), and the analytics module's own errors are renamed to the
 * GraphQL argument they are about.
 */
import { fold } from '../../graph/text/fold.js';
import { AnalyticsInputError, type OrganisationScope, type Projection } from '../../graph/analytics/index.js';
import { ValidationError, type FieldProblem } from '../../graph/errors.js';
import type { Maybe, OrganisationFilter } from './generated/resolvers.js';

/** Stockholm: the municipality coverage questions default to. */
export const DEFAULT_MUNICIPALITY = 'district:municipality-0180';

/** Most target groups one coverage matrix may have as columns. */
export const MAX_COVERAGE_COLUMNS = 60;

type Lookup = ReadonlyMap<string, number>;

function checkIds(ids: string | readonly string[] | null | undefined, index: Lookup, field: string, what: string, problems: FieldProblem[]): void {
  if (typeof ids === 'string') {
    if (!index.has(ids)) problems.push({ field, message: `no ${what} has the id ${JSON.stringify(ids.slice(0, 200))}` });
    return;
  }
  ids?.forEach((id, i) => {
    if (!index.has(id)) problems.push({ field: `${field}.${i}`, message: `no ${what} has the id ${JSON.stringify(id.slice(0, 200))}` });
  });
}

/** Every id known to the projection, else one BAD_USER_INPUT listing each unknown one (`field`, or `field.i` in a list). */
export function requireIds(p: Projection, checks: { ids: string | readonly string[] | null | undefined; field: string; kind: 'targetGroup' | 'district' | 'agreement' | 'organisation' }[]): void {
  const problems: FieldProblem[] = [];
  for (const c of checks) {
    const [index, what] =
      c.kind === 'targetGroup' ? [p.tgIndex, 'target group'] : c.kind === 'district' ? [p.districtIndex, 'district'] : c.kind === 'agreement' ? [p.agreementIndex, 'agreement'] : [p.orgIndex, 'organisation'];
    checkIds(c.ids, index, c.field, what, problems);
  }
  if (problems.length) throw new ValidationError(problems);
}

/**
 * The organisations an OrganisationFilter selects, as an analytics scope. Target groups and
 * districts (narrower ones and those inside included) go to the analytics scope as they are;
 * the other criteria (agreement kinds, resources, name text, `includeWider`) restrict it to
 * explicit organisation ids computed on the projection. `text` matches names (the projection
 * holds no aliases).
 */
export function scopeOf(p: Projection, filter: Maybe<OrganisationFilter> | undefined, field = 'filter'): OrganisationScope {
  if (!filter) return {};
  requireIds(p, [
    { ids: filter.targetGroups, field: `${field}.targetGroups`, kind: 'targetGroup' },
    { ids: filter.districts, field: `${field}.districts`, kind: 'district' },
  ]);
  const problems: FieldProblem[] = [];
  filter.resourcesOffered?.forEach((id, i) => {
    if (!p.resourceTypeIndex.has(id)) problems.push({ field: `${field}.resourcesOffered.${i}`, message: `no resource type has the id ${JSON.stringify(id.slice(0, 200))}` });
  });
  filter.resourcesNeeded?.forEach((id, i) => {
    if (!p.resourceTypeIndex.has(id)) problems.push({ field: `${field}.resourcesNeeded.${i}`, message: `no resource type has the id ${JSON.stringify(id.slice(0, 200))}` });
  });
  if (problems.length) throw new ValidationError(problems);

  const scope: OrganisationScope = {};
  if (filter.includeClosed) scope.includeClosed = true;
  if (filter.targetGroups) scope.targetGroupIds = filter.targetGroups;
  const restrictions: Uint8Array[] = [];
  if (filter.districts && filter.includeWider) {
    // Active in a listed district, inside one, or in a wider area that contains one.
    const mark = new Uint8Array(p.orgCount);
    for (const id of filter.districts) {
      const d = p.districtIndex.get(id)!;
      for (let k = p.districtOrgClosure.start(d); k < p.districtOrgClosure.end(d); k++) mark[p.districtOrgClosure.values[k]!] = 1;
      for (const a of p.districtAncestors[d]!) for (let k = p.districtOrg.start(a); k < p.districtOrg.end(a); k++) mark[p.districtOrg.values[k]!] = 1;
    }
    restrictions.push(mark);
  } else if (filter.districts) {
    scope.districtIds = filter.districts;
  }
  if (filter.agreementKinds) {
    const kinds = new Set<string>(filter.agreementKinds);
    const mark = new Uint8Array(p.orgCount);
    p.agreements.forEach((a, g) => {
      if (!kinds.has(a.kind)) return;
      for (let k = p.agreementOrg.start(g); k < p.agreementOrg.end(g); k++) mark[p.agreementOrg.values[k]!] = 1;
    });
    restrictions.push(mark);
  }
  const byResource = (ids: readonly string[], csr: Projection['offerers']) => {
    const mark = new Uint8Array(p.orgCount);
    for (const id of ids) {
      const r = p.resourceTypeIndex.get(id)!;
      for (let k = csr.start(r); k < csr.end(r); k++) mark[csr.values[k]!] = 1;
    }
    restrictions.push(mark);
  };
  if (filter.resourcesOffered) byResource(filter.resourcesOffered, p.offerers);
  if (filter.resourcesNeeded) byResource(filter.resourcesNeeded, p.needers);
  const text = filter.text?.trim();
  if (text) {
    const needle = fold(text);
    const mark = new Uint8Array(p.orgCount);
    for (let o = 0; o < p.orgCount; o++) if (fold(p.orgNames[o]!).includes(needle)) mark[o] = 1;
    restrictions.push(mark);
  }
  if (restrictions.length) {
    const ids: string[] = [];
    for (let o = 0; o < p.orgCount; o++) if (restrictions.every((m) => m[o])) ids.push(p.orgIds[o]!);
    scope.organisationIds = ids;
  }
  return scope;
}

/**
 * Runs an analytics call and renames the field of its errors (the analytics module names its own
 * options: `municipalityId`, `threshold`, `scope`…) to the GraphQL argument.
 */
export function analyticsCall<T>(fields: Record<string, string>, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AnalyticsInputError) throw new AnalyticsInputError(error.code, fields[error.field] ?? error.field, error.message, error.value);
    throw error;
  }
}

/** An integer argument within bounds, else BAD_USER_INPUT naming it. */
export function intArg(value: number | null | undefined, field: string, min: number, max: number, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > max) throw new ValidationError([{ field, message: `must be an integer from ${min} to ${max}` }]);
  return n;
}

/** A score threshold argument: a finite number ≥ 0. */
export function scoreArg(value: number | null | undefined, field: string, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isFinite(n) || n < 0 || n > 1000) throw new ValidationError([{ field, message: 'must be a number from 0 to 1000' }]);
  return n;
}

export const isoOf = (ms: number) => new Date(ms).toISOString();
