/**
 * Structured, checkable reasons: why two organisations overlap or why a candidate is suggested.
 * Each reason names the real ids behind it and carries its share of the score: for an overlap or a
 * suggestion, the score is the sum of its reasons' weights (times the feedback factor, for suggestions).
 */
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

export interface Reason {
  kind: ReasonKind;
  weight: number;
  match?: ReasonMatch;
  targetGroupIds?: string[];
  /** ADJACENT_DISTRICT: [the first (asking) organisation's district, the other's, which borders it]. */
  districtIds?: string[];
  resourceTypeIds?: string[];
  direction?: ResourceDirection;
  viaOrganisationIds?: string[];
  agreementIds?: string[];
  umbrellaIds?: string[];
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

/** Weight descending, then kind, then the first id: a stable order for display and tests. */
export function compareReasons(a: Reason, b: Reason): number {
  const d = b.weight - a.weight;
  if (Math.abs(d) > 1e-12) return d;
  const k = KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  if (k !== 0) return k;
  const x = firstId(a);
  const y = firstId(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
