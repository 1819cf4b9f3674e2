import { describe, expect, it } from 'vitest';
import { activeIn, backbone, checkPeriod, neighboursOf, Projection, resolveScope, scoreParts, shortestPath, whyNotSuggested, suggestPartners } from '../../graph/analytics/index.js';
import { build, input } from './fixtures.js';

const e = (source: string, target: string, weight: number, collaborating = false) => ({ source, target, weight, collaborating });

describe('the backbone of a network', () => {
  // A star of strong edges round A, a weak triangle B–C–D, and E hanging on D.
  const edges = [e('A', 'B', 3), e('A', 'C', 2.5), e('A', 'D', 2), e('B', 'C', 0.6), e('C', 'D', 0.5), e('B', 'D', 0.4), e('D', 'E', 0.9)];

  it('keeps a maximum spanning forest and each node’s strongest edges, strongest first', () => {
    const one = backbone(edges, 1);
    // The spanning forest (A–B, A–C, A–D, D–E) already holds every node's strongest edge.
    expect(one.map((x) => `${x.source}${x.target}`)).toEqual(['AB', 'AC', 'AD', 'DE']);
    const two = backbone(edges, 2);
    // B's second (B–C), C's and D's second are A–C and A–D or C–D: C–D is D's third, B–D nobody's first two.
    expect(two.map((x) => `${x.source}${x.target}`)).toEqual(['AB', 'AC', 'AD', 'DE', 'BC']);
    expect(backbone(edges, 10)).toHaveLength(edges.length);
    expect(() => backbone(edges, 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'perNode' }));
  });

  it('lists a node’s neighbours, strongest first', () => {
    expect(neighboursOf(edges, 'D').map((n) => n.id)).toEqual(['A', 'E', 'C', 'B']);
  });
});

describe('the shortest path', () => {
  it('follows strong overlaps over weak ones, a collaboration counting as an overlap of 2, each step oriented', () => {
    const edges = [e('A', 'B', 0.5), e('A', 'C', 4), e('B', 'C', 4), e('C', 'D', 0, true), e('D', 'F', 1)];
    // A–B directly costs 2; A–C–B costs 0.5. C–D is a collaboration (0.5).
    expect(shortestPath(edges, 'A', 'B')!.map((x) => `${x.source}>${x.target}`)).toEqual(['A>C', 'C>B']);
    expect(shortestPath(edges, 'F', 'A')!.map((x) => `${x.source}>${x.target}`)).toEqual(['F>D', 'D>C', 'C>A']);
    expect(shortestPath(edges, 'A', 'Z')).toBeNull();
    expect(shortestPath(edges, 'A', 'A')).toEqual([]);
  });
});

describe('periods and the network’s filters', () => {
  it('reads years, months and days, both ends included, and refuses other text by field', () => {
    expect(activeIn({ from: '2011', to: '2011' }, '2011-04-28', '2011-11-02')).toBe(true);
    expect(activeIn({ from: '2012', to: null }, '2011-04-28', '2011-11-02')).toBe(false);
    expect(activeIn({ from: null, to: '2010' }, '2011', null)).toBe(false);
    expect(activeIn({ from: '2030', to: null }, '2019', null)).toBe(true); // no end: still going
    expect(activeIn({ from: '2012-09', to: '2012-09' }, '2012-09-15', null)).toBe(true);
    expect(() => checkPeriod({ from: 'våren 2011' })).toThrow(expect.objectContaining({ field: 'period.from' }));
    expect(() => checkPeriod({ from: '2012', to: '2011' })).toThrow(expect.objectContaining({ field: 'period.to' }));
  });

  const p = build({
    orgs: [
      { id: 'A', offers: ['PREM'] },
      { id: 'B', needs: ['PREM'] },
      { id: 'C' },
      { id: 'D' },
      { id: 'X', offers: ['PREM'] },
    ],
    agreements: [{ id: 'AG', parties: ['A', 'C', 'KOMMUNEN'], startDate: '2015', endDate: '2016-12-31' }],
    collaborations: [['B', 'D']],
  });

  it('narrows a scope to an agreement’s parties, a resource’s offerers and needers, and what was active in a period', () => {
    const ids = (scope: Parameters<typeof resolveScope>[1]) => [...resolveScope(p, scope)].map((o) => p.orgIds[o]);
    expect(ids({ agreementIds: ['AG'] })).toEqual(['A', 'C']);
    expect(ids({ resourceTypeIds: ['PREM'] })).toEqual(['A', 'B', 'X']);
    expect(ids({ period: { from: '2016', to: '2016' } })).toEqual(['A', 'B', 'C', 'D']); // the collaboration has no dates: always
    expect(ids({ period: { from: '2020', to: null } })).toEqual(['B', 'D']);
    expect(() => ids({ agreementIds: ['NOPE'] })).toThrow(expect.objectContaining({ code: 'NOT_FOUND', field: 'agreementIds' }));
  });

  it('never puts forward an organisation the projection leaves out (a closed one), in scopes or suggestions', () => {
    const spec = { orgs: [{ id: 'A', tgs: ['UM'], districts: ['RINK'] }, { id: 'B', tgs: ['UM'], districts: ['RINK'] }, { id: 'CLOSED', tgs: ['UM'], districts: ['RINK'] }, ...['O1', 'O2', 'O3', 'O4', 'O5'].map((id) => ({ id, tgs: ['HOM'], districts: ['GBG'] }))] };
    const q = new Projection(input(spec), 1, { analysable: (o) => o.id !== 'CLOSED' });
    expect([...resolveScope(q, { targetGroupIds: ['UM'] })].map((o) => q.orgIds[o])).toEqual(['A', 'B']);
    expect(suggestPartners(q, 'A').suggestions.map((x) => x.organisationId)).toEqual(['B']);
    expect(whyNotSuggested(q, 'A', 'CLOSED').blockers).toEqual(['NOT_ANALYSABLE']);
    // It still counts for how common what it shares is: UM is had by three.
    expect(q.tgOrgClosure.size(q.tgIndex.get('UM')!)).toBe(3);
  });
});

describe('scores in parts and why not', () => {
  const p = build({
    orgs: [
      { id: 'F', name: 'Fokus', tgs: ['UM'], districts: ['RINK'] },
      { id: 'A', name: 'Alfa', tgs: ['UM'], districts: ['RINK'] },
      { id: 'B', name: 'Beta', tgs: ['UM'], districts: ['GBG'] },
      { id: 'P', name: 'Partnern', tgs: ['UM'], districts: ['RINK'] },
      { id: 'Z', name: 'Zeta', tgs: ['ELD'], districts: ['GBG'] },
    ],
    collaborations: [['F', 'P']],
    decisions: [{ organisationId: 'F', candidateId: 'B', decision: 'DISMISSED', decidedAt: 5 }],
  });

  it('sums the parts to the score', () => {
    for (const s of suggestPartners(p, 'F', { limit: 10 }).suggestions) {
      expect(scoreParts(s.reasons).reduce((t, x) => t + x.weight, 0) * s.feedback.factor).toBeCloseTo(s.score, 12);
    }
  });

  it('says what keeps an organisation out and what it lacks', () => {
    expect(whyNotSuggested(p, 'F', 'A', { limit: 5 })).toMatchObject({ suggested: true, blockers: [], rank: 1 });
    expect(whyNotSuggested(p, 'F', 'P').blockers).toEqual(['ALREADY_COLLABORATING']);
    expect(whyNotSuggested(p, 'F', 'B').blockers).toEqual(['DISMISSED']);
    const z = whyNotSuggested(p, 'F', 'Z');
    expect(z).toMatchObject({ suggested: false, blockers: ['NOTHING_IN_COMMON'], rank: null, score: 0, parts: [] });
    expect(z.missing).toEqual(['TARGET_GROUPS', 'PLACE', 'AGREEMENTS', 'UMBRELLAS', 'PARTNERS', 'RESOURCES']);
    expect(whyNotSuggested(p, 'F', 'F').blockers).toEqual(['SAME_ORGANISATION']);
    expect(() => whyNotSuggested(p, 'F', 'NOPE')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', field: 'candidateId' }));
  });
});
