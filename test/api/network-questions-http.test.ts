/**
 * Overlaps and suggestions a coordinator can question, over real HTTP on the seeded Stockholm
 * graph: the older people's network reads (its default backbone), no main reason is something more
 * than a quarter of the organisations share (counted through the organisation search and the
 * agreement's parties, apart from the analytics), reasons name their organisations and rest on
 * facts whose basis is the store's, scores are their parts, the path, the filters, and why an
 * organisation is not suggested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../helpers/harness.js';
import { ORGANISATION_FACT_RELATIONS } from '../../graph/model/facts.js';

const COMPACT = 'agr:stockholm-compact-2012';
const REASON = `kind weight common text organisations { id name } facts { relation targetId targetName basis confidence rule organisation { id } }`;

interface Fact { relation: string; targetId: string; targetName: string; basis: string | null; confidence: number | null; rule: string | null; organisation: { id: string } }
interface Reason { kind: string; weight: number; common: boolean; text: string; organisations: { id: string; name: string }[]; facts: Fact[] }
interface Edge { source: string; target: string; score: number; collaborating: boolean; shared: Reason[] }

describe('overlaps and suggestions a coordinator can question, over HTTP', () => {
  let s: TestServer;
  let total = 0;
  beforeAll(async () => {
    s = await testServer();
    const { body } = await s.post<{ organisations: { totalCount: number } }>('{ organisations(first: 1) { totalCount } }');
    total = body.data!.organisations.totalCount;
  });
  afterAll(async () => s.close());

  const network = async (variables: Record<string, unknown>) => {
    const { body } = await s.post<{ overlaps: { nodes: { id: string }[]; edges: Edge[]; perNode: number; totalEdgeCount: number } }>(
      `query ($f: OrganisationFilter, $per: Int, $ag: ID, $res: ID, $period: PeriodInput) { overlaps(filter: $f, perNode: $per, agreement: $ag, resource: $res, period: $period, first: 500) {
        perNode totalEdgeCount nodes { id } edges { source target score collaborating shared { ${REASON} } } } }`,
      variables,
    );
    return body;
  };

  it('draws the disability network as a backbone: at most 3 edges per organisation on average, more on request', async () => {
    const body = await network({ f: { targetGroups: ['tg:funktionsnedsattning'], includeWider: true } });
    expect(body.errors).toBeUndefined();
    const g = body.data!.overlaps;
    expect(g.perNode).toBe(2);
    const onEdge = new Set(g.edges.flatMap((e) => [e.source, e.target]));
    expect(onEdge.size).toBeGreaterThan(3);
    expect((2 * g.edges.length) / onEdge.size).toBeLessThanOrEqual(3);
    const all = (await network({ f: { targetGroups: ['tg:funktionsnedsattning'], includeWider: true }, per: 0 })).data!.overlaps;
    expect(all.edges.length).toBe(all.totalEdgeCount);
    expect(all.edges.length).toBeGreaterThanOrEqual(g.edges.length);
    // Every backbone edge is an edge of the whole graph.
    const keys = new Set(all.edges.map((e) => `${e.source}|${e.target}`));
    for (const e of g.edges) expect(keys.has(`${e.source}|${e.target}`)).toBe(true);
  });

  it('lists nothing more than a quarter of the organisations share among a pair’s main reasons', async () => {
    const g = (await network({ per: 0 })).data!.overlaps;
    expect(g.edges.length).toBeGreaterThan(50);
    const share = new Map<string, number>();
    const frequency = async (r: Reason): Promise<number> => {
      const key = `${r.kind}:${r.facts.map((f) => f.targetId).join(',')}`;
      if (share.has(key)) return share.get(key)!;
      let n = 0;
      if (r.kind === 'SHARED_TARGET_GROUP' || r.kind === 'SHARED_DISTRICT') {
        // The shared group or area is the narrowest one above both organisations' own; the search counts narrower ones too.
        const target = r.text; // for the message only
        const ids = [...new Set(r.facts.map((f) => f.targetId))];
        const field = r.kind === 'SHARED_TARGET_GROUP' ? 'targetGroups' : 'districts';
        const { body } = await s.post<{ organisations: { totalCount: number } }>(`query ($f: OrganisationFilter) { organisations(filter: $f, first: 1) { totalCount } }`, { f: { [field]: ids } });
        n = body.data!.organisations.totalCount;
        void target;
      } else if (r.kind === 'COMMON_AGREEMENT') {
        const { body } = await s.post<{ agreement: { parties: { totalCount: number } } }>(`query ($id: ID!) { agreement(id: $id) { parties(kind: ORGANISATION) { totalCount } } }`, { id: r.facts[0]!.targetId });
        n = body.data!.agreement.parties.totalCount;
      }
      share.set(key, n);
      return n;
    };
    let checked = 0;
    for (const e of g.edges.slice(0, 60)) {
      for (const r of e.shared.filter((x) => !x.common && x.facts.length > 0 && ['SHARED_TARGET_GROUP', 'COMMON_AGREEMENT'].includes(x.kind) && x.facts.every((f) => f.targetId === x.facts[0]!.targetId))) {
        expect(await frequency(r), r.text).toBeLessThanOrEqual(0.25 * total);
        checked++;
      }
      // And what is common is said as such: the 2012 compact (75 parties) never as a main reason.
      expect(e.shared.filter((r) => !r.common).some((r) => r.facts.some((f) => f.targetId === COMPACT))).toBe(false);
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('names both organisations in every reason and backs it with facts whose basis the store holds', async () => {
    const g = (await network({ f: { targetGroups: ['tg:funktionsnedsattning'], includeWider: true } })).data!.overlaps;
    const reasons = g.edges.flatMap((e) => e.shared.map((r) => ({ e, r })));
    expect(reasons.length).toBeGreaterThan(0);
    for (const { e, r } of reasons) {
      expect(r.organisations.map((o) => o.id)).toEqual([e.source, e.target]);
      for (const o of r.organisations) expect(r.text).toContain(o.name);
      expect(r.facts.length).toBeGreaterThan(0);
      for (const f of r.facts) expect([e.source, e.target]).toContain(f.organisation.id);
    }
    // The basis of each fact is the link's own, as the profile shows it.
    const checked = new Set<string>();
    for (const { r } of reasons.slice(0, 15)) {
      for (const f of r.facts.filter((x) => x.relation === 'SERVES')) {
        const { body } = await s.post<{ organisation: { targetGroups: { id: string; provenance: { basis: string; confidence: number; rule: string | null } }[] } }>(
          `query ($id: ID!) { organisation(id: $id) { targetGroups { id provenance { basis confidence rule } } } }`,
          { id: f.organisation.id },
        );
        const link = body.data!.organisation.targetGroups.find((l) => l.id === f.targetId)!;
        expect(f.basis).toBe(link.provenance.basis);
        if (f.basis === 'INFERRED') expect(f.rule).toBe(link.provenance.rule);
        checked.add(`${f.organisation.id}|${f.targetId}`);
      }
    }
    expect(checked.size).toBeGreaterThan(3);
    // The page asks for a chosen pair's facts apart: the same reasons and score.
    const e = g.edges[0]!;
    const { body } = await s.post<{ overlapPair: Edge }>(`query ($a: ID!, $b: ID!) { overlapPair(source: $a, target: $b) { source target score collaborating shared { ${REASON} } } }`, { a: e.source, b: e.target });
    expect(body.data!.overlapPair.score).toBeCloseTo(e.score, 9);
    expect(body.data!.overlapPair.shared.map((r) => r.text)).toEqual(e.shared.map((r) => r.text));
    const bad = await s.post(`{ overlapPair(source: "org:finns-inte", target: "org:convictus") { score } }`);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'source' });
  });

  it('says when a suggestion rests on an inferred fact, and explains the score in parts', async () => {
    const { body } = await s.post<{ partnershipSuggestions: { score: number; feedbackFactor: number; parts: { part: string; weight: number }[]; reasons: Reason[]; organisation: { id: string } }[] }>(
      `query ($id: ID!) { partnershipSuggestions(organisationId: $id, first: 10, language: SV) { score feedbackFactor parts { part weight } organisation { id } reasons { ${REASON} } } }`,
      { id: 'org:afasiforeningen-i-stockholms-lan' },
    );
    expect(body.errors).toBeUndefined();
    const list = body.data!.partnershipSuggestions;
    expect(list.length).toBeGreaterThan(0);
    for (const sg of list) {
      const sum = sg.parts.reduce((t, p) => t + p.weight, 0);
      expect(sg.score).toBeCloseTo(sum * sg.feedbackFactor, 9);
      for (const r of sg.reasons) expect(r.organisations[0]!.id).toBe('org:afasiforeningen-i-stockholms-lan');
    }
    const inferred = list.flatMap((x) => x.reasons).filter((r) => r.facts.some((f) => f.basis === 'INFERRED'));
    expect(inferred.length).toBeGreaterThan(0);
    for (const r of inferred) expect(r.text).toMatch(/härlett för/);
    for (const f of inferred.flatMap((r) => r.facts)) expect(ORGANISATION_FACT_RELATIONS).toContain(f.relation);
  });

  it('finds the path between two organisations, each step with what it shares, and refuses one outside the network', async () => {
    const g = (await network({ per: 0 })).data!.overlaps;
    const from = g.edges[0]!.source;
    // The farthest reachable: follow edges breadth first.
    const adj = new Map<string, string[]>();
    for (const e of g.edges) {
      adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
      adj.set(e.target, [...(adj.get(e.target) ?? []), e.source]);
    }
    const seen = new Map([[from, 0]]);
    const queue = [from];
    while (queue.length) {
      const x = queue.shift()!;
      for (const y of adj.get(x) ?? []) if (!seen.has(y)) (seen.set(y, seen.get(x)! + 1), queue.push(y));
    }
    const to = [...seen.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const { body } = await s.post<{ overlapPath: { found: boolean; steps: Edge[] } }>(
      `query ($from: ID!, $to: ID!) { overlapPath(from: $from, to: $to) { found steps { source target score collaborating shared { ${REASON} } } } }`,
      { from, to },
    );
    expect(body.errors).toBeUndefined();
    const path = body.data!.overlapPath;
    expect(path.found).toBe(true);
    expect(path.steps.length).toBeGreaterThanOrEqual(2);
    expect(path.steps[0]!.source).toBe(from);
    expect(path.steps.at(-1)!.target).toBe(to);
    for (let i = 1; i < path.steps.length; i++) expect(path.steps[i]!.source).toBe(path.steps[i - 1]!.target);
    for (const step of path.steps) {
      if (!step.collaborating) expect(step.shared.length).toBeGreaterThan(0);
      for (const r of step.shared) expect(r.organisations.map((o) => o.id)).toEqual([step.source, step.target]);
    }
    const outside = await s.post(`query ($from: ID!, $to: ID!) { overlapPath(from: $from, to: $to, filter: { targetGroups: ["tg:aldre"] }) { found } }`, { from: 'org:convictus', to });
    expect(outside.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('narrows the network to an agreement’s parties, a resource and a period, and names a bad period by field', async () => {
    const ag = (await network({ ag: 'agr:stockholm-compact-2012', per: 0 })).data!.overlaps;
    const { body: parties } = await s.post<{ agreement: { parties: { nodes: { id: string }[] } } }>(`{ agreement(id: "${COMPACT}") { parties(kind: ORGANISATION, first: 100) { nodes { id } } } }`);
    const partyIds = new Set(parties.data!.agreement.parties.nodes.map((n) => n.id));
    expect(ag.nodes.length).toBeGreaterThan(0);
    for (const n of ag.nodes) expect(partyIds.has(n.id)).toBe(true);
    const res = (await network({ res: 'res:lokaler', per: 0 })).data!.overlaps;
    const { body: premises } = await s.post<{ a: { edges: { node: { id: string } }[] }; b: { edges: { node: { id: string } }[] } }>(
      `{ a: organisations(filter: { resourcesOffered: ["res:lokaler"] }, first: 100) { edges { node { id } } } b: organisations(filter: { resourcesNeeded: ["res:lokaler"] }, first: 100) { edges { node { id } } } }`,
    );
    const withPremises = new Set([...premises.data!.a.edges, ...premises.data!.b.edges].map((e) => e.node.id));
    for (const n of res.nodes) expect(withPremises.has(n.id)).toBe(true);
    // The 2011 working group (with the compact of 2012 not yet signed) is what ran in 2011.
    const in2011 = (await network({ period: { from: '2011', to: '2011' }, per: 0 })).data!.overlaps;
    expect(in2011.nodes.map((n) => n.id)).toContain('org:stockholms-stadsmission');
    expect(in2011.nodes.length).toBeLessThan(ag.nodes.length);
    const bad = await network({ period: { from: '2011', to: 'våren' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' });
    const unknown = await network({ ag: 'agr:finns-inte' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agreement' });
  });

  it('explains why an organisation is not suggested: a partner, a suggestion, and one ranked lower with the parts it lacks', async () => {
    const ask = async (candidate: string) =>
      (
        await s.post<{ whyNotSuggested: { suggested: boolean; blockers: string[]; rank: number | null; score: number; lastShownScore: number | null; missing: string[]; parts: { part: string }[]; reasons: Reason[] } }>(
          `query ($c: ID!) { whyNotSuggested(organisationId: "org:stockholms-stadsmission", candidateId: $c) { suggested blockers rank score lastShownScore missing parts { part } reasons { ${REASON} } } }`,
          { c: candidate },
        )
      ).body;
    const { body: top } = await s.post<{ partnershipSuggestions: { organisation: { id: string } }[] }>(`{ partnershipSuggestions(organisationId: "org:stockholms-stadsmission", first: 8) { organisation { id } } }`);
    const first = top.data!.partnershipSuggestions[0]!.organisation.id;
    expect((await ask(first)).data!.whyNotSuggested).toMatchObject({ suggested: true, blockers: [], rank: 1 });
    const { body: profile } = await s.post<{ organisation: { collaborations: { id: string }[] } }>(`{ organisation(id: "org:stockholms-stadsmission") { collaborations { id } } }`);
    expect(profile.data!.organisation.collaborations.length).toBeGreaterThan(0);
    const { body: collab } = await s.post<{ collaboration: { participants: { organisation: { id: string } | null }[] } }>(
      `query ($id: ID!) { collaboration(id: $id) { participants { organisation { id } } } }`,
      { id: profile.data!.organisation.collaborations[0]!.id },
    );
    const partner = collab.data!.collaboration.participants.map((x) => x.organisation?.id).find((id) => id && id !== "org:stockholms-stadsmission")!;
    expect((await ask(partner)).data!.whyNotSuggested.blockers).toContain('ALREADY_COLLABORATING');
    const self = (await ask("org:stockholms-stadsmission")).data!.whyNotSuggested;
    expect(self).toMatchObject({ suggested: false, blockers: ['SAME_ORGANISATION'], rank: null });
    const unknown = await ask('org:finns-inte');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'candidateId', reason: 'UNKNOWN_ID' });
    // The 12th of the ranking, with 8 shown: ranked lower, its parts and the parts it lacks.
    const { body: more } = await s.post<{ partnershipSuggestions: { score: number; organisation: { id: string } }[] }>(`{ partnershipSuggestions(organisationId: "org:stockholms-stadsmission", first: 12) { score organisation { id } } }`);
    const twelfth = more.data!.partnershipSuggestions[11]!;
    const lower = (await ask(twelfth.organisation.id)).data!.whyNotSuggested;
    expect(lower).toMatchObject({ suggested: false, blockers: ['RANKED_LOWER'], rank: 12 });
    expect(lower.score).toBeCloseTo(twelfth.score, 9);
    expect(lower.lastShownScore!).toBeGreaterThanOrEqual(lower.score);
    expect(lower.parts.length + lower.missing.length).toBeGreaterThanOrEqual(6);
    for (const m of lower.missing) expect(lower.parts.map((p) => p.part)).not.toContain(m);
  });
});
