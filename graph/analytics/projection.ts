/**
 * The in-memory projection every analytics function works on: plain arrays in (ProjectionInput),
 * indexed once into dense integer ids, compressed adjacency (Csr), inverted indexes with their
 * frequencies, the ancestor/descendant closure of the target-group taxonomy and of the district
 * hierarchy, district adjacency, collaboration partners and remembered suggestion decisions.
 *
 * The analytics module never touches a database: the store layer reads the relevant subgraph and
 * builds a Projection from it. A Projection is immutable; answers computed from it (brokers,
 * communities) may be memoised on it with `memo()` and are valid for its whole life.
 *
 * Freshness (how stale answers may be): after a small write (one organisation's links of a kind, or
 * its record's fields) the projection service patches the projection: projection-patch.ts derives
 * a new one (`derive`) sharing every untouched structure, before the next answer. Other writes
 * rebuild it, debounced about one second, served stale-while-rebuilding: until the new projection
 * is ready the previous one keeps answering (over a minute at Sweden scale: see the benchmark in
 * docs/benchmarks.md). `builtAt` says when the full build read the data and is returned with every
 * answer so the UI can show it; `patchedAt` when a patch last re-read part of it. The rebuild job
 * calls `warmAnalytics()` (warm.ts) on the new projection before swapping it in. A decision on a
 * suggestion (ACCEPTED/DISMISSED) is a write like any other and changes rankings after the rebuild.
 */
import type { AgreementKind, AgreementStatus, Basis, CollaborationKind, DistrictKind, IopAuditCriteria, OrganisationStatus } from '../model/types.js';
import type { AuditFinding, OrganisationFactRelation } from '../model/facts.js';
import { Csr, CsrBuilder } from './csr.js';
import { notFound } from './errors.js';
import { compareByNameThenId } from './ordering.js';
import type { Lang, NameLookup } from './names.js';

export interface OrganisationInput {
  id: string;
  name: string;
  /** Epoch milliseconds of the last verification of the contact details; null = never. */
  contactVerifiedAt: number | null;
  synthetic?: boolean;
  /** ACTIVE, INACTIVE, CLOSED or not recorded (null). Closed ones are left out of analyses by default. */
  status?: OrganisationStatus | null;
}

export interface TargetGroupInput {
  id: string;
  name: string;
  nameEn: string | null;
  broaderId: string | null;
}

export interface DistrictInput {
  id: string;
  name: string;
  kind: DistrictKind;
  partOfId: string | null;
  /** The period the district exists in this form (ISO dates; null: open). */
  validFrom?: string | null;
  validTo?: string | null;
}

export interface AgreementInput extends IopAuditCriteria {
  id: string;
  name: string;
  kind: AgreementKind;
  isSummary: boolean | null;
  summaryCount: number | null;
  /** ISO date (YYYY-MM-DD) or null. */
  endDate: string | null;
  /** ISO date, or a year or year-month as the source gives it; null = not known. */
  startDate?: string | null;
  status: AgreementStatus;
  /** For a summary of several agreements: the audit's findings per criterion, as counts. */
  auditFindings?: readonly AuditFinding[];
}

export interface CollaborationInput {
  id: string;
  name: string;
  kind: CollaborationKind;
  /** Organisations (and possibly public bodies, which the projection ignores here). */
  participantIds: string[];
  /** ISO date, or a year or year-month as the source gives it; null or absent = not known. */
  startDate?: string | null;
  endDate?: string | null;
}

export interface ResourceTypeInput {
  id: string;
  name: string;
  nameEn: string | null;
}

export type SuggestionDecisionKind = 'ACCEPTED' | 'DISMISSED';

export interface SuggestionDecisionInput {
  organisationId: string;
  candidateId: string;
  decision: SuggestionDecisionKind;
  decidedAt: number;
}

export type IdPair = readonly [string, string];

/**
 * The basis of an organisation's link that is not simply stated by its source: INFERRED (with the
 * rule that inferred it and its confidence), ENTERED by a person, or null when the store does not
 * say. Links not listed are STATED.
 */
export interface LinkBasisInput {
  relation: OrganisationFactRelation;
  /** The organisation. */
  from: string;
  /** The target group, district, agreement, umbrella, resource type or collaboration. */
  to: string;
  basis: Basis | null;
  confidence: number | null;
  /** How it was inferred or where it was entered (the link's source locator). */
  rule: string | null;
}

/** What a link rests on, as analyses report it. */
export interface LinkBasis {
  basis: Basis | null;
  confidence: number | null;
  rule: string | null;
}

const STATED: LinkBasis = Object.freeze({ basis: 'STATED', confidence: 1, rule: null });

export interface ProjectionInput {
  organisations: readonly OrganisationInput[];
  targetGroups: readonly TargetGroupInput[];
  districts: readonly DistrictInput[];
  /** Unordered: [a, b] means a and b border each other. */
  adjacency: readonly IdPair[];
  /** [organisationId, targetGroupId] */
  serves: readonly IdPair[];
  /** [organisationId, districtId] */
  activeIn: readonly IdPair[];
  agreements: readonly AgreementInput[];
  /** [organisationOrPublicBodyId, agreementId]; public bodies are kept only as counts. */
  partyTo: readonly IdPair[];
  /** [memberOrganisationId, umbrellaOrganisationId] */
  memberOf: readonly IdPair[];
  collaborations: readonly CollaborationInput[];
  /** [organisationId, resourceTypeId] */
  offers: readonly IdPair[];
  /** [organisationId, resourceTypeId] */
  needs: readonly IdPair[];
  resourceTypes: readonly ResourceTypeInput[];
  decisions: readonly SuggestionDecisionInput[];
  /** Links whose basis is not STATED (absent: every link is stated). */
  linkBases?: readonly LinkBasisInput[];
}

export interface ProjectionOptions {
  /**
   * Which organisations analyses may put forward (suggest, list in gaps, draw in a network): the
   * others stay in the projection (what they share still counts for how common a feature is, and
   * their collaborations still link their partners) but never appear in an answer. Default: all.
   */
  analysable?: (organisation: OrganisationInput) => boolean;
}

/** The kinds of an organisation's link analyses test for an inferred basis, and their relations. */
export type InferredKind = 'serves' | 'activeIn' | 'offers' | 'needs' | 'memberOf' | 'partyTo';

export const INFERRED_KIND_OF: Partial<Record<OrganisationFactRelation, InferredKind>> = {
  SERVES: 'serves',
  ACTIVE_IN: 'activeIn',
  OFFERS: 'offers',
  NEEDS: 'needs',
  MEMBER_OF: 'memberOf',
  PARTY_TO: 'partyTo',
};

export interface DecisionRecord {
  decision: SuggestionDecisionKind;
  decidedAt: number;
}

/**
 * A feature shared by more than this share of the organisations is common: it still counts (a
 * little, see specificity) but is never one of a pair's main reasons; answers list it as "also".
 */
export const COMMON_SHARE = 0.25;

/**
 * How much sharing a feature says, on a 0–1 scale: 1 when only the two organisations have it, 0
 * when every organisation has it, in between by inverse frequency (log(population / frequency)
 * over log(population / 2)). A rare target group shared in one stadsdel counts far more than the
 * whole city or a compact with most organisations as parties. The same in overlaps, gaps and
 * suggestions.
 */
export function specificity(frequency: number, population: number): number {
  if (population <= 2) return 1;
  const n = Math.max(2, frequency);
  if (n >= population) return 0;
  return Math.min(1, Math.log(population / n) / Math.log(population / 2));
}

/** Is a feature n organisations have common (shared by more than COMMON_SHARE of them)? */
export function isCommon(frequency: number, population: number): boolean {
  return frequency > COMMON_SHARE * population;
}

/** Adamic–Adar weight of a common partner with `degree` partners: the fewer partners it has, the more it says. */
export function adamicAdar(degree: number): number {
  return 1 / Math.log(1 + Math.max(1, degree));
}

interface Hierarchy {
  parent: Int32Array;
  depth: Int32Array;
  /** Nearest first. */
  ancestors: Int32Array[];
  /** Sorted ascending, excluding the node itself. */
  descendants: Int32Array[];
}

function buildHierarchy(count: number, parentOf: (i: number) => number): Hierarchy {
  const parent = new Int32Array(count).fill(-1);
  for (let i = 0; i < count; i++) parent[i] = parentOf(i);
  const ancestors: Int32Array[] = [];
  const depth = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const chain: number[] = [];
    const seen = new Set<number>([i]);
    let p = parent[i]!;
    while (p >= 0 && !seen.has(p)) {
      chain.push(p);
      seen.add(p);
      p = parent[p]!;
    }
    ancestors.push(Int32Array.from(chain));
    depth[i] = chain.length;
  }
  const desc: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < count; i++) for (const a of ancestors[i]!) desc[a]!.push(i);
  const descendants = desc.map((d) => Int32Array.from(d).sort());
  return { parent, depth, ancestors, descendants };
}

function indexIds<T extends { id: string }>(rows: readonly T[], skip: (what: string) => void, what: string) {
  const index = new Map<string, number>();
  const kept: T[] = [];
  for (const row of rows) {
    if (index.has(row.id)) {
      skip(`${what}:duplicate`);
      continue;
    }
    index.set(row.id, kept.length);
    kept.push(row);
  }
  return { index, kept };
}

/** The structures a patch (projection-patch.ts) may replace; a derived projection shares the rest. */
export type PatchableField =
  | 'orgNames' | 'orgSynthetic' | 'orgClosed' | 'orgStatus' | 'orgContactVerifiedAt' | 'analysable'
  | 'orgTg' | 'tgOrg' | 'orgTgClosure' | 'tgOrgClosure' | 'tgWeight' | 'tgCommon'
  | 'orgDistrict' | 'districtOrg' | 'orgDistrictClosure' | 'districtOrgClosure' | 'districtWeight' | 'districtCommon'
  | 'orgAgreement' | 'agreementOrg' | 'agreementWeight' | 'agreementCommon'
  | 'orgUmbrella' | 'umbrellaMembers' | 'umbrellaWeight' | 'umbrellaCommon'
  | 'orgOffers' | 'offerers' | 'orgNeeds' | 'needers';

/** One organisation's links of one kind as they now are, with the basis of each (a patch's input). */
export interface LinkBasesChange {
  relation: OrganisationFactRelation;
  kind: InferredKind;
  org: number;
  /** The target ids it had before (their entries are dropped). */
  before: readonly string[];
  after: readonly { to: string; target: number; basis: LinkBasis }[];
}

export interface ProjectionChanges {
  fields: Partial<Pick<Projection, PatchableField>>;
  links?: LinkBasesChange;
  /** The organisations' name order when names changed (else the old one is kept). */
  nameRank?: Int32Array | null;
}

/** Memoised answers that depend only on the catalogue, which a patch never changes: a derived projection keeps them. */
const CATALOGUE_MEMOS = new Set(['tg-name-rank', 'district-name-rank']);

export class Projection implements NameLookup {
  /** When the data was read (epoch ms). Every answer carries it. */
  readonly builtAt: number;
  /**
   * When the last patch re-read part of the data (epoch ms; null: not patched since the build).
   * A patched projection holds everything as of builtAt and the patched links as of patchedAt.
   */
  readonly patchedAt: number | null = null;
  /** Rows dropped while indexing (duplicate ids, relations to unknown ids), by kind. */
  readonly skipped: Readonly<Record<string, number>>;

  // Organisations
  readonly orgCount: number;
  readonly orgIds: readonly string[];
  readonly orgNames: readonly string[];
  readonly orgSynthetic: Uint8Array;
  /** 1 where the organisation is recorded as CLOSED. */
  readonly orgClosed: Uint8Array;
  readonly orgStatus: readonly (OrganisationStatus | null)[];
  /** NaN where never verified. */
  readonly orgContactVerifiedAt: Float64Array;
  readonly orgIndex: ReadonlyMap<string, number>;
  /** 1 where analyses may put the organisation forward (ProjectionOptions.analysable). */
  readonly analysable: Uint8Array;
  /** How many organisations a feature's frequency is measured against (all of them). */
  readonly population: number;

  // Target groups and their taxonomy
  readonly tgCount: number;
  readonly tgIds: readonly string[];
  readonly tgNames: readonly string[];
  readonly tgNamesEn: readonly (string | null)[];
  readonly tgIndex: ReadonlyMap<string, number>;
  readonly tgParent: Int32Array;
  readonly tgDepth: Int32Array;
  readonly tgAncestors: readonly Int32Array[];
  readonly tgDescendants: readonly Int32Array[];
  /** organisation → target groups it serves (direct). */
  readonly orgTg: Csr;
  /** target group → organisations serving it directly. */
  readonly tgOrg: Csr;
  /** organisation → target groups it serves directly or through a narrower group (the closure upwards). */
  readonly orgTgClosure: Csr;
  /** target group → organisations serving it or any narrower group. */
  readonly tgOrgClosure: Csr;
  /** Specificity of each target group from its closure frequency. */
  readonly tgWeight: Float64Array;
  /** 1 where the target group (with its narrower ones) is common (isCommon). */
  readonly tgCommon: Uint8Array;

  // Districts, hierarchy and adjacency
  readonly districtCount: number;
  readonly districtIds: readonly string[];
  readonly districtNames: readonly string[];
  readonly districtKinds: readonly DistrictKind[];
  readonly districtValidFrom: readonly (string | null)[];
  readonly districtValidTo: readonly (string | null)[];
  readonly districtIndex: ReadonlyMap<string, number>;
  readonly districtParent: Int32Array;
  readonly districtDepth: Int32Array;
  readonly districtAncestors: readonly Int32Array[];
  readonly districtDescendants: readonly Int32Array[];
  readonly districtAdjacency: Csr;
  readonly orgDistrict: Csr;
  readonly districtOrg: Csr;
  readonly orgDistrictClosure: Csr;
  readonly districtOrgClosure: Csr;
  readonly districtWeight: Float64Array;
  readonly districtCommon: Uint8Array;

  // Agreements
  readonly agreementCount: number;
  readonly agreements: readonly AgreementInput[];
  readonly agreementIndex: ReadonlyMap<string, number>;
  readonly orgAgreement: Csr;
  /** agreement → organisation parties. */
  readonly agreementOrg: Csr;
  /** Parties that are not organisations in this projection (public bodies), per agreement. */
  readonly agreementOtherParties: readonly (readonly string[])[];
  /** Specificity of a shared agreement; 0 for summary records (they are not a shared agreement). */
  readonly agreementWeight: Float64Array;
  readonly agreementCommon: Uint8Array;

  // Umbrella membership (umbrellas are organisations)
  readonly orgUmbrella: Csr;
  readonly umbrellaMembers: Csr;
  readonly umbrellaWeight: Float64Array;
  readonly umbrellaCommon: Uint8Array;

  // Resources
  readonly resourceTypeCount: number;
  readonly resourceTypeIds: readonly string[];
  readonly resourceTypeNames: readonly string[];
  readonly resourceTypeNamesEn: readonly (string | null)[];
  readonly resourceTypeIndex: ReadonlyMap<string, number>;
  readonly orgOffers: Csr;
  readonly offerers: Csr;
  readonly orgNeeds: Csr;
  readonly needers: Csr;

  // Collaborations
  readonly collaborationCount: number;
  /** Collaboration ids by index (the input objects are not kept: they would dominate the heap). */
  readonly collaborationIds: readonly string[];
  readonly collaborationNames: readonly string[];
  /** Start and end of each collaboration as given (ISO date, year-month or year), null = not known. */
  readonly collaborationStart: readonly (string | null)[];
  readonly collaborationEnd: readonly (string | null)[];
  readonly orgCollaboration: Csr;
  readonly collaborationOrg: Csr;
  /** organisation → organisations it shares at least one collaboration with. */
  readonly partners: Csr;

  // Suggestion decisions (the latest per organisation and candidate)
  readonly decisions: ReadonlyMap<number, ReadonlyMap<number, DecisionRecord>>;
  /** Pairs with an ACCEPTED suggestion, both directions. */
  readonly acceptedPartners: Csr;
  /** partners ∪ acceptedPartners: the graph triadic closure runs on. */
  readonly extendedPartners: Csr;

  /** Links that are not STATED, by `relation|organisation index|target id`. */
  private readonly bases: ReadonlyMap<string, LinkBasis>;
  /** Per kind of link, the (organisation, target) pairs whose basis is INFERRED, as `org * targets + target`. */
  private readonly inferredLinks: Record<InferredKind, Set<number>>;

  /** ProjectionOptions.analysable, kept for patches of an organisation's record. */
  readonly analysableFilter: ((organisation: OrganisationInput) => boolean) | null;
  private readonly memoCache = new Map<string, unknown>();
  private nameRankCache: Int32Array | null = null;
  /** Scratch buffers for candidate accumulation (single-threaded, synchronous use only). */
  readonly scratchScore: Float64Array;
  readonly scratchEpoch: Int32Array;
  private epoch = 0;

  constructor(input: ProjectionInput, builtAt: number = Date.now(), options: ProjectionOptions = {}) {
    this.builtAt = builtAt;
    const skipped: Record<string, number> = {};
    const skip = (what: string) => {
      skipped[what] = (skipped[what] ?? 0) + 1;
    };

    // Organisations
    const orgs = indexIds(input.organisations, skip, 'organisations');
    this.orgIndex = orgs.index;
    this.orgCount = orgs.kept.length;
    this.orgIds = orgs.kept.map((o) => o.id);
    this.orgNames = orgs.kept.map((o) => o.name);
    this.orgSynthetic = Uint8Array.from(orgs.kept, (o) => (o.synthetic ? 1 : 0));
    this.orgStatus = orgs.kept.map((o) => o.status ?? null);
    this.orgClosed = Uint8Array.from(orgs.kept, (o) => (o.status === 'CLOSED' ? 1 : 0));
    this.orgContactVerifiedAt = Float64Array.from(orgs.kept, (o) => o.contactVerifiedAt ?? Number.NaN);
    const analysable = options.analysable;
    this.analysableFilter = analysable ?? null;
    this.analysable = Uint8Array.from(orgs.kept, (o) => (!analysable || analysable(o) ? 1 : 0));
    const N = this.orgCount;
    this.population = N;
    const common = (sizeOf: (i: number) => number, count: number) => Uint8Array.from({ length: count }, (_, i) => (isCommon(sizeOf(i), N) ? 1 : 0));

    // Target groups
    const tgs = indexIds(input.targetGroups, skip, 'targetGroups');
    this.tgIndex = tgs.index;
    this.tgCount = tgs.kept.length;
    this.tgIds = tgs.kept.map((t) => t.id);
    this.tgNames = tgs.kept.map((t) => t.name);
    this.tgNamesEn = tgs.kept.map((t) => t.nameEn);
    const tgH = buildHierarchy(this.tgCount, (i) => {
      const b = tgs.kept[i]!.broaderId;
      if (b === null) return -1;
      const p = tgs.index.get(b);
      if (p === undefined) skip('targetGroups:unknownBroader');
      return p ?? -1;
    });
    this.tgParent = tgH.parent;
    this.tgDepth = tgH.depth;
    this.tgAncestors = tgH.ancestors;
    this.tgDescendants = tgH.descendants;

    // Districts
    const ds = indexIds(input.districts, skip, 'districts');
    this.districtIndex = ds.index;
    this.districtCount = ds.kept.length;
    this.districtIds = ds.kept.map((d) => d.id);
    this.districtNames = ds.kept.map((d) => d.name);
    this.districtKinds = ds.kept.map((d) => d.kind);
    this.districtValidFrom = ds.kept.map((d) => d.validFrom ?? null);
    this.districtValidTo = ds.kept.map((d) => d.validTo ?? null);
    const dH = buildHierarchy(this.districtCount, (i) => {
      const b = ds.kept[i]!.partOfId;
      if (b === null) return -1;
      const p = ds.index.get(b);
      if (p === undefined) skip('districts:unknownPartOf');
      return p ?? -1;
    });
    this.districtParent = dH.parent;
    this.districtDepth = dH.depth;
    this.districtAncestors = dH.ancestors;
    this.districtDescendants = dH.descendants;

    const adj = new CsrBuilder(this.districtCount);
    for (const [a, b] of input.adjacency) {
      const x = ds.index.get(a);
      const y = ds.index.get(b);
      if (x === undefined || y === undefined || x === y) {
        skip('adjacency');
        continue;
      }
      adj.add(x, y);
      adj.add(y, x);
    }
    this.districtAdjacency = adj.build();

    const relation = (pairs: readonly IdPair[], right: ReadonlyMap<string, number>, rightCount: number, what: string) => {
      const b = new CsrBuilder(N);
      for (const [o, x] of pairs) {
        const i = orgs.index.get(o);
        const j = right.get(x);
        if (i === undefined || j === undefined) {
          skip(what);
          continue;
        }
        b.add(i, j);
      }
      const forward = b.build();
      return { forward, inverse: forward.transpose(rightCount) };
    };

    const serves = relation(input.serves, tgs.index, this.tgCount, 'serves');
    this.orgTg = serves.forward;
    this.tgOrg = serves.inverse;
    this.orgTgClosure = upwardClosure(this.orgTg, this.tgAncestors, N);
    this.tgOrgClosure = this.orgTgClosure.transpose(this.tgCount);
    this.tgWeight = Float64Array.from({ length: this.tgCount }, (_, t) => specificity(this.tgOrgClosure.size(t), N));
    this.tgCommon = common((t) => this.tgOrgClosure.size(t), this.tgCount);

    const active = relation(input.activeIn, ds.index, this.districtCount, 'activeIn');
    this.orgDistrict = active.forward;
    this.districtOrg = active.inverse;
    this.orgDistrictClosure = upwardClosure(this.orgDistrict, this.districtAncestors, N);
    this.districtOrgClosure = this.orgDistrictClosure.transpose(this.districtCount);
    this.districtWeight = Float64Array.from({ length: this.districtCount }, (_, d) =>
      specificity(this.districtOrgClosure.size(d), N),
    );
    this.districtCommon = common((d) => this.districtOrgClosure.size(d), this.districtCount);

    // Agreements
    const ags = indexIds(input.agreements, skip, 'agreements');
    this.agreementIndex = ags.index;
    this.agreementCount = ags.kept.length;
    this.agreements = ags.kept;
    const partyB = new CsrBuilder(N);
    const other: string[][] = Array.from({ length: this.agreementCount }, () => []);
    for (const [party, agreementId] of input.partyTo) {
      const g = ags.index.get(agreementId);
      if (g === undefined) {
        skip('partyTo');
        continue;
      }
      const i = orgs.index.get(party);
      if (i === undefined) other[g]!.push(party);
      else partyB.add(i, g);
    }
    this.orgAgreement = partyB.build();
    this.agreementOrg = this.orgAgreement.transpose(this.agreementCount);
    this.agreementOtherParties = other.map((o) => [...new Set(o)].sort());
    this.agreementWeight = Float64Array.from({ length: this.agreementCount }, (_, g) =>
      ags.kept[g]!.isSummary ? 0 : specificity(this.agreementOrg.size(g), N),
    );
    this.agreementCommon = common((g) => this.agreementOrg.size(g), this.agreementCount);

    // Umbrellas
    const member = relation(input.memberOf, orgs.index, N, 'memberOf');
    this.orgUmbrella = member.forward;
    this.umbrellaMembers = member.inverse;
    this.umbrellaWeight = Float64Array.from({ length: N }, (_, u) => specificity(this.umbrellaMembers.size(u), N));
    this.umbrellaCommon = common((u) => this.umbrellaMembers.size(u), N);

    // Resources
    const rts = indexIds(input.resourceTypes, skip, 'resourceTypes');
    this.resourceTypeIndex = rts.index;
    this.resourceTypeCount = rts.kept.length;
    this.resourceTypeIds = rts.kept.map((r) => r.id);
    this.resourceTypeNames = rts.kept.map((r) => r.name);
    this.resourceTypeNamesEn = rts.kept.map((r) => r.nameEn);
    const offers = relation(input.offers, rts.index, this.resourceTypeCount, 'offers');
    this.orgOffers = offers.forward;
    this.offerers = offers.inverse;
    const needs = relation(input.needs, rts.index, this.resourceTypeCount, 'needs');
    this.orgNeeds = needs.forward;
    this.needers = needs.inverse;

    // Collaborations
    const cs = indexIds(input.collaborations, skip, 'collaborations');
    this.collaborationIds = cs.kept.map((c) => c.id);
    this.collaborationNames = cs.kept.map((c) => c.name);
    this.collaborationStart = cs.kept.map((c) => c.startDate ?? null);
    this.collaborationEnd = cs.kept.map((c) => c.endDate ?? null);
    this.collaborationCount = cs.kept.length;
    const oc = new CsrBuilder(N);
    for (let c = 0; c < cs.kept.length; c++) {
      for (const pid of cs.kept[c]!.participantIds) {
        const i = orgs.index.get(pid);
        if (i !== undefined) oc.add(i, c);
      }
    }
    this.orgCollaboration = oc.build();
    this.collaborationOrg = this.orgCollaboration.transpose(this.collaborationCount);
    const pb = new CsrBuilder(N);
    for (let c = 0; c < this.collaborationCount; c++) {
      const s = this.collaborationOrg.start(c);
      const e = this.collaborationOrg.end(c);
      for (let x = s; x < e; x++) {
        for (let y = x + 1; y < e; y++) {
          const a = this.collaborationOrg.values[x]!;
          const b = this.collaborationOrg.values[y]!;
          pb.add(a, b);
          pb.add(b, a);
        }
      }
    }
    this.partners = pb.build();

    // Decisions: the latest per (organisation, candidate); a later row wins a tie.
    const decisions = new Map<number, Map<number, DecisionRecord>>();
    for (const d of input.decisions) {
      const i = orgs.index.get(d.organisationId);
      const j = orgs.index.get(d.candidateId);
      if (i === undefined || j === undefined || i === j) {
        skip('decisions');
        continue;
      }
      let m = decisions.get(i);
      if (!m) decisions.set(i, (m = new Map()));
      const prev = m.get(j);
      if (!prev || d.decidedAt >= prev.decidedAt) m.set(j, { decision: d.decision, decidedAt: d.decidedAt });
    }
    this.decisions = decisions;
    const ab = new CsrBuilder(N);
    const eb = new CsrBuilder(N);
    for (const [i, m] of decisions) {
      for (const [j, rec] of m) {
        if (rec.decision !== 'ACCEPTED') continue;
        ab.add(i, j);
        ab.add(j, i);
        eb.add(i, j);
        eb.add(j, i);
      }
    }
    for (let i = 0; i < N; i++) {
      for (let k = this.partners.start(i); k < this.partners.end(i); k++) eb.add(i, this.partners.values[k]!);
    }
    this.acceptedPartners = ab.build();
    this.extendedPartners = eb.build();

    const bases = new Map<string, LinkBasis>();
    // Inferred links also by dense indexes, for analyses that test many (coverage, reasons).
    const targets: Record<InferredKind, [ReadonlyMap<string, number>, number]> = {
      serves: [tgs.index, this.tgCount],
      activeIn: [ds.index, this.districtCount],
      offers: [rts.index, this.resourceTypeCount],
      needs: [rts.index, this.resourceTypeCount],
      memberOf: [orgs.index, N],
      partyTo: [ags.index, this.agreementCount],
    };
    this.inferredLinks = { serves: new Set(), activeIn: new Set(), offers: new Set(), needs: new Set(), memberOf: new Set(), partyTo: new Set() };
    for (const l of input.linkBases ?? []) {
      const i = orgs.index.get(l.from);
      if (i === undefined || l.basis === 'STATED') continue;
      bases.set(`${l.relation}|${i}|${l.to}`, { basis: l.basis, confidence: l.confidence, rule: l.rule });
      const kind = INFERRED_KIND_OF[l.relation];
      if (l.basis !== 'INFERRED' || !kind) continue;
      const [index, count] = targets[kind];
      const j = index.get(l.to);
      if (j !== undefined) this.inferredLinks[kind].add(i * count + j);
    }
    this.bases = bases;

    this.skipped = skipped;
    this.scratchScore = new Float64Array(N);
    this.scratchEpoch = new Int32Array(N);
  }

  /**
   * A new projection with `changes` applied and everything else shared with this one (both stay
   * valid: a projection never changes). Memoised answers are dropped except those that depend only
   * on the catalogue; the scratch buffers are its own. projection-patch.ts computes the changes.
   */
  derive(changes: ProjectionChanges, patchedAt: number): Projection {
    const next = Object.create(Projection.prototype) as Projection;
    Object.assign(next, this, changes.fields);
    const writable = next as unknown as Record<string, unknown>;
    writable['patchedAt'] = patchedAt;
    writable['memoCache'] = new Map([...this.memoCache].filter(([key]) => CATALOGUE_MEMOS.has(key)));
    if (changes.nameRank !== undefined) writable['nameRankCache'] = changes.nameRank;
    writable['scratchScore'] = new Float64Array(this.orgCount);
    writable['scratchEpoch'] = new Int32Array(this.orgCount);
    writable['epoch'] = 0;
    const links = changes.links;
    if (links) {
      const prefix = `${links.relation}|${links.org}|`;
      const stated = (b: LinkBasis) => b.basis === 'STATED';
      const touched = links.before.some((to) => this.bases.has(prefix + to)) || links.after.some((l) => !stated(l.basis));
      if (touched) {
        const bases = new Map(this.bases);
        for (const to of links.before) bases.delete(prefix + to);
        for (const l of links.after) if (!stated(l.basis)) bases.set(prefix + l.to, l.basis);
        writable['bases'] = bases;
        const count = this.targetCount(links.kind);
        const inferred = new Set(this.inferredLinks[links.kind]);
        for (let t = 0; t < count; t++) inferred.delete(links.org * count + t);
        for (const l of links.after) if (l.basis.basis === 'INFERRED') inferred.add(links.org * count + l.target);
        writable['inferredLinks'] = { ...this.inferredLinks, [links.kind]: inferred };
      }
    }
    return next;
  }

  /** The number of targets of a kind of link (the dense index space `isInferred` keys by). */
  private targetCount(kind: InferredKind): number {
    return kind === 'serves' ? this.tgCount : kind === 'activeIn' ? this.districtCount : kind === 'memberOf' ? this.orgCount : kind === 'partyTo' ? this.agreementCount : this.resourceTypeCount;
  }

  /** What organisation `org`'s link of `relation` to `targetId` rests on (STATED unless the input said otherwise). */
  linkBasis(relation: OrganisationFactRelation, org: number, targetId: string): LinkBasis {
    return this.bases.get(`${relation}|${org}|${targetId}`) ?? STATED;
  }

  /** A fresh epoch for the scratch buffers: entries whose epoch differs are treated as zero. */
  nextEpoch(): number {
    this.epoch++;
    if (this.epoch >= 0x7fffffff) {
      this.scratchEpoch.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }

  /**
   * Each organisation's position in name order (Swedish collation, ties by id). Computed on first
   * use (about a second at 250,000 organisations): call warm() before serving a new projection.
   */
  get orgNameRank(): Int32Array {
    if (this.nameRankCache === null) {
      const order = Array.from({ length: this.orgCount }, (_, i) => i);
      const entries = order.map((i) => ({ name: this.orgNames[i]!, id: this.orgIds[i]! }));
      order.sort((a, b) => compareByNameThenId(entries[a]!, entries[b]!));
      const rank = new Int32Array(this.orgCount);
      order.forEach((o, r) => (rank[o] = r));
      this.nameRankCache = rank;
    }
    return this.nameRankCache;
  }

  /** Organisations in name order (Swedish collation), then id. */
  compareOrganisations(a: number, b: number): number {
    const rank = this.orgNameRank;
    return rank[a]! - rank[b]!;
  }

  /** Compute the lazily built name order now (warmAnalytics() in warm.ts also prepares the pair search). */
  warm(): this {
    void this.orgNameRank;
    return this;
  }

  /** Whether `memo(key, …)` has its answer already. */
  memoised(key: string): boolean {
    return this.memoCache.has(key);
  }

  /** Memoise a derived answer for the life of this (immutable) projection. */
  memo<T>(key: string, compute: () => T): T {
    if (this.memoCache.has(key)) return this.memoCache.get(key) as T;
    const value = compute();
    this.memoCache.set(key, value);
    return value;
  }

  requireOrganisation(id: string, field = 'organisationId'): number {
    const i = this.orgIndex.get(id);
    if (i === undefined) throw notFound(field, 'organisation', id);
    return i;
  }

  requireTargetGroup(id: string, field = 'targetGroupId'): number {
    const i = this.tgIndex.get(id);
    if (i === undefined) throw notFound(field, 'target group', id);
    return i;
  }

  requireDistrict(id: string, field = 'districtId'): number {
    const i = this.districtIndex.get(id);
    if (i === undefined) throw notFound(field, 'district', id);
    return i;
  }

  requireAgreement(id: string, field = 'agreementId'): number {
    const i = this.agreementIndex.get(id);
    if (i === undefined) throw notFound(field, 'agreement', id);
    return i;
  }

  /** Whether the organisation's link of `kind` to target `t` (a dense index of that kind's targets) is INFERRED. */
  isInferred(kind: InferredKind, org: number, t: number): boolean {
    const set = this.inferredLinks[kind];
    if (set.size === 0) return false;
    const count = this.targetCount(kind);
    return set.has(org * count + t);
  }

  /** Whether district `d` exists on `day` (ISO date): its period, where recorded, includes the day. */
  districtValidOn(d: number, day: string): boolean {
    const from = this.districtValidFrom[d];
    const to = this.districtValidTo[d];
    return (from === null || from === undefined || from <= day) && (to === null || to === undefined || to >= day);
  }

  /** Latest decision of organisation `org` on candidate `candidate`, if any. */
  decision(org: number, candidate: number): DecisionRecord | undefined {
    return this.decisions.get(org)?.get(candidate);
  }

  /** How many collaborations two organisations share. */
  sharedCollaborationCount(a: number, b: number): number {
    const oc = this.orgCollaboration;
    let i = oc.start(a);
    let j = oc.start(b);
    const ie = oc.end(a);
    const je = oc.end(b);
    let n = 0;
    while (i < ie && j < je) {
      const x = oc.values[i]!;
      const y = oc.values[j]!;
      if (x === y) {
        n++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return n;
  }

  /** The collaborations two organisations share (indexes into `collaborations`). */
  sharedCollaborations(a: number, b: number): number[] {
    const out: number[] = [];
    const oc = this.orgCollaboration;
    let i = oc.start(a);
    let j = oc.start(b);
    const ie = oc.end(a);
    const je = oc.end(b);
    while (i < ie && j < je) {
      const x = oc.values[i]!;
      const y = oc.values[j]!;
      if (x === y) {
        out.push(x);
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return out;
  }

  // NameLookup
  organisationName(id: string): string | undefined {
    const i = this.orgIndex.get(id);
    return i === undefined ? undefined : this.orgNames[i];
  }

  targetGroupName(id: string, lang: Lang): string | undefined {
    const i = this.tgIndex.get(id);
    if (i === undefined) return undefined;
    return lang === 'en' ? (this.tgNamesEn[i] ?? this.tgNames[i]) : this.tgNames[i];
  }

  districtName(id: string): string | undefined {
    const i = this.districtIndex.get(id);
    return i === undefined ? undefined : this.districtNames[i];
  }

  resourceTypeName(id: string, lang: Lang): string | undefined {
    const i = this.resourceTypeIndex.get(id);
    if (i === undefined) return undefined;
    return lang === 'en' ? (this.resourceTypeNamesEn[i] ?? this.resourceTypeNames[i]) : this.resourceTypeNames[i];
  }

  collaborationName(id: string): string | undefined {
    const i = this.collaborationIndex.get(id);
    return i === undefined ? undefined : this.collaborationNames[i];
  }

  private collaborationIndexCache: Map<string, number> | null = null;
  private get collaborationIndex(): ReadonlyMap<string, number> {
    return (this.collaborationIndexCache ??= new Map(this.collaborationIds.map((id, i) => [id, i])));
  }

  agreementName(id: string): string | undefined {
    const i = this.agreementIndex.get(id);
    return i === undefined ? undefined : this.agreements[i]!.name;
  }
}

/** Each row's values plus all their ancestors. */
function upwardClosure(direct: Csr, ancestors: readonly Int32Array[], rows: number): Csr {
  const b = new CsrBuilder(rows);
  for (let r = 0; r < rows; r++) {
    for (let k = direct.start(r); k < direct.end(r); k++) {
      const v = direct.values[k]!;
      b.add(r, v);
      for (const a of ancestors[v]!) b.add(r, a);
    }
  }
  return b.build();
}

export function buildProjection(input: ProjectionInput, builtAt?: number, options?: ProjectionOptions): Projection {
  return new Projection(input, builtAt, options);
}

/** An input with every array empty: a starting point for tests and partial loads. */
export function emptyProjectionInput(): ProjectionInput {
  return {
    organisations: [],
    targetGroups: [],
    districts: [],
    adjacency: [],
    serves: [],
    activeIn: [],
    agreements: [],
    partyTo: [],
    memberOf: [],
    collaborations: [],
    offers: [],
    needs: [],
    resourceTypes: [],
    decisions: [],
  };
}
