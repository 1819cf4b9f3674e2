import { langFromPath } from '$lib/i18n/index.js';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = ({ url }) => ({ lang: langFromPath(url.pathname) });
