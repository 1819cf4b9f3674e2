/**
 * Editors' mutations (issue 4) over the audited editing service (graph/repo/editing.ts): roles are
 * checked first (UNAUTHENTICATED / FORBIDDEN change nothing), then input; problems a user can
 * fix, missing objects and version conflicts come back as typed `errors`.
 */
import type { OrganisationLinkKind as SdlLinkKind, Resolvers } from '../generated/resolvers.js';
import { LINK_KIND_OF_SDL, ORGANISATION_LINKS, REPRESENTATIVE_LINK_KINDS, type OrganisationLinkKind } from '../../../graph/model/links.js';
import { actorOf, EDITORS, forbidden, requireOrganisationEditor, requireRole } from '../../auth/policy.js';
import { accounts, attempt, stripNulls } from './accounts.js';
import { iso, provenanceOf } from './common.js';
import { intArg } from '../analytics-input.js';
import type { GraphQLContext } from '../context.js';
import type { AgreementPartyModel } from '../models.js';

const LINK_KINDS: Record<SdlLinkKind, OrganisationLinkKind> = LINK_KIND_OF_SDL;
/** Agreements and collaborations are the city's business: a representative cannot join their organisation to one (graph/model/links.ts). */
const REPRESENTATIVE_KINDS = new Set<SdlLinkKind>(REPRESENTATIVE_LINK_KINDS.map((k) => ORGANISATION_LINKS[k].sdl));

function linkEditor(ctx: GraphQLContext, organisationId: string, kind: SdlLinkKind) {
  const viewer = requireOrganisationEditor(ctx, organisationId);
  if (!EDITORS.includes(viewer.role) && !REPRESENTATIVE_KINDS.has(kind)) throw forbidden(`ändra organisationens ${kind}`);
  return viewer;
}

const byName = (x: AgreementPartyModel, y: AgreementPartyModel) => x.link.name.localeCompare(y.link.name, 'sv') || (x.link.id < y.link.id ? -1 : 1);

const editor = (ctx: GraphQLContext, what: string) => requireRole(ctx, EDITORS, what);
const fresh = (ctx: GraphQLContext, id: string) => ctx.store.organisations.get(id);

/** How many audit records a history query answers: `first` 1–100, 50 when not given. */
const historyLimit = (first: number | null | undefined) => intArg(first, 'first', 1, 100, 50);

export const mutationResolvers: Resolvers = {
  Query: {
    async organisationHistory(_, { id, first }, ctx) {
      requireOrganisationEditor(ctx, id);
      return accounts(ctx).audit.forEntity('Organisation', id, historyLimit(first));
    },
    // Agreements and collaborations are edited by editors only, so only they read who changed them (actor names are personal data).
    async agreementHistory(_, { id, first }, ctx) {
      editor(ctx, 'läsa avtalets historik');
      return accounts(ctx).audit.forEntity('Agreement', id, historyLimit(first));
    },
    async collaborationHistory(_, { id, first }, ctx) {
      editor(ctx, 'läsa samarbetets historik');
      return accounts(ctx).audit.forEntity('Collaboration', id, historyLimit(first));
    },
    async auditRecord(_, { id }, ctx) {
      editor(ctx, 'läsa ändringsloggen');
      return accounts(ctx).audit.get(id);
    },
    collaboration: async (_, { id }, { store }) => (await store.catalogue.collaborationsByIds([id])).get(id) ?? null,
  },
  Mutation: {
    // ---- organisations
    async createOrganisation(_, { input, reason }, ctx) {
      const viewer = editor(ctx, 'skapa organisationer');
      return attempt(async () => {
        const c = await accounts(ctx).editing.createOrganisation(stripNulls(input), actorOf(viewer), reason);
        return { organisation: c.value, auditId: c.auditId };
      }, { organisation: null, auditId: null });
    },
    async updateOrganisation(_, { id, input, reason }, ctx) {
      const viewer = requireOrganisationEditor(ctx, id);
      return attempt(async () => {
        // As for agreements: null clears an optional field (and is refused, by name, on a required one).
        const c = await accounts(ctx).editing.updateOrganisation(id, input, actorOf(viewer), reason);
        return { organisation: c.value, auditId: c.auditId };
      }, { organisation: null, auditId: null });
    },
    async deleteOrganisation(_, { id, version, reason }, ctx) {
      const viewer = editor(ctx, 'ta bort organisationer');
      return attempt(async () => {
        const c = await accounts(ctx).editing.deleteOrganisation(id, version, actorOf(viewer), reason);
        return { deletedId: c.value.id, auditId: c.auditId };
      }, { deletedId: null, auditId: null });
    },
    async setOrganisationLinks(_, { id, kind, targetIds, version, reason }, ctx) {
      const viewer = linkEditor(ctx, id, kind);
      return attempt(async () => {
        const c = await accounts(ctx).editing.setOrganisationLinks(LINK_KINDS[kind], { organisationId: id, targetIds, version }, actorOf(viewer), reason);
        return { organisation: await fresh(ctx, id), auditId: c.auditId };
      }, { organisation: null, auditId: null });
    },
    async addOrganisationLink(_, { id, kind, targetId, role, note, reason }, ctx) {
      const viewer = linkEditor(ctx, id, kind);
      return attempt(async () => {
        const c = await accounts(ctx).editing.addOrganisationLink(LINK_KINDS[kind], { organisationId: id, targetId, role: role ?? null, note: note ?? null }, actorOf(viewer), reason);
        return { organisation: await fresh(ctx, id), auditId: c.auditId };
      }, { organisation: null, auditId: null });
    },
    async removeOrganisationLink(_, { id, kind, targetId, reason }, ctx) {
      const viewer = linkEditor(ctx, id, kind);
      return attempt(async () => {
        const c = await accounts(ctx).editing.removeOrganisationLink(LINK_KINDS[kind], { organisationId: id, targetId }, actorOf(viewer), reason);
        return { organisation: await fresh(ctx, id), auditId: c.auditId };
      }, { organisation: null, auditId: null });
    },

    // ---- agreements
    async createAgreement(_, { input, reason }, ctx) {
      const viewer = editor(ctx, 'skapa avtal');
      return attempt(async () => {
        const data = stripNulls(input);
        const c = await accounts(ctx).editing.createAgreement({ ...data, parties: (input.parties ?? []).map((p) => ({ id: p.id, role: p.role ?? 'PARTY' })) }, actorOf(viewer), reason);
        return { agreement: c.value, auditId: c.auditId };
      }, { agreement: null, auditId: null });
    },
    // Updates of agreements and collaborations take the input as sent: a left-out field is absent
    // (unchanged), an explicit null clears it (refused for a required field by the validation).
    async updateAgreement(_, { id, input, reason }, ctx) {
      const viewer = editor(ctx, 'ändra avtal');
      return attempt(async () => {
        const c = await accounts(ctx).editing.updateAgreement(id, input, actorOf(viewer), reason);
        return { agreement: c.value, auditId: c.auditId };
      }, { agreement: null, auditId: null });
    },
    async deleteAgreement(_, { id, version, reason }, ctx) {
      const viewer = editor(ctx, 'ta bort avtal');
      return attempt(async () => {
        const c = await accounts(ctx).editing.deleteAgreement(id, version, actorOf(viewer), reason);
        return { deletedId: c.value.id, auditId: c.auditId };
      }, { deletedId: null, auditId: null });
    },
    async addAgreementParty(_, { agreementId, party, reason }, ctx) {
      const viewer = editor(ctx, 'ändra avtalets parter');
      return attempt(async () => {
        const c = await accounts(ctx).editing.addAgreementParty(agreementId, stripNulls(party), actorOf(viewer), reason);
        return { agreement: (await ctx.store.catalogue.agreementsByIds([agreementId])).get(agreementId) ?? null, auditId: c.auditId };
      }, { agreement: null, auditId: null });
    },
    async removeAgreementParty(_, { agreementId, partyId, reason }, ctx) {
      const viewer = editor(ctx, 'ändra avtalets parter');
      return attempt(async () => {
        const c = await accounts(ctx).editing.removeAgreementParty(agreementId, partyId, actorOf(viewer), reason);
        return { agreement: (await ctx.store.catalogue.agreementsByIds([agreementId])).get(agreementId) ?? null, auditId: c.auditId };
      }, { agreement: null, auditId: null });
    },

    // ---- public bodies
    async createPublicBody(_, { input, reason }, ctx) {
      const viewer = editor(ctx, 'skapa offentliga organ');
      return attempt(async () => {
        const c = await accounts(ctx).editing.createPublicBody(stripNulls(input), actorOf(viewer), reason);
        return { publicBody: c.value, auditId: c.auditId };
      }, { publicBody: null, auditId: null });
    },
    async updatePublicBody(_, { id, input, reason }, ctx) {
      const viewer = editor(ctx, 'ändra offentliga organ');
      return attempt(async () => {
        const c = await accounts(ctx).editing.updatePublicBody(id, input, actorOf(viewer), reason);
        return { publicBody: c.value, auditId: c.auditId };
      }, { publicBody: null, auditId: null });
    },

    // ---- collaborations
    async createCollaboration(_, { input, reason }, ctx) {
      const viewer = editor(ctx, 'skapa samarbeten');
      return attempt(async () => {
        const c = await accounts(ctx).editing.createCollaboration(stripNulls(input), actorOf(viewer), reason);
        return { collaboration: c.value, auditId: c.auditId };
      }, { collaboration: null, auditId: null });
    },
    async updateCollaboration(_, { id, input, reason }, ctx) {
      const viewer = editor(ctx, 'ändra samarbeten');
      return attempt(async () => {
        const c = await accounts(ctx).editing.updateCollaboration(id, input, actorOf(viewer), reason);
        return { collaboration: c.value, auditId: c.auditId };
      }, { collaboration: null, auditId: null });
    },
    async deleteCollaboration(_, { id, version, reason }, ctx) {
      const viewer = editor(ctx, 'ta bort samarbeten');
      return attempt(async () => {
        const c = await accounts(ctx).editing.deleteCollaboration(id, version, actorOf(viewer), reason);
        return { deletedId: c.value.id, auditId: c.auditId };
      }, { deletedId: null, auditId: null });
    },
    async addCollaborationParticipant(_, { collaborationId, participant, reason }, ctx) {
      const viewer = editor(ctx, 'ändra samarbetets deltagare');
      return attempt(async () => {
        const c = await accounts(ctx).editing.addParticipant(collaborationId, stripNulls(participant), actorOf(viewer), reason);
        return { collaboration: (await ctx.store.catalogue.collaborationsByIds([collaborationId])).get(collaborationId) ?? null, auditId: c.auditId };
      }, { collaboration: null, auditId: null });
    },
    async removeCollaborationParticipant(_, { collaborationId, participantId, reason }, ctx) {
      const viewer = editor(ctx, 'ändra samarbetets deltagare');
      return attempt(async () => {
        const c = await accounts(ctx).editing.removeParticipant(collaborationId, participantId, actorOf(viewer), reason);
        return { collaboration: (await ctx.store.catalogue.collaborationsByIds([collaborationId])).get(collaborationId) ?? null, auditId: c.auditId };
      }, { collaboration: null, auditId: null });
    },

    // ---- revert
    async revertChange(_, { auditId, reason }, ctx) {
      const viewer = editor(ctx, 'återställa ändringar');
      return attempt(async () => {
        const c = await accounts(ctx).editing.revert(auditId, actorOf(viewer), reason);
        return { entityType: c.value.entityType, entityId: c.value.entityId, auditId: c.auditId };
      }, { entityType: null, entityId: null, auditId: null });
    },
  },
  AuditRecord: {
    at: (r) => iso(r.at)!,
    before: (r) => (r.before === null ? null : JSON.stringify(r.before)),
    after: (r) => (r.after === null ? null : JSON.stringify(r.after)),
  },
  Collaboration: {
    version: (c) => c.version ?? 0,
    provenance: (c) => provenanceOf(c),
    participants: async (c, _, ctx) => [...(await ctx.collaborationParticipants.load(c.id))].sort(byName),
  },
};
