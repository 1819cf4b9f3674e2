/** How a failed API call becomes SvelteKit's error page (web/src/lib/graphql/errors.ts). */
import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { failLoad } from '../../web/src/lib/graphql/errors.js';
import { GraphQLRequestError } from '../../web/src/lib/graphql/client.js';

function thrown(e: unknown): unknown {
  try {
    failLoad(e);
  } catch (caught) {
    return caught;
  }
  throw new Error('failLoad returned');
}

describe('failLoad', () => {
  it.each([
    [['NOT_FOUND'], 404, 'notFound'],
    [['BAD_USER_INPUT'], 400, 'badInput'],
    [['GRAPHQL_VALIDATION_FAILED'], 400, 'badInput'],
    [['QUERY_TOO_COMPLEX'], 422, 'tooBroad'],
    [['INTERNAL_SERVER_ERROR'], 502, 'api'],
    [[], 502, 'api'],
  ])('codes %j give status %i, kind %s', (codes, status, kind) => {
    const e = thrown(new GraphQLRequestError('refused', 200, codes));
    expect(isHttpError(e)).toBe(true);
    if (!isHttpError(e)) return;
    expect(e.status).toBe(status);
    expect(e.body).toEqual({ message: 'refused', kind });
  });

  it('passes on what is not an API error', () => {
    const original = new TypeError('a bug');
    expect(thrown(original)).toBe(original);
  });
});
