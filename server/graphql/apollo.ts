/** The Apollo server: schema from schema/*.graphql, resolvers, typed errors, no stack traces. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { resolvers } from './resolvers.js';
import { formatError } from './errors.js';
import type { GraphQLContext } from './context.js';
import { LIMITS, limitsPlugin } from './limits.js';
import { accountsPlugin } from '../auth/plugin.js';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema');

/** The SDL: every schema/*.graphql file, one domain per file, in name order (schema.graphql holds the base). */
export function readTypeDefs(): string[] {
  return fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
}

let executable: GraphQLSchema | null = null;

/** The SDL with its resolvers, built once per process: neither changes while it runs (tests start many servers). */
export function executableSchema(): GraphQLSchema {
  return (executable ??= makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers }));
}

export async function createApollo(): Promise<ApolloServer<GraphQLContext>> {
  const apollo = new ApolloServer<GraphQLContext>({
    schema: executableSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    parseOptions: { maxTokens: LIMITS.parserTokens },
    // Apollo's landing page loads Sandbox from a CDN; the local GraphiQL (server/http/graphiql.ts) replaces it.
    // The accounts plugin checks the CSRF token and rate-limits mutations (issue 7).
    // Apollo's cache-control plugin is off: the schema has no @cacheControl hints, so all it did was
    // answer `cache-control: no-store` (the HTTP handler says so itself), and its per-field hook made
    // Apollo wrap every resolver of the schema, a fixed cost on each field of every response.
    plugins: [limitsPlugin<GraphQLContext>(), accountsPlugin<GraphQLContext>(), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();
  return apollo;
}
