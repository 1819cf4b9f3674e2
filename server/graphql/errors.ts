/**
 * Errors as clients see them: a typed `extensions.code` and the field it is about; never a
 * stack trace or an engine message outside development.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { GraphError, ValidationError } from '../../graph/errors.js';
import { AnalyticsInputError } from '../../graph/analytics/index.js';
import { log } from '../log.js';

/**
 * The error a resolver threw, as Apollo's unwrapResolverError finds it, but without `instanceof
 * GraphQLError`, which fails when graphql's CommonJS and ESM builds are both loaded.
 */
function unwrapResolverError(error: unknown): unknown {
  if (error && typeof error === 'object' && 'path' in error && (error as { path?: unknown }).path && 'originalError' in error && (error as { originalError?: unknown }).originalError) {
    return (error as { originalError: unknown }).originalError;
  }
  return error;
}

/**
 * A failure of the runtime itself somewhere in the error's chain (a stack overflow, a string or
 * array too long): its message says nothing a client can act on and must not reach one.
 */
function runtimeFailure(error: unknown): Error | null {
  let e = error;
  for (let depth = 0; depth < 8 && e && typeof e === 'object'; depth++) {
    if (e instanceof RangeError || (e instanceof Error && /Maximum call stack size|Invalid string length|Invalid array length|out of memory/i.test(e.message))) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const failure = runtimeFailure(error);
  if (failure) {
    log('error', 'runtime failure in a request', { message: failure.message, path: formatted.path });
    const code = formatted.extensions?.['code'];
    const keep = code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT';
    return keep
      ? { message: 'The request is too large or too deeply nested to be read.', path: formatted.path, extensions: { code } }
      : { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const original = unwrapResolverError(error);
  if (original instanceof ValidationError) {
    return { message: original.message, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field: original.field, problems: original.problems } };
  }
  if (original instanceof GraphError) {
    if (original.code === 'ENGINE_ERROR') {
      log('error', 'engine error', { message: original.message, path: formatted.path });
      return { message: 'The graph store could not answer. Try again; if it persists, tell the administrator.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    return { message: original.message, path: formatted.path, extensions: { code: original.code, field: original.field } };
  }
  if (original instanceof AnalyticsInputError) {
    // An unknown id in an argument is the caller's input error (named); an answer too large for an
    // interactive request is refused like an over-complex query, with the reason and the field to narrow.
    if (original.code === 'TOO_LARGE') {
      return { message: `${original.message} Narrow the ${original.field}.`, path: formatted.path, extensions: { code: 'QUERY_TOO_COMPLEX', reason: 'RESULT_TOO_LARGE', field: original.field } };
    }
    return { message: original.message, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field: original.field, ...(original.code === 'NOT_FOUND' ? { reason: 'UNKNOWN_ID' } : {}) } };
  }
  // Errors GraphQL and Apollo raised themselves (parse, validation, variable coercion) carry their own code.
  const ownCode = formatted.extensions?.['code'];
  if (original instanceof GraphQLError || (typeof ownCode === 'string' && ownCode !== 'INTERNAL_SERVER_ERROR') || !(original instanceof Error)) {
    const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  log('error', 'unexpected error', { message: original.message, stack: original.stack, path: formatted.path });
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
