/** The merge page's plain parts (web/src/lib/merge/merge.ts) and how a history names a merge (web/src/lib/history/history.ts). */
import { describe, expect, it } from 'vitest';
import { byOutcome, fieldLabelKey, kindKey, mergeInput, roles, type Preview, type PreviewLink } from '../../web/src/lib/merge/merge.js';
import { actionKey, canRevert, mergeOther, type HistoryRecord } from '../../web/src/lib/history/history.js';
import { createI18n } from '../../web/src/lib/i18n/index.js';

const sv = createI18n('sv');
const en = createI18n('en');
const link = (id: string, outcome: PreviewLink['outcome']): PreviewLink => ({ kind: 'TARGET_GROUP', direction: 'OUTGOING', id, name: id, role: null, outcome });
const record = (action: string, after: unknown): HistoryRecord => ({ id: 'audit:1', actorName: 'Eda', action, at: '2026-12-01T10:00:00Z', reason: null, revertOf: null, before: null, after: JSON.stringify(after) });

describe('the merge page', () => {
  it('sends the record whose page it is as the survivor or the merged one, as chosen', () => {
    expect(roles('org:a', 'org:b', 'this')).toEqual({ survivorId: 'org:a', mergedId: 'org:b' });
    expect(roles('org:a', 'org:b', 'other')).toEqual({ survivorId: 'org:b', mergedId: 'org:a' });
  });

  it('merges at the versions the preview showed', () => {
    const p = { survivor: { id: 'org:a', name: 'A', version: 3 }, merged: { id: 'org:b', name: 'B', version: 7 } } as Preview;
    expect(mergeInput(p)).toEqual({ survivorId: 'org:a', survivorVersion: 3, mergedId: 'org:b', mergedVersion: 7 });
  });

  it('groups links by what becomes of them, moved first, leaving out empty groups', () => {
    const groups = byOutcome([link('tg:1', 'DROP'), link('tg:2', 'MOVE'), link('tg:3', 'MOVE')]);
    expect(groups.map((g) => [g.outcome, g.links.map((l) => l.id)])).toEqual([
      ['MOVE', ['tg:2', 'tg:3']],
      ['DROP', ['tg:1']],
    ]);
  });

  it('names filled fields and link kinds in both languages', () => {
    expect(sv.t(fieldLabelKey('website')!)).toBe('Webbplats');
    expect(fieldLabelKey('colour')).toBeNull();
    expect([sv.t(kindKey('UMBRELLA')), en.t(kindKey('UMBRELLA'))]).toEqual(['Paraplyorganisation', 'Umbrella organisation']);
  });
});

describe('a merge in the history', () => {
  it('names the other record, linking only to a page that is not the same one again', () => {
    expect(mergeOther(record('MERGE', { mergedId: 'org:b', mergedName: 'B' }))).toEqual({ id: 'org:b', name: 'B', linked: false });
    expect(mergeOther(record('MERGED_INTO', { survivorId: 'org:a', survivorName: 'A' }))).toEqual({ id: 'org:a', name: 'A', linked: true });
    expect(mergeOther(record('UNMERGE', { mergedId: 'org:b', mergedName: 'B' }))).toEqual({ id: 'org:b', name: 'B', linked: true });
    expect(mergeOther(record('UPDATE', { mergedId: 'org:b' }))).toBeNull();
  });

  it('offers to undo a merge as the latest change only', () => {
    const r = record('MERGE', { mergedId: 'org:b' });
    expect(canRevert(r, 0, 'organisation')).toBe(true);
    expect(canRevert(r, 1, 'organisation')).toBe(false);
    expect(canRevert(record('UNMERGE', {}), 0, 'organisation')).toBe(false);
    expect(sv.t(actionKey('MERGE', 'organisation')!)).toBe('Sammanslagen med en annan post');
  });
});
