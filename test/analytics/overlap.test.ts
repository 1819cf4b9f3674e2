import { describe, expect, it } from 'vitest';
import { AnalyticsInputError, overlap, type Reason } from '../../graph/analytics/index.js';
import { build, spec } from './fixtures.js';

const sum = (rs: Reason[]) => rs.reduce((s, r) => s + r.weight, 0);

describe('overlap: target groups', () => {
  // A, B serve the rare UM; C–F the common CY; G the sibling UV; H something else.
  const p = build({
    orgs: [
      { id: 'A', tgs: ['UM'] },
      { id: 'B', tgs: ['UM'] },
      { id: 'C', tgs: ['CY'] },
      { id: 'D', tgs: ['CY'] },
      { id: 'E', tgs: ['CY'] },
      { id: 'F', tgs: ['CY'] },
      { id: 'G', tgs: ['UV'] },
      { id: 'H', tgs: ['HOM'] },
    ],
  });
  // Closure frequencies: UM 2, CY 7 (C–F, A, B, G).

  it('weighs a shared group by inverse frequency: a rare shared group outranks a common one', () => {
    const rare = overlap(p, 'A', 'B');
    const common = overlap(p, 'C', 'D');
    expect(rare.score).toBeCloseTo(spec(2, 8), 12);
    expect(common.score).toBeCloseTo(spec(7, 8), 12);
    expect(rare.score).toBeGreaterThan(common.score);
    expect(rare.reasons).toEqual([{ kind: 'SHARED_TARGET_GROUP', match: 'SAME', weight: spec(2, 8), organisationIds: ['A', 'B'], common: false, targetGroupIds: ['UM'] }]);
  });

  it('counts a narrower group shared fully and a broader one less, discounted per step', () => {
    const narrowerVsBroader = overlap(p, 'A', 'C'); // UM vs CY: meet in CY, one step from A
    expect(narrowerVsBroader.score).toBeCloseTo(spec(7, 8) * 0.5, 12);
    expect(narrowerVsBroader.reasons).toEqual([
      // 7 of 8 organisations serve CY (with its narrower groups): common.
      { kind: 'SHARED_TARGET_GROUP', match: 'BROADER', weight: spec(7, 8) * 0.5, organisationIds: ['A', 'C'], common: true, targetGroupIds: ['CY'] },
    ]);
    const siblings = overlap(p, 'A', 'G'); // UM vs UV: meet in CY, one step each
    expect(siblings.score).toBeCloseTo(spec(7, 8) * 0.25, 12);
    expect(overlap(p, 'A', 'B').score).toBeGreaterThan(narrowerVsBroader.score);
    expect(overlap(p, 'C', 'D').score).toBeGreaterThan(narrowerVsBroader.score);
    expect(narrowerVsBroader.score).toBeGreaterThan(siblings.score);
  });

  it('is zero and reasonless when nothing is shared, and symmetric', () => {
    expect(overlap(p, 'A', 'H')).toMatchObject({ score: 0, reasons: [] });
    expect(overlap(p, 'C', 'A').score).toBeCloseTo(overlap(p, 'A', 'C').score, 12);
  });

  it('does not count a broader group above a group already shared', () => {
    const q = build({ orgs: [{ id: 'A', tgs: ['UM', 'CY'] }, { id: 'B', tgs: ['UM'] }] });
    // UM shared exactly; CY (A serves it, B only through UM) lies above UM and adds nothing.
    expect(overlap(q, 'A', 'B').reasons.map((r) => r.targetGroupIds)).toEqual([['UM']]);
  });
});

describe('overlap: districts', () => {
  // P, Q in Rinkeby; R in Tensta (borders Rinkeby); S in Husby (same area, not bordering);
  // T in Göteborg; U across Stockholm.
  const p = build({
    orgs: [
      { id: 'P', districts: ['RINK'] },
      { id: 'Q', districts: ['RINK'] },
      { id: 'R', districts: ['TENS'] },
      { id: 'S', districts: ['HUSBY'] },
      { id: 'T', districts: ['GBG'] },
      { id: 'U', districts: ['STHLM'] },
    ],
  });
  // Closure frequencies: RINK 2, TENS 1, HUSBY 1, RK 4, STHLM 5.

  it('counts the same district more than an adjacent one, adjacent more than the same area', () => {
    const same = overlap(p, 'P', 'Q');
    const adjacent = overlap(p, 'P', 'R');
    const sameArea = overlap(p, 'P', 'S');
    expect(same.score).toBeCloseTo(spec(2, 6), 12);
    expect(adjacent.score).toBeCloseTo(0.5 * spec(2 + 1, 6) + 0.25 * spec(4, 6), 12);
    expect(sameArea.score).toBeCloseTo(0.25 * spec(4, 6), 12);
    expect(same.score).toBeGreaterThan(adjacent.score);
    expect(adjacent.score).toBeGreaterThan(sameArea.score);
    expect(adjacent.reasons).toEqual([
      { kind: 'ADJACENT_DISTRICT', weight: 0.5 * spec(3, 6), organisationIds: ['P', 'R'], common: true, districtIds: ['RINK', 'TENS'] },
      { kind: 'SHARED_DISTRICT', match: 'BROADER', weight: 0.25 * spec(4, 6), organisationIds: ['P', 'R'], common: true, districtIds: ['RK'] },
    ]);
  });

  it('counts a city-wide organisation against a local one through the municipality, two steps down', () => {
    expect(overlap(p, 'P', 'U').reasons).toEqual([
      { kind: 'SHARED_DISTRICT', match: 'BROADER', weight: 0.25 * spec(5, 6), organisationIds: ['P', 'U'], common: true, districtIds: ['STHLM'] },
    ]);
  });

  it('does not count meeting only in the country or a region', () => {
    expect(overlap(p, 'P', 'T').score).toBe(0);
  });
});

describe('overlap: agreements, umbrellas, collaborations, errors', () => {
  const p = build({
    orgs: [
      { id: 'A', tgs: ['UM'], districts: ['RINK'], umbrellas: ['U'] },
      { id: 'B', tgs: ['UM'], districts: ['RINK'], umbrellas: ['U'] },
      { id: 'C', umbrellas: ['U'] },
      { id: 'U', name: 'Paraplyet' },
    ],
    agreements: [
      { id: 'AG1', parties: ['A', 'B', 'KOMMUNEN'] },
      { id: 'SUM', isSummary: true, summaryCount: 12, parties: ['A', 'B'] },
    ],
    collaborations: [['A', 'B']],
  });

  it('counts a common agreement (not a summary record) and a common umbrella by their specificity', () => {
    const r = overlap(p, 'A', 'B');
    expect(r.reasons).toContainEqual({ kind: 'COMMON_AGREEMENT', weight: spec(2, 4), organisationIds: ['A', 'B'], common: true, agreementIds: ['AG1'] });
    expect(r.reasons).toContainEqual({ kind: 'COMMON_UMBRELLA', weight: spec(3, 4), organisationIds: ['A', 'B'], common: true, umbrellaIds: ['U'] });
    expect(r.reasons.some((x) => x.agreementIds?.includes('SUM'))).toBe(false);
  });

  it('scores the sum of its reasons, strongest first, and marks an existing collaboration', () => {
    const r = overlap(p, 'A', 'B');
    expect(r.score).toBeCloseTo(sum(r.reasons), 12);
    expect(r.score).toBeCloseTo(spec(2, 4) /* UM */ + spec(2, 4) /* RINK */ + spec(2, 4) /* AG1 */ + spec(3, 4) /* U */, 12);
    // Main reasons first, then common ones ("also"), each strongest first.
    const main = r.reasons.filter((x) => !x.common).map((x) => x.weight);
    const common = r.reasons.filter((x) => x.common).map((x) => x.weight);
    expect(r.reasons.map((x) => x.common)).toEqual([...main.map(() => false), ...common.map(() => true)]);
    expect([...main].sort((x, y) => y - x)).toEqual(main);
    expect([...common].sort((x, y) => y - x)).toEqual(common);
    expect(r).toMatchObject({ collaborating: true, collaborationIds: ['C0'], projectionBuiltAt: 1_000 });
    expect(overlap(p, 'A', 'C')).toMatchObject({ collaborating: false, collaborationIds: [] });
  });

  it('throws a typed NOT_FOUND error naming the field for an unknown organisation', () => {
    expect(() => overlap(p, 'A', 'NOPE')).toThrow(AnalyticsInputError);
    try {
      overlap(p, 'NOPE', 'A');
    } catch (e) {
      expect(e).toMatchObject({ code: 'NOT_FOUND', field: 'organisationId', value: 'NOPE' });
    }
  });
});
