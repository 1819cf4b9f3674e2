import { describe, expect, it } from 'vitest';
import { agreementGaps, assessIop, collaborationGaps, overlap } from '../../graph/analytics/index.js';
import { agreement, build } from './fixtures.js';

describe('collaboration gaps', () => {
  // P1–P3: UM in Rinkeby, no collaboration. Q1–Q3: UM in Katarina, Q1 and Q2 collaborate.
  // R1: UM in Göteborg. Z: HOM in Rinkeby (outside the UM scope).
  const orgs = [
    { id: 'P1', tgs: ['UM'], districts: ['RINK'] },
    { id: 'P2', tgs: ['UM'], districts: ['RINK'] },
    { id: 'P3', tgs: ['UM'], districts: ['RINK'] },
    { id: 'Q1', tgs: ['UM'], districts: ['KATA'] },
    { id: 'Q2', tgs: ['UM'], districts: ['KATA'] },
    { id: 'Q3', tgs: ['UM'], districts: ['KATA'] },
    { id: 'R1', tgs: ['UM'], districts: ['GBG'] },
    { id: 'Z', tgs: ['HOM'], districts: ['RINK'] },
  ];
  const p = build({ orgs, collaborations: [['Q1', 'Q2']] });
  // UM (7 of 8 organisations) says little: 0.1; with a shared stadsdel 0.6 (Rinkeby, 4) or 0.8 (Katarina, 3).
  const threshold = 0.3;
  const gaps = collaborationGaps(p, { scope: { targetGroupIds: ['UM'] }, threshold });

  it('finds high-overlap pairs that do not collaborate, with the overlap reasons as evidence', () => {
    expect(overlap(p, 'P1', 'R1').score).toBeLessThan(threshold);
    expect(overlap(p, 'P1', 'P2').score).toBeGreaterThanOrEqual(threshold);
    // Katarina (3 organisations) is more specific than Rinkeby (4, with Z): the Q pairs come first.
    expect(gaps.pairs.map((g) => g.organisationIds.join('-'))).toEqual(['Q1-Q3', 'Q2-Q3', 'P1-P2', 'P1-P3', 'P2-P3']);
    expect(gaps.pairs[2]!.score).toBeCloseTo(overlap(p, 'P1', 'P2').score, 12);
    expect(gaps.pairs[2]!.evidence.reasons.map((r) => r.kind).sort()).toEqual(['SHARED_DISTRICT', 'SHARED_TARGET_GROUP']);
    expect(gaps.totals.pairs).toBe(5);
  });

  it('finds clusters of three or more with high overlap and no collaboration among them', () => {
    // {Q1, Q2, Q3} is connected by high-overlap pairs too, but Q1 and Q2 collaborate.
    expect(gaps.clusters).toHaveLength(1);
    expect(gaps.clusters[0]).toMatchObject({
      kind: 'HIGH_OVERLAP_CLUSTER',
      organisationIds: ['P1', 'P2', 'P3'],
      evidence: { pairCount: 3, sharedTargetGroupIds: ['UM'], sharedDistrictIds: ['RINK'], collaborationsAmong: 0 },
    });
    expect(gaps.clusters[0]!.evidence.meanOverlap).toBeCloseTo(overlap(p, 'P1', 'P2').score, 12);
  });

  it('finds target groups with several organisations and no collaboration among them, by district', () => {
    expect(gaps.targetGroups.map((g) => [g.targetGroupId, g.districtId, g.organisationIds])).toEqual([
      ['UM', 'RINK', ['P1', 'P2', 'P3']],
      ['UM', 'RK', ['P1', 'P2', 'P3']],
    ]);
    const whole = collaborationGaps(build({ orgs: orgs.filter((o) => !o.id.startsWith('Q')) }), {
      scope: { targetGroupIds: ['UM'] },
    });
    expect(whole.targetGroups.map((g) => g.districtId)).toContain(null);
    expect(whole.targetGroups.find((g) => g.districtId === null)!.evidence).toEqual({ organisationCount: 4, collaborationsAmong: 0 });
  });

  it('finds organisations without any collaboration', () => {
    expect(gaps.isolated.map((g) => g.organisationId)).toEqual(['P1', 'P2', 'P3', 'Q3', 'R1']);
    expect(gaps.isolated[0]!.evidence).toEqual({ targetGroupIds: ['UM'], districtIds: ['RINK'], acceptedSuggestions: 0 });
    expect(gaps.totals).toMatchObject({ organisations: 7, isolated: 5 });
  });

  it('treats an accepted suggestion as a collaboration for pairs and clusters, not for isolation', () => {
    const q = build({
      orgs,
      collaborations: [['Q1', 'Q2']],
      decisions: [{ organisationId: 'P1', candidateId: 'P2', decision: 'ACCEPTED', decidedAt: 5 }],
    });
    const g = collaborationGaps(q, { scope: { targetGroupIds: ['UM'] }, threshold });
    expect(g.pairs.map((x) => x.organisationIds.join('-'))).not.toContain('P1-P2');
    expect(g.clusters).toEqual([]);
    expect(g.isolated.find((x) => x.organisationId === 'P1')!.evidence.acceptedSuggestions).toBe(1);
  });

  it('is empty for an empty scope and limits lists but not totals', () => {
    const empty = collaborationGaps(p, { scope: { districtIds: ['SOFIA'] } });
    expect(empty).toMatchObject({ pairs: [], clusters: [], targetGroups: [], isolated: [] });
    expect(empty.totals).toEqual({ organisations: 0, pairs: 0, clusters: 0, targetGroups: 0, isolated: 0, withRecordedCollaboration: 0 });
    const limited = collaborationGaps(p, { scope: { targetGroupIds: ['UM'] }, threshold, limit: 2 });
    expect(limited.pairs).toHaveLength(2);
    expect(limited.isolated).toHaveLength(2);
    expect(limited.totals.isolated).toBe(5);
    // The strongest pairs, exactly: the search stopped once it had the page, and says down to where it is complete.
    expect(limited.pairs.map((g) => g.organisationIds)).toEqual(gaps.pairs.slice(0, 2).map((g) => g.organisationIds));
    expect(limited.pairThreshold).toBeGreaterThanOrEqual(threshold);
    expect(limited.totals.pairs).toBe(gaps.pairs.filter((g) => g.score >= limited.pairThreshold - 1e-9).length);
    expect(gaps).toMatchObject({ pairThreshold: threshold, pairsComplete: true, pairsExact: true });
  });

  it('takes a broad scope’s pairs from their rarest features, scored exactly, and says they are not the exact ranking', () => {
    const rare = collaborationGaps(p, { scope: { targetGroupIds: ['UM'] }, threshold, exactPairScope: 3 });
    expect(rare).toMatchObject({ pairsExact: false, pairsComplete: false });
    const exact = new Map(gaps.pairs.map((g) => [g.organisationIds.join('-'), g.score]));
    expect(rare.pairs.length).toBeGreaterThan(0);
    for (const g of rare.pairs) expect(g.score).toBeCloseTo(exact.get(g.organisationIds.join('-'))!, 12);
    const scores = rare.pairs.map((g) => g.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    // Here every pair shares a stadsdel of its own: all are found, in the same order.
    expect(rare.pairs.map((g) => g.organisationIds)).toEqual(gaps.pairs.map((g) => g.organisationIds));
    // A budget of one pair scores the rarest feature's first pair only.
    expect(collaborationGaps(p, { scope: { targetGroupIds: ['UM'] }, threshold, exactPairScope: 3, rarePairBudget: 1 }).pairs).toHaveLength(1);
  });

  it('pages the pairs, strongest first: the pages together are the whole ranking', () => {
    const pages = [0, 2, 4].flatMap((pairOffset) => collaborationGaps(p, { scope: { targetGroupIds: ['UM'] }, threshold, limit: 2, pairOffset }).pairs);
    expect(pages.map((g) => g.organisationIds)).toEqual(gaps.pairs.map((g) => g.organisationIds));
    expect(() => collaborationGaps(p, { pairOffset: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'pairOffset' }));
  });
});

describe('agreement gaps', () => {
  const now = Date.UTC(2026, 0, 1);
  const day = 86_400_000;
  const p = build({
    orgs: [
      { id: 'A', name: 'Alfa', verifiedAt: now - 30 * day },
      { id: 'B', name: 'Beta', verifiedAt: now - 400 * day },
      { id: 'C', name: 'Gamma', verifiedAt: null },
      { id: 'D', name: 'Delta', verifiedAt: now - 800 * day },
      { id: 'E', name: 'Epsilon', verifiedAt: now - 800 * day },
    ],
    agreements: [
      { id: 'IOP1', name: 'IOP Ett', parties: ['A', 'B', 'C', 'STADEN'] },
      {
        id: 'IOP2',
        name: 'IOP Två',
        status: 'ENDED',
        endDate: '2024-12-31',
        societalChallenge: '  ',
        politicalProgramme: null,
        steeringMeetingsPerYear: 0,
        commitmentsBeyondFunding: false,
        followUpPlan: true,
        evaluatedAtExpiry: false,
        documentedConsiderations: null,
        parties: ['D'],
      },
      { id: 'IOP3', name: 'IOP Tre', politicalProgramme: null, parties: [] },
      { id: 'IOP4', name: 'IOP Fyra', endDate: '2025-06-30', evaluatedAtExpiry: null, parties: [] },
      { id: 'GR1', name: 'Bidrag', kind: 'GRANT', followUpPlan: false, parties: ['E'] },
      { id: 'SUM', name: 'Revisionen 2021: Kulturnämnden', isSummary: true, summaryCount: 12, followUpPlan: false, parties: [] },
    ],
  });
  const gaps = agreementGaps(p, { now });

  it('reports IOPs missing audit criteria, each criterion with its state', () => {
    expect(gaps.auditCriteria.map((g) => g.agreementId)).toEqual(['IOP2', 'SUM']);
    const two = gaps.auditCriteria[0]!;
    expect(two.missing).toEqual(['SOCIETAL_CHALLENGE', 'STEERING_MEETINGS', 'COMMITMENTS_BEYOND_FUNDING', 'EVALUATION_AT_EXPIRY']);
    // A single agreement records neither the partner check nor site visits: unknown.
    expect(two.unknown).toEqual(['POLITICAL_PROGRAMME', 'DOCUMENTED_CONSIDERATIONS', 'PARTNER_CHECK', 'SITE_VISITS']);
    expect(two.evidence.expired).toBe(true);
    expect(two.evidence.criteria.find((c) => c.criterion === 'FOLLOW_UP_PLAN')).toEqual({
      criterion: 'FOLLOW_UP_PLAN',
      state: 'MET',
      value: true,
      met: 1,
      notMet: 0,
      unknown: 0,
      qualification: null,
      finding: null,
    });
    expect(gaps.auditCriteria[1]).toMatchObject({ isSummary: true, summaryCount: 12, missing: ['FOLLOW_UP_PLAN'] });
  });

  it('tells a text criterion the agreement is known not to state (missing) from one not known (unknown)', () => {
    const state = (a: Parameters<typeof agreement>[0], c: string) => assessIop(agreement(a), now).find((x) => x.criterion === c)!.state;
    expect(state({ id: 'n', societalChallenge: null, societalChallengeStated: false }, 'SOCIETAL_CHALLENGE')).toBe('MISSING');
    expect(state({ id: 'u', societalChallenge: null, societalChallengeStated: null }, 'SOCIETAL_CHALLENGE')).toBe('UNKNOWN');
    expect(state({ id: 't', politicalProgramme: null, politicalProgrammeStated: true }, 'POLITICAL_PROGRAMME')).toBe('MET');
    expect(state({ id: 'x', politicalProgramme: 'Program', politicalProgrammeStated: null }, 'POLITICAL_PROGRAMME')).toBe('MET');
    expect(state({ id: 'e', politicalProgramme: ' ', politicalProgrammeStated: null }, 'POLITICAL_PROGRAMME')).toBe('MISSING');
  });

  it('does not ask for evaluation before expiry, but does after the end date', () => {
    const iop1 = assessIop(agreement({ id: 'x' }), now);
    expect(iop1.find((c) => c.criterion === 'EVALUATION_AT_EXPIRY')!.state).toBe('NOT_YET_DUE');
    const iop4 = assessIop(agreement({ id: 'y', endDate: '2025-06-30' }), now);
    expect(iop4.find((c) => c.criterion === 'EVALUATION_AT_EXPIRY')!.state).toBe('UNKNOWN');
  });

  it('counts unknown criteria as gaps only when asked', () => {
    const all = agreementGaps(p, { now, includeUnknown: true });
    expect(all.auditCriteria.map((g) => g.agreementId)).toEqual(['IOP1', 'IOP4', 'IOP3', 'IOP2', 'SUM']); // by name
  });

  it('reports parties to current agreements of every kind whose contact details are over a year old or never verified', () => {
    expect(gaps.signatoryContacts).toEqual([
      { kind: 'SIGNATORY_CONTACT_UNVERIFIED', agreementId: 'GR1', organisationId: 'E', contactVerifiedAt: now - 800 * day, daysSinceVerified: 800 },
      { kind: 'SIGNATORY_CONTACT_UNVERIFIED', agreementId: 'IOP1', organisationId: 'B', contactVerifiedAt: now - 400 * day, daysSinceVerified: 400 },
      { kind: 'SIGNATORY_CONTACT_UNVERIFIED', agreementId: 'IOP1', organisationId: 'C', contactVerifiedAt: null, daysSinceVerified: null },
    ]);
    const iops = agreementGaps(p, { now, signatoryKinds: ['IOP'] });
    expect(iops.signatoryContacts.map((g) => g.organisationId)).toEqual(['B', 'C']);
    // Over every organisation, party or not: A is fresh, C never verified, B, D and E over a year old.
    expect(gaps.organisationContacts).toEqual({ organisations: 5, neverVerified: 1, stale: 3 });
  });

  it('counts a summary’s criteria from the audit’s findings: met, not met and undetermined, never one answer times the count', () => {
    const finding = (criterion: string, met: number, notMet: number, unknown: number, qualification: string | null = null) => ({
      criterion, met, notMet, unknown, qualification, sourceId: 'src:004', sourceLocator: 'rad 1', quote: 'citat', basis: 'STATED', confidence: 1,
    });
    const audited = build({
      orgs: [],
      agreements: [
        {
          id: 'RK',
          name: 'Revisionen: Rinkeby-Kista',
          isSummary: true,
          summaryCount: 8,
          // A boolean on a summary is ignored once the findings are there.
          followUpPlan: false,
          auditFindings: [
            finding('FOLLOW_UP_PLAN', 1, 1, 6, 'Hur många av de 8 som är från 2021 anges inte.'),
            finding('STEERING_MEETINGS', 8, 0, 0),
            finding('EVALUATION_AT_EXPIRY', 0, 8, 0),
            finding('SITE_VISITS', 0, 0, 8),
          ],
          parties: [],
        } as never,
        { id: 'ONE', name: 'Ett IOP', parties: [] },
      ],
    });
    const r = agreementGaps(audited, { now });
    const rk = r.auditCriteria.find((g) => g.agreementId === 'RK')!;
    const c = (k: string) => rk.evidence.criteria.find((x) => x.criterion === k)!;
    expect(c('FOLLOW_UP_PLAN')).toMatchObject({ state: 'PARTLY_MET', met: 1, notMet: 1, unknown: 6, qualification: 'Hur många av de 8 som är från 2021 anges inte.' });
    expect(c('STEERING_MEETINGS')).toMatchObject({ state: 'MET', met: 8 });
    // The audit says no evaluation is done when they expire: missing, not "not yet due".
    expect(c('EVALUATION_AT_EXPIRY')).toMatchObject({ state: 'MISSING', notMet: 8 });
    expect(c('SITE_VISITS')).toMatchObject({ state: 'UNKNOWN', unknown: 8 });
    // A criterion the findings leave out is undetermined for all eight.
    expect(c('SOCIETAL_CHALLENGE')).toMatchObject({ state: 'UNKNOWN', met: 0, notMet: 0, unknown: 8 });
    expect(rk.missing).toEqual(['FOLLOW_UP_PLAN', 'EVALUATION_AT_EXPIRY']);
    // The headline counts agreements: eight audited in one committee, nine IOPs in all.
    expect(r.iopTotals).toEqual({ agreements: 9, records: 2, audited: 8, auditedCommittees: 1 });
  });

  it('limits to given agreements, is empty without agreements, and rejects unknown ids', () => {
    expect(agreementGaps(p, { now, agreementIds: ['IOP1'] }).auditCriteria).toEqual([]);
    expect(agreementGaps(build({ orgs: [] }), { now })).toMatchObject({ auditCriteria: [], signatoryContacts: [] });
    expect(() => agreementGaps(p, { agreementIds: ['NOPE'] })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', field: 'agreementIds' }),
    );
  });
});
