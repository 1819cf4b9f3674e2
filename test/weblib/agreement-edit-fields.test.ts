/** The agreement and collaboration forms' pure logic (web/src/lib/agreement-edit/fields.ts). */
import { describe, expect, it } from 'vitest';
import {
  agreementChanges,
  agreementValues,
  collaborationChanges,
  collaborationValues,
  failureMessage,
  fieldOf,
  outcomeOf,
  parseNumber,
  type AgreementValues,
} from '../../web/src/lib/agreement-edit/fields.js';
import type { EditableAgreementFragment } from '../../web/src/lib/graphql/generated.js';

const IOP: EditableAgreementFragment = {
  id: 'agr:x',
  name: 'IOP Läxhjälp',
  kind: 'IOP',
  status: 'ACTIVE',
  description: null,
  startDate: '2024-01-01',
  endDate: null,
  valueSek: 250000,
  societalChallenge: null,
  politicalProgramme: null,
  societalChallengeStated: false,
  politicalProgrammeStated: null,
  steeringMeetingsPerYear: 4,
  commitmentsBeyondFunding: true,
  followUpPlan: null,
  evaluatedAtExpiry: null,
  documentedConsiderations: null,
  valueMinSek: null,
  valueMaxSek: null,
  contactFunction: null,
  contactEmail: null,
  covers: [],
  version: 3,
};

describe('agreement form values', () => {
  it('shows what was loaded as strings, flags as yes / no / unknown', () => {
    const v = agreementValues(IOP);
    expect(v).toMatchObject({ name: 'IOP Läxhjälp', kind: 'IOP', status: 'ACTIVE', startDate: '2024-01-01', endDate: '', valueSek: '250000', steeringMeetingsPerYear: '4' });
    expect([v.societalChallengeStated, v.commitmentsBeyondFunding, v.followUpPlan]).toEqual(['no', 'yes', '']);
  });

  it('starts a new agreement as an IOP of unknown status', () => {
    expect(agreementValues(null)).toMatchObject({ name: '', kind: 'IOP', status: 'UNKNOWN', valueSek: '' });
    expect(agreementValues(null, 'GRANT').kind).toBe('GRANT');
  });

  it('sends only what changed, typed as the API takes it', () => {
    const before = agreementValues(IOP);
    const after: AgreementValues = { ...before, name: '  IOP Läxhjälp 2  ', valueSek: '1 500 000', followUpPlan: 'yes', societalChallengeStated: 'yes', societalChallenge: 'Barn som inte klarar skolan', steeringMeetingsPerYear: '2,5' };
    expect(agreementChanges(before, after)).toEqual({
      input: { name: 'IOP Läxhjälp 2', valueSek: 1500000, followUpPlan: true, societalChallengeStated: true, societalChallenge: 'Barn som inte klarar skolan', steeringMeetingsPerYear: 2.5 },
    });
    expect(agreementChanges(before, { ...before })).toEqual({ input: {} });
  });

  it('sends an emptied optional field as null (clear it) and leaves the unchanged ones out', () => {
    const before = { ...agreementValues({ ...IOP, endDate: '2027-12-31', followUpPlan: true }), description: 'Gammal' };
    const after: AgreementValues = { ...before, description: '  ', endDate: '', valueSek: '', steeringMeetingsPerYear: ' ', followUpPlan: '', societalChallengeStated: 'yes' };
    expect(agreementChanges(before, after)).toEqual({
      input: { description: null, endDate: null, valueSek: null, steeringMeetingsPerYear: null, followUpPlan: null, societalChallengeStated: true },
    });
    // A flag that was unknown and stays unknown is not sent; yes → no is false, not null.
    expect(agreementChanges(before, { ...before, commitmentsBeyondFunding: 'no' })).toEqual({ input: { commitmentsBeyondFunding: false } });
  });

  it('sends the covered places as the whole set when it changed, and the value range and contact function as typed', () => {
    const before = agreementValues({ ...IOP, covers: [{ district: { id: 'district:region-12' } }] });
    expect(before.covers).toBe('district:region-12');
    const after: AgreementValues = { ...before, covers: 'district:municipality-0180 district:region-12', valueMinSek: '50 000', valueMaxSek: '1 200 000', contactFunction: ' Kansliet ' };
    expect(agreementChanges(before, after)).toEqual({
      input: { covers: ['district:municipality-0180', 'district:region-12'], valueMinSek: 50000, valueMaxSek: 1200000, contactFunction: 'Kansliet' },
    });
    // The same places in another order are no change; an emptied set clears them all.
    expect(agreementChanges(before, { ...before, covers: ' district:region-12 ' })).toEqual({ input: {} });
    expect(agreementChanges(before, { ...before, covers: '' })).toEqual({ input: { covers: [] } });
  });

  it('refuses a value range whose highest value is below its lowest', () => {
    const before = agreementValues(IOP);
    expect(agreementChanges(before, { ...before, valueMinSek: '900000', valueMaxSek: '50000' })).toEqual({ errors: { valueMaxSek: 'agrEdit.error.valueRange' } });
    expect(agreementChanges(before, { ...before, valueMinSek: '50000', valueMaxSek: '50000' })).toEqual({ input: { valueMinSek: 50000, valueMaxSek: 50000 } });
  });

  it("sends an emptied name as '' so the API's refusal names it", () => {
    const before = agreementValues(IOP);
    expect(agreementChanges(before, { ...before, name: ' ' })).toEqual({ input: { name: '' } });
  });

  it('refuses a non-number, and an end date before the start date by the date that changed', () => {
    const before = agreementValues({ ...IOP, endDate: '2024-12-31' });
    expect(agreementChanges(before, { ...before, valueSek: 'mycket' })).toEqual({ errors: { valueSek: 'agrEdit.error.valueSek' } });
    expect(agreementChanges(before, { ...before, endDate: '2023-12-31' })).toEqual({ errors: { endDate: 'agrEdit.error.endBeforeStart' } });
    // Only the start moved past the stored end: the start date is the one to correct.
    expect(agreementChanges(before, { ...before, startDate: '2025-06-01' })).toEqual({ errors: { startDate: 'agrEdit.error.endBeforeStart' } });
    // Clearing one of them leaves no period to check; the same day is a valid one-day period.
    expect(agreementChanges(before, { ...before, startDate: '', endDate: '2023-01-01' })).toEqual({ input: { startDate: null, endDate: '2023-01-01' } });
    expect(agreementChanges(before, { ...before, endDate: '2024-01-01' })).toEqual({ input: { endDate: '2024-01-01' } });
  });

  it('reads numbers written the Swedish or the English way', () => {
    expect(parseNumber('1 500 000')).toBe(1500000);
    expect(parseNumber('1\u00a0500')).toBe(1500);
    expect(parseNumber('2,5')).toBe(2.5);
    expect(parseNumber('2.5')).toBe(2.5);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('12 kr')).toBeNaN();
    expect(parseNumber('1,2,3')).toBeNaN();
  });
});

describe('collaboration form values', () => {
  it('sends the changed details, an emptied date or description as null', () => {
    const before = collaborationValues({ id: 'c', name: 'Nätverket', kind: 'NETWORK', description: 'Träffas varje månad', startDate: '2025-01-01', endDate: '2025-12-31', version: 1, participants: [] });
    expect(collaborationChanges(before, { ...before, name: 'Nätverket Syd', kind: 'JOINT_PROJECT' })).toEqual({ input: { name: 'Nätverket Syd', kind: 'JOINT_PROJECT' } });
    expect(collaborationChanges(before, { ...before, endDate: '', description: '' })).toEqual({ input: { endDate: null, description: null } });
    expect(collaborationChanges(before, { ...before, startDate: '' })).toEqual({ input: { startDate: null } });
    expect(collaborationChanges(before, { ...before, endDate: '2024-12-31' })).toEqual({ errors: { endDate: 'agrEdit.error.endBeforeStart' } });
    expect(collaborationValues(null)).toEqual({ name: '', kind: 'NETWORK', startDate: '', endDate: '', description: '' });
  });

  it('gives a new collaboration only what was entered, never a null', () => {
    const after = { ...collaborationValues(null), name: 'Nytt', startDate: '2026-01-01' };
    expect(collaborationChanges(collaborationValues(null), after)).toEqual({ input: { name: 'Nytt', startDate: '2026-01-01' } });
  });
});

describe("the API's errors on the form", () => {
  it('maps field paths to form fields', () => {
    expect(fieldOf('input.name')).toBe('name');
    expect(fieldOf('input.endDate')).toBe('endDate');
    expect(fieldOf('input.parties.0.id')).toBe('parties');
    expect(fieldOf('input.party.id')).toBe('parties');
    expect(fieldOf('input.memberId')).toBe('parties');
    expect(fieldOf('input.participantIds')).toBe('participants');
    expect(fieldOf('input.participantIds.1')).toBe('participants');
    expect(fieldOf('input.participant.id')).toBe('participants');
    expect(fieldOf('reason')).toBe('reason');
    expect(fieldOf('input.nonsense')).toBeNull();
    expect(fieldOf(null)).toBeNull();
  });

  it('puts input errors by their fields, a missing member by the member list, and lets a conflict win', () => {
    const fields = ['name', 'endDate', 'reason', 'parties'] as const;
    expect(outcomeOf([{ field: 'input.name', code: 'BAD_USER_INPUT', message: 'must not be empty' }, { field: 'input.endDate', code: 'BAD_USER_INPUT', message: 'x' }], fields)).toEqual({
      kind: 'invalid',
      fields: { name: 'agrEdit.error.name', endDate: 'agrEdit.error.date' },
    });
    expect(outcomeOf([{ field: 'input.parties.0.id', code: 'NOT_FOUND', message: 'no such' }], fields)).toEqual({ kind: 'invalid', fields: { parties: 'agrEdit.error.memberNotFound' } });
    expect(outcomeOf([{ field: 'input.name', code: 'BAD_USER_INPUT', message: 'x' }, { field: 'input.version', code: 'CONFLICT', message: 'changed' }], fields)).toEqual({ kind: 'conflict' });
  });

  it('treats an error naming no field of this form as a general failure', () => {
    expect(outcomeOf([{ field: 'input.participantIds', code: 'BAD_USER_INPUT', message: 'x' }], ['name'])).toEqual({ kind: 'failed', codes: ['BAD_USER_INPUT'] });
    expect(outcomeOf([{ field: null, code: 'NOT_FOUND', message: 'gone' }], ['name'])).toEqual({ kind: 'failed', codes: ['NOT_FOUND'] });
    expect(failureMessage(['FORBIDDEN'])).toBe('edit.forbidden');
    expect(failureMessage(['NOT_FOUND'])).toBe('agrEdit.notFound');
    expect(failureMessage(['NETWORK'])).toBe('edit.failed');
  });
});
