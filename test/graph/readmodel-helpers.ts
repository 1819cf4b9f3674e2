/**
 * Shared by the read model tests: two stores over one engine, one reading from the engine and
 * one from the warm read model, and the filter combinations to compare them on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { whenStarted } from '../helpers/when-started.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import type { GraphEngine } from '../../graph/engines/port.js';
import type { ReadModel } from '../../graph/readmodel/model.js';
import { AGREEMENT_KINDS } from '../../graph/model/types.js';
import { ORGANISATION_LINKS, type OrganisationLinkKind } from '../../graph/repo/links.js';

const SCHEMA = { from: 1, to: 1, columnsAdded: [] };

export interface Pair {
  engine: GraphStore;
  model: GraphStore;
  warm(): Promise<ReadModel>;
}

export async function storePair(raw: GraphEngine): Promise<Pair> {
  // Both search the same index (on Neo4j the model's store would search in memory, the other in
  // Neo4j's full-text index): what is compared here is the read model, not the two indexes
  // (test/search/engines-agree.test.ts compares those).
  const engine = storeOver(raw, SCHEMA, { searchInMemory: true });
  const model = storeOver(raw, SCHEMA, { readModel: true });
  const warm = async () => {
    const m = await model.readModel!.warm();
    expect(m).not.toBeNull();
    return m!;
  };
  await warm();
  return { engine, model, warm };
}

/** For the enclosing `describe`: the Stockholm seed in a temporary store and a pair over it, closed after its tests. */
export function seededPairForSuite(): Pair {
  let temp: TempStore | undefined;
  let pair: Pair | undefined;
  beforeAll(async () => {
    temp = await tempStore({ seeded: true });
    pair = await storePair(temp.engine);
  }, 60_000);
  afterAll(async () => {
    await pair?.model.readModel!.close();
    await temp?.cleanup();
  });
  return whenStarted(() => pair);
}

/** Runs `read` on both stores and expects the same answer (or the same error), with the model serving. */
export async function same<T>(pair: Pair, read: (s: GraphStore) => Promise<T>): Promise<T> {
  expect(pair.model.readModel!.ready, 'the read model should be warm').not.toBeNull();
  const [fromEngine, fromModel] = await Promise.allSettled([read(pair.engine), read(pair.model)]);
  if (fromEngine.status === 'rejected') {
    expect(fromModel.status).toBe('rejected');
    const e = fromEngine.reason as { code?: string; field?: string; message: string };
    const m = (fromModel as PromiseRejectedResult).reason as { code?: string; field?: string; message: string };
    expect({ code: m.code, field: m.field, message: m.message }).toEqual({ code: e.code, field: e.field, message: e.message });
    throw fromEngine.reason;
  }
  expect(fromModel.status).toBe('fulfilled');
  expect((fromModel as PromiseFulfilledResult<T>).value).toEqual(fromEngine.value);
  return fromEngine.value;
}

/** Every combination of the five filters, over values drawn from the graph, with text and flags. */
export function filterCombinations(model: ReadModel, texts: string[]): Record<string, unknown>[] {
  const broadGroups = [...model.narrower.keys()].slice(0, 3);
  const leafGroup = [...model.nodes.TargetGroup.keys()].find((id) => !model.narrower.has(id))!;
  const outerDistricts = [...model.inner.keys()].filter((d) => (model.inner.get(d)?.length ?? 0) > 1);
  const municipality = outerDistricts.find((d) => model.nodes.District.get(d)?.extra === 'MUNICIPALITY') ?? outerDistricts[0]!;
  const area = outerDistricts.find((d) => model.nodes.District.get(d)?.extra === 'STADSDELSOMRADE') ?? outerDistricts[1]!;
  const leafDistrict = [...model.nodes.District.keys()].find((d) => !model.inner.has(d) && model.byTarget.district.has(d))!;
  const offered = [...model.byTarget.offers.keys()].slice(0, 2);
  const needed = [...model.byTarget.needs.keys()].slice(0, 2);
  const values = {
    targetGroups: [[broadGroups[0]!], [leafGroup], broadGroups],
    districts: [[municipality], [area], [leafDistrict, area]],
    agreementKinds: [['IOP'], [...AGREEMENT_KINDS].slice(0, 3)],
    resourcesOffered: [offered, ['res:does-not-exist']],
    resourcesNeeded: [needed],
  } as Record<string, unknown[][]>;
  const keys = Object.keys(values);
  const out: Record<string, unknown>[] = [{}];
  // Every combination of filters in use, each with its first value…
  for (let mask = 1; mask < 1 << keys.length; mask++) {
    const f: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      if (mask & (1 << i)) f[k] = values[k]![0];
    });
    out.push(f);
  }
  // …and every value of each filter, alone and beside a target group.
  for (const k of keys) for (const v of values[k]!.slice(1)) out.push({ [k]: v }, { [k]: v, targetGroups: [broadGroups[0]!] });
  for (const t of texts) out.push({ text: t }, { text: t, targetGroups: [broadGroups[0]!] });
  out.push({ synthetic: true }, { synthetic: false }, { districts: [area], includeWider: true }, { districts: [leafDistrict], targetGroups: [broadGroups[0]!], includeWider: true });
  out.push({ targetGroups: [] }, { districts: [], agreementKinds: [] });
  return out;
}

export const LINK_KINDS = Object.keys(ORGANISATION_LINKS) as OrganisationLinkKind[];

/** Walks every page of a list on both stores, comparing each page. Returns the ids in order. */
export async function allPages(pair: Pair, filter: unknown, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await same(pair, (s) => s.organisations.list(filter, { first, after }));
    ids.push(...page.nodes.map((n) => n.id));
    if (!page.hasNextPage) return ids;
    after = page.endCursor;
  }
  throw new Error('pagination did not end');
}

/**
 * The read model against the engine on one graph (`load` adds to the seeded Stockholm store): every filter
 * combination, pages, totals, cursors, errors, records, profiles, links and neighbourhoods, for a
 * sample of about `sample` organisations.
 */
export function describeGraph(name: string, load: (t: TempStore) => Promise<void>, sample: number) {
  describe(`read model on ${name}`, () => {
    let temp: TempStore;
    let pair: Pair;
    let ids: string[];
    beforeAll(async () => {
      temp = await tempStore({ seeded: true });
      await load(temp);
      pair = await storePair(temp.engine);
      ids = [...pair.model.readModel!.ready!.orgs.keys()].sort().filter((_, i, all) => i % Math.max(1, Math.floor(all.length / sample)) === 0);
    }, 120_000);
    afterAll(async () => {
      await pair.model.readModel!.close();
      await temp.cleanup();
    });

    it('holds every organisation', async () => {
      const total = (await pair.engine.organisations.list({}, { first: 1 })).totalCount;
      expect(total).toBeGreaterThan(50);
      expect(pair.model.readModel!.ready!.size).toBe(total);
    });

    it('gives the engine’s page, total and cursors for every filter combination', async () => {
      const filters = filterCombinations(pair.model.readModel!.ready!, ['stadsmission', 'FÖRENING', 'ingen sådan text', 'hemlösa Södermalm', 'lokaler']);
      expect(filters.length).toBeGreaterThan(40);
      let nonEmpty = 0;
      for (const f of filters) {
        const page = await same(pair, (s) => s.organisations.list(f, { first: 50 }));
        if (page.totalCount > 0) nonEmpty++;
      }
      // The combinations must exercise real matches, not only empty answers.
      expect(nonEmpty).toBeGreaterThan(filters.length / 8);
    }, 300_000);

    it('pages through whole lists the same way', async () => {
      const m = pair.model.readModel!.ready!;
      const broad = [...m.narrower.keys()][0]!;
      const all = await allPages(pair, {}, 37);
      expect(all.length).toBe(m.size);
      expect(new Set(all).size).toBe(all.length);
      expect((await allPages(pair, { targetGroups: [broad] }, 3)).length).toBeGreaterThan(3);
      await allPages(pair, { text: 'a' }, 50);
      // Organisations found through the entries a text names, ties among them ordered by id.
      await allPages(pair, { text: 'hemlösa Södermalm' }, 7);
      await same(pair, (s) => s.organisations.list({}, { first: 0 }));
      // A cursor between rows (an id that is not in the list) continues at the same place.
      const mid = all[Math.floor(all.length / 2)]!;
      const name = m.orgs.get(mid)!.record.name;
      const cursor = Buffer.from(JSON.stringify(['o', name, `${mid}~`]), 'utf8').toString('base64url');
      await same(pair, (s) => s.organisations.list({}, { first: 5, after: cursor }));
    }, 300_000);

    it('rejects the same bad filters with the same errors', async () => {
      const m = pair.model.readModel!.ready!;
      const district = [...m.nodes.District.keys()][0]!;
      for (const f of [{ targetGroups: ['tg:nope'] }, { districts: [district, 'district:nope'], targetGroups: ['tg:nope'] }, { districts: ['district:nope'] }]) {
        await expect(same(pair, (s) => s.organisations.list(f))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      }
    });

    it('gives the same records, profiles, links and neighbourhoods', async () => {
      expect(ids.length).toBeGreaterThan(20);
      await same(pair, (s) => s.organisations.getMany([...ids, 'org:missing']));
      await same(pair, (s) => s.organisations.get('org:missing'));
      await same(pair, (s) => s.organisations.profile('org:missing'));
      for (const kind of LINK_KINDS) await same(pair, (s) => s.links.outgoing(kind, [...ids, 'org:missing']));
      let peers = 0;
      for (const id of ids) {
        await same(pair, (s) => s.organisations.get(id));
        await same(pair, (s) => s.organisations.profile(id, 5));
        const n = await same(pair, (s) => s.organisations.neighbourhood(id, 25));
        peers += n.localPeers.length + n.partnersOfPartners.length;
      }
      expect(peers).toBeGreaterThan(0);
      // The umbrellas with the most members: members ordered and capped like the engine's.
      const umbrellas = [...pair.model.readModel!.ready!.byTarget.umbrella.entries()].sort((a, b) => b[1].size - a[1].size).slice(0, 3);
      for (const [id] of umbrellas) await same(pair, (s) => s.organisations.profile(id, 3));
    }, 300_000);
  });
}
