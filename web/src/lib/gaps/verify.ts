/** The page a contact verification link opens: what the link is for, and confirming or correcting. */
import { gql } from '$lib/graphql/client.js';
import { ConfirmContactDetailsDocument, ContactVerificationCheckDocument, type ContactCorrections, type ContactVerificationCheckQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import { sortErrors } from '$lib/edit/errors.js';

export type VerificationCheck = ContactVerificationCheckQuery['contactVerificationCheck'];
export type ContactField = 'email' | 'phone' | 'address' | 'website';
export const CONTACT_FIELDS: readonly ContactField[] = ['email', 'phone', 'address', 'website'];

/** What to say about a link that cannot be used. */
export const PROBLEM_MESSAGES: Record<string, MessageKey> = {
  TOKEN_USED: 'verify.problem.used',
  TOKEN_EXPIRED: 'verify.problem.expired',
  TOKEN_INVALID: 'verify.problem.invalid',
};

export async function checkLink(fetch: typeof globalThis.fetch, token: string, lang: Lang): Promise<VerificationCheck> {
  // No token at all is an unusable link, not a request.
  if (!token) return { problem: 'TOKEN_INVALID', request: null };
  return (await gql(fetch, ContactVerificationCheckDocument, { token }, lang)).contactVerificationCheck;
}

/** Only what the representative changed is sent as a correction; nothing changed confirms as is. */
export function corrections(current: Record<ContactField, string | null | undefined>, edited: Record<ContactField, string>): ContactCorrections | null {
  const out: ContactCorrections = {};
  let any = false;
  for (const f of CONTACT_FIELDS) {
    if (edited[f].trim() !== (current[f] ?? '').trim()) {
      out[f] = edited[f].trim();
      any = true;
    }
  }
  return any ? out : null;
}

export type ConfirmResult = { ok: true; verifiedAt: string | null } | { ok: false; fields: Record<string, MessageKey>; problem: string | null };

export async function confirm(token: string, changes: ContactCorrections | null, lang: Lang): Promise<ConfirmResult> {
  // No session is needed (the token is the credential), so no CSRF token either.
  const { confirmContactDetails: r } = await gql(fetch, ConfirmContactDetailsDocument, { token, corrections: changes }, lang);
  if (r.organisation && !r.errors.length) return { ok: true, verifiedAt: r.organisation.contact.verifiedAt ?? null };
  const sorted = sortErrors(r.errors, CONTACT_FIELDS);
  const problem = sorted.other[0]?.code ?? null;
  return { ok: false, fields: sorted.fields, problem: problem ?? (Object.keys(sorted.fields).length ? null : 'FAILED') };
}
