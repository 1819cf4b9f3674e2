/** Partnership suggestions from the analytics projection, with reasons in the request's language. */
import type { Resolvers } from '../generated/resolvers.js';
import { suggestPartners, describeReason, withBasis, type Projection, type Suggestion } from '../../../graph/analytics/index.js';

/** Each reason with whether it rests on an inferred fact (the pair: the asking organisation and the suggested one). */
const withReasonBasis = (p: Projection, organisationId: string, suggestions: Suggestion[]): Suggestion[] =>
  suggestions.map((s) => ({ ...s, reasons: withBasis(p, organisationId, s.organisationId, s.reasons) }));
import { pageSize, present } from './common.js';
import { actorOf, requireSuggestionDecider } from '../../auth/policy.js';
import { attempt } from './accounts.js';

const DECISION_FIELDS: Record<string, string> = { 'input.organisationId': 'organisationId', 'input.candidateId': 'partnerId', 'input.decision': 'decision', 'input.reason': 'reason' };

export const suggestionResolvers: Resolvers = {
  Query: {
    async partnershipSuggestions(_, { organisationId, first, language }, ctx) {
      // The reasons' sentences follow the language asked for, else the request's Accept-Language.
      if (language) ctx.lang = language === 'EN' ? 'en' : 'sv';
      let projection = await ctx.store.projections.current();
      // An organisation created since the last rebuild is ranked on the rebuilt projection, not refused as unknown.
      if (!projection.orgIndex.has(organisationId) && (await ctx.organisations.load(organisationId))) projection = await ctx.store.projections.fresh();
      return withReasonBasis(projection, organisationId, suggestPartners(projection, organisationId, { limit: Math.min(pageSize(first ?? 10), 50) }).suggestions);
    },
  },
  Mutation: {
    async decidePartnershipSuggestion(_, { organisationId, partnerId, decision, reason, language }, ctx) {
      const viewer = requireSuggestionDecider(ctx, organisationId);
      if (language) ctx.lang = language === 'EN' ? 'en' : 'sv';
      const result = await attempt(async () => {
        const { auditId } = await ctx.store.decisions.record({ organisationId, candidateId: partnerId, decision, reason }, actorOf(viewer));
        // Answer with the ranking the decision produced, so the page shows it at once (the
        // scheduled rebuild is run now instead of after the debounce).
        const projection = await ctx.store.projections.fresh();
        return { suggestions: withReasonBasis(projection, organisationId, suggestPartners(projection, organisationId, { limit: 8 }).suggestions), auditId };
      }, { suggestions: null, auditId: null });
      // The repository names its own input; the caller knows the arguments.
      return { ...result, errors: result.errors.map((e) => ({ ...e, field: (e.field && DECISION_FIELDS[e.field]) ?? e.field })) };
    },
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
    inferred: (r) => (r as { inferred?: boolean }).inferred ?? false,
    targetGroups: async (r, _, ctx) => (await ctx.targetGroups.loadMany(r.targetGroupIds ?? [])).filter(present),
    districts: async (r, _, ctx) => (await ctx.districts.loadMany(r.districtIds ?? [])).filter(present),
    resourceTypeIds: (r) => r.resourceTypeIds ?? [],
    viaOrganisationIds: (r) => r.viaOrganisationIds ?? [],
    agreementIds: (r) => r.agreementIds ?? [],
    umbrellaIds: (r) => r.umbrellaIds ?? [],
    text: async (r, _, { store, lang }) => describeReason(r, await store.projections.current(), lang),
  },
};
