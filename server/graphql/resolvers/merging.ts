/**
 * Merging two records of one organisation (graph/repo/merging.ts): editors only; its preview, and
 * where a merged record's id now leads (public, as profiles are).
 */
import type { Resolvers } from '../generated/resolvers.js';
import { ORGANISATION_LINKS } from '../../../graph/model/links.js';
import { mergedInto } from '../../../graph/repo/merging.js';
import { actorOf, EDITORS, requireRole } from '../../auth/policy.js';
import { accounts, attempt } from './accounts.js';

export const mergingResolvers: Resolvers = {
  Query: {
    async mergePreview(_, { input }, ctx) {
      requireRole(ctx, EDITORS, 'slå ihop organisationer');
      return attempt(async () => ({ preview: await accounts(ctx).editing.previewMerge(input) }), { preview: null });
    },
    async organisationMergedInto(_, { id }, ctx) {
      const to = await mergedInto(ctx.store.engine, id);
      return to ? ctx.organisations.load(to) : null;
    },
  },
  Mutation: {
    async mergeOrganisations(_, { input, reason }, ctx) {
      const viewer = requireRole(ctx, EDITORS, 'slå ihop organisationer');
      return attempt(async () => {
        const c = await accounts(ctx).editing.mergeOrganisations(input, actorOf(viewer), reason);
        return { organisation: await ctx.store.organisations.get(c.value.id), auditId: c.auditId };
      }, { organisation: null, auditId: null });
    },
  },
  MergePreview: {
    filledFields: (p) => p.filled,
    links: (p) => p.links,
    contactPersons: (p) => p.contactPersonIds.length,
    representatives: (p) => p.representativeIds.length,
    decisions: (p) => p.decisions.filter((d) => d.outcome === 'MOVE').length,
  },
  MergeLink: {
    kind: (l) => ORGANISATION_LINKS[l.kind].sdl,
    id: (l) => l.link.id,
    name: (l) => l.link.name,
    role: (l) => l.link.role || null,
  },
};
