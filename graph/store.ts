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
  close(): Promise<void>;
}

/** Delegates to `engine` and tells `onCommit` after each write or bulk load that committed. */
class CommitNotifyingEngine implements GraphEngine {
  constructor(
    private readonly inner: GraphEngine,
    private readonly onCommit: () => void,
  ) {}
  get kind() {
    return this.inner.kind;
  }
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.inner.read(work);
  }
  async write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.inner.write(work);
    this.onCommit();
    return result;
  }
  async bulkLoad(batch: GraphBatch) {
    const result = await this.inner.bulkLoad(batch);
    this.onCommit();
    return result;
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

export function storeOver(raw: GraphEngine, schema: SchemaReport, options: { projectionDebounceMs?: number } = {}): GraphStore {
  let projections: ProjectionService | null = null;
  const engine = new CommitNotifyingEngine(raw, () => projections?.invalidate());
  projections = new ProjectionService(raw, { debounceMs: options.projectionDebounceMs ?? 1000 });
  const services = projections;
  return {
    engine,
    schema,
    organisations: new OrganisationRepository(engine),
    catalogue: new CatalogueRepository(engine),
    links: new LinkRepository(engine),
    decisions: new DecisionRepository(engine),
    projections: services,
    close: async () => {
      services.close();
      await raw.close();
    },
  };
}

export async function openStore(config: StoreConfig = configFromEnv(), options: EngineOptions = {}): Promise<GraphStore> {
  const engine = await openEngine(config, options);
  try {
    return storeOver(engine, await applySchema(engine));
  } catch (error) {
    await engine.close();
    throw error;
  }
}
