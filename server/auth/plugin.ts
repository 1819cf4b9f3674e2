/**
 * Checks every mutation before it runs: a request that carries a session cookie must echo the
 * session's CSRF token in `x-csrf-token` (SameSite=Lax and Apollo's csrfPrevention are the
 * other two layers), and mutations are rate limited per user (per address when anonymous).
 */
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { timingSafeEqual } from 'node:crypto';
import type { RequestAuth } from './service.js';

/** Mutations that do not act as the session's user: signing in (it replaces the session) and a verification link (the token is the credential). */
const NO_CSRF = new Set(['signIn', 'confirmContactDetails', '__typename']);

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '*'));
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function accountsPlugin<C extends { auth: RequestAuth }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const auth = contextValue.auth;
          const fields = rootFields(operation);
          if (auth.viewer && !fields.every((f) => NO_CSRF.has(f))) {
            if (!auth.csrfHeader || !same(auth.csrfHeader, auth.viewer.csrfToken)) {
              throw new GraphQLError('Saknad eller felaktig CSRF-token. Missing or wrong x-csrf-token header: read it from `viewer { csrfToken }`.', {
                extensions: { code: 'FORBIDDEN', reason: 'CSRF', http: { status: 403 } },
              });
            }
          }
          if (auth.service) {
            try {
              await auth.service.mutationLimiter.consume(auth.viewer ? `user:${auth.viewer.id}` : `ip:${auth.ip}`);
            } catch (error) {
              if (!(error instanceof RateLimiterRes)) throw error;
              const retryAfterSeconds = Math.ceil(error.msBeforeNext / 1000);
              throw new GraphQLError(`För många ändringar. Too many changes: try again in ${retryAfterSeconds} s.`, {
                extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
              });
            }
          }
        },
      };
    },
  };
}
