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

/** One fact's provenance as the provenance check reads it (graph/quality/provenance-check.ts). */
export interface FactRow {
  sourceId: string | null;
  sourceLocator: string | null;
  basis: string | null;
  confidence: number | null;
  quote: string | null;
  rule: string | null;
}
export type NodeFactRow = FactRow & { id: string; name: string | null };
export type RelFactRow = FactRow & { from: string; to: string };

const FACT = (v: string) => `${v}.sourceId AS sourceId, ${v}.sourceLocator AS sourceLocator, ${v}.basis AS basis, ${v}.confidence AS confidence, ${v}.quote AS quote, ${v}.rule AS rule`;
const factLabels = labels.filter((l) => l !== 'Source');
/** The label's name property, where it has one (the names an inference from a name is checked against). */
const labelColumn = (l: NodeLabel) => ('name' in NODES[l].properties ? 'n.name' : 'NULL');

/** Every fact with its provenance, for the provenance check: nodes by label, relationships by type, and what it needs besides. */
export const provenanceFacts = {
  nodes: Object.fromEntries(
    factLabels.map((l) => [
      l,
      defineStatement<Record<string, never>, NodeFactRow>({
        name: `quality.${l}.facts`,
        mode: 'read',
        cypher: `MATCH (n:${l}) RETURN n.id AS id, ${labelColumn(l)} AS name, ${FACT('n')}`,
        example: {},
      }),
    ]),
  ) as Record<string, Statement<Record<string, never>, NodeFactRow>>,
  rels: Object.fromEntries(
    (Object.keys(RELATIONSHIPS) as RelType[]).map((t) => [
      t,
      defineStatement<Record<string, never>, RelFactRow>({
        name: `quality.${t}.facts`,
        mode: 'read',
        cypher: `MATCH (a)-[r:${t}]->(b) RETURN a.id AS from, b.id AS to, ${FACT('r')}`,
        example: {},
      }),
    ]),
  ) as Record<string, Statement<Record<string, never>, RelFactRow>>,
  /** The names an organisation is known by (an inference from its name may rest on any of them) and its about facts. */
  organisations: defineStatement<
    Record<string, never>,
    { id: string; aliases: string[] | null; description: string | null; legalForm: string | null; website: string | null; status: string | null; fieldProvenance: string | null }
  >({
    name: 'quality.organisations.about',
    mode: 'read',
    cypher: 'MATCH (o:Organisation) RETURN o.id AS id, o.aliases AS aliases, o.description AS description, o.legalForm AS legalForm, o.website AS website, o.status AS status, o.fieldProvenance AS fieldProvenance',
    example: {},
  }),
  agreementFindings: defineStatement<Record<string, never>, { id: string; auditFindings: string | null }>({
    name: 'quality.agreements.findings',
    mode: 'read',
    cypher: 'MATCH (a:Agreement) WHERE a.auditFindings IS NOT NULL RETURN a.id AS id, a.auditFindings AS auditFindings',
    example: {},
  }),
  sources: defineStatement<
    Record<string, never>,
    { id: string; title: string | null; kind: string | null; date: string | null; location: string | null; copy: string | null; note: string | null }
  >({
    name: 'quality.sources',
    mode: 'read',
    cypher: 'MATCH (s:Source) RETURN s.id AS id, s.title AS title, s.kind AS kind, s.date AS date, s.location AS location, s.copy AS copy, s.note AS note',
    example: {},
  }),
  users: defineStatement<Record<string, never>, { id: string }>({
    name: 'quality.users',
    mode: 'read',
    cypher: 'MATCH (u:User) RETURN u.id AS id',
    example: {},
  }),
};
