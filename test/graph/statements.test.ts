/**
 * Every named statement runs on the engine under test with its example parameters (its Neo4j
 * form is linted in cypher-lint.slow.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allStatements } from '../../graph/cypher/registry.js';
import { NEO4J_ONLY } from '../../graph/bulk/statements.js';
import { TEST_ENGINE } from '../helpers/store.js';
import { tempStore, type TempStore } from '../helpers/store.js';

const statements = allStatements();

describe('named statements', () => {
  let store: TempStore;
  beforeAll(async () => {
    store = await tempStore();
  });
  afterAll(async () => store.cleanup());

  it('are many and uniquely named', () => {
    expect(statements.length).toBeGreaterThan(100);
    expect(new Set(statements.map((s) => s.name)).size).toBe(statements.length);
  });

  it('each runs on the engine under test with its example parameters', async () => {
    const failures: string[] = [];
    let ran = 0;
    for (const s of statements) {
      if (TEST_ENGINE === 'embedded' && NEO4J_ONLY.has(s.name)) continue;
      try {
        const work = (tx: Parameters<Parameters<typeof store.engine.read>[0]>[0]) => tx.run(s, s.example as never);
        if (s.mode === 'read') await store.engine.read(work);
        else await store.engine.write(work);
        ran++;
      } catch (error) {
        failures.push(`${s.name}: ${(error as Error).message}`);
      }
    }
    console.log(`executed ${ran} of ${statements.length} statements on the ${TEST_ENGINE} engine (${NEO4J_ONLY.size} are Neo4j-only)`);
    expect(failures).toEqual([]);
  });

});
