/**
 * Who may do what, enforced in the API. Anonymous: public data only. EDITOR: edits everything.
 * REPRESENTATIVE: edits only their own organisation. ADMIN: everything an editor may, plus users,
 * imports and personal-data requests.
 */
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import type { Actor } from '../../graph/repo/actor.js';
import type { Role } from '../../graph/repo/users.js';
import type { Viewer } from './service.js';

interface HasAuth {
  auth: { viewer: Viewer | null };
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Logga in först. Sign in first.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(what: string): GraphQLError {
  return new GraphQLError(`Du har inte behörighet: ${what}. You may not do this.`, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

/** Over a rate limit: HTTP 429 with Retry-After, the limit named. */
export function rateLimited(retryAfterSeconds: number, limit: string): GraphQLError {
  return new GraphQLError(`För många försök: försök igen om ${retryAfterSeconds} s. Too many attempts: try again in ${retryAfterSeconds} s.`, {
    extensions: { code: 'RATE_LIMITED', limit, retryAfterSeconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
  });
}

/** Personal data of an organisation (its contact persons): for those who may edit it. */
export function mayReadPersonalData(ctx: HasAuth, organisationId: string): boolean {
  const viewer = ctx.auth.viewer;
  return !!viewer && (EDITORS.includes(viewer.role) || (viewer.role === 'REPRESENTATIVE' && viewer.organisationId === organisationId));
}

export function requireViewer(ctx: HasAuth): Viewer {
  if (!ctx.auth.viewer) throw unauthenticated();
  return ctx.auth.viewer;
}

export function requireRole(ctx: HasAuth, roles: readonly Role[], what: string): Viewer {
  const viewer = requireViewer(ctx);
  if (!roles.includes(viewer.role)) throw forbidden(what);
  return viewer;
}

export const EDITORS: readonly Role[] = ['EDITOR', 'ADMIN'];

/** Editors edit every organisation; a representative only the one they represent. */
export function requireOrganisationEditor(ctx: HasAuth, organisationId: string): Viewer {
  const viewer = requireViewer(ctx);
  if (EDITORS.includes(viewer.role)) return viewer;
  if (viewer.role === 'REPRESENTATIVE' && viewer.organisationId === organisationId) return viewer;
  throw forbidden(`ändra organisationen ${organisationId}`);
}

/**
 * Partnership suggestions are decided by editors, or by the representative of the organisation
 * the suggestions are for (it is their partner to choose); never about someone else's.
 */
export function requireSuggestionDecider(ctx: HasAuth, organisationId: string): Viewer {
  const viewer = requireViewer(ctx);
  if (EDITORS.includes(viewer.role)) return viewer;
  if (viewer.role === 'REPRESENTATIVE' && viewer.organisationId === organisationId) return viewer;
  throw forbidden(`besluta om partnerförslag för ${organisationId}`);
}

export function actorOf(viewer: Viewer): Actor {
  return { id: viewer.id, displayName: viewer.displayName };
}
