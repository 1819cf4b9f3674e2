/**
 * Consistency checks for the curated seed data on organisations, target groups, districts and
 * resources (seeds/data/*.json). See seeds/data/README-orgs.md for what the files mean.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ABOUT_FIELDS } from '../../graph/model/facts.js';
import { fold, searchText } from '../../graph/text/fold.js';
import { quoteFound, quoteSkeleton } from '../../graph/text/quote.js';

type Basis = 'STATED' | 'INFERRED';

interface Provenance {
  sourceId: string;
  sourceLocator: string;
  basis: Basis;
  confidence: number;
  quote?: string | null;
  rule?: string | null;
}

interface OrganisationRecord extends Provenance {
  quote: string;
  id: string;
  name: string;
  aliases: string[];
  legalForm: string | null;
  orgNumber: null;
  description: string | null;
  website: string | null;
  status: string | null;
  statusSince: string | null;
  fieldProvenance: Partial<Record<(typeof ABOUT_FIELDS)[number], Provenance>>;
}

interface TargetGroupRecord extends Provenance {
  id: string;
  name: string;
  nameEn: string;
  broader: string | null;
  description: string;
}

interface ResourceTypeRecord extends Provenance {
  id: string;
  name: string;
  nameEn: string;
  description: string;
}

interface SignatoryRecord extends Provenance {
  ocr: string;
  /** The name as printed in Bilaga 1, Swedish letters restored and nothing else corrected. */
  printed: string;
  name: string;
  organisationId: string;
  note?: string;
  ocrLines?: string[];
  lines: number[];
  agreementId: string;
  role: string;
}

interface OrgTargetGroupRow extends Provenance {
  organisationId: string;
  targetGroupId: string;
}

interface OrgDistrictRow extends Provenance {
  organisationId: string;
  districtId: string;
}

interface OrgResourceRow extends Provenance {
  organisationId: string;
  resourceTypeId: string;
  relation: 'OFFERS' | 'NEEDS';
  note: string;
}

interface MembershipRow extends Provenance {
  organisationId: string;
  umbrellaId: string;
}

function load<T>(file: string): T[] {
  const url = new URL(`../../seeds/data/${file}`, import.meta.url);
  const data: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file} is not a JSON array`);
  return data as T[];
}

const organisations = load<OrganisationRecord>('organisations.json');
const signatories = load<SignatoryRecord>('signatories-2012.json');
const targetGroups = load<TargetGroupRecord>('target-groups.json');
const orgTargetGroups = load<OrgTargetGroupRow>('organisation-target-groups.json');
const orgDistricts = load<OrgDistrictRow>('organisation-districts.json');
const resourceTypes = load<ResourceTypeRecord>('resource-types.json');
const orgResources = load<OrgResourceRow>('organisation-resources.json');
const memberships = load<MembershipRow>('memberships.json');

const SOURCE_IDS = new Set(['src:000', 'src:001', 'src:002', 'src:003', 'src:004', 'src:inference', 'src:livstycket-nedlaggning', 'src:web-convictus-hemloshet', 'src:web-stadsmissionen-inkludera', 'src:web-fralsningsarmen-hallplats', 'src:web-nygemenskap-verksamheter']);
const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const ORG_ID = new RegExp(`^org:${SLUG}$`);
const TG_ID = new RegExp(`^tg:${SLUG}$`);
const RES_ID = new RegExp(`^res:${SLUG}$`);
const SDO = [
  'rinkeby-kista',
  'spanga-tensta',
  'hasselby-vallingby',
  'bromma',
  'kungsholmen',
  'norrmalm',
  'ostermalm',
  'sodermalm',
  'enskede-arsta-vantor',
  'skarpnack',
  'farsta',
  'hagersten-alvsjo',
  'skarholmen',
  'jarva',
  'norra-innerstaden',
];
const DISTRICT_ID = new RegExp(`^district:(?:country-se|region-\\d{2}|municipality-\\d{4}|sdo-(?:${SDO.join('|')}))$`);

const orgIds = new Set(organisations.map((o) => o.id));
const tgIds = new Set(targetGroups.map((t) => t.id));
const resIds = new Set(resourceTypes.map((r) => r.id));

const allRows: { file: string; row: Provenance }[] = [
  ...organisations.map((row) => ({ file: 'organisations.json', row })),
  ...signatories.map((row) => ({ file: 'signatories-2012.json', row })),
  ...targetGroups.map((row) => ({ file: 'target-groups.json', row })),
  ...orgTargetGroups.map((row) => ({ file: 'organisation-target-groups.json', row })),
  ...orgDistricts.map((row) => ({ file: 'organisation-districts.json', row })),
  ...resourceTypes.map((row) => ({ file: 'resource-types.json', row })),
  ...orgResources.map((row) => ({ file: 'organisation-resources.json', row })),
  ...memberships.map((row) => ({ file: 'memberships.json', row })),
  ...organisations.flatMap((o) => Object.entries(o.fieldProvenance).map(([field, row]) => ({ file: `organisations.json ${o.id} ${field}`, row: row! }))),
];

/** The text of each source the repository holds, as the provenance check reads it. */
const SOURCE_TEXT: Record<string, string> = Object.fromEntries(
  ['000_156b05d8a2f45dba', '001_d87ec4db6f4fa202', '002_37570374214c94cc', '003_88b2c81d8bf8babc', '004_a74170e65dd10e37'].map((f) => [
    `src:${f.slice(0, 3)}`,
    quoteSkeleton(readFileSync(new URL(`../../seeds/sources/${f}.txt`, import.meta.url), 'utf8')),
  ]),
);
const namesOf = (id: string) => {
  const o = organisations.find((x) => x.id === id)!;
  return quoteSkeleton([o.name, ...o.aliases].join('|'));
};

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

describe('seed data: ids', () => {
  it('organisation ids are unique and follow org:<slug>', () => {
    expect(duplicates(organisations.map((o) => o.id))).toEqual([]);
    expect(organisations.filter((o) => !ORG_ID.test(o.id)).map((o) => o.id)).toEqual([]);
  });

  it('target group ids are unique and follow tg:<slug>', () => {
    expect(duplicates(targetGroups.map((t) => t.id))).toEqual([]);
    expect(targetGroups.filter((t) => !TG_ID.test(t.id)).map((t) => t.id)).toEqual([]);
  });

  it('resource type ids are unique and follow res:<slug>', () => {
    expect(duplicates(resourceTypes.map((r) => r.id))).toEqual([]);
    expect(resourceTypes.filter((r) => !RES_ID.test(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('the ids other parts of the project rely on exist', () => {
    for (const id of ['tg:hemlosa', 'tg:aldre', 'tg:aldre-demens', 'tg:barn-och-unga']) expect(tgIds.has(id), id).toBe(true);
    const byId = new Map(targetGroups.map((t) => [t.id, t]));
    expect(byId.get('tg:aldre-demens')?.broader).toBe('tg:aldre');
    expect(byId.get('tg:afasi')?.broader).toBe('tg:funktionsnedsattning');
  });
});

describe('seed data: organisations', () => {
  it('have a name, an aliases array, a null orgNumber and no duplicate names', () => {
    for (const o of organisations) {
      expect(o.name.trim().length, o.id).toBeGreaterThan(0);
      expect(Array.isArray(o.aliases), o.id).toBe(true);
      expect(o.orgNumber, o.id).toBeNull();
    }
    expect(duplicates(organisations.map((o) => o.name.toLowerCase()))).toEqual([]);
  });

  it('include the organisations looked up by name', () => {
    const names = new Set(organisations.map((o) => o.name));
    for (const name of ['Convictus', 'Stockholms Stadsmission', 'Afasiföreningen i Stockholms län', 'Blå Vägen', 'Frälsningsarmén']) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it('every organisation has at least one district; target groups only where a name, a hint or a statement gives them', () => {
    const withDistrict = new Set(orgDistricts.map((r) => r.organisationId));
    expect(organisations.filter((o) => !withDistrict.has(o.id)).map((o) => o.id)).toEqual([]);
    // Nothing from knowledge outside the sources: no "known activity", no addresses, no guesses.
    const rows = [...orgTargetGroups, ...orgDistricts, ...orgResources, ...memberships];
    expect(rows.filter((r) => /känd|känt|troligen|osäker/i.test(r.sourceLocator)).map((r) => r.sourceLocator)).toEqual([]);
    expect(rows.filter((r) => r.basis === 'INFERRED' && r.rule !== 'NAME' && r.rule !== 'SOURCE_HINT')).toEqual([]);
  });

  it('gives each description, legal form, website and status its own provenance, and quotes what it rests on', () => {
    const bad: string[] = [];
    for (const o of organisations) {
      for (const field of ABOUT_FIELDS) {
        const value = o[field];
        const p = o.fieldProvenance[field];
        if (value === null) {
          if (p) bad.push(`${o.id} ${field}: provenance for no value`);
          continue;
        }
        if (!p) {
          bad.push(`${o.id} ${field}: no provenance of its own`);
          continue;
        }
        // The record's own provenance (where the organisation is named) never stands in for its facts: each quotes its own evidence.
        if (p.basis === 'STATED' && SOURCE_TEXT[p.sourceId] && p.quote === o.quote) bad.push(`${o.id} ${field}: cites only the record's quote`);
        if (p.rule === 'NAME' && !quoteFound(p.quote ?? '', namesOf(o.id))) bad.push(`${o.id} ${field}: ${String(p.quote)} is not in its name`);
        if (p.rule !== 'NAME' && SOURCE_TEXT[p.sourceId] && !quoteFound(p.quote ?? '', SOURCE_TEXT[p.sourceId]!)) bad.push(`${o.id} ${field}: quote not in ${p.sourceId}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('marks Livstycket closed at the end of 2019, citing a source of its own (not the 2016 report)', () => {
    const livstycket = organisations.find((o) => o.id === 'org:livstycket')!;
    expect([livstycket.status, livstycket.statusSince]).toEqual(['CLOSED', '2019-12-31']);
    expect(livstycket.fieldProvenance.status?.sourceId).toBe('src:livstycket-nedlaggning');
    expect(livstycket.description ?? '').not.toMatch(/lades ned/);
  });

  it('keeps every signatory findable by its printed name', () => {
    const missing = signatories.filter((s) => {
      const o = organisations.find((x) => x.id === s.organisationId)!;
      return !searchText(o.name, o.aliases).includes(fold(s.printed));
    });
    expect(missing.map((s) => s.printed)).toEqual([]);
    // Two that search could not find before their printed forms were kept.
    expect(signatories.map((s) => s.printed)).toEqual(expect.arrayContaining(['LP-ABC ideella förening', 'Hörselskadade och Döva Barn med Familjer, FHDBF']));
  });
});

describe('seed data: references', () => {
  it('organisation-target-groups rows point at existing records, without duplicates', () => {
    for (const r of orgTargetGroups) {
      expect(orgIds.has(r.organisationId), r.organisationId).toBe(true);
      expect(tgIds.has(r.targetGroupId), r.targetGroupId).toBe(true);
    }
    expect(duplicates(orgTargetGroups.map((r) => `${r.organisationId} ${r.targetGroupId}`))).toEqual([]);
  });

  it('organisation-districts rows point at existing organisations and well-formed district ids', () => {
    for (const r of orgDistricts) {
      expect(orgIds.has(r.organisationId), r.organisationId).toBe(true);
      expect(r.districtId, r.organisationId).toMatch(DISTRICT_ID);
    }
    expect(duplicates(orgDistricts.map((r) => `${r.organisationId} ${r.districtId}`))).toEqual([]);
  });

  it('organisation-resources rows point at existing records and have a relation', () => {
    for (const r of orgResources) {
      expect(orgIds.has(r.organisationId), r.organisationId).toBe(true);
      expect(resIds.has(r.resourceTypeId), r.resourceTypeId).toBe(true);
      expect(['OFFERS', 'NEEDS']).toContain(r.relation);
    }
    expect(duplicates(orgResources.map((r) => `${r.organisationId} ${r.resourceTypeId} ${r.relation}`))).toEqual([]);
  });

  it('memberships point at existing organisations and are not self-references', () => {
    for (const r of memberships) {
      expect(orgIds.has(r.organisationId), r.organisationId).toBe(true);
      expect(orgIds.has(r.umbrellaId), r.umbrellaId).toBe(true);
      expect(r.organisationId).not.toBe(r.umbrellaId);
    }
  });

  it('the resource types the application needs exist', () => {
    for (const id of ['res:lokaler', 'res:bidragsansokningar', 'res:volontarer', 'res:tolkning', 'res:motesrum', 'res:utbildning',
      'res:juridisk-radgivning', 'res:kunskap-om-malgruppen', 'res:natverk-kontakter']) {
      expect(resIds.has(id), id).toBe(true);
    }
  });
});

describe('seed data: signatories of the 2012 compact', () => {
  it('has 75 entries with 75 distinct, existing organisations', () => {
    expect(signatories).toHaveLength(75);
    const ids = signatories.map((s) => s.organisationId);
    expect(new Set(ids).size).toBe(75);
    expect(ids.filter((id) => !orgIds.has(id))).toEqual([]);
    for (const s of signatories) {
      expect(s.agreementId).toBe('agr:stockholm-compact-2012');
      expect(s.role).toBe('SIGNATORY');
      expect(s.name.trim().length).toBeGreaterThan(0);
    }
  });

  it('uses the organisation record name as the corrected name', () => {
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    for (const s of signatories) expect(names.get(s.organisationId), s.ocr).toBe(s.name);
  });

  it('every signatory works in the City of Stockholm (municipality or one of its stadsdelsområden)', () => {
    for (const s of signatories) {
      const districts = orgDistricts.filter((r) => r.organisationId === s.organisationId).map((r) => r.districtId);
      expect(districts.some((d) => d === 'district:municipality-0180' || d.startsWith('district:sdo-')), s.name).toBe(true);
    }
  });

  // The repository's copy of the source (seeds/sources/), so the check runs in every clone.
  const sourceFile = new URL('../../seeds/sources/000_156b05d8a2f45dba.txt', import.meta.url);
  it('matches the lines of Bilaga 1 in source 000, in order', () => {
    const lines = readFileSync(sourceFile, 'utf8').split('\n');
    const start = lines.findIndex((l) => l.trim() === 'Bilaga 1. Kontaktade organisationer');
    expect(start).toBeGreaterThan(0);
    const end = lines.findIndex((l, i) => i > start && l.trim().startsWith('Bilaga 2.'));
    expect(end).toBeGreaterThan(start);
    const bilaga: { line: number; text: string }[] = [];
    for (let i = start + 1; i < end; i++) {
      const text = (lines[i] ?? '').trim();
      if (text) bilaga.push({ line: i + 1, text });
    }
    // Every non-empty line of Bilaga 1 is used exactly once, in order, by the mapping.
    const used = signatories.flatMap((s) => (s.ocrLines ?? [s.ocr]).map((text, k) => ({ text, line: s.lines[k] })));
    expect(used).toEqual(bilaga);
    for (const s of signatories) expect(s.ocr).toBe((s.ocrLines ?? [s.ocr]).join(' '));
  });
});

describe('seed data: provenance', () => {
  it('every record and row has valid flat provenance', () => {
    const bad: string[] = [];
    for (const { file, row } of allRows) {
      const where = `${file}: ${JSON.stringify(row).slice(0, 120)}`;
      if (!SOURCE_IDS.has(row.sourceId)) bad.push(`sourceId ${where}`);
      if (typeof row.sourceLocator !== 'string' || row.sourceLocator.trim() === '') bad.push(`sourceLocator ${where}`);
      if (row.basis !== 'STATED' && row.basis !== 'INFERRED') bad.push(`basis ${where}`);
      if (!(typeof row.confidence === 'number' && row.confidence > 0 && row.confidence <= 1)) bad.push(`confidence ${where}`);
      if (row.basis === 'STATED' && row.confidence !== 1) bad.push(`STATED needs confidence 1 ${where}`);
      if (row.basis === 'INFERRED' && row.confidence >= 1) bad.push(`INFERRED needs confidence < 1 ${where}`);
      if (row.sourceId === 'src:inference' && row.basis !== 'INFERRED') bad.push(`src:inference must be INFERRED ${where}`);
      if (row.basis === 'INFERRED' && !['NAME', 'SOURCE_HINT', 'CLASSIFICATION'].includes(row.rule ?? '')) bad.push(`INFERRED needs its rule ${where}`);
      if (row.basis === 'STATED' && SOURCE_TEXT[row.sourceId] && !quoteFound(row.quote ?? '', SOURCE_TEXT[row.sourceId]!)) bad.push(`STATED quote not found ${where}`);
    }
    expect(bad).toEqual([]);
  });

  it('inferred links (target groups, districts, resources) have a confidence between 0.5 and 0.9', () => {
    const rows = [...orgTargetGroups, ...orgDistricts, ...orgResources, ...memberships].filter((r) => r.basis === 'INFERRED');
    expect(rows.filter((r) => r.confidence < 0.5 || r.confidence > 0.9)).toEqual([]);
  });
});

describe('seed data: target group taxonomy', () => {
  it('every broader reference exists and the hierarchy has no cycles', () => {
    const broader = new Map(targetGroups.map((t) => [t.id, t.broader]));
    for (const t of targetGroups) {
      if (t.broader !== null) expect(tgIds.has(t.broader), `${t.id} -> ${t.broader}`).toBe(true);
    }
    for (const t of targetGroups) {
      const seen = new Set<string>([t.id]);
      let next = broader.get(t.id) ?? null;
      while (next !== null) {
        expect(seen.has(next), `cycle through ${t.id}`).toBe(false);
        seen.add(next);
        next = broader.get(next) ?? null;
      }
    }
  });

  it('names are unique and every group has Swedish and English labels', () => {
    expect(duplicates(targetGroups.map((t) => t.name))).toEqual([]);
    for (const t of targetGroups) {
      expect(t.name.trim().length, t.id).toBeGreaterThan(0);
      expect(t.nameEn.trim().length, t.id).toBeGreaterThan(0);
    }
  });
});
