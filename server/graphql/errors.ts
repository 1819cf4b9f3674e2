/**
 * Errors as clients see them: a typed `extensions.code` and the field it is about; never a
 * stack trace or an engine message outside development.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphError, ValidationError } from '../../graph/errors.js';
import { AnalyticsInputError } from '../../graph/analytics/index.js';
import { log } from '../log.js';

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
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
    const code = original.code === 'NOT_FOUND' ? 'NOT_FOUND' : original.code === 'TOO_LARGE' ? 'QUERY_TOO_COMPLEX' : 'BAD_USER_INPUT';
    return { message: original.message, path: formatted.path, extensions: { code, field: original.field } };
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
