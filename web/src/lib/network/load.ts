/**
 * The overlap graph, fetched by the browser (the route's load does not wait for it, and the server
 * does not inline it in the page: 430 KB of JSON to parse and hydrate before anything moves). A
 * filter the API refuses as too large for one view is an answer here (the page asks to narrow it),
 * not an error. The path between two organisations is fetched when asked for.
 */
import { gql, GraphQLRequestError } from '$lib/graphql/client.js';
import { OverlapNetworkDocument, OverlapPathDocument, type OverlapPathQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import type { OverlapGraph } from './elements.js';
import { networkArgs, toNetworkFilter, type NetworkParams } from './params.js';

export type NetworkResult = { graph: OverlapGraph; tooBroad: false } | { graph: null; tooBroad: true };

export async function loadOverlapNetwork(fetch: typeof globalThis.fetch, params: NetworkParams, lang: Lang): Promise<NetworkResult> {
  try {
    const data = await gql(fetch, OverlapNetworkDocument, { filter: toNetworkFilter(params), minScore: params.min, first: params.first, includeIsolated: params.isolated, perNode: params.perNode, ...networkArgs(params) }, lang);
    return { graph: data.overlaps, tooBroad: false };
  } catch (e) {
    if (e instanceof GraphQLRequestError && e.tooBroad) return { graph: null, tooBroad: true };
    throw e;
  }
}

export type OverlapPath = OverlapPathQuery['overlapPath'];

export async function loadOverlapPath(fetch: typeof globalThis.fetch, params: NetworkParams, from: string, to: string, lang: Lang): Promise<OverlapPath> {
  const data = await gql(fetch, OverlapPathDocument, { from, to, filter: toNetworkFilter(params), minScore: params.min, ...networkArgs(params) }, lang);
  return data.overlapPath;
}
