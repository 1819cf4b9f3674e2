/**
 * The analytics part of the API over real HTTP against the seeded Stockholm graph: coverage and
 * coverage gaps (checked against the organisation search, a different path through the store),
 * the overlap graph, collaboration gaps, brokers, communities, the IOP audit gaps per committee,
 * an agreement's signatories (checked against the seed file) and district geometry; and the
 * typed errors for bad arguments.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { testServer, type TestServer } from '../helpers/harness.js';
import { formatError } from '../../server/graphql/errors.js';
import { AnalyticsInputError } from '../../graph/analytics/index.js';

const COMPACT = 'agr:stockholm-compact-2012';

describe('analytics over HTTP', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(async () => {
    await s.close();
  });

  const count = async (targetGroup: string, district: string) => {
    const { body } = await s.post<{ organisations: { totalCount: number } }>(
      `query ($f: OrganisationFilter) { organisations(filter: $f, first: 1) { totalCount } }`,
      { f: { targetGroups: [targetGroup], districts: [district], includeWider: true } },
    );
    expect(body.errors).toBeUndefined();
    return body.data!.organisations.totalCount;
  };

  it("lists the 2012 compact's 75 signatories, page by page, each with its source", async () => {
    const seeded = JSON.parse(fs.readFileSync('seeds/data/signatories-2012.json', 'utf8')) as { organisationId: string; agreementId: string }[];
    const expected = new Set(seeded.filter((x) => x.agreementId === COMPACT).map((x) => x.organisationId));
    expect(expected.size).toBe(75);
    const q = `query ($id: ID!, $after: String) { agreement(id: $id) { name signatories(first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      nodes { id name kind role organisation { id name } provenance { basis locator source { id title } } } } } }`;
    type Page = { agreement: { signatories: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string; kind: string; role: string; organisation: { id: string } | null; provenance: { basis: string; source: { title: string } | null } }[] } } };
    const first = await s.post<Page>(q, { id: COMPACT });
    expect(first.body.errors).toBeUndefined();
    const p1 = first.body.data!.agreement.signatories;
    expect(p1.totalCount).toBe(75);
    expect(p1.nodes).toHaveLength(50);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const second = await s.post<Page>(q, { id: COMPACT, after: p1.pageInfo.endCursor });
    const p2 = second.body.data!.agreement.signatories;
    expect(p2.nodes).toHaveLength(25);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const all = [...p1.nodes, ...p2.nodes];
    expect(new Set(all.map((n) => n.id))).toEqual(expected);
    for (const n of all) {
      expect(n).toMatchObject({ kind: 'ORGANISATION', role: 'SIGNATORY', organisation: { id: n.id } });
      expect(n.provenance.basis).toBe('STATED');
      expect(n.provenance.source?.title).toBeTruthy();
    }
    // The city's side of the compact: its committees, as public bodies.
    const parties = await s.post<{ agreement: { parties: { totalCount: number; nodes: { kind: string; publicBody: { name: string } | null }[] } } }>(
      `{ agreement(id: "${COMPACT}") { parties(kind: PUBLIC_BODY) { totalCount nodes { kind publicBody { name } } } } }`,
    );
    expect(parties.body.data!.agreement.parties.nodes.map((n) => n.publicBody?.name)).toEqual(expect.arrayContaining(['Socialnämnden', 'Äldrenämnden']));
    const everyone = await s.post<{ agreement: { parties: { totalCount: number } } }>(`{ agreement(id: "${COMPACT}") { parties { totalCount } } }`);
    expect(everyone.body.data!.agreement.parties.totalCount).toBe(75 + parties.body.data!.agreement.parties.totalCount);
  });

  it('finds the districts of Stockholm without any organisation for a target group, as the organisation search confirms', async () => {
    const q = `query ($t: [ID!]) {
      coverage(level: STADSDELSOMRADE, targetGroups: $t, includeRegionalAndNational: true) { districts { id } }
      coverageGaps(level: STADSDELSOMRADE, targetGroups: $t, kinds: [NO_ORGANISATION], includeRegionalAndNational: true) { kind district { id name } targetGroup { id } text evidence { localCount areaCount cityWideCount } } }`;
    let gapsSeen = 0;
    for (const tg of ['tg:ensamkommande', 'tg:hemlosa', 'tg:familjehemsplacerade-barn']) {
      const { body } = await s.post<{ coverage: { districts: { id: string }[] }; coverageGaps: { kind: string; district: { id: string; name: string }; targetGroup: { id: string }; text: string; evidence: { localCount: number; areaCount: number; cityWideCount: number } }[] }>(q, { t: [tg] });
      expect(body.errors).toBeUndefined();
      const districts = body.data!.coverage.districts.map((d) => d.id);
      // Today's division: the 11 stadsdelsområden since 2023-07-01.
      expect(districts).toHaveLength(11);
      const gaps = new Set(body.data!.coverageGaps.map((g) => g.district.id));
      for (const g of body.data!.coverageGaps) {
        expect(g.kind).toBe('NO_ORGANISATION');
        expect(g.targetGroup.id).toBe(tg);
        expect(g.evidence).toEqual({ localCount: 0, areaCount: 0, cityWideCount: 0 });
        expect(g.text).toContain(g.district.name);
      }
      for (const d of districts) expect(await count(tg, d) === 0, `${tg} in ${d}`).toBe(gaps.has(d));
      gapsSeen += gaps.size;
    }
    expect(gapsSeen).toBeGreaterThan(0);
  });

  it('shows coverage of victims of crime by stadsdelsområde in either division, city-wide organisations and inferred facts apart', async () => {
    type Matrix = {
      municipality: { name: string };
      division: { validOn: string; validFrom: string | null; validTo: string | null };
      targetGroups: { id: string }[];
      cityWide: { count: number; inferredCount: number; organisations: { name: string; inferred: boolean }[] }[];
      cells: { district: { id: string; name: string }; localCount: number; areaCount: number; cityWideCount: number; totalCount: number; localInferredCount: number; local: { id: string; name: string; inferred: boolean; targetGroups: { id: string }[]; districts: { id: string }[] }[] }[];
      projectionBuiltAt: string;
    };
    const q = `query ($on: String) { coverage(targetGroups: ["tg:brottsoffer"], includeRegionalAndNational: true, validOn: $on) { municipality { name } targetGroups { id } projectionBuiltAt
         division { validOn validFrom validTo }
         cityWide { count inferredCount organisations { name inferred } }
         cells { district { id name } localCount areaCount cityWideCount totalCount localInferredCount local { id name inferred targetGroups { id } districts { id } } } } }`;
    const { body } = await s.post<{ coverage: Matrix }>(q, {});
    expect(body.errors).toBeUndefined();
    const m = body.data!.coverage;
    expect(m.municipality.name).toBe('Stockholm');
    expect(Date.parse(m.projectionBuiltAt)).toBeGreaterThan(0);
    // The current division: 11 rows, Järva and Norra innerstaden among them, in force since 2023-07-01.
    expect(m.cells).toHaveLength(11);
    expect(m.division).toMatchObject({ validFrom: '2023-07-01', validTo: null });
    expect(m.cells.map((c) => c.district.name)).toEqual(expect.arrayContaining(['Järva', 'Norra innerstaden']));
    for (const c of m.cells) {
      expect(c.totalCount).toBe(c.localCount + c.areaCount + c.cityWideCount);
      expect(c.local).toHaveLength(c.localCount);
      expect(c.localInferredCount).toBe(c.local.filter((o) => o.inferred).length);
    }
    // Brottsofferjouren Stockholms Innerstad-Lidingö: placed in Södermalm only by its name, and serving victims only by its name.
    const soder = m.cells.find((c) => c.district.name === 'Södermalm')!;
    const jour = soder.local.find((o) => o.id === 'org:brottsofferjouren-stockholms-innerstad-lidingo')!;
    expect(jour.inferred).toBe(true);
    expect(soder.localInferredCount).toBeGreaterThan(0);
    expect(soder.totalCount).toBe(await count('tg:brottsoffer', soder.district.id));
    // Its Norrmalm and Östermalm count in Norra innerstaden now.
    expect(m.cells.find((c) => c.district.name === 'Norra innerstaden')!.local.map((o) => o.id)).toContain('org:brottsofferjouren-stockholms-innerstad-lidingo');
    expect(m.cityWide[0]!.inferredCount).toBeLessThanOrEqual(m.cityWide[0]!.count);

    // The division of 2020-07-01–2023-06-30: 13 rows.
    const old = await s.post<{ coverage: Matrix }>(q, { on: '2022-06-01' });
    expect(old.body.errors).toBeUndefined();
    expect(old.body.data!.coverage.cells).toHaveLength(13);
    expect(old.body.data!.coverage.division).toMatchObject({ validOn: '2022-06-01', validFrom: '2020-07-01', validTo: '2023-06-30' });
    expect(old.body.data!.coverage.cells.map((c) => c.district.name)).toEqual(expect.arrayContaining(['Rinkeby-Kista', 'Spånga-Tensta', 'Norrmalm', 'Östermalm']));
    expect(old.body.data!.coverage.cells.find((c) => c.district.name === 'Norrmalm')!.local.map((o) => o.id)).toContain('org:brottsofferjouren-stockholms-innerstad-lidingo');

    const divisions = await s.post<{ districtDivisions: { validFrom: string; validTo: string | null; current: boolean; districts: { name: string }[] }[] }>(
      '{ districtDivisions { validFrom validTo current districts { name } } }',
    );
    expect(divisions.body.data!.districtDivisions.map((d) => [d.validFrom, d.validTo, d.current, d.districts.length])).toEqual([
      ['2020-07-01', '2023-06-30', false, 13],
      ['2023-07-01', null, true, 11],
    ]);
  });

  it('draws the overlap graph with communities, broker scores, what is shared and existing collaborations', async () => {
    const q = `query ($f: OrganisationFilter, $min: Float) { overlaps(filter: $f, minScore: $min, first: 40) { minScore scopeSize totalEdgeCount projectionBuiltAt
      nodes { id name organisation { id } communityId betweenness collaborationCount }
      edges { source target score collaborating collaborationIds shared { kind text targetGroups { id } } }
      collaborationEdges { source target collaborationIds } } }`;
    type G = { overlaps: { minScore: number; scopeSize: number; totalEdgeCount: number; nodes: { id: string; organisation: { id: string }; communityId: number | null; betweenness: number; collaborationCount: number }[]; edges: { source: string; target: string; score: number; collaborating: boolean; collaborationIds: string[]; shared: { kind: string; text: string }[] }[]; collaborationEdges: { source: string; target: string; collaborationIds: string[] }[] } };
    const disability = await s.post<G>(q, { f: { targetGroups: ['tg:funktionsnedsattning'] }, min: 0.3 });
    expect(disability.body.errors).toBeUndefined();
    const h = disability.body.data!.overlaps;
    expect(h.nodes.map((n) => n.id)).toContain('org:afasiforeningen-i-stockholms-lan');
    expect(h.edges.length).toBeGreaterThan(0);
    const ids = new Set(h.nodes.map((n) => n.id));
    for (const [i, e] of h.edges.entries()) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(e.score).toBeGreaterThanOrEqual(0.3);
      if (i > 0) expect(e.score).toBeLessThanOrEqual(h.edges[i - 1]!.score);
      expect(e.shared.length).toBeGreaterThan(0);
      expect(e.shared.some((r) => r.kind === 'SHARED_TARGET_GROUP')).toBe(true);
      expect(e.collaborating).toBe(e.collaborationIds.length > 0);
    }

    // The whole seeded graph: collaborations form communities and have brokers.
    const all = await s.post<G>(q, { min: 1.5 });
    expect(all.body.errors).toBeUndefined();
    const g = all.body.data!.overlaps;
    expect(g.edges.length).toBeLessThanOrEqual(40);
    expect(g.totalEdgeCount).toBeGreaterThanOrEqual(g.edges.length);
    expect(g.collaborationEdges.length).toBeGreaterThan(0);
    const nodeIds = new Set(g.nodes.map((n) => n.id));
    for (const e of g.collaborationEdges) {
      expect(nodeIds.has(e.source) && nodeIds.has(e.target)).toBe(true);
      expect(e.collaborationIds.length).toBeGreaterThan(0);
    }
    const brokers = await s.post<{ brokers: { brokers: { organisation: { id: string }; betweenness: number; communityId: number }[] } }>(`{ brokers(first: 3) { brokers { organisation { id } betweenness communityId } } }`);
    const top = brokers.body.data!.brokers.brokers[0]!;
    expect(top.betweenness).toBeGreaterThan(0);
    const node = g.nodes.find((n) => n.id === top.organisation.id)!;
    expect(node.betweenness).toBeCloseTo(top.betweenness, 9);
    expect(node.communityId).toBe(top.communityId);
    expect(g.nodes.filter((n) => n.collaborationCount === 0).every((n) => n.communityId === null)).toBe(true);
  });

  it('lays the overlap graph out on the server: finite positions, diameters by betweenness, the same picture on every request', async () => {
    const q = `query ($f: OrganisationFilter, $iso: Boolean) { overlaps(filter: $f, minScore: 0.5, first: 60, includeIsolated: $iso) {
      nodes { id betweenness x y diameter } edges { source target } collaborationEdges { source target } } }`;
    type G = { overlaps: { nodes: { id: string; betweenness: number; x: number; y: number; diameter: number }[]; edges: { source: string; target: string }[]; collaborationEdges: { source: string; target: string }[] } };
    const older = { f: { targetGroups: ['tg:aldre'], includeWider: true }, iso: true };
    const first = await s.post<G>(q, older);
    expect(first.body.errors).toBeUndefined();
    const g = first.body.data!.overlaps;
    expect(g.nodes.length).toBeGreaterThan(10);
    const maxB = Math.max(...g.nodes.map((n) => n.betweenness));
    for (const n of g.nodes) {
      expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
      expect(n.diameter).toBeGreaterThanOrEqual(14);
      expect(n.diameter).toBeLessThanOrEqual(36);
      if (maxB > 0) expect(n.diameter).toBeCloseTo(14 + 22 * (n.betweenness / maxB), 9);
    }
    // No two nodes on the same spot.
    expect(new Set(g.nodes.map((n) => `${Math.round(n.x)},${Math.round(n.y)}`)).size).toBe(g.nodes.length);
    // Organisations without an edge lie below those with one.
    const onEdge = new Set([...g.edges, ...g.collaborationEdges].flatMap((e) => [e.source, e.target]));
    const linked = g.nodes.filter((n) => onEdge.has(n.id));
    const lonely = g.nodes.filter((n) => !onEdge.has(n.id));
    expect(linked.length).toBeGreaterThan(0);
    if (lonely.length > 0) expect(Math.min(...lonely.map((n) => n.y))).toBeGreaterThan(Math.max(...linked.map((n) => n.y)));
    // Deterministic and cached: the same answer again.
    const again = await s.post<G>(q, older);
    expect(again.body.data!.overlaps).toEqual(g);
    // Another cut of the same graph (without isolated organisations) is laid out on its own.
    const cut = await s.post<G>(q, { ...older, iso: false });
    expect(cut.body.data!.overlaps.nodes.length).toBe(linked.length);
  });

  it('lists collaboration gaps of each kind with their evidence', async () => {
    type Gap = { kind: string; organisationIds: string[]; organisations: { id: string }[]; score: number | null; targetGroup: { id: string } | null; evidence: { reasons: { text: string }[]; organisationCount: number | null; targetGroups: { id: string }[] } };
    const fields = `kind organisationIds organisations { id } score targetGroup { id } evidence { reasons { text } organisationCount targetGroups { id } }`;
    const { body } = await s.post<{ collaborationGaps: Gap[]; collaborationGapReport: { totals: { pairs: number; isolated: number; targetGroups: number }; pairs: Gap[]; isolated: Gap[]; targetGroups: Gap[] }; fragmentedTargetGroups: Gap[]; isolatedOrganisations: Gap[] }>(
      `{ collaborationGaps(first: 5, minScore: 1, kinds: [HIGH_OVERLAP_PAIR]) { ${fields} }
         collaborationGapReport(first: 5, minScore: 1) { totals { pairs isolated targetGroups } pairs { ${fields} } isolated { ${fields} } targetGroups { ${fields} } }
         fragmentedTargetGroups(first: 5) { ${fields} }
         isolatedOrganisations(first: 5) { ${fields} } }`,
    );
    expect(body.errors).toBeUndefined();
    const d = body.data!;
    expect(d.collaborationGaps.length).toBeGreaterThan(0);
    for (const g of d.collaborationGaps) {
      expect(g.kind).toBe('HIGH_OVERLAP_PAIR');
      expect(g.organisations.map((o) => o.id)).toEqual(g.organisationIds);
      expect(g.score).toBeGreaterThanOrEqual(1);
      expect(g.evidence.reasons.length).toBeGreaterThan(0);
    }
    expect(d.collaborationGapReport.pairs).toEqual(d.collaborationGaps);
    expect(d.collaborationGapReport.totals.pairs).toBeGreaterThanOrEqual(d.collaborationGaps.length);
    expect(d.fragmentedTargetGroups.every((g) => g.kind === 'TARGET_GROUP_WITHOUT_COLLABORATION' && g.targetGroup && (g.evidence.organisationCount ?? 0) >= 3)).toBe(true);
    expect(d.isolatedOrganisations.length).toBeGreaterThan(0);
    // An isolated organisation has no collaboration, as its profile (read from the store) confirms.
    for (const g of d.isolatedOrganisations) {
      expect(g.kind).toBe('NO_COLLABORATION');
      const profile = await s.post<{ organisation: { collaborations: { id: string }[] } }>(`query ($id: ID!) { organisation(id: $id) { collaborations { id } } }`, { id: g.organisationIds[0] });
      const collaborations = profile.body.data!.organisation.collaborations.map((c) => c.id);
      // Alone in its collaborations (if any): no other organisation participates, as the store says.
      const participants = await s.store.links.incoming('collaboration', collaborations);
      for (const [, links] of participants) expect(links.map((l) => l.id)).toEqual([g.organisationIds[0]]);
    }
  });

  it('shows the IOPs missing audit criteria, per agreement and per committee', async () => {
    const { body } = await s.post<{ agreementGaps: { auditCriteria: { agreement: { id: string; kind: string }; committees: { id: string; name: string }[]; missing: string[]; criteria: { criterion: string; state: string }[]; isSummary: boolean; summaryCount: number | null }[]; byCommittee: { committee: { name: string }; agreementCount: number; missing: { criterion: string; agreements: number }[]; gaps: { agreement: { id: string } }[] }[] } }>(
      `{ agreementGaps { auditCriteria { agreement { id kind } committees { id name } missing criteria { criterion state } isSummary summaryCount }
         byCommittee { committee { name } agreementCount missing { criterion agreements } gaps { agreement { id } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const gaps = body.data!.agreementGaps;
    expect(gaps.auditCriteria.length).toBeGreaterThan(0);
    for (const g of gaps.auditCriteria) {
      expect(g.agreement.kind).toBe('IOP');
      expect(g.criteria).toHaveLength(9);
      expect(g.missing.length).toBeGreaterThan(0);
      for (const m of g.missing) expect(['MISSING', 'PARTLY_MET']).toContain(g.criteria.find((c) => c.criterion === m)?.state);
    }
    const farsta = gaps.byCommittee.find((c) => c.committee.name === 'Farsta stadsdelsnämnd')!;
    expect(farsta).toBeDefined();
    const record = gaps.auditCriteria.find((g) => g.agreement.id === 'agr:iop-farsta-stadsdelsnamnd-2021')!;
    expect(farsta.agreementCount).toBe(record.summaryCount);
    expect(farsta.missing.map((m) => m.criterion).sort()).toEqual([...record.missing].sort());
    // The audit (source 004) answered "Nej" for every committee: missing, not unknown.
    const committees = gaps.auditCriteria.filter((g) => g.isSummary);
    expect(committees).toHaveLength(4);
    for (const g of committees) expect(g.missing).toEqual(expect.arrayContaining(['SOCIETAL_CHALLENGE', 'POLITICAL_PROGRAMME']));
  });

  it('gives district geometry as GeoJSON for the coverage map', async () => {
    const { body } = await s.post<{ districts: { id: string; geometry: { type: string; coordinates: unknown[] } | null }[]; district: { geometry: unknown } }>(
      `{ districts(kind: STADSDELSOMRADE) { id geometry } district(id: "district:country-se") { geometry } }`,
    );
    expect(body.errors).toBeUndefined();
    // Both divisions: the 11 current stadsdelsområden and the 4 that were merged into two of them.
    expect(body.data!.districts).toHaveLength(15);
    for (const d of body.data!.districts) {
      expect(['Polygon', 'MultiPolygon']).toContain(d.geometry?.type);
      expect(d.geometry!.coordinates.length).toBeGreaterThan(0);
    }
    expect(body.data!.district.geometry).toBeNull();
  });

  it('answers bad analytics arguments with BAD_USER_INPUT naming the argument', async () => {
    const cases: [string, string][] = [
      ['{ coverage(municipality: "district:nowhere") { cells { totalCount } } }', 'municipality'],
      ['{ coverage(municipality: "district:sdo-sodermalm") { cells { totalCount } } }', 'municipality'],
      ['{ coverage(level: COUNTRY) { cells { totalCount } } }', 'level'],
      ['{ coverage(targetGroups: ["tg:hemlosa", "tg:nope"]) { cells { totalCount } } }', 'targetGroups.1'],
      [`{ coverage(targetGroups: [${Array.from({ length: 61 }, () => '"tg:hemlosa"').join(',')}]) { cells { totalCount } } }`, 'targetGroups'],
      ['{ coverage(maxListed: 1000) { cells { totalCount } } }', 'maxListed'],
      ['{ coverageGaps(targetGroups: ["tg:nope"]) { kind } }', 'targetGroups.0'],
      ['{ overlaps(minScore: -1) { minScore } }', 'minScore'],
      ['{ overlaps(first: 0) { minScore } }', 'first'],
      ['{ overlaps(filter: {districts: ["district:nowhere"]}) { minScore } }', 'filter.districts.0'],
      ['{ overlaps(filter: {resourcesOffered: ["res:nope"]}) { minScore } }', 'filter.resourcesOffered.0'],
      ['{ collaborationGaps(first: 101) { kind } }', 'first'],
      ['{ collaborationGaps(filter: {targetGroups: ["tg:nope"]}) { kind } }', 'filter.targetGroups.0'],
      ['{ brokers(filter: {targetGroups: ["tg:nope"]}) { nodeCount } }', 'filter.targetGroups.0'],
      ['{ communities(minSize: 0) { modularity } }', 'minSize'],
      ['{ agreementGaps(agreements: ["agr:nope"]) { signatoryContactCount } }', 'agreements.0'],
      [`{ agreement(id: "${COMPACT}") { parties(after: "bm90IGEgY3Vyc29y") { totalCount } } }`, 'after'],
      [`{ agreement(id: "${COMPACT}") { parties(first: 101) { totalCount } } }`, 'first'],
      [`{ agreement(id: "${COMPACT}") { parties(role: "x' OR 1=1") { totalCount } } }`, 'role'],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await s.post(query);
      expect(status, query).toBe(200);
      expect(body.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.extensions?.field, query).toBe(field);
      expect(body.errors?.[0]?.message, query).toBeTruthy();
    }
    const ok = await s.post<{ coverage: { cells: unknown[] } }>('{ coverage { cells { totalCount } } }');
    expect(ok.body.data!.coverage.cells.length).toBeGreaterThan(0);
  });

  it('maps an analytics refusal of a too large scope to QUERY_TOO_COMPLEX naming what to narrow', () => {
    const error = new GraphQLError('x', { path: ['overlaps'], originalError: new AnalyticsInputError('TOO_LARGE', 'filter', 'The filter matches 250000 organisations; the overlap graph is limited to 2000.') });
    const formatted = formatError({ message: 'x', path: ['overlaps'] }, error);
    expect(formatted.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', reason: 'RESULT_TOO_LARGE', field: 'filter' });
    expect(formatted.message).toMatch(/Narrow the filter/);
  });
});
