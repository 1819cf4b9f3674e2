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

  it('clears free text with an empty string, which the API stores as not given', () => {
    const before = { ...agreementValues(IOP), description: 'Gammal' };
    expect(agreementChanges(before, { ...before, description: '' })).toEqual({ input: { description: '' } });
  });

  it('refuses what the API would silently keep or could not parse: a cleared date, number or flag, and a non-number', () => {
    const before = agreementValues(IOP);
    const r = agreementChanges(before, { ...before, startDate: '', valueSek: 'mycket', steeringMeetingsPerYear: '', commitmentsBeyondFunding: '' });
    expect(r).toEqual({
      errors: { startDate: 'agrEdit.error.cannotClear', valueSek: 'agrEdit.error.valueSek', steeringMeetingsPerYear: 'agrEdit.error.cannotClear', commitmentsBeyondFunding: 'agrEdit.error.cannotClear' },
    });
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
  it('sends the changed details and refuses a cleared date', () => {
    const before = collaborationValues({ id: 'c', name: 'Nätverket', kind: 'NETWORK', description: null, startDate: '2025-01-01', endDate: null, version: 1, participants: [] });
    expect(collaborationChanges(before, { ...before, name: 'Nätverket Syd', kind: 'JOINT_PROJECT' })).toEqual({ input: { name: 'Nätverket Syd', kind: 'JOINT_PROJECT' } });
    expect(collaborationChanges(before, { ...before, startDate: '' })).toEqual({ errors: { startDate: 'agrEdit.error.cannotClear' } });
    expect(collaborationValues(null)).toEqual({ name: '', kind: 'NETWORK', startDate: '', endDate: '', description: '' });
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
