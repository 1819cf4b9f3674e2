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
import type { StatementRun } from './readmodel/effects.js';
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
  /** The analytics projection, rebuilt after writes (see graph/projection-service.ts). */
  projections: ProjectionService;
  /**
   * The in-process read model the repositories answer from when it is warm (null when not asked
   * for). See graph/readmodel/sync.ts.
   */
  readModel: ReadModelService | null;
  /** Runs `work` with no write of this process in progress, and holds new writes back until it ends. */
  pauseWrites<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Delegates to `engine` and tells `onCommit` after each write or bulk load that committed, with
 * the write statements the (last, successful) attempt ran, so what is derived from the store can
 * follow. The write returns to its caller only after `onCommit` has finished.
 */
class CommitNotifyingEngine implements GraphEngine {
  constructor(
    private readonly inner: GraphEngine,
    private readonly onCommit: (runs: readonly StatementRun[] | 'bulk') => void | Promise<void>,
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
    let runs: StatementRun[] = [];
    const result = await this.inner.write((tx) => {
      // A retried attempt starts afresh: only the attempt that committed counts.
      runs = [];
      return work({
        run: (statement, params) => {
          if (statement.mode === 'write') runs.push({ name: statement.name, params });
          return tx.run(statement, params);
        },
      });
    });
    await this.onCommit(runs);
    return result;
  }
  bulkLoad(batch: GraphBatch) {
    return this.gate.write(async () => {
      const result = await this.inner.bulkLoad(batch);
      await this.onCommit('bulk');
      return result;
    });
  }
  async recoverBulkLoad(options?: { force?: boolean }) {
    const outcome = await this.inner.recoverBulkLoad(options);
    if (outcome === 'published' || outcome === 'removed') await this.onCommit('bulk');
    return outcome;
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

export interface StoreOptions {
  projectionDebounceMs?: number;
  /**
   * Serve reads from the in-process read model: loaded in the background
   * from the start, kept current by every committed write. Off unless asked for; openStore asks.
   */
  readModel?: boolean | ReadModelEvents;
}

export function storeOver(raw: GraphEngine, schema: SchemaReport, options: StoreOptions = {}): GraphStore {
  let projections: ProjectionService | null = null;
  const readModel = options.readModel ? new ReadModelService(raw, options.readModel === true ? {} : options.readModel) : null;
  const hits = hitSourceFor(raw);
  const engine = new CommitNotifyingEngine(raw, async (runs) => {
    projections?.invalidate();
    await readModel?.committed(runs);
    await hits.committed(runs);
  });
  projections = new ProjectionService(raw, { debounceMs: options.projectionDebounceMs ?? 1000 });
  const services = projections;
  readModel?.start();
  return {
    engine,
    schema,
    organisations: new OrganisationRepository(engine, readModel, hits),
    catalogue: new CatalogueRepository(engine),
    links: new LinkRepository(engine, readModel),
    decisions: new DecisionRepository(engine),
    projections: services,
    readModel,
    pauseWrites: (work) => engine.gate.paused(work),
    close: async () => {
      services.close();
      await readModel?.close();
      await raw.close();
    },
  };
}

export async function openStore(config: StoreConfig = configFromEnv(), options: EngineOptions & { readModel?: StoreOptions['readModel'] } = {}): Promise<GraphStore> {
  const { readModel = config.readModel ?? true, ...engineOptions } = options;
  const engine = await openEngine(config, engineOptions);
  try {
    const schema = await applySchema(engine);
    // A bulk load a killed process left behind is finished or removed before anyone reads.
    await engine.recoverBulkLoad();
    return storeOver(engine, schema, { readModel });
  } catch (error) {
    await engine.close();
    throw error;
  }
}
