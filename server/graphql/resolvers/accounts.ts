/** Accounts: sign-in and -out, the viewer, users (ADMIN), contact freshness, contact persons, personal data (ADMIN). */
import type { Resolvers } from '../generated/resolvers.js';
import { GraphError, ValidationError } from '../../../graph/errors.js';
import { VerificationLinkError } from '../../../graph/repo/contacts.js';
import { publicUser, type Role } from '../../../graph/repo/users.js';
import type { GraphQLContext } from '../context.js';
import { actorOf, EDITORS, forbidden, mayReadPersonalData, rateLimited, requireOrganisationEditor, requireRole, requireViewer, unauthenticated } from '../../auth/policy.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import { RateLimited } from '../../auth/service.js';
import { ResetLinkError } from '../../../graph/repo/password-resets.js';
import { visibleChannels } from '../../../graph/model/contact-channels.js';
import { log } from '../../log.js';
import { iso } from './common.js';
import { sendVerificationRequests, verificationLink } from '../../mail/verification-requests.js';

export interface UserErrorShape {
  field: string | null;
  message: string;
  code: string;
}

/** Typed problems a user can fix become `errors` in the payload; anything else stays an error. */
export function userErrors(error: unknown): UserErrorShape[] {
  if (error instanceof ResetLinkError) return [{ field: 'token', message: error.message, code: `TOKEN_${error.reason === 'UNKNOWN' ? 'INVALID' : error.reason}` }];
  if (error instanceof VerificationLinkError) return [{ field: 'token', message: error.message, code: `TOKEN_${error.reason === 'UNKNOWN' ? 'INVALID' : error.reason}` }];
  if (error instanceof GraphError && error.code !== 'ENGINE_ERROR') {
    const problems = 'problems' in error && Array.isArray(error.problems) ? (error.problems as { field: string; message: string }[]) : null;
    if (problems?.length) return problems.map((p) => ({ field: p.field, message: p.message, code: error.code }));
    return [{ field: error.field ?? null, message: error.message, code: error.code }];
  }
  throw error;
}

type Nulls<T> = { [K in keyof T]: null };

export async function attempt<T extends object>(work: () => Promise<T>, empty: Nulls<T>): Promise<(T | Nulls<T>) & { errors: UserErrorShape[] }> {
  try {
    return { ...(await work()), errors: [] };
  } catch (error) {
    return { ...empty, errors: userErrors(error) };
  }
}

export const accounts = (ctx: GraphQLContext) => {
  const service = ctx.auth.service;
  if (!service) throw new Error('accounts are not configured on this server');
  return service.accounts;
};

const linkUrl = (ctx: GraphQLContext, token: string) => verificationLink(ctx.auth.service!.config.publicUrl, token);

export const accountResolvers: Resolvers = {
  Query: {
    viewer: (_, __, ctx) => ctx.auth.viewer,
    async users(_, __, ctx) {
      requireRole(ctx, ['ADMIN'], 'se användare');
      return (await accounts(ctx).users.list()).map(publicUser);
    },
    async staleContacts(_, { olderThanMonths, first, offset }, ctx) {
      requireRole(ctx, EDITORS, 'se inaktuella kontaktuppgifter');
      const months = olderThanMonths ?? 12;
      const n = first ?? 50;
      if (!Number.isInteger(months) || months < 0 || months > 600) throw new ValidationError([{ field: 'olderThanMonths', message: 'must be an integer from 0 to 600' }]);
      if (!Number.isInteger(n) || n < 0 || n > 100) throw new ValidationError([{ field: 'first', message: 'must be an integer from 0 to 100' }]);
      const page = await accounts(ctx).contacts.stale(months, n, Math.max(0, offset ?? 0));
      return { totalCount: page.totalCount, nodes: page.nodes };
    },
    async contactVerificationCheck(_, { token }, ctx) {
      try {
        const { token: t, organisation } = await accounts(ctx).contacts.inspect(token);
        return { request: { organisationId: organisation.id, organisationName: organisation.name, contact: organisation, expiresAt: iso(t.expiresAt)! }, problem: null };
      } catch (error) {
        if (error instanceof VerificationLinkError) return { request: null, problem: userErrors(error)[0]!.code };
        throw error;
      }
    },
    async passwordResetCheck(_, { token }, ctx) {
      try {
        await ctx.auth.service!.accounts.resets.check(token);
        return { problem: null };
      } catch (error) {
        if (error instanceof ResetLinkError) return { problem: userErrors(error)[0]!.code };
        throw error;
      }
    },
    async contactVerification(_, { token }, ctx) {
      try {
        const { token: t, organisation } = await accounts(ctx).contacts.inspect(token);
        return { organisationId: organisation.id, organisationName: organisation.name, contact: organisation, expiresAt: iso(t.expiresAt)! };
      } catch (error) {
        if (error instanceof VerificationLinkError) return null;
        throw error;
      }
    },
  },
  Mutation: {
    async signIn(_, { email, password }, ctx) {
      const result = await limited(() => ctx.auth.service!.signIn(ctx.auth, email, password));
      if (result.ok) return { viewer: result.viewer, errors: [] };
      return { viewer: null, errors: [{ field: result.code === 'INVALID_CREDENTIALS' ? 'password' : null, message: result.message, code: result.code }] };
    },
    async changePassword(_, { currentPassword, newPassword }, ctx) {
      requireViewer(ctx);
      return attempt(async () => ({ viewer: await ctx.auth.service!.changePassword(ctx.auth, currentPassword, newPassword) }), { viewer: null });
    },
    async requestPasswordReset(_, { email }, ctx) {
      await limited(() => ctx.auth.service!.requestPasswordReset(ctx.auth, email, ctx.lang));
      return true;
    },
    async resetPassword(_, { token, newPassword }, ctx) {
      return limited(() =>
        attempt(async () => {
          await ctx.auth.service!.resetPassword(ctx.auth, token, newPassword);
          return { done: true };
        }, { done: null }),
      ).then((r) => ({ ...r, done: r.done ?? false }));
    },
    async signOut(_, __, ctx) {
      await ctx.auth.service!.signOut(ctx.auth);
      return true;
    },
    async createUser(_, { input }, ctx) {
      const viewer = requireRole(ctx, ['ADMIN'], 'skapa användare');
      return attempt(async () => {
        const { password, ...rest } = input;
        if (password !== null && password !== undefined) {
          const problem = passwordProblem(password);
          if (problem) throw new ValidationError([{ field: 'input.password', message: problem }]);
        }
        const hash = password ? await hashPassword(password) : null;
        return { user: publicUser(await accounts(ctx).users.create(rest, hash, actorOf(viewer))) };
      }, { user: null });
    },
    async setRole(_, { userId, role, organisationId }, ctx) {
      const viewer = requireRole(ctx, ['ADMIN'], 'ändra roller');
      // An admin cannot demote themself (the last admin would lock everyone out of user management).
      if (userId === viewer.id && role !== 'ADMIN') return { user: null, errors: [{ field: 'userId', message: 'you cannot change your own role', code: 'BAD_USER_INPUT' }] };
      return attempt(async () => ({ user: publicUser(await accounts(ctx).users.update(userId, { role: role as Role, organisationId: organisationId ?? null }, actorOf(viewer))) }), { user: null });
    },
    async disableUser(_, { userId, disabled }, ctx) {
      const viewer = requireRole(ctx, ['ADMIN'], 'stänga av konton');
      if (userId === viewer.id && disabled !== false) return { user: null, errors: [{ field: 'userId', message: 'you cannot disable your own account', code: 'BAD_USER_INPUT' }] };
      return attempt(async () => ({ user: publicUser(await accounts(ctx).users.update(userId, { disabled: disabled ?? true }, actorOf(viewer))) }), { user: null });
    },
    async requestContactVerification(_, { organisationId }, ctx) {
      const viewer = requireRole(ctx, EDITORS, 'skicka bekräftelselänkar');
      return attempt(async () => {
        const { value } = await accounts(ctx).contacts.requestVerification(organisationId, actorOf(viewer));
        const url = linkUrl(ctx, value.token);
        // The link is returned to the editor; the log says one was made, never its token.
        log('info', 'contact verification link', { organisationId, expiresAt: iso(value.expiresAt) });
        return { link: { organisationId, url, token: value.token, expiresAt: iso(value.expiresAt)! } };
      }, { link: null });
    },
    async sendContactVerifications(_, { organisationIds }, ctx) {
      const viewer = requireRole(ctx, EDITORS, 'skicka bekräftelsebegäran');
      const service = ctx.auth.service!;
      return attempt(
        async () => ({
          results: await sendVerificationRequests(ctx.store, accounts(ctx).contacts, service.mail, organisationIds, actorOf(viewer), { publicUrl: service.config.publicUrl, lang: ctx.lang }),
        }),
        { results: null },
      );
    },
    async confirmContactDetails(_, { token, corrections }, ctx) {
      return attempt(async () => ({ organisation: (await accounts(ctx).contacts.confirm(token, stripNulls(corrections ?? {}))).value }), { organisation: null });
    },
    async addContactPerson(_, { organisationId, input, reason }, ctx) {
      const viewer = requireOrganisationEditor(ctx, organisationId);
      return attempt(async () => {
        const c = await accounts(ctx).contacts.addPerson(organisationId, input, actorOf(viewer), reason);
        return { contactPerson: c.value, auditId: c.auditId };
      }, { contactPerson: null, auditId: null });
    },
    async updateContactPerson(_, { id, input, reason }, ctx) {
      const viewer = requireViewer(ctx);
      const current = await accounts(ctx).contacts.person(id);
      if (current) requireOrganisationEditor(ctx, current.organisationId);
      else requireRole(ctx, EDITORS, 'ändra kontaktpersoner');
      return attempt(async () => {
        const c = await accounts(ctx).contacts.updatePerson(id, stripNulls(input), actorOf(viewer), reason);
        return { contactPerson: c.value, auditId: c.auditId };
      }, { contactPerson: null, auditId: null });
    },
    async removeContactPerson(_, { id, version, reason }, ctx) {
      const viewer = requireViewer(ctx);
      const current = await accounts(ctx).contacts.person(id);
      if (current) requireOrganisationEditor(ctx, current.organisationId);
      else requireRole(ctx, EDITORS, 'ta bort kontaktpersoner');
      return attempt(async () => {
        const c = await accounts(ctx).contacts.removePerson(id, version, actorOf(viewer), reason);
        return { contactPerson: null, auditId: c.auditId };
      }, { contactPerson: null, auditId: null });
    },
    async exportPersonalData(_, { email }, ctx) {
      const viewer = requireRole(ctx, ['ADMIN'], 'lämna ut personuppgifter');
      const data = await accounts(ctx).personalData.export(email, actorOf(viewer));
      return { email: data.email, exportedAt: iso(data.exportedAt)!, data: JSON.stringify(data) };
    },
    async erasePersonalData(_, { email, reason }, ctx) {
      const viewer = requireRole(ctx, ['ADMIN'], 'radera personuppgifter');
      return accounts(ctx).personalData.erase(email, actorOf(viewer), reason);
    },
  },
  User: {
    role: (u) => u.role as Role,
    disabled: (u) => u.disabled ?? false,
    // Accounts are not locked as a whole any more (graph/repo/throttles.ts).
    lockedUntil: () => null,
    oidc: (u) => !!u.oidcSubject,
    createdAt: (u) => iso(u.createdAt),
    lastSignInAt: (u) => (u.lastSignInAt ? iso(u.lastSignInAt) : null),
  },
  Organisation: {
    // E-mail and phone may be a person's: without an account only the functional ones (graph/model/contact-channels.ts).
    contact: (o, _, ctx) => ({ ...o, ...visibleChannels(o, !!ctx.auth.viewer) }),
    async contactPersons(o, _, ctx) {
      // Personal data: for those who may edit the organisation.
      if (!ctx.auth.viewer) throw unauthenticated();
      if (!mayReadPersonalData(ctx, o.id)) throw forbidden(`läsa kontaktpersoner för ${o.id}`);
      return accounts(ctx).contacts.persons(o.id);
    },
  },
  OrganisationContact: {
    verifiedAt: (o) => iso(o.contactVerifiedAt),
  },
  StaleContact: {
    organisation: (o) => o,
    verifiedAt: (o) => iso(o.contactVerifiedAt),
  },
};

/** A rate-limited attempt as the HTTP 429 GraphQL error. */
async function limited<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RateLimited) throw rateLimited(error.retryAfterSeconds, error.limit);
    throw error;
  }
}

/** GraphQL sends null for "leave as is" in optional input fields; the repositories read undefined as that. */
export function stripNulls<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as never;
}
