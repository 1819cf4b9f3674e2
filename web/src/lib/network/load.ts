/**
 * The overlap graph, fetched by the browser (the route's load does not wait for it, and the server
 * does not inline it in the page). Only what the first view draws comes first; what each pair
 * shares and each organisation's target groups and districts follow once it is drawn. A filter the
 * API refuses as too large for one view is an answer here (the page asks to narrow it), not an
 * error. The path between two organisations is fetched when asked for.
 */
import { gql, GraphQLRequestError } from '$lib/graphql/client.js';
import { NetworkDetailsDocument, OverlapNetworkDocument, OverlapPathDocument, type OverlapPathQuery } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import { edgeKey, type OverlapGraph } from './elements.js';
import { networkArgs, toNetworkFilter, type NetworkParams } from './params.js';

/** The view's arguments, the same for the first answer and its details (the server caches the view between them). */
const viewArgs = (params: NetworkParams) => ({ filter: toNetworkFilter(params), minScore: params.min, first: params.first, includeIsolated: params.isolated, perNode: params.perNode, ...networkArgs(params) });

export type NetworkResult = { graph: OverlapGraph; tooBroad: false } | { graph: null; tooBroad: true };

export async function loadOverlapNetwork(fetch: typeof globalThis.fetch, params: NetworkParams, lang: Lang): Promise<NetworkResult> {
  try {
    const data = await gql(fetch, OverlapNetworkDocument, viewArgs(params), lang);
    return { graph: data.overlaps, tooBroad: false };
  } catch (e) {
    if (e instanceof GraphQLRequestError && e.tooBroad) return { graph: null, tooBroad: true };
    throw e;
  }
}

/** What the first view leaves out: each organisation's target groups and districts, and each overlap edge's sentences (by `edgeKey`). */
export interface NetworkDetails {
  nodes: Map<string, { targetGroupIds: string[]; districtIds: string[] }>;
  edges: Map<string, { texts: string[]; also: string | null }>;
}

/** The details as a page holds them: on their way (null), fetched, or failed. */
export type DetailsState = NetworkDetails | 'failed' | null;

/** The details once fetched, else null. */
export const fetchedDetails = (state: DetailsState): NetworkDetails | null => (state && state !== 'failed' ? state : null);

export async function loadNetworkDetails(fetch: typeof globalThis.fetch, params: NetworkParams, lang: Lang): Promise<NetworkDetails> {
  const data = await gql(fetch, NetworkDetailsDocument, viewArgs(params), lang);
  return {
    nodes: new Map(data.overlaps.nodes.map((n) => [n.id, { targetGroupIds: n.targetGroupIds, districtIds: n.districtIds }])),
    edges: new Map(data.overlaps.edges.map((e) => [edgeKey(e.source, e.target), { texts: e.shared.map((r) => r.text), also: e.also }])),
  };
}

export type OverlapPath = OverlapPathQuery['overlapPath'];

export async function loadOverlapPath(fetch: typeof globalThis.fetch, params: NetworkParams, from: string, to: string, lang: Lang): Promise<OverlapPath> {
  const data = await gql(fetch, OverlapPathDocument, { from, to, filter: toNetworkFilter(params), minScore: params.min, ...networkArgs(params) }, lang);
  return data.overlapPath;
}
