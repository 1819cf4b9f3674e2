/**
 * An organisation's new target group shows in `partnershipSuggestions` and `coverage` over HTTP
 * as soon as the mutation that added it has returned: the write patches the analytics projection
 * (graph/projection-service.ts). The rebuild's debounce is set far beyond the test, so no rebuild
 * can be what makes it show.
 */
import { describe, expect, it } from 'vitest';
import { serverForSuite } from '../helpers/server.js';

type Suggestions = { partnershipSuggestions: { organisation: { id: string }; reasons: { targetGroups: { id: string }[] }[] }[] };
type Coverage = { coverage: { municipality: { id: string }; cityWide: { count: number }[]; cells: { totalCount: number }[] } };

const SUGGESTIONS = 'query ($id: ID!) { partnershipSuggestions(organisationId: $id, first: 50) { organisation { id } reasons { targetGroups { id } } } }';
const COVERAGE = 'query ($tg: ID!) { coverage(level: STADSDEL, targetGroups: [$tg]) { municipality { id } cityWide { count } cells { totalCount } } }';

describe('analytics follow a new target group at once', () => {
  const { h, editor } = serverForSuite({ projectionDebounceMs: 600_000 });

  it('partnershipSuggestions and coverage reflect it right after addOrganisationLink returns', async () => {
    const covered = (c: Coverage) => c.coverage.cityWide.reduce((n, x) => n + x.count, 0) + c.coverage.cells.reduce((n, x) => n + x.totalCount, 0);
    const named = (s: Suggestions, tg: string) => s.partnershipSuggestions.filter((x) => x.reasons.some((r) => r.targetGroups.some((t) => t.id === tg))).map((x) => x.organisation.id);

    // The first request builds the projection; pick from it an organisation in the coverage's
    // municipality and the rarest target group it does not serve that another organisation does.
    const probe = (await editor.gql<Coverage>(COVERAGE, { tg: 'tg:aldre' })).body.data!;
    const p = await h.store.projections.current();
    const municipality = p.requireDistrict(probe.coverage.municipality.id);
    const org = p.orgIds.findIndex((_, i) => !p.orgClosed[i] && p.orgDistrictClosure.has(i, municipality) && p.orgTg.size(i) > 0);
    expect(org).toBeGreaterThanOrEqual(0);
    const id = p.orgIds[org]!;
    const tg = p.tgIds
      .map((_, t) => t)
      .filter((t) => p.tgOrg.size(t) > 0 && !p.orgTgClosure.has(org, t) && p.tgDescendants[t]!.length === 0)
      .sort((a, b) => p.tgOrg.size(a) - p.tgOrg.size(b))
      .map((t) => p.tgIds[t]!)[0]!;
    expect(tg).toBeDefined();

    const before = (await editor.gql<Suggestions>(SUGGESTIONS, { id })).body;
    expect(before.errors).toBeUndefined();
    expect(named(before.data!, tg)).toEqual([]);
    const coverageBefore = (await editor.gql<Coverage>(COVERAGE, { tg })).body.data!;

    const added = await editor.gql<{ addOrganisationLink: { errors: { code: string }[] } }>('mutation ($id: ID!, $tg: ID!) { addOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: $tg) { errors { code } } }', { id, tg });
    expect(added.body.data!.addOrganisationLink.errors).toEqual([]);

    const after = (await editor.gql<Suggestions>(SUGGESTIONS, { id })).body;
    expect(after.errors).toBeUndefined();
    expect(named(after.data!, tg).length).toBeGreaterThan(0);
    const coverageAfter = (await editor.gql<Coverage>(COVERAGE, { tg })).body.data!;
    expect(covered(coverageAfter)).toBeGreaterThan(covered(coverageBefore));
  });

  it('partnershipSuggestions never names an organisation deleted since the projection was built', async () => {
    const FACTS = 'query ($id: ID!) { partnershipSuggestions(organisationId: $id, first: 50) { organisation { id } reasons { facts { organisation { id } } } } }';
    type WithFacts = { partnershipSuggestions: { organisation: { id: string }; reasons: { facts: { organisation: { id: string } }[] }[] }[] };
    // An organisation with suggestions; its first suggested partner is deleted (no rebuild follows within the test).
    const p = await h.store.projections.current();
    const id = p.orgIds.find((o) => o !== h.users.repOrg && o !== h.users.otherOrg && !p.orgClosed[p.orgIndex.get(o)!] && p.orgTg.size(p.orgIndex.get(o)!) > 0)!;
    const before = (await editor.gql<WithFacts>(FACTS, { id })).body;
    expect(before.errors).toBeUndefined();
    const gone = before.data!.partnershipSuggestions[0]!.organisation.id;
    expect(gone).not.toBe(id);
    await h.store.organisations.delete(gone);

    const after = (await editor.gql<WithFacts>(FACTS, { id })).body;
    expect(after.errors).toBeUndefined();
    const named = after.data!.partnershipSuggestions.flatMap((s) => [s.organisation.id, ...s.reasons.flatMap((r) => r.facts.map((f) => f.organisation.id))]);
    expect(named.length).toBeGreaterThan(0);
    expect(named).not.toContain(gone);
  });
});
