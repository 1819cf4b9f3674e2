/**
 * Partnership suggestions on the seeded Stockholm graph, read from the store as the server does:
 * for Convictus, Stockholms Stadsmission and Afasiföreningen every suggestion comes with reasons,
 * some name real shared target groups or districts, and every reason is true in the graph
 * (checked here against the store's relationships, independently of the analytics code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { seedIfEmpty } from '../../seeds/load/seed.js';
import { readProjectionInput } from '../../graph/repo/projection-source.js';
import { buildProjection, suggestPartners, describeReason, type Projection, type ProjectionInput, type Reason } from '../../graph/analytics/index.js';
import { OrganisationRepository } from '../../graph/repo/organisations.js';

type Pairs = readonly (readonly [string, string])[];

function index(pairs: Pairs): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const [a, b] of pairs) (m.get(a) ?? m.set(a, new Set()).get(a)!).add(b);
  return m;
}

/** Ids at or above each given id in a hierarchy (parent links). */
function upward(ids: Iterable<string>, parent: Map<string, string | null>): Set<string> {
  const out = new Set<string>();
  for (let id of ids) {
    for (let guard = 0; id && guard < 20; guard++) {
      out.add(id);
      id = parent.get(id) ?? '';
    }
  }
  return out;
}

/** Is `reason` (for a suggesting b to a) true in the graph the store holds? */
function holds(reason: Reason, a: string, b: string, g: ProjectionInput): boolean {
  const serves = index(g.serves);
  const active = index(g.activeIn);
  const tgParent = new Map(g.targetGroups.map((t) => [t.id, t.broaderId]));
  const dParent = new Map(g.districts.map((d) => [d.id, d.partOfId]));
  const adjacent = new Set(g.adjacency.flatMap(([x, y]) => [`${x}|${y}`, `${y}|${x}`]));
  const parties = index(g.partyTo);
  const umbrellas = index(g.memberOf);
  const offers = index(g.offers);
  const needs = index(g.needs);
  const partnersOf = (o: string) => new Set(g.collaborations.filter((c) => c.participantIds.includes(o)).flatMap((c) => c.participantIds).filter((x) => x !== o));
  const has = (m: Map<string, Set<string>>, k: string, v: string) => m.get(k)?.has(v) ?? false;
  switch (reason.kind) {
    case 'SHARED_TARGET_GROUP': {
      const ua = upward(serves.get(a) ?? [], tgParent);
      const ub = upward(serves.get(b) ?? [], tgParent);
      return (reason.targetGroupIds ?? []).length > 0 && reason.targetGroupIds!.every((t) => (reason.match === 'SAME' ? has(serves, a, t) && has(serves, b, t) : ua.has(t) && ub.has(t)));
    }
    case 'SHARED_DISTRICT': {
      const ua = upward(active.get(a) ?? [], dParent);
      const ub = upward(active.get(b) ?? [], dParent);
      return (reason.districtIds ?? []).length > 0 && reason.districtIds!.every((d) => (reason.match === 'SAME' ? has(active, a, d) && has(active, b, d) : ua.has(d) && ub.has(d)));
    }
    case 'ADJACENT_DISTRICT': {
      const [x, y] = reason.districtIds ?? [];
      return !!x && !!y && has(active, a, x) && has(active, b, y) && adjacent.has(`${x}|${y}`);
    }
    case 'COMPLEMENTARY_RESOURCE':
      return (reason.resourceTypeIds ?? []).every((r) =>
        reason.direction === 'OFFERS_WHAT_YOU_NEED' ? has(needs, a, r) && has(offers, b, r) : has(offers, a, r) && has(needs, b, r),
      );
    case 'TRIADIC_CLOSURE':
      return (reason.viaOrganisationIds ?? []).length > 0 && reason.viaOrganisationIds!.every((v) => partnersOf(a).has(v) && partnersOf(b).has(v));
    case 'COMMON_AGREEMENT':
      return (reason.agreementIds ?? []).length > 0 && reason.agreementIds!.every((x) => has(parties, a, x) && has(parties, b, x));
    case 'COMMON_UMBRELLA':
      return (reason.umbrellaIds ?? []).length > 0 && reason.umbrellaIds!.every((u) => has(umbrellas, a, u) && has(umbrellas, b, u));
  }
}

describe('partnership suggestions on the seeded Stockholm graph', () => {
  let temp: TempStore;
  let input: ProjectionInput;
  let projection: Projection;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    temp = await tempStore();
    await seedIfEmpty(temp.engine);
    input = await readProjectionInput(temp.engine);
    projection = buildProjection(input);
    const repo = new OrganisationRepository(temp.engine);
    for (const name of ['Convictus', 'Stockholms Stadsmission', 'Afasiföreningen']) {
      const hit = (await repo.list({ text: name }, { first: 5 })).nodes[0];
      expect(hit, name).toBeDefined();
      ids.set(name, hit!.id);
    }
  });
  afterAll(async () => temp.cleanup());

  for (const name of ['Convictus', 'Stockholms Stadsmission', 'Afasiföreningen']) {
    it(`suggests partners for ${name} with reasons that are true in the graph`, () => {
      const a = ids.get(name)!;
      const { suggestions } = suggestPartners(projection, a, { limit: 10 });
      expect(suggestions.length).toBeGreaterThan(0);
      const partners = new Set(input.collaborations.filter((c) => c.participantIds.includes(a)).flatMap((c) => c.participantIds));
      for (const s of suggestions) {
        expect(s.organisationId).not.toBe(a);
        expect(partners.has(s.organisationId), `${s.name} already collaborates with ${name}`).toBe(false);
        expect(s.reasons.length).toBeGreaterThan(0);
        for (const r of s.reasons) expect(holds(r, a, s.organisationId, input), `${name} → ${s.name}: ${JSON.stringify(r)}`).toBe(true);
      }
      // The reasons name real shared target groups or districts, readable in Swedish and English.
      const specific = suggestions.flatMap((s) => s.reasons).filter((r) => ['SHARED_TARGET_GROUP', 'SHARED_DISTRICT', 'ADJACENT_DISTRICT'].includes(r.kind));
      expect(specific.length).toBeGreaterThan(0);
      const r = specific[0]!;
      const named = (r.targetGroupIds ?? r.districtIds ?? []).map((id) => input.targetGroups.find((t) => t.id === id)?.name ?? input.districts.find((d) => d.id === id)?.name);
      const sv = describeReason(r, projection, 'sv');
      expect(named.length).toBeGreaterThan(0);
      for (const n of named) expect(sv).toContain(n!);
      expect(describeReason(r, projection, 'en')).not.toBe(sv);
    });
  }
});
