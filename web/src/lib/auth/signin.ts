/** Sign-in and sign-out through the GraphQL mutations; errors sorted to the field they are about. */
import { gql, GraphQLRequestError } from '$lib/graphql/client.js';
import { SignInDocument, SignOutDocument } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import type { Viewer } from './viewer.js';

export type SignInField = 'email' | 'password' | 'form';
export type SignInErrors = Partial<Record<SignInField, MessageKey>>;

const MESSAGES: Record<string, MessageKey> = {
  INVALID_CREDENTIALS: 'auth.error.invalid',
  ACCOUNT_LOCKED: 'auth.error.locked',
  RATE_LIMITED: 'auth.error.rateLimited',
};

/** What the form itself can tell before asking the API. */
export function checkSignIn(email: string, password: string): SignInErrors {
  const errors: SignInErrors = {};
  if (!email.trim()) errors.email = 'auth.error.emailMissing';
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = 'auth.error.emailInvalid';
  if (!password) errors.password = 'auth.error.passwordMissing';
  return errors;
}

export async function signIn(email: string, password: string, lang: Lang): Promise<{ viewer: Viewer } | { errors: SignInErrors }> {
  try {
    const { signIn: r } = await gql(fetch, SignInDocument, { email: email.trim(), password }, lang);
    if (r.viewer) return { viewer: r.viewer };
    const errors: SignInErrors = {};
    for (const e of r.errors) {
      // A wrong password is about the password field; a lock or the rate limit about the whole form.
      const field: SignInField = e.code === 'INVALID_CREDENTIALS' ? 'password' : 'form';
      errors[field] = MESSAGES[e.code] ?? 'auth.error.failed';
    }
    return { errors };
  } catch (e) {
    // Over the per-address limit the API answers 429 with a GraphQL error instead of `errors`.
    if (e instanceof GraphQLRequestError && e.codes.includes('RATE_LIMITED')) return { errors: { form: 'auth.error.rateLimited' } };
    return { errors: { form: 'auth.error.failed' } };
  }
}

export async function signOut(viewer: Viewer, lang: Lang): Promise<void> {
  await gql(fetch, SignOutDocument, {}, lang, { csrfToken: viewer.csrfToken });
}

/** Where to go after signing in: only a path of this site (never another origin). */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
