/**
 * Where full-text hits come from: Neo4j's `swedish` full-text indexes, or on the embedded
 * engine the in-memory index (memory-index.ts), built on first use and kept current from the
 * writes the store reports (graph/store.ts).
 */
import type { GraphEngine } from '../engines/port.js';
import { search, searchDocuments } from '../cypher/statements/search.js';
import type { Effect } from '../readmodel/effects.js';
import { TYPOS_BELOW, luceneQuery } from './analyze.js';
import { CATALOGUE_FIELDS, CATALOGUE_KINDS, ORGANISATION_FIELDS, type CatalogueKind, type Hit, type SearchHits } from './hits.js';
import { CATALOGUE_HITS, MemorySearchIndex, type CatalogueDoc, type OrganisationDoc } from './memory-index.js';

export interface HitSource {
  hits(text: string, limit: number): Promise<SearchHits>;
  /** After a committed write: what it changed (graph/readmodel/effects.ts), or 'bulk' for a bulk load. */
  changed(effects: readonly Effect[] | 'bulk'): Promise<void>;
}

const EMPTY: SearchHits = { organisations: [], catalogue: { TargetGroup: [], District: [], ResourceType: [] } };

export class Neo4jHits implements HitSource {
  constructor(private readonly engine: GraphEngine) {}

  /** Words as written and by prefix; within typo edits too when they find fewer than TYPOS_BELOW organisations. */
  async hits(text: string, limit: number): Promise<SearchHits> {
    const exact = await this.lookUp(text, limit, false);
    if (!exact || exact.organisations.length >= TYPOS_BELOW) return exact ?? EMPTY;
    return (await this.lookUp(text, limit, true)) ?? EMPTY;
  }

  /** One statement: every index at once. */
  private async lookUp(text: string, limit: number, typos: boolean): Promise<SearchHits | null> {
    const orgQuery = luceneQuery(text, ORGANISATION_FIELDS, { typos });
    const catQuery = luceneQuery(text, CATALOGUE_FIELDS, { typos });
    if (!orgQuery || !catQuery) return null;
    const rows = await this.engine.read((tx) => tx.run(search.all, { organisations: orgQuery, catalogue: catQuery, limit, catalogueLimit: CATALOGUE_HITS }));
    const out: SearchHits = { organisations: [], catalogue: { TargetGroup: [], District: [], ResourceType: [] } };
    for (const r of rows) (r.index === 'Organisation' ? out.organisations : out.catalogue[r.index as CatalogueKind]).push({ id: r.id, score: r.score, text: r.text });
    return out;
  }

  async changed(): Promise<void> {
    // Neo4j keeps its full-text indexes current itself.
  }
}

const PAGE = 20_000;

export class MemoryHits implements HitSource {
  private index: Promise<MemorySearchIndex> | null = null;

  constructor(private readonly engine: GraphEngine) {}

  async hits(text: string, limit: number): Promise<SearchHits> {
    this.index ??= this.build();
    return (await this.index).search(text, limit);
  }

  async changed(effects: readonly Effect[] | 'bulk'): Promise<void> {
    if (!this.index) return;
    if (effects === 'bulk') return void (this.index = null);
    const ids = new Set<string>();
    for (const effect of effects) {
      if (effect.type === 'organisations') for (const id of effect.ids) ids.add(id);
      // Anything the index cannot follow (catalogue edits, unknown writes): rebuilt at the next search.
      if (effect.type === 'reload') return void (this.index = null);
    }
    if (!ids.size) return;
    const index = await this.index;
    const rows = await this.engine.read((tx) => tx.run(searchDocuments.organisationsByIds, { ids: [...ids] }));
    const found = new Map<string, OrganisationDoc>(rows.map((r) => [r.id, r]));
    index.update([...ids].map((id) => [id, found.get(id) ?? null] as [string, OrganisationDoc | null]));
  }

  private async build(): Promise<MemorySearchIndex> {
    const { organisations, catalogue } = await this.engine.read(async (tx) => {
      const organisations: OrganisationDoc[] = [];
      for (let after = ''; ; ) {
        const rows = await tx.run(searchDocuments.organisations, { after, limit: PAGE });
        organisations.push(...rows);
        if (rows.length < PAGE) break;
        after = rows[rows.length - 1]!.id;
      }
      const catalogue: CatalogueDoc[] = [];
      for (const kind of CATALOGUE_KINDS) catalogue.push(...(await tx.run(searchDocuments.catalogue[kind], {})).map((r) => ({ ...r, kind })));
      return { organisations, catalogue };
    });
    return new MemorySearchIndex(organisations, catalogue);
  }
}

export function hitSourceFor(engine: GraphEngine): HitSource {
  return engine.kind === 'neo4j' ? new Neo4jHits(engine) : new MemoryHits(engine);
}
