import { existsSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  BASES,
  COLLABORATION_KINDS,
  GOVERNMENT_LEVELS,
  PARTY_ROLES,
  PUBLIC_BODY_KINDS,
  SOURCE_KINDS,
} from '../../graph/model/types.js';
import type { AgreementWrite } from '../../graph/cypher/statements/agreements.js';

// Seed files for sources, geography, public bodies, agreements and collaborations.

const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
const data = <T>(file: string): T => readJson<T>(`../../seeds/data/${file}`);
const repoPath = (path: string): URL => new URL(`../../${path}`, import.meta.url);

interface Provenance {
  sourceId: string;
  sourceLocator: string;
  basis: string;
  confidence: number;
}
interface Source extends Provenance {
  id: string;
  title: string;
  publisher: string;
  date: string | null;
  location: string;
  licence: string;
  kind: string;
  copy: string | null;
  note: string | null;
}
interface Region extends Provenance {
  id: string;
  code: string;
  name: string;
  regionName: string;
  countryId: string;
}
interface Municipality extends Provenance {
  id: string;
  code: string;
  name: string;
  regionId: string;
}
interface Stadsdelsomrade extends Provenance {
  id: string;
  name: string;
  municipalityId: string;
  /** The 13 of 2020–2023: their stadsdelar. The two formed in 2023: the areas they were formed from. */
  stadsdelar?: string[];
  formedFrom?: string[];
  validFrom: string | null;
  validTo: string | null;
  mergedInto?: Provenance & { id: string };
}
interface Stadsdel extends Provenance {
  id: string;
  name: string;
  geoName: string;
  stadsdelsomradeId: string;
  partOfSourceId: string;
  partOfSourceLocator: string;
  partOfBasis: string;
  partOfConfidence: number;
  partOfNote: string | null;
}
interface PublicBody extends Provenance {
  id: string;
  name: string;
  nameEn: string;
  kind: string;
  level: string;
  formerNames: string[];
  partOfId: string | null;
  coversDistrictId: string;
  validFrom: string | null;
  validTo: string | null;
  succeededById: string | null;
  partOfProvenance: Provenance | null;
  coversProvenance: Provenance;
}
interface Party extends Provenance {
  id: string;
  role: string;
}
// A seeded agreement has the fields an agreement is written with, and what the seed adds.
type WrittenFields = 'id' | 'name' | 'kind' | 'status' | 'description' | 'startDate' | 'endDate' | 'valueSek' | 'valueMinSek' | 'valueMaxSek';
interface Agreement extends Provenance, Pick<AgreementWrite, WrittenFields> {
  isSummary: boolean;
  summaryCount: number | null;
  collaborationAreas: string[];
  principles: string[];
  jointCommitments: string[];
  cityCommitments: string[];
  sectorCommitments: string[];
  societalChallenge: string | null;
  politicalProgramme: string | null;
  steeringMeetingsPerYear: number | null;
  commitmentsBeyondFunding: boolean | null;
  followUpPlan: boolean | null;
  evaluatedAtExpiry: boolean | null;
  documentedConsiderations: boolean | null;
  auditNotes: string | null;
  auditFindings: { criterion: string; met: number; notMet: number; unknown: number; quote: string; sourceLocator: string }[] | null;
  succeedsId: string | null;
  parties: Party[];
  coversDistrictIds: string[];
}
interface Collaboration extends Provenance {
  id: string;
  name: string;
  kind: string;
  description: string;
  startDate: string | null;
  endDate: string | null;
  participants: Party[];
  concernsTargetGroupIds: string[];
  activeInDistrictIds: string[];
}

const SOURCE_IDS = [
  'src:000',
  'src:001',
  'src:002',
  'src:003',
  'src:004',
  'src:inference',
  'src:geo-stadsdelar',
  'src:scb-regioner-kommuner',
  'src:stockholm-stadsdelsomraden',
  'src:stockholm-stadsdelsnamndsreform-2023',
  'src:livstycket-nedlaggning',
  // Web pages that state the homeless organisations' work (seeds/sources/web).
  'src:web-convictus-hemloshet',
  'src:web-stadsmissionen-inkludera',
  'src:web-fralsningsarmen-hallplats',
  'src:web-nygemenskap-verksamheter',
] as const;

const sources = data<Source[]>('sources.json');
const regions = data<Region[]>('regions.json');
const municipalities = data<Municipality[]>('municipalities.json');
const sdos = data<Stadsdelsomrade[]>('stadsdelsomraden.json');
const stadsdelar = data<Stadsdel[]>('stadsdelar.json');
const publicBodies = data<PublicBody[]>('public-bodies.json');
const agreements = data<Agreement[]>('agreements.json');
const collaborations = data<Collaboration[]>('collaborations.json');
const geo = readJson<{ features: Array<{ properties: { name: string } }> }>('../../seeds/geo/stockholm-stadsdelar.geo.json');
const geoNames = geo.features.map((f) => f.properties.name);

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const ID_PATTERNS: Record<string, RegExp> = {
  region: /^district:region-\d{2}$/,
  municipality: /^district:municipality-\d{4}$/,
  sdo: new RegExp(`^district:sdo-${SLUG}$`),
  sd: new RegExp(`^district:sd-${SLUG}$`),
  pb: new RegExp(`^pb:${SLUG}$`),
  agr: new RegExp(`^agr:${SLUG}$`),
  collab: new RegExp(`^collab:${SLUG}$`),
  org: new RegExp(`^org:${SLUG}$`),
  src: /^src:(?:\d{3}|[a-z0-9]+(?:-[a-z0-9]+)*)$/,
};
const ISO_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
const ALLOWED_TARGET_GROUPS = ['tg:aldre', 'tg:hemlosa', 'tg:barn-och-unga'];

/** The Swedish slug rule: lower-case ASCII, å/ä→a, ö→o, words joined by '-'. */
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const districtIds = new Set<string>([
  'district:country-se',
  ...regions.map((r) => r.id),
  ...municipalities.map((m) => m.id),
  ...sdos.map((s) => s.id),
  ...stadsdelar.map((s) => s.id),
]);
const publicBodyIds = new Set(publicBodies.map((p) => p.id));

/** Every row that carries provenance, with a label for messages. */
function provenanceRows(): Array<[string, Provenance]> {
  const rows: Array<[string, Provenance]> = [];
  const add = (label: string, list: Array<Provenance & { id: string }>): void => {
    for (const r of list) rows.push([`${label} ${r.id}`, r]);
  };
  add('source', sources);
  add('region', regions);
  add('municipality', municipalities);
  add('stadsdelsområde', sdos);
  add('stadsdel', stadsdelar);
  for (const s of stadsdelar) {
    rows.push([
      `stadsdel ${s.id} (part of)`,
      { sourceId: s.partOfSourceId, sourceLocator: s.partOfSourceLocator, basis: s.partOfBasis, confidence: s.partOfConfidence },
    ]);
  }
  add('public body', publicBodies);
  add('agreement', agreements);
  for (const a of agreements) for (const p of a.parties) rows.push([`party ${p.id} of ${a.id}`, p]);
  add('collaboration', collaborations);
  for (const c of collaborations) for (const p of c.participants) rows.push([`participant ${p.id} of ${c.id}`, p]);
  return rows;
}

const duplicates = (values: readonly string[]): string[] => values.filter((v, i) => values.indexOf(v) !== i);

describe('sources.json', () => {
  it('has exactly the project source ids, each once', () => {
    expect(sources.map((s) => s.id).sort()).toEqual([...SOURCE_IDS].sort());
  });

  it('gives every source a title, publisher, location, licence and a valid kind', () => {
    for (const s of sources) {
      expect(SOURCE_KINDS as readonly string[]).toContain(s.kind);
      for (const field of [s.title, s.publisher, s.location, s.licence]) expect(field.length).toBeGreaterThan(0);
      if (s.date !== null) expect(s.date).toMatch(ISO_DATE);
    }
    // The curators' inferences are curation, never a person's entry (the public saw those as "entered by a user").
    expect(sources.find((s) => s.id === 'src:inference')?.kind).toBe('CURATION');
    expect(sources.filter((s) => s.kind === 'PERSON_ENTRY')).toEqual([]);
    // A source outside the five documents says what exactly it cites and how it was checked, with its date.
    for (const s of sources.filter((x) => !x.copy && x.kind !== 'CURATION')) {
      expect(s.note, s.id).toMatch(/\S/);
      expect(s.date, s.id).not.toBeNull();
    }
    expect(sources.find((s) => s.id === 'src:stockholm-stadsdelsnamndsreform-2023')).toMatchObject({ kind: 'DECISION', date: '2022', publisher: 'Stockholms stad, kommunfullmäktige' });
  });

  it('points the document sources at files that exist in the repository', () => {
    for (const s of sources) {
      const file = /^(seeds\/[^\s;,]+)/.exec(s.location)?.[1];
      if (file !== undefined && !file.endsWith('/') && file.includes('.')) expect(existsSync(repoPath(file)), file).toBe(true);
    }
    for (const id of ['000', '001', '002', '003', '004']) {
      expect(sources.find((s) => s.id === `src:${id}`)?.location).toMatch(new RegExp(`^seeds/sources/${id}_[0-9a-f]{16}\\.txt`));
    }
    expect(existsSync(repoPath('seeds/sources/README.md'))).toBe(true);
    expect(existsSync(repoPath('seeds/geo/LICENSE-CC0.txt'))).toBe(true);
  });
});

describe('regions and municipalities', () => {
  it('has the 21 regions (län) with unique two-digit codes', () => {
    expect(regions).toHaveLength(21);
    expect(duplicates(regions.map((r) => r.code))).toEqual([]);
    for (const r of regions) {
      expect(r.code).toMatch(/^\d{2}$/);
      expect(r.id).toBe(`district:region-${r.code}`);
      expect(r.name).toMatch(/ län$/);
      expect(r.regionName.length).toBeGreaterThan(0);
      expect(r.countryId).toBe('district:country-se');
    }
    expect(regions.find((r) => r.code === '01')).toMatchObject({ name: 'Stockholms län', regionName: 'Region Stockholm' });
  });

  it('has the 290 municipalities with unique four-digit codes that start with their region code', () => {
    expect(municipalities).toHaveLength(290);
    expect(duplicates(municipalities.map((m) => m.code))).toEqual([]);
    expect(duplicates(municipalities.map((m) => m.name))).toEqual([]);
    const regionById = new Map(regions.map((r) => [r.id, r]));
    for (const m of municipalities) {
      expect(m.code).toMatch(/^\d{4}$/);
      expect(m.id).toBe(`district:municipality-${m.code}`);
      const region = regionById.get(m.regionId);
      expect(region, m.id).toBeDefined();
      expect(m.code.startsWith(region?.code ?? '??'), m.id).toBe(true);
    }
    for (const r of regions) expect(municipalities.some((m) => m.regionId === r.id), r.id).toBe(true);
    expect(municipalities.find((m) => m.code === '0180')?.name).toBe('Stockholm');
    expect(municipalities.find((m) => m.code === '1480')?.name).toBe('Göteborg');
    expect(municipalities.find((m) => m.code === '1280')?.name).toBe('Malmö');
  });
});

describe('stadsdelsområden and stadsdelar', () => {
  const division2020 = sdos.filter((s) => s.stadsdelar);
  const current = sdos.filter((s) => s.validTo === null);

  it('has the 13 stadsdelsområden of 2020-07-01–2023-06-30 with the fixed ids, and the 11 since 2023-07-01', () => {
    expect(division2020.map((s) => s.id).sort()).toEqual(
      [
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
      ]
        .map((s) => `district:sdo-${s}`)
        .sort(),
    );
    expect(current).toHaveLength(11);
    expect(current.map((s) => s.name)).toEqual(expect.arrayContaining(['Järva', 'Norra innerstaden']));
    for (const s of sdos) {
      expect(s.id).toBe(`district:sdo-${slug(s.name)}`);
      expect(s.municipalityId).toBe('district:municipality-0180');
    }
    // The four that ceased on 2023-06-30 sit inside the area they were merged into, citing the City's decision.
    const merged = sdos.filter((s) => s.validTo === '2023-06-30');
    expect(merged.map((s) => [s.name, s.mergedInto?.id])).toEqual(
      expect.arrayContaining([
        ['Rinkeby-Kista', 'district:sdo-jarva'],
        ['Spånga-Tensta', 'district:sdo-jarva'],
        ['Norrmalm', 'district:sdo-norra-innerstaden'],
        ['Östermalm', 'district:sdo-norra-innerstaden'],
      ]),
    );
    for (const s of merged) expect(s.mergedInto?.sourceId).toBe('src:stockholm-stadsdelsnamndsreform-2023');
    for (const s of sdos.filter((x) => x.formedFrom)) {
      expect(s.validFrom).toBe('2023-07-01');
      expect(s.sourceId).toBe('src:stockholm-stadsdelsnamndsreform-2023');
    }
  });

  it('assigns each of the 117 GeoJSON stadsdelar to exactly one stadsdelsområde', () => {
    expect(geoNames).toHaveLength(117);
    const assigned = division2020.flatMap((s) => s.stadsdelar!);
    expect(duplicates(assigned)).toEqual([]);
    expect([...assigned].sort()).toEqual([...geoNames].sort());
    expect(sdos.find((s) => s.id === 'district:sdo-sodermalm')?.stadsdelar).toEqual(
      expect.arrayContaining(['SÖDERMALM', 'SÖDRA HAMMARBYHAMNEN', 'REIMERSHOLME', 'LÅNGHOLMEN']),
    );
  });

  it('lists every stadsdel once, named properly, consistent with the assignment', () => {
    expect(stadsdelar).toHaveLength(117);
    expect([...stadsdelar.map((s) => s.geoName)].sort()).toEqual([...geoNames].sort());
    const parentOf = new Map(division2020.flatMap((o) => o.stadsdelar!.map((n) => [n, o.id] as const)));
    for (const s of stadsdelar) {
      expect(s.stadsdelsomradeId, s.geoName).toBe(parentOf.get(s.geoName));
      expect(s.id).toBe(`district:sd-${slug(s.name)}`);
      expect(s.name.toUpperCase().replace('INDUSTRIOMRÅDE', 'INDUSTRIOMR')).toBe(s.geoName);
      expect(s.name[0]).toBe(s.name[0]?.toUpperCase());
    }
    expect(stadsdelar.find((s) => s.geoName === 'ULVSUNDA INDUSTRIOMR')?.name).toBe('Ulvsunda industriområde');
    expect(stadsdelar.find((s) => s.geoName === 'SÖDRA HAMMARBYHAMNEN')?.name).toBe('Södra Hammarbyhamnen');
  });
});

describe('ids', () => {
  it('are unique across all files and well-formed', () => {
    const all = [
      ...sources.map((s) => s.id),
      ...regions.map((r) => r.id),
      ...municipalities.map((m) => m.id),
      ...sdos.map((s) => s.id),
      ...stadsdelar.map((s) => s.id),
      ...publicBodies.map((p) => p.id),
      ...agreements.map((a) => a.id),
      ...collaborations.map((c) => c.id),
    ];
    expect(duplicates(all)).toEqual([]);
    for (const s of sources) expect(s.id).toMatch(ID_PATTERNS.src as RegExp);
    for (const r of regions) expect(r.id).toMatch(ID_PATTERNS.region as RegExp);
    for (const m of municipalities) expect(m.id).toMatch(ID_PATTERNS.municipality as RegExp);
    for (const s of sdos) expect(s.id).toMatch(ID_PATTERNS.sdo as RegExp);
    for (const s of stadsdelar) expect(s.id).toMatch(ID_PATTERNS.sd as RegExp);
    for (const p of publicBodies) {
      expect(p.id).toMatch(ID_PATTERNS.pb as RegExp);
      expect(p.id).toBe(`pb:${slug(p.name)}`);
    }
    for (const a of agreements) expect(a.id).toMatch(ID_PATTERNS.agr as RegExp);
    for (const c of collaborations) expect(c.id).toMatch(ID_PATTERNS.collab as RegExp);
  });
});

describe('public-bodies.json', () => {
  const byName = new Map(publicBodies.map((p) => [p.name, p]));

  it('uses the model vocabulary and resolves references', () => {
    for (const p of publicBodies) {
      expect(PUBLIC_BODY_KINDS as readonly string[], p.id).toContain(p.kind);
      expect(GOVERNMENT_LEVELS as readonly string[], p.id).toContain(p.level);
      expect(Array.isArray(p.formerNames)).toBe(true);
      expect(p.nameEn.length).toBeGreaterThan(0);
      if (p.partOfId !== null) {
        expect(publicBodyIds.has(p.partOfId), `${p.id} partOf ${p.partOfId}`).toBe(true);
        expect(p.partOfId).not.toBe(p.id);
      }
      expect(districtIds.has(p.coversDistrictId), `${p.id} covers ${p.coversDistrictId}`).toBe(true);
      if (p.level === 'NATIONAL') expect(p.coversDistrictId).toBe('district:country-se');
    }
  });

  it('includes the city committees, administrations and national bodies', () => {
    for (const name of [
      'Socialnämnden',
      'Äldrenämnden',
      'Arbetsmarknadsnämnden',
      'Kommunstyrelsen',
      'Kommunfullmäktige',
      'Socialförvaltningen',
      'Äldreförvaltningen',
      'Arbetsmarknadsförvaltningen',
      'Stadsledningskontoret',
      'Regeringen',
      'Regeringskansliet',
      'Sveriges Kommuner och Regioner',
      'Nationellt organ för dialog och samråd mellan regeringen och det civila samhället',
      'Myndigheten för ungdoms- och civilsamhällesfrågor',
      'Region Skåne',
      'Göteborgs Stad',
    ]) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get('Sveriges Kommuner och Regioner')?.formerNames).toEqual(['Sveriges Kommuner och Landsting', 'SKL']);
    expect(byName.get('Socialförvaltningen')?.partOfId).toBe('pb:socialnamnden');
    expect(byName.get('Äldreförvaltningen')?.partOfId).toBe('pb:aldrenamnden');
    expect(byName.get('Socialnämnden')?.coversDistrictId).toBe('district:municipality-0180');
  });

  it('has one stadsdelsnämnd per stadsdelsområde, covering it, and marks those that ceased in 2023', () => {
    const sdn = publicBodies.filter((p) => p.kind === 'COMMITTEE' && p.name.endsWith('stadsdelsnämnd'));
    expect(sdn).toHaveLength(15);
    expect(sdn.map((p) => p.coversDistrictId).sort()).toEqual(sdos.map((s) => s.id).sort());
    const ceased = sdn.filter((p) => p.validTo !== null);
    expect(ceased.map((p) => [p.name, p.validTo, p.succeededById]).sort()).toEqual([
      ['Norrmalms stadsdelsnämnd', '2023-06-30', 'pb:norra-innerstadens-stadsdelsnamnd'],
      ['Rinkeby-Kista stadsdelsnämnd', '2023-06-30', 'pb:jarva-stadsdelsnamnd'],
      ['Spånga-Tensta stadsdelsnämnd', '2023-06-30', 'pb:jarva-stadsdelsnamnd'],
      ['Östermalms stadsdelsnämnd', '2023-06-30', 'pb:norra-innerstadens-stadsdelsnamnd'],
    ]);
    expect(sdn.filter((p) => p.validTo === null)).toHaveLength(11);
    for (const p of sdn) expect(p.level).toBe('DISTRICT');
    for (const name of ['Södermalms stadsdelsnämnd', 'Enskede-Årsta-Vantörs stadsdelsnämnd', 'Rinkeby-Kista stadsdelsnämnd', 'Farsta stadsdelsnämnd']) {
      expect(byName.has(name), name).toBe(true);
    }
  });
});

describe('agreements.json', () => {
  const byId = new Map(agreements.map((a) => [a.id, a]));

  it('uses the model vocabulary and typed fields', () => {
    const intOrNull = (v: number | null): boolean => v === null || Number.isInteger(v);
    for (const a of agreements) {
      expect(AGREEMENT_KINDS as readonly string[], a.id).toContain(a.kind);
      expect(AGREEMENT_STATUSES as readonly string[], a.id).toContain(a.status);
      for (const d of [a.startDate, a.endDate]) if (d !== null) expect(d, a.id).toMatch(ISO_DATE);
      if (a.startDate !== null && a.endDate !== null) expect(a.startDate <= a.endDate, a.id).toBe(true);
      expect(intOrNull(a.valueSek) && intOrNull(a.valueMinSek) && intOrNull(a.valueMaxSek) && intOrNull(a.summaryCount), a.id).toBe(true);
      if (a.valueMinSek !== null && a.valueMaxSek !== null) expect(a.valueMinSek).toBeLessThanOrEqual(a.valueMaxSek);
      expect(typeof a.isSummary).toBe('boolean');
      if (a.isSummary) expect(a.summaryCount, a.id).toBeGreaterThan(0);
      else expect(a.summaryCount).toBeNull();
      for (const list of [a.collaborationAreas, a.principles, a.jointCommitments, a.cityCommitments, a.sectorCommitments]) {
        expect(Array.isArray(list)).toBe(true);
        for (const item of list) expect(typeof item).toBe('string');
      }
      for (const b of [a.commitmentsBeyondFunding, a.followUpPlan, a.evaluatedAtExpiry, a.documentedConsiderations]) {
        expect(b === null || typeof b === 'boolean').toBe(true);
      }
      if (a.succeedsId !== null) expect(byId.has(a.succeedsId), a.id).toBe(true);
      for (const d of a.coversDistrictIds) expect(districtIds.has(d), `${a.id} covers ${d}`).toBe(true);
    }
  });

  it('gives every party a prefixed id, a known public body and a valid role', () => {
    for (const a of agreements) {
      for (const p of a.parties) {
        expect(p.id, a.id).toMatch(/^(org|pb):/);
        expect(p.id).toMatch(p.id.startsWith('org:') ? (ID_PATTERNS.org as RegExp) : (ID_PATTERNS.pb as RegExp));
        if (p.id.startsWith('pb:')) expect(publicBodyIds.has(p.id), `${a.id}: ${p.id}`).toBe(true);
        expect(PARTY_ROLES as readonly string[]).toContain(p.role);
      }
      expect(duplicates(a.parties.map((p) => p.id))).toEqual([]);
    }
  });

  it('holds the 2012 Stockholm compact with its principles and commitments', () => {
    const c = byId.get('agr:stockholm-compact-2012');
    expect(c).toBeDefined();
    expect(c?.kind).toBe('COMPACT');
    expect(c?.principles).toHaveLength(6);
    expect(c?.jointCommitments.length).toBeGreaterThan(0);
    expect(c?.cityCommitments.length).toBeGreaterThan(0);
    expect(c?.sectorCommitments.length).toBeGreaterThan(0);
    expect(c?.parties.map((p) => p.id).sort()).toEqual(['pb:aldrenamnden', 'pb:socialnamnden']);
    expect(c?.startDate?.startsWith('2012')).toBe(true);
  });

  it('links the national compacts 2008 → 2018', () => {
    expect(byId.get('agr:nationella-overenskommelsen-2018')?.succeedsId).toBe('agr:nationella-overenskommelsen-2008');
    expect(byId.get('agr:nationella-overenskommelsen-2008')?.startDate).toBe('2008-10-23');
  });

  it('summarises the audited IOPs per committee (source 004) with the audit’s findings as counts, not one answer times the count', () => {
    const summaries = agreements.filter((a) => a.kind === 'IOP' && a.sourceId === 'src:004');
    expect(summaries).toHaveLength(4);
    for (const a of summaries) {
      expect(a.isSummary, a.id).toBe(true);
      expect(a.summaryCount, a.id).toBeGreaterThan(0);
      expect(a.collaborationAreas.length, a.id).toBeGreaterThan(0);
      // A summary's booleans would multiply one answer by its count: the findings hold the counts.
      for (const b of [a.commitmentsBeyondFunding, a.followUpPlan, a.evaluatedAtExpiry, a.documentedConsiderations, a.steeringMeetingsPerYear]) expect(b, a.id).toBeNull();
      expect(a.auditFindings?.length, a.id).toBe(9);
      for (const f of a.auditFindings!) expect(f.met + f.notMet + f.unknown, `${a.id} ${f.criterion}`).toBe(a.summaryCount);
    }
    expect(summaries.map((a) => a.summaryCount).sort()).toEqual([3, 4, 5, 8]);
    expect(byId.get('agr:iop-socialnamnden-2021')).toMatchObject({ valueMinSek: 712000, valueMaxSek: 22000000 });
    expect(agreements.some((a) => a.kind === 'IOP' && a.parties.some((p) => p.id === 'pb:arbetsmarknadsforvaltningen'))).toBe(true);
  });
});

describe('collaborations.json', () => {
  it('uses the model vocabulary and resolves references', () => {
    for (const c of collaborations) {
      expect(COLLABORATION_KINDS as readonly string[], c.id).toContain(c.kind);
      for (const d of [c.startDate, c.endDate]) if (d !== null) expect(d, c.id).toMatch(ISO_DATE);
      for (const p of c.participants) {
        expect(p.id, c.id).toMatch(/^(org|pb):/);
        if (p.id.startsWith('pb:')) expect(publicBodyIds.has(p.id), `${c.id}: ${p.id}`).toBe(true);
        expect(PARTY_ROLES as readonly string[]).toContain(p.role);
      }
      expect(duplicates(c.participants.map((p) => p.id))).toEqual([]);
      for (const t of c.concernsTargetGroupIds) expect(ALLOWED_TARGET_GROUPS).toContain(t);
      for (const d of c.activeInDistrictIds) expect(districtIds.has(d), `${c.id} in ${d}`).toBe(true);
    }
  });

  it('holds the 2011 joint working group with its organisations and the interregional network', () => {
    const wg = collaborations.find((c) => c.id === 'collab:gemensamma-arbetsgruppen-2011');
    expect(wg?.participants.map((p) => p.id)).toEqual(
      expect.arrayContaining(['org:bla-vagen', 'org:lansbygderadet', 'org:stockholms-stadsmission', 'org:svenska-roda-korset']),
    );
    expect(collaborations.some((c) => c.id === 'collab:gemensamma-arbetsgruppen-2012')).toBe(true);
    expect(collaborations.find((c) => c.id === 'collab:interregionalt-overenskommelsenatverk')?.kind).toBe('NETWORK');
  });
});

describe('provenance', () => {
  it('gives every row and relationship a known source and a valid basis and confidence', () => {
    const rows = provenanceRows();
    expect(rows.length).toBeGreaterThan(600);
    for (const [label, r] of rows) {
      expect(SOURCE_IDS as readonly string[], label).toContain(r.sourceId);
      expect(typeof r.sourceLocator === 'string' && r.sourceLocator.length > 0, label).toBe(true);
      expect(BASES as readonly string[], label).toContain(r.basis);
      expect(r.basis, label).not.toBe('ENTERED');
      if (r.basis === 'STATED') expect(r.confidence, label).toBe(1);
      else {
        expect(r.confidence, label).toBeGreaterThan(0);
        expect(r.confidence, label).toBeLessThan(1);
      }
    }
  });
});
