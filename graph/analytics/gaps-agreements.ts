/**
 * Agreement gaps. For IOPs (idéburet offentligt partnerskap), the criteria of the 2021 audit
 * (graph/model/facts.ts IOP_AUDIT_CRITERIA): a clearly formulated societal challenge, a link to a
 * politically adopted programme or plan, a steering group, commitments beyond co-funding,
 * follow-up that shows whether the aims are met, evaluation at expiry, documented considerations,
 * the check of the partner and site visits.
 *
 * A single agreement is assessed from its own fields: MET, MISSING, UNKNOWN (not recorded) or
 * NOT_YET_DUE (evaluation of an agreement that has not expired). A record that summarises several
 * agreements (the audit's figures per committee) is assessed from the audit's findings as the audit
 * reads: per criterion, how many agreements are known to meet it, known not to, and not
 * determinable, with the audit's own reservation where it makes one. Its state is MET, MISSING,
 * PARTLY_MET (some do, some do not) or UNKNOWN. An agreement with a criterion not met (MISSING or
 * PARTLY_MET) is a gap (with includeUnknown, an UNKNOWN one too).
 *
 * Also: organisations party to a current agreement whose contact details have not been verified
 * for more than a year (or never), and the same over every organisation. Organisations recorded as
 * closed are left out of both.
 */
import type { AgreementKind, AgreementStatus } from '../model/types.js';
import { IOP_AUDIT_CRITERIA, type AuditFinding, type IopAuditCriterion } from '../model/facts.js';
import type { AgreementInput, Projection } from './projection.js';
import { compareByNameThenId } from './ordering.js';

export { IOP_AUDIT_CRITERIA, type IopAuditCriterion };
export type CriterionState = 'MET' | 'MISSING' | 'PARTLY_MET' | 'UNKNOWN' | 'NOT_YET_DUE';

export interface CriterionAssessment {
  criterion: IopAuditCriterion;
  state: CriterionState;
  /** The recorded value of a single agreement (null for a summary, and where nothing is recorded). */
  value: string | number | boolean | null;
  /** How many of the agreements the record stands for meet it, do not, and cannot be told from the source. */
  met: number;
  notMet: number;
  unknown: number;
  /** The source's own reservation ("Kopplas till nämndmål"), when it makes one. */
  qualification: string | null;
  /** Where the audit says it (a summary's finding), with its quote. */
  finding: AuditFinding | null;
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
  /** Agreement kinds whose parties' contact details are checked. Default: every kind. */
  signatoryKinds?: readonly AgreementKind[];
  /** Days after which a verification is stale. Default 365. */
  staleAfterDays?: number;
  /** Count UNKNOWN criteria as gaps too. Default false (they are listed in the evidence). */
  includeUnknown?: boolean;
}

export interface AgreementGaps {
  auditCriteria: AuditCriteriaGap[];
  signatoryContacts: SignatoryContactGap[];
  /** What the IOP checklist covers: agreements (a summary counts as many as it stands for), records, and those audited in 2021. */
  iopTotals: { agreements: number; records: number; audited: number; auditedCommittees: number };
  /** Contact details over every organisation (closed ones left out): never verified, and verified too long ago. */
  organisationContacts: { organisations: number; neverVerified: number; stale: number };
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

const single = (criterion: IopAuditCriterion, state: CriterionState, value: CriterionAssessment['value']): CriterionAssessment => ({
  criterion,
  state,
  value,
  met: state === 'MET' ? 1 : 0,
  notMet: state === 'MISSING' ? 1 : 0,
  unknown: state === 'UNKNOWN' || state === 'NOT_YET_DUE' ? 1 : 0,
  qualification: null,
  finding: null,
});

/** The state the audit's counts give: all met, none met, some of each, or not determinable. */
export function countState(met: number, notMet: number, unknown: number): CriterionState {
  const total = met + notMet + unknown;
  if (total === 0 || unknown === total) return 'UNKNOWN';
  if (met === total) return 'MET';
  if (notMet === total || (met === 0 && notMet > 0)) return 'MISSING';
  return notMet > 0 ? 'PARTLY_MET' : 'UNKNOWN';
}

/** A summary record: each criterion as the audit's findings count it (a criterion it does not address is unknown for all). */
function assessFindings(a: AgreementInput, findings: readonly AuditFinding[]): CriterionAssessment[] {
  const count = a.summaryCount ?? 1;
  return IOP_AUDIT_CRITERIA.map((criterion) => {
    const f = findings.find((x) => x.criterion === criterion);
    if (!f) return { criterion, state: 'UNKNOWN', value: null, met: 0, notMet: 0, unknown: count, qualification: null, finding: null };
    return { criterion, state: countState(f.met, f.notMet, f.unknown), value: null, met: f.met, notMet: f.notMet, unknown: f.unknown, qualification: f.qualification, finding: f };
  });
}

export function assessIop(a: AgreementInput, now: number): CriterionAssessment[] {
  if (a.auditFindings?.length) return assessFindings(a, a.auditFindings);
  const expired = isExpired(a, now);
  return [
    single('SOCIETAL_CHALLENGE', textState(a.societalChallenge, a.societalChallengeStated), a.societalChallenge),
    single('POLITICAL_PROGRAMME', textState(a.politicalProgramme, a.politicalProgrammeStated), a.politicalProgramme),
    single('STEERING_MEETINGS', a.steeringMeetingsPerYear === null ? 'UNKNOWN' : a.steeringMeetingsPerYear > 0 ? 'MET' : 'MISSING', a.steeringMeetingsPerYear),
    single('COMMITMENTS_BEYOND_FUNDING', boolState(a.commitmentsBeyondFunding), a.commitmentsBeyondFunding),
    single('FOLLOW_UP_PLAN', boolState(a.followUpPlan), a.followUpPlan),
    single('EVALUATION_AT_EXPIRY', a.evaluatedAtExpiry === true ? 'MET' : expired ? boolState(a.evaluatedAtExpiry) : 'NOT_YET_DUE', a.evaluatedAtExpiry),
    single('DOCUMENTED_CONSIDERATIONS', boolState(a.documentedConsiderations), a.documentedConsiderations),
    // A single agreement records neither; the audit's findings do, per committee.
    single('PARTNER_CHECK', 'UNKNOWN', null),
    single('SITE_VISITS', 'UNKNOWN', null),
  ];
}

export function agreementGaps(p: Projection, options: AgreementGapOptions = {}): AgreementGaps {
  const now = options.now ?? Date.now();
  const staleMs = (options.staleAfterDays ?? 365) * DAY;
  const signatoryKinds = options.signatoryKinds ? new Set(options.signatoryKinds) : null;
  const indexes = options.agreementIds
    ? [...new Set(options.agreementIds)].map((id) => p.requireAgreement(id, 'agreementIds'))
    : p.agreements.map((_, i) => i);
  const ordered = indexes.sort((x, y) => compareByNameThenId(p.agreements[x]!, p.agreements[y]!));

  const auditCriteria: AuditCriteriaGap[] = [];
  const signatoryContacts: SignatoryContactGap[] = [];
  const iopTotals = { agreements: 0, records: 0, audited: 0, auditedCommittees: 0 };
  for (const g of ordered) {
    const a = p.agreements[g]!;
    const expired = isExpired(a, now);
    if (a.kind === 'IOP') {
      const stands = a.isSummary ? (a.summaryCount ?? 1) : 1;
      iopTotals.records++;
      iopTotals.agreements += stands;
      if (a.auditFindings?.length) {
        iopTotals.audited += stands;
        iopTotals.auditedCommittees++;
      }
      const criteria = assessIop(a, now);
      const missing = criteria.filter((c) => c.state === 'MISSING' || c.state === 'PARTLY_MET').map((c) => c.criterion);
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
    if ((!signatoryKinds || signatoryKinds.has(a.kind)) && !expired && a.isSummary !== true) {
      const parties = [...p.agreementOrg.row(g)].sort((x, y) => p.compareOrganisations(x, y));
      for (const o of parties) {
        if (p.orgClosed[o]) continue;
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
  const organisationContacts = { organisations: 0, neverVerified: 0, stale: 0 };
  for (let o = 0; o < p.orgCount; o++) {
    if (p.orgClosed[o] || p.orgSynthetic[o]) continue;
    organisationContacts.organisations++;
    const v = p.orgContactVerifiedAt[o]!;
    if (Number.isNaN(v)) organisationContacts.neverVerified++;
    else if (now - v > staleMs) organisationContacts.stale++;
  }
  return { auditCriteria, signatoryContacts, iopTotals, organisationContacts, projectionBuiltAt: p.builtAt };
}
