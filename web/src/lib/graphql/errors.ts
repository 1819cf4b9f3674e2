/** Turns a failed API call into SvelteKit's error page with a kind the page can explain. */
import { error } from '@sveltejs/kit';
import { GraphQLRequestError } from './client.js';

export function failLoad(e: unknown): never {
  if (e instanceof GraphQLRequestError) {
    if (e.notFound) error(404, { message: e.message, kind: 'notFound' });
    if (e.badInput) error(400, { message: e.message, kind: 'badInput' });
    // Refused as too large for one answer (a whole country's organisations): retrying won't help, narrowing will.
    if (e.tooBroad) error(422, { message: e.message, kind: 'tooBroad' });
    error(502, { message: e.message, kind: 'api' });
  }
  throw e;
}
