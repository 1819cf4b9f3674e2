/**
 * The web app's only way to the API: typed operations (generated from graphql/*.graphql) sent as
 * POST /graphql through the fetch SvelteKit hands to load functions (in SSR, hooks.server.ts
 * routes it to the same server over loopback).
 */
import type { TypedDocumentString } from './generated.js';
import type { Lang } from '$lib/i18n/index.js';

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly codes: string[],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
  /** The API answered that the thing asked for does not exist. */
  get notFound(): boolean {
    return this.codes.includes('NOT_FOUND');
  }
  /** The API refused an analysis as too large for the filter (QUERY_TOO_COMPLEX, e.g. RESULT_TOO_LARGE): narrow it. */
  get tooBroad(): boolean {
    return this.codes.includes('QUERY_TOO_COMPLEX');
  }
  /** The request was refused as bad input (a filter value, a cursor). */
  get badInput(): boolean {
    return this.codes.includes('BAD_USER_INPUT') || this.codes.includes('GRAPHQL_VALIDATION_FAILED');
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql<R, V>(fetch: typeof globalThis.fetch, document: TypedDocumentString<R, V>, variables: V, lang: Lang = 'sv', options: { csrfToken?: string } = {}): Promise<R> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', 'accept-language': lang, ...(options.csrfToken ? { 'x-csrf-token': options.csrfToken } : {}) },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch (cause) {
    throw new GraphQLRequestError(cause instanceof Error ? cause.message : 'network error', 0, ['NETWORK']);
  }
  let body: GraphQLResponse<R>;
  try {
    body = (await res.json()) as GraphQLResponse<R>;
  } catch {
    throw new GraphQLRequestError(`HTTP ${res.status}`, res.status, ['BAD_RESPONSE']);
  }
  if (body.errors?.length) {
    throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '), res.status, body.errors.map((e) => e.extensions?.code ?? 'UNKNOWN'));
  }
  if (!body.data) throw new GraphQLRequestError(`HTTP ${res.status}`, res.status, ['NO_DATA']);
  return body.data;
}
