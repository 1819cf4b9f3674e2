/**
 * Resolvers: thin over the repositories (graph/repo) and the analytics (graph/analytics); types
 * generated from schema/schema.graphql by `npm run codegen`.
 */
import type { Resolvers } from './generated/resolvers.js';
import type { Provenance } from '../../graph/repo/records.js';
import type { OrganisationLinkKind } from '../../graph/repo/links.js';
import { suggestPartners, describeReason } from '../../graph/analytics/index.js';
import type { GraphQLContext } from './context.js';
import { ValidationError } from '../../graph/errors.js';
import { DEFAULT_PAGE, MAX_PAGE } from '../../graph/repo/organisations.js';

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const links = (kind: OrganisationLinkKind) => (o: { id: string }, _: unknown, ctx: GraphQLContext) => ctx.links(kind).load(o.id);
const provenanceOf = (p: Provenance) => p;
const list = (v: string[] | null | undefined) => v ?? [];
const present = <T>(x: T | Error | null): x is T => x !== null && !(x instanceof Error);

function pageSize(first: number | null | undefined, field = 'first'): number {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE) throw new ValidationError([{ field, message: `must be an integer from 0 to ${MAX_PAGE}` }]);
  return n;
}

export const resolvers: Resolvers = {
  Query: {
    async organisations(_, { filter, first, after }, { store }) {
      const page = await store.organisations.list(filter ?? {}, { first: pageSize(first), after: after ?? null });
      return {
        edges: page.nodes.map((node, i) => ({ node, cursor: page.cursors[i]! })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
      };
    },
    organisation: (_, { id }, { store }) => store.organisations.get(id),
    targetGroups: (_, __, { store }) => store.catalogue.targetGroups(),
    targetGroup: (_, { id }, ctx) => ctx.targetGroups.load(id),
    districts: (_, { kind }, { store }) => store.catalogue.districts(kind ?? null),
    district: (_, { id }, ctx) => ctx.districts.load(id),
    agreements: (_, { kinds }, { store }) => store.catalogue.agreements({ kinds: kinds ?? null }),
    agreement: async (_, { id }, { store }) => (await store.catalogue.agreementsByIds([id])).get(id) ?? null,
    publicBodies: (_, __, { store }) => store.catalogue.publicBodies(),
    sources: (_, __, { store }) => store.catalogue.sources(),
    async partnershipSuggestions(_, { organisationId, first, language }, ctx) {
      // The reasons' sentences follow the language asked for, else the request's Accept-Language.
      if (language) ctx.lang = language === 'EN' ? 'en' : 'sv';
      const { store } = ctx;
      const projection = await store.projections.current();
      return suggestPartners(projection, organisationId, { limit: Math.min(pageSize(first ?? 10), 50) }).suggestions;
    },
  },
  Organisation: {
    aliases: (o) => list(o.aliases),
    contactVerifiedAt: (o) => iso(o.contactVerifiedAt),
    provenance: (o) => provenanceOf(o),
    targetGroups: links('targetGroup'),
    districts: links('district'),
    agreements: links('agreement'),
    collaborations: links('collaboration'),
    resourcesOffered: links('offers'),
    resourcesNeeded: links('needs'),
    umbrellas: links('umbrella'),
  },
  OrganisationLink: { provenance: (l) => provenanceOf(l) },
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
  PartnershipSuggestion: {
    // One batched read for all suggestions of a request, not one per suggestion.
    organisation: async (s, _, ctx) => {
      const o = await ctx.organisations.load(s.organisationId);
      if (!o) throw new Error(`suggested organisation ${s.organisationId} is gone`);
      return o;
    },
  },
  SuggestionReason: {
    targetGroups: async (r, _, ctx) => (await ctx.targetGroups.loadMany(r.targetGroupIds ?? [])).filter(present),
    districts: async (r, _, ctx) => (await ctx.districts.loadMany(r.districtIds ?? [])).filter(present),
    resourceTypeIds: (r) => r.resourceTypeIds ?? [],
    viaOrganisationIds: (r) => r.viaOrganisationIds ?? [],
    agreementIds: (r) => r.agreementIds ?? [],
    umbrellaIds: (r) => r.umbrellaIds ?? [],
    text: async (r, _, { store, lang }) => describeReason(r, await store.projections.current(), lang),
  },
};
