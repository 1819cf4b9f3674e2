import { describe, it, expect } from 'vitest';
import * as organisationsnummer from 'organisationsnummer';
import { NODES, RELATIONSHIPS, type NodeLabel, type RelType } from '../../graph/model/model.js';
import { batchCounts, type GraphBatch, type NodeRow, type RelRow } from '../../graph/bulk/batch.js';
import { validateBatch } from '../../graph/bulk/validate.js';
import {
  generateSynthetic,
  isValidOrgNumber,
  luhnCheckDigit,
  MIN_TARGET_GROUPS,
  SYNTHETIC_SOURCE_ID,
  type SyntheticBase,
} from '../../seeds/synthetic/generate.js';
import { foldForSearch, searchText } from '../../graph/text/fold.js';
import { AliasTable, CumulativeTable, Random, zipfWeights } from '../../seeds/synthetic/random.js';
import { degreeStats, formatDegreeStats, summarise } from '../../seeds/synthetic/stats.js';

const NOW = Date.UTC(2026, 10, 23, 12);

/** An independent validator (CommonJS package whose typings say ESM: take the class from either shape). */
const Organisationsnummer = (() => {
  const m = organisationsnummer as unknown as { default?: { valid?: unknown; default?: unknown } };
  const candidate = typeof m.default?.valid === 'function' ? m.default : m.default?.default;
  return candidate as { valid(value: string): boolean };
})();

/** Sverige > Stockholms län > Stockholm, Solna, Nacka; Stockholm > 2 stadsdelsområden > 5 stadsdelar. */
const BASE: SyntheticBase = {
  targetGroups: [
    { id: 'tg:aldre', name: 'Äldre', nameEn: 'Older people', broaderId: null },
    { id: 'tg:demens', name: 'Personer med demenssjukdom', nameEn: 'People with dementia', broaderId: 'tg:aldre' },
    { id: 'tg:barn', name: 'Barn och unga', nameEn: 'Children and young people', broaderId: null },
    { id: 'tg:ensamkommande', name: 'Ensamkommande barn', nameEn: 'Unaccompanied minors', broaderId: 'tg:barn' },
    { id: 'tg:funk', name: 'Personer med funktionsnedsättning', nameEn: 'People with disabilities', broaderId: null },
    { id: 'tg:hemlos', name: 'Personer i hemlöshet', nameEn: 'Homeless people', broaderId: null },
    { id: 'tg:anhoriga', name: 'Anhöriga', nameEn: 'Relatives and carers', broaderId: null },
  ],
  districts: [
    { id: 'd:se', name: 'Sverige', kind: 'COUNTRY', partOfId: null },
    { id: 'd:ab', name: 'Stockholms län', kind: 'REGION', partOfId: 'd:se', code: '01' },
    { id: 'd:sthlm', name: 'Stockholm', kind: 'MUNICIPALITY', partOfId: 'd:ab', code: '0180' },
    { id: 'd:solna', name: 'Solna', kind: 'MUNICIPALITY', partOfId: 'd:ab', code: '0184' },
    { id: 'd:nacka', name: 'Nacka', kind: 'MUNICIPALITY', partOfId: 'd:ab', code: '0182' },
    { id: 'd:sdo-farsta', name: 'Farsta', kind: 'STADSDELSOMRADE', partOfId: 'd:sthlm' },
    { id: 'd:sdo-rk', name: 'Rinkeby-Kista', kind: 'STADSDELSOMRADE', partOfId: 'd:sthlm' },
    { id: 'd:farsta', name: 'Farsta', kind: 'STADSDEL', partOfId: 'd:sdo-farsta' },
    { id: 'd:skondal', name: 'Sköndal', kind: 'STADSDEL', partOfId: 'd:sdo-farsta' },
    { id: 'd:rinkeby', name: 'Rinkeby', kind: 'STADSDEL', partOfId: 'd:sdo-rk' },
    { id: 'd:kista', name: 'Kista', kind: 'STADSDEL', partOfId: 'd:sdo-rk' },
    { id: 'd:husby', name: 'Husby', kind: 'STADSDEL', partOfId: 'd:sdo-rk' },
  ],
  adjacency: [
    ['d:farsta', 'd:skondal'],
    ['d:rinkeby', 'd:kista'],
    ['d:kista', 'd:husby'],
    ['d:rinkeby', 'd:husby'],
  ],
  resourceTypes: [
    { id: 'rt:lokaler', name: 'Lokaler', nameEn: 'Premises' },
    { id: 'rt:bidrag', name: 'Kompetens om bidragsansökningar', nameEn: 'Grant-writing expertise' },
    { id: 'rt:volontarer', name: 'Volontärer', nameEn: 'Volunteers' },
  ],
};

const stockholm = generateSynthetic({ scale: 'stockholm', seed: 42, base: BASE, now: NOW });
const sweden = generateSynthetic({ scale: 'sweden', seed: 42, base: BASE, now: NOW, organisations: 4_000 });

function baseLabels(base: SyntheticBase): Map<string, NodeLabel> {
  const m = new Map<string, NodeLabel>();
  for (const t of base.targetGroups) m.set(t.id, 'TargetGroup');
  for (const d of base.districts) m.set(d.id, 'District');
  for (const r of base.resourceTypes) m.set(r.id, 'ResourceType');
  return m;
}

function nodeEntries(batch: GraphBatch): [NodeLabel, NodeRow[]][] {
  return Object.entries(batch.nodes) as [NodeLabel, NodeRow[]][];
}

function relEntries(batch: GraphBatch): [RelType, RelRow[]][] {
  return Object.entries(batch.rels) as [RelType, RelRow[]][];
}

function rels(batch: GraphBatch, type: RelType): RelRow[] {
  return batch.rels[type] ?? [];
}

/** Map from each key to its list of values. */
function groupBy(rows: RelRow[], key: 'from' | 'to', value: 'from' | 'to'): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const r of rows) {
    const list = m.get(r[key]);
    if (list) list.push(r[value]);
    else m.set(r[key], [r[value]]);
  }
  return m;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Checks shared by both scales: schema, provenance, endpoints, duplicates. */
function checkBatch(batch: GraphBatch, seed: number) {
  it('passes the bulk loader schema check (validateBatch)', () => {
    expect(() => validateBatch(batch)).not.toThrow();
  });

  it('flags every node and relationship synthetic, with full provenance', () => {
    const provenance = {
      synthetic: true,
      sourceId: SYNTHETIC_SOURCE_ID,
      sourceLocator: `seed ${seed}`,
      basis: 'STATED',
      confidence: 1,
      recordedAt: NOW,
    } as Record<string, unknown>;
    const nodeExpected = { ...provenance, version: 1, createdAt: NOW, updatedAt: NOW } as Record<string, unknown>;
    const problems: string[] = [];
    for (const [label, rows] of nodeEntries(batch))
      for (const row of rows)
        for (const [k, v] of Object.entries(nodeExpected)) if (row[k] !== v) problems.push(`${label} ${row.id}.${k} = ${String(row[k])}`);
    for (const [type, rows] of relEntries(batch))
      for (const row of rows)
        for (const [k, v] of Object.entries(provenance)) if (row.props?.[k] !== v) problems.push(`${type} ${row.from}->${row.to}.${k}`);
    expect(problems.slice(0, 10)).toEqual([]);
    const source = batch.nodes.Source?.find((s) => s.id === SYNTHETIC_SOURCE_ID);
    expect(source).toMatchObject({ kind: 'SYNTHETIC', title: `Samverkan: syntetiska data (seed ${seed})` });
  });

  it('uses only property keys the model declares', () => {
    const problems = new Set<string>();
    for (const [label, rows] of nodeEntries(batch)) {
      const declared = NODES[label].properties as Record<string, unknown>;
      for (const row of rows) for (const key of Object.keys(row)) if (!(key in declared)) problems.add(`${label}.${key}`);
    }
    for (const [type, rows] of relEntries(batch)) {
      const declared = RELATIONSHIPS[type].properties as Record<string, unknown>;
      for (const row of rows) for (const key of Object.keys(row.props ?? {})) if (!(key in declared)) problems.add(`${type}.${key}`);
    }
    expect([...problems]).toEqual([]);
  });

  it('has unique node ids that do not collide with the base', () => {
    const base = baseLabels(BASE);
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const [, rows] of nodeEntries(batch))
      for (const row of rows) {
        if (seen.has(row.id) || base.has(row.id)) problems.push(row.id);
        seen.add(row.id);
      }
    expect(problems).toEqual([]);
  });

  it('points every relationship at an existing node of the right label, in an allowed pair', () => {
    const labels = baseLabels(BASE);
    for (const [label, rows] of nodeEntries(batch)) for (const row of rows) labels.set(row.id, label);
    let checked = 0;
    for (const [type, rows] of relEntries(batch)) {
      const pairs = RELATIONSHIPS[type].pairs as readonly (readonly [string, string])[];
      for (const r of rows) {
        if (labels.get(r.from) !== r.fromLabel || labels.get(r.to) !== r.toLabel || !pairs.some(([f, t]) => f === r.fromLabel && t === r.toLabel))
          expect.fail(`${type} ${r.from} (${labels.get(r.from)}/${r.fromLabel}) -> ${r.to} (${labels.get(r.to)}/${r.toLabel})`);
        checked++;
      }
    }
    expect(checked).toBe(batchCounts(batch).relationships);
  });

  it('has no duplicate relationship rows and no self-loops', () => {
    for (const [type, rows] of relEntries(batch)) {
      const keys = new Set(rows.map((r) => `${r.from}\u0000${r.to}`));
      expect(keys.size, type).toBe(rows.length);
      expect(rows.filter((r) => r.from === r.to).map((r) => r.from)).toEqual([]);
    }
  });

  it('gives organisations valid, unique organisation numbers (Luhn) for about 60%, matching the legal form', () => {
    const orgs = batch.nodes.Organisation ?? [];
    const numbers = orgs.filter((o) => o.orgNumber !== null).map((o) => [o.orgNumber as string, o.legalForm as string] as const);
    expect(numbers.length / orgs.length).toBeGreaterThan(0.52);
    expect(numbers.length / orgs.length).toBeLessThan(0.68);
    const invalid = numbers.filter(
      ([number, form]) =>
        !/^\d{6}-\d{4}$/.test(number) ||
        Number(number[2]) < 2 ||
        !isValidOrgNumber(number) ||
        !Organisationsnummer.valid(number) ||
        number[0] !== (form === 'ekonomisk förening' ? '7' : '8'),
    );
    expect(invalid).toEqual([]);
    expect(new Set(numbers.map(([n]) => n)).size).toBe(numbers.length);
  });

  it('gives organisations unique names, folded search text and .example contact addresses', () => {
    const orgs = batch.nodes.Organisation ?? [];
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length);
    const bad = orgs.filter(
      (o) =>
        o.search !== searchText(o.name as string, o.aliases as string[] | null) ||
        (o.email !== null && !/^info@[a-z0-9-]+\.example$/.test(o.email as string)) ||
        (o.website !== null && !/^https:\/\/[a-z0-9-]+\.example$/.test(o.website as string)) ||
        (o.contactVerifiedAt !== null &&
          ((o.contactVerifiedAt as number) > NOW || (o.contactVerifiedAt as number) < NOW - 3.01 * 365 * 86_400_000)),
    );
    expect(bad.map((o) => o.id)).toEqual([]);
    expect(orgs.filter((o) => o.aliases !== null).length).toBeGreaterThan(0);
  });
}

describe('random', () => {
  it('is deterministic per seed and stream', () => {
    const draw = (seed: number, stream: number) => {
      const r = new Random(seed, stream);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(draw(1, 0)).toEqual(draw(1, 0));
    expect(draw(1, 0)).not.toEqual(draw(2, 0));
    expect(draw(1, 0)).not.toEqual(draw(1, 1));
    expect(draw(1, 0)).not.toEqual(draw(1 + 2 ** 32, 0));
    for (const x of draw(7, 3)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws integers, picks and shuffles', () => {
    const r = new Random(3);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const x = r.range(5, 9);
      expect(x >= 5 && x <= 9 && Number.isInteger(x)).toBe(true);
    }
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = r.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(() => r.pick([])).toThrow();
  });

  it('samples weights with the alias table and the cumulative table', () => {
    const weights = [5, 0, 1, 3, 1];
    for (const table of [new AliasTable(weights), new CumulativeTable(weights)]) {
      const r = new Random(11);
      const counts = new Array<number>(weights.length).fill(0);
      const n = 100_000;
      for (let i = 0; i < n; i++) counts[table.sample(r)]!++;
      weights.forEach((w, i) => expect(Math.abs(counts[i]! / n - w / 10)).toBeLessThan(0.01));
    }
    expect(() => new AliasTable([0, 0])).toThrow();
  });

  it('draws Zipf ranks and bounded power laws with heavy tails', () => {
    const w = zipfWeights(100, 1);
    expect(w[0]! / w[9]!).toBeCloseTo(10);
    const r = new Random(5);
    const xs = Array.from({ length: 20_000 }, () => r.powerLawInt(1, 1000, 2));
    expect(Math.min(...xs)).toBe(1);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1000);
    expect(Math.max(...xs)).toBeGreaterThan(100);
    expect(median(xs)).toBeLessThanOrEqual(2);
  });
});

describe('foldForSearch', () => {
  it('lower-cases, strips accents and collapses whitespace', () => {
    expect(foldForSearch('Föreningen  Blå Vägen')).toBe('foreningen bla vagen');
    expect(foldForSearch(' ÅÄÖ åäö Éé ü ')).toBe('aao aao ee u');
    expect(foldForSearch('Ελλάδα')).toBe('ελλαδα');
    expect(searchText('Hela Människan', ['HM', 'Hela människan Farsta'])).toBe('hela manniskan | hm | hela manniskan farsta');
  });

  it('agrees with the NFD definition on arbitrary text', () => {
    const reference = (t: string) => t.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/\s+/g, ' ').trim();
    const r = new Random(9);
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      for (let i = r.int(12); i > 0; i--) {
        const x = r.next();
        s += String.fromCharCode(x < 0.25 ? 32 : x < 0.5 ? 65 + r.int(60) : x < 0.85 ? 0x80 + r.int(0x1d0) : r.int(0x3000));
      }
      expect(foldForSearch(s), JSON.stringify(s)).toBe(reference(s));
    }
  });
});

describe('organisation numbers', () => {
  it('computes the Luhn check digit', () => {
    expect(luhnCheckDigit('202100548')).toBe(9);
    expect(isValidOrgNumber('202100-5489')).toBe(true);
    expect(isValidOrgNumber('202100-5488')).toBe(false);
    expect(isValidOrgNumber('201100-5480')).toBe(false); // third digit < 2: a personal identity number
    expect(Organisationsnummer.valid('202100-5489')).toBe(true);
    expect(Organisationsnummer.valid('202100-5488')).toBe(false);
  });
});

describe('generateSynthetic at Stockholm scale', () => {
  const { batch, stats } = stockholm;

  it('is deterministic: same seed gives the same batch, another seed another', () => {
    const again = generateSynthetic({ scale: 'stockholm', seed: 42, base: BASE, now: NOW });
    expect(JSON.stringify(again.batch)).toBe(JSON.stringify(batch));
    const other = generateSynthetic({ scale: 'stockholm', seed: 43, base: BASE, now: NOW });
    expect(JSON.stringify(other.batch)).not.toBe(JSON.stringify(batch));
    // Only timestamps depend on `now`, never the random choices.
    const later = generateSynthetic({ scale: 'stockholm', seed: 42, base: BASE, now: NOW + 1000 });
    expect(later.batch.nodes.Organisation!.map((o) => o.name)).toEqual(batch.nodes.Organisation!.map((o) => o.name));
    expect(later.batch.rels.SERVES!.map((r) => r.to)).toEqual(batch.rels.SERVES!.map((r) => r.to));
  });

  it('generates about 3,000 organisations and reports counts that match the batch', () => {
    expect(batch.nodes.Organisation).toHaveLength(3_000);
    expect(stats.organisations).toBe(3_000);
    expect(stats.collaborations).toBe(batch.nodes.Collaboration!.length);
    expect(stats.collaborations).toBe(720);
    expect(stats.agreements).toBe(batch.nodes.Agreement!.length);
    expect(stats.agreements).toBe(240);
    const counts = batchCounts(batch);
    expect(stats.nodes).toBe(counts.nodes);
    expect(stats.relationships).toBe(counts.relationships);
    for (const [type, rows] of relEntries(batch)) expect(stats.relsByType[type]).toBe(rows.length);
    // Synthetic target groups fill the taxonomy up to MIN_TARGET_GROUPS.
    expect(stats.targetGroups).toEqual({ base: 7, synthetic: MIN_TARGET_GROUPS - 7, total: MIN_TARGET_GROUPS });
    // Stockholm already has districts in the base: none are added.
    expect(batch.nodes.District).toBeUndefined();
  });

  it('keeps organisations in Stockholm: its districts, the city, the region or the country', () => {
    const allowed = new Set(['d:sthlm', 'd:ab', 'd:se', 'd:sdo-farsta', 'd:sdo-rk', 'd:farsta', 'd:skondal', 'd:rinkeby', 'd:kista', 'd:husby']);
    const byOrg = groupBy(
      rels(batch, 'ACTIVE_IN').filter((r) => r.fromLabel === 'Organisation'),
      'from',
      'to',
    );
    expect(byOrg.size).toBe(3_000);
    expect([...byOrg.values()].flat().filter((d) => !allowed.has(d))).toEqual([]);
    const firsts = [...byOrg.values()].map((ds) => ds[0]!);
    const share = (id: string) => firsts.filter((d) => d === id).length / firsts.length;
    expect(share('d:se')).toBeGreaterThan(0.005); // ~2% national
    expect(share('d:se')).toBeLessThan(0.05);
    expect(share('d:sthlm')).toBeGreaterThan(0.06); // ~10% city-wide
    expect(share('d:sthlm')).toBeLessThan(0.16);
    const local = [...byOrg.values()].filter((ds) => !['d:se', 'd:ab', 'd:sthlm'].includes(ds[0]!));
    expect(local.filter((ds) => ds.length <= 3).length / local.length).toBeGreaterThan(0.75);
  });

  it('is skewed: most organisations serve 1–3 target groups, the largest target group is many times the median', () => {
    const byOrg = groupBy(rels(batch, 'SERVES'), 'from', 'to');
    expect(byOrg.size).toBe(3_000);
    const perOrg = [...byOrg.values()].map((l) => l.length);
    expect(perOrg.filter((k) => k >= 1 && k <= 3).length / perOrg.length).toBeGreaterThan(0.7);
    expect(Math.max(...perOrg)).toBeLessThanOrEqual(10);
    const perTg = [...groupBy(rels(batch, 'SERVES'), 'to', 'from').values()].map((l) => l.length);
    expect(Math.max(...perTg)).toBeGreaterThan(8 * median(perTg));
  });

  it('has umbrella organisations with power-law membership', () => {
    const perUmbrella = [...groupBy(rels(batch, 'MEMBER_OF'), 'to', 'from').values()].map((l) => l.length);
    expect(perUmbrella.length).toBe(stats.umbrellas);
    expect(Math.max(...perUmbrella)).toBeGreaterThan(5 * median(perUmbrella));
    // Umbrellas are not members of themselves and membership never points both ways.
    const pairs = new Set(rels(batch, 'MEMBER_OF').map((r) => `${r.from}>${r.to}`));
    for (const r of rels(batch, 'MEMBER_OF')) expect(pairs.has(`${r.to}>${r.from}`)).toBe(false);
  });

  it('builds collaborations of 2–8 organisations of the six kinds, each concerning a target group and a district', () => {
    const collabs = batch.nodes.Collaboration!;
    expect(new Set(collabs.map((c) => c.kind))).toEqual(
      new Set(['NETWORK', 'JOINT_PROJECT', 'EXPERIENCE_EXCHANGE', 'OPINION_FORMING', 'SHARED_PREMISES', 'OTHER']),
    );
    const members = groupBy(
      rels(batch, 'PARTICIPATES_IN').filter((r) => r.fromLabel === 'Organisation'),
      'to',
      'from',
    );
    const concerns = groupBy(rels(batch, 'CONCERNS'), 'from', 'to');
    const active = groupBy(rels(batch, 'ACTIVE_IN'), 'from', 'to');
    for (const c of collabs) {
      const m = members.get(c.id) ?? [];
      expect(m.length).toBeGreaterThanOrEqual(2);
      expect(m.length).toBeLessThanOrEqual(8);
      expect(concerns.get(c.id)?.length).toBeGreaterThanOrEqual(1);
      expect(active.get(c.id)?.length).toBeGreaterThanOrEqual(1);
    }
    const roles = rels(batch, 'PARTICIPATES_IN').filter((r) => r.props?.role === 'COORDINATOR');
    expect(roles.length).toBe(collabs.length);
  });

  it('picks collaboration partners that share a target group or district far more often than random pairs', () => {
    const tgs = groupBy(rels(batch, 'SERVES'), 'from', 'to');
    const ds = groupBy(
      rels(batch, 'ACTIVE_IN').filter((r) => r.fromLabel === 'Organisation'),
      'from',
      'to',
    );
    const share = (a: string, b: string) => {
      const ta = tgs.get(a)!;
      const tb = tgs.get(b)!;
      const da = ds.get(a)!;
      const db = ds.get(b)!;
      return ta.some((t) => tb.includes(t)) || da.some((d) => db.includes(d));
    };
    const members = groupBy(
      rels(batch, 'PARTICIPATES_IN').filter((r) => r.fromLabel === 'Organisation'),
      'to',
      'from',
    );
    let pairs = 0;
    let sharing = 0;
    for (const list of members.values())
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          pairs++;
          if (share(list[i]!, list[j]!)) sharing++;
        }
    const orgs = batch.nodes.Organisation!.map((o) => o.id);
    const r = new Random(1234);
    let randomSharing = 0;
    const samples = 20_000;
    for (let k = 0; k < samples; k++) {
      const a = orgs[r.int(orgs.length)]!;
      const b = orgs[r.int(orgs.length)]!;
      if (a !== b && share(a, b)) randomSharing++;
    }
    const observed = sharing / pairs;
    const baseline = randomSharing / samples;
    expect(pairs).toBeGreaterThan(1_000);
    expect(observed).toBeGreaterThan(1.5 * baseline);
    expect(observed - baseline).toBeGreaterThan(0.2);
  });

  it('makes agreements of every kind with public bodies; IOPs carry the audit criteria, compacts many signatories', () => {
    const agreements = batch.nodes.Agreement!;
    expect(new Set(agreements.map((a) => a.kind))).toEqual(new Set(['COMPACT', 'IOP', 'GRANT', 'PROCUREMENT', 'OTHER']));
    const parties = groupBy(rels(batch, 'PARTY_TO'), 'to', 'from');
    const bodies = new Set(batch.nodes.PublicBody!.map((p) => p.id));
    for (const a of agreements) {
      const p = parties.get(a.id) ?? [];
      expect(p.some((x) => bodies.has(x)), a.id).toBe(true);
      expect(p.some((x) => x.startsWith('syn:org:')), a.id).toBe(true);
      if (a.kind === 'COMPACT') {
        expect(p.length).toBeGreaterThan(10);
        expect(a.principles).toHaveLength(6);
      }
    }
    const iops = agreements.filter((a) => a.kind === 'IOP');
    expect(iops.length).toBeGreaterThan(10);
    expect(iops.some((a) => a.societalChallenge === null)).toBe(true);
    expect(iops.some((a) => a.societalChallenge !== null)).toBe(true);
    for (const a of iops) expect(typeof a.auditNotes).toBe('string');
    const covers = groupBy(rels(batch, 'COVERS'), 'from', 'to');
    for (const a of agreements) expect(covers.get(a.id)?.length, a.id).toBeGreaterThanOrEqual(1);
    // Public bodies: Stockholm's social committee, the region, a committee per stadsdelsområde.
    expect(batch.nodes.PublicBody!.map((p) => p.name)).toEqual([
      'Socialnämnden i Stockholm',
      'Regionstyrelsen, Stockholms län',
      'Farsta stadsdelsnämnd',
      'Rinkeby-Kista stadsdelsnämnd',
    ]);
  });

  it('offers and needs resource types about half a time each per organisation, never both for the same one', () => {
    const offers = rels(batch, 'OFFERS');
    const needs = rels(batch, 'NEEDS');
    expect(offers.length / 3_000).toBeGreaterThan(0.4);
    expect(offers.length / 3_000).toBeLessThan(0.6);
    expect(needs.length / 3_000).toBeGreaterThan(0.4);
    expect(needs.length / 3_000).toBeLessThan(0.6);
    const offered = new Set(offers.map((r) => `${r.from}>${r.to}`));
    for (const r of needs) expect(offered.has(`${r.from}>${r.to}`)).toBe(false);
  });

  it('reports degree statistics that show the skew', () => {
    const s = degreeStats(batch);
    expect(s.relationships).toBe(stats.relationships);
    expect(s.targetGroupsPerOrganisation.count).toBe(3_000);
    expect(s.targetGroupsPerOrganisation.shareOneToThree).toBeGreaterThan(0.7);
    expect(s.organisationsPerTargetGroup.max).toBeGreaterThan(8 * s.organisationsPerTargetGroup.median);
    expect(s.participantsPerCollaboration.min).toBeGreaterThanOrEqual(2);
    expect(s.participantsPerCollaboration.max).toBeLessThanOrEqual(8);
    expect(s.homophily!.shareEither).toBeGreaterThan(1.5 * s.homophily!.randomEither);
    expect(summarise([3, 1, 2, 10])).toMatchObject({ count: 4, min: 1, max: 10, median: 2.5, mean: 4 });
    const text = formatDegreeStats(s);
    expect(text).toContain('organisations per target group');
    expect(text).toContain('SERVES');
  });

  checkBatch(batch, 42);
});

describe('generateSynthetic at Sweden scale (4,000 organisations)', () => {
  const { batch, stats } = sweden;

  it('is deterministic', () => {
    const again = generateSynthetic({ scale: 'sweden', seed: 42, base: BASE, now: NOW, organisations: 4_000 });
    expect(JSON.stringify(again.batch)).toBe(JSON.stringify(batch));
  });

  it('adds synthetic sub-municipal districts where the base has none, part of their municipality', () => {
    const districts = batch.nodes.District!;
    // 3,500 districts at 250,000 organisations, scaled down: round(3500 * 4000 / 250000) = 56.
    expect(stats.districts.total).toBe(56);
    expect(stats.districts.base + stats.districts.synthetic).toBe(56);
    expect(districts).toHaveLength(56 - BASE.districts.length);
    for (const d of districts) {
      expect(d.kind).toBe('STADSDEL');
      expect(d.name).toMatch(/^(Solna|Nacka) område \d+$/);
      expect(d.search).toBe(foldForSearch(d.name as string));
    }
    const partOf = new Map(rels(batch, 'PART_OF').map((r) => [r.from, r.to]));
    for (const d of districts) expect(partOf.get(d.id)).toBe((d.name as string).startsWith('Solna') ? 'd:solna' : 'd:nacka');
    // Nacka (larger) gets more areas than Solna; adjacency only within a municipality.
    const count = (m: string) => districts.filter((d) => (d.name as string).startsWith(m)).length;
    expect(count('Nacka')).toBeGreaterThan(count('Solna'));
    for (const r of rels(batch, 'ADJACENT_TO')) expect(partOf.get(r.from)).toBe(partOf.get(r.to));
  });

  it('adds narrower synthetic target groups under real ones', () => {
    const groups = batch.nodes.TargetGroup!;
    expect(groups).toHaveLength(MIN_TARGET_GROUPS - BASE.targetGroups.length);
    const broader = new Map(rels(batch, 'BROADER').map((r) => [r.from, r.to]));
    const real = new Map(BASE.targetGroups.map((t) => [t.id, t.name]));
    for (const g of groups) {
      const parent = broader.get(g.id)!;
      expect(real.has(parent)).toBe(true);
      expect(g.name).toMatch(new RegExp(`^${real.get(parent)!} – variant \\d+$`));
    }
  });

  it('weights municipalities like populations: Stockholm gets most organisations', () => {
    const districtOf = new Map<string, string>();
    for (const d of BASE.districts) districtOf.set(d.id, d.id);
    const muni = (id: string): string | null => {
      const sthlm = ['d:sthlm', 'd:sdo-farsta', 'd:sdo-rk', 'd:farsta', 'd:skondal', 'd:rinkeby', 'd:kista', 'd:husby'];
      if (sthlm.includes(id)) return 'Stockholm';
      const partOf = new Map(rels(batch, 'PART_OF').map((r) => [r.from, r.to]));
      const m = partOf.get(id) ?? id;
      return m === 'd:solna' ? 'Solna' : m === 'd:nacka' ? 'Nacka' : null;
    };
    const firsts = groupBy(
      rels(batch, 'ACTIVE_IN').filter((r) => r.fromLabel === 'Organisation'),
      'from',
      'to',
    );
    const counts: Record<string, number> = { Stockholm: 0, Solna: 0, Nacka: 0 };
    for (const ds of firsts.values()) {
      const m = muni(ds[0]!);
      if (m) counts[m]!++;
    }
    expect(counts.Stockholm!).toBeGreaterThan(3 * (counts.Solna! + counts.Nacka!));
    expect(counts.Solna!).toBeGreaterThan(0);
    expect(counts.Nacka!).toBeGreaterThan(0);
  });

  it('creates a social committee per municipality and a regional board', () => {
    const names = batch.nodes.PublicBody!.map((p) => p.name);
    for (const m of ['Stockholm', 'Solna', 'Nacka']) expect(names).toContain(`Socialnämnden i ${m}`);
    expect(names).toContain('Regionstyrelsen, Stockholms län');
  });

  checkBatch(batch, 42);
});

// Full Sweden scale is generated and loaded by `npm run bench:graph`, which prints the timings: tests assert no times.
