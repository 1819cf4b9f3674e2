/**
 * A score explained as its parts: what the shared target groups, the place, agreements, umbrellas,
 * partners in common and complementary resources each add, and what common things add ("also").
 * The scale, said with every answer: each shared thing adds between 0 (every organisation has it)
 * and 1 (only these two have it), times the weight of its part (SuggestionWeights); the score is
 * the sum of the parts (for a suggestion, times the feedback factor of earlier decisions).
 */
import type { Reason, ReasonKind } from './reasons.js';

export const SCORE_PARTS = ['TARGET_GROUPS', 'PLACE', 'AGREEMENTS', 'UMBRELLAS', 'PARTNERS', 'RESOURCES', 'COMMON'] as const;
export type ScorePartKind = (typeof SCORE_PARTS)[number];

const PART_OF: Record<ReasonKind, ScorePartKind> = {
  SHARED_TARGET_GROUP: 'TARGET_GROUPS',
  SHARED_DISTRICT: 'PLACE',
  ADJACENT_DISTRICT: 'PLACE',
  COMMON_AGREEMENT: 'AGREEMENTS',
  COMMON_UMBRELLA: 'UMBRELLAS',
  TRIADIC_CLOSURE: 'PARTNERS',
  COMPLEMENTARY_RESOURCE: 'RESOURCES',
};

/** The part a reason adds to: its kind's, or COMMON for what many share. */
export const partOf = (r: Reason): ScorePartKind => (r.common ? 'COMMON' : PART_OF[r.kind]);

export interface ScorePart {
  part: ScorePartKind;
  /** What the part adds to the score (the sum of its reasons' weights). */
  weight: number;
  reasons: number;
}

/** The parts with something in them, in SCORE_PARTS order. */
export function scoreParts(reasons: readonly Reason[]): ScorePart[] {
  const sums = new Map<ScorePartKind, ScorePart>();
  for (const r of reasons) {
    const part = partOf(r);
    const entry = sums.get(part) ?? { part, weight: 0, reasons: 0 };
    entry.weight += r.weight;
    entry.reasons++;
    sums.set(part, entry);
  }
  return SCORE_PARTS.filter((k) => sums.has(k)).map((k) => sums.get(k)!);
}
