import { describe, expect, it } from 'vitest';
import {
  AnalyticsInputError,
  describeReason,
  describeReasons,
  emptyProjectionInput,
  Projection,
  restsOnInferred,
  suggestPartners,
  type Reason,
  type ReasonFact,
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
    // Of 16 organisations: X4, two partners in common with 2 partners each (2 × 2/ln 3) > X6, an
    // agreement only the two have (specificity 1, weight 1) > X1, X1b (UM and Rinkeby, which 6 and 7
    // of the 16 have: common; a tie) > X7, an umbrella only the two have (weight ½) > X2 (CY) > X3
    // (premises nearby, Tensta bordering Rinkeby) > X5 (a resource far away).
    expect(ids(suggestions)).toEqual(['X4', 'X6', 'X1', 'X1b', 'X7', 'X2', 'X3', 'X5']);
    expect(suggestions[2]!.score).toBeCloseTo(suggestions[3]!.score, 12); // Åsa before Äpple in Swedish
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
    expect(reason(suggestions, 'X3', 'COMPLEMENTARY_RESOURCE')).toMatchObject({
      kind: 'COMPLEMENTARY_RESOURCE',
      weight: 0.075,
      organisationIds: ['F', 'X3'],
      common: false,
      direction: 'OFFERS_WHAT_YOU_NEED',
      resourceTypeIds: ['PREM'],
    });
    // The facts under it, each with its basis (all stated here).
    expect(reason(suggestions, 'X3', 'COMPLEMENTARY_RESOURCE').facts).toEqual([
      { organisationId: 'F', relation: 'NEEDS', targetId: 'PREM', basis: 'STATED', confidence: 1, rule: null },
      { organisationId: 'X3', relation: 'OFFERS', targetId: 'PREM', basis: 'STATED', confidence: 1, rule: null },
    ]);
    // Far away: the resource counts a fifth.
    expect(reason(suggestions, 'X5', 'COMPLEMENTARY_RESOURCE')).toMatchObject({
      direction: 'NEEDS_WHAT_YOU_OFFER',
      resourceTypeIds: ['GRANT'],
    });
    expect(reason(suggestions, 'X5', 'COMPLEMENTARY_RESOURCE').weight).toBeCloseTo(0.075 * 0.2, 12);
    expect(reason(suggestions, 'X4', 'TRIADIC_CLOSURE')).toMatchObject({ viaOrganisationIds: ['P1', 'P2'] });
    expect(reason(suggestions, 'X4', 'TRIADIC_CLOSURE').weight).toBeCloseTo(2 * (2 / Math.log(3)), 12);
    expect(reason(suggestions, 'X4', 'TRIADIC_CLOSURE').facts!.map((f) => `${f.organisationId} ${f.relation} ${f.targetId}`)).toEqual([
      'F PARTICIPATES_IN C0',
      'P1 PARTICIPATES_IN C0',
      'X4 PARTICIPATES_IN C2',
      'P1 PARTICIPATES_IN C2',
      'F PARTICIPATES_IN C1',
      'P2 PARTICIPATES_IN C1',
      'X4 PARTICIPATES_IN C3',
      'P2 PARTICIPATES_IN C3',
    ]);
    expect(reason(suggestions, 'X6', 'COMMON_AGREEMENT')).toMatchObject({ agreementIds: ['AG'] });
    expect(reason(suggestions, 'X7', 'COMMON_UMBRELLA')).toMatchObject({ umbrellaIds: ['UMB'] });
  });

  it('limits the list and says when the projection was built', () => {
    const r = suggestPartners(p, 'F', { limit: 3 });
    expect(ids(r.suggestions)).toEqual(['X4', 'X6', 'X1']);
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
    expect(x4.score).toBeCloseTo(before.find((s) => s.organisationId === 'X4')!.score, 12);
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
  const sv = (r: Omit<Reason, 'organisationIds' | 'common'>) => describeReason({ organisationIds: ['F', 'X1'], common: false, ...r }, p, 'sv');
  const en = (r: Omit<Reason, 'organisationIds' | 'common'>) => describeReason({ organisationIds: ['F', 'X1'], common: false, ...r }, p, 'en');

  it('says each kind of reason in Swedish and English, naming both organisations and what they share', () => {
    const tg = { kind: 'SHARED_TARGET_GROUP', weight: 1, match: 'SAME', targetGroupIds: ['HOM'], districtIds: ['SOD'] } satisfies Omit<Reason, 'organisationIds' | 'common'>;
    expect(sv(tg)).toBe('Fokus och Åsa arbetar båda med Personer i hemlöshet i Södermalm.');
    expect(en(tg)).toBe('Fokus and Åsa both work with People experiencing homelessness in Södermalm.');
    expect(sv({ kind: 'SHARED_TARGET_GROUP', weight: 1, match: 'BROADER', targetGroupIds: ['CY'] })).toBe(
      'Fokus och Åsa arbetar båda inom den bredare målgruppen Barn och unga.',
    );
    expect(sv({ kind: 'SHARED_DISTRICT', weight: 1, match: 'SAME', districtIds: ['RINK'] })).toBe('Fokus och Åsa är båda verksamma i Rinkeby.');
    expect(en({ kind: 'SHARED_DISTRICT', weight: 1, match: 'BROADER', districtIds: ['RK'] })).toBe('Fokus and Åsa are both active within Rinkeby-Kista.');
    // The subject of each side is named: which organisation is where.
    expect(sv({ kind: 'ADJACENT_DISTRICT', weight: 1, districtIds: ['RINK', 'TENS'] })).toBe('Åsa är verksam i Tensta, som gränsar till Rinkeby där Fokus är verksam.');
    expect(en({ kind: 'ADJACENT_DISTRICT', weight: 1, districtIds: ['RINK', 'TENS'] })).toBe('Åsa is active in Tensta, which borders Rinkeby, where Fokus is active.');
    const offers = { kind: 'COMPLEMENTARY_RESOURCE', weight: 1, direction: 'OFFERS_WHAT_YOU_NEED', resourceTypeIds: ['PREM'] } satisfies Omit<Reason, 'organisationIds' | 'common'>;
    expect(sv(offers)).toBe('Åsa erbjuder Lokaler, som Fokus behöver.');
    expect(en(offers)).toBe('Åsa offers Premises, which Fokus needs.');
    expect(en({ kind: 'COMPLEMENTARY_RESOURCE', weight: 1, direction: 'NEEDS_WHAT_YOU_OFFER', resourceTypeIds: ['PREM', 'GRANT'] })).toBe(
      'Åsa needs Premises and Grant-application expertise, which Fokus offers.',
    );
    expect(sv({ kind: 'TRIADIC_CLOSURE', weight: 1, viaOrganisationIds: ['P1', 'P2'] })).toBe('Åsa samarbetar redan med Partner ett och Partner två, som också samarbetar med Fokus.');
    expect(en({ kind: 'TRIADIC_CLOSURE', weight: 1, viaOrganisationIds: ['X4'] })).toBe('Åsa already works with Kedjan, who also works with Fokus.');
    expect(sv({ kind: 'COMMON_AGREEMENT', weight: 1, agreementIds: ['AG'] })).toBe('Fokus och Åsa är båda parter i IOP Ett.');
    expect(en({ kind: 'COMMON_UMBRELLA', weight: 1, umbrellaIds: ['UMB'] })).toBe('Fokus and Åsa are both members of Paraplyet.');
  });

  it('says when a reason rests on an inferred or entered fact, and for which organisation', () => {
    const facts: ReasonFact[] = [
      { organisationId: 'F', relation: 'SERVES', targetId: 'HOM', basis: 'INFERRED', confidence: 0.8, rule: 'namn' },
      { organisationId: 'X1', relation: 'SERVES', targetId: 'HOM', basis: 'ENTERED', confidence: 1, rule: null },
    ];
    const r = { kind: 'SHARED_TARGET_GROUP', weight: 1, match: 'SAME', targetGroupIds: ['HOM'], facts } satisfies Omit<Reason, 'organisationIds' | 'common'>;
    expect(sv(r)).toBe('Fokus och Åsa arbetar båda med Personer i hemlöshet (härlett för Fokus; inmatat av en användare för Åsa).');
    expect(en(r)).toBe('Fokus and Åsa both work with People experiencing homelessness (inferred for Fokus; entered by a user for Åsa).');
  });

  it('takes a reason to rest on an inferred fact when all of one organisation\'s facts under it are inferred', () => {
    const f = (organisationId: string, targetId: string, basis: ReasonFact['basis']): ReasonFact => ({ organisationId, relation: 'SERVES', targetId, basis, confidence: basis === 'INFERRED' ? 0.8 : 1, rule: basis === 'INFERRED' ? 'namn' : null });
    const reason = (facts: ReasonFact[]): Reason => ({ kind: 'SHARED_TARGET_GROUP', weight: 1, organisationIds: ['F', 'X1'], common: false, match: 'SAME', targetGroupIds: ['HOM'], facts });
    expect(restsOnInferred(reason([f('F', 'HOM', 'STATED'), f('X1', 'HOM', 'STATED')]))).toBe(false);
    expect(restsOnInferred(reason([f('F', 'HOM', 'INFERRED'), f('X1', 'HOM', 'STATED')]))).toBe(true);
    // A stated link of the same organisation beside the inferred one (to a narrower group) carries it.
    expect(restsOnInferred(reason([f('F', 'HOM', 'STATED'), f('F', 'HOM-YOUNG', 'INFERRED'), f('X1', 'HOM', 'ENTERED')]))).toBe(false);
    expect(restsOnInferred(reason([]))).toBe(false);
  });

  it('falls back to the id for an unknown name', () => {
    expect(sv({ kind: 'SHARED_DISTRICT', weight: 1, districtIds: ['NOWHERE'] })).toBe('Fokus och Åsa är båda verksamma i NOWHERE.');
  });

  it('says the strongest shared group and district in one sentence, and what many share once, as "also"', () => {
    const reasons: Reason[] = [
      { kind: 'SHARED_TARGET_GROUP', weight: 0.9, organisationIds: ['F', 'X1'], common: false, match: 'SAME', targetGroupIds: ['UM'] },
      { kind: 'SHARED_DISTRICT', weight: 0.7, organisationIds: ['F', 'X1'], common: false, match: 'SAME', districtIds: ['RINK'] },
      { kind: 'SHARED_DISTRICT', weight: 0.05, organisationIds: ['F', 'X1'], common: true, match: 'BROADER', districtIds: ['STHLM'] },
      { kind: 'COMMON_AGREEMENT', weight: 0.04, organisationIds: ['F', 'X1'], common: true, agreementIds: ['AG'] },
    ];
    expect(describeReasons(reasons, p, 'sv')).toEqual([
      'Fokus och Åsa arbetar båda med Ensamkommande barn i Rinkeby.',
      'De delar också sådant som många har: Stockholm och IOP Ett.',
    ]);
    expect(describeReasons(reasons, p, 'en')).toEqual([
      'Fokus and Åsa both work with Unaccompanied minors in Rinkeby.',
      'They also share what many have: Stockholm and IOP Ett.',
    ]);
    // Common reasons are never among the main ones, even when they are all there is.
    expect(describeReasons(reasons.filter((r) => r.common), p, 'sv')).toEqual(['De delar också sådant som många har: Stockholm och IOP Ett.']);
  });
});
