/**
 * Analytics over the in-memory projection (graph/analytics): coverage and coverage gaps, the
 * overlap graph, collaboration gaps (pairs, clusters, fragmented target groups, isolated
 * organisations), brokers, communities and agreement gaps (the 2021 audit's IOP criteria).
 * Each answer carries `projectionBuiltAt`; nodes the answers name are loaded through the request's
 * DataLoaders (one batch per kind).
 */
import {
  agreementGaps,
  brokers,
  describeAlso,
  overlap,
  withEvidence,
  collaborationGaps,
  communities,
  coverage,
  layoutNetwork,
  networkLayoutCached,
  networkLinks,
  overlapNetwork,
  overlapPath,
  coverageGaps,
  resolveScope,
  AnalyticsInputError,
  assessIop,
  type AgreementInput,
  type CoverageLevel,
  type NetworkLink,
  type PlacedNode,
  type OrganisationScope,
  type Projection,
} from '../../../graph/analytics/index.js';
import { communityAssignment } from '../../../graph/analytics/communities.js';
import { scopeKey } from '../../../graph/analytics/scope.js';
import { ValidationError } from '../../../graph/errors.js';
import type { GraphQLContext } from '../context.js';
import type { CollaborationGapKind, CoverageGapKind, Maybe, OrganisationFilter, PeriodInput, Resolvers } from '../generated/resolvers.js';
import type { AuditCriteriaGapModel, CollaborationGapModel, CommitteeAuditGapsModel, OverlapNodeModel, OverlapScores } from '../models.js';
import { DEFAULT_MUNICIPALITY, MAX_COVERAGE_COLUMNS, analyticsCall, intArg, isoOf, requireIds, scopeOf, scoreArg } from '../analytics-input.js';
import { loadExisting, present } from './common.js';
import { findingProvenance } from './catalogue.js';

/** Largest overlap graph (organisations in scope) and largest edge list asked for. */
const MAX_OVERLAP_NODES = 2000;
const MAX_OVERLAP_EDGES = 500;
const MAX_COLLABORATION_EDGES = 2000;
const MAX_LISTED = 100;

const projectionOf = (ctx: GraphQLContext) => ctx.store.projections.current();

function levelOf(level: Maybe<string> | undefined): CoverageLevel {
  const l = level ?? 'STADSDELSOMRADE';
  if (l !== 'STADSDELSOMRADE' && l !== 'STADSDEL') throw new ValidationError([{ field: 'level', message: 'must be STADSDELSOMRADE or STADSDEL' }]);
  return l;
}

/** The coverage columns: those asked for (validated), else the top-level target groups. */
function columnsOf(p: Projection, targetGroups: Maybe<readonly string[]> | undefined): string[] {
  if (targetGroups) {
    if (targetGroups.length > MAX_COVERAGE_COLUMNS) throw new ValidationError([{ field: 'targetGroups', message: `must have at most ${MAX_COVERAGE_COLUMNS} items` }]);
    requireIds(p, [{ ids: targetGroups, field: 'targetGroups', kind: 'targetGroup' }]);
    return [...targetGroups];
  }
  return p.tgIds.filter((_, t) => p.tgParent[t]! < 0);
}

function coverageOptions(
  p: Projection,
  args: {
    municipality?: Maybe<string>;
    level?: Maybe<string>;
    targetGroups?: Maybe<readonly string[]>;
    maxListed?: Maybe<number>;
    includeRegionalAndNational?: Maybe<boolean>;
    validOn?: Maybe<string>;
    includeClosed?: Maybe<boolean>;
  },
  defaultListed: number,
) {
  const municipalityId = args.municipality ?? DEFAULT_MUNICIPALITY;
  requireIds(p, [{ ids: municipalityId, field: 'municipality', kind: 'district' }]);
  return {
    municipalityId,
    level: levelOf(args.level),
    targetGroupIds: columnsOf(p, args.targetGroups),
    maxListed: intArg(args.maxListed, 'maxListed', 0, MAX_LISTED, defaultListed),
    includeRegionalAndNational: args.includeRegionalAndNational ?? false,
    ...(args.validOn ? { validOn: args.validOn } : {}),
    includeClosed: args.includeClosed ?? false,
  };
}

const COVERAGE_FIELDS = { municipalityId: 'municipality', level: 'level', targetGroupIds: 'targetGroups', validOn: 'validOn' };
const SCOPE_FIELDS = { scope: 'filter', targetGroupIds: 'filter.targetGroups', districtIds: 'filter.districts', organisationIds: 'filter', threshold: 'minScore' };

/** The network's scope: the filter, narrowed to an agreement's parties, a resource's offerers and needers, a period. */
function networkScope(p: Projection, filter: Maybe<OrganisationFilter> | undefined, agreement: Maybe<string> | undefined, resource: Maybe<string> | undefined, period: Maybe<PeriodInput> | undefined): OrganisationScope {
  const scope = scopeOf(p, filter);
  if (agreement) {
    requireIds(p, [{ ids: agreement, field: 'agreement', kind: 'agreement' }]);
    scope.agreementIds = [agreement];
  }
  if (resource) {
    if (!p.resourceTypeIndex.has(resource)) throw new ValidationError([{ field: 'resource', message: `no resource type has the id ${JSON.stringify(resource.slice(0, 200))}` }]);
    scope.resourceTypeIds = [resource];
  }
  if (period) scope.period = { from: period.from ?? null, to: period.to ?? null };
  return scope;
}

const NETWORK_FIELDS = { ...SCOPE_FIELDS, perNode: 'perNode', 'period.from': 'period.from', 'period.to': 'period.to', from: 'from', to: 'to' };

async function gapList(ctx: GraphQLContext, args: { filter?: Maybe<OrganisationFilter>; first?: Maybe<number>; minScore?: Maybe<number>; pairOffset?: Maybe<number> }, kinds: readonly CollaborationGapKind[] | null) {
  const p = await projectionOf(ctx);
  const limit = intArg(args.first, 'first', 0, MAX_LISTED, 20);
  const threshold = scoreArg(args.minScore, 'minScore', 0.8);
  const pairOffset = intArg(args.pairOffset, 'pairOffset', 0, 10_000, 0);
  const gaps = analyticsCall(SCOPE_FIELDS, () => collaborationGaps(p, { scope: scopeOf(p, args.filter), limit, threshold, pairOffset }));
  const wanted = (k: CollaborationGapKind) => !kinds || kinds.includes(k);
  const out: CollaborationGapModel[] = [];
  if (wanted('HIGH_OVERLAP_PAIR')) out.push(...gaps.pairs);
  if (wanted('HIGH_OVERLAP_CLUSTER')) out.push(...gaps.clusters);
  if (wanted('TARGET_GROUP_WITHOUT_COLLABORATION')) out.push(...gaps.targetGroups);
  if (wanted('NO_COLLABORATION')) out.push(...gaps.isolated);
  return { gaps, list: out, threshold };
}

/** Communities (Louvain) and betweenness of the collaboration network in scope, each computed on first use. */
function overlapScores(p: Projection, scope: OrganisationScope): Omit<OverlapScores, 'placeOf'> {
  let community: Map<number, number> | null = null;
  let betweenness: Map<string, number> | null = null;
  return {
    communityOf(id) {
      community ??= communityAssignment(p, scope).assignment;
      return community.get(p.orgIndex.get(id)!) ?? null;
    },
    betweennessOf(id) {
      betweenness ??= new Map(brokers(p, { scope, limit: Number.MAX_SAFE_INTEGER, maxNodes: MAX_OVERLAP_NODES }).brokers.map((b) => [b.organisationId, b.betweenness]));
      return betweenness.get(id) ?? 0;
    },
  };
}

/**
 * Where an answer's nodes are drawn: the layout of its nodes and links, worked out the first time a
 * position is asked for and cached with the overlap graph (`key`: how the answer cut it).
 */
function placer(graph: object, key: string, scores: Omit<OverlapScores, 'placeOf'>, nodes: readonly { id: string }[], links: () => NetworkLink[]): OverlapScores['placeOf'] {
  let placed: Map<string, PlacedNode> | null = null;
  return (id) => {
    placed ??= networkLayoutCached(graph, key, () => layoutNetwork(nodes.map((n) => ({ id: n.id, community: scores.communityOf(n.id), betweenness: scores.betweennessOf(n.id) })), links()));
    const place = placed.get(id);
    if (!place) throw new Error(`organisation ${id} is not in the layout`);
    return place;
  };
}

const gapOrganisationIds = (g: CollaborationGapModel): string[] => ('organisationIds' in g ? g.organisationIds : [g.organisationId]);

/** Sentences for coverage gaps, in the request's language. */
function coverageGapText(p: Projection, kind: CoverageGapKind, districtId: string, targetGroupId: string, cityWide: number, area: number, lang: 'sv' | 'en'): string {
  const d = p.districtName(districtId) ?? districtId;
  const t = p.targetGroupName(targetGroupId, lang) ?? targetGroupId;
  if (lang === 'en') {
    return kind === 'NO_ORGANISATION'
      ? `No organisation works with ${t} in ${d}, locally or city-wide.`
      : `No organisation works with ${t} locally in ${d}; ${area + cityWide} work across a wider area.`;
  }
  return kind === 'NO_ORGANISATION'
    ? `Ingen organisation arbetar med ${t} i ${d}, varken lokalt eller i hela staden.`
    : `Ingen organisation arbetar lokalt med ${t} i ${d}; ${area + cityWide} arbetar i ett större område.`;
}

export const analyticsResolvers: Resolvers = {
  Query: {
    // A draft judged as a stored single agreement is (graph/analytics/gaps-agreements.ts).
    iopCriteria: (_, { draft }) =>
      assessIop(
        {
          id: 'draft',
          name: '',
          kind: 'IOP',
          isSummary: false,
          summaryCount: null,
          status: (draft.status ?? 'ACTIVE') as AgreementInput['status'],
          endDate: draft.endDate || null,
          societalChallenge: draft.societalChallenge ?? null,
          societalChallengeStated: draft.societalChallengeStated ?? null,
          politicalProgramme: draft.politicalProgramme ?? null,
          politicalProgrammeStated: draft.politicalProgrammeStated ?? null,
          steeringMeetingsPerYear: draft.steeringMeetingsPerYear ?? null,
          commitmentsBeyondFunding: draft.commitmentsBeyondFunding ?? null,
          followUpPlan: draft.followUpPlan ?? null,
          evaluatedAtExpiry: draft.evaluatedAtExpiry ?? null,
          documentedConsiderations: draft.documentedConsiderations ?? null,
        },
        Date.now(),
      ),
    async coverage(_, args, ctx) {
      const p = await projectionOf(ctx);
      const options = coverageOptions(p, args, 20);
      return analyticsCall(COVERAGE_FIELDS, () => coverage(p, options));
    },
    async coverageGaps(_, args, ctx) {
      const p = await projectionOf(ctx);
      const options = coverageOptions(p, args, 20);
      const kinds = args.kinds ?? null;
      return analyticsCall(COVERAGE_FIELDS, () => coverageGaps(p, options)).gaps.filter((g) => !kinds || kinds.includes(g.kind));
    },
    async overlaps(_, { filter, minScore, first, includeIsolated, perNode, agreement, resource, period }, ctx) {
      const p = await projectionOf(ctx);
      const threshold = scoreArg(minScore, 'minScore', 0.5);
      const limit = intArg(first, 'first', 1, MAX_OVERLAP_EDGES, 100);
      const strongest = intArg(perNode, 'perNode', 0, 20, 2);
      const scope = networkScope(p, filter, agreement, resource, period);
      // Cached per projection; what each pair shares is worked out only for the edges returned.
      const net = analyticsCall(NETWORK_FIELDS, () => overlapNetwork(p, { scope, threshold, maxNodes: MAX_OVERLAP_NODES, perNode: strongest, first: limit, includeIsolated: includeIsolated ?? false, maxCollaborations: MAX_COLLABORATION_EDGES }));
      const ranked = overlapScores(p, scope);
      const scores: OverlapScores = { ...ranked, placeOf: placer(net.graph, `${limit}:${strongest}:${includeIsolated ? 1 : 0}:${scopeKey(scope)}`, ranked, net.nodes, () => networkLinks(net.edges, net.collaborationEdges)) };
      const nodes: OverlapNodeModel[] = net.nodes.map((n) => ({ ...n, scores }));
      return { nodes, edges: net.edges, collaborationEdges: net.collaborationEdges, minScore: threshold, scopeSize: net.scopeSize, totalEdgeCount: net.totalEdgeCount, perNode: strongest, projectionBuiltAt: net.graph.projectionBuiltAt };
    },
    async overlapPair(_, { source, target }, ctx) {
      const p = await projectionOf(ctx);
      const o = analyticsCall({ organisationId: 'source', otherOrganisationId: 'target' }, () => overlap(p, source, target));
      return { source, target, weight: o.score, collaborating: o.collaborating, collaborationIds: o.collaborationIds, reasons: withEvidence(p, o.reasons) };
    },
    async overlapPath(_, { from, to, filter, minScore, agreement, resource, period }, ctx) {
      const p = await projectionOf(ctx);
      const threshold = scoreArg(minScore, 'minScore', 0.5);
      const scope = networkScope(p, filter, agreement, resource, period);
      const steps = analyticsCall(NETWORK_FIELDS, () => overlapPath(p, { scope, threshold, maxNodes: MAX_OVERLAP_NODES, maxCollaborations: MAX_COLLABORATION_EDGES, from, to }));
      return { steps, projectionBuiltAt: p.builtAt };
    },
    async collaborationGaps(_, args, ctx) {
      return (await gapList(ctx, args, args.kinds ?? null)).list;
    },
    async collaborationGapReport(_, args, ctx) {
      const { gaps, threshold } = await gapList(ctx, args, null);
      return { ...gaps, minScore: threshold };
    },
    async fragmentedTargetGroups(_, args, ctx) {
      return (await gapList(ctx, args, ['TARGET_GROUP_WITHOUT_COLLABORATION'])).list;
    },
    async isolatedOrganisations(_, args, ctx) {
      return (await gapList(ctx, args, ['NO_COLLABORATION'])).list;
    },
    async brokers(_, { filter, first }, ctx) {
      const p = await projectionOf(ctx);
      const limit = intArg(first, 'first', 0, MAX_LISTED, 20);
      return analyticsCall(SCOPE_FIELDS, () => brokers(p, { scope: scopeOf(p, filter), limit }));
    },
    async communities(_, { filter, first, minSize }, ctx) {
      const p = await projectionOf(ctx);
      const limit = intArg(first, 'first', 0, MAX_LISTED, 20);
      const min = intArg(minSize, 'minSize', 1, 100_000, 2);
      const scope = scopeOf(p, filter);
      // Louvain over the whole country takes seconds: the same refusal as the overlap graph's.
      const orgs = resolveScope(p, scope);
      if (orgs.length > 50_000) {
        throw new AnalyticsInputError('TOO_LARGE', 'filter', `The filter matches ${orgs.length} organisations; communities are limited to 50000. Narrow the filter.`, orgs.length);
      }
      const all = analyticsCall(SCOPE_FIELDS, () => communities(p, { scope, minSize: min }));
      return { ...all, communities: all.communities.slice(0, limit) };
    },
    async agreementGaps(_, { agreements, includeUnknown, first }, ctx) {
      const p = await projectionOf(ctx);
      if (agreements) requireIds(p, [{ ids: agreements, field: 'agreements', kind: 'agreement' }]);
      const limit = intArg(first, 'first', 0, MAX_LISTED, 50);
      const gaps = analyticsCall({ agreementIds: 'agreements' }, () => agreementGaps(p, { ...(agreements ? { agreementIds: agreements } : {}), includeUnknown: includeUnknown ?? false }));
      // The projection is served stale while it rebuilds: an agreement deleted since is left out
      // (its `agreement` field could not be resolved), not an error for the whole answer.
      const stored = await ctx.agreements.loadMany(gaps.auditCriteria.map((g) => g.agreementId));
      const audit: AuditCriteriaGapModel[] = gaps.auditCriteria
        .filter((_, i) => !!stored[i] && !(stored[i] instanceof Error))
        .map((g) => ({ ...g, committeeIds: [...(p.agreementOtherParties[p.agreementIndex.get(g.agreementId)!] ?? [])] }));
      const byCommittee = new Map<string, CommitteeAuditGapsModel>();
      for (const g of audit) {
        for (const c of g.committeeIds) {
          const entry = byCommittee.get(c) ?? { committeeId: c, gaps: [] };
          entry.gaps.push(g);
          byCommittee.set(c, entry);
        }
      }
      return {
        auditCriteria: audit,
        byCommittee: [...byCommittee.values()],
        iopTotals: gaps.iopTotals,
        signatoryContacts: gaps.signatoryContacts.slice(0, limit),
        signatoryContactCount: gaps.signatoryContacts.length,
        organisationContacts: gaps.organisationContacts,
        projectionBuiltAt: isoOf(gaps.projectionBuiltAt),
      };
    },
  },

  CoverageMatrix: {
    municipality: async (m, _, ctx) => (await ctx.districts.load(m.municipalityId))!,
    level: (m) => m.level,
    districts: async (m, _, ctx) => (await ctx.districts.loadMany(m.districts.map((d) => d.id))).filter(present),
    targetGroups: async (m, _, ctx) => (await ctx.targetGroups.loadMany(m.targetGroups.map((t) => t.id))).filter(present),
    projectionBuiltAt: (m) => isoOf(m.projectionBuiltAt),
  },
  CityWideCoverage: {
    targetGroup: async (c, _, ctx) => (await ctx.targetGroups.load(c.targetGroupId))!,
  },
  CoverageCell: {
    district: async (c, _, ctx) => (await ctx.districts.load(c.districtId))!,
    targetGroup: async (c, _, ctx) => (await ctx.targetGroups.load(c.targetGroupId))!,
  },
  CoverageOrganisation: {
    id: (o) => o.organisationId,
    organisation: (o, _, ctx) => loadExisting(ctx.organisations, 'organisation', o.organisationId),
    targetGroups: async (o, _, ctx) => (await ctx.targetGroups.loadMany(o.targetGroupIds)).filter(present),
    districts: async (o, _, ctx) => (await ctx.districts.loadMany(o.districtIds)).filter(present),
  },
  CoverageGap: {
    district: async (g, _, ctx) => (await ctx.districts.load(g.districtId))!,
    targetGroup: async (g, _, ctx) => (await ctx.targetGroups.load(g.targetGroupId))!,
    text: async (g, _, ctx) => coverageGapText(await projectionOf(ctx), g.kind, g.districtId, g.targetGroupId, g.evidence.cityWideCount, g.evidence.areaCount, ctx.lang),
  },
  NeighbourCoverage: {
    district: async (n, _, ctx) => (await ctx.districts.load(n.districtId))!,
  },

  OverlapGraph: {
    projectionBuiltAt: (g) => isoOf(g.projectionBuiltAt),
  },
  OverlapNode: {
    organisation: (n, _, ctx) => loadExisting(ctx.organisations, 'organisation', n.id),
    communityId: (n) => n.scores.communityOf(n.id),
    betweenness: (n) => n.scores.betweennessOf(n.id),
    x: (n) => n.scores.placeOf(n.id).x,
    y: (n) => n.scores.placeOf(n.id).y,
    diameter: (n) => n.scores.placeOf(n.id).diameter,
  },
  OverlapEdge: {
    score: (e) => e.weight,
    shared: (e, { common }) => (e.reasons ?? []).filter((r) => common === undefined || common === null || r.common === common),
    also: async (e, _, ctx) => describeAlso(e.reasons ?? [], await projectionOf(ctx), ctx.lang),
  },
  OverlapPath: {
    found: (path) => path.steps !== null,
    steps: (path) => path.steps ?? [],
    projectionBuiltAt: (path) => isoOf(path.projectionBuiltAt),
  },

  CollaborationGap: {
    organisationIds: (g) => gapOrganisationIds(g),
    organisations: async (g, _, ctx) => (await ctx.organisations.loadMany(gapOrganisationIds(g))).filter(present),
    score: (g) => (g.kind === 'HIGH_OVERLAP_PAIR' ? g.score : null),
    targetGroup: (g, _, ctx) => (g.kind === 'TARGET_GROUP_WITHOUT_COLLABORATION' ? ctx.targetGroups.load(g.targetGroupId) : null),
    district: (g, _, ctx) => (g.kind === 'TARGET_GROUP_WITHOUT_COLLABORATION' && g.districtId ? ctx.districts.load(g.districtId) : null),
    evidence: (g) => g,
  },
  CollaborationGapEvidence: {
    reasons: async (g, _, ctx) => (g.kind === 'HIGH_OVERLAP_PAIR' ? withEvidence(await projectionOf(ctx), g.evidence.reasons) : []),
    pairCount: (g) => (g.kind === 'HIGH_OVERLAP_CLUSTER' ? g.evidence.pairCount : null),
    meanOverlap: (g) => (g.kind === 'HIGH_OVERLAP_CLUSTER' ? g.evidence.meanOverlap : null),
    targetGroups: async (g, _, ctx) => {
      const ids = g.kind === 'HIGH_OVERLAP_CLUSTER' ? g.evidence.sharedTargetGroupIds : g.kind === 'NO_COLLABORATION' ? g.evidence.targetGroupIds : [];
      return (await ctx.targetGroups.loadMany(ids)).filter(present);
    },
    districts: async (g, _, ctx) => {
      const ids = g.kind === 'HIGH_OVERLAP_CLUSTER' ? g.evidence.sharedDistrictIds : g.kind === 'NO_COLLABORATION' ? g.evidence.districtIds : [];
      return (await ctx.districts.loadMany(ids)).filter(present);
    },
    organisationCount: (g) => (g.kind === 'TARGET_GROUP_WITHOUT_COLLABORATION' ? g.evidence.organisationCount : g.kind === 'NO_COLLABORATION' ? 1 : g.organisationIds.length),
    collaborationsAmong: (g) => (g.kind === 'NO_COLLABORATION' ? null : 0),
    acceptedSuggestions: (g) => (g.kind === 'NO_COLLABORATION' ? g.evidence.acceptedSuggestions : null),
  },
  CollaborationGapReport: {
    projectionBuiltAt: (r) => isoOf(r.projectionBuiltAt),
  },

  Broker: {
    organisation: (b, _, ctx) => loadExisting(ctx.organisations, 'organisation', b.organisationId),
  },
  BrokerList: { projectionBuiltAt: (b) => isoOf(b.projectionBuiltAt) },
  Community: {
    organisationIds: (c) => c.organisationIds.slice(0, 100),
    topTargetGroups: (c) => c.topTargetGroups.map((t) => ({ id: t.targetGroupId, count: t.count })),
    topDistricts: (c) => c.topDistricts.map((d) => ({ id: d.districtId, count: d.count })),
  },
  CommunityList: { projectionBuiltAt: (c) => isoOf(c.projectionBuiltAt) },

  AuditCriteriaGap: {
    agreement: (g, _, ctx) => loadExisting(ctx.agreements, 'agreement', g.agreementId),
    committees: async (g, _, ctx) => (await ctx.publicBodies.loadMany(g.committeeIds)).filter(present),
    criteria: (g) => g.evidence.criteria,
    expired: (g) => g.evidence.expired,
  },
  CriterionAssessment: {
    value: (c) => (c.value === null ? null : String(c.value)),
    provenance: (c) => (c.finding ? findingProvenance(c.finding) : null),
  },
  CommitteeAuditGaps: {
    committee: (c, _, ctx) => loadExisting(ctx.publicBodies, 'public body', c.committeeId),
    // A summary record stands for summaryCount agreements (the audit's figures per committee).
    agreementCount: (c) => c.gaps.reduce((n, g) => n + (g.isSummary ? (g.summaryCount ?? 1) : 1), 0),
    // How many agreements do not meet each criterion, as the assessments count them (never one answer times a count).
    missing: (c) => {
      const counts = new Map<string, { agreements: number; undetermined: number }>();
      for (const g of c.gaps) {
        for (const a of g.evidence.criteria) {
          if (!g.missing.includes(a.criterion)) continue;
          const entry = counts.get(a.criterion) ?? { agreements: 0, undetermined: 0 };
          entry.agreements += a.notMet;
          entry.undetermined += a.unknown;
          counts.set(a.criterion, entry);
        }
      }
      return [...counts].map(([criterion, n]) => ({ criterion: criterion as never, ...n }));
    },
  },
  SignatoryContactGap: {
    agreement: (g, _, ctx) => loadExisting(ctx.agreements, 'agreement', g.agreementId),
    organisation: (g, _, ctx) => loadExisting(ctx.organisations, 'organisation', g.organisationId),
    contactVerifiedAt: (g) => (g.contactVerifiedAt === null ? null : isoOf(g.contactVerifiedAt)),
  },
};
