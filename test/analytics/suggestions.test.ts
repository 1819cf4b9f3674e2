import { describe, expect, it } from 'vitest';
import {
  AnalyticsInputError,
  describeReason,
  describeReasons,
  emptyProjectionInput,
  Projection,
  suggestPartners,
  type Reason,
  type Suggestion,
} from '../../graph/analytics/index.js';
import { build, type GraphSpec } from './fixtures.js';

/**
 * F (Fokus) serves UM in Rinkeby, needs premises, offers grant-application expertise, is a member
 * of the umbrella UMB and party to AG. It collaborates with P1 and P2. Each candidate is built to
 * carry one kind of reason:
 *   X1 Åsa, X1b Äpple: UM in Rinkeby (identical: a tie)      X2: CY (broader) in Rinkeby
 *   X3: HOM in Tensta (borders Rinkeby), offers premises      X4: works with P1 and P2
 *   X5: needs grant-application expertise (far away)          X6: party to AG
 *   X7: member of UMB                                         W: works with X4 only
 *   Z: nothing in common   N: no features at all   SY: like X1 but synthetic
 */
const graph: GraphSpec = {
  orgs: [
    { id: 'F', name: 'Fokus', tgs: ['UM'], districts: ['RINK'], needs: ['PREM'], offers: ['GRANT'], umbrellas: ['UMB'] },
    { id: 'P1', name: 'Partner ett', tgs: ['UM'], districts: ['RINK'] },
    { id: 'P2', name: 'Partner två', tgs: ['UM'], districts: ['RINK'] },
    { id: 'X1', name: 'Åsa', tgs: ['UM'], districts: ['RINK'] },
    { id: 'X1b', name: 'Äpple', tgs: ['UM'], districts: ['RINK'] },
    { id: 'X2', name: 'Barnens hus', tgs: ['CY'], districts: ['RINK'] },
    { id: 'X3', name: 'Tensta lokaler', tgs: ['HOM'], districts: ['TENS'], offers: ['PREM'] },
    { id: 'X4', name: 'Kedjan', tgs: ['ELD'], districts: ['GBG'] },
    { id: 'X5', name: 'Skrivarna', tgs: ['ELD'], districts: ['GBG'], needs: ['GRANT'] },
    { id: 'X6', name: 'Avtalsparten', tgs: ['ELD'], districts: ['GBG'] },
    { id: 'X7', name: 'Medlemmen', tgs: ['ELD'], districts: ['GBG'], umbrellas: ['UMB'] },
    { id: 'UMB', name: 'Paraplyet', tgs: ['ELD'], districts: ['GBG'] },
    { id: 'W', name: 'Vännen', tgs: ['ELD'], districts: ['GBG'] },
    { id: 'Z', name: 'Ensam', tgs: ['ELD'], districts: ['GBG'] },
    { id: 'N', name: 'Ingenting' },
    { id: 'SY', name: 'Syntetisk', tgs: ['UM'], districts: ['RINK'], synthetic: true },
  ],
  collaborations: [
    ['F', 'P1'],
    ['F', 'P2'],
    ['X4', 'P1'],
    ['X4', 'P2'],
    ['W', 'X4'],
  ],
  agreements: [{ id: 'AG', name: 'IOP Ett', parties: ['F', 'X6'] }],
};
const p = build(graph);
const ids = (s: Suggestion[]) => s.map((x) => x.organisationId);
const reason = (s: Suggestion[], id: string, kind: Reason['kind']) =>
  s.find((x) => x.organisationId === id)!.reasons.find((r) => r.kind === kind)!;
const sum = (rs: Reason[]) => rs.reduce((a, r) => a + r.weight, 0);

describe('suggestions', () => {
  const { suggestions } = suggestPartners(p, 'F', { limit: 20 });

  it('ranks candidates by score with ties by Swedish name order, excluding self, partners and synthetic ones', () => {
    // X4: two common partners with 2 partners each (2 × 1/ln 3) > X1/X1b (UM + Rinkeby) > X6, X7
    // (1/ln 3 each: tie, by name) > X2 > X3 > X5.
    expect(ids(suggestions)).toEqual(['X4', 'X1', 'X1b', 'X6', 'X7', 'X2', 'X3', 'X5']);
    expect(suggestions[1]!.score).toBeCloseTo(suggestions[2]!.score, 12); // Åsa before Äpple in Swedish
    expect(suggestions[3]!.score).toBeCloseTo(suggestions[4]!.score, 12);
    for (const s of suggestions) {
      expect(s.score).toBeCloseTo(sum(s.reasons) * s.feedback.factor, 12);
      expect(s.feedback).toEqual({ factor: 1, similarToDismissedIds: [], similarToAcceptedIds: [] });
    }
  });

  it('gives every kind of reason, naming what is shared', () => {
    expect(reason(suggestions, 'X1', 'SHARED_TARGET_GROUP')).toMatchObject({ match: 'SAME', targetGroupIds: ['UM'] });
    expect(reason(suggestions, 'X1', 'SHARED_DISTRICT')).toMatchObject({ match: 'SAME', districtIds: ['RINK'] });
    expect(reason(suggestions, 'X2', 'SHARED_TARGET_GROUP')).toMatchObject({ match: 'BROADER', targetGroupIds: ['CY'] });
    expect(reason(suggestions, 'X3', 'ADJACENT_DISTRICT')).toMatchObject({ districtIds: ['RINK', 'TENS'] });
    expect(reason(suggestions, 'X3', 'COMPLEMENTARY_RESOURCE')).toEqual({
      kind: 'COMPLEMENTARY_RESOURCE',
      weight: 0.15,
      direction: 'OFFERS_WHAT_YOU_NEED',
      resourceTypeIds: ['PREM'],
    });
    // Far away: the resource counts a fifth.
    expect(reason(suggestions, 'X5', 'COMPLEMENTARY_RESOURCE')).toMatchObject({
      direction: 'NEEDS_WHAT_YOU_OFFER',
      resourceTypeIds: ['GRANT'],
    });
    expect(reason(suggestions, 'X5', 'COMPLEMENTARY_RESOURCE').weight).toBeCloseTo(0.03, 12);
    expect(reason(suggestions, 'X4', 'TRIADIC_CLOSURE')).toMatchObject({ viaOrganisationIds: ['P1', 'P2'] });
    expect(reason(suggestions, 'X4', 'TRIADIC_CLOSURE').weight).toBeCloseTo(2 / Math.log(3), 12);
    expect(reason(suggestions, 'X6', 'COMMON_AGREEMENT')).toMatchObject({ agreementIds: ['AG'] });
    expect(reason(suggestions, 'X7', 'COMMON_UMBRELLA')).toMatchObject({ umbrellaIds: ['UMB'] });
  });

  it('limits the list and says when the projection was built', () => {
    const r = suggestPartners(p, 'F', { limit: 3 });
    expect(ids(r.suggestions)).toEqual(['X4', 'X1', 'X1b']);
    expect(r.projectionBuiltAt).toBe(1_000);
    expect(suggestPartners(p, 'F', { limit: 0 }).suggestions).toEqual([]);
  });

  it('never suggests an existing collaboration partner, in either direction', () => {
    expect(ids(suggestPartners(p, 'P1', { limit: 50 }).suggestions)).not.toContain('F');
    expect(ids(suggestPartners(p, 'P1', { limit: 50 }).suggestions)).not.toContain('X4');
  });

  it('handles empty cases: no features, no organisations, unknown ids, bad limits', () => {
    expect(suggestPartners(p, 'N').suggestions).toEqual([]);
    expect(suggestPartners(p, 'SY').suggestions).toEqual([]); // no other synthetic organisation
    expect(() => suggestPartners(p, 'NOPE')).toThrow(AnalyticsInputError);
    expect(() => suggestPartners(p, 'NOPE')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', field: 'organisationId' }));
    expect(() => suggestPartners(new Projection(emptyProjectionInput()), 'F')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => suggestPartners(p, 'F', { limit: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'limit' }));
  });
});

describe('suggestions remember decisions', () => {
  it('drops a dismissed candidate and slightly lowers candidates similar to it', () => {
    const before = suggestPartners(p, 'F', { limit: 20 }).suggestions;
    const q = build({ ...graph, decisions: [{ organisationId: 'F', candidateId: 'X1', decision: 'DISMISSED', decidedAt: 10 }] });
    const after = suggestPartners(q, 'F', { limit: 20 }).suggestions;
    expect(ids(after)).not.toContain('X1');
    const twin = after.find((s) => s.organisationId === 'X1b')!;
    expect(twin.feedback.similarToDismissedIds).toEqual(['X1']);
    expect(twin.feedback.factor).toBeCloseTo(0.7, 12); // identical to the dismissed one: similarity 1
    expect(twin.score).toBeCloseTo(before.find((s) => s.organisationId === 'X1b')!.score * 0.7, 12);
    // Unrelated candidates keep their scores.
    const x4 = after.find((s) => s.organisationId === 'X4')!;
    expect(x4.feedback.factor).toBe(1);
    expect(x4.score).toBeCloseTo(before[0]!.score, 12);
  });

  it('treats an accepted candidate as a partner: not suggested again, and closes triangles through it', () => {
    const before = suggestPartners(p, 'F', { limit: 20 }).suggestions;
    expect(ids(before)).not.toContain('W');
    const q = build({ ...graph, decisions: [{ organisationId: 'F', candidateId: 'X4', decision: 'ACCEPTED', decidedAt: 10 }] });
    const after = suggestPartners(q, 'F', { limit: 20 }).suggestions;
    expect(ids(after)).not.toContain('X4');
    expect(reason(after, 'W', 'TRIADIC_CLOSURE')).toMatchObject({ viaOrganisationIds: ['X4'] });
    // Candidates like the accepted one are raised a little.
    const x6 = after.find((s) => s.organisationId === 'X6')!;
    expect(x6.feedback.similarToAcceptedIds).toEqual(['X4']);
    expect(x6.feedback.factor).toBeGreaterThan(1);
    // The other side sees the acceptance as a partnership too.
    expect(ids(suggestPartners(q, 'X4', { limit: 50 }).suggestions)).not.toContain('F');
  });

  it('uses the latest decision on a candidate', () => {
    const q = build({
      ...graph,
      decisions: [
        { organisationId: 'F', candidateId: 'X1', decision: 'DISMISSED', decidedAt: 1 },
        { organisationId: 'F', candidateId: 'X1', decision: 'ACCEPTED', decidedAt: 2 },
      ],
    });
    expect(q.decision(q.orgIndex.get('F')!, q.orgIndex.get('X1')!)).toEqual({ decision: 'ACCEPTED', decidedAt: 2 });
    const after = suggestPartners(q, 'F', { limit: 20 }).suggestions;
    expect(ids(after)).not.toContain('X1');
    expect(after.find((s) => s.organisationId === 'X1b')!.feedback.similarToAcceptedIds).toEqual(['X1']);
  });
});

describe('candidate generation at hub scale', () => {
  // With a tiny hub cap every feature is a hub; candidates must then share two of them.
  const q = build({
    orgs: [
      { id: 'F2', tgs: ['CY'], districts: ['STHLM'] },
      { id: 'M1', tgs: ['CY'], districts: ['STHLM'] },
      { id: 'M2', tgs: ['CY'], districts: ['GBG'] },
      { id: 'M3', tgs: ['ELD'], districts: ['STHLM'] },
      { id: 'H1', tgs: ['CY'], districts: ['GBG'] },
      { id: 'H2', tgs: ['CY'], districts: ['GBG'] },
    ],
  });

  it('finds everyone sharing something when features are small', () => {
    expect(ids(suggestPartners(q, 'F2', { limit: 10 }).suggestions)).toEqual(['M1', 'M3', 'H1', 'H2', 'M2']);
  });

  it('scans only the smallest hub and keeps members sharing another hub when all features are hubs', () => {
    const r = suggestPartners(q, 'F2', { limit: 10, limits: { hubCap: 2, minCandidates: 10 } });
    expect(ids(r.suggestions)).toEqual(['M1', 'M3']); // M2, H1, H2 share only the CY hub (and the country)
  });
});

describe('describing reasons', () => {
  const sv = (r: Reason) => describeReason(r, p, 'sv');
  const en = (r: Reason) => describeReason(r, p, 'en');

  it('says each kind of reason in Swedish and English with the real names', () => {
    const tg: Reason = { kind: 'SHARED_TARGET_GROUP', weight: 1, match: 'SAME', targetGroupIds: ['HOM'], districtIds: ['SOD'] };
    expect(sv(tg)).toBe('Båda arbetar med Personer i hemlöshet i Södermalm.');
    expect(en(tg)).toBe('Both work with People experiencing homelessness in Södermalm.');
    expect(sv({ kind: 'SHARED_TARGET_GROUP', weight: 1, match: 'BROADER', targetGroupIds: ['CY'] })).toBe(
      'Båda arbetar inom den bredare målgruppen Barn och unga.',
    );
    expect(sv({ kind: 'SHARED_DISTRICT', weight: 1, match: 'SAME', districtIds: ['RINK'] })).toBe('Båda är verksamma i Rinkeby.');
    expect(en({ kind: 'SHARED_DISTRICT', weight: 1, match: 'BROADER', districtIds: ['RK'] })).toBe('Both are active within Rinkeby-Kista.');
    expect(sv({ kind: 'ADJACENT_DISTRICT', weight: 1, districtIds: ['RINK', 'TENS'] })).toBe('Verksam i Tensta, som gränsar till Rinkeby.');
    expect(en({ kind: 'ADJACENT_DISTRICT', weight: 1, districtIds: ['RINK', 'TENS'] })).toBe('Active in Tensta, which borders Rinkeby.');
    const offers: Reason = { kind: 'COMPLEMENTARY_RESOURCE', weight: 1, direction: 'OFFERS_WHAT_YOU_NEED', resourceTypeIds: ['PREM'] };
    expect(sv(offers)).toBe('Erbjuder Lokaler, som ni behöver.');
    expect(en(offers)).toBe('Offers Premises, which you need.');
    expect(
      en({ kind: 'COMPLEMENTARY_RESOURCE', weight: 1, direction: 'NEEDS_WHAT_YOU_OFFER', resourceTypeIds: ['PREM', 'GRANT'] }),
    ).toBe('Needs Premises and Grant-application expertise, which you offer.');
    expect(sv({ kind: 'TRIADIC_CLOSURE', weight: 1, viaOrganisationIds: ['P1', 'P2'] })).toBe(
      'Samarbetar redan med 2 av era partner: Partner ett och Partner två.',
    );
    expect(en({ kind: 'TRIADIC_CLOSURE', weight: 1, viaOrganisationIds: ['X4'] })).toBe('Already works with your partner Kedjan.');
    expect(sv({ kind: 'COMMON_AGREEMENT', weight: 1, agreementIds: ['AG'] })).toBe('Båda är parter i IOP Ett.');
    expect(en({ kind: 'COMMON_UMBRELLA', weight: 1, umbrellaIds: ['UMB'] })).toBe('Both are members of Paraplyet.');
  });

  it('falls back to the id for an unknown name', () => {
    expect(sv({ kind: 'SHARED_DISTRICT', weight: 1, districtIds: ['NOWHERE'] })).toBe('Båda är verksamma i NOWHERE.');
  });

  it('says the strongest shared group and district in one sentence', () => {
    const x1 = suggestPartners(p, 'F', { limit: 20 }).suggestions.find((s) => s.organisationId === 'X1')!;
    expect(describeReasons(x1.reasons, p, 'sv')).toEqual(['Båda arbetar med Ensamkommande barn i Rinkeby.']);
    const x3 = suggestPartners(p, 'F', { limit: 20 }).suggestions.find((s) => s.organisationId === 'X3')!;
    expect(describeReasons(x3.reasons, p, 'en', 2)).toEqual([
      'Active in Tensta, which borders Rinkeby.',
      'Offers Premises, which you need.',
    ]);
  });
});
