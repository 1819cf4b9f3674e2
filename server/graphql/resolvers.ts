/**
 * Resolvers: thin over the repositories (graph/repo) and the analytics (graph/analytics), one
 * module per domain in ./resolvers/, merged here; types generated from schema/*.graphql by
 * `npm run codegen`. A new domain adds its module to the list.
 */
import { GraphQLError, GraphQLScalarType, getNamedType, getNullableType, isNonNullType, isObjectType, type GraphQLResolveInfo } from 'graphql';
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
import { mergingResolvers } from './resolvers/merging.js';

const modules: Resolvers[] = [
  organisationResolvers,
  catalogueResolvers,
  suggestionResolvers,
  analyticsResolvers,
  scalarResolvers,
  accountResolvers,
  mutationResolvers,
  importResolvers,
  mergingResolvers,
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
      if (ctx.signal.aborted) return notStarted(info);
      return (resolve as (...a: unknown[]) => unknown)(parent, args, ctx, info);
    };
  }
  return parts;
}

const STOPPED = 'Stoppad innan den började: inget skrevs. The request was stopped before this change started; nothing of it was written.';

/**
 * The answer of a mutation field that did not start. A payload with `errors` says so there (its
 * other fields null), so that the fields that did write keep their answers: a GraphQL error in a
 * non-null payload would null the whole response. Other fields get the error.
 */
function notStarted(info: GraphQLResolveInfo): unknown {
  const type = getNullableType(info.returnType);
  const named = getNamedType(type);
  if (isObjectType(named) && named === type && 'errors' in named.getFields()) {
    const payload: Record<string, unknown> = {};
    for (const [name, f] of Object.entries(named.getFields())) {
      if (name === 'errors') payload[name] = [{ field: null, message: STOPPED, code: 'TIMEOUT' }];
      else if (!isNonNullType(f.type)) payload[name] = null;
      else if (getNamedType(f.type).name === 'Boolean') payload[name] = false;
      else return stoppedError(info);
    }
    return payload;
  }
  return stoppedError(info);
}

function stoppedError(info: GraphQLResolveInfo): GraphQLError {
  return new GraphQLError(STOPPED, { extensions: { code: 'TIMEOUT', field: info.path.key, written: false } });
}

export const resolvers: Resolvers = stoppable(merge(modules));
