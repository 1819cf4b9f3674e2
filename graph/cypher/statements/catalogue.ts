/**
 * The reference data around organisations: target groups (a taxonomy), districts (a hierarchy
 * with adjacency), public bodies, resource types and sources.
 */
import { defineStatement } from '../statement.js';
import { provenanceMap } from '../fragments.js';
import type { Provenance } from '../../model/records.js';

export interface TargetGroupRecord extends Provenance {
  id: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  broaderId: string | null;
  /** Everyday words for the group (search and import read them). */
  synonyms?: string[] | null;
}

export interface DistrictRecord extends Provenance {
  id: string;
  name: string;
  kind: string;
  code: string | null;
  partOfId: string | null;
  /** The period the district exists in this form (ISO dates; null: open or not recorded). */
  validFrom: string | null;
  validTo: string | null;
}

export interface PublicBodyRecord extends Provenance {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  level: string | null;
  formerNames: string[] | null;
  partOfId: string | null;
  /** The districts it is responsible for. */
  coversIds: string[] | null;
  /** When it was formed and when it ceased (ISO dates; null: not recorded or still in being). */
  validFrom: string | null;
  validTo: string | null;
  /** The body that took over from it, when it ceased. */
  succeededById: string | null;
  version: number | null;
}

export interface PublicBodyWrite {
  id: string;
  name: string;
  nameEn: string | null;
  kind: string;
  level: string | null;
  formerNames: string[];
  validFrom: string | null;
  validTo: string | null;
  search: string;
  sourceId: string;
  now: number;
}

const PUBLIC_BODY_WRITE_EXAMPLE: PublicBodyWrite = {
  id: 'pb:example',
  name: 'Exempelnämnden',
  nameEn: null,
  kind: 'COMMITTEE',
  level: 'MUNICIPAL',
  formerNames: [],
  validFrom: null,
  validTo: null,
  search: 'exempelnamnden',
  sourceId: 'src:example',
  now: 0,
};

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
  /** The repository's copy of the source's text (path), when it holds one. */
  copy: string | null;
  /** What exactly is cited and how it was checked. */
  note: string | null;
}

const IDS = { ids: ['x'] };

export const targetGroups = {
  all: defineStatement<Record<string, never>, { tg: TargetGroupRecord }>({
    name: 'targetGroups.all',
    mode: 'read',
    cypher: `MATCH (t:TargetGroup) OPTIONAL MATCH (t)-[:BROADER]->(b:TargetGroup)
RETURN {id: t.id, name: t.name, nameEn: t.nameEn, description: t.description, broaderId: b.id, synonyms: t.synonyms, ${provenanceMap('t')}} AS tg ORDER BY t.name, t.id`,
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

const DISTRICT_MAP = `{id: d.id, name: d.name, kind: d.kind, code: d.code, partOfId: p.id, validFrom: d.validFrom, validTo: d.validTo, ${provenanceMap('d')}}`;

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

/** A public body with what it is part of, the districts it covers and its successor (the optional matches, then the map). */
const BODY_MAP = `OPTIONAL MATCH (b)-[:PART_OF]->(p:PublicBody) OPTIONAL MATCH (b)-[:COVERS]->(d:District) OPTIONAL MATCH (n:PublicBody)-[:SUCCEEDS]->(b)
WITH b, p, n, collect(d.id) AS covers
RETURN {id: b.id, name: b.name, nameEn: b.nameEn, kind: b.kind, level: b.level, formerNames: b.formerNames, partOfId: p.id,
  coversIds: covers, validFrom: b.validFrom, validTo: b.validTo, succeededById: n.id, version: b.version, ${provenanceMap('b')}} AS body`;

export const publicBodies = {
  all: defineStatement<Record<string, never>, { body: PublicBodyRecord }>({
    name: 'publicBodies.all',
    mode: 'read',
    cypher: `MATCH (b:PublicBody) ${BODY_MAP} ORDER BY b.name, b.id`,
    example: {},
  }),
  byIds: defineStatement<{ ids: string[] }, { body: PublicBodyRecord }>({
    name: 'publicBodies.byIds',
    mode: 'read',
    cypher: `UNWIND $ids AS key MATCH (b:PublicBody {id: key}) ${BODY_MAP}`,
    example: IDS,
  }),
  create: defineStatement<PublicBodyWrite, { id: string }>({
    name: 'publicBodies.create',
    mode: 'write',
    cypher: `CREATE (b:PublicBody {id: $id, name: $name, nameEn: $nameEn, kind: $kind, level: $level, formerNames: $formerNames,
  validFrom: $validFrom, validTo: $validTo, search: $search, sourceId: $sourceId, basis: 'ENTERED', confidence: 1.0, recordedAt: $now,
  synthetic: false, version: 1, createdAt: $now, updatedAt: $now})
RETURN b.id AS id`,
    example: PUBLIC_BODY_WRITE_EXAMPLE,
  }),
  /** At the version the editor read; a null parameter clears the property. */
  update: defineStatement<PublicBodyWrite & { version: number }, { id: string }>({
    name: 'publicBodies.update',
    mode: 'write',
    cypher: `MATCH (b:PublicBody {id: $id}) WHERE b.version = $version
SET b.name = $name, b.nameEn = $nameEn, b.kind = $kind, b.level = $level, b.formerNames = $formerNames, b.validFrom = $validFrom,
  b.validTo = $validTo, b.search = $search, b.sourceId = $sourceId, b.basis = 'ENTERED', b.confidence = 1.0, b.recordedAt = $now,
  b.updatedAt = $now, b.version = b.version + 1
RETURN b.id AS id`,
    example: { ...PUBLIC_BODY_WRITE_EXAMPLE, version: 1 },
  }),
  /** The body a public body is part of, and the districts it covers (to replace them). */
  links: defineStatement<{ id: string }, { partOfIds: string[]; coversIds: string[] }>({
    name: 'publicBodies.links',
    mode: 'read',
    cypher: `MATCH (b:PublicBody {id: $id}) OPTIONAL MATCH (b)-[:PART_OF]->(p:PublicBody) OPTIONAL MATCH (b)-[:COVERS]->(d:District)
RETURN collect(DISTINCT p.id) AS partOfIds, collect(DISTINCT d.id) AS coversIds`,
    example: { id: 'pb:example' },
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

const SOURCE_MAP = `{id: s.id, title: s.title, kind: s.kind, publisher: s.publisher, date: s.date, location: s.location, licence: s.licence, copy: s.copy, note: s.note, ${provenanceMap('s')}}`;

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
