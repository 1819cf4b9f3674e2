/**
 * Resolvers: thin over the repositories (graph/repo) and the analytics (graph/analytics), one
 * module per domain in ./resolvers/, merged here; types generated from schema/*.graphql by
 * `npm run codegen`. A new domain adds its module to the list.
 */
import { GraphQLError, GraphQLScalarType, type GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from './context.js';
import type { Resolvers } from './generated/resolvers.js';
import { organisationResolvers } from './resolvers/organisations.js';
import { catalogueResolvers } from './resolvers/catalogue.js';
import { suggestionResolvers } from './resolvers/suggestions.js';
import { analyticsResolvers } from './resolvers/analytics.js';
import { scalarResolvers } from './resolvers/scalars.js';
import { accountResolvers } from './resolvers/accounts.js';
import { mutationResolvers } from './resolvers/mutations.js';
import { importResolvers } from './resolvers/imports.js';

const modules: Resolvers[] = [
  organisationResolvers,
  catalogueResolvers,
  suggestionResolvers,
  analyticsResolvers,
  scalarResolvers,
  accountResolvers,
  mutationResolvers,
  importResolvers,
];

/** Merge the modules type by type; two modules resolving the same field is a programming error. */
function merge(parts: Resolvers[]): Resolvers {
  const out: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part as Record<string, Record<string, unknown>>)) {
      // A scalar's implementation is one object, not a map of field resolvers.
      if (fields instanceof GraphQLScalarType) {
        if (type in out) throw new Error(`two resolver modules implement the scalar ${type}`);
        out[type] = fields as never;
        continue;
      }
      const into = (out[type] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in into) throw new Error(`two resolver modules resolve ${type}.${field}`);
        into[field] = resolver;
      }
    }
  }
  return out as Resolvers;
}

/**
 * A request's mutation fields run one after another; once the request has been stopped (its time
 * is up), a field not yet started refuses to start, so the answer says exactly what was written.
 */
function stoppable(parts: Resolvers): Resolvers {
  const mutation = (parts as Record<string, Record<string, unknown>>)['Mutation'];
  if (!mutation) return parts;
  for (const [field, resolve] of Object.entries(mutation)) {
    if (typeof resolve !== 'function') continue;
    mutation[field] = (parent: unknown, args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
      if (ctx.signal.aborted) {
        throw new GraphQLError(`Stoppad innan den började: inget skrevs. The request was stopped before ${info.fieldName} started; nothing of it was written.`, {
          extensions: { code: 'TIMEOUT', field: info.path.key, written: false },
        });
      }
      return (resolve as (...a: unknown[]) => unknown)(parent, args, ctx, info);
    };
  }
  return parts;
}

export const resolvers: Resolvers = stoppable(merge(modules));
