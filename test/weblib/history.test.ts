/** What the profile's history says changed (web/src/lib/profile/history.ts). */
import { describe, expect, it } from 'vitest';
import { changedProperties, propertyLabelKey, type HistoryRecord } from '../../web/src/lib/profile/history.js';
import { createI18n } from '../../web/src/lib/i18n/index.js';

const update = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  ({ id: 'audit:1', action: 'UPDATE', at: '2026-12-01T10:00:00Z', before: JSON.stringify({ organisation: before }), after: JSON.stringify({ organisation: after }) }) as unknown as HistoryRecord;

describe('organisation history', () => {
  it('lists the properties an update changed, bookkeeping left out', () => {
    const r = update({ name: 'A', description: 'x', version: 1, updatedAt: 1, aliases: null }, { name: 'A', description: 'y', version: 2, updatedAt: 2, aliases: ['B'], website: 'https://a.se' });
    expect(changedProperties(r)).toEqual(['description', 'aliases', 'website']);
    expect(changedProperties({ ...r, action: 'CREATE' })).toEqual([]);
    expect(changedProperties({ ...r, before: 'not json' })).toEqual([]);
  });

  it('names properties by the edit form’s labels in the reader’s language', () => {
    const sv = createI18n('sv');
    const en = createI18n('en');
    const label = (i: typeof sv, p: string) => {
      const key = propertyLabelKey(p);
      return key ? i.t(key) : p;
    };
    expect(['description', 'orgNumber', 'aliases', 'contactVerifiedAt'].map((p) => label(sv, p))).toEqual(['Beskrivning', 'Organisationsnummer', 'Alternativa namn', 'Kontaktuppgifter bekräftade']);
    expect(label(en, 'description')).not.toBe('description');
    expect(label(en, 'aliases')).toBe('Other names');
    expect(propertyLabelKey('somethingNew')).toBeNull();
  });
});
