/**
 * Patches of a projection after a small write: one organisation's links of one kind, or its
 * record's fields. Each returns a new projection (Projection.derive) that shares every structure
 * the change does not touch and rebuilds only the affected ones: the organisation's row and the
 * touched targets' rows of the relation and of its closure, the touched targets' frequencies
 * (specificity weights and "common" flags) and the organisation's name order. The result is
 * exactly what a full build from the changed input gives (test/graph/projection-patch.test.ts
 * compares them). Anything a patch cannot place (an organisation or target the projection does not
 * know) returns null: the caller rebuilds.
 */
import type { Basis } from '../model/types.js';
import { Csr } from './csr.js';
import { compareByNameThenId } from './ordering.js';
import { ORGANISATION_LINKS } from '../model/links.js';
import { INFERRED_KIND_OF, isCommon, specificity, type LinkBasis, type OrganisationInput, type PatchableField, type Projection } from './projection.js';

/** The kinds of an organisation's links a patch can follow (collaborations change the partner graph: a rebuild). */
export type PatchableLinkKind = 'targetGroup' | 'district' | 'offers' | 'needs' | 'umbrella' | 'agreement';

/** One of an organisation's links as the store now holds it, with what it rests on. */
export interface LinkRow {
  to: string;
  basis: Basis | null;
  confidence: number | null;
  /** The rule that inferred it, or where it was entered (the link's source locator). */
  rule: string | null;
}

type Field = PatchableField & keyof Projection;

/** How a kind's links sit in the projection (its relation type comes from graph/model/links.ts). */
interface KindSpec {
  forward: Field;
  inverse: Field;
  index: (p: Projection) => ReadonlyMap<string, number>;
  /** The upward closure through a hierarchy, with the frequency weights measured on it. */
  closure?: { forward: Field; inverse: Field; ancestors: (p: Projection) => readonly Int32Array[] };
  /** The specificity weight and common flag of each target, from its (closure) frequency. */
  weights?: { weight: Field; common: Field; zero?: (p: Projection, t: number) => boolean };
}

const SPECS: Record<PatchableLinkKind, KindSpec> = {
  targetGroup: {
    forward: 'orgTg',
    inverse: 'tgOrg',
    index: (p) => p.tgIndex,
    closure: { forward: 'orgTgClosure', inverse: 'tgOrgClosure', ancestors: (p) => p.tgAncestors },
    weights: { weight: 'tgWeight', common: 'tgCommon' },
  },
  district: {
    forward: 'orgDistrict',
    inverse: 'districtOrg',
    index: (p) => p.districtIndex,
    closure: { forward: 'orgDistrictClosure', inverse: 'districtOrgClosure', ancestors: (p) => p.districtAncestors },
    weights: { weight: 'districtWeight', common: 'districtCommon' },
  },
  agreement: {
    forward: 'orgAgreement',
    inverse: 'agreementOrg',
    index: (p) => p.agreementIndex,
    // A summary of several agreements is not a shared agreement: weight 0 (as the build says).
    weights: { weight: 'agreementWeight', common: 'agreementCommon', zero: (p, g) => Boolean(p.agreements[g]!.isSummary) },
  },
  umbrella: {
    forward: 'orgUmbrella',
    inverse: 'umbrellaMembers',
    index: (p) => p.orgIndex,
    weights: { weight: 'umbrellaWeight', common: 'umbrellaCommon' },
  },
  offers: { forward: 'orgOffers', inverse: 'offerers', index: (p) => p.resourceTypeIndex },
  needs: { forward: 'orgNeeds', inverse: 'needers', index: (p) => p.resourceTypeIndex },
};

export const PATCHABLE_LINK_KINDS = Object.keys(SPECS) as PatchableLinkKind[];

const csrOf = (p: Projection, f: Field) => p[f] as unknown as Csr;

function sortedUnique(values: Iterable<number>): Int32Array {
  return Int32Array.from(new Set(values)).sort();
}

function sameRow(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** In `a` and not in `b` (both sorted). */
function minus(a: Int32Array, b: Int32Array): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j]! < a[i]!) j++;
    if (j >= b.length || b[j] !== a[i]) out.push(a[i]!);
  }
  return out;
}

/** The inverse relation with `org` dropped from the rows of the `removed` targets and inserted into those of the `added` ones. */
function patchInverse(inverse: Csr, org: number, removed: readonly number[], added: readonly number[]): Csr {
  const rows = new Map<number, Int32Array>();
  for (const t of removed) rows.set(t, inverse.row(t).filter((o) => o !== org));
  for (const t of added) {
    const row = inverse.row(t);
    const out = new Int32Array(row.length + 1);
    let k = 0;
    let placed = false;
    for (let i = 0; i < row.length; i++) {
      if (!placed && row[i]! > org) {
        out[k++] = org;
        placed = true;
      }
      out[k++] = row[i]!;
    }
    if (!placed) out[k++] = org;
    rows.set(t, out);
  }
  return inverse.withRows(rows);
}

const basisOf = (r: LinkRow): LinkBasis => (r.basis === 'STATED' ? { basis: 'STATED', confidence: 1, rule: null } : { basis: r.basis, confidence: r.confidence, rule: r.rule });
const sameBasis = (a: LinkBasis, b: LinkBasis) => a.basis === b.basis && (a.basis === 'STATED' || (a.confidence === b.confidence && a.rule === b.rule));

/**
 * Organisation `organisationId`'s links of `kind` are now `rows`: the projection with them, `p`
 * itself when nothing changed, or null when it cannot be patched (the organisation or a target is
 * not in the projection).
 */
export function patchOrganisationLinks(p: Projection, kind: PatchableLinkKind, organisationId: string, rows: readonly LinkRow[], at: number = Date.now()): Projection | null {
  const spec = SPECS[kind];
  const relation = ORGANISATION_LINKS[kind].type;
  const inferred = INFERRED_KIND_OF[relation]!;
  const org = p.orgIndex.get(organisationId);
  if (org === undefined) return null;
  const index = spec.index(p);
  const targets: number[] = [];
  for (const r of rows) {
    const t = index.get(r.to);
    if (t === undefined) return null;
    targets.push(t);
  }
  const forward = csrOf(p, spec.forward);
  const before = forward.row(org);
  const after = sortedUnique(targets);
  const idOf = (t: number) => (kind === 'agreement' ? p.agreements[t]!.id : (kind === 'targetGroup' ? p.tgIds : kind === 'district' ? p.districtIds : kind === 'umbrella' ? p.orgIds : p.resourceTypeIds)[t]!);
  // The basis of each link; with duplicate rows the last one wins, as in the build.
  const bases = new Map<string, LinkBasis>();
  for (const r of rows) bases.set(r.to, basisOf(r));
  if (sameRow(before, after) && [...bases].every(([to, b]) => sameBasis(b, p.linkBasis(relation, org, to)))) return p;

  const fields: Partial<Record<Field, unknown>> = {};
  fields[spec.forward] = forward.withRows(new Map([[org, after]]));
  fields[spec.inverse] = patchInverse(csrOf(p, spec.inverse), org, minus(before, after), minus(after, before));
  // The targets whose frequency changed, and the relation it is measured on.
  let touched = [...minus(before, after), ...minus(after, before)];
  let counted = fields[spec.inverse] as Csr;
  if (spec.closure) {
    const ancestors = spec.closure.ancestors(p);
    const closure = csrOf(p, spec.closure.forward);
    const cBefore = closure.row(org);
    const cAfter = sortedUnique(Array.from(after).flatMap((t) => [t, ...ancestors[t]!]));
    const removed = minus(cBefore, cAfter);
    const added = minus(cAfter, cBefore);
    fields[spec.closure.forward] = closure.withRows(new Map([[org, cAfter]]));
    counted = patchInverse(csrOf(p, spec.closure.inverse), org, removed, added);
    fields[spec.closure.inverse] = counted;
    touched = [...removed, ...added];
  }
  if (spec.weights) {
    const { weight: wf, common: cf, zero } = spec.weights;
    const weight = Float64Array.from(p[wf] as unknown as Float64Array);
    const common = Uint8Array.from(p[cf] as unknown as Uint8Array);
    for (const t of touched) {
      const n = counted.size(t);
      weight[t] = zero?.(p, t) ? 0 : specificity(n, p.population);
      common[t] = isCommon(n, p.population) ? 1 : 0;
    }
    fields[wf] = weight;
    fields[cf] = common;
  }
  return p.derive(
    {
      fields: fields as Partial<Pick<Projection, PatchableField>>,
      links: {
        relation,
        kind: inferred,
        org,
        before: Array.from(before, idOf),
        after: [...bases].map(([to, basis]) => ({ to, target: index.get(to)!, basis })),
      },
    },
    at,
  );
}

/**
 * Organisation `input.id`'s record is now `input`: the projection with its name, status,
 * verification date and synthetic flag, `p` itself when none changed, or null when the
 * organisation is not in the projection (a new one changes every index: a rebuild).
 */
export function patchOrganisationRecord(p: Projection, input: OrganisationInput, at: number = Date.now()): Projection | null {
  const org = p.orgIndex.get(input.id);
  if (org === undefined) return null;
  const status = input.status ?? null;
  const synthetic = input.synthetic ? 1 : 0;
  const closed = status === 'CLOSED' ? 1 : 0;
  const verified = input.contactVerifiedAt ?? Number.NaN;
  const analysable = !p.analysableFilter || p.analysableFilter(input) ? 1 : 0;
  const sameVerified = Object.is(p.orgContactVerifiedAt[org], verified);
  const nameChanged = p.orgNames[org] !== input.name;
  if (!nameChanged && p.orgStatus[org] === status && p.orgSynthetic[org] === synthetic && sameVerified && p.analysable[org] === analysable) return p;
  const fields: { -readonly [K in PatchableField]?: Projection[K] } = {};
  const names = [...p.orgNames];
  names[org] = input.name;
  if (nameChanged) fields.orgNames = names;
  if (p.orgStatus[org] !== status) {
    const statuses = [...p.orgStatus];
    statuses[org] = status;
    fields.orgStatus = statuses;
  }
  if (p.orgClosed[org] !== closed) fields.orgClosed = withByte(p.orgClosed, org, closed);
  if (p.orgSynthetic[org] !== synthetic) fields.orgSynthetic = withByte(p.orgSynthetic, org, synthetic);
  if (p.analysable[org] !== analysable) fields.analysable = withByte(p.analysable, org, analysable);
  if (!sameVerified) {
    const v = Float64Array.from(p.orgContactVerifiedAt);
    v[org] = verified;
    fields.orgContactVerifiedAt = v;
  }
  return p.derive({ fields, ...(nameChanged ? { nameRank: movedInNameOrder(p, org, names) } : {}) }, at);
}

function withByte(a: Uint8Array, i: number, v: number): Uint8Array {
  const out = Uint8Array.from(a);
  out[i] = v;
  return out;
}

/** The name order with one organisation renamed: it leaves its place and is inserted at its new one (no sort). */
function movedInNameOrder(p: Projection, org: number, names: readonly string[]): Int32Array {
  const rank = p.orgNameRank;
  const order = new Int32Array(rank.length);
  for (let i = 0; i < rank.length; i++) order[rank[i]!] = i;
  const others = new Int32Array(rank.length - 1);
  let k = 0;
  for (let r = 0; r < order.length; r++) if (order[r] !== org) others[k++] = order[r]!;
  const me = { name: names[org]!, id: p.orgIds[org]! };
  let lo = 0;
  let hi = others.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const o = others[mid]!;
    if (compareByNameThenId({ name: names[o]!, id: p.orgIds[o]! }, me) < 0) lo = mid + 1;
    else hi = mid;
  }
  const next = new Int32Array(rank.length);
  for (let r = 0; r < lo; r++) next[others[r]!] = r;
  next[org] = lo;
  for (let r = lo; r < others.length; r++) next[others[r]!] = r + 1;
  return next;
}
