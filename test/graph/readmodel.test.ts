/**
 * The read model answers exactly as the engine does: every filter combination, pagination
 * across pages, totals, cursors, errors, records, profiles, links and the 2-hop neighbourhood,
 * on the seeded Stockholm graph and on a synthetic graph, and after strings that CSV export
 * finds awkward.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { buildSeedBatch } from '../../seeds/load/build-batch.js';
import { seedStore } from '../../seeds/load/seed.js';
import { generateSynthetic } from '../../seeds/synthetic/generate.js';
import { baseFromSeed } from '../../seeds/synthetic/base.js';
import { compareText } from '../../graph/readmodel/order.js';
import { readCsv } from '../../graph/readmodel/csv.js';
import { allPages, filterCombinations, LINK_KINDS, same, seededPairForSuite, storePair, type Pair } from './readmodel-helpers.js';

const actor = { id: 'tester', displayName: 'Testaren' };

function describeGraph(name: string, load: (t: TempStore) => Promise<void>, sample: number) {
  describe(`read model on ${name}`, () => {
    let temp: TempStore;
    let pair: Pair;
    let ids: string[];
    beforeAll(async () => {
      temp = await tempStore();
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
      const filters = filterCombinations(pair.model.readModel!.ready!, ['stadsmission', 'FÖRENING', 'ingen sådan text']);
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

describeGraph('the seeded Stockholm graph', (t) => seedStore(t.engine, buildSeedBatch()).then(() => undefined), 91);

describeGraph(
  'a synthetic graph',
  async (t) => {
    const seed = buildSeedBatch();
    await seedStore(t.engine, seed);
    const { batch } = generateSynthetic({ scale: 'stockholm', seed: 7, base: baseFromSeed(seed), organisations: 1500 });
    await t.engine.bulkLoad(batch);
  },
  60,
);

describe('read model load of awkward values', () => {
  const pair = seededPairForSuite();

  it('reads back quotes, commas, newlines, backslashes, astral characters, empty strings and exact doubles', async () => {
    const names = ['Förening "Citat", med komma', 'Rad ett; rad två', 'Back\\slash \\" och ""', '😀 Emoji först', '\uFFFD ersättning', 'Ä'];
    const created = [];
    // Written through the engine-only store, so the model learns them only by a full (CSV) load.
    for (const [i, name] of names.entries()) {
      created.push(await pair.engine.organisations.create({ name, aliases: [`alias, ${i}`, '"q"', `x;y${i}`], description: i % 2 ? `rad ett\nrad två ${i}` : null, website: 'https://example.org/a,b' }, actor));
    }
    const [first, second] = created;
    await pair.engine.links.link('offers', { organisationId: first!.id, targetId: 'res:lokaler', note: 'kväll, "helg"\nsöndag', provenance: { sourceId: 'src:001', basis: 'INFERRED', confidence: 0.123456789, sourceLocator: 's. 4, tabell 2', rule: 'SOURCE_HINT', quote: 'lokaler "i kväll",\nbackslash \\ 𝄞' } }, actor);
    await pair.engine.links.link('offers', { organisationId: second!.id, targetId: 'res:lokaler', note: '' }, actor);
    await pair.engine.links.link('umbrella', { organisationId: second!.id, targetId: first!.id, provenance: { sourceId: 'src:001', basis: 'INFERRED', confidence: 1 / 3, rule: 'NAME', quote: 'Föreningen' } }, actor);
    pair.model.readModel!.reload();
    await pair.warm();
    for (const o of created) {
      await same(pair, (s) => s.organisations.profile(o.id));
    }
    const offers = await same(pair, (s) => s.links.outgoing('offers', [first!.id, second!.id]));
    expect(offers.get(first!.id)![0]!.confidence).toBe(0.123456789);
    expect(offers.get(second!.id)![0]!.detail).toBe('');
    await allPages(pair, {}, 40);
    await same(pair, (s) => s.organisations.list({ text: 'alias, 3' }));
  }, 120_000);
});

describe('string order and CSV reading', () => {
  it('orders by code point as the engine does, NULL last', () => {
    const sorted = ['b', 'a', '\uFFFD', '😀', 'Ö', 'å', 'Z', 'ab'].sort(compareText);
    expect(sorted).toEqual(['Z', 'a', 'ab', 'b', 'Ö', 'å', '\uFFFD', '😀']);
    expect(compareText(null, 'a')).toBeGreaterThan(0);
    expect(compareText('a', null)).toBeLessThan(0);
  });

  it('tells NULL from empty strings and unquotes fields', () => {
    const rows: (string | null)[][] = [];
    readCsv('a,"",,"x,""y""\nz"\nb,c,d,e\n', 4, (r) => rows.push(r));
    expect(rows).toEqual([
      ['a', '', null, 'x,"y"\nz'],
      ['b', 'c', 'd', 'e'],
    ]);
    expect(() => readCsv('a,b\n', 3, () => undefined)).toThrow(/2 fields/);
  });
});
