/**
 * Facts about organisations and where they come from:
 *
 * - the relationships that state a fact about an organisation (it serves a target group, is active
 *   in a district, is party to an agreement…): every relationship type of the model that leaves an
 *   Organisation. Analyses that point at the facts under their reasons, and the statements that read
 *   those facts' basis, take the list from here;
 * - facts stored inside one property, each with its own provenance: an organisation's "about" facts
 *   (Organisation.fieldProvenance) and an audit's findings on a summary of agreements
 *   (Agreement.auditFindings). Both are JSON text in the store; these are their shapes and the one
 *   place that reads and writes them.
 */
import { RELATIONSHIPS, type RelType } from './model.js';
import { BASES, INFERENCE_RULES, type Basis, type InferenceRule } from './types.js';

type FromOrganisation<K extends RelType> = Extract<(typeof RELATIONSHIPS)[K]['pairs'][number], readonly ['Organisation', string]> extends never ? never : K;

export type OrganisationFactRelation = { [K in RelType]: FromOrganisation<K> }[RelType];

export const ORGANISATION_FACT_RELATIONS: readonly OrganisationFactRelation[] = (Object.keys(RELATIONSHIPS) as RelType[]).filter((k) =>
  RELATIONSHIPS[k].pairs.some(([from]) => from === 'Organisation'),
) as OrganisationFactRelation[];

/** The label at the other end of an organisation's fact, per relation (the first the model declares). */
export function factTargetLabel(relation: OrganisationFactRelation): string {
  return RELATIONSHIPS[relation].pairs.find(([from]) => from === 'Organisation')![1];
}

/** The facts about an organisation beyond its name that carry their own provenance. */
export const ABOUT_FIELDS = ['description', 'legalForm', 'website', 'status'] as const;
export type AboutField = (typeof ABOUT_FIELDS)[number];

/** One fact's provenance: the fields of PROVENANCE (graph/model/model.ts) a fact needs. */
export interface FactProvenance {
  sourceId: string;
  sourceLocator: string | null;
  basis: Basis;
  confidence: number;
  quote: string | null;
  rule: InferenceRule | null;
  recordedAt: number | null;
}

export type FieldProvenance = Partial<Record<AboutField, FactProvenance>>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function factOf(v: unknown): FactProvenance | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const sourceId = text(o['sourceId']);
  const basis = o['basis'];
  if (!sourceId || !(BASES as readonly unknown[]).includes(basis)) return null;
  const rule = o['rule'];
  return {
    sourceId,
    sourceLocator: text(o['sourceLocator']),
    basis: basis as Basis,
    confidence: typeof o['confidence'] === 'number' ? o['confidence'] : 1,
    quote: text(o['quote']),
    rule: (INFERENCE_RULES as readonly unknown[]).includes(rule) ? (rule as InferenceRule) : null,
    recordedAt: typeof o['recordedAt'] === 'number' ? o['recordedAt'] : null,
  };
}

/** The stored text as facts; what is missing or malformed is left out (shown as "no source recorded"). */
export function parseFieldProvenance(stored: string | null | undefined): FieldProvenance {
  if (!stored) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return {};
  }
  const out: FieldProvenance = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const field of ABOUT_FIELDS) {
    const f = factOf((raw as Record<string, unknown>)[field]);
    if (f) out[field] = f;
  }
  return out;
}

/** Facts as stored text, in ABOUT_FIELDS order (so equal facts give equal text); null when there are none. */
export function stringifyFieldProvenance(facts: FieldProvenance): string | null {
  const ordered: Record<string, FactProvenance> = {};
  for (const field of ABOUT_FIELDS) {
    const f = facts[field];
    if (f) ordered[field] = f;
  }
  return Object.keys(ordered).length ? JSON.stringify(ordered) : null;
}

/**
 * The criteria of the City of Stockholm's 2021 audit of idea-based public partnerships (source
 * 004): a clearly formulated societal challenge, a link to a politically adopted programme or
 * plan, a steering group, commitments beyond co-funding, follow-up that shows whether the aims are
 * met, evaluation when the agreement expires, documented considerations, and the check of the
 * partner (its row "Kontroll av partner"), with site visits apart.
 */
export const IOP_AUDIT_CRITERIA = [
  'SOCIETAL_CHALLENGE',
  'POLITICAL_PROGRAMME',
  'STEERING_MEETINGS',
  'COMMITMENTS_BEYOND_FUNDING',
  'FOLLOW_UP_PLAN',
  'EVALUATION_AT_EXPIRY',
  'DOCUMENTED_CONSIDERATIONS',
  'PARTNER_CHECK',
  'SITE_VISITS',
] as const;
export type IopAuditCriterion = (typeof IOP_AUDIT_CRITERIA)[number];

/**
 * What an audit found for one criterion across the agreements a summary stands for: how many are
 * known to meet it, known not to, and how many the audit leaves undetermined (met + notMet +
 * unknown = the summary's count). `qualification` is the audit's own reservation, when it makes
 * one ("Kopplas till nämndmål"); quote and locator are where the audit says it.
 */
export interface AuditFinding {
  criterion: IopAuditCriterion;
  met: number;
  notMet: number;
  unknown: number;
  qualification: string | null;
  sourceId: string;
  sourceLocator: string | null;
  quote: string | null;
  basis: Basis;
  confidence: number;
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

/** The stored findings; malformed entries are left out. */
export function parseAuditFindings(stored: string | null | undefined): AuditFinding[] {
  if (!stored) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const out: AuditFinding[] = [];
  for (const v of raw) {
    if (!v || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    const criterion = o['criterion'];
    const sourceId = text(o['sourceId']);
    if (!(IOP_AUDIT_CRITERIA as readonly unknown[]).includes(criterion) || !sourceId) continue;
    const basis = (BASES as readonly unknown[]).includes(o['basis']) ? (o['basis'] as Basis) : 'STATED';
    out.push({
      criterion: criterion as IopAuditCriterion,
      met: count(o['met']),
      notMet: count(o['notMet']),
      unknown: count(o['unknown']),
      qualification: text(o['qualification']),
      sourceId,
      sourceLocator: text(o['sourceLocator']),
      quote: text(o['quote']),
      basis,
      confidence: typeof o['confidence'] === 'number' ? o['confidence'] : 1,
    });
  }
  return out;
}

export function stringifyAuditFindings(findings: readonly AuditFinding[]): string | null {
  return findings.length ? JSON.stringify(findings) : null;
}
