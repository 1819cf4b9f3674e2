/**
 * Statements of the Neo4j bulk loader (graph/bulk/load-neo4j.ts), derived from the model. Nodes
 * a load creates carry the NEO4J_LOADING_LABEL until the load has finished; relationships between
 * nodes that existed before carry `bulkLoading = true`. The load's journal is a SchemaMeta node
 * (id 'bulk-load'), so one load runs at a time and an interrupted one can be found and removed.
 * Neo4j only (LadybugDB loads by COPY in one transaction).
 *
 * cypher-generation: model-derived
 */
import { NEO4J_LOADING_LABEL as L, NODES, RELATIONSHIPS, type NodeLabel, type RelType } from '../model/model.js';
import { defineStatement, type Statement } from '../cypher/statement.js';

export interface LoadJournal {
  state: string | null;
  owner: string | null;
  heartbeat: number | null;
}

function createNodes(label: NodeLabel): Statement<{ rows: Record<string, unknown>[] }> {
  return defineStatement({
    name: `bulk.neo4j.${label}.create`,
    mode: 'write',
    cypher: `UNWIND $rows AS r CREATE (n:${label}:${L}) SET n = r`,
    example: { rows: [{ id: 'x' }] },
  });
}

/** Relationships between nodes of this load, or from one of them: they go when the nodes go. */
function createRels(type: RelType, from: NodeLabel, to: NodeLabel, tagged: boolean): Statement<{ rows: { from: string; to: string; props: Record<string, unknown> }[] }> {
  return defineStatement({
    name: `bulk.neo4j.${type}.${from}.${to}.create${tagged ? 'Tagged' : ''}`,
    mode: 'write',
    cypher: `UNWIND $rows AS r MATCH (a:${from} {id: r.from}) MATCH (b:${to} {id: r.to}) CREATE (a)-[x:${type}]->(b) SET x = r.props${tagged ? ', x.bulkLoading = true' : ''}`,
    example: { rows: [{ from: 'x', to: 'y', props: {} }] },
  });
}

function deleteTaggedRels(type: RelType): Statement<{ limit: number }, { n: number }> {
  return defineStatement({
    name: `bulk.neo4j.${type}.deleteTagged`,
    mode: 'write',
    cypher: `MATCH ()-[x:${type}]->() WHERE x.bulkLoading = true WITH x LIMIT $limit DELETE x RETURN count(*) AS n`,
    example: { limit: 10 },
  });
}

function untagRels(type: RelType): Statement<{ limit: number }, { n: number }> {
  return defineStatement({
    name: `bulk.neo4j.${type}.untag`,
    mode: 'write',
    cypher: `MATCH ()-[x:${type}]->() WHERE x.bulkLoading = true WITH x LIMIT $limit REMOVE x.bulkLoading RETURN count(*) AS n`,
    example: { limit: 10 },
  });
}

const labels = Object.keys(NODES) as NodeLabel[];
const pairs = (Object.keys(RELATIONSHIPS) as RelType[]).flatMap((t) => RELATIONSHIPS[t].pairs.map(([f, to]) => [t, f as NodeLabel, to as NodeLabel] as const));
const types = Object.keys(RELATIONSHIPS) as RelType[];

export const neo4jLoad = {
  /** The journal, locked: MERGE takes the write lock, so two loads cannot both start. */
  journal: defineStatement<{ now: number }, LoadJournal>({
    name: 'bulk.neo4j.journal',
    mode: 'write',
    cypher: "MERGE (m:SchemaMeta {id: 'bulk-load'}) ON CREATE SET m.appliedAt = $now RETURN m.state AS state, m.owner AS owner, m.heartbeat AS heartbeat",
    example: { now: 0 },
  }),
  journalRead: defineStatement<Record<string, never>, LoadJournal>({
    name: 'bulk.neo4j.journalRead',
    mode: 'read',
    cypher: "MATCH (m:SchemaMeta {id: 'bulk-load'}) RETURN m.state AS state, m.owner AS owner, m.heartbeat AS heartbeat",
    example: {},
  }),
  setJournal: defineStatement<{ state: string; owner: string; now: number }>({
    name: 'bulk.neo4j.setJournal',
    mode: 'write',
    cypher: "MERGE (m:SchemaMeta {id: 'bulk-load'}) SET m.state = $state, m.owner = $owner, m.heartbeat = $now",
    example: { state: 'RUNNING', owner: 'x', now: 0 },
  }),
  heartbeat: defineStatement<{ owner: string; now: number }, { state: string | null }>({
    name: 'bulk.neo4j.heartbeat',
    mode: 'write',
    cypher: "MATCH (m:SchemaMeta {id: 'bulk-load'}) WHERE m.owner = $owner SET m.heartbeat = $now RETURN m.state AS state",
    example: { owner: 'x', now: 0 },
  }),
  clearJournal: defineStatement<Record<string, never>>({
    name: 'bulk.neo4j.clearJournal',
    mode: 'write',
    cypher: "MATCH (m:SchemaMeta {id: 'bulk-load'}) DELETE m",
    example: {},
  }),
  createNodes: Object.fromEntries(labels.map((l) => [l, createNodes(l)])) as Record<NodeLabel, Statement<{ rows: Record<string, unknown>[] }>>,
  createRels: Object.fromEntries(pairs.map(([t, f, to]) => [`${t}:${f}:${to}`, createRels(t, f, to, false)])) as Record<string, ReturnType<typeof createRels>>,
  createRelsTagged: Object.fromEntries(pairs.map(([t, f, to]) => [`${t}:${f}:${to}`, createRels(t, f, to, true)])) as Record<string, ReturnType<typeof createRels>>,
  /** Removes the loading nodes (and every relationship at them), a batch at a time. */
  deleteLoading: defineStatement<{ limit: number }, { n: number }>({
    name: 'bulk.neo4j.deleteLoading',
    mode: 'write',
    cypher: `MATCH (n:${L}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n`,
    example: { limit: 10 },
  }),
  /** Publishes a finished load's nodes, a batch at a time. */
  untagNodes: defineStatement<{ limit: number }, { n: number }>({
    name: 'bulk.neo4j.untagNodes',
    mode: 'write',
    cypher: `MATCH (n:${L}) WITH n LIMIT $limit REMOVE n:${L} RETURN count(*) AS n`,
    example: { limit: 10 },
  }),
  deleteTaggedRels: Object.fromEntries(types.map((t) => [t, deleteTaggedRels(t)])) as Record<RelType, Statement<{ limit: number }, { n: number }>>,
  untagRels: Object.fromEntries(types.map((t) => [t, untagRels(t)])) as Record<RelType, Statement<{ limit: number }, { n: number }>>,
};
