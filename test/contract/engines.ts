/**
 * The engine the contract suite runs on: the engine under test (embedded under `npm test`, Neo4j
 * under `npm run test:neo4j`), through the one test harness.
 */
import { TEST_ENGINE, emptyStore } from '../helpers/store.js';
import type { GraphStore } from '../../graph/store.js';

export interface EngineUnderTest {
  name: 'embedded' | 'neo4j';
  /** A store holding nothing but the schema. */
  open(): Promise<{ store: GraphStore; cleanup(): Promise<void> }>;
}

export const ENGINES: EngineUnderTest[] = [
  {
    name: TEST_ENGINE,
    async open() {
      const t = await emptyStore();
      return { store: t.store, cleanup: () => t.close() };
    },
  },
];
