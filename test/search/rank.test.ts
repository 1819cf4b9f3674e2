/** Ranking of text search and its highlights, on made-up hits (no store). */
import { describe, expect, it } from 'vitest';
import { bestRanked, rank, tally } from '../../graph/search/rank.js';
import { meantEntries } from '../../graph/search/meant.js';
import { correction, highlights, snippet } from '../../graph/search/highlight.js';
import { tokens } from '../../graph/search/analyze.js';
import type { SearchHits } from '../../graph/search/hits.js';

const hits = (organisations: SearchHits['organisations'], catalogue: Partial<SearchHits['catalogue']> = {}): SearchHits => ({
  organisations,
  catalogue: { TargetGroup: [], District: [], ResourceType: [], ...catalogue },
});

describe('ranking', () => {
  it('puts organisations that account for more of the words first, then the score', () => {
    const query = tokens('hemlösa Södermalm');
    const h = hits(
      [
        { id: 'org:viljan', score: 9, text: ['sodermalms frivilligcentral viljan', null] },
        { id: 'org:convictus', score: 2, text: ['convictus', 'Stöd till personer i hemlöshet.'] },
      ],
      { TargetGroup: [{ id: 'tg:hemlosa', score: 5, text: ['personer i hemloshet | hemlosa'] }], District: [{ id: 'district:sodermalm', score: 4, text: ['sodermalm'] }] },
    );
    const meant = meantEntries(h, query);
    expect(meant.map((m) => [m.id, m.words])).toEqual([
      ['tg:hemlosa', [0]],
      ['district:sodermalm', [1]],
    ]);
    const named = (ids: string[]) => ids.map((id) => ({ id, name: id.slice(4) }));
    const linked = new Map([
      ['tg:hemlosa', named(['org:convictus', 'org:skyddsvarnet'])],
      ['district:sodermalm', named(['org:convictus', 'org:viljan'])],
    ]);
    const ranked = rank(h, meant, linked, query, new Map([['org:viljan', 'viljan'], ['org:convictus', 'convictus']]));
    expect(ranked.map((r) => [r.id, r.covered])).toEqual([
      ['org:convictus', 2],
      ['org:viljan', 1],
      ['org:skyddsvarnet', 1],
    ]);
    expect(ranked[0]!.score).toBeCloseTo(2 / 9 + 0.8 + 0.6);
  });

  it('orders ties by name, then id, and a page of the best is the start of the whole order', () => {
    const query = tokens('hemlösa');
    const h = hits([{ id: 'org:m', score: 3, text: ['m', 'hemlöshet'] }], { TargetGroup: [{ id: 'tg:hemlosa', score: 5, text: ['hemlosa'] }] });
    const meant = meantEntries(h, query);
    // Names run against the ids' order; two share a name and go by id.
    const others = Array.from({ length: 40 }, (_, i) => ({ id: `org:${String(i).padStart(2, '0')}`, name: i === 7 || i === 3 ? 'Samma namn' : `Förening ${String.fromCharCode(122 - (i % 26))}${i}` }));
    const linked = new Map([['tg:hemlosa', [{ id: 'org:m', name: 'M' }, ...others]]]);
    const names = new Map([['org:m', 'M']]);
    const all = rank(h, meant, linked, query, names);
    const byName = [...others].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    // org:m has its text too; the others tie and follow by name.
    expect(all.map((r) => r.id)).toEqual(['org:m', ...byName.map((o) => o.id)]);
    expect(all.map((r) => r.id).indexOf('org:03')).toBe(all.map((r) => r.id).indexOf('org:07') - 1);
    const tallies = tally(h, meant, linked, query, names);
    for (const count of [1, 5, 17]) expect(bestRanked(tallies, null, count).ranked).toEqual(all.slice(0, count));
    const even = bestRanked(tallies, (s) => s % 2 === 0, 6);
    expect(even.total).toBe(21);
    const kept = new Set(tallies.ids.filter((_, s) => s % 2 === 0));
    expect(even.ranked.map((r) => r.id)).toEqual(all.filter((r) => kept.has(r.id)).slice(0, 6).map((r) => r.id));
  });

  it('does not take a catalogue entry as meant on a typo alone', () => {
    const query = tokens('hemlosx');
    const h = hits([], { TargetGroup: [{ id: 'tg:hemlosa', score: 5, text: ['hemlosa'] }] });
    expect(meantEntries(h, query)).toEqual([]);
  });

  it('marks the words a query finds, accents, inflections, prefixes and typos included', () => {
    const text = 'Frälsningsarmén arbetar mot hemlöshet och med demenssjuka';
    const ranges = highlights(text, tokens('fralsningsarmen hemlösa demens'));
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Frälsningsarmén', 'hemlöshet', 'demenssjuka']);
  });

  it('cuts a long description around its first match and moves the ranges with it', () => {
    const text = `${'Lång inledning om annat. '.repeat(20)}Här står hemlöshet i mitten. ${'Och mer text efteråt. '.repeat(20)}`;
    const s = snippet(text, highlights(text, tokens('hemlöshet')));
    expect(s.text.length).toBeLessThan(200);
    expect(s.ranges).toHaveLength(1);
    expect(s.text.slice(s.ranges[0]!.start, s.ranges[0]!.end)).toBe('hemlöshet');
  });

  it('offers the spelling the data uses for a typo, and nothing when the words were found', () => {
    expect(correction('Stadsmisionen', ['Stockholms Stadsmission'])).toBe('Stadsmission');
    expect(correction('stadsmission', ['Stockholms Stadsmission'])).toBeNull();
  });
});
