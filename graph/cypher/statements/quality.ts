/**
 * Data-quality reads: which sources the facts of each label and relationship type cite, so a
 * test (and later the coordinator view) can show that every fact is traceable.
 *
 * cypher-generation: model-derived (labels and types are model constants)
 */
import { NODES, RELATIONSHIPS, type NodeLabel, type RelType } from '../../model/model.js';
import { defineStatement, type Statement } from '../statement.js';

type SourceCount = { sourceId: string | null; basis: string | null; n: number };

const labels = (Object.keys(NODES) as NodeLabel[]).filter((l) => 'sourceId' in NODES[l].properties);

export const quality = {
  nodeSources: Object.fromEntries(
    labels.map((l) => [
      l,
      defineStatement<Record<string, never>, SourceCount>({
        name: `quality.${l}.sources`,
        mode: 'read',
        cypher: `MATCH (n:${l}) RETURN n.sourceId AS sourceId, n.basis AS basis, count(*) AS n`,
        example: {},
      }),
    ]),
  ) as Record<string, Statement<Record<string, never>, SourceCount>>,
  relSources: Object.fromEntries(
    (Object.keys(RELATIONSHIPS) as RelType[]).map((t) => [
      t,
      defineStatement<Record<string, never>, SourceCount>({
        name: `quality.${t}.sources`,
        mode: 'read',
        cypher: `MATCH ()-[r:${t}]->() RETURN r.sourceId AS sourceId, r.basis AS basis, count(*) AS n`,
        example: {},
      }),
    ]),
  ) as Record<string, Statement<Record<string, never>, SourceCount>>,
};
