/**
 * The full-text indexes in memory: organisations by name, aliases and description (term-index.ts,
 * with the organisations changed since it was built scored beside it), and the catalogue (target
 * groups with their everyday words, districts, resource types) by name (MiniSearch: a few hundred
 * entries). They analyse as Neo4j's `swedish` full-text indexes do (analyze.ts), with the same
 * boosts and the same prefix and typo rules, so both find the same things.
 */
import MiniSearch from 'minisearch';
import { MATCH_WEIGHTS, TYPOS_BELOW, fuzziness, indexTerm, prefixes, queryTerms, type FieldSpec } from './analyze.js';
import { CATALOGUE_FIELDS, ORGANISATION_FIELDS, type CatalogueKind, type Hit, type SearchHits } from './hits.js';
import { TermIndex, type AnalysedDoc } from './term-index.js';

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

const ORG_FIELDS = Object.keys(ORGANISATION_FIELDS) as (keyof OrganisationDoc & keyof typeof ORGANISATION_FIELDS)[];
const orgTexts = (doc: OrganisationDoc) => ORG_FIELDS.map((f) => doc[f] as string | null);

/** A hit of the term index, its id read from the index's ids only when asked for: the read model finds most by number. */
export class DocHit implements Hit {
  constructor(
    private readonly ids: readonly string[],
    readonly doc: number,
    readonly score: number,
    readonly words: number,
  ) {}

  get id(): string {
    return this.ids[this.doc]!;
  }
}

/** An index of organisations and the catalogue: MemorySearchIndex in this thread, or ThreadedSearchIndex (threaded-index.ts) in a worker. */
export interface SearchIndex {
  search(text: string, limit: number): SearchHits | Promise<SearchHits>;
  /** Adds, replaces (same id) or, with `null`, removes organisations. */
  update(changes: Iterable<[id: string, doc: OrganisationDoc | null]>): void | Promise<void>;
  /** Organisations changed since the index was built: past a few thousand it is worth building again. */
  readonly changed: number;
  /** Lets it go (a worker ends once it has answered what it was asked before). */
  close(): void;
}

export class MemorySearchIndex implements SearchIndex {
  private readonly catalogue = index<CatalogueDoc>(CATALOGUE_FIELDS, ['kind', 'search', 'name', 'nameEn']);
  /** Organisations changed since the term index was built, as they are now (null: removed). */
  private readonly changes = new Map<string, { doc: OrganisationDoc; analysed: AnalysedDoc } | null>();
  /** How many of `changes` the term index holds an older version of (left out of its answers). */
  private replaced = 0;

  private constructor(
    private readonly organisations: TermIndex,
    /** The organisations' ids by document number (the term index's numbering). */
    readonly ids: readonly string[],
    private readonly ordinals: ReadonlyMap<string, number>,
    catalogue: Iterable<CatalogueDoc>,
  ) {
    this.catalogue.addAll([...catalogue]);
  }

  /** Built a slice at a time (term-index.ts), so a large index does not hold up the server. */
  static async build(organisations: Iterable<OrganisationDoc>, catalogue: Iterable<CatalogueDoc>): Promise<MemorySearchIndex> {
    const docs = [...organisations];
    const terms = await TermIndex.build(docs.map(orgTexts), ORG_FIELDS.map((f) => ORGANISATION_FIELDS[f]!.boost));
    const ids = docs.map((d) => d.id);
    return new MemorySearchIndex(terms, ids, new Map(ids.map((id, i) => [id, i])), catalogue);
  }

  get size(): number {
    let added = 0;
    for (const [id, c] of this.changes) if (c && !this.ordinals.has(id)) added += 1;
    return this.ids.length - this.removedFromBase() + added;
  }

  /** Organisations changed since the index was built: past a few thousand it is worth building again. */
  get changed(): number {
    return this.changes.size;
  }

  private removedFromBase(): number {
    let n = 0;
    for (const [id, c] of this.changes) if (!c && this.ordinals.has(id)) n += 1;
    return n;
  }

  /** Ends nothing: the index lives in this thread (ThreadedSearchIndex ends its worker). */
  close(): void {}

  /** Adds, replaces (same id) or, with `null`, removes organisations. */
  update(changes: Iterable<[id: string, doc: OrganisationDoc | null]>): void {
    for (const [id, doc] of changes) {
      if (!this.changes.has(id) && this.ordinals.has(id)) this.replaced += 1;
      this.changes.set(id, doc ? { doc, analysed: this.organisations.analyse(orgTexts(doc)) } : null);
    }
  }

  /** Words as written and by prefix; within typo edits too when they find fewer than TYPOS_BELOW organisations. */
  search(text: string, limit: number): SearchHits {
    const exact = this.organisationPass(text, false, Math.max(limit, TYPOS_BELOW));
    const typos = exact.length < TYPOS_BELOW;
    const organisations = (typos ? this.organisationPass(text, true, limit) : exact).slice(0, limit);
    const byKind: Record<CatalogueKind, Hit[]> = { TargetGroup: [], District: [], ResourceType: [] };
    for (const r of this.catalogue.search(text, typos ? {} : { fuzzy: false })) {
      const list = byKind[r['kind'] as CatalogueKind];
      if (list.length < CATALOGUE_HITS) list.push({ id: String(r.id), score: r.score, text: [r['search'], r['name'], r['nameEn']] as (string | null)[] });
    }
    return { organisations, catalogue: byKind, numbering: this.ids };
  }

  /** The term index's best (without what changed since), and the changed organisations scored alike. */
  private organisationPass(text: string, typos: boolean, limit: number): Hit[] {
    const out: Hit[] = [];
    // The term index's order is already (score, id): documents are numbered in id order.
    const changed = this.changes.size > 0;
    for (const h of this.organisations.searchPass(text, typos, limit + this.replaced)) {
      if (!changed || !this.changes.has(this.ids[h.doc]!)) out.push(new DocHit(this.ids, h.doc, h.score, h.words));
    }
    if (!changed) return out.slice(0, limit);
    for (const [id, c] of this.changes) {
      if (!c) continue;
      const { score, words } = this.organisations.scoreAnalysed(c.analysed, text, typos);
      if (score > 0) out.push({ id, score, words });
    }
    return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit);
  }
}
