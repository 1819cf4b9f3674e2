/** Organisations: search with filters and cursors, one organisation, and its links with provenance. */
import type { DistrictKind, Resolvers } from '../generated/resolvers.js';
import { LINK_FIELDS, LINK_KINDS, ORGANISATION_LINKS, type OrganisationLinkKind } from '../../../graph/model/links.js';
import type { GraphQLContext } from '../context.js';
import { iso, list, pageSize, provenanceOf, selectsAny } from './common.js';
import { parseFieldProvenance, type FactProvenance } from '../../../graph/model/facts.js';

const LINK_FIELD_SET = new Set(LINK_FIELDS);

const links = (kind: OrganisationLinkKind) => (o: { id: string }, _: unknown, ctx: GraphQLContext) => ctx.links(kind).load(o.id);
/** The link fields of Organisation (targetGroups, districts, …), one per link kind. */
const linkFieldResolvers = Object.fromEntries(LINK_KINDS.map((k) => [ORGANISATION_LINKS[k].field, links(k)])) as Record<(typeof ORGANISATION_LINKS)[OrganisationLinkKind]['field'], ReturnType<typeof links>>;

export const organisationResolvers: Resolvers = {
  Query: {
    async organisations(_, { filter, first, after }, { store }) {
      const page = await store.organisations.list(filter ?? {}, { first: pageSize(first), after: after ?? null });
      return {
        edges: page.nodes.map((node, i) => ({ node, cursor: page.cursors[i]!, match: page.search?.matches[i] ?? null })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
        search: page.search ? { meant: page.search.meant.map((m) => ({ ...m, weight: 0 })), didYouMean: page.search.didYouMean } : null,
      };
    },
    similarOrganisations: (_, { name, excludeId }, { store }) => store.organisations.similarNames(name, excludeId ?? null),
    async organisation(_, { id }, ctx, info) {
      // Asked with its links (a profile): one read of the organisation and each kind of link from a
      // scalar id (an index lookup on LadybugDB), primed into the DataLoaders the link fields use.
      if (!selectsAny(info, LINK_FIELD_SET)) return ctx.store.organisations.get(id);
      const profile = await ctx.store.organisations.profile(id);
      if (!profile) return null;
      ctx.organisations.prime(id, profile.organisation);
      for (const kind of LINK_KINDS) ctx.links(kind).prime(id, profile[ORGANISATION_LINKS[kind].profile]);
      return profile.organisation;
    },
  },
  Organisation: {
    aliases: (o) => list(o.aliases),
    contactVerifiedAt: (o) => iso(o.contactVerifiedAt),
    provenance: (o) => provenanceOf(o),
    // Each about fact's own provenance; a fact with none recorded answers null, never the record's.
    fieldProvenance: (o) => {
      const facts = parseFieldProvenance(o.fieldProvenance);
      const of = (f: FactProvenance | undefined) => (f ? { ...f, synthetic: o.synthetic } : null);
      return { description: of(facts.description), legalForm: of(facts.legalForm), website: of(facts.website), status: of(facts.status) };
    },
    ...linkFieldResolvers,
    async neighbourhood(o, { first }, ctx) {
      const n = await ctx.store.organisations.neighbourhood(o.id, pageSize(first));
      const withOrg = async (rows: typeof n.localPeers) => (await Promise.all(rows.map(async (r) => ({ ...r, organisation: await ctx.organisations.load(r.id) })))).filter((r): r is typeof r & { organisation: NonNullable<typeof r.organisation> } => r.organisation !== null);
      return { localPeers: await withOrg(n.localPeers), partnersOfPartners: await withOrg(n.partnersOfPartners) };
    },
  },
  OrganisationLink: { provenance: (l) => provenanceOf(l) },
  SearchMatch: {
    coveredWords: (m) => m.covered,
    textScore: (m) => m.text,
    linked: (m) => m.linked,
  },
  SearchHighlight: {
    field: (h) => SEARCH_FIELDS[h.field],
  },
  SearchEntry: {
    kind: (e) => ENTRY_KINDS[e.kind],
    async name(e, _, ctx) {
      if (e.kind === 'TargetGroup') return (await ctx.targetGroups.load(e.id))?.name ?? e.id;
      if (e.kind === 'District') return (await ctx.districts.load(e.id))?.name ?? e.id;
      return (await ctx.resourceTypes.load(e.id))?.name ?? e.id;
    },
    async districtKind(e, _, ctx) {
      return e.kind === 'District' ? (((await ctx.districts.load(e.id))?.kind ?? null) as DistrictKind | null) : null;
    },
  },
};

const SEARCH_FIELDS = { name: 'NAME', alias: 'ALIAS', description: 'DESCRIPTION' } as const;
const ENTRY_KINDS = { TargetGroup: 'TARGET_GROUP', District: 'DISTRICT', ResourceType: 'RESOURCE' } as const;
