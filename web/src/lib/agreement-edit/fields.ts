/**
 * The agreement and collaboration forms' values (all strings, as inputs hold them), what an
 * editor changed turned into the API's input, and the API's `errors` mapped onto form fields.
 * Pure: no requests, no Svelte, so it is unit-tested (test/weblib/agreement-edit-fields.test.ts).
 */
import type { AgreementKind, AgreementUpdate, CollaborationUpdate, EditableAgreementFragment, EditableCollaborationFragment } from '$lib/graphql/generated.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import { formField, type ApiUserError } from '../edit/errors.js';

export const AGREEMENT_KINDS = ['IOP', 'COMPACT', 'GRANT', 'PROCUREMENT', 'OTHER'] as const satisfies readonly AgreementKind[];
export const AGREEMENT_STATUSES = ['PLANNED', 'ACTIVE', 'ENDED', 'UNKNOWN'] as const;
export const COLLABORATION_KINDS = ['NETWORK', 'JOINT_PROJECT', 'EXPERIENCE_EXCHANGE', 'OPINION_FORMING', 'SHARED_PREMISES', 'OTHER'] as const;
export const PARTY_ROLES = ['PARTY', 'SIGNATORY', 'FUNDER', 'RECIPIENT', 'PROVIDER', 'COORDINATOR', 'MEMBER'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Free text; `name` is required (the API refuses it empty), the others are cleared with null. */
const TEXTS = ['name', 'description', 'societalChallenge', 'politicalProgramme', 'contactFunction', 'contactEmail'] as const;
/** Dates (YYYY-MM-DD) and numbers: an emptied input sends null, which clears the value. */
const DATES = ['startDate', 'endDate'] as const;
const NUMBERS = ['valueSek', 'valueMinSek', 'valueMaxSek', 'steeringMeetingsPerYear'] as const;
/** The 2021 audit's yes/no criteria: '' is unknown, sent as null. */
export const FLAGS = ['societalChallengeStated', 'politicalProgrammeStated', 'commitmentsBeyondFunding', 'followUpPlan', 'evaluatedAtExpiry', 'documentedConsiderations'] as const;
export type Flag = (typeof FLAGS)[number];

export const AGREEMENT_FIELDS = [
  'name',
  'kind',
  'status',
  'startDate',
  'endDate',
  'valueSek',
  'valueMinSek',
  'valueMaxSek',
  'description',
  'covers',
  'contactFunction',
  'contactEmail',
  'societalChallenge',
  'politicalProgramme',
  'steeringMeetingsPerYear',
  ...FLAGS,
] as const;
export type AgreementField = (typeof AGREEMENT_FIELDS)[number];
export type AgreementValues = Record<AgreementField, string>;

export const COLLABORATION_FIELDS = ['name', 'kind', 'startDate', 'endDate', 'description'] as const;
export type CollaborationField = (typeof COLLABORATION_FIELDS)[number];
export type CollaborationValues = Record<CollaborationField, string>;

/** Each field's label in the forms, and in the history naming what an update changed. */
export const AGREEMENT_LABELS: Record<AgreementField, MessageKey> = {
  name: 'agrEdit.name',
  kind: 'agrEdit.kind',
  status: 'agrEdit.status',
  startDate: 'agrEdit.startDate',
  endDate: 'agrEdit.endDate',
  valueSek: 'agrEdit.valueSek',
  valueMinSek: 'agrEdit.valueMinSek',
  valueMaxSek: 'agrEdit.valueMaxSek',
  description: 'agrEdit.description',
  covers: 'agrEdit.covers',
  contactFunction: 'agrEdit.contactFunction',
  contactEmail: 'agrEdit.contactEmail',
  societalChallenge: 'agrEdit.societalChallenge',
  politicalProgramme: 'agrEdit.politicalProgramme',
  steeringMeetingsPerYear: 'agrEdit.steeringMeetingsPerYear',
  societalChallengeStated: 'agrEdit.societalChallengeStated',
  politicalProgrammeStated: 'agrEdit.politicalProgrammeStated',
  commitmentsBeyondFunding: 'agrEdit.commitmentsBeyondFunding',
  followUpPlan: 'agrEdit.followUpPlan',
  evaluatedAtExpiry: 'agrEdit.evaluatedAtExpiry',
  documentedConsiderations: 'agrEdit.documentedConsiderations',
};
export const COLLABORATION_LABELS: Record<CollaborationField, MessageKey> = {
  name: 'agrEdit.name',
  kind: 'collabEdit.kind',
  startDate: 'agrEdit.startDate',
  endDate: 'agrEdit.endDate',
  description: 'agrEdit.description',
};

/** Fields an error may name besides the details: the reason and the parties or participants. */
export const EXTRA_FIELDS = ['reason', 'parties', 'participants'] as const;
export type FormField = AgreementField | CollaborationField | (typeof EXTRA_FIELDS)[number];
export type FieldErrors = Partial<Record<FormField, MessageKey>>;

const flagText = (b: boolean | null | undefined) => (b === true ? 'yes' : b === false ? 'no' : '');
const numberText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function agreementValues(a: EditableAgreementFragment | null, kind: AgreementKind = 'IOP'): AgreementValues {
  const flags = Object.fromEntries(FLAGS.map((f) => [f, flagText(a?.[f])])) as Record<Flag, string>;
  return {
    name: a?.name ?? '',
    kind: a?.kind ?? kind,
    status: a?.status ?? 'UNKNOWN',
    startDate: a?.startDate ?? '',
    endDate: a?.endDate ?? '',
    valueSek: numberText(a?.valueSek),
    valueMinSek: numberText(a?.valueMinSek),
    valueMaxSek: numberText(a?.valueMaxSek),
    description: a?.description ?? '',
    covers: joinIds((a?.covers ?? []).map((c) => c.district.id)),
    contactFunction: a?.contactFunction ?? '',
    contactEmail: a?.contactEmail ?? '',
    societalChallenge: a?.societalChallenge ?? '',
    politicalProgramme: a?.politicalProgramme ?? '',
    steeringMeetingsPerYear: numberText(a?.steeringMeetingsPerYear),
    ...flags,
  };
}

export function collaborationValues(c: EditableCollaborationFragment | null): CollaborationValues {
  return { name: c?.name ?? '', kind: c?.kind ?? 'NETWORK', startDate: c?.startDate ?? '', endDate: c?.endDate ?? '', description: c?.description ?? '' };
}

/** The districts an agreement covers, as the form holds them: ids sorted and joined (so an unchanged set compares equal). */
export const joinIds = (ids: readonly string[]): string => [...new Set(ids)].sort().join(' ');
export const splitIds = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** A number as Swedes and the English write it: `1 500 000`, `2,5`, `2.5`. NaN when it is none. */
export function parseNumber(text: string): number {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return s === '' || !/^-?\d*\.?\d+$/.test(s) ? Number.NaN : Number(s);
}

/** An emptied optional input: null, which the API reads as "clear this value". */
const orNull = (text: string): string | null => (text === '' ? null : text);

/**
 * The end date before the start date, when either changed: the error goes by the date the editor
 * changed (the end date when both did). The API refuses it too; this says so before the request.
 */
function periodError(before: Record<'startDate' | 'endDate', string>, after: Record<'startDate' | 'endDate', string>): FieldErrors {
  const start = after.startDate.trim();
  const end = after.endDate.trim();
  if (!start || !end || end >= start) return {};
  return { [end !== before.endDate.trim() ? 'endDate' : 'startDate']: 'agrEdit.error.endBeforeStart' };
}

/**
 * The changes (or, for a new agreement, everything given) as API input, or the fields the form
 * itself refuses. Unchanged fields are left out (the API keeps them); an emptied optional field
 * (text, date, number, a flag set back to unknown) is sent as null, which clears it.
 */
export function agreementChanges(before: AgreementValues, after: AgreementValues): { input: Partial<AgreementUpdate> } | { errors: FieldErrors } {
  const input: Record<string, unknown> = {};
  const errors: FieldErrors = { ...periodError(before, after) };
  const changed = (f: AgreementField) => after[f].trim() !== before[f].trim();
  // An empty name is sent as '' so the API's refusal names the field.
  for (const f of TEXTS) if (changed(f)) input[f] = f === 'name' ? after[f].trim() : orNull(after[f].trim());
  for (const f of ['kind', 'status'] as const) if (changed(f) && after[f]) input[f] = after[f];
  for (const f of DATES) if (changed(f)) input[f] = orNull(after[f].trim());
  for (const f of NUMBERS) {
    if (!changed(f)) continue;
    if (after[f].trim() === '') {
      input[f] = null;
      continue;
    }
    const n = parseNumber(after[f]);
    if (Number.isNaN(n)) errors[f] = f === 'steeringMeetingsPerYear' ? 'agrEdit.error.steeringMeetingsPerYear' : 'agrEdit.error.valueSek';
    else input[f] = n;
  }
  // A range whose top is below its bottom: refused before the request, as the API would.
  const [min, max] = [parseNumber(after.valueMinSek), parseNumber(after.valueMaxSek)];
  if ((changed('valueMinSek') || changed('valueMaxSek')) && max < min) errors.valueMaxSek = 'agrEdit.error.valueRange';
  // The covered districts: the whole set, when it changed.
  if (joinIds(splitIds(after.covers)) !== joinIds(splitIds(before.covers))) input['covers'] = splitIds(after.covers);
  for (const f of FLAGS) if (changed(f)) input[f] = after[f] === 'yes' ? true : after[f] === 'no' ? false : null;
  return Object.keys(errors).length ? { errors } : { input: input as Partial<AgreementUpdate> };
}

/** Like agreementChanges: changed fields only, an emptied date or description sent as null. */
export function collaborationChanges(before: CollaborationValues, after: CollaborationValues): { input: Partial<CollaborationUpdate> } | { errors: FieldErrors } {
  const input: Record<string, string | null> = {};
  const errors = periodError(before, after);
  for (const f of COLLABORATION_FIELDS) {
    const a = after[f].trim();
    if (a === before[f].trim()) continue;
    input[f] = f === 'name' || f === 'kind' ? a : orNull(a);
  }
  return Object.keys(errors).length ? { errors } : { input };
}

/** The API's path (`input.parties.0.id`, `input.participant.id`, `reason`) → the form field it belongs to. */
export function fieldOf(path: string | null | undefined): FormField | null {
  const f = formField(path);
  if (!f) return null;
  if (f === 'parties' || f === 'party' || f === 'memberId') return 'parties';
  if (f === 'participantIds' || f === 'participant') return 'participants';
  return ([...AGREEMENT_FIELDS, ...COLLABORATION_FIELDS, ...EXTRA_FIELDS] as readonly string[]).includes(f) ? (f as FormField) : null;
}

const MESSAGES: Partial<Record<FormField, MessageKey>> = {
  name: 'agrEdit.error.name',
  kind: 'agrEdit.error.choice',
  status: 'agrEdit.error.choice',
  startDate: 'agrEdit.error.date',
  endDate: 'agrEdit.error.date',
  valueSek: 'agrEdit.error.valueSek',
  valueMinSek: 'agrEdit.error.valueSek',
  valueMaxSek: 'agrEdit.error.valueRange',
  covers: 'agrEdit.error.covers',
  contactEmail: 'agrEdit.error.contactEmail',
  contactFunction: 'agrEdit.error.tooLong',
  steeringMeetingsPerYear: 'agrEdit.error.steeringMeetingsPerYear',
  description: 'agrEdit.error.tooLong',
  societalChallenge: 'agrEdit.error.tooLong',
  politicalProgramme: 'agrEdit.error.tooLong',
  reason: 'agrEdit.error.reason',
  parties: 'agrEdit.error.party',
  participants: 'agrEdit.error.participants',
};

/** What the form shows after a request. */
export type Outcome =
  | { kind: 'invalid'; fields: FieldErrors }
  | { kind: 'conflict' }
  | { kind: 'failed'; codes: string[] };

/**
 * The API's errors as the form shows them: a CONFLICT wins (nothing else matters until the editor
 * reloads); errors naming a field of `fields` go next to it; anything else is a general failure.
 */
export function outcomeOf(errors: readonly ApiUserError[], fields: readonly FormField[]): Outcome {
  if (errors.some((e) => e.code === 'CONFLICT')) return { kind: 'conflict' };
  const out: FieldErrors = {};
  const other: string[] = [];
  for (const e of errors) {
    const f = fieldOf(e.field);
    if (f && fields.includes(f) && (e.code === 'BAD_USER_INPUT' || e.code === 'NOT_FOUND')) {
      out[f] ??= e.code === 'NOT_FOUND' && (f === 'parties' || f === 'participants') ? 'agrEdit.error.memberNotFound' : (MESSAGES[f] ?? 'edit.error.field');
    } else other.push(e.code);
  }
  return Object.keys(out).length ? { kind: 'invalid', fields: out } : { kind: 'failed', codes: other };
}

/** The general message for a failure that names no field. */
export const failureMessage = (codes: readonly string[]): MessageKey =>
  codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED') ? 'edit.forbidden' : codes.includes('NOT_FOUND') ? 'agrEdit.notFound' : 'edit.failed';

