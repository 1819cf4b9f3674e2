/** The catalogue: target groups, districts, public bodies, agreements, sources, and provenance. */
import type { Maybe, Resolvers } from '../generated/resolvers.js';
import type { GraphQLContext } from '../context.js';
import type { AgreementPartyModel } from '../models.js';
import { decodeCursor, encodeCursor } from '../../../graph/repo/cursor.js';
import { ValidationError } from '../../../graph/errors.js';
import { iso, list, pageSize, provenanceOf } from './common.js';

const byNameThenId = (x: AgreementPartyModel, y: AgreementPartyModel) =>
  x.link.name < y.link.name ? -1 : x.link.name > y.link.name ? 1 : x.link.id < y.link.id ? -1 : x.link.id > y.link.id ? 1 : 0;

/** A page of an agreement's parties, in (name, id) order with keyset cursors, like organisations. */
async function partyPage(agreementId: string, args: { role?: Maybe<string>; kind?: Maybe<string>; first?: Maybe<number>; after?: Maybe<string> }, ctx: GraphQLContext) {
  const first = pageSize(args.first ?? 100);
  if (args.role !== undefined && args.role !== null && (args.role.length > 40 || !/^[A-Z_]+$/.test(args.role))) {
    throw new ValidationError([{ field: 'role', message: 'must be a role such as SIGNATORY, PARTY or COORDINATOR' }]);
  }
  const all = (await ctx.agreementParties.load(agreementId))
    .filter((p) => (!args.role || p.link.role === args.role) && (!args.kind || p.kind === args.kind))
    .sort(byNameThenId);
  let from = 0;
  if (args.after) {
    const key = decodeCursor(args.after);
    from = all.findIndex((p) => p.link.name > key.name || (p.link.name === key.name && p.link.id > key.id));
    if (from < 0) from = all.length;
  }
  const nodes = all.slice(from, from + first);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor({ name: node.link.name, id: node.link.id }) }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: from + first < all.length, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: all.length,
  };
}

/** E-mail addresses in public text replaced (a source's title or publisher may hold one from before this rule). */
const withoutAddresses = (text: string) => text.replace(/[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[^\s@<>()"',;]+/g, '[e-post]');

export const catalogueResolvers: Resolvers = {
  Query: {
    targetGroups: (_, __, { store }) => store.catalogue.targetGroups(),
    resourceTypes: (_, __, { store }) => store.catalogue.resourceTypes(),
    targetGroup: (_, { id }, ctx) => ctx.targetGroups.load(id),
    districts: (_, { kind }, { store }) => store.catalogue.districts(kind ?? null),
    district: (_, { id }, ctx) => ctx.districts.load(id),
    agreements: (_, { kinds }, { store }) => store.catalogue.agreements({ kinds: kinds ?? null }),
    agreement: async (_, { id }, { store }) => (await store.catalogue.agreementsByIds([id])).get(id) ?? null,
    publicBodies: (_, __, { store }) => store.catalogue.publicBodies(),
    sources: (_, __, { store }) => store.catalogue.sources(),
  },
  Source: {
    // A person's entries name that person (GDPR: personal data, kept for accountability): shown to
    // signed-in users; the public sees that a person entered the fact, not who.
    title: (s, _, ctx) =>
      s.kind === 'PERSON_ENTRY' && !ctx.auth.viewer ? (ctx.lang === 'en' ? 'Entered by a Samverkan user' : 'Uppgift inmatad av en användare i Samverkan') : ctx.auth.viewer ? s.title : withoutAddresses(s.title),
    // An import's publisher was once the importing admin's name, often their address: never public.
    publisher: (s, _, ctx) => (ctx.auth.viewer ? s.publisher : s.publisher === null ? null : withoutAddresses(s.publisher)),
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
    geometry: async (d, _, ctx) => {
      const text = await ctx.geometries.load(d.id);
      return text ? (JSON.parse(text) as unknown) : null;
    },
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
    version: (a) => a.version ?? 0,
    parties: (a, args, ctx) => partyPage(a.id, args, ctx),
    signatories: (a, args, ctx) => partyPage(a.id, { ...args, role: 'SIGNATORY', kind: 'ORGANISATION' }, ctx),
  },
  AgreementParty: {
    id: (p) => p.link.id,
    name: (p) => p.link.name,
    role: (p) => p.link.role || null,
    organisation: (p, _, ctx) => (p.kind === 'ORGANISATION' ? ctx.organisations.load(p.link.id) : null),
    publicBody: (p, _, ctx) => (p.kind === 'PUBLIC_BODY' ? ctx.publicBodies.load(p.link.id) : null),
    provenance: (p) => provenanceOf(p.link),
  },
};
