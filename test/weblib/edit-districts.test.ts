/** The district picker's search (web/src/lib/edit/districts.ts). */
import { describe, expect, it } from 'vitest';
import { periodOf, searchDistricts, type DistrictChoice } from '../../web/src/lib/edit/districts.js';

const ALL: DistrictChoice[] = [
  { id: 'se', name: 'Sverige', kind: 'COUNTRY' },
  { id: 'r', name: 'Stockholms län', kind: 'REGION' },
  { id: 'm', name: 'Stockholm', kind: 'MUNICIPALITY' },
  { id: 'sdo', name: 'Södermalm', kind: 'STADSDELSOMRADE', validFrom: '2020-01-01' },
  { id: 'sdo-old', name: 'Katarina-Sofia', kind: 'STADSDELSOMRADE', validFrom: '2007-01-01', validTo: '2019-12-31' },
  { id: 'sd', name: 'Södermalm', kind: 'STADSDEL', partOf: { id: 'sdo', name: 'Södermalm', kind: 'STADSDELSOMRADE' } },
];

describe('district picker search', () => {
  it('finds names without regard to case or diacritics, finest level first', () => {
    const r = searchDistricts(ALL, 'sodermalm', '', 10, 'sv');
    expect(r.matches.map((d) => d.id)).toEqual(['sd', 'sdo']);
  });
  it('narrows to a level, puts names starting with the query first, and counts beyond the limit', () => {
    expect(searchDistricts(ALL, 'stockholm', 'MUNICIPALITY', 10, 'sv').matches.map((d) => d.id)).toEqual(['m']);
    const r = searchDistricts(ALL, 'stockholm', '', 1, 'sv');
    expect(r.total).toBe(2);
    expect(r.matches.map((d) => d.id)).toEqual(['m']);
  });
  it('gives a district of a period its years', () => {
    expect(periodOf(ALL[4]!)).toBe('2007–2019');
    expect(periodOf(ALL[3]!)).toBe('2020–');
    expect(periodOf(ALL[0]!)).toBe('');
  });
});
