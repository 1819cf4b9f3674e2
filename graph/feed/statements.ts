/**
 * The change feed's statements. `append` runs last in a write transaction: it increments the feed's
 * counter (a SchemaMeta node), which takes that node's write lock until commit, so entries are
 * numbered in the order their transactions commit, with no gaps (a rolled-back write rolls its
 * number back too).
 */
import { defineStatement } from '../cypher/statement.js';

export interface ChangeRow {
  seq: number;
  server: string;
  effects: string;
}

export const feedStatements = {
  append: defineStatement<{ server: string; now: number; effects: string }, { seq: number }>({
    name: 'feed.append',
    mode: 'write',
    cypher: `MERGE (m:SchemaMeta {id: 'feed'}) ON CREATE SET m.version = 0
SET m.version = m.version + 1, m.appliedAt = $now
CREATE (c:Change {id: 'change:' + toString(m.version), seq: m.version, at: $now, server: $server, effects: $effects})
RETURN c.seq AS seq`,
    example: { server: 'server:example', now: 0, effects: '[]' },
  }),
  /**
   * The write barrier: every write transaction on Neo4j touches this node last, so it cannot
   * commit while a consistent backup holds the node's lock (graph/io/backup/backup.ts). The id is
   * the start-up lock's form (graph/engines/neo4j.ts exclusively('writes')).
   */
  barrier: defineStatement<{ now: number }>({
    name: 'feed.barrier',
    mode: 'write',
    cypher: "MERGE (b:SchemaMeta {id: 'lock:writes'}) SET b.appliedAt = $now",
    example: { now: 0 },
  }),
  /** The newest entry's number (0 before the first). */
  head: defineStatement<Record<string, never>, { seq: number }>({
    name: 'feed.head',
    mode: 'read',
    cypher: "MATCH (m:SchemaMeta {id: 'feed'}) RETURN m.version AS seq",
    example: {},
  }),
  since: defineStatement<{ after: number; limit: number }, ChangeRow>({
    name: 'feed.since',
    mode: 'read',
    cypher: 'MATCH (c:Change) WHERE c.seq > $after RETURN c.seq AS seq, c.server AS server, c.effects AS effects ORDER BY seq LIMIT $limit',
    example: { after: 0, limit: 10 },
  }),
  /** Forgets entries older than `before` (epoch ms), keeping the newest so followers can tell where they are. */
  prune: defineStatement<{ before: number; keepFrom: number; limit: number }, { n: number }>({
    name: 'feed.prune',
    mode: 'write',
    cypher: 'MATCH (c:Change) WHERE c.at < $before AND c.seq < $keepFrom WITH c LIMIT $limit DELETE c RETURN count(*) AS n',
    example: { before: 0, keepFrom: 0, limit: 10 },
  }),
};
