/**
 * Import, export and backup statements (graph/io). Imports write in batches (`UNWIND $rows`)
 * inside one transaction; backups read every label and relationship type the model declares,
 * a page at a time in id order, so labels added to the model are covered without changes here.
 *
 * cypher-generation: model-derived (labels, types and property names are model constants, never input)
 */
import { NODES, RELATIONSHIPS, type NodeLabel, type RelType } from '../../model/model.js';
import { IMPORT_LINK_KINDS, ORGANISATION_LINKS, type ImportLinkColumn } from '../../model/links.js';
import { cypher, defineStatement, type Statement } from '../statement.js';
import { dialect } from '../dialect.js';
import type { OrganisationWrite } from './organisations.js';

export interface ImportLinkRow {
  from: string;
  to: string;
  sourceId: string;
  sourceLocator: string;
  basis: string;
  role: string;
}

export interface ImportNodeRow {
  id: string;
  name: string;
  kind: string;
  search: string;
  sourceId: string;
  sourceLocator: string;
  basis: string;
}

const LINK_EXAMPLE: ImportLinkRow = { from: 'x', to: 'y', sourceId: 'src:import:example', sourceLocator: 'rad 2', basis: 'STATED', role: '' };

/** The organisation links an import sets, by import column: relationship type and target label (graph/model/links.ts). */
export type ImportLinkKind = ImportLinkColumn;
export const IMPORT_LINKS = Object.fromEntries(
  IMPORT_LINK_KINDS.map((k) => [ORGANISATION_LINKS[k].importColumn, { type: ORGANISATION_LINKS[k].type, to: ORGANISATION_LINKS[k].to }]),
) as Record<ImportLinkKind, { type: RelType; to: NodeLabel }>;

/** Links that do not exist yet (of new organisations, or checked missing first): CREATE, four times faster than MERGE on LadybugDB. */
function createLinks(kind: ImportLinkKind): Statement<{ rows: ImportLinkRow[]; now: number }, { n: number }> {
  const { type, to } = IMPORT_LINKS[kind];
  const role = 'role' in RELATIONSHIPS[type].properties ? ', role: r.role' : '';
  return defineStatement({
    name: `io.createLinks.${kind}`,
    mode: 'write',
    cypher: `UNWIND $rows AS r MATCH (a:Organisation {id: r.from}) MATCH (b:${to} {id: r.to})
CREATE (a)-[x:${type} {sourceId: r.sourceId, sourceLocator: r.sourceLocator, basis: r.basis, confidence: 1.0, recordedAt: $now, synthetic: false${role}}]->(b)
RETURN count(*) AS n`,
    example: { rows: [LINK_EXAMPLE], now: 0 },
  });
}

/** Every link of a kind from organisations, with its source: one scan, cheaper than a lookup per pair when an import touches many organisations. */
function existingLinks(kind: ImportLinkKind): Statement<Record<string, never>, { from: string; to: string; sourceId: string | null; basis: string | null }> {
  const { type, to } = IMPORT_LINKS[kind];
  return defineStatement({
    name: `io.existingLinks.${kind}`,
    mode: 'read',
    cypher: `MATCH (a:Organisation)-[x:${type}]->(b:${to}) RETURN a.id AS from, b.id AS to, x.sourceId AS sourceId, x.basis AS basis`,
    example: {},
  });
}

function createMany(label: 'Agreement' | 'Collaboration'): Statement<{ rows: ImportNodeRow[]; now: number }, { n: number }> {
  const extra = label === 'Agreement' ? `, status: 'UNKNOWN', isSummary: false, search: r.search` : '';
  return defineStatement({
    name: `io.create.${label}`,
    mode: 'write',
    cypher: `UNWIND $rows AS r CREATE (n:${label} {id: r.id, name: r.name, kind: r.kind${extra}, sourceId: r.sourceId,
  sourceLocator: r.sourceLocator, basis: r.basis, confidence: 1.0, recordedAt: $now, synthetic: false, version: 1,
  createdAt: $now, updatedAt: $now})
RETURN count(*) AS n`,
    example: { rows: [{ id: `${label.toLowerCase()}:io-example`, name: 'Exempel', kind: 'OTHER', search: 'exempel', sourceId: 'src:import:example', sourceLocator: 'rad 2', basis: 'STATED' }], now: 0 },
  });
}

// ---- backup: every label and relationship type of the model, a page at a time ----

const labels = Object.keys(NODES) as NodeLabel[];
const props = (label: NodeLabel) => Object.keys(NODES[label].properties);
const relProps = (type: RelType) => Object.keys(RELATIONSHIPS[type].properties);
const mapOf = (v: string, keys: string[]) => `{${keys.map((k) => `${k}: ${v}.${k}`).join(', ')}}`;

export type BackupNodeRow = { id: string; props: Record<string, unknown> };
export type BackupRelRow = { from: string; to: string; props: Record<string, unknown> };

function nodePage(label: NodeLabel): Statement<{ after: string; limit: number }, BackupNodeRow> {
  return defineStatement({
    name: `io.backup.${label}.page`,
    mode: 'read',
    cypher: `MATCH (n:${label}) WHERE n.id > $after RETURN n.id AS id, ${mapOf('n', props(label))} AS props ORDER BY id LIMIT $limit`,
    example: { after: '', limit: 10 },
  });
}

function relPage(type: RelType, from: NodeLabel, to: NodeLabel): Statement<{ afterFrom: string; afterTo: string; limit: number }, BackupRelRow> {
  return defineStatement({
    name: `io.backup.${type}.${from}.${to}.page`,
    mode: 'read',
    cypher: `MATCH (a:${from})-[r:${type}]->(b:${to}) WHERE a.id > $afterFrom OR (a.id = $afterFrom AND b.id > $afterTo)
RETURN a.id AS from, b.id AS to, ${mapOf('r', relProps(type))} AS props ORDER BY from, to LIMIT $limit`,
    example: { afterFrom: '', afterTo: '', limit: 10 },
  });
}

export const REL_PAIRS: readonly { type: RelType; from: NodeLabel; to: NodeLabel; key: string }[] = (Object.keys(RELATIONSHIPS) as RelType[]).flatMap((type) =>
  RELATIONSHIPS[type].pairs.map(([from, to]) => ({ type, from: from as NodeLabel, to: to as NodeLabel, key: `${type}:${from}:${to}` })),
);

export const io = {
  /** What the import matches rows against. */
  organisationKeys: defineStatement<Record<string, never>, { id: string; name: string; aliases: string[] | null; orgNumber: string | null }>({
    name: 'io.organisationKeys',
    mode: 'read',
    cypher: 'MATCH (o:Organisation) RETURN o.id AS id, o.name AS name, o.aliases AS aliases, o.orgNumber AS orgNumber',
    example: {},
  }),
  agreementKeys: defineStatement<Record<string, never>, { id: string; name: string; kind: string }>({
    name: 'io.agreementKeys',
    mode: 'read',
    cypher: 'MATCH (a:Agreement) RETURN a.id AS id, a.name AS name, a.kind AS kind',
    example: {},
  }),
  collaborationKeys: defineStatement<Record<string, never>, { id: string; name: string; kind: string }>({
    name: 'io.collaborationKeys',
    mode: 'read',
    cypher: 'MATCH (c:Collaboration) RETURN c.id AS id, c.name AS name, c.kind AS kind',
    example: {},
  }),
  /** The Source an import's facts cite: one per file (by content hash), created on its first import. */
  ensureImportSource: defineStatement<{ id: string; title: string; location: string; date: string; publisher: string; now: number }, { id: string }>({
    name: 'io.ensureImportSource',
    mode: 'write',
    cypher: cypher`MERGE (s:Source {id: $id})
ON CREATE SET s.title = $title, s.kind = 'IMPORT', s.location = $location, s.date = $date, s.publisher = $publisher,
  s.sourceId = $id, s.basis = 'ENTERED', s.confidence = 1.0, s.recordedAt = $now, s.synthetic = false, s.version = 1,
  s.createdAt = $now, s.updatedAt = $now
RETURN s.id AS id`,
    example: { id: 'src:import:example', title: 'bidrag.csv', location: 'bidrag.csv', date: '2026-11-23', publisher: 'Samverkan', now: 0 },
  }),
  /** New organisations (ids checked free by the import): CREATE, not the upsert's MERGE. */
  createOrganisations: defineStatement<{ rows: Omit<OrganisationWrite, 'now'>[]; now: number }, { n: number }>({
    name: 'io.createOrganisations',
    mode: 'write',
    cypher: cypher`UNWIND $rows AS r CREATE (o:Organisation {id: r.id, name: r.name, aliases: r.aliases, search: r.search,
  orgNumber: r.orgNumber, legalForm: r.legalForm, description: r.description, website: r.website, email: r.email,
  phone: r.phone, address: r.address, contactVerifiedAt: ${dialect.asInt('r.contactVerifiedAt')}, status: r.status,
  statusSince: r.statusSince, fieldProvenance: r.fieldProvenance, sourceId: r.sourceId,
  sourceLocator: r.sourceLocator, basis: r.basis, confidence: ${dialect.asDouble('r.confidence')}, recordedAt: $now,
  synthetic: ${dialect.asBool('r.synthetic')}, version: 1, createdAt: $now, updatedAt: $now})
RETURN count(*) AS n`,
    example: {
      rows: [
        { id: 'org:io-example', name: 'Importföreningen', aliases: [], search: 'importforeningen', orgNumber: null, legalForm: null, description: null, website: null, email: null, phone: null, address: null, contactVerifiedAt: null, status: 'ACTIVE', statusSince: '2026', fieldProvenance: '{}', sourceId: 'src:import:example', sourceLocator: 'rad 2', basis: 'STATED', confidence: 1, synthetic: false },
      ],
      now: 0,
    },
  }),
  createAgreements: createMany('Agreement'),
  createCollaborations: createMany('Collaboration'),
  createLinks: Object.fromEntries((Object.keys(IMPORT_LINKS) as ImportLinkKind[]).map((k) => [k, createLinks(k)])) as Record<ImportLinkKind, ReturnType<typeof createLinks>>,
  existingLinks: Object.fromEntries((Object.keys(IMPORT_LINKS) as ImportLinkKind[]).map((k) => [k, existingLinks(k)])) as Record<ImportLinkKind, ReturnType<typeof existingLinks>>,
  backupNodes: Object.fromEntries(labels.map((l) => [l, nodePage(l)])) as Record<NodeLabel, ReturnType<typeof nodePage>>,
  backupRels: Object.fromEntries(REL_PAIRS.map((p) => [p.key, relPage(p.type, p.from, p.to)])) as Record<string, ReturnType<typeof relPage>>,
};
