/**
 * Samverkan analytics: pure functions over an in-memory Projection of the graph (no database access).
 * The store layer builds the Projection (see projection.ts for how it is refreshed and how stale it
 * may be); everything here reads it.
 */
export { AnalyticsInputError, type AnalyticsErrorCode } from './errors.js';
export {
  Projection,
  buildProjection,
  emptyProjectionInput,
  specificity,
  isCommon,
  adamicAdar,
  COMMON_SHARE,
  type LinkBasis,
  type LinkBasisInput,
  type ProjectionOptions,
  type ProjectionInput,
  type OrganisationInput,
  type TargetGroupInput,
  type DistrictInput,
  type AgreementInput,
  type CollaborationInput,
  type ResourceTypeInput,
  type SuggestionDecisionInput,
  type SuggestionDecisionKind,
  type IdPair,
} from './projection.js';
export { patchOrganisationLinks, patchOrganisationRecord, PATCHABLE_LINK_KINDS, type LinkRow, type PatchableLinkKind } from './projection-patch.js';
export type { Lang, NameLookup } from './names.js';
export { REASON_KINDS, compareReasons, type Reason, type ReasonFact, type ReasonKind, type ReasonMatch, type ResourceDirection } from './reasons.js';
export { describeAlso, describeReason, describeReasons, factTargetName } from './describe.js';
export { overlapNetwork, overlapPath, collaborationLinks, type CollaborationLink, type OverlapNetwork, type OverlapNetworkOptions } from './overlap-network.js';
export { activeIn, checkPeriod, type Period } from './period.js';
export { reasonFacts, restsOnInferred, restsOnUnstated, withEvidence } from './evidence.js';
export { SCORE_PARTS, partOf, scoreParts, type ScorePart, type ScorePartKind } from './score-parts.js';
export { WHY_NOT_BLOCKERS, whyNotSuggested, type WhyNot, type WhyNotBlocker } from './why-not.js';
export { backbone, neighboursOf, shortestPath, type Neighbour, type PathEdge, type WeightedEdge } from './network-view.js';
export { resolveScope, type OrganisationScope } from './scope.js';
export { overlap, DEFAULT_OVERLAP_WEIGHTS, type OverlapResult, type OverlapWeights } from './overlap.js';
export {
  overlapGraph,
  overlapGraphCached,
  withReasons,
  type OverlapGraph,
  type OverlapGraphEdge,
  type OverlapGraphNode,
  type OverlapGraphOptions,
} from './overlap-graph.js';
export {
  coverage,
  type CoverageCell,
  type CoverageLevel,
  type CoverageMatrix,
  type CoverageOptions,
  type CoverageOrganisation,
} from './coverage.js';
export { coverageGaps, coverageGapsFromMatrix, type CoverageGap, type CoverageGapKind, type CoverageGaps } from './gaps-coverage.js';
export {
  collaborationGaps,
  type ClusterGap,
  type CollaborationGapOptions,
  type CollaborationGaps,
  type IsolatedGap,
  type PairGap,
  type TargetGroupGap,
} from './gaps-collaboration.js';
export {
  agreementGaps,
  assessIop,
  IOP_AUDIT_CRITERIA,
  type AgreementGapOptions,
  type AgreementGaps,
  type AuditCriteriaGap,
  type CriterionAssessment,
  type CriterionState,
  type IopAuditCriterion,
  type SignatoryContactGap,
} from './gaps-agreements.js';
export {
  suggestPartners,
  DEFAULT_SUGGESTION_WEIGHTS,
  type Suggestion,
  type SuggestionFeedback,
  type SuggestionOptions,
  type Suggestions,
  type SuggestionWeights,
} from './suggestions.js';
export { DEFAULT_CANDIDATE_LIMITS, type CandidateLimits } from './suggestion-candidates.js';
export { brokers, type Broker, type BrokerOptions, type Brokers } from './brokers.js';
export { communities, type Communities, type Community, type CommunityOptions } from './communities.js';
export { collaborationSubgraph, type CollaborationGraph } from './collaboration-graph.js';
export { layoutNetwork, networkLayoutCached, networkLinks, nodeDiameter, type NetworkLink, type NetworkNode, type PlacedNode } from './network-layout.js';
export { warmAnalytics, warmAnalyticsInSlices } from './warm.js';
export { districtDivisions, type DistrictDivision } from './divisions.js';
export { countState } from './gaps-agreements.js';
