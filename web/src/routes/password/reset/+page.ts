// jscpd:ignore-start — kept: two thin routes that each read a link's token and check it with their own function
import { failLoad } from '$lib/graphql/errors.js';
import { checkResetLink } from '$lib/auth/password.js';
import type { PageLoad } from './$types';

// The link from requestPasswordReset: /password/reset?token=…
export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { lang } = await parent();
  const token = url.searchParams.get('token') ?? '';
  try {
    return { token, problem: await checkResetLink(fetch, token, lang) };
  } catch (e) {
    failLoad(e);
  }
};
// jscpd:ignore-end
