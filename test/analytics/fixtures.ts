/**
 * Hand-built graphs for the analytics tests. `world()` gives a fixed geography and taxonomy;
 * `build()` adds organisations with their features, so each test states exactly what it needs and
 * the right answers follow by construction.
 */
import {
  emptyProjectionInput,
  Projection,
  type AgreementInput,
  type CollaborationInput,
  type ProjectionInput,
  type SuggestionDecisionInput,
} from '../../graph/analytics/index.js';

/**
 * Sverige (COUNTRY)
 *   Stockholms län (REGION)
 *     Stockholm (MUNICIPALITY)
 *       Rinkeby-Kista (STADSDELSOMRADE): Rinkeby, Tensta, Husby   (Rinkeby–Tensta, Tensta–Husby adjacent)
 *       Södermalm (STADSDELSOMRADE): Katarina, Sofia              (Katarina–Sofia adjacent)
 *   Västra Götaland (REGION)
 *     Göteborg (MUNICIPALITY)
 *
 * Target groups: Barn och unga (CY) > Ensamkommande barn (UM), Unga vuxna (UV);
 *                Personer i hemlöshet (HOM); Äldre (ELD).
 * Resource types: Lokaler (PREM), Ansökningskompetens (GRANT).
 */
export function world(): ProjectionInput {
  return {
    ...emptyProjectionInput(),
    districts: [
      { id: 'SE', name: 'Sverige', kind: 'COUNTRY', partOfId: null },
      { id: 'AB', name: 'Stockholms län', kind: 'REGION', partOfId: 'SE' },
      { id: 'VG', name: 'Västra Götaland', kind: 'REGION', partOfId: 'SE' },
      { id: 'STHLM', name: 'Stockholm', kind: 'MUNICIPALITY', partOfId: 'AB' },
      { id: 'GBG', name: 'Göteborg', kind: 'MUNICIPALITY', partOfId: 'VG' },
      { id: 'RK', name: 'Rinkeby-Kista', kind: 'STADSDELSOMRADE', partOfId: 'STHLM' },
      { id: 'SOD', name: 'Södermalm', kind: 'STADSDELSOMRADE', partOfId: 'STHLM' },
      { id: 'RINK', name: 'Rinkeby', kind: 'STADSDEL', partOfId: 'RK' },
      { id: 'TENS', name: 'Tensta', kind: 'STADSDEL', partOfId: 'RK' },
      { id: 'HUSBY', name: 'Husby', kind: 'STADSDEL', partOfId: 'RK' },
      { id: 'KATA', name: 'Katarina', kind: 'STADSDEL', partOfId: 'SOD' },
      { id: 'SOFIA', name: 'Sofia', kind: 'STADSDEL', partOfId: 'SOD' },
    ],
    adjacency: [
      ['RINK', 'TENS'],
      ['TENS', 'HUSBY'],
      ['KATA', 'SOFIA'],
    ],
    targetGroups: [
      { id: 'CY', name: 'Barn och unga', nameEn: 'Children and young people', broaderId: null },
      { id: 'UM', name: 'Ensamkommande barn', nameEn: 'Unaccompanied minors', broaderId: 'CY' },
      { id: 'UV', name: 'Unga vuxna', nameEn: 'Young adults', broaderId: 'CY' },
      { id: 'HOM', name: 'Personer i hemlöshet', nameEn: 'People experiencing homelessness', broaderId: null },
      { id: 'ELD', name: 'Äldre', nameEn: 'Older people', broaderId: null },
    ],
    resourceTypes: [
      { id: 'PREM', name: 'Lokaler', nameEn: 'Premises' },
      { id: 'GRANT', name: 'Ansökningskompetens', nameEn: 'Grant-application expertise' },
    ],
  };
}

export interface OrgSpec {
  id: string;
  name?: string;
  tgs?: string[];
  districts?: string[];
  offers?: string[];
  needs?: string[];
  umbrellas?: string[];
  verifiedAt?: number | null;
  synthetic?: boolean;
}

export interface GraphSpec {
  orgs: OrgSpec[];
  /** Each entry: participant ids (a collaboration named after its index). */
  collaborations?: string[][];
  agreements?: (Partial<AgreementInput> & { id: string; parties: string[] })[];
  decisions?: SuggestionDecisionInput[];
  base?: ProjectionInput;
}

export function agreement(partial: Partial<AgreementInput> & { id: string }): AgreementInput {
  return {
    name: partial.id,
    kind: 'IOP',
    isSummary: false,
    summaryCount: null,
    societalChallenge: 'Utmaning',
    politicalProgramme: 'Program',
    societalChallengeStated: null,
    politicalProgrammeStated: null,
    steeringMeetingsPerYear: 4,
    commitmentsBeyondFunding: true,
    followUpPlan: true,
    evaluatedAtExpiry: null,
    documentedConsiderations: true,
    endDate: '2030-12-31',
    status: 'ACTIVE',
    ...partial,
  };
}

export function input(spec: GraphSpec): ProjectionInput {
  const base = spec.base ?? world();
  const collaborations: CollaborationInput[] = (spec.collaborations ?? []).map((ps, i) => ({
    id: `C${i}`,
    name: `Samarbete ${i}`,
    kind: 'JOINT_PROJECT',
    participantIds: ps,
  }));
  return {
    ...base,
    organisations: spec.orgs.map((o) => ({
      id: o.id,
      name: o.name ?? o.id,
      contactVerifiedAt: o.verifiedAt ?? null,
      synthetic: o.synthetic ?? false,
    })),
    serves: spec.orgs.flatMap((o) => (o.tgs ?? []).map((t) => [o.id, t] as const)),
    activeIn: spec.orgs.flatMap((o) => (o.districts ?? []).map((d) => [o.id, d] as const)),
    offers: spec.orgs.flatMap((o) => (o.offers ?? []).map((r) => [o.id, r] as const)),
    needs: spec.orgs.flatMap((o) => (o.needs ?? []).map((r) => [o.id, r] as const)),
    memberOf: spec.orgs.flatMap((o) => (o.umbrellas ?? []).map((u) => [o.id, u] as const)),
    collaborations,
    agreements: (spec.agreements ?? []).map(({ parties: _parties, ...a }) => agreement(a)),
    partyTo: (spec.agreements ?? []).flatMap((a) => a.parties.map((p) => [p, a.id] as const)),
    decisions: spec.decisions ?? [],
  };
}

export function build(spec: GraphSpec, builtAt = 1_000): Projection {
  return new Projection(input(spec), builtAt);
}

/** ln(N / n) / ln(N / 2), within [0, 1]: the specificity of a feature n of N organisations share. */
export const spec = (n: number, population: number) => Math.max(0, Math.min(1, Math.log(population / Math.max(2, n)) / Math.log(population / 2)));
