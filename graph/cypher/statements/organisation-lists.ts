/**
 * Organisation lists and counts, one statement per combination of filters in use (2^5 of each),
 * generated from the filter patterns so every variant is a named, tested and linted statement.
 * The first pattern drives the query, so the most selective filter (districts) comes first.
 *
 * cypher-generation: model-derived (patterns are constants, never input)
 */
import { defineStatement, type Statement } from '../statement.js';
import {
  AFTER_CURSOR,
  ORGANISATION_FILTER_PATTERNS,
  ORGANISATION_MAP,
  ORGANISATION_PREDICATES,
  type OrganisationFilterKey,
} from '../fragments.js';
import type { OrganisationRecord } from '../../model/records.js';

export const FILTER_KEYS = Object.keys(ORGANISATION_FILTER_PATTERNS) as OrganisationFilterKey[];

export interface OrganisationListParams {
  districtIds?: string[];
  targetGroupIds?: string[];
  agreementKinds?: string[];
  offered?: string[];
  needed?: string[];
  text: string;
  bySynthetic: boolean;
  synthetic: boolean;
}

export type OrganisationPageParams = OrganisationListParams & { afterName: string; afterId: string; limit: number };

const PARAM_OF: Record<OrganisationFilterKey, keyof OrganisationListParams> = {
  districts: 'districtIds',
  targetGroups: 'targetGroupIds',
  agreementKinds: 'agreementKinds',
  offered: 'offered',
  needed: 'needed',
};

/** The variant's name part: the filters in use, in pattern order ("all" for none). */
export function variantKey(keys: readonly OrganisationFilterKey[]): string {
  const used = FILTER_KEYS.filter((k) => keys.includes(k));
  return used.length ? used.join('+') : 'all';
}

function matchPart(keys: OrganisationFilterKey[]): string {
  if (!keys.length) return 'MATCH (o:Organisation)';
  const [first, ...rest] = keys;
  // The first filter's pattern binds o as an Organisation; the rest narrow it.
  const head = ORGANISATION_FILTER_PATTERNS[first!].replace('MATCH (o)', 'MATCH (o:Organisation)');
  return [head, ...rest.map((k) => ORGANISATION_FILTER_PATTERNS[k])].join('\n') + '\nWITH DISTINCT o';
}

function example(keys: OrganisationFilterKey[]): OrganisationListParams {
  const p: OrganisationListParams = { text: '', bySynthetic: false, synthetic: false };
  for (const k of keys) (p as unknown as Record<string, string[]>)[PARAM_OF[k]] = ['x'];
  return p;
}

function subsets(): OrganisationFilterKey[][] {
  const out: OrganisationFilterKey[][] = [];
  for (let mask = 0; mask < 1 << FILTER_KEYS.length; mask++) out.push(FILTER_KEYS.filter((_, i) => mask & (1 << i)));
  return out;
}

const lists: Record<string, Statement<OrganisationPageParams, { org: OrganisationRecord }>> = {};
const counts: Record<string, Statement<OrganisationListParams, { n: number }>> = {};

for (const keys of subsets()) {
  const key = variantKey(keys);
  lists[key] = defineStatement<OrganisationPageParams, { org: OrganisationRecord }>({
    name: `organisations.list.${key}`,
    mode: 'read',
    cypher: `${matchPart(keys)}
WHERE ${ORGANISATION_PREDICATES} AND ${AFTER_CURSOR}
RETURN ${ORGANISATION_MAP} AS org ORDER BY o.name, o.id LIMIT $limit`,
    example: { ...example(keys), afterName: '', afterId: '', limit: 10 },
  });
  counts[key] = defineStatement<OrganisationListParams, { n: number }>({
    name: `organisations.count.${key}`,
    mode: 'read',
    cypher: `${matchPart(keys)}
WHERE ${ORGANISATION_PREDICATES}
RETURN count(o) AS n`,
    example: example(keys),
  });
}

/**
 * The ids a filter selects with their names (`ids`, the first $limit in (name, id) order), and which of given organisations it selects
 * (`among`): what a ranked text search combines with the filters.
 */
const ids: Record<string, Statement<OrganisationListParams & { limit: number }, { id: string; name: string }>> = {};
const among: Record<string, Statement<OrganisationListParams & { among: string[] }, { id: string }>> = {};
for (const keys of subsets()) {
  const key = variantKey(keys);
  ids[key] = defineStatement<OrganisationListParams & { limit: number }, { id: string; name: string }>({
    name: `organisations.ids.${key}`,
    mode: 'read',
    cypher: `${matchPart(keys)}
WHERE ${ORGANISATION_PREDICATES}
RETURN o.id AS id, o.name AS name ORDER BY o.name, o.id LIMIT $limit`,
    example: { ...example(keys), limit: 10 },
  });
  among[key] = defineStatement<OrganisationListParams & { among: string[] }, { id: string }>({
    name: `organisations.among.${key}`,
    mode: 'read',
    cypher: `UNWIND $among AS key MATCH (o:Organisation {id: key})
${keys.map((k) => ORGANISATION_FILTER_PATTERNS[k]).join('\n')}${keys.length ? '\nWITH DISTINCT o' : ''}
WHERE ${ORGANISATION_PREDICATES}
RETURN o.id AS id`,
    example: { ...example(keys), among: ['org:x'] },
  });
}

export const organisationLists = { list: lists, count: counts, ids, among };

export function listStatement(keys: readonly OrganisationFilterKey[]) {
  return lists[variantKey(keys)]!;
}
export function countStatement(keys: readonly OrganisationFilterKey[]) {
  return counts[variantKey(keys)]!;
}
export function idsStatement(keys: readonly OrganisationFilterKey[]) {
  return ids[variantKey(keys)]!;
}
export function amongStatement(keys: readonly OrganisationFilterKey[]) {
  return among[variantKey(keys)]!;
}
export { PARAM_OF as FILTER_PARAM };
