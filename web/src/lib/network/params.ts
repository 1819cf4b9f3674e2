/** The overlap network's view in the URL: `?tg=&d=&ag=&res=&from=&to=&min=&first=&per=&iso=1`. */
import type { OrganisationFilter, PeriodInput } from '$lib/graphql/generated.js';

export const EDGE_LIMITS = [50, 100, 200, 500] as const;
/** Edges per organisation in the backbone; 0 = every edge above the threshold. */
export const PER_NODE = [1, 2, 3, 5, 0] as const;
export const DEFAULT_PER_NODE = 2;

export interface NetworkParams {
  tg: string;
  d: string;
  /** Only parties to this agreement. */
  ag: string;
  /** Only organisations offering or needing this resource type. */
  res: string;
  /** The period (years or dates), both ends optional. */
  from: string;
  to: string;
  min: number;
  first: number;
  perNode: number;
  /** Also organisations without an overlap edge (`iso=1`). */
  isolated: boolean;
}

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const id = (v: string | null) => (v ?? '').trim().slice(0, 200);
const date = (v: string | null) => {
  const s = (v ?? '').trim();
  return PARTIAL_DATE.test(s) ? s : '';
};

export function parseNetworkParams(params: URLSearchParams): NetworkParams {
  const min = Number(params.get('min') ?? 0.5);
  const first = Number(params.get('first') ?? 100);
  const perNode = Number(params.get('per') ?? DEFAULT_PER_NODE);
  return {
    tg: id(params.get('tg')),
    d: id(params.get('d')),
    ag: id(params.get('ag')),
    res: id(params.get('res')),
    from: date(params.get('from')),
    to: date(params.get('to')),
    min: Number.isFinite(min) && min >= 0 && min <= 100 ? min : 0.5,
    first: (EDGE_LIMITS as readonly number[]).includes(first) ? first : 100,
    perNode: (PER_NODE as readonly number[]).includes(perNode) ? perNode : DEFAULT_PER_NODE,
    isolated: params.get('iso') === '1',
  };
}

export function toNetworkFilter(p: NetworkParams): OrganisationFilter {
  const filter: OrganisationFilter = { includeWider: true };
  if (p.tg) filter.targetGroups = [p.tg];
  if (p.d) filter.districts = [p.d];
  return filter;
}

/** The arguments the network's queries share beyond the filter. */
export function networkArgs(p: NetworkParams): { agreement: string | null; resource: string | null; period: PeriodInput | null } {
  return {
    agreement: p.ag || null,
    resource: p.res || null,
    period: p.from || p.to ? { from: p.from || null, to: p.to || null } : null,
  };
}
