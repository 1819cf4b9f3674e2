/** Organisations: search with filters and cursors, one organisation, and its links with provenance. */
import type { Resolvers } from '../generated/resolvers.js';
import type { OrganisationLinkKind } from '../../../graph/repo/links.js';
import type { GraphQLContext } from '../context.js';
import { iso, list, pageSize, provenanceOf } from './common.js';

const links = (kind: OrganisationLinkKind) => (o: { id: string }, _: unknown, ctx: GraphQLContext) => ctx.links(kind).load(o.id);

export const organisationResolvers: Resolvers = {
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
};
