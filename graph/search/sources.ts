/**
 * Where full-text hits come from: the in-memory index (memory-index.ts), built on first use and
 * kept current from the writes the store reports, its own and, on Neo4j, other servers' through
 * the change feed (graph/store.ts); or Neo4j's `swedish` full-text indexes, when reads go to
 * Cypher and, on a store that reads from memory, while the in-memory index is being built.
 */
import type { GraphEngine } from '../engines/port.js';
import { search, searchDocuments } from '../cypher/statements/search.js';
import type { Effect } from '../readmodel/effects.js';
import { TYPOS_BELOW, luceneQuery } from './analyze.js';
import { CATALOGUE_FIELDS, CATALOGUE_KINDS, ORGANISATION_FIELDS, type CatalogueKind, type Hit, type SearchHits } from './hits.js';
import { CATALOGUE_HITS, MemorySearchIndex, type CatalogueDoc, type OrganisationDoc, type SearchIndex } from './memory-index.js';
import { ThreadedSearchIndex } from './threaded-index.js';

export interface HitSource {
  hits(text: string, limit: number): Promise<SearchHits>;
  /** Resolves once searches are answered as they will be from now on (an in-memory index built). */
  warm(): Promise<void>;
  /** After a committed write: what it changed (graph/readmodel/effects.ts), or 'bulk' for a bulk load. */
  changed(effects: readonly Effect[] | 'bulk'): Promise<void>;
  /** Lets go of what it holds (an index's worker thread); a later search builds anew. */
  close(): void;
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

  async warm(): Promise<void> {}

  close(): void {}
}

const PAGE = 20_000;
/** Organisations changed since the in-memory index was built past which it is built again (each search scores them one by one). */
const REBUILD_AFTER = 2_000;
/**
 * Organisations from which the index is kept in a worker thread (threaded-index.ts), where its
 * searches run beside the main thread's other work; a smaller one searches in well under a
 * millisecond, and is kept in this thread.
 */
export const THREAD_FROM = 20_000;

export class MemoryHits implements HitSource {
  private index: Promise<SearchIndex> | null = null;
  private built: SearchIndex | null = null;
  /** While an index is built: the organisations changed meanwhile, to apply to it once built. */
  private changedDuringBuild: Set<string> | null = null;
  /** The build under way (a newer one, or forgetting the index, makes an older one give up). */
  private buildRun = 0;

  /** `fallback` answers until the index is built (instead of waiting for it); `threadFrom` overrides THREAD_FROM. */
  constructor(
    private readonly engine: GraphEngine,
    private readonly fallback: HitSource | null = null,
    private readonly options: { threadFrom?: number } = {},
  ) {}

  async hits(text: string, limit: number): Promise<SearchHits> {
    for (;;) {
      this.index ??= this.build();
      if (this.fallback && !this.built) return this.fallback.hits(text, limit);
      const index = await this.index;
      try {
        return await index.search(text, limit);
      } catch (e) {
        // Replaced (and closed) meanwhile: the index that replaced it answers.
        if (this.lost(index) === 'replaced') continue;
        throw e;
      }
    }
  }

  /**
   * Why a threaded index could not answer, if it is gone: closed because another replaced it or
   * the source was closed, or broken (its thread failed; forgotten, so the next search builds anew).
   */
  private lost(index: SearchIndex): 'replaced' | 'broken' | null {
    if (!(index instanceof ThreadedSearchIndex)) return null;
    if (index.isClosed && this.built !== index) return 'replaced';
    if (!index.broken) return null;
    if (this.built === index) this.forget();
    return 'broken';
  }

  close(): void {
    this.forget();
  }

  async warm(): Promise<void> {
    this.index ??= this.build();
    await this.index;
  }

  async changed(effects: readonly Effect[] | 'bulk'): Promise<void> {
    await this.fallback?.changed(effects);
    if (!this.index) return;
    if (effects === 'bulk') return this.forget();
    const ids = new Set<string>();
    for (const effect of effects) {
      if (effect.type === 'organisations') for (const id of effect.ids) ids.add(id);
      // Anything the index cannot follow (catalogue edits, unknown writes): rebuilt at the next search.
      if (effect.type === 'reload') return this.forget();
    }
    if (!ids.size) return;
    for (const id of ids) this.changedDuringBuild?.add(id);
    // Being built for the first time: applied once built, without holding up the write.
    const index = this.built;
    if (!index) return;
    try {
      await this.apply(index, ids);
    } catch (e) {
      // An index gone meanwhile is not the write's failure: the next search builds anew.
      if (this.lost(index)) return;
      throw e;
    }
    if (index.changed > REBUILD_AFTER && !this.changedDuringBuild) void this.rebuild();
  }

  private forget(): void {
    this.built?.close();
    this.index = null;
    this.built = null;
    this.changedDuringBuild = null;
    this.buildRun += 1;
  }

  private async apply(index: SearchIndex, ids: Iterable<string>): Promise<void> {
    const wanted = [...ids];
    const rows = await this.engine.read((tx) => tx.run(searchDocuments.organisationsByIds, { ids: wanted }));
    const found = new Map<string, OrganisationDoc>(rows.map((r) => [r.id, r]));
    await index.update(wanted.map((id) => [id, found.get(id) ?? null] as [string, OrganisationDoc | null]));
  }

  /** A new index from the store, with the writes made while it was built applied to it; null if it was given up. */
  private async fresh(): Promise<SearchIndex | null> {
    const run = ++this.buildRun;
    this.changedDuringBuild = new Set();
    let next: SearchIndex | null = null;
    try {
      next = await this.read();
      // Until no write came in while applying the last ones (the caller swaps it in at once).
      for (;;) {
        if (this.buildRun !== run) {
          next.close();
          return null;
        }
        const pending = this.changedDuringBuild!;
        if (!pending.size) return next;
        this.changedDuringBuild = new Set();
        await this.apply(next, pending);
      }
    } catch (e) {
      next?.close();
      throw e;
    } finally {
      if (this.buildRun === run) this.changedDuringBuild = null;
    }
  }

  private async build(): Promise<SearchIndex> {
    let index: SearchIndex | null;
    try {
      index = await this.fresh();
    } catch (e) {
      // Tried again at the next search.
      this.index = null;
      throw e;
    }
    // Forgotten meanwhile (a bulk load): the newer build answers.
    if (!index) return (this.index ??= this.build());
    this.built = index;
    return index;
  }

  /** A fresh index beside the current one, which answers until it is swapped in. */
  private async rebuild(): Promise<void> {
    const current = this.index;
    const next = await this.fresh().catch(() => null);
    if (!next || this.index !== current) return next?.close();
    const old = this.built;
    this.index = Promise.resolve(next);
    this.built = next;
    old?.close();
  }

  private async read(): Promise<SearchIndex> {
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
    const threaded = organisations.length >= (this.options.threadFrom ?? THREAD_FROM);
    return threaded ? ThreadedSearchIndex.build(organisations, catalogue) : MemorySearchIndex.build(organisations, catalogue);
  }
}

/**
 * The hit source of a store: the in-memory index on the embedded engine; on Neo4j the in-memory
 * index too when the store reads from memory (`inMemory`, with Neo4j's full-text indexes
 * answering while it is built), Neo4j's full-text indexes otherwise.
 */
export function hitSourceFor(engine: GraphEngine, options: { inMemory?: boolean } = {}): HitSource {
  if (engine.kind !== 'neo4j') return new MemoryHits(engine);
  return options.inMemory ? new MemoryHits(engine, new Neo4jHits(engine)) : new Neo4jHits(engine);
}
