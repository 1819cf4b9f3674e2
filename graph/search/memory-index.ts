/**
 * The embedded engine's full-text indexes, in memory (MiniSearch): organisations by name, aliases
 * and description, and the catalogue (target groups with their everyday words, districts,
 * resource types) by name. They analyse as Neo4j's `swedish` full-text indexes do (analyze.ts),
 * with the same boosts and the same prefix and typo rules, so both engines find the same things.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { MATCH_WEIGHTS, TYPOS_BELOW, fuzziness, indexTerm, prefixes, queryTerms, type FieldSpec } from './analyze.js';
import { CATALOGUE_FIELDS, ORGANISATION_FIELDS, type CatalogueKind, type Hit, type SearchHits } from './hits.js';

/** As Neo4j's full-text index holds an organisation: `search` is its name and aliases, folded. */
export interface OrganisationDoc {
  id: string;
  search: string | null;
  description: string | null;
}

/** Target groups and districts by `search`, resource types by name. */
export interface CatalogueDoc {
  id: string;
  kind: CatalogueKind;
  search: string | null;
  name: string | null;
  nameEn: string | null;
}

const WORDS = /[\p{L}\p{N}]+/gu;
const tokenize = (text: string) => text.match(WORDS) ?? [];
const processTerm = (term: string) => indexTerm(term) ?? null;
const asText = (value: unknown) => (typeof value === 'string' ? value : '');

function index<T extends { id: string }>(fields: Readonly<Record<string, FieldSpec>>, store: string[] = []) {
  return new MiniSearch<T>({
    fields: Object.keys(fields),
    storeFields: store,
    tokenize,
    processTerm,
    extractField: (doc, field) => asText((doc as Record<string, unknown>)[field]),
    searchOptions: {
      processTerm: (term) => queryTerms(term),
      boost: Object.fromEntries(Object.entries(fields).map(([f, spec]) => [f, spec.boost])),
      prefix: (term) => prefixes(term),
      fuzzy: (term) => fuzziness(term) || false,
      weights: { ...MATCH_WEIGHTS },
      combineWith: 'OR',
    },
  });
}

/** Catalogue hits per kind: a query names few. */
export const CATALOGUE_HITS = 10;

export class MemorySearchIndex {
  private readonly organisations = index<OrganisationDoc>(ORGANISATION_FIELDS, ['search', 'description']);
  private readonly catalogue = index<CatalogueDoc>(CATALOGUE_FIELDS, ['kind', 'search', 'name', 'nameEn']);

  constructor(organisations: Iterable<OrganisationDoc>, catalogue: Iterable<CatalogueDoc>) {
    this.organisations.addAll([...organisations]);
    this.catalogue.addAll([...catalogue]);
  }

  get size(): number {
    return this.organisations.documentCount;
  }

  /** Adds, replaces (same id) or, with `null`, removes organisations. */
  update(changes: Iterable<[id: string, doc: OrganisationDoc | null]>): void {
    for (const [id, doc] of changes) {
      if (this.organisations.has(id)) this.organisations.discard(id);
      if (doc) this.organisations.add(doc);
    }
  }

  /** Words as written and by prefix; within typo edits too when they find fewer than TYPOS_BELOW organisations. */
  search(text: string, limit: number): SearchHits {
    const exact = this.organisations.search(text, { fuzzy: false });
    const typos = exact.length < TYPOS_BELOW;
    const organisations = top(typos ? this.organisations.search(text) : exact, limit);
    const byKind: Record<CatalogueKind, Hit[]> = { TargetGroup: [], District: [], ResourceType: [] };
    for (const r of this.catalogue.search(text, typos ? {} : { fuzzy: false })) {
      const list = byKind[r['kind'] as CatalogueKind];
      if (list.length < CATALOGUE_HITS) list.push({ id: String(r.id), score: r.score, text: [r['search'], r['name'], r['nameEn']] as (string | null)[] });
    }
    return { organisations, catalogue: byKind };
  }
}

function top(results: SearchResult[], limit: number): Hit[] {
  return results.slice(0, limit).map((r) => ({ id: String(r.id), score: r.score, text: [r['search'], r['description']] as (string | null)[] }));
}
