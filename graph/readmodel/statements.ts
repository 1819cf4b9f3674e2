/**
 * The reads that refresh the read model after a write: one organisation (or many) with its
 * search text, and one node a link can point at. Registered in graph/cypher/registry.ts, so they
 * are executed and linted like every other statement. (Links are re-read with the link
 * statements' `outgoingOne`.)
 *
 * cypher-generation: model-derived (only the ORGANISATION_MAP fragment is interpolated)
 */
import { defineStatement } from '../cypher/statement.js';
import { ORGANISATION_MAP } from '../cypher/fragments.js';
import type { OrganisationRecord } from '../model/records.js';

type OrgRow = { org: OrganisationRecord; search: string | null };
type NodeRow = { id: string; name: string | null; extra: string | null };

export const readModelStatements = {
  organisation: defineStatement<{ id: string }, OrgRow>({
    name: 'readModel.organisation',
    mode: 'read',
    cypher: `MATCH (o:Organisation {id: $id}) RETURN ${ORGANISATION_MAP} AS org, o.search AS search`,
    example: { id: 'org:example' },
  }),
  organisations: defineStatement<{ ids: string[] }, OrgRow>({
    name: 'readModel.organisations',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (o:Organisation {id: key}) RETURN ${ORGANISATION_MAP} AS org, o.search AS search`,
    example: { ids: ['org:example'] },
  }),
  agreement: defineStatement<{ id: string }, NodeRow>({
    name: 'readModel.agreement',
    mode: 'read',
    cypher: 'MATCH (n:Agreement {id: $id}) RETURN n.id AS id, n.name AS name, n.kind AS extra',
    example: { id: 'agr:example' },
  }),
  collaboration: defineStatement<{ id: string }, NodeRow>({
    name: 'readModel.collaboration',
    mode: 'read',
    cypher: 'MATCH (n:Collaboration {id: $id}) RETURN n.id AS id, n.name AS name, n.kind AS extra',
    example: { id: 'collab:example' },
  }),
};
