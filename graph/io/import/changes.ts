/**
 * What an import would change on the organisations it matched, field by field (issue 22): the
 * value before and after, and the decision a person takes on each. A value the store holds (curated,
 * stated or entered) is replaced only when a person chose REPLACE; the default is KEEP. A name the
 * file gives that the organisation does not have becomes an alias only when ALIAS was chosen. An
 * empty field is filled. A value equal to the stored one is no change at all: nothing is written,
 * its provenance stays as it was.
 */
import { ABOUT_FIELDS, parseFieldProvenance, type AboutField } from '../../model/facts.js';
import type { Basis } from '../../model/types.js';
import type { OrganisationRecord } from '../../model/records.js';
import { fold } from '../../text/fold.js';
import { ValidationError, type FieldProblem } from '../../errors.js';
import { SCALARS, type PlannedGroup } from './analyse.js';

export type FieldDecision = 'KEEP' | 'REPLACE' | 'ALIAS';
export const CHANGE_FIELDS = ['name', ...SCALARS] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

export interface FieldChange {
  organisationId: string;
  organisationName: string;
  /** The rows of the file the value comes from (`rad 4, rad 9`). */
  locator: string;
  field: ChangeField;
  /** The stored value, or null when the field is empty (then the file's value fills it). */
  before: string | null;
  /** The file's value; for `name`, the names the organisation lacks, joined by `; `. */
  after: string;
  /** The stored value's basis and source, when recorded. */
  beforeBasis: Basis | null;
  beforeSource: string | null;
  /** True when a stored value would be replaced: a person decides, KEEP by default. */
  needsDecision: boolean;
  allowed: FieldDecision[];
  /** What is done without a decision. */
  default: FieldDecision;
  /** True when the row's name match awaits confirmation: the change is to its best candidate. */
  proposed?: boolean;
  /** The decision that applied, once written. */
  decision?: FieldDecision;
}

/** Decisions by organisation and field. */
export type FieldDecisions = Record<string, Partial<Record<ChangeField, FieldDecision>>>;

const scalarText = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** The names of the group the organisation does not have yet (its name and aliases compared folded). */
export function newNames(g: PlannedGroup, current: OrganisationRecord): string[] {
  const known = new Set([current.name, ...(current.aliases ?? [])].map(fold));
  const out: string[] = [];
  for (const n of g.names) {
    const k = fold(n);
    if (known.has(k)) continue;
    known.add(k);
    out.push(n);
  }
  return out;
}

/**
 * Every field the group would change on the organisation, unchanged values left out. An
 * organisation a person entered is not changed by an import that is not a person's entry (the
 * write leaves it): its changes are listed with KEEP as the only choice.
 */
export function changesOf(g: PlannedGroup, current: OrganisationRecord, basis: Basis = 'STATED'): FieldChange[] {
  const provenance = parseFieldProvenance(current.fieldProvenance);
  const locked = current.basis === 'ENTERED' && basis !== 'ENTERED';
  const base = { organisationId: current.id, organisationName: current.name, locator: g.locator };
  const out: FieldChange[] = [];
  const names = newNames(g, current);
  if (names.length) {
    out.push({ ...base, field: 'name', before: current.name, after: names.join('; '), beforeBasis: current.basis ?? null, beforeSource: current.sourceId ?? null, needsDecision: !locked, allowed: locked ? ['KEEP'] : ['KEEP', 'ALIAS'], default: 'KEEP' });
  }
  for (const f of SCALARS) {
    if (!g.given.has(f)) continue;
    const after = scalarText(g.data[f]);
    if (after === null) continue;
    const before = scalarText(current[f]);
    if (before === after) continue;
    const fact = (ABOUT_FIELDS as readonly string[]).includes(f) ? provenance[f as AboutField] : undefined;
    const filled = before === null;
    out.push({
      ...base,
      field: f,
      before,
      after,
      beforeBasis: filled ? null : (fact?.basis ?? current.basis ?? null),
      beforeSource: filled ? null : (fact?.sourceId ?? current.sourceId ?? null),
      needsDecision: !filled && !locked,
      allowed: locked ? ['KEEP'] : ['KEEP', 'REPLACE'],
      default: filled && !locked ? 'REPLACE' : 'KEEP',
    });
  }
  return out;
}

/** The decision that applies to a change: the person's, else the default. */
export function decided(c: FieldChange, decisions: FieldDecisions | undefined): FieldDecision {
  const d = decisions?.[c.organisationId]?.[c.field];
  return d && c.allowed.includes(d) ? d : c.default;
}

/** Checks decisions are about known fields and allowed there; the error names the decision. */
export function checkDecisions(list: readonly { organisationId: string; field: string; decision: string }[], fieldPrefix = 'fieldDecisions'): FieldDecisions {
  const problems: FieldProblem[] = [];
  const out: FieldDecisions = {};
  list.forEach((d, i) => {
    if (!(CHANGE_FIELDS as readonly string[]).includes(d.field)) {
      problems.push({ field: `${fieldPrefix}.${i}.field`, message: `not a field an import changes (${CHANGE_FIELDS.join(', ')})` });
      return;
    }
    const field = d.field as ChangeField;
    const allowed: FieldDecision[] = field === 'name' ? ['KEEP', 'ALIAS'] : ['KEEP', 'REPLACE'];
    if (!allowed.includes(d.decision as FieldDecision)) {
      problems.push({ field: `${fieldPrefix}.${i}.decision`, message: `${d.field} takes ${allowed.join(' or ')}` });
      return;
    }
    const forOrg = (out[d.organisationId] ??= {});
    if (forOrg[field]) problems.push({ field: `${fieldPrefix}.${i}`, message: `a second decision on ${d.field} of ${d.organisationId}` });
    else forOrg[field] = d.decision as FieldDecision;
  });
  if (problems.length) throw new ValidationError(problems);
  return out;
}
