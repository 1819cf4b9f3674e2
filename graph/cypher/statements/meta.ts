/**
 * Statements about the store itself: schema version, counts for health checks and tests.
 *
 * cypher-generation: model-derived (the operational labels, never input)
 */
import { defineStatement } from '../statement.js';
import { dialect } from '../dialect.js';
import { OPERATIONAL_LABELS } from '../../model/model.js';

/** Labels that are not data: the schema version and the app's working state. */
const NOT_DATA = ['SchemaMeta', ...OPERATIONAL_LABELS].map((l) => `'${l}'`).join(', ');

export const meta = {
  schemaVersion: defineStatement<Record<string, never>, { version: number }>({
    name: 'meta.schemaVersion',
    mode: 'read',
    cypher: "MATCH (m:SchemaMeta {id: 'schema'}) RETURN m.version AS version",
    example: {},
  }),
  setSchemaVersion: defineStatement<{ version: number; now: number }>({
    name: 'meta.setSchemaVersion',
    mode: 'write',
    cypher: "MERGE (m:SchemaMeta {id: 'schema'}) SET m.version = $version, m.appliedAt = $now",
    example: { version: 1, now: 0 },
  }),
  /**
   * Migration to schema 2: the project's own inferences were once a Source of kind PERSON_ENTRY,
   * which the public saw as "entered by a user"; they are curation, not a person's entry.
   */
  curationNotPersonEntry: defineStatement<{ title: string }, { n: number }>({
    name: 'meta.curationNotPersonEntry',
    mode: 'write',
    cypher: "MATCH (s:Source) WHERE s.kind = 'PERSON_ENTRY' AND NOT s.id STARTS WITH 'src:person:' SET s.kind = 'CURATION', s.title = $title RETURN count(s) AS n",
    example: { title: 'Samverkan: kurering' },
  }),
  /** Cheap liveness probe for /healthz. */
  ping: defineStatement<Record<string, never>, { ok: number }>({
    name: 'meta.ping',
    mode: 'read',
    cypher: 'RETURN 1 AS ok',
    example: {},
  }),
  /** How many nodes of data the store holds (not the operational ones: schema version, change feed, shared keys): for seeds and tests. */
  countNodes: defineStatement<Record<string, never>, { n: number }>({
    name: 'meta.countNodes',
    mode: 'read',
    cypher: ['MATCH (n) WHERE NOT ', dialect.labelOf('n'), ` IN [${NOT_DATA}] RETURN count(n) AS n`],
    example: {},
  }),
  countRelationships: defineStatement<Record<string, never>, { n: number }>({
    name: 'meta.countRelationships',
    mode: 'read',
    cypher: 'MATCH ()-[r]->() RETURN count(r) AS n',
    example: {},
  }),
  /** Empties the store (restore into an empty store, contract tests on a shared Neo4j). Never reachable from the API. */
  deleteEverything: defineStatement<Record<string, never>, Record<string, never>>({
    name: 'meta.deleteEverything',
    mode: 'write',
    cypher: 'MATCH (n) DETACH DELETE n',
    example: {},
  }),
} as const;
