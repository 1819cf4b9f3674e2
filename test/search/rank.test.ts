/** Ranking of text search and its highlights, on made-up hits (no store). */
import { describe, expect, it } from 'vitest';
import { meantEntries, rank } from '../../graph/search/rank.js';
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
    const linked = new Map([
      ['tg:hemlosa', ['org:convictus', 'org:skyddsvarnet']],
      ['district:sodermalm', ['org:convictus', 'org:viljan']],
    ]);
    const ranked = rank(h, meant, linked, query);
    expect(ranked.map((r) => [r.id, r.covered])).toEqual([
      ['org:convictus', 2],
      ['org:viljan', 1],
      ['org:skyddsvarnet', 1],
    ]);
    expect(ranked[0]!.score).toBeCloseTo(2 / 9 + 0.8 + 0.6);
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
