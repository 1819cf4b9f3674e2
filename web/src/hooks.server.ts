/**
 * Server hooks: `<html lang>` from the URL, and SSR requests to /graphql sent to the API of this
 * same server over loopback (server/http/web.ts passes its own address in INTERNAL_ORIGIN_HEADER,
 * overwriting whatever a client sent).
 */
import type { Handle, HandleFetch } from '@sveltejs/kit';
import { langFromPath } from '$lib/i18n/index.js';

const INTERNAL_ORIGIN_HEADER = 'x-samverkan-internal-origin';

export const handle: Handle = async ({ event, resolve }) => {
  const lang = langFromPath(event.url.pathname);
  const response = await resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  // A page rendered for a session holds that user's name and CSRF token: no cache may keep it.
  if (/(?:^|;\s*)(?:__Host-)?samverkan_session=/.test(event.request.headers.get('cookie') ?? '')) response.headers.set('cache-control', 'private, no-store');
  return response;
};

export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  const internal = event.request.headers.get(INTERNAL_ORIGIN_HEADER);
  if (internal && url.origin === event.url.origin && url.pathname === '/graphql') {
    const headers = new Headers(request.headers);
    const cookie = event.request.headers.get('cookie');
    if (cookie) headers.set('cookie', cookie);
    return fetch(new Request(`${internal}/graphql${url.search}`, { method: request.method, headers, body: request.body, duplex: 'half' } as RequestInit));
  }
  return fetch(request);
};
