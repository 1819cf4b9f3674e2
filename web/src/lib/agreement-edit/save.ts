/**
 * Saving agreements and collaborations through the audited mutations, as the signed-in viewer
 * (CSRF token sent), at the version the editor read: the API answers CONFLICT when someone saved
 * since. Parties and participants of an existing agreement or collaboration are added and removed
 * one at a time, at once; a new one takes them with its creation.
 */
import {
  AddAgreementPartyDocument,
  AddCollaborationParticipantDocument,
  CreateAgreementDocument,
  CreateCollaborationDocument,
  DeleteAgreementDocument,
  DeleteCollaborationDocument,
  RemoveAgreementPartyDocument,
  RemoveCollaborationParticipantDocument,
  UpdateAgreementDocument,
  UpdateCollaborationDocument,
  type AgreementKind,
  type EditableAgreementFragment,
  type EditableCollaborationFragment,
} from '$lib/graphql/generated.js';
import { GraphQLRequestError } from '$lib/graphql/client.js';
import { mutate, type Viewer } from '$lib/auth/viewer.js';
import type { Lang } from '$lib/i18n/index.js';
import type { ApiUserError } from '$lib/edit/errors.js';
import {
  AGREEMENT_FIELDS,
  COLLABORATION_FIELDS,
  agreementChanges,
  agreementValues,
  collaborationChanges,
  collaborationValues,
  outcomeOf,
  type AgreementValues,
  type CollaborationValues,
  type FormField,
  type Outcome,
} from './fields.js';

export type Agreement = EditableAgreementFragment;
export type Collaboration = EditableCollaborationFragment;
export interface Member {
  id: string;
  name: string;
  kind: 'ORGANISATION' | 'PUBLIC_BODY';
  role: string | null;
}

export type Saved<T> = { kind: 'saved'; value: T } | Outcome;

const AGREEMENT_FORM: readonly FormField[] = [...AGREEMENT_FIELDS, 'reason', 'parties'];
const COLLABORATION_FORM: readonly FormField[] = [...COLLABORATION_FIELDS, 'reason', 'participants'];
const why = (reason: string) => reason.trim() || null;

/** A request that failed as a whole (network, FORBIDDEN as a GraphQL error) is a failure with its codes. */
async function attempt<T>(work: () => Promise<T | Outcome>): Promise<T | Outcome> {
  try {
    return await work();
  } catch (e) {
    return { kind: 'failed', codes: e instanceof GraphQLRequestError ? e.codes : ['NETWORK'] };
  }
}

function result<T>(value: T | null, errors: readonly ApiUserError[], fields: readonly FormField[]): Saved<T> {
  if (value && !errors.length) return { kind: 'saved', value };
  return errors.length ? outcomeOf(errors, fields) : { kind: 'failed', codes: ['NO_DATA'] };
}

export function saveAgreement(a: Agreement, values: AgreementValues, reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<Agreement>> {
  return attempt(async () => {
    const changes = agreementChanges(agreementValues(a), values);
    if ('errors' in changes) return { kind: 'invalid', fields: changes.errors } as const;
    if (!Object.keys(changes.input).length) return { kind: 'saved', value: a } as const;
    const { updateAgreement: r } = await mutate(UpdateAgreementDocument, { id: a.id, input: { ...changes.input, version: a.version }, reason: why(reason) }, lang, viewer);
    return result(r.agreement, r.errors, AGREEMENT_FORM);
  });
}

export function createAgreement(values: AgreementValues, parties: readonly Member[], reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<Agreement>> {
  return attempt(async () => {
    const changes = agreementChanges(agreementValues(null), values);
    if ('errors' in changes) return { kind: 'invalid', fields: changes.errors } as const;
    const { version: _v, ...rest } = changes.input;
    const input = { ...rest, name: values.name.trim(), kind: values.kind as AgreementKind, parties: parties.map((p) => ({ id: p.id, role: p.role ?? 'PARTY' })) };
    const { createAgreement: r } = await mutate(CreateAgreementDocument, { input, reason: why(reason) }, lang, viewer);
    return result(r.agreement, r.errors, AGREEMENT_FORM);
  });
}

export function deleteAgreement(a: Agreement, reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<string>> {
  return attempt(async () => {
    const { deleteAgreement: r } = await mutate(DeleteAgreementDocument, { id: a.id, version: a.version, reason: why(reason) }, lang, viewer);
    return result(r.deletedId, r.errors, AGREEMENT_FORM);
  });
}

export function addAgreementParty(agreementId: string, member: Member, reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<string>> {
  return attempt(async () => {
    const { addAgreementParty: r } = await mutate(AddAgreementPartyDocument, { agreementId, party: { id: member.id, role: member.role ?? 'PARTY' }, reason: why(reason) }, lang, viewer);
    return result(r.agreement?.id ?? null, r.errors, AGREEMENT_FORM);
  });
}

export function removeAgreementParty(agreementId: string, partyId: string, reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<string>> {
  return attempt(async () => {
    const { removeAgreementParty: r } = await mutate(RemoveAgreementPartyDocument, { agreementId, partyId, reason: why(reason) }, lang, viewer);
    return result(r.agreement?.id ?? null, r.errors, AGREEMENT_FORM);
  });
}

export function saveCollaboration(c: Collaboration, values: CollaborationValues, reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<Collaboration>> {
  return attempt(async () => {
    const changes = collaborationChanges(collaborationValues(c), values);
    if ('errors' in changes) return { kind: 'invalid', fields: changes.errors } as const;
    if (!Object.keys(changes.input).length) return { kind: 'saved', value: c } as const;
    const { updateCollaboration: r } = await mutate(UpdateCollaborationDocument, { id: c.id, input: { ...changes.input, version: c.version }, reason: why(reason) }, lang, viewer);
    return result(r.collaboration, r.errors, COLLABORATION_FORM);
  });
}

export function createCollaboration(values: CollaborationValues, participants: readonly Member[], reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<Collaboration>> {
  return attempt(async () => {
    const changes = collaborationChanges(collaborationValues(null), values);
    if ('errors' in changes) return { kind: 'invalid', fields: changes.errors } as const;
    const input = { ...changes.input, name: values.name.trim(), kind: values.kind, participantIds: participants.map((p) => p.id) };
    const { createCollaboration: r } = await mutate(CreateCollaborationDocument, { input, reason: why(reason) }, lang, viewer);
    return result(r.collaboration, r.errors, COLLABORATION_FORM);
  });
}

export function deleteCollaboration(c: Collaboration, reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<string>> {
  return attempt(async () => {
    const { deleteCollaboration: r } = await mutate(DeleteCollaborationDocument, { id: c.id, version: c.version, reason: why(reason) }, lang, viewer);
    return result(r.deletedId, r.errors, COLLABORATION_FORM);
  });
}

export function addParticipant(collaborationId: string, member: Member, reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<Collaboration>> {
  return attempt(async () => {
    const { addCollaborationParticipant: r } = await mutate(AddCollaborationParticipantDocument, { collaborationId, participant: { id: member.id }, reason: why(reason) }, lang, viewer);
    return result(r.collaboration, r.errors, COLLABORATION_FORM);
  });
}

export function removeParticipant(collaborationId: string, participantId: string, reason: string, lang: Lang, viewer: Viewer | null): Promise<Saved<Collaboration>> {
  return attempt(async () => {
    const { removeCollaborationParticipant: r } = await mutate(RemoveCollaborationParticipantDocument, { collaborationId, participantId, reason: why(reason) }, lang, viewer);
    return result(r.collaboration, r.errors, COLLABORATION_FORM);
  });
}
