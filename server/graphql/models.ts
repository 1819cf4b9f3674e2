/**
 * What the resolvers hand to the field resolvers of the GraphQL types that have no record in the
 * store: analytics answers (graph/analytics shapes) and a few shapes the API assembles. codegen maps
 * the GraphQL types to these (schema/codegen.ts `mappers`).
 */
import type {
  AuditCriteriaGap,
  ClusterGap,
  CollaborationGaps,
  CoverageGap,
  CoverageMatrix,
  IsolatedGap,
  OverlapGraphEdge,
  OverlapGraphNode,
  PairGap,
  PlacedNode,
  TargetGroupGap,
} from '../../graph/analytics/index.js';
import type { LinkRecord } from '../../graph/model/records.js';

/**
 * Broker and community scores of one overlap graph's organisations, computed once for the whole
 * graph the first time a client asks for either.
 */
export interface OverlapScores {
  communityOf(id: string): number | null;
  betweennessOf(id: string): number;
  /** Position and diameter in the network's layout (worked out for the whole answer, and cached, the first time one is asked for). */
  placeOf(id: string): PlacedNode;
}

export interface OverlapNodeModel extends OverlapGraphNode {
  scores: OverlapScores;
}

export interface OverlapGraphModel {
  nodes: OverlapNodeModel[];
  edges: OverlapGraphEdge[];
  collaborationEdges: { source: string; target: string; collaborationIds: string[] }[];
  minScore: number;
  scopeSize: number;
  totalEdgeCount: number;
  perNode: number;
  projectionBuiltAt: number;
}

export interface OverlapPathModel {
  steps: OverlapGraphEdge[] | null;
  projectionBuiltAt: number;
}

export type CollaborationGapModel = PairGap | ClusterGap | TargetGroupGap | IsolatedGap;

export interface CollaborationGapReportModel extends CollaborationGaps {
  minScore: number;
}

export interface AuditCriteriaGapModel extends AuditCriteriaGap {
  /** Public bodies party to the agreement (the committees and administrations responsible). */
  committeeIds: string[];
}

export interface CommitteeAuditGapsModel {
  committeeId: string;
  gaps: AuditCriteriaGapModel[];
}

export interface AgreementPartyModel {
  kind: 'ORGANISATION' | 'PUBLIC_BODY';
  link: LinkRecord;
}

export type CityWideCoverageModel = CoverageMatrix['cityWide'][number];
export type CoverageGapEvidenceModel = CoverageGap['evidence'];
export type NeighbourCoverageModel = CoverageGap['evidence']['neighboursWithLocal'][number];

/** A catalogue entry a search text names, and its part of an organisation's score (0 when only offered). */
export interface SearchEntryModel {
  kind: import('../../graph/search/hits.js').CatalogueKind;
  id: string;
  weight: number;
}

export interface SearchInterpretationModel {
  meant: SearchEntryModel[];
  didYouMean: string | null;
}
/** A district division as the API answers it (graph/analytics/divisions.ts), with whether it is in force today. */
export interface DistrictDivisionModel {
  validFrom: string;
  validTo: string | null;
  districtIds: string[];
  current: boolean;
}

/** An organisation's about facts' provenance, each as a Provenance record (or null). */
export type FieldProvenanceModel = Record<'description' | 'legalForm' | 'website' | 'status', import('../../graph/model/records.js').Provenance | null>;
