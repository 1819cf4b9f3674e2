/** Name matching: spelling, OCR and short-form variants are proposed; different organisations are not. */
import { describe, expect, it } from 'vitest';
import { OrganisationMatcher, matchKey, similarity } from '../../graph/io/import/match.js';

const matcher = new OrganisationMatcher([
  { id: 'org:sm', name: 'Stockholms Stadsmission', aliases: [], orgNumber: null },
  { id: 'org:fa', name: 'Frälsningsarmén', aliases: [], orgNumber: null },
  { id: 'org:sb', name: 'Stockholms Blindförening', aliases: [], orgNumber: null },
  { id: 'org:rk', name: 'Svenska Röda Korset', aliases: ['Röda Korset'], orgNumber: '802001-1111' },
  { id: 'org:bf', name: 'Bosniska Pensionärsföreningen Behar', aliases: [], orgNumber: null },
]);
const best = (name: string, orgNumber: string | null = null) => matcher.candidates(name, orgNumber)[0];

describe('organisation matching', () => {
  it('proposes spelling, OCR and short-form variants', () => {
    expect(best('Stadsmissionen')).toMatchObject({ id: 'org:sm', reason: 'fuzzy' });
    expect(best('Fralsningsarmén')).toMatchObject({ id: 'org:fa', reason: 'name', score: 1 });
    expect(best('FRÄLSNINGSARMÉN')).toMatchObject({ id: 'org:fa', reason: 'name' });
    expect(best('Frälsningsarrnén')).toMatchObject({ id: 'org:fa', reason: 'fuzzy' });
    expect(best('Stockho1ms Stadsmission')).toMatchObject({ id: 'org:sm', reason: 'fuzzy' });
    expect(best('Röda Korset')).toMatchObject({ id: 'org:rk', reason: 'alias', score: 1 });
    expect(best('Bosniska pensionärsföreningen "Behar"')).toMatchObject({ id: 'org:bf' });
    expect(best('Blindföreningen')).toMatchObject({ id: 'org:sb' });
  });

  it('does not propose different organisations, nor a name match against another organisation number', () => {
    expect(best('Stockholms Schackklubb')).toBeUndefined();
    expect(best('Helt ny förening')).toBeUndefined();
    const numbered = new OrganisationMatcher([{ id: 'org:brf12', name: 'Brf Solen nr 12', aliases: [], orgNumber: null }]);
    expect(numbered.candidates('Brf Solen nr 13')).toEqual([]);
    expect(numbered.candidates('BRF Solen Nr 12')[0]).toMatchObject({ id: 'org:brf12' });
    expect(best('Röda Korset', '556000-0001')).toBeUndefined();
    expect(best('Röda Korset', '802001-1111')).toMatchObject({ id: 'org:rk' });
    expect(matcher.byOrgNumber('802001-1111')?.id).toBe('org:rk');
  });

  it('scores by edit distance and word containment', () => {
    expect(matchKey('Stockho1ms  Stadsmission!')).toBe('stockholms stadsmission');
    expect(similarity(matchKey('Frälsningsarmén'), matchKey('Fralsningsarmen'))).toBe(1);
    expect(similarity(matchKey('Stockholms Stadsmission'), matchKey('Stockholms Blindförening'))).toBeLessThan(0.75);
  });
});
