/**
 * The engines the contract suite runs on: the embedded engine always, Neo4j too where
 * NEO4J_URI is set (`npm run test:neo4j`, and the GitHub Actions workflow with a neo4j:5 service).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine, configFromEnv } from '../../graph/engines/open.js';
import { applySchema } from '../../graph/schema/apply.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { meta } from '../../graph/cypher/statements/meta.js';

export interface EngineUnderTest {
  name: 'embedded' | 'neo4j';
  /** A store holding nothing but the schema. */
  open(): Promise<{ store: GraphStore; cleanup(): Promise<void> }>;
}

const embedded: EngineUnderTest = {
  name: 'embedded',
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-contract-'));
    const engine = await openEngine({ engine: 'embedded', dataDir: dir });
    const store = storeOver(engine, await applySchema(engine));
    return {
      store,
      async cleanup() {
        await engine.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const neo4j: EngineUnderTest = {
  name: 'neo4j',
  async open() {
    const engine = await openEngine(configFromEnv());
    await engine.write((tx) => tx.run(meta.deleteEverything, {}));
    const store = storeOver(engine, await applySchema(engine));
    return { store, cleanup: () => engine.close() };
  },
};

export const ENGINES: EngineUnderTest[] = process.env['NEO4J_URI'] ? [embedded, neo4j] : [embedded];
