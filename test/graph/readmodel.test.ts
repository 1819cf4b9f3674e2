/**
 * The read model answers exactly as the engine does: every filter combination, pagination
 * across pages, totals, cursors, errors, records, profiles, links and the 2-hop neighbourhood,
 * on the seeded Stockholm graph (the synthetic graph: readmodel-synthetic.test.ts), and after
 * strings that CSV export finds awkward.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareText } from '../../graph/text/order.js';
import { readCsv } from '../../graph/readmodel/csv.js';
import { allPages, describeGraph, same, seededPairForSuite } from './readmodel-helpers.js';

const actor = { id: 'tester', displayName: 'Testaren' };

describeGraph('the seeded Stockholm graph', async () => undefined, 91);

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
