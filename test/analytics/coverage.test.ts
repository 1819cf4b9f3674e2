import { describe, expect, it } from 'vitest';
import { AnalyticsInputError, coverage, coverageGaps, type CoverageMatrix } from '../../graph/analytics/index.js';
import { build } from './fixtures.js';

// L1 serves UM (narrower than CY) in Rinkeby; L2 CY in Rinkeby and Husby; A1 CY across Rinkeby-Kista;
// W1 CY, W2 HOM city-wide; W3 CY city-wide and in Rinkeby; N1 CY in the region; G1 CY in Göteborg;
// H1 HOM in Katarina; E1 ELD in Sofia.
const p = build({
  orgs: [
    { id: 'L1', name: 'Lokal ett', tgs: ['UM'], districts: ['RINK'] },
    { id: 'L2', name: 'Lokal två', tgs: ['CY'], districts: ['RINK', 'HUSBY'] },
    { id: 'A1', name: 'Område ett', tgs: ['CY'], districts: ['RK'] },
    { id: 'W1', name: 'Stad ett', tgs: ['CY'], districts: ['STHLM'] },
    { id: 'W2', name: 'Stad två', tgs: ['HOM'], districts: ['STHLM'] },
    { id: 'W3', name: 'Stad tre', tgs: ['CY'], districts: ['STHLM', 'RINK'] },
    { id: 'N1', name: 'Län ett', tgs: ['CY'], districts: ['AB'] },
    { id: 'G1', name: 'Göteborg ett', tgs: ['CY'], districts: ['GBG'] },
    { id: 'H1', name: 'Hem ett', tgs: ['HOM'], districts: ['KATA'] },
    { id: 'E1', name: 'Äldre ett', tgs: ['ELD'], districts: ['SOFIA'] },
  ],
});

const cell = (m: CoverageMatrix, d: string, t: string) => m.cells.find((c) => c.districtId === d && c.targetGroupId === t)!;
const counts = (m: CoverageMatrix, d: string, t: string) => {
  const c = cell(m, d, t);
  return [c.localCount, c.areaCount, c.cityWideCount, c.totalCount];
};

describe('coverage', () => {
  const m = coverage(p, { municipalityId: 'STHLM', level: 'STADSDEL', targetGroupIds: ['CY', 'HOM', 'ELD'] });

  it('has one row per stadsdel of the municipality (Swedish order) and one column per chosen group', () => {
    expect(m.districts.map((d) => d.id)).toEqual(['HUSBY', 'KATA', 'RINK', 'SOFIA', 'TENS']);
    expect(m.targetGroups.map((t) => t.id)).toEqual(['CY', 'HOM', 'ELD']);
    expect(m.cells).toHaveLength(15);
    expect(m.projectionBuiltAt).toBe(1_000);
  });

  it('counts local, area and city-wide organisations separately (local first, no double counting)', () => {
    // Rinkeby × CY: local L1 (narrower UM), L2, W3; area A1; city-wide W1 (W3 already local).
    expect(counts(m, 'RINK', 'CY')).toEqual([3, 1, 1, 5]);
    expect(cell(m, 'RINK', 'CY').local.map((o) => o.organisationId)).toEqual(['L1', 'L2', 'W3']);
    expect(cell(m, 'RINK', 'CY').local[0]).toMatchObject({ targetGroupIds: ['UM'], districtIds: ['RINK'] });
    expect(cell(m, 'RINK', 'CY').area.map((o) => o.organisationId)).toEqual(['A1']);
    expect(counts(m, 'TENS', 'CY')).toEqual([0, 1, 2, 3]);
    expect(counts(m, 'HUSBY', 'CY')).toEqual([1, 1, 2, 4]);
    expect(counts(m, 'KATA', 'CY')).toEqual([0, 0, 2, 2]);
    expect(counts(m, 'KATA', 'HOM')).toEqual([1, 0, 1, 2]);
    expect(counts(m, 'KATA', 'ELD')).toEqual([0, 0, 0, 0]);
    expect(counts(m, 'SOFIA', 'ELD')).toEqual([1, 0, 0, 1]);
  });

  it('lists the city-wide organisations once per group', () => {
    expect(m.cityWide.map((c) => [c.targetGroupId, c.organisations.map((o) => o.organisationId)])).toEqual([
      ['CY', ['W1', 'W3']],
      ['HOM', ['W2']],
      ['ELD', []],
    ]);
  });

  it('counts regional and national organisations as city-wide only when asked', () => {
    const wide = coverage(p, {
      municipalityId: 'STHLM',
      level: 'STADSDEL',
      targetGroupIds: ['CY'],
      includeRegionalAndNational: true,
    });
    expect(counts(wide, 'TENS', 'CY')).toEqual([0, 1, 3, 4]);
    expect(wide.cityWide[0]!.organisations.map((o) => o.organisationId)).toEqual(['N1', 'W1', 'W3']);
  });

  it('leaves out narrower groups when asked', () => {
    const strict = coverage(p, {
      municipalityId: 'STHLM',
      level: 'STADSDEL',
      targetGroupIds: ['CY'],
      includeNarrowerTargetGroups: false,
    });
    expect(cell(strict, 'RINK', 'CY').local.map((o) => o.organisationId)).toEqual(['L2', 'W3']);
  });

  it('lists at most maxListed organisations per list, in name order, with complete counts', () => {
    const short = coverage(p, { municipalityId: 'STHLM', level: 'STADSDEL', targetGroupIds: ['CY'], maxListed: 1 });
    expect(cell(short, 'RINK', 'CY').local.map((o) => o.organisationId)).toEqual(['L1']);
    expect(counts(short, 'RINK', 'CY')).toEqual([3, 1, 1, 5]);
    expect(short.cityWide[0]).toMatchObject({ count: 2, organisations: [{ organisationId: 'W1' }] });
  });

  it('works at stadsdelsområde level (no area scope there)', () => {
    const areas = coverage(p, { municipalityId: 'STHLM', level: 'STADSDELSOMRADE', targetGroupIds: ['CY'] });
    expect(areas.districts.map((d) => d.id)).toEqual(['RK', 'SOD']);
    expect(counts(areas, 'RK', 'CY')).toEqual([4, 0, 1, 5]);
    expect(counts(areas, 'SOD', 'CY')).toEqual([0, 0, 2, 2]);
  });

  it('handles empty choices and rejects bad arguments with typed errors', () => {
    const none = coverage(p, { municipalityId: 'STHLM', level: 'STADSDEL', targetGroupIds: [] });
    expect(none.cells).toEqual([]);
    expect(none.districts).toHaveLength(5);
    expect(coverage(p, { municipalityId: 'GBG', level: 'STADSDEL', targetGroupIds: ['CY'] }).cells).toEqual([]);
    expect(() => coverage(p, { municipalityId: 'NOPE', level: 'STADSDEL', targetGroupIds: [] })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', field: 'municipalityId' }),
    );
    expect(() => coverage(p, { municipalityId: 'RK', level: 'STADSDEL', targetGroupIds: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'municipalityId' }),
    );
    expect(() => coverage(p, { municipalityId: 'STHLM', level: 'STADSDEL', targetGroupIds: ['X'] })).toThrow(
      AnalyticsInputError,
    );
  });
});

describe('coverage gaps', () => {
  const { gaps } = coverageGaps(p, { municipalityId: 'STHLM', level: 'STADSDEL', targetGroupIds: ['CY', 'HOM', 'ELD'] });
  const gap = (d: string, t: string) => gaps.find((g) => g.districtId === d && g.targetGroupId === t);

  it('finds cells with no organisation at all, first, with bordering districts that have local ones', () => {
    const noOrg = gaps.filter((g) => g.kind === 'NO_ORGANISATION');
    expect(noOrg.map((g) => `${g.districtId}/${g.targetGroupId}`)).toEqual(['HUSBY/ELD', 'KATA/ELD', 'RINK/ELD', 'TENS/ELD']);
    expect(gaps.slice(0, 4)).toEqual(noOrg);
    expect(gap('KATA', 'ELD')!.evidence.neighboursWithLocal).toEqual([{ districtId: 'SOFIA', localCount: 1 }]);
  });

  it('finds cells covered only from the area or the whole city, with who covers them', () => {
    const tens = gap('TENS', 'CY')!;
    expect(tens.kind).toBe('ONLY_CITY_WIDE');
    expect(tens.evidence).toMatchObject({ localCount: 0, areaCount: 1, cityWideCount: 2 });
    expect(tens.evidence.area.map((o) => o.organisationId)).toEqual(['A1']);
    expect(tens.evidence.cityWide.map((o) => o.organisationId)).toEqual(['W1', 'W3']);
    expect(tens.evidence.neighboursWithLocal).toEqual([
      { districtId: 'RINK', localCount: 3 },
      { districtId: 'HUSBY', localCount: 1 },
    ]);
    expect(gap('RINK', 'HOM')!.kind).toBe('ONLY_CITY_WIDE');
  });

  it('does not report covered cells', () => {
    expect(gap('RINK', 'CY')).toBeUndefined();
    expect(gap('KATA', 'HOM')).toBeUndefined();
    expect(gap('SOFIA', 'ELD')).toBeUndefined();
    // 4 × ELD with nothing; CY only city-wide in TENS, KATA, SOFIA; HOM in HUSBY, RINK, SOFIA, TENS.
    expect(gaps).toHaveLength(11);
  });
});
