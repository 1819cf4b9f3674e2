/**
 * Every named statement runs on the embedded engine, and its Neo4j form passes Neo4j's own
 * linter against the declared schema. A statement that only one engine runs is still linted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allStatements } from '../../graph/cypher/registry.js';
import { render } from '../../graph/cypher/statement.js';
import { NEO4J_ONLY } from '../../graph/bulk/statements.js';
import { lintNeo4j } from '../../graph/lint/neo4j-lint.js';
import { neo4jSchema } from '../../graph/schema/ddl.js';
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

  it('each runs on the embedded engine with its example parameters', async () => {
    const failures: string[] = [];
    let ran = 0;
    for (const s of statements) {
      if (NEO4J_ONLY.has(s.name)) continue;
      try {
        const work = (tx: Parameters<Parameters<typeof store.engine.read>[0]>[0]) => tx.run(s, s.example as never);
        if (s.mode === 'read') await store.engine.read(work);
        else await store.engine.write(work);
        ran++;
      } catch (error) {
        failures.push(`${s.name}: ${(error as Error).message}`);
      }
    }
    console.log(`executed ${ran} statements on the embedded engine (${NEO4J_ONLY.size} are Neo4j-only)`);
    expect(failures).toEqual([]);
  });

  it("each one's Neo4j form lints without errors", () => {
    const failures: string[] = [];
    for (const s of statements) {
      const text = render(s, 'neo4j');
      for (const p of lintNeo4j(text, s.example as Record<string, unknown>)) {
        if (p.severity === 'error') failures.push(`${s.name}: ${p.message} (near: ${p.at})`);
      }
    }
    const ddl = neo4jSchema();
    for (const text of ddl) for (const p of lintNeo4j(text, {})) if (p.severity === 'error') failures.push(`schema: ${p.message} in ${text}`);
    console.log(`linted ${statements.length} statements and ${ddl.length} schema statements for Neo4j`);
    expect(failures).toEqual([]);
    // The linter is CPU-bound and synchronous (about 0.1-1 s a statement on a busy 2-core machine).
  }, 1_200_000);

  it('the linter does catch what Neo4j would reject', () => {
    expect(lintNeo4j('MATCH (o:Organisation) RETURN o.id SKIP 1 LIMIT', {}).some((p) => p.severity === 'error')).toBe(true);
    expect(lintNeo4j('MATCH (o:Organisaton) RETURN o.id', {}).some((p) => p.severity === 'error')).toBe(true);
    expect(lintNeo4j('MATCH (o:Organisation {id: $nope}) RETURN o.id', {}).some((p) => p.severity === 'error')).toBe(true);
    expect(lintNeo4j('MATCH (o:Organisation)-[:SERVES]->(t:TargetGroup) RETURN o.id, t.id', {})).toEqual([]);
  });
});
