/**
 * Full-text search on Neo4j: the `swedish` full-text indexes of organisations and of the
 * catalogue, queried with the Lucene query graph/search/analyze.ts builds (a parameter, never
 * Cypher text). The embedded engine searches its in-memory index instead (graph/search/memory-index.ts).
 *
 * cypher-generation: model-derived (index names from the model's labels, never input)
 */
import { defineStatement, type Statement } from '../statement.js';
import { NODES } from '../../model/model.js';
import { fulltextIndexName } from '../../schema/ddl.js';
import { CATALOGUE_KINDS, type CatalogueKind } from '../../search/hits.js';

type HitRow = { id: string; score: number; text: (string | null)[] };

/** The hits with the text their index holds (NODES[label].fulltext), for the ranking to read. */
function query(label: keyof typeof NODES, name: string): Statement<{ query: string; limit: number }, HitRow> {
  const fields = (NODES[label] as { fulltext?: readonly string[] }).fulltext ?? [];
  return defineStatement<{ query: string; limit: number }, HitRow>({
    name,
    mode: 'read',
    cypher: `CALL db.index.fulltext.queryNodes('${fulltextIndexName(label)}', $query, {limit: $limit}) YIELD node, score
RETURN node.id AS id, score, [${fields.map((f) => `node.${f}`).join(', ')}] AS text`,
    example: { query: 'search:(hemlos OR hemlos*^0.5)', limit: 10 },
  });
}

export interface OrganisationDocRow {
  id: string;
  search: string | null;
  description: string | null;
}

export interface CatalogueDocRow {
  id: string;
  search: string | null;
  name: string | null;
  nameEn: string | null;
}

const ORG_DOC = 'o.id AS id, o.search AS search, o.description AS description';

export const search = {
  organisations: query('Organisation', 'search.organisations'),
  catalogue: Object.fromEntries(CATALOGUE_KINDS.map((k) => [k, query(k, `search.catalogue.${k}`)])) as Record<CatalogueKind, Statement<{ query: string; limit: number }, HitRow>>,
};

/** What the embedded engine's in-memory search index is built from (both engines run these). */
export const searchDocuments = {
  organisations: defineStatement<{ after: string; limit: number }, OrganisationDocRow>({
    name: 'searchDocuments.organisations',
    mode: 'read',
    cypher: `MATCH (o:Organisation) WHERE o.id > $after RETURN ${ORG_DOC} ORDER BY id LIMIT $limit`,
    example: { after: '', limit: 10 },
  }),
  organisationsByIds: defineStatement<{ ids: string[] }, OrganisationDocRow>({
    name: 'searchDocuments.organisationsByIds',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (o:Organisation {id: key}) RETURN ${ORG_DOC}`,
    example: { ids: ['org:x'] },
  }),
  catalogue: {
    TargetGroup: defineStatement<Record<string, never>, CatalogueDocRow>({
      name: 'searchDocuments.TargetGroup',
      mode: 'read',
      cypher: 'MATCH (t:TargetGroup) RETURN t.id AS id, t.search AS search, NULL AS name, NULL AS nameEn',
      example: {},
    }),
    District: defineStatement<Record<string, never>, CatalogueDocRow>({
      name: 'searchDocuments.District',
      mode: 'read',
      cypher: 'MATCH (d:District) RETURN d.id AS id, d.search AS search, NULL AS name, NULL AS nameEn',
      example: {},
    }),
    ResourceType: defineStatement<Record<string, never>, CatalogueDocRow>({
      name: 'searchDocuments.ResourceType',
      mode: 'read',
      cypher: 'MATCH (r:ResourceType) RETURN r.id AS id, NULL AS search, r.name AS name, r.nameEn AS nameEn',
      example: {},
    }),
  } satisfies Record<CatalogueKind, Statement<Record<string, never>, CatalogueDocRow>>,
};
