/**
 * Which organisations an analysis looks at: those serving any of the target groups (or a narrower
 * group) and active in any of the districts (or inside them), optionally restricted to listed ids.
 * An omitted criterion does not restrict; an empty list matches nothing. Organisations the
 * projection does not let analyses put forward (Projection.analysable) are never in a scope;
 * those recorded as closed are left out unless asked for.
 */
import { notFound } from './errors.js';
import { activeIn, checkPeriod, type Period } from './period.js';
import type { Projection } from './projection.js';

export interface OrganisationScope {
  targetGroupIds?: readonly string[];
  districtIds?: readonly string[];
  organisationIds?: readonly string[];
  /** Count organisations serving a narrower group (default true). */
  includeNarrowerTargetGroups?: boolean;
  /** Count organisations active in a district inside a listed one (default true). */
  includeSubDistricts?: boolean;
  /** Parties to any of these agreements. */
  agreementIds?: readonly string[];
  /** Organisations offering or needing any of these resource types. */
  resourceTypeIds?: readonly string[];
  /** Organisations that took part in a collaboration, or were party to an agreement, active in the period. */
  period?: Period;
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
  if (scope.agreementIds) {
    const mark = new Uint8Array(p.orgCount);
    for (const id of scope.agreementIds) {
      const g = p.requireAgreement(id, 'agreementIds');
      for (let k = p.agreementOrg.start(g); k < p.agreementOrg.end(g); k++) mark[p.agreementOrg.values[k]!] = 1;
    }
    intersect(mark);
  }
  if (scope.resourceTypeIds) {
    const mark = new Uint8Array(p.orgCount);
    for (const id of scope.resourceTypeIds) {
      const r = p.resourceTypeIndex.get(id);
      if (r === undefined) throw notFound('resourceTypeIds', 'resource type', id);
      for (const csr of [p.offerers, p.needers]) for (let k = csr.start(r); k < csr.end(r); k++) mark[csr.values[k]!] = 1;
    }
    intersect(mark);
  }
  if (scope.period) {
    const period = checkPeriod(scope.period);
    const mark = new Uint8Array(p.orgCount);
    for (let c = 0; c < p.collaborationCount; c++) {
      if (!activeIn(period, p.collaborationStart[c], p.collaborationEnd[c])) continue;
      for (let k = p.collaborationOrg.start(c); k < p.collaborationOrg.end(c); k++) mark[p.collaborationOrg.values[k]!] = 1;
    }
    for (let g = 0; g < p.agreementCount; g++) {
      const a = p.agreements[g]!;
      if (a.isSummary || !activeIn(period, a.startDate, a.endDate)) continue;
      for (let k = p.agreementOrg.start(g); k < p.agreementOrg.end(g); k++) mark[p.agreementOrg.values[k]!] = 1;
    }
    intersect(mark);
  }
  const final: Uint8Array | null = current;
  const closedOut = !scope.includeClosed;
  const out: number[] = [];
  for (let i = 0; i < p.orgCount; i++) if ((final === null || (final as Uint8Array)[i]) && p.analysable[i] && !(closedOut && p.orgClosed[i])) out.push(i);
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
    list(scope.agreementIds),
    list(scope.resourceTypeIds),
    scope.period ? `${scope.period.from ?? ''}..${scope.period.to ?? ''}` : '*',
    scope.includeClosed ?? false,
  ].join('|');
}
