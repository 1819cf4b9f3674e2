/** Creating and changing public bodies through the audited mutations, as the signed-in viewer, at the version read. */
import { CreatePublicBodyDocument, UpdatePublicBodyDocument, type PublicBodyInput, type PublicBodyRowFragment } from '$lib/graphql/generated.js';
import { GraphQLRequestError } from '$lib/graphql/client.js';
import { mutate, type Viewer } from '$lib/auth/viewer.js';
import type { Lang } from '$lib/i18n/index.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import { bodyChanges, bodyErrors, bodyValues, type BodyField, type BodyValues } from './model.js';

export type BodySaved =
  | { kind: 'saved'; body: PublicBodyRowFragment }
  | { kind: 'invalid'; fields: Partial<Record<BodyField, MessageKey>> }
  | { kind: 'conflict' }
  | { kind: 'failed'; codes: string[] };

export async function saveBody(body: PublicBodyRowFragment | null, values: BodyValues, reason: string, lang: Lang, viewer: Viewer | null): Promise<BodySaved> {
  const changes = bodyChanges(bodyValues(body), values, body === null);
  if ('errors' in changes) return { kind: 'invalid', fields: changes.errors };
  try {
    const r = body
      ? (await mutate(UpdatePublicBodyDocument, { id: body.id, input: { ...changes.input, version: body.version }, reason: reason.trim() || null }, lang, viewer)).updatePublicBody
      : (await mutate(CreatePublicBodyDocument, { input: changes.input as PublicBodyInput, reason: reason.trim() || null }, lang, viewer)).createPublicBody;
    if (r.errors.some((e) => e.code === 'CONFLICT')) return { kind: 'conflict' };
    if (r.publicBody && !r.errors.length) return { kind: 'saved', body: r.publicBody };
    const sorted = bodyErrors(r.errors);
    return Object.keys(sorted.fields).length ? { kind: 'invalid', fields: sorted.fields } : { kind: 'failed', codes: sorted.other };
  } catch (e) {
    return { kind: 'failed', codes: e instanceof GraphQLRequestError ? e.codes : ['NETWORK'] };
  }
}
