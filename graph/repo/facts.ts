/**
 * The about facts' own provenance as a write changes them: a fact the write gives (or changes)
 * cites the write's source, a fact it leaves as it was keeps its provenance, and a fact it clears
 * has none. So an editor's new website is "entered by" the editor while the description keeps the
 * document it came from.
 */
import { ABOUT_FIELDS, parseFieldProvenance, stringifyFieldProvenance, type AboutField, type FactProvenance, type FieldProvenance } from '../model/facts.js';
import type { Basis, InferenceRule } from '../model/types.js';

export type AboutValues = Record<AboutField, string | null | undefined>;

export interface FactSource {
  sourceId: string;
  sourceLocator?: string | null;
  basis: string;
  confidence?: number | null;
  quote?: string | null;
  rule?: string | null;
}

export function factOf(source: FactSource, recordedAt: number | null): FactProvenance {
  return {
    sourceId: source.sourceId,
    sourceLocator: source.sourceLocator ?? null,
    basis: source.basis as Basis,
    confidence: source.confidence ?? 1,
    quote: source.quote ?? null,
    rule: (source.rule ?? null) as InferenceRule | null,
    recordedAt,
  };
}

/**
 * The stored provenance of the about facts after a write of `after` by `source`. `before` is the
 * stored organisation (values and provenance), or null for a new one.
 */
export function aboutProvenance(
  after: AboutValues,
  fact: FactProvenance,
  before: { values: AboutValues; fieldProvenance: string | null } | null,
): string | null {
  const old: FieldProvenance = before ? parseFieldProvenance(before.fieldProvenance) : {};
  const out: FieldProvenance = {};
  for (const field of ABOUT_FIELDS) {
    const value = after[field] ?? null;
    if (value === null) continue;
    const unchanged = before !== null && (before.values[field] ?? null) === value;
    // An unchanged fact keeps what it had (nothing, if nothing was recorded); a new one cites the write.
    const cited = unchanged ? old[field] : fact;
    if (cited) out[field] = cited;
  }
  return stringifyFieldProvenance(out);
}
