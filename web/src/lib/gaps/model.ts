/**
 * The gaps page's logic: its view in the URL (`?tg=<target group>&n=100`), links that act on a gap
 * (a profile, an agreement, the Explore view filtered for a target group and district), and the
 * coverage gaps summarised per target group.
 */
import type { GapsCatalogueQuery, GapsOverviewQuery, OrganisationFilter } from '$lib/graphql/generated.js';
import { toSearch } from '$lib/explore/filters.js';
import type { Lang } from '$lib/i18n/index.js';
import { notMetRange } from '$lib/agreements/model.js';

export type Gaps = GapsOverviewQuery;
export type CoverageGapRow = Gaps['coverageGaps'][number];

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface GapsView {
  /** Narrow every section to one target group (narrower ones included). */
  tg: string | null;
  /** How many of each kind to list. */
  limit: number;
}

export function parseGapsView(params: URLSearchParams): GapsView {
  const tg = (params.get('tg') ?? '').trim();
  return { tg: tg && tg.length <= 200 ? tg : null, limit: params.get('n') === String(MAX_LIMIT) ? MAX_LIMIT : DEFAULT_LIMIT };
}

export function gapsSearch(view: GapsView): string {
  const p = new URLSearchParams();
  if (view.tg) p.set('tg', view.tg);
  if (view.limit !== DEFAULT_LIMIT) p.set('n', String(view.limit));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function toFilter(view: GapsView): OrganisationFilter | null {
  return view.tg ? { targetGroups: [view.tg] } : null;
}

/** The Explore page filtered for target groups and districts (paths without the language prefix). */
export function exploreHref(targetGroups: readonly string[], districts: readonly string[]): string {
  return '/' + toSearch({ tg: [...targetGroups], d: [...districts] });
}

export const profileHref = (id: string): string => `/organisation/${encodeURIComponent(id)}`;
export const agreementHref = (id: string): string => `/agreements/${encodeURIComponent(id)}`;

export function groupName(g: { name: string; nameEn?: string | null }, lang: Lang): string {
  return lang === 'en' && g.nameEn ? g.nameEn : g.name;
}

export interface CoverageSummaryRow {
  targetGroup: CoverageGapRow['targetGroup'];
  none: number;
  onlyWider: number;
  districts: string[];
}

/** Per target group: how many districts have nobody at all, and how many only wider-area organisations. */
export function summariseCoverage(rows: readonly CoverageGapRow[]): CoverageSummaryRow[] {
  const by = new Map<string, CoverageSummaryRow>();
  for (const r of rows) {
    const s = by.get(r.targetGroup.id) ?? { targetGroup: r.targetGroup, none: 0, onlyWider: 0, districts: [] };
    if (r.kind === 'NO_ORGANISATION') s.none++;
    else s.onlyWider++;
    s.districts.push(r.district.name);
    by.set(r.targetGroup.id, s);
  }
  return [...by.values()].sort((a, b) => b.none - a.none || b.onlyWider - a.onlyWider || a.targetGroup.name.localeCompare(b.targetGroup.name, 'sv'));
}

/** Target groups for the view selector: the top level first, the narrower ones indented under them. */
export function targetGroupOptions(catalogue: GapsCatalogueQuery, lang: Lang): { id: string; label: string; depth: number }[] {
  const children = new Map<string | null, GapsCatalogueQuery['targetGroups']>();
  for (const g of catalogue.targetGroups) {
    const parent = g.broader?.id ?? null;
    children.set(parent, [...(children.get(parent) ?? []), g]);
  }
  const out: { id: string; label: string; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => groupName(a, lang).localeCompare(groupName(b, lang), lang === 'sv' ? 'sv' : 'en'));
    for (const g of list) {
      if (seen.has(g.id)) continue;
      seen.add(g.id);
      out.push({ id: g.id, label: groupName(g, lang), depth });
      walk(g.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export type AuditRow = Gaps['agreementGaps']['auditCriteria'][number];

/**
 * How many agreements the audit found short of at least one criterion: per record the largest count
 * of agreements missing any one criterion (a lower bound for a committee's summary, exact for one
 * agreement), summed. Agreements, not records: a summary stands for several.
 */
export function agreementsWithGaps(rows: readonly AuditRow[]): number {
  return rows.reduce((n, r) => n + Math.max(r.missing.length ? 1 : 0, ...r.criteria.map((c) => c.notMet)), 0);
}

/**
 * The missing criteria of one record with their counts ("4 of 5"; "1–7 of 8" where the audit leaves
 * some undetermined), the order the API gives.
 */
export function missingCounts(r: AuditRow): { criterion: AuditRow['criteria'][number]['criterion']; notMet: string; of: number; qualified: boolean }[] {
  return r.criteria.filter((c) => c.notMet > 0).map((c) => ({ criterion: c.criterion, notMet: notMetRange(c.notMet, c.unknown), of: c.met + c.notMet + c.unknown, qualified: Boolean(c.qualification) }));
}

/** The share a number is of a whole, for evidence lines ("0.94"). */
export function fixed(n: number | null | undefined, digits = 2): string {
  return n === null || n === undefined ? '–' : n.toFixed(digits);
}
