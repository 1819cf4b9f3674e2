/**
 * Checks every mutation before it runs: a request that carries a session cookie must echo the
 * session's CSRF token in `x-csrf-token` (SameSite=Lax and Apollo's csrfPrevention are the
 * other two layers), a request holds at most MAX_MUTATION_FIELDS mutation fields, and each of
 * them counts against the write limit, per user (per address when anonymous): a request whose
 * fields do not all fit in what is left is refused whole (HTTP 429), nothing of it runs.
 */
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { timingSafeEqual } from 'node:crypto';
import type { RequestAuth } from './service.js';
import { DOCUMENT_LIMITS } from '../graphql/document-limits.js';

/**
 * Mutations that do not act as the session's user: signing in (it replaces the session), a
 * verification or reset link (the token is the credential), asking for a reset link (for an address).
 */
const NO_CSRF = new Set(['signIn', 'confirmContactDetails', 'requestPasswordReset', 'resetPassword', '__typename']);

/**
 * Mutations that are bounded, cancellable work in a worker thread (reading a whole uploaded file):
 * they may run up to the long time limit instead of the usual one (server/http/graphql.ts).
 */
const LONG_RUNNING = new Set(['previewImport']);

/** Mutation fields one request may hold (checked first on the document, server/graphql/document-limits.ts). */
export const MAX_MUTATION_FIELDS = DOCUMENT_LIMITS.mutationFields;

/** The root fields of an operation, through inline fragments and fragment spreads, each occurrence (aliases included). */
export function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const out: string[] = [];
  const walk = (set: SelectionSetNode, seen: Set<string>) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.push(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) {
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet, new Set([...seen, s.name.value]));
      }
    }
  };
  walk(operation.selectionSet, new Set());
  return out;
}

/** Constant-time comparison of two tokens as bytes (a header of the right length with other characters is simply wrong). */
const same = (a: string, b: string) => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

export function accountsPlugin<C extends { auth: RequestAuth; request: { mutation: boolean; longRunning: boolean } }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          contextValue.request.mutation = true;
          const auth = contextValue.auth;
          const fields = rootFields(document, operation).filter((f) => f !== '__typename');
          contextValue.request.longRunning = fields.length > 0 && fields.every((f) => LONG_RUNNING.has(f));
          if (fields.length > MAX_MUTATION_FIELDS) {
            throw new GraphQLError(`En begäran får innehålla högst ${MAX_MUTATION_FIELDS} ändringar. A request may hold at most ${MAX_MUTATION_FIELDS} mutation fields (it has ${fields.length}).`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', reason: 'MUTATION_FIELDS', mutationFields: fields.length, maxMutationFields: MAX_MUTATION_FIELDS, http: { status: 400 } },
            });
          }
          if (auth.viewer && !fields.every((f) => NO_CSRF.has(f))) {
            if (!auth.csrfHeader || !same(auth.csrfHeader, auth.viewer.csrfToken)) {
              throw new GraphQLError('Saknad eller felaktig CSRF-token. Missing or wrong x-csrf-token header: read it from `viewer { csrfToken }`.', {
                extensions: { code: 'FORBIDDEN', reason: 'CSRF', http: { status: 403 } },
              });
            }
          }
          if (auth.service) {
            // Every field is a write: all of them fit in what is left of the minute, or none runs.
            // An account's writes are counted in the graph, the same on every server; a client
            // without an account is counted per address on each server.
            const points = Math.max(1, fields.length);
            let msBeforeNext = 0;
            if (auth.viewer) {
              const allowance = await auth.service.accounts.writes.take(`user:${auth.viewer.id}`, points, Math.max(1, auth.service.config.mutationsPerMinute));
              if (!allowance.taken) msBeforeNext = allowance.msBeforeNext;
            } else {
              try {
                await auth.service.mutationLimiter.consume(`ip:${auth.ip}`, points);
              } catch (error) {
                if (!(error instanceof RateLimiterRes)) throw error;
                msBeforeNext = error.msBeforeNext;
              }
            }
            if (msBeforeNext > 0) {
              const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
              throw new GraphQLError(`För många ändringar. Too many changes: try again in ${retryAfterSeconds} s.`, {
                extensions: { code: 'RATE_LIMITED', limit: 'RATE_LIMIT_MUTATIONS_PER_MINUTE', retryAfterSeconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
              });
            }
          }
        },
      };
    },
  };
}
