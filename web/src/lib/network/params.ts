/** The overlap network's view in the URL: `?tg=&d=&min=&first=&iso=1`. */
import type { OrganisationFilter } from '$lib/graphql/generated.js';

export const EDGE_LIMITS = [50, 100, 200, 500] as const;

export interface NetworkParams {
  tg: string;
  d: string;
  min: number;
  first: number;
  /** Also organisations without an overlap edge (`iso=1`). */
  isolated: boolean;
}

export function parseNetworkParams(params: URLSearchParams): NetworkParams {
  const min = Number(params.get('min') ?? 0.5);
  const first = Number(params.get('first') ?? 100);
  return {
    tg: (params.get('tg') ?? '').trim().slice(0, 200),
    d: (params.get('d') ?? '').trim().slice(0, 200),
    min: Number.isFinite(min) && min >= 0 && min <= 100 ? min : 0.5,
    first: (EDGE_LIMITS as readonly number[]).includes(first) ? first : 100,
    isolated: params.get('iso') === '1',
  };
}

export function toNetworkFilter(p: NetworkParams): OrganisationFilter {
  const filter: OrganisationFilter = { includeWider: true };
  if (p.tg) filter.targetGroups = [p.tg];
  if (p.d) filter.districts = [p.d];
  return filter;
}
