/** The catalogue: target groups, districts, public bodies, agreements, sources, and provenance. */
import type { Maybe, Resolvers } from '../generated/resolvers.js';
import type { GraphQLContext } from '../context.js';
import type { AgreementPartyModel } from '../models.js';
import { decodeCursor, encodeCursor } from '../../../graph/repo/cursor.js';
import { ValidationError } from '../../../graph/errors.js';
import { iso, list, loadExisting, pageSize, present, provenanceOf } from './common.js';
import { DEFAULT_MUNICIPALITY, requireIds } from '../analytics-input.js';
import { districtDivisions } from '../../../graph/analytics/index.js';
import { parseAuditFindings, type AuditFinding } from '../../../graph/model/facts.js';
import type { Provenance } from '../../../graph/model/records.js';

/** A finding's provenance as the API's Provenance. */
export const findingProvenance = (f: AuditFinding): Provenance => ({
  sourceId: f.sourceId,
  sourceLocator: f.sourceLocator,
  basis: f.basis,
  confidence: f.confidence,
  quote: f.quote,
  rule: null,
  recordedAt: null,
  synthetic: false,
});

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
    districts: (_, { kind, validOn }, { store }) => store.catalogue.districts(kind ?? null, validOn ?? null),
    district: (_, { id }, ctx) => ctx.districts.load(id),
    async districtDivisions(_, { municipality, kind }, ctx) {
      const p = await ctx.store.projections.current();
      const m = municipality ?? DEFAULT_MUNICIPALITY;
      requireIds(p, [{ ids: m, field: 'municipality', kind: 'district' }]);
      const today = new Date().toISOString().slice(0, 10);
      return districtDivisions(p, m, kind ?? 'STADSDELSOMRADE').map((d) => ({ ...d, current: d.validFrom <= today && (d.validTo === null || d.validTo >= today) }));
    },
    agreements: (_, { kinds, filter }, { store }) => {
      const covering = filter?.municipalities || filter?.regions ? [...(filter.municipalities ?? []), ...(filter.regions ?? [])] : null;
      return store.catalogue.agreements({ kinds: filter?.kinds ?? kinds ?? null, covering, coveringField: filter?.municipalities ? 'filter.municipalities' : 'filter.regions' });
    },
    agreement: async (_, { id }, { store }) => (await store.catalogue.agreementsByIds([id])).get(id) ?? null,
    publicBodies: (_, __, { store }) => store.catalogue.publicBodies(),
    publicBody: (_, { id }, ctx) => ctx.publicBodies.load(id),
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
  DistrictDivision: {
    districts: async (d, _, ctx) => (await ctx.districts.loadMany(d.districtIds)).filter(present),
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
  PublicBody: {
    formerNames: (b) => list(b.formerNames),
    partOf: (b, _, ctx) => (b.partOfId ? ctx.publicBodies.load(b.partOfId) : null),
    covers: async (b, _, ctx) => (await ctx.districts.loadMany(b.coversIds ?? [])).filter(present),
    succeededBy: (b, _, ctx) => (b.succeededById ? ctx.publicBodies.load(b.succeededById) : null),
    version: (b) => b.version ?? 0,
    provenance: (b) => provenanceOf(b),
  },
  AgreementCoverage: {
    district: (c, _, ctx) => loadExisting(ctx.districts, 'district', c.id),
    provenance: (c) => provenanceOf(c),
  },
  AuditFinding: {
    provenance: (f) => findingProvenance(f),
  },
  Agreement: {
    kind: (a) => a.kind as never,
    principles: (a) => list(a.principles),
    jointCommitments: (a) => list(a.jointCommitments),
    cityCommitments: (a) => list(a.cityCommitments),
    sectorCommitments: (a) => list(a.sectorCommitments),
    provenance: (a) => provenanceOf(a),
    version: (a) => a.version ?? 0,
    parties: (a, args, ctx) => partyPage(a.id, args, ctx),
    covers: (a, _, ctx) => ctx.agreementCovers.load(a.id),
    auditFindings: (a) => parseAuditFindings(a.auditFindings),
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
