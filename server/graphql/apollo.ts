/** The Apollo server: schema from schema/schema.graphql, resolvers, typed errors, no stack traces. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { resolvers } from './resolvers.js';
import { formatError } from './errors.js';
import type { GraphQLContext } from './context.js';

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema/schema.graphql');

export async function createApollo(): Promise<ApolloServer<GraphQLContext>> {
  const apollo = new ApolloServer<GraphQLContext>({
    typeDefs: fs.readFileSync(SCHEMA_FILE, 'utf8'),
    resolvers,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
  });
  await apollo.start();
  return apollo;
}
