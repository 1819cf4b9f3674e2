/**
 * The facts under a reason: which links of which organisation make it true, each with its basis
 * (STATED, INFERRED with its rule and confidence, ENTERED). A reason resting on an inferred fact can
 * then say so, and a reader can follow it to the fact. Worked out only for the reasons an answer
 * returns (scoring never needs them).
 */
import type { OrganisationFactRelation } from '../model/facts.js';
import type { Csr } from './csr.js';
import type { Projection } from './projection.js';
import type { Reason, ReasonFact } from './reasons.js';

/** At most this many partners in common are backed by facts (the reason names them all). */
const MAX_VIA_WITH_FACTS = 5;

function fact(p: Projection, org: number, relation: OrganisationFactRelation, targetId: string): ReasonFact {
  const b = p.linkBasis(relation, org, targetId);
  return { organisationId: p.orgIds[org]!, relation, targetId, basis: b.basis, confidence: b.confidence, rule: b.rule };
}

/** An organisation's own values (direct row) at or below `h` in a hierarchy. */
function ownUnder(direct: Csr, org: number, h: number, ancestors: readonly Int32Array[]): number[] {
  const out: number[] = [];
  for (let k = direct.start(org); k < direct.end(org); k++) {
    const g = direct.values[k]!;
    if (g === h || ancestors[g]!.includes(h)) out.push(g);
  }
  return out;
}

/** The facts that make `reason` true for its two organisations. */
export function reasonFacts(p: Projection, reason: Reason): ReasonFact[] {
  const a = p.requireOrganisation(reason.organisationIds[0], 'organisationId');
  const b = p.requireOrganisation(reason.organisationIds[1], 'otherOrganisationId');
  const both = (relation: OrganisationFactRelation, targetId: string) => [fact(p, a, relation, targetId), fact(p, b, relation, targetId)];
  switch (reason.kind) {
    case 'SHARED_TARGET_GROUP': {
      const t = p.requireTargetGroup(reason.targetGroupIds![0]!);
      return [a, b].flatMap((o) => ownUnder(p.orgTg, o, t, p.tgAncestors).map((g) => fact(p, o, 'SERVES', p.tgIds[g]!)));
    }
    case 'SHARED_DISTRICT': {
      const d = p.requireDistrict(reason.districtIds![0]!);
      return [a, b].flatMap((o) => ownUnder(p.orgDistrict, o, d, p.districtAncestors).map((x) => fact(p, o, 'ACTIVE_IN', p.districtIds[x]!)));
    }
    case 'ADJACENT_DISTRICT':
      return [fact(p, a, 'ACTIVE_IN', reason.districtIds![0]!), fact(p, b, 'ACTIVE_IN', reason.districtIds![1]!)];
    case 'COMMON_AGREEMENT':
      return (reason.agreementIds ?? []).flatMap((g) => both('PARTY_TO', g));
    case 'COMMON_UMBRELLA':
      return (reason.umbrellaIds ?? []).flatMap((u) => both('MEMBER_OF', u));
    case 'COMPLEMENTARY_RESOURCE': {
      const [needer, offerer] = reason.direction === 'OFFERS_WHAT_YOU_NEED' ? [a, b] : [b, a];
      return (reason.resourceTypeIds ?? []).flatMap((r) => [fact(p, needer, 'NEEDS', r), fact(p, offerer, 'OFFERS', r)]);
    }
    case 'TRIADIC_CLOSURE': {
      const out: ReasonFact[] = [];
      for (const id of (reason.viaOrganisationIds ?? []).slice(0, MAX_VIA_WITH_FACTS)) {
        const v = p.requireOrganisation(id, 'viaOrganisationIds');
        for (const o of [a, b]) out.push(...partnership(p, o, v));
      }
      return out;
    }
  }
}

/** Why o and v count as partners: a collaboration both take part in, else an accepted suggestion. */
function partnership(p: Projection, o: number, v: number): ReasonFact[] {
  const shared = p.sharedCollaborations(o, v);
  if (shared.length > 0) {
    const c = p.collaborationIds[shared[0]!]!;
    return [fact(p, o, 'PARTICIPATES_IN', c), fact(p, v, 'PARTICIPATES_IN', c)];
  }
  for (const [from, to] of [
    [o, v],
    [v, o],
  ] as const) {
    if (p.decision(from, to)?.decision === 'ACCEPTED') {
      // A decision is a person's entry, whatever the projection's input says about other links.
      return [{ organisationId: p.orgIds[from]!, relation: 'SUGGESTION_DECISION', targetId: p.orgIds[to]!, basis: 'ENTERED', confidence: 1, rule: null }];
    }
  }
  return [];
}

/** The reasons with their facts attached (new objects). */
export function withEvidence(p: Projection, reasons: readonly Reason[]): Reason[] {
  return reasons.map((r) => ({ ...r, facts: reasonFacts(p, r) }));
}

/**
 * Does the reason rest on an inferred fact? It does when, for either organisation, every fact of
 * its that makes the reason true is INFERRED: a stated or entered fact of the same organisation
 * (a link to the target group itself beside an inferred one to a narrower group) carries it.
 */
export function restsOnInferred(reason: Reason): boolean {
  const allInferred = new Map<string, boolean>();
  for (const f of reason.facts ?? []) allInferred.set(f.organisationId, (allInferred.get(f.organisationId) ?? true) && f.basis === 'INFERRED');
  return [...allInferred.values()].some(Boolean);
}

/** Does the reason rest on a fact that is not stated (inferred, entered, or of unknown basis)? */
export function restsOnUnstated(reason: Reason): boolean {
  return (reason.facts ?? []).some((f) => f.basis !== 'STATED');
}
