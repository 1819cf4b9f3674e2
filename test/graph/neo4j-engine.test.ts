/**
 * What only the Neo4j adapter does: bookmarks shared by every session (a read after a write
 * waits for it, on any cluster member), the database it runs on (version, Swedish analyzer), and
 * a bulk load refused while another process's load holds the journal, naming that process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import type { Neo4jEngine } from '../../graph/engines/neo4j.js';
import { defineStatement } from '../../graph/cypher/statement.js';
import { neo4jLoad } from '../../graph/bulk/neo4j-load-statements.js';
import { ConflictError } from '../../graph/errors.js';

const write = defineStatement<{ id: string; now: number }>({ name: 'test.writeMeta', mode: 'write', cypher: 'MERGE (m:SchemaMeta {id: $id}) SET m.appliedAt = $now', example: { id: 'x', now: 0 } });
const read = defineStatement<{ id: string }, { at: number }>({ name: 'test.readMeta', mode: 'read', cypher: 'MATCH (m:SchemaMeta {id: $id}) RETURN m.appliedAt AS at', example: { id: 'x' } });
const analyzers = defineStatement<Record<string, never>, { analyzer: string }>({ name: 'test.analyzers', mode: 'read', cypher: 'CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN analyzer', example: {} });
const version = defineStatement<Record<string, never>, { version: string; edition: string }>({
  name: 'test.version',
  mode: 'read',
  cypher: "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition",
  example: {},
});

describe('the Neo4j adapter', () => {
  let temp: TempStore;
  let engine: Neo4jEngine;
  beforeAll(async () => {
    temp = await tempStore();
    engine = temp.engine as Neo4jEngine;
  });
  afterAll(async () => temp.cleanup());

  it('runs on Neo4j 5.26 Community, which has the Swedish full-text analyzer', async () => {
    const [v] = await engine.read((tx) => tx.run(version, {}));
    expect(v!.version).toMatch(/^5\.26\./);
    expect(v!.edition).toBe('community');
    expect((await engine.read((tx) => tx.run(analyzers, {}))).map((r) => r.analyzer)).toContain('swedish');
  });

  it('hands every new session the bookmarks of the latest write, so reads see it', async () => {
    await engine.write((tx) => tx.run(write, { id: 'bookmark-test', now: 1 }));
    const first = await engine.bookmarks();
    expect(first.length).toBeGreaterThan(0);
    for (let i = 2; i < 12; i++) {
      await engine.write((tx) => tx.run(write, { id: 'bookmark-test', now: i }));
      // A new read session, right after the write's session closed.
      expect((await engine.read((tx) => tx.run(read, { id: 'bookmark-test' })))[0]!.at).toBe(i);
    }
    const later = await engine.bookmarks();
    expect(later).not.toEqual(first);
  });

  it('refuses a bulk load while another live process holds the journal, and says which process', async () => {
    await engine.write((tx) => tx.run(neo4jLoad.setJournal, { state: 'RUNNING', owner: 'app-b.example:4242:a-load', now: Date.now() }));
    const refused = engine.bulkLoad({ nodes: { Organisation: [{ id: 'org:under-lasning', name: 'Under laddning' }] }, rels: {} });
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toThrow(/another bulk load is running on this database \(process 4242 on app-b\.example, its last heartbeat \d+ s ago\)/);
    await engine.write((tx) => tx.run(neo4jLoad.clearJournal, {}));
    // With the journal free, the same load goes through.
    expect((await engine.bulkLoad({ nodes: { Organisation: [{ id: 'org:under-lasning', name: 'Under laddning' }] }, rels: {} })).nodes).toBe(1);
  });
});
