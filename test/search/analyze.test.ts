/** Search analysis: Swedish stems, stop words, folding, and the Lucene query built from a text. */
import { describe, expect, it } from 'vitest';
import { fuzziness, luceneQuery, queryTerms, stem, tokens } from '../../graph/search/analyze.js';
import { ORGANISATION_FIELDS } from '../../graph/search/hits.js';

describe('search analysis', () => {
  it('brings inflections of a word to one Snowball Swedish stem', () => {
    expect(new Set(['hemlös', 'hemlösa', 'hemlöshet', 'hemlösheten'].map(stem))).toEqual(new Set(['hemlös']));
    expect(stem('föräldrar')).toBe(stem('föräldrarna'));
    expect(stem('kvinnor')).not.toBe(stem('kvinnojour'));
  });

  it('leaves out Swedish stop words and keeps where each word is', () => {
    const t = tokens('Personer i hemlöshet och Äldre');
    expect(t.map((x) => x.word)).toEqual(['personer', 'hemlöshet', 'äldre']);
    expect(t[1]).toMatchObject({ start: 11, end: 20, stem: 'hemlös', folded: 'hemlos' });
  });

  it('looks for a word with and without its accents', () => {
    expect(queryTerms('Frälsningsarmén')).toEqual([stem('frälsningsarmén'), stem('fralsningsarmen')]);
    expect(queryTerms('convictus')).toEqual(['convictus']);
    expect(queryTerms('och')).toEqual([]);
  });

  it('allows more typos in longer words', () => {
    expect([fuzziness('ocd'), fuzziness('hemlös'), fuzziness('stadsmision')]).toEqual([0, 1, 2]);
  });

  it('builds a Lucene query of words, prefixes and typos per field, folded where the field is', () => {
    const q = luceneQuery('Hemlösa Söder', ORGANISATION_FIELDS)!;
    expect(q).toBe(
      [
        'search:(hemlosa OR hemlos*^0.5 OR hemlos~1^0.35)^3',
        'description:(hemlösa OR hemlös*^0.5 OR hemlös~1^0.35)',
        // "söder" stems to "söd": three letters take a prefix but no typo.
        'search:(soder OR sod*^0.5)^3',
        'description:(söder OR söd*^0.5)',
      ].join(' OR '),
    );
    // Query syntax in the input is only ever words: nothing of it survives as syntax.
    expect(luceneQuery('name:"x" OR (y~3)^9 AND *', ORGANISATION_FIELDS)).not.toMatch(/name:|"|\^9|~3/);
    expect(luceneQuery('och i på', ORGANISATION_FIELDS)).toBeNull();
  });
});
