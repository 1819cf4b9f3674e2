/** The catalogue: target groups, districts, public bodies, agreements, sources, and provenance. */
import type { Resolvers } from '../generated/resolvers.js';
import { iso, list, provenanceOf } from './common.js';

export const catalogueResolvers: Resolvers = {
  Query: {
    targetGroups: (_, __, { store }) => store.catalogue.targetGroups(),
    targetGroup: (_, { id }, ctx) => ctx.targetGroups.load(id),
    districts: (_, { kind }, { store }) => store.catalogue.districts(kind ?? null),
    district: (_, { id }, ctx) => ctx.districts.load(id),
    agreements: (_, { kinds }, { store }) => store.catalogue.agreements({ kinds: kinds ?? null }),
    agreement: async (_, { id }, { store }) => (await store.catalogue.agreementsByIds([id])).get(id) ?? null,
    publicBodies: (_, __, { store }) => store.catalogue.publicBodies(),
    sources: (_, __, { store }) => store.catalogue.sources(),
  },
  Provenance: {
    source: (p, _, ctx) => (p.sourceId ? ctx.sources.load(p.sourceId) : null),
    locator: (p) => p.sourceLocator,
    recordedAt: (p) => iso(p.recordedAt),
  },
  TargetGroup: {
    broader: (t, _, ctx) => (t.broaderId ? ctx.targetGroups.load(t.broaderId) : null),
    provenance: (t) => provenanceOf(t),
  },
  District: {
    kind: (d) => d.kind as never,
    partOf: (d, _, ctx) => (d.partOfId ? ctx.districts.load(d.partOfId) : null),
    provenance: (d) => provenanceOf(d),
  },
  PublicBody: { formerNames: (b) => list(b.formerNames), provenance: (b) => provenanceOf(b) },
  Agreement: {
    kind: (a) => a.kind as never,
    principles: (a) => list(a.principles),
    jointCommitments: (a) => list(a.jointCommitments),
    cityCommitments: (a) => list(a.cityCommitments),
    sectorCommitments: (a) => list(a.sectorCommitments),
    provenance: (a) => provenanceOf(a),
  },
};
