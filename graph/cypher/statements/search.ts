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

/** Every index in one round trip (the hits with the text their index holds, for the ranking to read): the organisations' and each catalogue kind's hits, each tagged with its index. */
function all(): Statement<{ organisations: string; catalogue: string; limit: number; catalogueLimit: number }, HitRow & { index: string }> {
  const part = (label: keyof typeof NODES, queryParam: string, limitParam: string) => {
    const fields = (NODES[label] as { fulltext?: readonly string[] }).fulltext ?? [];
    return `CALL db.index.fulltext.queryNodes('${fulltextIndexName(label)}', ${queryParam}, {limit: ${limitParam}}) YIELD node, score
RETURN '${label}' AS index, node.id AS id, score, [${fields.map((f) => `node.${f}`).join(', ')}] AS text`;
  };
  return defineStatement({
    name: 'search.all',
    mode: 'read',
    cypher: [part('Organisation', '$organisations', '$limit'), ...CATALOGUE_KINDS.map((k) => part(k, '$catalogue', '$catalogueLimit'))].join('\nUNION ALL\n'),
    example: { organisations: 'search:(hemlos OR hemlos*^0.5)', catalogue: 'search:(hemlos OR hemlos*^0.5)', limit: 10, catalogueLimit: 10 },
  });
}

export const search = {
  all: all(),
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
