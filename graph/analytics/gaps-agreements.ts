/**
 * Agreement gaps. For IOPs (idéburet-offentligt partnerskap), the criteria of the 2021 audit:
 * a clearly formulated societal challenge, a link to a politically adopted programme or plan,
 * steering-group meetings, commitments beyond co-funding, a follow-up plan, evaluation at expiry and
 * documented considerations. Each criterion is MET, MISSING, UNKNOWN (not recorded) or NOT_YET_DUE
 * (evaluation of an agreement that has not expired). An agreement with a MISSING criterion is a gap
 * (with includeUnknown, an UNKNOWN one too). Summary records (the audit's per-committee figures)
 * are assessed like single agreements and flagged with their count.
 *
 * Also: organisations party to a current agreement whose contact details have not been verified
 * for more than a year (or never).
 */
import type { AgreementKind, AgreementStatus } from '../model/types.js';
import type { AgreementInput, Projection } from './projection.js';
import { compareByNameThenId } from './ordering.js';

export const IOP_AUDIT_CRITERIA = [
  'SOCIETAL_CHALLENGE',
  'POLITICAL_PROGRAMME',
  'STEERING_MEETINGS',
  'COMMITMENTS_BEYOND_FUNDING',
  'FOLLOW_UP_PLAN',
  'EVALUATION_AT_EXPIRY',
  'DOCUMENTED_CONSIDERATIONS',
] as const;
export type IopAuditCriterion = (typeof IOP_AUDIT_CRITERIA)[number];
export type CriterionState = 'MET' | 'MISSING' | 'UNKNOWN' | 'NOT_YET_DUE';

export interface CriterionAssessment {
  criterion: IopAuditCriterion;
  state: CriterionState;
  value: string | number | boolean | null;
}

export interface AuditCriteriaGap {
  kind: 'IOP_AUDIT_CRITERIA';
  agreementId: string;
  name: string;
  status: AgreementStatus;
  isSummary: boolean;
  summaryCount: number | null;
  missing: IopAuditCriterion[];
  unknown: IopAuditCriterion[];
  evidence: { criteria: CriterionAssessment[]; expired: boolean };
}

export interface SignatoryContactGap {
  kind: 'SIGNATORY_CONTACT_UNVERIFIED';
  agreementId: string;
  organisationId: string;
  contactVerifiedAt: number | null;
  /** Whole days since verification; null when never verified. */
  daysSinceVerified: number | null;
}

export interface AgreementGapOptions {
  /** Reference instant (epoch ms) for "expired" and "over a year". Default Date.now(). */
  now?: number;
  /** Limit to these agreements (unknown ids throw NOT_FOUND). */
  agreementIds?: readonly string[];
  /** Agreement kinds whose signatories' contact details are checked. Default ['IOP']. */
  signatoryKinds?: readonly AgreementKind[];
  /** Days after which a verification is stale. Default 365. */
  staleAfterDays?: number;
  /** Count UNKNOWN criteria as gaps too. Default false (they are listed in the evidence). */
  includeUnknown?: boolean;
}

export interface AgreementGaps {
  auditCriteria: AuditCriteriaGap[];
  signatoryContacts: SignatoryContactGap[];
  projectionBuiltAt: number;
}

const DAY = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isExpired(a: AgreementInput, now: number): boolean {
  if (a.status === 'ENDED') return true;
  return a.endDate !== null && a.endDate < isoDay(now);
}

/** A text criterion: met by a text; missing when the text is empty or the agreement is known not to state it. */
function textState(v: string | null, stated: boolean | null | undefined): CriterionState {
  if (v !== null && v.trim().length > 0) return 'MET';
  if (stated === false || v !== null) return 'MISSING';
  return stated === true ? 'MET' : 'UNKNOWN';
}

function boolState(v: boolean | null): CriterionState {
  return v === null ? 'UNKNOWN' : v ? 'MET' : 'MISSING';
}

export function assessIop(a: AgreementInput, now: number): CriterionAssessment[] {
  const expired = isExpired(a, now);
  return [
    { criterion: 'SOCIETAL_CHALLENGE', state: textState(a.societalChallenge, a.societalChallengeStated), value: a.societalChallenge },
    { criterion: 'POLITICAL_PROGRAMME', state: textState(a.politicalProgramme, a.politicalProgrammeStated), value: a.politicalProgramme },
    {
      criterion: 'STEERING_MEETINGS',
      state: a.steeringMeetingsPerYear === null ? 'UNKNOWN' : a.steeringMeetingsPerYear > 0 ? 'MET' : 'MISSING',
      value: a.steeringMeetingsPerYear,
    },
    {
      criterion: 'COMMITMENTS_BEYOND_FUNDING',
      state: boolState(a.commitmentsBeyondFunding),
      value: a.commitmentsBeyondFunding,
    },
    { criterion: 'FOLLOW_UP_PLAN', state: boolState(a.followUpPlan), value: a.followUpPlan },
    {
      criterion: 'EVALUATION_AT_EXPIRY',
      state: a.evaluatedAtExpiry === true ? 'MET' : expired ? boolState(a.evaluatedAtExpiry) : 'NOT_YET_DUE',
      value: a.evaluatedAtExpiry,
    },
    {
      criterion: 'DOCUMENTED_CONSIDERATIONS',
      state: boolState(a.documentedConsiderations),
      value: a.documentedConsiderations,
    },
  ];
}

export function agreementGaps(p: Projection, options: AgreementGapOptions = {}): AgreementGaps {
  const now = options.now ?? Date.now();
  const staleMs = (options.staleAfterDays ?? 365) * DAY;
  const signatoryKinds = new Set(options.signatoryKinds ?? ['IOP']);
  const indexes = options.agreementIds
    ? [...new Set(options.agreementIds)].map((id) => p.requireAgreement(id, 'agreementIds'))
    : p.agreements.map((_, i) => i);
  const ordered = indexes.sort((x, y) => compareByNameThenId(p.agreements[x]!, p.agreements[y]!));

  const auditCriteria: AuditCriteriaGap[] = [];
  const signatoryContacts: SignatoryContactGap[] = [];
  for (const g of ordered) {
    const a = p.agreements[g]!;
    const expired = isExpired(a, now);
    if (a.kind === 'IOP') {
      const criteria = assessIop(a, now);
      const missing = criteria.filter((c) => c.state === 'MISSING').map((c) => c.criterion);
      const unknown = criteria.filter((c) => c.state === 'UNKNOWN').map((c) => c.criterion);
      if (missing.length > 0 || (options.includeUnknown && unknown.length > 0)) {
        auditCriteria.push({
          kind: 'IOP_AUDIT_CRITERIA',
          agreementId: a.id,
          name: a.name,
          status: a.status,
          isSummary: a.isSummary === true,
          summaryCount: a.summaryCount,
          missing,
          unknown,
          evidence: { criteria, expired },
        });
      }
    }
    if (signatoryKinds.has(a.kind) && !expired && a.isSummary !== true) {
      const parties = [...p.agreementOrg.row(g)].sort((x, y) => p.compareOrganisations(x, y));
      for (const o of parties) {
        const v = p.orgContactVerifiedAt[o]!;
        if (!Number.isNaN(v) && now - v <= staleMs) continue;
        signatoryContacts.push({
          kind: 'SIGNATORY_CONTACT_UNVERIFIED',
          agreementId: a.id,
          organisationId: p.orgIds[o]!,
          contactVerifiedAt: Number.isNaN(v) ? null : v,
          daysSinceVerified: Number.isNaN(v) ? null : Math.floor((now - v) / DAY),
        });
      }
    }
  }
  return { auditCriteria, signatoryContacts, projectionBuiltAt: p.builtAt };
}
