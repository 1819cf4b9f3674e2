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

export interface GraphStore {
  engine: GraphEngine;
  schema: SchemaReport;
  organisations: OrganisationRepository;
  catalogue: CatalogueRepository;
  links: LinkRepository;
  close(): Promise<void>;
}

export function storeOver(engine: GraphEngine, schema: SchemaReport): GraphStore {
  return {
    engine,
    schema,
    organisations: new OrganisationRepository(engine),
    catalogue: new CatalogueRepository(engine),
    links: new LinkRepository(engine),
    close: () => engine.close(),
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
