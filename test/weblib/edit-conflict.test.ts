/** After a CONFLICT the organisation form is rebased on the stored version (web/src/lib/edit/conflict.ts). */
import { describe, expect, it } from 'vitest';
import { rebase } from '../../web/src/lib/edit/conflict.js';
import { linksOf, valuesOf, type Organisation } from '../../web/src/lib/edit/values.js';

const ORIGINAL: Organisation = {
  id: 'org:a',
  name: 'Förening A',
  orgNumber: null,
  legalForm: null,
  description: 'Det vi läste',
  website: 'https://a.example',
  status: null,
  statusSince: null,
  version: 1,
  contact: { email: 'a@a.example', phone: '08-1', address: null },
  targetGroups: [{ id: 'tg:1' }],
  districts: [{ id: 'd:1' }],
  resourcesOffered: [],
  resourcesNeeded: [],
};

describe('rebase after a conflict', () => {
  it("keeps the editor's changes, takes the stored values they did not touch, and offers a choice where both differ", () => {
    const mine = { values: { ...valuesOf(ORIGINAL), description: 'Min text', email: 'ny@a.example' }, links: { ...linksOf(ORIGINAL), DISTRICT: ['d:1', 'd:2'] } };
    const latest: Organisation = { ...ORIGINAL, version: 2, description: 'Deras text', contact: { ...ORIGINAL.contact, phone: '08-2' }, targetGroups: [{ id: 'tg:2' }], districts: [{ id: 'd:3' }] };
    const r = rebase(ORIGINAL, mine, latest);
    expect(r.values.description).toBe('Min text');
    expect(r.values.email).toBe('ny@a.example');
    expect(r.values.phone).toBe('08-2'); // untouched: the stored value
    expect(r.links.TARGET_GROUP).toEqual(['tg:2']); // untouched kind: the stored links
    expect(r.links.DISTRICT).toEqual(['d:1', 'd:2']);
    expect(r.fields).toEqual([
      { field: 'description', mine: 'Min text', stored: 'Deras text', storedChanged: true },
      { field: 'email', mine: 'ny@a.example', stored: 'a@a.example', storedChanged: false },
    ]);
    expect(r.linkKinds).toEqual([{ kind: 'DISTRICT', mine: ['d:1', 'd:2'], stored: ['d:3'], storedChanged: true }]);
  });

  it('offers nothing where the stored value already equals what the editor typed', () => {
    const mine = { values: { ...valuesOf(ORIGINAL), description: 'Samma' }, links: linksOf(ORIGINAL) };
    const r = rebase(ORIGINAL, mine, { ...ORIGINAL, version: 2, description: 'Samma ' });
    expect(r.fields).toEqual([]);
    expect(r.linkKinds).toEqual([]);
    expect(r.values.description).toBe('Samma');
  });
});
