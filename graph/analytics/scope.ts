/**
 * Which organisations an analysis looks at: those serving any of the target groups (or a narrower
 * group) and active in any of the districts (or inside them), optionally restricted to listed ids.
 * An omitted criterion does not restrict; an empty list matches nothing. Organisations recorded as
 * closed are left out unless asked for.
 */
import type { Projection } from './projection.js';

export interface OrganisationScope {
  targetGroupIds?: readonly string[];
  districtIds?: readonly string[];
  organisationIds?: readonly string[];
  /** Count organisations serving a narrower group (default true). */
  includeNarrowerTargetGroups?: boolean;
  /** Count organisations active in a district inside a listed one (default true). */
  includeSubDistricts?: boolean;
  /** Include organisations recorded as CLOSED (default false). */
  includeClosed?: boolean;
}

/** Sorted dense organisation indexes in the scope. */
export function resolveScope(p: Projection, scope: OrganisationScope = {}): Int32Array {
  let current: Uint8Array | null = null;
  const intersect = (mark: Uint8Array) => {
    if (current === null) current = mark;
    else for (let i = 0; i < mark.length; i++) current[i] = current[i]! & mark[i]!;
  };
  if (scope.targetGroupIds) {
    const mark = new Uint8Array(p.orgCount);
    const narrower = scope.includeNarrowerTargetGroups ?? true;
    const csr = narrower ? p.tgOrgClosure : p.tgOrg;
    for (const id of scope.targetGroupIds) {
      const t = p.requireTargetGroup(id, 'targetGroupIds');
      for (let k = csr.start(t); k < csr.end(t); k++) mark[csr.values[k]!] = 1;
    }
    intersect(mark);
  }
  if (scope.districtIds) {
    const mark = new Uint8Array(p.orgCount);
    const sub = scope.includeSubDistricts ?? true;
    const csr = sub ? p.districtOrgClosure : p.districtOrg;
    for (const id of scope.districtIds) {
      const d = p.requireDistrict(id, 'districtIds');
      for (let k = csr.start(d); k < csr.end(d); k++) mark[csr.values[k]!] = 1;
    }
    intersect(mark);
  }
  if (scope.organisationIds) {
    const mark = new Uint8Array(p.orgCount);
    for (const id of scope.organisationIds) mark[p.requireOrganisation(id, 'organisationIds')] = 1;
    intersect(mark);
  }
  const final: Uint8Array | null = current;
  const closedOut = !scope.includeClosed;
  const out: number[] = [];
  for (let i = 0; i < p.orgCount; i++) if ((final === null || (final as Uint8Array)[i]) && !(closedOut && p.orgClosed[i])) out.push(i);
  return Int32Array.from(out);
}

/** A stable string for memoising per scope. */
export function scopeKey(scope: OrganisationScope = {}): string {
  const list = (l: readonly string[] | undefined) => (l ? [...l].sort().join(',') : '*');
  return [
    list(scope.targetGroupIds),
    list(scope.districtIds),
    list(scope.organisationIds),
    scope.includeNarrowerTargetGroups ?? true,
    scope.includeSubDistricts ?? true,
    scope.includeClosed ?? false,
  ].join('|');
}
