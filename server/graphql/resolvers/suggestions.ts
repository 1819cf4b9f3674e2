/** Partnership suggestions from the analytics projection, with reasons in the request's language. */
import type { Resolvers } from '../generated/resolvers.js';
import { suggestPartners, describeAlso, describeReason, factTargetName, restsOnInferred, scoreParts, whyNotSuggested } from '../../../graph/analytics/index.js';
import { analyticsCall, isoOf } from '../analytics-input.js';
import { loadExisting, pageSize, present } from './common.js';
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
      const limit = Math.min(pageSize(first ?? 10), 50);
      const suggestions = suggestPartners(projection, organisationId, { limit }).suggestions;
      // A projection built before an organisation was deleted or merged away may still name it:
      // then answer from one that holds every committed write (one batched read to know).
      const named = new Set(suggestions.flatMap((s) => [s.organisationId, ...s.reasons.flatMap((r) => [...r.organisationIds, ...(r.facts ?? []).map((f) => f.organisationId)])]));
      const found = await ctx.organisations.loadMany([...named]);
      if (found.every(present)) return suggestions;
      return suggestPartners(await ctx.store.projections.fresh(), organisationId, { limit }).suggestions;
    },
    async whyNotSuggested(_, { organisationId, candidateId, first, language }, ctx) {
      if (language) ctx.lang = language === 'EN' ? 'en' : 'sv';
      const limit = Math.min(Math.max(1, pageSize(first ?? 8)), 50);
      const projection = await ctx.store.projections.current();
      return analyticsCall({}, () => whyNotSuggested(projection, organisationId, candidateId, { limit }));
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
        return { suggestions: suggestPartners(projection, organisationId, { limit: 8 }).suggestions, auditId };
      }, { suggestions: null, auditId: null });
      // The repository names its own input; the caller knows the arguments.
      return { ...result, errors: result.errors.map((e) => ({ ...e, field: (e.field && DECISION_FIELDS[e.field]) ?? e.field })) };
    },
  },
  PartnershipSuggestion: {
    parts: (s) => scoreParts(s.reasons),
    feedbackFactor: (s) => s.feedback.factor,
    also: async (s, _, { store, lang }) => describeAlso(s.reasons, await store.projections.current(), lang),
    // One batched read for all suggestions of a request, not one per suggestion.
    organisation: (s, _, ctx) => loadExisting(ctx.organisations, 'suggested organisation', s.organisationId),
  },
  SuggestionReason: {
    organisations: async (r, _, ctx) => (await ctx.organisations.loadMany(r.organisationIds)).filter(present),
    facts: (r) => r.facts ?? [],
    // Whether the reason rests on an inferred fact of either organisation's (decided from its facts, one rule everywhere).
    inferred: (r) => restsOnInferred(r),
    targetGroups: async (r, _, ctx) => (await ctx.targetGroups.loadMany(r.targetGroupIds ?? [])).filter(present),
    districts: async (r, _, ctx) => (await ctx.districts.loadMany(r.districtIds ?? [])).filter(present),
    resourceTypeIds: (r) => r.resourceTypeIds ?? [],
    viaOrganisationIds: (r) => r.viaOrganisationIds ?? [],
    agreementIds: (r) => r.agreementIds ?? [],
    umbrellaIds: (r) => r.umbrellaIds ?? [],
    text: async (r, _, { store, lang }) => describeReason(r, await store.projections.current(), lang),
  },
  ReasonFact: {
    organisation: (f, _, ctx) => loadExisting(ctx.organisations, 'organisation', f.organisationId),
    targetName: async (f, _, { store, lang }) => factTargetName(f, await store.projections.current(), lang),
  },
  WhyNotSuggested: {
    organisation: async (w, _, ctx) => (await ctx.organisations.load(w.organisationId))!,
    candidate: async (w, _, ctx) => (await ctx.organisations.load(w.candidateId))!,
    also: async (w, _, { store, lang }) => describeAlso(w.reasons, await store.projections.current(), lang),
    projectionBuiltAt: (w) => isoOf(w.projectionBuiltAt),
  },
};
