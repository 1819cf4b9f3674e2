/**
 * The graph store as the rest of the application sees it: an opened engine with its schema
 * applied, and the repositories over it. Server, seeds, imports and benchmarks open it here.
 */
import { configFromEnv, openEngine, type StoreConfig } from './engines/open.js';
import type { EngineOptions, GraphEngine } from './engines/port.js';
import { applySchema, type SchemaReport } from './schema/apply.js';
import { OrganisationRepository } from './repo/organisations.js';
import { CatalogueRepository } from './repo/catalogue.js';
import { LinkRepository } from './repo/links.js';
import { DecisionRepository } from './repo/decisions.js';
import { ProjectionService } from './projection-service.js';
import type { GraphBatch } from './bulk/batch.js';
import type { Tx } from './engines/port.js';
import { ReadModelService, type ReadModelEvents } from './readmodel/sync.js';
import { effectsOf, type Effect, type StatementRun } from './readmodel/effects.js';
import { ChangeFeed, type FeedOptions } from './feed/feed.js';
import { WriteGate } from './write-gate.js';
import { hitSourceFor } from './search/sources.js';

export interface GraphStore {
  /** The engine, wrapped so that every committed write refreshes what is derived from the store. */
  engine: GraphEngine;
  schema: SchemaReport;
  organisations: OrganisationRepository;
  catalogue: CatalogueRepository;
  links: LinkRepository;
  decisions: DecisionRepository;
  /** The analytics projection, patched or rebuilt after writes (see graph/projection-service.ts). */
  projections: ProjectionService;
  /**
   * The in-process read model the repositories answer from when it is warm (null when not asked
   * for). See graph/readmodel/sync.ts.
   */
  readModel: ReadModelService | null;
  /** The change feed this store follows and appends to (Neo4j), or null. */
  feed: ChangeFeed | null;
  /**
   * Runs `work` with no write of this process in progress and new ones held back until it ends;
   * on Neo4j also with no write of any other server committing (the write barrier).
   */
  pauseWrites<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Delegates to `engine` and tells `onCommit` after each write or bulk load that committed what it
 * changed (graph/readmodel/effects.ts, from the write statements the last, successful attempt
 * ran), so what is derived from the store can follow. The write returns to its caller only after
 * `onCommit` has finished. With a change feed (Neo4j), the effects are also appended to it in the
 * write's own transaction, for the other app servers.
 */
class CommitNotifyingEngine implements GraphEngine {
  constructor(
    private readonly inner: GraphEngine,
    private readonly onCommit: (effects: readonly Effect[] | 'bulk') => void | Promise<void>,
    private readonly feed: ChangeFeed | null,
    readonly gate = new WriteGate(),
  ) {}
  get kind() {
    return this.inner.kind;
  }
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.inner.read(work);
  }
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.gate.write(() => this.notifyingWrite(work));
  }
  private async notifyingWrite<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let effects: Effect[] = [];
    const result = await this.inner.write(async (tx) => {
      // A retried attempt starts afresh: only the attempt that committed counts.
      const runs: StatementRun[] = [];
      const value = await work({
        run: (statement, params) => {
          if (statement.mode === 'write') runs.push({ name: statement.name, params });
          return tx.run(statement, params);
        },
      });
      effects = forFeed(effectsOf(runs));
      if (this.feed && effects.length) await this.feed.append(tx, effects);
      // Last: no write commits while a consistent backup holds the barrier, whichever server runs it.
      if (this.feed && runs.length) await this.feed.barrier(tx);
      return value;
    });
    await this.onCommit(effects);
    return result;
  }
  bulkLoad(batch: GraphBatch) {
    return this.gate.write(async () => {
      const result = await this.inner.bulkLoad(batch);
      await this.bulkChanged();
      return result;
    });
  }
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.inner.exclusively(name, work);
  }
  async recoverBulkLoad(options?: { force?: boolean }) {
    const outcome = await this.inner.recoverBulkLoad(options);
    if (outcome === 'published' || outcome === 'removed') await this.bulkChanged();
    return outcome;
  }
  /** Runs `work` with no write committing on this database from any server (Neo4j), none starting here. */
  holdingWrites<T>(work: () => Promise<T>): Promise<T> {
    return this.gate.paused(() => (this.feed ? this.inner.exclusively('writes', work) : work()));
  }
  private async bulkChanged(): Promise<void> {
    const feed = this.feed;
    if (feed) await this.inner.write((tx) => feed.append(tx, [{ type: 'reload', reason: 'bulk load' }]));
    await this.onCommit('bulk');
  }
  applySchema(statements: readonly string[]) {
    return this.inner.applySchema(statements);
  }
  describe() {
    return this.inner.describe();
  }
  close() {
    return this.inner.close();
  }
}

/** Above this many organisations, a write's effects travel as one reload (other servers reload rather than re-read each). */
const FEED_MAX_IDS = 2000;

function forFeed(effects: Effect[]): Effect[] {
  let ids = 0;
  for (const e of effects) ids += e.type === 'organisations' ? e.ids.length : 1;
  return ids > FEED_MAX_IDS ? [{ type: 'reload', reason: `a write of ${ids} changes` }] : effects;
}

export interface StoreOptions {
  projectionDebounceMs?: number;
  /**
   * Follow the change feed (Neo4j: other app servers' writes reach this one's read model, search
   * index and analytics). Default: on for Neo4j; the embedded engine has no feed.
   */
  feed?: boolean | FeedOptions;
  /**
   * Serve reads from the in-process read model: loaded in the background
   * from the start, kept current by every committed write. Off unless asked for; openStore asks.
   */
  readModel?: boolean | ReadModelEvents;
  /** Text search in the in-memory index (default: where the store reads from memory; the embedded engine always). */
  searchInMemory?: boolean;
}

export function storeOver(raw: GraphEngine, schema: SchemaReport, options: StoreOptions = {}): GraphStore {
  let projections: ProjectionService | null = null;
  const readModel = options.readModel ? new ReadModelService(raw, options.readModel === true ? {} : options.readModel) : null;
  // A store that reads from memory searches in memory too, on either engine.
  const hits = hitSourceFor(raw, { inMemory: options.searchInMemory ?? Boolean(options.readModel) });
  let catalogue: CatalogueRepository | null = null;
  const changed = async (effects: readonly Effect[] | 'bulk') => {
    // Catalogue writes are among those followed only by reloading.
    if (effects === 'bulk' || effects.some((e) => e.type === 'reload')) catalogue?.forget();
    if (effects === 'bulk') readModel?.reload();
    else await readModel?.changed(effects);
    // After the read model: a patch re-reads from it. Queued before the write returns, so the next `current()` includes it.
    projections?.changed(effects);
    await hits.changed(effects);
  };
  const feedOption = options.feed ?? raw.kind === 'neo4j';
  const feed = feedOption && raw.kind === 'neo4j' ? new ChangeFeed(raw, feedOption === true ? {} : feedOption) : null;
  const engine = new CommitNotifyingEngine(raw, changed, feed);
  catalogue = new CatalogueRepository(engine);
  projections = new ProjectionService(raw, { debounceMs: options.projectionDebounceMs ?? 1000, readModel });
  const services = projections;
  readModel?.start();
  const following = feed?.follow((delivery) => changed(delivery === 'reload' ? 'bulk' : delivery.effects));
  return {
    engine,
    schema,
    organisations: new OrganisationRepository(engine, readModel, hits),
    catalogue,
    links: new LinkRepository(engine, readModel),
    decisions: new DecisionRepository(engine),
    projections: services,
    readModel,
    feed,
    pauseWrites: (work) => engine.holdingWrites(work),
    close: async () => {
      await following?.catch(() => undefined);
      await feed?.stop();
      services.close();
      hits.close();
      await readModel?.close();
      await raw.close();
    },
  };
}

export async function openStore(config: StoreConfig = configFromEnv(), options: EngineOptions & { readModel?: StoreOptions['readModel'] } = {}): Promise<GraphStore> {
  const { readModel = config.readModel ?? true, ...engineOptions } = options;
  const engine = await openEngine(config, engineOptions);
  try {
    // Once, when several servers start together on one Neo4j.
    const schema = await engine.exclusively('startup', async () => {
      const report = await applySchema(engine);
      // A bulk load a killed process left behind is finished or removed before anyone reads.
      await engine.recoverBulkLoad();
      return report;
    });
    return storeOver(engine, schema, { readModel, ...(config.feedPollMs ? { feed: { pollMs: config.feedPollMs } } : {}) });
  } catch (error) {
    await engine.close();
    throw error;
  }
}
