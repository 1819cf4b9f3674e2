/**
 * Structured, checkable reasons: why two organisations overlap or why a candidate is suggested.
 * Each reason names the two organisations it is about and the real ids behind it, carries its share
 * of the score (for an overlap or a suggestion, the score is the sum of its reasons' weights, times
 * the feedback factor for suggestions), says whether what is shared is common (then it is listed as
 * "also", never among the main reasons), and, once evidence is attached (evidence.ts), the facts it
 * rests on with their basis.
 */
import type { OrganisationFactRelation } from '../model/facts.js';
import type { Basis } from '../model/types.js';

export const REASON_KINDS = [
  'SHARED_TARGET_GROUP',
  'SHARED_DISTRICT',
  'ADJACENT_DISTRICT',
  'COMPLEMENTARY_RESOURCE',
  'TRIADIC_CLOSURE',
  'COMMON_AGREEMENT',
  'COMMON_UMBRELLA',
] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/**
 * How a shared target group or district matched: SAME = both name it; BROADER = they meet only in
 * a broader group or area that contains what each of them names (counted with the broader one's
 * lower specificity and a discount per step).
 */
export type ReasonMatch = 'SAME' | 'BROADER';

export type ResourceDirection = 'OFFERS_WHAT_YOU_NEED' | 'NEEDS_WHAT_YOU_OFFER';

/** One fact a reason rests on: an organisation's link, with what it rests on. */
export interface ReasonFact {
  organisationId: string;
  relation: OrganisationFactRelation;
  /** The target group, district, agreement, umbrella, resource type, collaboration or organisation it links to. */
  targetId: string;
  basis: Basis | null;
  confidence: number | null;
  /** For an inferred fact, how it was inferred; for an entered one, where. */
  rule: string | null;
}

export interface Reason {
  kind: ReasonKind;
  weight: number;
  /** The two organisations the reason is about: the one asking (an edge's source), then the other. */
  organisationIds: [string, string];
  /** Shared by more than a quarter of all organisations (COMMON_SHARE): counted, listed as "also". */
  common: boolean;
  match?: ReasonMatch;
  targetGroupIds?: string[];
  /** ADJACENT_DISTRICT: [the first (asking) organisation's district, the other's, which borders it]. */
  districtIds?: string[];
  resourceTypeIds?: string[];
  direction?: ResourceDirection;
  viaOrganisationIds?: string[];
  agreementIds?: string[];
  umbrellaIds?: string[];
  /** The facts under the reason (attached to answers by evidence.ts). */
  facts?: ReasonFact[];
}

const KIND_ORDER: Record<ReasonKind, number> = Object.fromEntries(REASON_KINDS.map((k, i) => [k, i])) as Record<
  ReasonKind,
  number
>;

function firstId(r: Reason): string {
  return (
    r.targetGroupIds?.[0] ??
    r.districtIds?.[0] ??
    r.resourceTypeIds?.[0] ??
    r.viaOrganisationIds?.[0] ??
    r.agreementIds?.[0] ??
    r.umbrellaIds?.[0] ??
    ''
  );
}

/** Main reasons before common ones, then weight descending, kind, the first id: a stable order for display and tests. */
export function compareReasons(a: Reason, b: Reason): number {
  if (a.common !== b.common) return a.common ? 1 : -1;
  const d = b.weight - a.weight;
  if (Math.abs(d) > 1e-12) return d;
  const k = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (k !== 0) return k;
  const x = firstId(a);
  const y = firstId(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
