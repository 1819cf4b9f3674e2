/**
 * Editing an organisation: the form's values, what changed, and saving through the audited
 * mutations at the version the editor read (the API answers CONFLICT when someone saved since).
 */
import {
  CreateOrganisationDocument,
  DeleteOrganisationDocument,
  SetOrganisationLinksDocument,
  UpdateOrganisationDocument,
  type OrganisationStatus,
  type OrganisationUpdate,
} from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import { mutate, type Viewer } from '$lib/auth/viewer.js';
import { changedValues, refusalOf, type ApiUserError, type Refusal } from './errors.js';

export { FIELDS, LINK_KINDS, STATUSES, linksOf, valuesOf, type Field, type LinkKind, type Links, type Organisation, type Values } from './values.js';
import { FIELDS, LINK_KINDS, STATUSES, linksOf, valuesOf, type Field, type LinkKind, type Links, type Organisation, type Values } from './values.js';

/**
 * Only the fields the editor changed (so a save does not overwrite what it did not touch), as the
 * API's input: an emptied status is null (not recorded), the rest as text.
 */
export function changedFields(before: Values, after: Values): Omit<Partial<Values>, 'status'> & { status?: OrganisationStatus | null } {
  const { status, ...rest } = changedValues(FIELDS, before, after);
  if (status === undefined) return rest;
  return { ...rest, status: (STATUSES as readonly string[]).includes(status) ? (status as OrganisationStatus) : null };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
export const changedLinks = (before: Links, after: Links): LinkKind[] => LINK_KINDS.filter((k) => !sameSet(before[k], after[k]));

/** What the form shows after a save. */
export type SaveResult = { kind: 'saved'; organisation: Organisation } | Refusal<Field | 'reason'>;

const FORM_FIELDS = [...FIELDS, 'reason'] as const;

const fromErrors = (errors: readonly ApiUserError[]): SaveResult => refusalOf(errors, FORM_FIELDS);

/** Saves the details, then each changed kind of link, each at the version the previous step left. */
export async function saveOrganisation(org: Organisation, values: Values, links: Links, reason: string, lang: Lang, viewer: Viewer | null): Promise<SaveResult> {
  let current = org;
  const why = reason.trim() || null;
  const fields = changedFields(valuesOf(org), values);
  if (Object.keys(fields).length) {
    const input: OrganisationUpdate = { ...fields, version: current.version };
    const { updateOrganisation: r } = await mutate(UpdateOrganisationDocument, { id: org.id, input, reason: why }, lang, viewer);
    if (!r.organisation || r.errors.length) return fromErrors(r.errors);
    current = r.organisation;
  }
  for (const kind of changedLinks(linksOf(org), links)) {
    const { setOrganisationLinks: r } = await mutate(SetOrganisationLinksDocument, { id: org.id, kind, targetIds: links[kind], version: current.version, reason: why }, lang, viewer);
    if (!r.organisation || r.errors.length) return fromErrors(r.errors);
    current = r.organisation;
  }
  return { kind: 'saved', organisation: current };
}

/** Creates an organisation with its details, then its links (each at the version the last step left). */
export async function createOrganisation(values: Values, links: Links, reason: string, lang: Lang, viewer: Viewer | null): Promise<SaveResult> {
  const why = reason.trim() || null;
  const input = { ...changedFields(valuesOf(null), values), name: values.name.trim() };
  const { createOrganisation: r } = await mutate(CreateOrganisationDocument, { input, reason: why }, lang, viewer);
  if (!r.organisation || r.errors.length) return fromErrors(r.errors);
  return saveOrganisation(r.organisation, valuesOf(r.organisation), links, reason, lang, viewer);
}

export async function deleteOrganisation(org: Organisation, reason: string, lang: Lang, viewer: Viewer | null): Promise<SaveResult | { kind: 'deleted' }> {
  const { deleteOrganisation: r } = await mutate(DeleteOrganisationDocument, { id: org.id, version: org.version, reason: reason.trim() || null }, lang, viewer);
  if (r.deletedId && !r.errors.length) return { kind: 'deleted' };
  return fromErrors(r.errors);
}
