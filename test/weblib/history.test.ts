/** What a history says changed (web/src/lib/history/history.ts), and the collaboration page's kind names. */
import { describe, expect, it } from 'vitest';
import { HISTORY_TEXTS, actionKey, canRevert, changedProperties, propertyLabelKey, suggestionDecision, wholeImport, type HistoryEntity, type HistoryRecord } from '../../web/src/lib/history/history.js';
import { AGREEMENT_FIELDS, AGREEMENT_LABELS, COLLABORATION_FIELDS, COLLABORATION_LABELS } from '../../web/src/lib/agreement-edit/fields.js';
import { participantPath, type Participant } from '../../web/src/lib/collaborations/model.js';
import { codeName, createI18n } from '../../web/src/lib/i18n/index.js';

const record = (action: string, before: unknown, after: unknown) =>
  ({ id: 'audit:1', actorName: 'Eda', action, at: '2026-12-01T10:00:00Z', reason: null, revertOf: null, before: before === null ? null : JSON.stringify(before), after: after === null ? null : JSON.stringify(after) }) satisfies HistoryRecord;
const update = (entity: HistoryEntity, before: Record<string, unknown>, after: Record<string, unknown>) => record('UPDATE', { [entity]: before }, { [entity]: after });

const sv = createI18n('sv');
const en = createI18n('en');
const label = (i: typeof sv, p: string, entity: HistoryEntity) => {
  const key = propertyLabelKey(p, entity);
  return key ? i.t(key) : p;
};

describe('organisation history', () => {
  it("offers an organisation's IMPORT record's whole import: its record, the file and what it did", () => {
    const r = record('IMPORT', { description: 'x' }, { import: 'audit:import', file: 'bidrag.csv', importCounts: { organisationsCreated: 2, organisationsUpdated: 1, links: 7 } });
    expect(wholeImport(r)).toEqual({ importId: 'audit:import', file: 'bidrag.csv', counts: { organisationsCreated: 2, organisationsUpdated: 1, links: 7 } });
    // Recorded before the counts were: the file only.
    expect(wholeImport(record('IMPORT', null, { import: 'audit:import', file: 'bidrag.csv' }))).toEqual({ importId: 'audit:import', file: 'bidrag.csv', counts: null });
    expect(wholeImport(record('IMPORT', null, { file: 'bidrag.csv' }))).toBeNull();
    expect(wholeImport(record('UPDATE', null, { import: 'audit:import' }))).toBeNull();
    expect([sv, en].map((i) => i.t(actionKey('IMPORT_REVERT', 'organisation')!))).toEqual(['Import ångrad', 'Import reverted']);
  });

  it('lists the properties an update changed, bookkeeping left out', () => {
    const r = update('organisation', { name: 'A', description: 'x', version: 1, updatedAt: 1, aliases: null }, { name: 'A', description: 'y', version: 2, updatedAt: 2, aliases: ['B'], website: 'https://a.se' });
    expect(changedProperties(r, 'organisation')).toEqual(['description', 'aliases', 'website']);
    expect(changedProperties({ ...r, action: 'CREATE' }, 'organisation')).toEqual([]);
    expect(changedProperties({ ...r, before: 'not json' }, 'organisation')).toEqual([]);
    // The snapshot is keyed by the entity: an organisation's record read as an agreement's names nothing.
    expect(changedProperties(r, 'agreement')).toEqual([]);
  });

  it('names properties by the edit form’s labels in the reader’s language', () => {
    expect(['description', 'orgNumber', 'aliases', 'contactVerifiedAt'].map((p) => label(sv, p, 'organisation'))).toEqual(['Beskrivning', 'Organisationsnummer', 'Alternativa namn', 'Kontaktuppgifter bekräftade']);
    expect(label(en, 'description', 'organisation')).not.toBe('description');
    expect(label(en, 'aliases', 'organisation')).toBe('Other names');
    expect(propertyLabelKey('somethingNew', 'organisation')).toBeNull();
  });
});

describe('suggestion decisions in the history', () => {
  it('names the partner and the decision', () => {
    const r = record('SUGGESTION_DECISION', null, { candidateId: 'org:b', candidateName: 'Förening B', decision: 'ACCEPTED', reason: null });
    expect(suggestionDecision(r)).toEqual({ decision: 'ACCEPTED', partnerId: 'org:b', partnerName: 'Förening B' });
    // Recorded before the name was kept: the id stands in.
    expect(suggestionDecision(record('SUGGESTION_DECISION', null, { candidateId: 'org:b', decision: 'DISMISSED' }))).toEqual({ decision: 'DISMISSED', partnerId: 'org:b', partnerName: null });
    expect(suggestionDecision(record('UPDATE', null, { candidateId: 'org:b', decision: 'ACCEPTED' }))).toBeNull();
    expect(suggestionDecision(record('SUGGESTION_DECISION', null, { candidateId: 'org:b', decision: 'MAYBE' }))).toBeNull();
  });
});

describe('agreement and collaboration history', () => {
  it('lists what an agreement’s update changed, named by the agreement form’s labels in Swedish and English', () => {
    const r = update('agreement', { name: 'IOP', status: 'ACTIVE', valueSek: 100, followUpPlan: null, version: 1, sourceId: 'src:a' }, { name: 'IOP', status: 'ENDED', valueSek: 250, followUpPlan: true, version: 2, sourceId: 'src:b' });
    const changed = changedProperties(r, 'agreement');
    expect(changed).toEqual(['status', 'valueSek', 'followUpPlan']);
    expect(changed.map((p) => label(sv, p, 'agreement'))).toEqual(['Status', 'Värde (kronor)', 'Finns uppföljning som visar om syfte och mål nås?']);
    expect(changed.map((p) => label(en, p, 'agreement'))).toEqual(['Status', 'Value (SEK)', 'Is there follow-up showing whether the aims are met?']);
    // Every field of the form is named as the form names it; what the form does not edit keeps its own name.
    for (const f of AGREEMENT_FIELDS) expect(propertyLabelKey(f, 'agreement'), f).toBe(AGREEMENT_LABELS[f]);
    expect(propertyLabelKey('principles', 'agreement')).toBeNull();
    expect(propertyLabelKey('constructor', 'agreement')).toBeNull();
    // An organisation's own labels are not an agreement's.
    expect(propertyLabelKey('orgNumber', 'agreement')).toBeNull();
  });

  it('lists what a collaboration’s update changed, named by the collaboration form’s labels', () => {
    const r = update('collaboration', { name: 'Nätverket', kind: 'NETWORK', endDate: null, version: 1 }, { name: 'Nätverket i Husby', kind: 'JOINT_PROJECT', endDate: '2027-01-01', version: 2 });
    const changed = changedProperties(r, 'collaboration');
    expect(changed.map((p) => label(sv, p, 'collaboration'))).toEqual(['Namn', 'Slag av samarbete', 'Slutdatum']);
    expect(changed.map((p) => label(en, p, 'collaboration'))).toEqual(['Name', 'Kind of collaboration', 'End date']);
    for (const f of COLLABORATION_FIELDS) expect(propertyLabelKey(f, 'collaboration'), f).toBe(COLLABORATION_LABELS[f]);
    expect(propertyLabelKey('status', 'collaboration')).toBeNull();
  });

  it('names link changes as parties of an agreement and participants of a collaboration', () => {
    const t = (i: typeof sv, action: string, entity: HistoryEntity) => {
      const key = actionKey(action, entity);
      return key ? i.t(key) : null;
    };
    expect(t(sv, 'LINK_ADD', 'agreement')).toBe('Part tillagd');
    expect(t(en, 'LINK_REMOVE', 'agreement')).toBe('Party removed');
    expect(t(sv, 'LINK_REMOVE', 'collaboration')).toBe('Deltagare borttagen');
    expect(t(en, 'LINK_ADD', 'collaboration')).toBe('Participant added');
    expect(t(sv, 'LINK_ADD', 'organisation')).toBe('Länk tillagd');
    expect(t(sv, 'UPDATE', 'agreement')).toBe('Uppgifter ändrade');
    expect(actionKey('SOMETHING_NEW', 'collaboration')).toBeNull();
  });

  it('offers undo only for the latest change, and only of what the API reverts for that kind of object', () => {
    const del = record('DELETE', { agreement: {} }, null);
    const upd = update('agreement', {}, {});
    expect(canRevert(del, 0, 'organisation')).toBe(true);
    expect(canRevert(del, 0, 'agreement')).toBe(false);
    expect(canRevert(del, 0, 'collaboration')).toBe(false);
    expect(canRevert(upd, 0, 'agreement')).toBe(true);
    expect(canRevert(upd, 1, 'agreement')).toBe(false);
    expect(canRevert(record('LINK_REMOVE', {}, null), 0, 'collaboration')).toBe(true);
    expect(canRevert(record('CREATE', null, {}), 0, 'collaboration')).toBe(false);
    expect(canRevert(record('SET_LINKS', {}, {}), 0, 'agreement')).toBe(false);
  });

  it('says whose history it is in both languages', () => {
    for (const i of [sv, en]) {
      const intros = Object.values(HISTORY_TEXTS).map((x) => i.t(x.intro));
      expect(new Set(intros).size).toBe(3);
      expect(Object.values(HISTORY_TEXTS).every((x) => i.t(x.caption) !== x.caption && i.t(x.conflict) !== x.conflict)).toBe(true);
    }
    expect(en.t(HISTORY_TEXTS.collaboration.caption)).toBe('Changes to the collaboration');
    expect(sv.t(HISTORY_TEXTS.agreement.conflict)).toContain('avtalet');
  });
});

describe('collaboration page', () => {
  it('names the kind in the page’s language, and keeps a code it does not know', () => {
    expect(codeName(sv.t, 'collabKind', 'NETWORK')).toBe('Nätverk');
    expect(codeName(en.t, 'collabKind', 'SHARED_PREMISES')).toBe('Shared premises');
    expect(codeName(sv.t, 'collabKind', 'BOOK_CLUB')).toBe('BOOK_CLUB');
  });

  it('links organisations to their profiles, not public bodies', () => {
    const p = (organisation: { id: string } | null): Participant => ({ id: organisation?.id ?? 'pb:x', name: 'X', kind: organisation ? 'ORGANISATION' : 'PUBLIC_BODY', role: null, organisation, provenance: { basis: null, confidence: null, locator: null, quote: null, rule: null, recordedAt: null, source: null } });
    expect(participantPath(p({ id: 'org:a/b' }))).toBe('/organisation/org%3Aa%2Fb');
    expect(participantPath(p(null))).toBeNull();
  });
});
