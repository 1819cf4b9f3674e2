import { langFromPath } from '$lib/i18n/index.js';
import { loadViewer, VIEWER_DEPENDENCY } from '$lib/auth/viewer.js';
import type { LayoutLoad } from './$types';

// Every page knows who is signed in (SSR forwards the session cookie, hooks.server.ts).
export const load: LayoutLoad = async ({ url, fetch, depends }) => {
  depends(VIEWER_DEPENDENCY);
  const lang = langFromPath(url.pathname);
  return { lang, viewer: await loadViewer(fetch, lang) };
};
