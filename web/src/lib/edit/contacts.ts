/**
 * An organisation's contact persons on its editing page: personal data, so each is kept with the
 * purpose it is kept for (GDPR art. 5(1)(b)), and saved, changed or removed through the audited
 * mutations at the version the editor read.
 */
import {
  AddContactPersonDocument,
  RemoveContactPersonDocument,
  UpdateContactPersonDocument,
  type ContactPersonFieldsFragment,
  type ContactPersonUpdate,
} from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import { mutate, type Viewer } from '$lib/auth/viewer.js';
import { changedValues, refusalOf, type ApiUserError, type Refusal } from './errors.js';

export type ContactPerson = ContactPersonFieldsFragment;
export const CONTACT_FIELDS = ['name', 'title', 'email', 'phone', 'purpose'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type ContactValues = Record<ContactField, string>;

export const contactValuesOf = (c: ContactPerson | null): ContactValues => ({
  name: c?.name ?? '',
  title: c?.title ?? '',
  email: c?.email ?? '',
  phone: c?.phone ?? '',
  purpose: c?.purpose ?? '',
});

export type ContactResult = { kind: 'saved'; person: ContactPerson | null } | Refusal<ContactField>;

const fromErrors = (errors: readonly ApiUserError[]): ContactResult => refusalOf(errors, CONTACT_FIELDS);

export async function saveContactPerson(organisationId: string, person: ContactPerson | null, values: ContactValues, lang: Lang, viewer: Viewer | null): Promise<ContactResult> {
  if (!person) {
    const v = changedValues(CONTACT_FIELDS, contactValuesOf(null), values);
    const input = { name: values.name.trim(), purpose: values.purpose.trim(), title: v.title ?? null, email: v.email ?? null, phone: v.phone ?? null };
    const { addContactPerson: r } = await mutate(AddContactPersonDocument, { organisationId, input, reason: null }, lang, viewer);
    return r.contactPerson && !r.errors.length ? { kind: 'saved', person: r.contactPerson } : fromErrors(r.errors);
  }
  const changes = changedValues(CONTACT_FIELDS, contactValuesOf(person), values);
  if (!Object.keys(changes).length) return { kind: 'saved', person };
  const input: ContactPersonUpdate = { ...changes, version: person.version };
  const { updateContactPerson: r } = await mutate(UpdateContactPersonDocument, { id: person.id, input, reason: null }, lang, viewer);
  return r.contactPerson && !r.errors.length ? { kind: 'saved', person: r.contactPerson } : fromErrors(r.errors);
}

export async function removeContactPerson(person: ContactPerson, lang: Lang, viewer: Viewer | null): Promise<ContactResult> {
  const { removeContactPerson: r } = await mutate(RemoveContactPersonDocument, { id: person.id, version: person.version, reason: null }, lang, viewer);
  return r.errors.length ? fromErrors(r.errors) : { kind: 'saved', person: null };
}
