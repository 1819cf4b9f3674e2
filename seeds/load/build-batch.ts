/**
 * Builds the seed graph (seeds/data/*.json, seeds/geo) as one GraphBatch: every node and
 * relationship with its provenance (source, locator, basis, confidence). Pure: reads files,
 * writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphBatch, NodeRow, PropertyValue, RelRow } from '../../graph/bulk/batch.js';
import type { NodeLabel, RelType } from '../../graph/model/model.js';
import { NODES } from '../../graph/model/model.js';
import { searchText } from '../../graph/text/fold.js';
import { ABOUT_FIELDS, stringifyAuditFindings, stringifyFieldProvenance, type AboutField, type AuditFinding, type FieldProvenance } from '../../graph/model/facts.js';
import { factOf } from '../../graph/repo/facts.js';
import { adjacentPairs, aggregateAdjacency, featuresFromGeoJson } from '../geo/adjacency.js';

export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** When the seed's facts were recorded (the curation date): fixed, so seeding is deterministic. */
export const SEED_RECORDED_AT = Date.UTC(2026, 10, 23);

interface Prov {
  sourceId: string;
  sourceLocator?: string | null;
  basis: string;
  confidence?: number | null;
  /** The source's words (or the name or passage an inference rests on). */
  quote?: string | null;
  /** How an INFERRED fact was inferred (graph/model/types.ts INFERENCE_RULES). */
  rule?: string | null;
}

type Json = Record<string, unknown> & Prov;

export function readSeed<T = Json>(file: string): T[] {
  return JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'data', file), 'utf8')) as T[];
}

const provenance = (p: Prov) => ({
  sourceId: p.sourceId,
  sourceLocator: p.sourceLocator ?? null,
  basis: p.basis,
  confidence: p.confidence ?? 1,
  quote: p.quote ?? null,
  rule: p.rule ?? null,
  recordedAt: SEED_RECORDED_AT,
  synthetic: false,
});

/** An organisation's about facts' provenance (organisations.json `fieldProvenance`) as stored. */
function fieldProvenanceOf(o: Json): string | null {
  const given = (o['fieldProvenance'] ?? {}) as Partial<Record<AboutField, Prov>>;
  const facts: FieldProvenance = {};
  for (const field of ABOUT_FIELDS) {
    const p = given[field];
    if (p) facts[field] = { ...factOf(p, SEED_RECORDED_AT) };
  }
  return stringifyFieldProvenance(facts);
}

/** The City's 2023 decision that merged four stadsdelsområden (and their committees) into two. */
const REFORM_2023: Prov = { sourceId: 'src:stockholm-stadsdelsnamndsreform-2023', sourceLocator: 'beslutet (från 2023-07-01)', basis: 'STATED', confidence: 1 };

export function prefixLabel(id: string): NodeLabel {
  if (id.startsWith('org:')) return 'Organisation';
  if (id.startsWith('pb:')) return 'PublicBody';
  if (id.startsWith('district:')) return 'District';
  if (id.startsWith('tg:')) return 'TargetGroup';
  if (id.startsWith('agr:')) return 'Agreement';
  if (id.startsWith('collab:')) return 'Collaboration';
  if (id.startsWith('res:')) return 'ResourceType';
  if (id.startsWith('src:')) return 'Source';
  throw new Error(`seed id ${id} has no known prefix`);
}

class BatchBuilder {
  readonly batch: GraphBatch = { nodes: {}, rels: {} };
  private readonly ids = new Set<string>();
  private readonly relKeys = new Set<string>();
  constructor(private readonly now: number) {}

  node(label: NodeLabel, record: Json, props: Record<string, PropertyValue | undefined>): void {
    const id = record['id'] as string;
    if (this.ids.has(id)) throw new Error(`seed node ${id} appears twice`);
    this.ids.add(id);
    const declared = NODES[label].properties as Record<string, unknown>;
    const row: Record<string, PropertyValue> = { id, ...provenance(record), version: 1, createdAt: this.now, updatedAt: this.now };
    for (const [k, v] of Object.entries(props)) {
      if (!(k in declared)) throw new Error(`seed property ${label}.${k} is not in the model`);
      if (v !== undefined) row[k] = v;
    }
    (this.batch.nodes[label] ??= []).push(row as NodeRow);
  }

  rel(type: RelType, from: string, to: string, p: Prov, extra: Record<string, PropertyValue> = {}): void {
    const key = `${type}|${from}|${to}`;
    if (this.relKeys.has(key)) return; // the same fact from two files: keep the first
    this.relKeys.add(key);
    const row: RelRow = { from, to, fromLabel: prefixLabel(from), toLabel: prefixLabel(to), props: { ...provenance(p), ...extra } };
    (this.batch.rels[type] ??= []).push(row);
  }
}

const pick = (o: Json, keys: string[]) => Object.fromEntries(keys.map((k) => [k, (o[k] ?? null) as PropertyValue]));

export function buildSeedBatch(now = Date.now()): GraphBatch {
  const b = new BatchBuilder(now);

  for (const s of readSeed('sources.json')) b.node('Source', { ...s, sourceId: s['id'] as string, basis: 'STATED' }, pick(s, ['title', 'kind', 'publisher', 'date', 'location', 'licence', 'copy', 'note']));

  buildGeography(b);

  for (const t of readSeed('target-groups.json')) {
    b.node('TargetGroup', t, { ...pick(t, ['name', 'nameEn', 'description']), synonyms: (t['synonyms'] as string[]) ?? [], search: searchText(t['name'] as string, [t['nameEn'] as string, ...((t['synonyms'] as string[]) ?? [])]) });
  }
  // Which group is narrower than which is the project's own classification, whatever source names the groups.
  const classification = { sourceId: 'src:inference', sourceLocator: 'projektets målgruppsindelning', basis: 'INFERRED', confidence: 0.9, rule: 'CLASSIFICATION' };
  for (const t of readSeed('target-groups.json')) if (t['broader']) b.rel('BROADER', t['id'] as string, t['broader'] as string, classification);

  for (const r of readSeed('resource-types.json')) b.node('ResourceType', r, pick(r, ['name', 'nameEn', 'description']));

  for (const p of readSeed('public-bodies.json')) {
    b.node('PublicBody', p, { ...pick(p, ['name', 'nameEn', 'kind', 'level', 'validFrom', 'validTo']), formerNames: (p['formerNames'] as string[]) ?? [], search: searchText(p['name'] as string, p['formerNames'] as string[]) });
  }
  // A body's place in the organisation and the area it covers are facts of their own, each with its provenance.
  for (const p of readSeed('public-bodies.json')) {
    if (p['partOfId']) b.rel('PART_OF', p['id'] as string, p['partOfId'] as string, p['partOfProvenance'] as Prov);
    if (p['coversDistrictId']) b.rel('COVERS', p['id'] as string, p['coversDistrictId'] as string, p['coversProvenance'] as Prov);
    if (p['succeededById']) b.rel('SUCCEEDS', p['succeededById'] as string, p['id'] as string, REFORM_2023);
  }

  for (const o of readSeed('organisations.json')) {
    const aliases = (o['aliases'] as string[]) ?? [];
    b.node('Organisation', o, {
      ...pick(o, ['name', 'orgNumber', 'legalForm', 'description', 'website', 'email', 'phone', 'address', 'status', 'statusSince']),
      aliases,
      search: searchText(o['name'] as string, aliases),
      contactVerifiedAt: null,
      fieldProvenance: fieldProvenanceOf(o),
    });
  }
  for (const r of readSeed('organisation-target-groups.json')) b.rel('SERVES', r['organisationId'] as string, r['targetGroupId'] as string, r);
  for (const r of readSeed('organisation-districts.json')) b.rel('ACTIVE_IN', r['organisationId'] as string, r['districtId'] as string, r);
  for (const r of readSeed('organisation-resources.json')) {
    b.rel(r['relation'] === 'NEEDS' ? 'NEEDS' : 'OFFERS', r['organisationId'] as string, r['resourceTypeId'] as string, r, { note: (r['note'] as string) ?? null });
  }
  for (const r of readSeed('memberships.json')) b.rel('MEMBER_OF', r['organisationId'] as string, r['umbrellaId'] as string, r);

  const AGREEMENT_PROPS = Object.keys(NODES.Agreement.properties).filter(
    (k) => !['id', 'sourceId', 'sourceLocator', 'basis', 'confidence', 'quote', 'rule', 'recordedAt', 'synthetic', 'version', 'createdAt', 'updatedAt', 'search', 'auditFindings'].includes(k),
  );
  for (const a of readSeed('agreements.json')) {
    const findings = ((a['auditFindings'] as Partial<AuditFinding>[] | undefined) ?? []).map(
      (f) => ({ ...f, basis: f.basis ?? 'STATED', confidence: f.confidence ?? 1, qualification: f.qualification ?? null }) as AuditFinding,
    );
    b.node('Agreement', a, { ...pick(a, AGREEMENT_PROPS), auditFindings: stringifyAuditFindings(findings), search: searchText(a['name'] as string) });
  }
  for (const a of readSeed('agreements.json')) {
    for (const p of (a['parties'] as (Prov & { id: string; role: string })[]) ?? []) b.rel('PARTY_TO', p.id, a['id'] as string, p, { role: p.role });
    for (const d of (a['coversDistrictIds'] as string[]) ?? []) b.rel('COVERS', a['id'] as string, d, (a['coversProvenance'] as Prov) ?? a);
    if (a['succeedsId']) b.rel('SUCCEEDS', a['id'] as string, a['succeedsId'] as string, a);
  }
  for (const s of readSeed('signatories-2012.json')) b.rel('PARTY_TO', s['organisationId'] as string, s['agreementId'] as string, s, { role: (s['role'] as string) ?? 'SIGNATORY' });

  for (const c of readSeed('collaborations.json')) b.node('Collaboration', c, pick(c, ['name', 'kind', 'description', 'startDate', 'endDate']));
  for (const c of readSeed('collaborations.json')) {
    for (const p of (c['participants'] as (Prov & { id: string; role?: string })[]) ?? []) b.rel('PARTICIPATES_IN', p.id, c['id'] as string, p, { role: p.role ?? null });
    for (const t of (c['concernsTargetGroupIds'] as string[]) ?? []) b.rel('CONCERNS', c['id'] as string, t, c);
    for (const d of (c['activeInDistrictIds'] as string[]) ?? []) b.rel('ACTIVE_IN', c['id'] as string, d, c);
  }
  return b.batch;
}

/**
 * Sweden > 21 regions > 290 municipalities; Stockholm > its stadsdelsområden (11 since 2023-07-01; the
 * four that were merged then sit inside the area they became) > 117 stadsdelar with geometry and adjacency.
 */
function buildGeography(b: BatchBuilder): void {
  const scb = { sourceId: 'src:scb-regioner-kommuner', basis: 'STATED' };
  b.node('District', { id: 'district:country-se', ...scb, sourceLocator: 'Sverige' }, { name: 'Sverige', kind: 'COUNTRY', code: 'SE', search: searchText('Sverige', ['Sweden']) });
  for (const r of readSeed('regions.json')) {
    b.node('District', r, { name: r['name'] as string, kind: 'REGION', code: r['code'] as string, search: searchText(r['name'] as string, [r['regionName'] as string]) });
    b.rel('PART_OF', r['id'] as string, (r['countryId'] as string) ?? 'district:country-se', r);
  }
  for (const m of readSeed('municipalities.json')) {
    b.node('District', m, { name: m['name'] as string, kind: 'MUNICIPALITY', code: m['code'] as string, search: searchText(m['name'] as string) });
    b.rel('PART_OF', m['id'] as string, m['regionId'] as string, m);
  }

  const geo = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'geo', 'stockholm-stadsdelar.geo.json'), 'utf8')) as {
    features: { properties: { name: string }; geometry: { type: string; coordinates: unknown } }[];
  };
  const geometryByName = new Map(geo.features.map((f) => [f.properties.name, f.geometry]));
  const stadsdelar = readSeed('stadsdelar.json');
  const idByGeoName = new Map(stadsdelar.map((s) => [s['geoName'] as string, s['id'] as string]));

  // Two divisions: the 13 of 2020-07-01–2023-06-30 and the 11 since 2023-07-01. An area that
  // ceased is PART_OF the one it was merged into (the same ground), which is PART_OF the city.
  const areas = readSeed('stadsdelsomraden.json');
  const stadsdelarOf = (sdo: Json): string[] =>
    sdo['stadsdelar'] ? (sdo['stadsdelar'] as string[]) : areas.filter((x) => (sdo['formedFrom'] as string[]).includes(x['id'] as string)).flatMap(stadsdelarOf);
  for (const sdo of areas) {
    const polygons = stadsdelarOf(sdo).flatMap((n) => {
      const g = geometryByName.get(n);
      if (!g) throw new Error(`stadsdel ${n} of ${String(sdo['id'])} has no geometry`);
      return g.type === 'Polygon' ? [g.coordinates] : (g.coordinates as unknown[]);
    });
    b.node('District', sdo, {
      name: sdo['name'] as string,
      kind: 'STADSDELSOMRADE',
      geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: polygons }),
      validFrom: (sdo['validFrom'] as string) ?? null,
      validTo: (sdo['validTo'] as string) ?? null,
      search: searchText(sdo['name'] as string),
    });
    const merged = sdo['mergedInto'] as Json | undefined;
    if (merged) b.rel('PART_OF', sdo['id'] as string, merged['id'] as string, merged);
    else b.rel('PART_OF', sdo['id'] as string, sdo['municipalityId'] as string, sdo);
  }
  for (const s of stadsdelar) {
    const g = geometryByName.get(s['geoName'] as string);
    if (!g) throw new Error(`stadsdel ${String(s['geoName'])} has no geometry`);
    b.node('District', s, { name: s['name'] as string, kind: 'STADSDEL', geometry: JSON.stringify(g), search: searchText(s['name'] as string) });
    b.rel('PART_OF', s['id'] as string, s['stadsdelsomradeId'] as string, {
      sourceId: s['partOfSourceId'] as string,
      sourceLocator: s['partOfSourceLocator'] as string,
      basis: s['partOfBasis'] as string,
      confidence: s['partOfConfidence'] as number,
      quote: (s['partOfQuote'] as string) ?? null,
      rule: (s['partOfRule'] as string) ?? null,
    });
  }

  // Neighbours from shared borders of the polygons (seeds/geo/adjacency.ts), lifted to stadsdelsområden.
  const border = { sourceId: 'src:geo-stadsdelar', sourceLocator: 'gemensam gräns i polygonerna', basis: 'INFERRED', confidence: 0.95, rule: 'GEOMETRY' };
  const pairs = adjacentPairs(featuresFromGeoJson(geo)).map(([a, c]) => [idByGeoName.get(a)!, idByGeoName.get(c)!] as [string, string]);
  for (const [a, c] of pairs) b.rel('ADJACENT_TO', a, c, border);
  // Neighbouring stadsdelsområden in each division: the 2020 one, and the current one (merged areas replaced).
  const parentOf = new Map(stadsdelar.map((s) => [s['id'] as string, s['stadsdelsomradeId'] as string]));
  const mergedInto = new Map(areas.filter((a) => a['mergedInto']).map((a) => [a['id'] as string, (a['mergedInto'] as Json)['id'] as string]));
  const currentParentOf = new Map([...parentOf].map(([sd, sdo]) => [sd, mergedInto.get(sdo) ?? sdo]));
  for (const [a, c] of [...aggregateAdjacency(pairs, parentOf), ...aggregateAdjacency(pairs, currentParentOf)]) b.rel('ADJACENT_TO', a, c, border);
}
