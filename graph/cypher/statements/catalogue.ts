/**
 * The reference data around organisations: target groups (a taxonomy), districts (a hierarchy
 * with adjacency), public bodies, resource types and sources.
 */
import { defineStatement } from '../statement.js';
import { provenanceMap } from '../fragments.js';
import type { Provenance } from '../../repo/records.js';

export interface TargetGroupRecord extends Provenance {
  id: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  broaderId: string | null;
}

export interface DistrictRecord extends Provenance {
  id: string;
  name: string;
  kind: string;
  code: string | null;
  partOfId: string | null;
}

export interface PublicBodyRecord extends Provenance {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  level: string | null;
  formerNames: string[] | null;
  partOfId: string | null;
}

export interface ResourceTypeRecord extends Provenance {
  id: string;
  name: string;
  nameEn: string | null;
  description: string | null;
}

export interface SourceRecord extends Provenance {
  id: string;
  title: string;
  kind: string;
  publisher: string | null;
  date: string | null;
  location: string | null;
  licence: string | null;
}

const IDS = { ids: ['x'] };

export const targetGroups = {
  all: defineStatement<Record<string, never>, { tg: TargetGroupRecord }>({
    name: 'targetGroups.all',
    mode: 'read',
    cypher: `MATCH (t:TargetGroup) OPTIONAL MATCH (t)-[:BROADER]->(b:TargetGroup)
RETURN {id: t.id, name: t.name, nameEn: t.nameEn, description: t.description, broaderId: b.id, ${provenanceMap('t')}} AS tg ORDER BY t.name, t.id`,
    example: {},
  }),
  /** The given groups and every group narrower than them. */
  withNarrower: defineStatement<{ ids: string[] }, { id: string }>({
    name: 'targetGroups.withNarrower',
    mode: 'read',
    cypher: 'UNWIND $ids AS key MATCH (f:TargetGroup {id: key}) MATCH (t:TargetGroup)-[:BROADER*0..10]->(f) RETURN DISTINCT t.id AS id',
    example: IDS,
  }),
  existing: defineStatement<{ ids: string[] }, { id: string }>({
    name: 'targetGroups.existing',
    mode: 'read',
    cypher: 'UNWIND $ids AS key MATCH (t:TargetGroup {id: key}) RETURN t.id AS id',
    example: IDS,
  }),
};

const DISTRICT_MAP = `{id: d.id, name: d.name, kind: d.kind, code: d.code, partOfId: p.id, ${provenanceMap('d')}}`;

export const districts = {
  /** All districts of a kind ('' for all), without geometry. */
  byKind: defineStatement<{ kind: string }, { district: DistrictRecord }>({
    name: 'districts.byKind',
    mode: 'read',
    cypher: `MATCH (d:District) WHERE $kind = '' OR d.kind = $kind OPTIONAL MATCH (d)-[:PART_OF]->(p:District)
RETURN ${DISTRICT_MAP} AS district ORDER BY d.name, d.id`,
    example: { kind: '' },
  }),
  byIds: defineStatement<{ ids: string[] }, { district: DistrictRecord }>({
    name: 'districts.byIds',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (d:District {id: key}) OPTIONAL MATCH (d)-[:PART_OF]->(p:District) RETURN ${DISTRICT_MAP} AS district`,
    example: IDS,
  }),
  /** The given districts and every district inside them. */
  withInner: defineStatement<{ ids: string[] }, { id: string }>({
    name: 'districts.withInner',
    mode: 'read',
    cypher: 'UNWIND $ids AS key MATCH (f:District {id: key}) MATCH (d:District)-[:PART_OF*0..6]->(f) RETURN DISTINCT d.id AS id',
    example: IDS,
  }),
  /** The districts the given ones lie in (their stadsdelsområde, municipality, region, country). */
  outer: defineStatement<{ ids: string[] }, { id: string }>({
    name: 'districts.outer',
    mode: 'read',
    cypher: 'UNWIND $ids AS key MATCH (f:District {id: key}) MATCH (f)-[:PART_OF*1..6]->(d:District) RETURN DISTINCT d.id AS id',
    example: IDS,
  }),
  geometry: defineStatement<{ ids: string[] }, { id: string; geometry: string | null }>({
    name: 'districts.geometry',
    mode: 'read',
    cypher: 'UNWIND $ids AS key MATCH (d:District {id: key}) RETURN d.id AS id, d.geometry AS geometry',
    example: IDS,
  }),
  adjacent: defineStatement<{ ids: string[] }, { id: string; neighbourId: string }>({
    name: 'districts.adjacent',
    mode: 'read',
    cypher: 'UNWIND $ids AS key MATCH (d:District {id: key})-[:ADJACENT_TO]-(n:District) RETURN DISTINCT d.id AS id, n.id AS neighbourId',
    example: IDS,
  }),
};

export const publicBodies = {
  all: defineStatement<Record<string, never>, { body: PublicBodyRecord }>({
    name: 'publicBodies.all',
    mode: 'read',
    cypher: `MATCH (b:PublicBody) OPTIONAL MATCH (b)-[:PART_OF]->(p:PublicBody)
RETURN {id: b.id, name: b.name, nameEn: b.nameEn, kind: b.kind, level: b.level, formerNames: b.formerNames, partOfId: p.id, ${provenanceMap('b')}} AS body ORDER BY b.name, b.id`,
    example: {},
  }),
};

export const resourceTypes = {
  all: defineStatement<Record<string, never>, { resource: ResourceTypeRecord }>({
    name: 'resourceTypes.all',
    mode: 'read',
    cypher: `MATCH (r:ResourceType) RETURN {id: r.id, name: r.name, nameEn: r.nameEn, description: r.description, ${provenanceMap('r')}} AS resource ORDER BY r.name, r.id`,
    example: {},
  }),
};

const SOURCE_MAP = `{id: s.id, title: s.title, kind: s.kind, publisher: s.publisher, date: s.date, location: s.location, licence: s.licence, ${provenanceMap('s')}}`;

export const sources = {
  all: defineStatement<Record<string, never>, { source: SourceRecord }>({
    name: 'sources.all',
    mode: 'read',
    cypher: `MATCH (s:Source) RETURN ${SOURCE_MAP} AS source ORDER BY s.title, s.id`,
    example: {},
  }),
  byIds: defineStatement<{ ids: string[] }, { source: SourceRecord }>({
    name: 'sources.byIds',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (s:Source {id: key}) RETURN ${SOURCE_MAP} AS source`,
    example: IDS,
  }),
  /** A person's entries are attributed to a Source of kind PERSON_ENTRY, one per person. */
  ensurePersonEntry: defineStatement<{ id: string; title: string; now: number }, { id: string }>({
    name: 'sources.ensurePersonEntry',
    mode: 'write',
    cypher: `MERGE (s:Source {id: $id})
ON CREATE SET s.title = $title, s.kind = 'PERSON_ENTRY', s.publisher = 'Samverkan', s.sourceId = $id, s.basis = 'ENTERED',
  s.confidence = 1.0, s.recordedAt = $now, s.synthetic = false, s.version = 1, s.createdAt = $now, s.updatedAt = $now
RETURN s.id AS id`,
    example: { id: 'src:person:example', title: 'Example', now: 0 },
  }),
};
