/**
 * Why is a named organisation not suggested to another? The candidate is scored exactly as the
 * suggestions score it, and the answer says what stops it (already partners, decided on, not a
 * candidate the search reached, a score below the last suggestion shown), where it ranks, the
 * parts its score has, and the parts it lacks (no shared or related target group, no shared or
 * bordering district, no partner in common, no complementary resource, no agreement or umbrella).
 */
import { invalidArgument } from './errors.js';
import { withEvidence } from './evidence.js';
import type { Projection } from './projection.js';
import type { Reason } from './reasons.js';
import { SCORE_PARTS, scoreParts, type ScorePart, type ScorePartKind } from './score-parts.js';
import { DEFAULT_CANDIDATE_LIMITS } from './suggestion-candidates.js';
import { DEFAULT_SUGGESTION_WEIGHTS, rankCandidates, recentDecisions, scoreCandidate, selfOverlaps, type SuggestionWeights } from './suggestions.js';

export const WHY_NOT_BLOCKERS = [
  'SAME_ORGANISATION',
  'ALREADY_COLLABORATING',
  'ACCEPTED',
  'DISMISSED',
  'NOT_ANALYSABLE',
  'SYNTHETIC_MISMATCH',
  'NOTHING_IN_COMMON',
  'NOT_REACHED',
  'RANKED_LOWER',
] as const;
export type WhyNotBlocker = (typeof WHY_NOT_BLOCKERS)[number];

export interface WhyNot {
  organisationId: string;
  candidateId: string;
  /** Among the first `limit` suggestions? */
  suggested: boolean;
  /** What keeps it out, most decisive first (empty when suggested). */
  blockers: WhyNotBlocker[];
  /** 1-based place among everything ranked, or where its score would place it; null without a score. */
  rank: number | null;
  score: number;
  /** The score of the last suggestion shown (the `limit`th), null when fewer were found. */
  lastShownScore: number | null;
  parts: ScorePart[];
  /** Parts it has nothing in (COMMON aside). */
  missing: ScorePartKind[];
  reasons: Reason[];
  projectionBuiltAt: number;
}

export function whyNotSuggested(p: Projection, organisationId: string, candidateId: string, options: { limit?: number; weights?: Partial<SuggestionWeights> } = {}): WhyNot {
  const a = p.requireOrganisation(organisationId, 'organisationId');
  const c = p.requireOrganisation(candidateId, 'candidateId');
  const limit = options.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1) throw invalidArgument('limit', 'limit must be a whole number ≥ 1', limit);
  const w: SuggestionWeights = { ...DEFAULT_SUGGESTION_WEIGHTS, ...options.weights };
  const blockers: WhyNotBlocker[] = [];
  if (a === c) blockers.push('SAME_ORGANISATION');
  if (p.partners.has(a, c)) blockers.push('ALREADY_COLLABORATING');
  const decision = p.decision(a, c)?.decision ?? (p.decision(c, a)?.decision === 'ACCEPTED' ? 'ACCEPTED' : undefined);
  if (decision === 'ACCEPTED' && !p.partners.has(a, c)) blockers.push('ACCEPTED');
  if (decision === 'DISMISSED') blockers.push('DISMISSED');
  if (!p.analysable[c]) blockers.push('NOT_ANALYSABLE');
  if (p.orgSynthetic[a] !== p.orgSynthetic[c]) blockers.push('SYNTHETIC_MISMATCH');

  const scored = a === c ? null : scoreCandidate(p, a, c, w, recentDecisions(p, a), selfOverlaps(p, w));
  const reasons = scored ? withEvidence(p, scored.reasons) : [];
  const score = scored?.score ?? 0;
  const ranked = rankCandidates(p, a, w, DEFAULT_CANDIDATE_LIMITS).suggestions;
  const lastShownScore = ranked.length >= limit ? ranked[limit - 1]!.score : null;
  const at = ranked.findIndex((s) => s.organisationId === candidateId);
  let rank: number | null = at >= 0 ? at + 1 : null;
  if (blockers.length === 0) {
    if (!scored) blockers.push('NOTHING_IN_COMMON');
    else if (at < 0) {
      blockers.push('NOT_REACHED');
      rank = ranked.filter((s) => s.score > score).length + 1;
    } else if (at >= limit) blockers.push('RANKED_LOWER');
  }
  const parts = scoreParts(reasons);
  const has = new Set(parts.map((x) => x.part));
  return {
    organisationId,
    candidateId,
    suggested: blockers.length === 0,
    blockers,
    rank: scored ? rank : null,
    score,
    lastShownScore,
    parts,
    missing: SCORE_PARTS.filter((k) => k !== 'COMMON' && !has.has(k)),
    reasons,
    projectionBuiltAt: p.builtAt,
  };
}
