/**
 * The Explore page's filters, read from and written to the URL so a view can be shared:
 * `?q=text&tg=<target group>&d=<district>&ak=IOP&ro=<resource offered>&rn=<resource needed>`,
 * `wider=0` to leave out organisations working in a wider area, `after`/`start` for the page.
 */
import type { AgreementKind, OrganisationFilter } from '$lib/graphql/generated.js';

export const PAGE_SIZE = 20;
/** More values than anyone picks by hand; the API refuses huge lists anyway. */
const MAX_VALUES = 50;
const MAX_TEXT = 200;
export const AGREEMENT_KINDS: readonly AgreementKind[] = ['COMPACT', 'IOP', 'GRANT', 'PROCUREMENT', 'OTHER'];

export interface ExploreFilters {
  q: string;
  tg: string[];
  d: string[];
  ak: AgreementKind[];
  ro: string[];
  rn: string[];
  wider: boolean;
  after: string | null;
  start: number;
}

const values = (params: URLSearchParams, key: string) => [...new Set(params.getAll(key).map((v) => v.trim()).filter(Boolean))].slice(0, MAX_VALUES);

export function parseFilters(params: URLSearchParams): ExploreFilters {
  const start = Number(params.get('start') ?? 1);
  return {
    q: (params.get('q') ?? '').trim().slice(0, MAX_TEXT),
    tg: values(params, 'tg'),
    d: values(params, 'd'),
    ak: values(params, 'ak').filter((k): k is AgreementKind => (AGREEMENT_KINDS as readonly string[]).includes(k)),
    ro: values(params, 'ro'),
    rn: values(params, 'rn'),
    wider: params.get('wider') !== '0',
    after: params.get('after') || null,
    start: Number.isInteger(start) && start > 0 ? start : 1,
  };
}

export function toOrganisationFilter(f: ExploreFilters): OrganisationFilter {
  const filter: OrganisationFilter = { includeWider: f.wider };
  if (f.q) filter.text = f.q;
  if (f.tg.length) filter.targetGroups = f.tg;
  if (f.d.length) filter.districts = f.d;
  if (f.ak.length) filter.agreementKinds = f.ak;
  if (f.ro.length) filter.resourcesOffered = f.ro;
  if (f.rn.length) filter.resourcesNeeded = f.rn;
  return filter;
}

export const EXPORT_FORMATS = ['csv', 'csv-links', 'json', 'graphml', 'hsds'] as const;

/** The download of the filtered view (GET /export, server/http/export.ts): a file, not a data fetch. */
export function exportHref(f: ExploreFilters, format: (typeof EXPORT_FORMATS)[number]): string {
  const p = new URLSearchParams({ format });
  for (const [key, list] of [['targetGroup', f.tg], ['district', f.d], ['agreementKind', f.ak], ['offers', f.ro], ['needs', f.rn]] as const) for (const v of list) p.append(key, v);
  if (f.q) p.set('text', f.q);
  p.set('includeWider', f.wider ? 'true' : 'false');
  return `/export?${p}`;
}

/** The query string for filters (without the page unless given), for links and pagination. */
export function toSearch(f: Partial<ExploreFilters>): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  for (const [key, list] of [['tg', f.tg], ['d', f.d], ['ak', f.ak], ['ro', f.ro], ['rn', f.rn]] as const) for (const v of list ?? []) p.append(key, v);
  if (f.wider === false) p.set('wider', '0');
  if (f.after) {
    p.set('after', f.after);
    if (f.start && f.start > 1) p.set('start', String(f.start));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function hasFilters(f: ExploreFilters): boolean {
  return Boolean(f.q || f.tg.length || f.d.length || f.ak.length || f.ro.length || f.rn.length || !f.wider);
}

/** The same filters without one value (for the "remove this filter" chips); the page resets. */
export function without(f: ExploreFilters, key: 'q' | 'tg' | 'd' | 'ak' | 'ro' | 'rn', value?: string): ExploreFilters {
  const next: ExploreFilters = { ...f, after: null, start: 1 };
  if (key === 'q') next.q = '';
  else if (key === 'ak') next.ak = f.ak.filter((v) => v !== value);
  else next[key] = f[key].filter((v) => v !== value);
  return next;
}
