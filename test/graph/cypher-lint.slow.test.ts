/**
 * Every named statement's Neo4j form, and the Neo4j schema, pass Neo4j's own linter against the
 * declared labels, types, properties and parameters; a statement one engine alone runs is linted
 * too. CPU-bound and synchronous (0.1–1 s a statement on a busy 2-core machine), hence slow.
 */
import { describe, expect, it } from 'vitest';
import { allStatements } from '../../graph/cypher/registry.js';
import { render } from '../../graph/cypher/statement.js';
import { lintNeo4j } from '../../graph/lint/neo4j-lint.js';
import { neo4jSchema } from '../../graph/schema/ddl.js';

const statements = allStatements();

describe('Neo4j lint of the named statements', () => {
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
  }, 1_200_000);

  it('the linter does catch what Neo4j would reject', () => {
    expect(lintNeo4j('MATCH (o:Organisation) RETURN o.id SKIP 1 LIMIT', {}).some((p) => p.severity === 'error')).toBe(true);
    expect(lintNeo4j('MATCH (o:Organisaton) RETURN o.id', {}).some((p) => p.severity === 'error')).toBe(true);
    expect(lintNeo4j('MATCH (o:Organisation {id: $nope}) RETURN o.id', {}).some((p) => p.severity === 'error')).toBe(true);
    expect(lintNeo4j('MATCH (o:Organisation)-[:SERVES]->(t:TargetGroup) RETURN o.id, t.id', {})).toEqual([]);
  });
});
