// jscpd:ignore-start — kept: two thin routes that each read a link's token and check it with their own function
import { failLoad } from '$lib/graphql/errors.js';
import { checkLink } from '$lib/gaps/verify.js';
import type { PageLoad } from './$types';

// The link from requestContactVerification: /contact/verify?token=…
export const load: PageLoad = async ({ fetch, url, parent }) => {
  const { lang } = await parent();
  const token = url.searchParams.get('token') ?? '';
  try {
    return { token, check: await checkLink(fetch, token, lang) };
  } catch (e) {
    failLoad(e);
  }
};
// jscpd:ignore-end
