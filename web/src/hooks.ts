/** English pages live under /en/…: the same routes, the language read from the URL. */
import type { Reroute } from '@sveltejs/kit';
import { stripLang } from '$lib/i18n/index.js';

export const reroute: Reroute = ({ url }) => stripLang(url.pathname);
