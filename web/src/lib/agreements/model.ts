/**
 * The agreements pages' logic, kept out of components: grouping by kind, the audit criteria in the
 * 2021 audit's order, and searching and sorting the signatories (state lives in the URL).
 */
import type { AgreementDetailQuery, AgreementFilter, AgreementKind, AgreementListQuery, CriterionState, IopAuditCriterion } from '$lib/graphql/generated.js';
import type { MessageKey } from '$lib/i18n/sv.js';

export type AgreementSummary = AgreementListQuery['agreements'][number];
export type AgreementDetail = NonNullable<AgreementDetailQuery['agreement']>;
export type Party = AgreementDetail['parties']['nodes'][number];

export const KIND_ORDER: readonly AgreementKind[] = ['COMPACT', 'IOP', 'GRANT', 'PROCUREMENT', 'OTHER'];

/** The criteria in the order of the audit's tables (revisionsrapport 3/2021, avsnitt 4). */
export const CRITERIA: readonly IopAuditCriterion[] = [
  'SOCIETAL_CHALLENGE',
  'POLITICAL_PROGRAMME',
  'STEERING_MEETINGS',
  'COMMITMENTS_BEYOND_FUNDING',
  'FOLLOW_UP_PLAN',
  'EVALUATION_AT_EXPIRY',
  'DOCUMENTED_CONSIDERATIONS',
  'PARTNER_CHECK',
  'SITE_VISITS',
];

export const criterionKey = (c: IopAuditCriterion): MessageKey => `criterion.${c}`;
export const criterionShortKey = (c: IopAuditCriterion): MessageKey => `criterion.${c}.short`;
export const stateKey = (s: CriterionState): MessageKey => `criterionState.${s}`;

/** A symbol beside the word, so the state never rests on colour alone. */
export const STATE_SYMBOL: Record<CriterionState, string> = { MET: '✓', MISSING: '✗', PARTLY_MET: '◐', UNKNOWN: '?', NOT_YET_DUE: '–' };

/**
 * How many agreements do not meet a criterion, as the source counts them: "3", or "1–7" when the
 * source leaves some undetermined (the gap is at least the known ones, at most those and the rest).
 */
export function notMetRange(notMet: number, unknown: number): string {
  return unknown > 0 ? `${notMet}–${notMet + unknown}` : String(notMet);
}

// ---- the register's filters, from and to the URL ----

export interface RegisterView {
  kind: AgreementKind | null;
  region: string | null;
  municipality: string | null;
}

const id = (v: string | null) => (v && v.length <= 200 && /^district:[a-z0-9-]+$/.test(v) ? v : null);

export function parseRegisterView(params: URLSearchParams): RegisterView {
  const kind = params.get('kind');
  return { kind: KIND_ORDER.includes(kind as AgreementKind) ? (kind as AgreementKind) : null, region: id(params.get('region')), municipality: id(params.get('municipality')) };
}

export function registerSearch(view: RegisterView): string {
  const p = new URLSearchParams();
  if (view.kind) p.set('kind', view.kind);
  if (view.region) p.set('region', view.region);
  if (view.municipality) p.set('municipality', view.municipality);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The API's filter for a view (null: every agreement). */
export function registerFilter(view: RegisterView): AgreementFilter | null {
  const f: AgreementFilter = {};
  if (view.kind) f.kinds = [view.kind];
  if (view.region) f.regions = [view.region];
  if (view.municipality) f.municipalities = [view.municipality];
  return Object.keys(f).length ? f : null;
}

export interface KindGroup {
  kind: AgreementKind;
  agreements: AgreementSummary[];
}

/** Agreements by kind in a fixed order, each group by name (summary records last). */
export function groupByKind(agreements: readonly AgreementSummary[], locale: string): KindGroup[] {
  const collator = new Intl.Collator(locale);
  return KIND_ORDER.map((kind) => ({
    kind,
    agreements: agreements
      .filter((a) => a.kind === kind)
      .sort((a, b) => Number(Boolean(a.isSummary)) - Number(Boolean(b.isSummary)) || collator.compare(a.name, b.name)),
  })).filter((g) => g.agreements.length > 0);
}

/** "2012-09 – 2016-09", "från 2012-09", or null when no date is known. */
export function period(a: { startDate: string | null; endDate: string | null }, t: (key: MessageKey, p?: Record<string, string>) => string): string | null {
  if (a.startDate && a.endDate) return `${a.startDate} – ${a.endDate}`;
  if (a.startDate) return t('agreements.period.from', { date: a.startDate });
  if (a.endDate) return t('agreements.period.until', { date: a.endDate });
  return null;
}

export const isKnownStatus = (s: string | null): s is 'PLANNED' | 'ACTIVE' | 'ENDED' | 'UNKNOWN' => s === 'PLANNED' || s === 'ACTIVE' || s === 'ENDED' || s === 'UNKNOWN';

/** The recorded value of a criterion as a person reads it. */
export function criterionValue(criterion: IopAuditCriterion, value: string | null, t: (key: MessageKey, p?: Record<string, string | number>) => string): string {
  if (value === null) return t('audit.value.none');
  if (value === 'true') return t('audit.value.yes');
  if (value === 'false') return t('audit.value.no');
  if (criterion === 'STEERING_MEETINGS') return t('audit.value.meetings', { n: value });
  return value;
}

// ---- signatories: search and sort, from and to the URL ----

export type SignatorySort = 'name' | 'verified';
export type SortDir = 'asc' | 'desc';

export interface SignatoryView {
  q: string;
  sort: SignatorySort;
  dir: SortDir;
}

export function parseSignatoryView(params: URLSearchParams): SignatoryView {
  const sort = params.get('sort') === 'verified' ? 'verified' : 'name';
  return { q: (params.get('q') ?? '').trim().slice(0, 100), sort, dir: params.get('dir') === 'desc' ? 'desc' : 'asc' };
}

export function signatorySearch(view: SignatoryView): string {
  const p = new URLSearchParams();
  if (view.q) p.set('q', view.q);
  if (view.sort !== 'name') p.set('sort', view.sort);
  if (view.dir !== 'asc') p.set('dir', view.dir);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Case- and accent-insensitive, so "forening" finds "Föreningen". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('sv');
}

export function viewSignatories(parties: readonly Party[], view: SignatoryView, locale: string): Party[] {
  const q = fold(view.q);
  const collator = new Intl.Collator(locale);
  const rows = q ? parties.filter((p) => fold(p.name).includes(q)) : [...parties];
  const sign = view.dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    if (view.sort === 'verified') {
      // Never verified counts as oldest.
      const va = a.organisation?.contactVerifiedAt ?? '';
      const vb = b.organisation?.contactVerifiedAt ?? '';
      if (va !== vb) return sign * (va < vb ? -1 : 1);
    }
    return sign * collator.compare(a.name, b.name);
  });
  return rows;
}

/** Organisations that signed; public bodies and other roles are listed apart. */
export function splitParties(parties: readonly Party[]): { signatories: Party[]; others: Party[] } {
  const signatories = parties.filter((p) => p.kind === 'ORGANISATION' && p.role === 'SIGNATORY');
  const others = parties.filter((p) => !(p.kind === 'ORGANISATION' && p.role === 'SIGNATORY'));
  return { signatories, others };
}
