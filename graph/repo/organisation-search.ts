/**
 * Ranked text search over organisations (graph/search): what the full-text indexes find, the
 * organisations linked to the target groups, districts and resources the query names, the other
 * filters applied, a page with highlights, the entries taken as meant (offered as filters), and
 * the spelling the data uses when the query had a typo.
 */
import type { GraphEngine, Tx } from '../engines/port.js';
import { amongStatement, idsStatement, type OrganisationListParams } from '../cypher/statements/organisation-lists.js';
import type { OrganisationFilter } from '../validation/inputs.js';
import type { ReadModelService } from '../readmodel/sync.js';
import { rankInModel } from '../readmodel/text-rank.js';
import type { HitSource } from '../search/sources.js';
import type { CatalogueKind, SearchHits } from '../search/hits.js';
import { meantEntries, type Meant } from '../search/meant.js';
import { bestRanked, tally, type Named, type Ranked } from '../search/rank.js';
import type { Token } from '../search/analyze.js';
import { tokens } from '../search/analyze.js';
import { correction, highlights, snippet, type Range } from '../search/highlight.js';
import { decodeRankCursor, encodeRankCursor } from './cursor.js';
import type { OrganisationRecord } from '../model/records.js';
import type { OrganisationFilterKey } from '../cypher/fragments.js';

/** A filter expanded into the list variant to run and its parameters (graph/repo/organisations.ts plans it). */
export interface FilterPlan {
  keys: OrganisationFilterKey[];
  params: OrganisationListParams;
}
export type FilterPlanner = (tx: Tx, filter: OrganisationFilter) => Promise<FilterPlan | null>;

/** Organisations the text indexes are asked for; catalogue entries' organisations taken at most. */
export const TEXT_CANDIDATES = 300;
export const LINKED_CANDIDATES = 5000;
const CHUNK = 5000;

export interface SearchHighlight {
  field: 'name' | 'alias' | 'description';
  text: string;
  ranges: Range[];
}

export interface SearchMatch {
  /** The score, best 1 per part: the organisation's own text, then each meant entry it is linked to. */
  score: number;
  /** How many of the query's words it accounts for, in its text or through its links. */
  covered: number;
  text: number;
  linked: { kind: CatalogueKind; id: string; weight: number }[];
  highlights: SearchHighlight[];
}

export interface SearchResultPage {
  nodes: OrganisationRecord[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  search: {
    matches: SearchMatch[];
    meant: { kind: CatalogueKind; id: string }[];
    didYouMean: string | null;
  };
}

export interface SearchDeps {
  engine: GraphEngine;
  hits: HitSource;
  readModel: ReadModelService | null;
  plan: FilterPlanner;
  getMany(ids: readonly string[]): Promise<Map<string, OrganisationRecord>>;
}

const FILTER_FIELDS: Record<CatalogueKind, keyof OrganisationFilter> = { TargetGroup: 'targetGroups', District: 'districts', ResourceType: 'resourcesOffered' };

export async function searchOrganisations(deps: SearchDeps, filter: OrganisationFilter, first: number, after: string | null): Promise<SearchResultPage> {
  const text = (filter.text ?? '').trim();
  const start = after ? decodeRankCursor(after) + 1 : 0;
  const query = tokens(text);
  const hits = await deps.hits.hits(text, TEXT_CANDIDATES);
  const meant = meantEntries(hits, query);
  const { text: _t, ...rest } = filter;
  // The page and what precedes it, of thousands found: the rest need no order.
  const { ranked, total } = await ranking(deps, hits, meant, query, hasFilters(rest) ? rest : null, start + first);
  const slice = ranked.slice(start, start + first);
  const records = await deps.getMany(slice.map((r) => r.id));
  const nodes: OrganisationRecord[] = [];
  const matches: SearchMatch[] = [];
  const cursors: string[] = [];
  slice.forEach((r, i) => {
    const o = records.get(r.id);
    if (!o) return;
    nodes.push(o);
    cursors.push(encodeRankCursor(start + i));
    const found: SearchHighlight[] = [];
    const name = highlights(o.name, query);
    if (name.length) found.push({ field: 'name', text: o.name, ranges: name });
    for (const alias of o.aliases ?? []) {
      const ranges = highlights(alias, query);
      if (ranges.length) found.push({ field: 'alias', text: alias, ranges });
    }
    if (o.description) {
      const ranges = highlights(o.description, query);
      if (ranges.length) found.push({ field: 'description', ...snippet(o.description, ranges) });
    }
    matches.push({ score: r.score, covered: r.covered, text: r.text, linked: r.linked, highlights: found });
  });
  const top = nodes.slice(0, 3).flatMap((o) => [o.name, ...(o.aliases ?? []), o.description ?? '']);
  return {
    nodes,
    cursors,
    hasNextPage: start + first < total,
    endCursor: cursors[cursors.length - 1] ?? null,
    totalCount: total,
    search: { matches, meant: meant.map(({ kind, id }) => ({ kind, id })), didYouMean: start === 0 ? correction(text, top) : null },
  };
}

function hasFilters(filter: OrganisationFilter): boolean {
  return Boolean(filter.districts?.length || filter.targetGroups?.length || filter.agreementKinds?.length || filter.resourcesOffered?.length || filter.resourcesNeeded?.length || (filter.synthetic !== undefined && filter.synthetic !== null));
}

/** A meant entry's organisations: a resource is meant whether offered or needed. */
function filtersOf(m: Meant): OrganisationFilter[] {
  if (m.kind === 'ResourceType') return [{ resourcesOffered: [m.id] }, { resourcesNeeded: [m.id] }];
  return [{ [FILTER_FIELDS[m.kind]]: [m.id] }];
}

/** The best `count` organisations found that the rest of the filter keeps, and how many it keeps: on the read model in one synchronous pass, else from the engine. */
async function ranking(deps: SearchDeps, hits: SearchHits, meant: readonly Meant[], query: readonly Token[], rest: OrganisationFilter | null, count: number): Promise<{ ranked: Ranked[]; total: number }> {
  const model = deps.readModel?.ready;
  if (model) return rankInModel(model, hits, meant, query, filtersOf, LINKED_CANDIDATES, rest, count);
  const linked = new Map<string, Named[]>();
  for (const m of meant) {
    const found = new Map<string, Named>();
    for (const f of filtersOf(m)) for (const o of await idsFor(deps, f)) found.set(o.id, o);
    linked.set(m.id, [...found.values()]);
  }
  // Names for ties, of the text hits (the linked come with theirs).
  const records = await deps.getMany(hits.organisations.map((h) => h.id));
  const names = new Map([...records].map(([id, o]) => [id, o.name]));
  const tallies = tally(hits, meant, linked, query, names);
  let keep: ((slot: number) => boolean) | null = null;
  if (rest) {
    const kept = new Set(await among(deps, rest, tallies.ids));
    keep = (s) => kept.has(tallies.ids[s]!);
  }
  return bestRanked(tallies, keep, count);
}

/** The organisations a filter selects, the first LINKED_CANDIDATES in (name, id) order, as the read model takes them. */
async function idsFor(deps: SearchDeps, filter: OrganisationFilter): Promise<Named[]> {
  return deps.engine.read(async (tx) => {
    const plan = await deps.plan(tx, filter);
    if (!plan) return [];
    return tx.run(idsStatement(plan.keys), { ...plan.params, limit: LINKED_CANDIDATES });
  });
}

async function among(deps: SearchDeps, filter: OrganisationFilter, ids: readonly string[]): Promise<string[]> {
  return deps.engine.read(async (tx) => {
    const plan = await deps.plan(tx, filter);
    if (!plan) return [];
    const out: string[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await tx.run(amongStatement(plan.keys), { ...plan.params, among: ids.slice(i, i + CHUNK) })).map((r) => r.id));
    return out;
  });
}
