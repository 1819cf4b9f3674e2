/**
 * Statements the bulk loaders need for every label and relationship type, derived from the
 * model (labels and property names are model constants, never input). They are registered with
 * the other named statements so the tests run and lint them too.
 *
 * cypher-generation: model-derived
 */
import { NODES, RELATIONSHIPS, type NodeLabel, type RelType } from '../model/model.js';
import { defineStatement, type Statement } from '../cypher/statement.js';
import { neo4jLoad } from './neo4j-load-statements.js';
import { search } from '../cypher/statements/search.js';
import { feedStatements } from '../feed/statements.js';

type IdRow = { id: string; basis: string | null };

function idsExisting(label: NodeLabel): Statement<{ ids: string[] }, IdRow> {
  return defineStatement<{ ids: string[] }, IdRow>({
    name: `bulk.${label}.existingIds`,
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (n:${label} {id: key}) RETURN n.id AS id, ${'basis' in NODES[label].properties ? 'n.basis' : 'NULL'} AS basis`,
    example: { ids: ['x'] },
  });
}

/** The same, as one scan of the label: cheaper than one index lookup per id when the list is long. */
function idsExistingScan(label: NodeLabel): Statement<{ ids: string[] }, IdRow> {
  return defineStatement<{ ids: string[] }, IdRow>({
    name: `bulk.${label}.existingIdsScan`,
    mode: 'read',
    cypher: `MATCH (n:${label}) WHERE n.id IN $ids RETURN n.id AS id, ${'basis' in NODES[label].properties ? 'n.basis' : 'NULL'} AS basis`,
    example: { ids: ['x'] },
  });
}

function setList(label: NodeLabel, property: string): Statement<{ rows: { id: string; value: string[] }[] }> {
  return defineStatement({
    name: `bulk.${label}.set.${property}`,
    mode: 'write',
    cypher: `UNWIND $rows AS r MATCH (n:${label} {id: r.id}) SET n.${property} = r.value`,
    example: { rows: [{ id: 'x', value: ['a'] }] },
  });
}

/** Which of the given relationships exist already (idempotent seeding and imports). */
function relsExisting(type: RelType, from: NodeLabel, to: NodeLabel): Statement<{ pairs: { from: string; to: string }[] }, { from: string; to: string; basis: string | null }> {
  return defineStatement({
    name: `bulk.${type}.${from}.${to}.existing`,
    mode: 'read',
    cypher: `UNWIND $pairs AS p MATCH (a:${from} {id: p.from})-[r:${type}]->(b:${to} {id: p.to}) RETURN a.id AS from, b.id AS to, r.basis AS basis`,
    example: { pairs: [{ from: 'x', to: 'y' }] },
  });
}

const labels = Object.keys(NODES) as NodeLabel[];

export const bulkStatements = {
  existingIds: Object.fromEntries(labels.map((l) => [l, idsExisting(l)])) as Record<NodeLabel, Statement<{ ids: string[] }, IdRow>>,
  existingIdsScan: Object.fromEntries(labels.map((l) => [l, idsExistingScan(l)])) as Record<NodeLabel, Statement<{ ids: string[] }, IdRow>>,
  setList: Object.fromEntries(
    labels.map((l) => [
      l,
      Object.fromEntries(
        Object.entries(NODES[l].properties as Record<string, { type: string }>)
          .filter(([, p]) => p.type === 'STRING[]')
          .map(([k]) => [k, setList(l, k)]),
      ),
    ]),
  ) as Record<NodeLabel, Record<string, Statement<{ rows: { id: string; value: string[] }[] }>>>,
  relsExisting: Object.fromEntries(
    (Object.keys(RELATIONSHIPS) as RelType[]).flatMap((t) =>
      RELATIONSHIPS[t].pairs.map(([f, to]) => [`${t}:${f}:${to}`, relsExisting(t, f as NodeLabel, to as NodeLabel)]),
    ),
  ) as Record<string, ReturnType<typeof relsExisting>>,
};

/** Statements only one engine runs (the linter still checks their Neo4j form). */
export const NEO4J_ONLY = new Set<string>([...collectNames(neo4jLoad), ...collectNames(search), ...collectNames(feedStatements)]);

function collectNames(group: object): string[] {
  return Object.values(group).flatMap((v) => (v && typeof v === 'object' && 'parts' in v ? [(v as { name: string }).name] : v && typeof v === 'object' ? collectNames(v) : []));
}

/** Lists longer than this are checked by one scan instead of one index lookup per id. */
export const SCAN_THRESHOLD = 500;

export function existingIdsStatement(label: NodeLabel, count: number) {
  return count > SCAN_THRESHOLD ? bulkStatements.existingIdsScan[label] : bulkStatements.existingIds[label];
}
