/**
 * Passwords from the web app: changing one's own, asking for a reset link, and setting a new one
 * with the link's token. The form checks what it can before asking (the API's policy is the rule:
 * at least 12 characters, not blank, not a common password); the API's refusals are sorted to the
 * field they are about.
 */
import { gql, GraphQLRequestError } from '$lib/graphql/client.js';
import { ChangePasswordDocument, PasswordResetCheckDocument, RequestPasswordResetDocument, ResetPasswordDocument } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import type { Viewer } from './viewer.js';

export const MIN_PASSWORD_LENGTH = 12;

export type PasswordField = 'current' | 'next' | 'repeat' | 'form';
export type PasswordErrors = Partial<Record<PasswordField, MessageKey>>;

/** What the form can tell of a new password and its repetition before asking the API. */
export function checkNewPassword(next: string, repeat: string): PasswordErrors {
  const errors: PasswordErrors = {};
  if ([...next].length < MIN_PASSWORD_LENGTH) errors.next = 'password.error.short';
  else if (next.trim() === '') errors.next = 'password.error.blank';
  else if (next !== repeat) errors.repeat = 'password.error.mismatch';
  return errors;
}

/** An API refusal of the new password: a common one, or another rule. */
const newPasswordError = (message: string): MessageKey => (/common/i.test(message) ? 'password.error.common' : /12/.test(message) ? 'password.error.short' : 'password.error.invalid');

export async function changePassword(viewer: Viewer, current: string, next: string, lang: Lang): Promise<{ viewer: Viewer } | { errors: PasswordErrors }> {
  try {
    const { changePassword: r } = await gql(fetch, ChangePasswordDocument, { currentPassword: current, newPassword: next }, lang, { csrfToken: viewer.csrfToken });
    if (r.viewer) return { viewer: r.viewer };
    const errors: PasswordErrors = {};
    for (const e of r.errors) {
      if (e.field === 'currentPassword') errors.current = /\d+ s/.test(e.message) ? 'password.error.locked' : 'password.error.current';
      else if (e.field === 'newPassword') errors.next = newPasswordError(e.message);
      else errors.form = 'password.error.failed';
    }
    return { errors };
  } catch (e) {
    return { errors: { form: e instanceof GraphQLRequestError && e.codes.includes('RATE_LIMITED') ? 'password.error.rateLimited' : 'password.error.failed' } };
  }
}

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export async function requestReset(email: string, lang: Lang): Promise<'sent' | MessageKey> {
  try {
    await gql(fetch, RequestPasswordResetDocument, { email: email.trim() }, lang);
    return 'sent';
  } catch (e) {
    return e instanceof GraphQLRequestError && e.codes.includes('RATE_LIMITED') ? 'password.error.rateLimited' : 'password.error.failed';
  }
}

/** Whether a reset link can be used: null, or the key of why not. */
export async function checkResetLink(fetchFn: typeof globalThis.fetch, token: string, lang: Lang): Promise<MessageKey | null> {
  if (!token) return 'password.reset.invalid';
  const { passwordResetCheck } = await gql(fetchFn, PasswordResetCheckDocument, { token }, lang);
  return linkProblem(passwordResetCheck.problem);
}

function linkProblem(code: string | null | undefined): MessageKey | null {
  if (!code) return null;
  return code === 'TOKEN_USED' ? 'password.reset.used' : code === 'TOKEN_EXPIRED' ? 'password.reset.expired' : 'password.reset.invalid';
}

export async function resetPassword(token: string, next: string, lang: Lang): Promise<'done' | { errors: PasswordErrors; link: MessageKey | null }> {
  try {
    const { resetPassword: r } = await gql(fetch, ResetPasswordDocument, { token, newPassword: next }, lang);
    if (r.done) return 'done';
    const errors: PasswordErrors = {};
    let link: MessageKey | null = null;
    for (const e of r.errors) {
      if (e.field === 'token') link = linkProblem(e.code) ?? 'password.reset.invalid';
      else if (e.field === 'newPassword') errors.next = newPasswordError(e.message);
      else errors.form = 'password.error.failed';
    }
    return { errors, link };
  } catch (e) {
    return { errors: { form: e instanceof GraphQLRequestError && e.codes.includes('RATE_LIMITED') ? 'password.error.rateLimited' : 'password.error.failed' }, link: null };
  }
}
