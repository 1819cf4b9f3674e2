/**
 * POST /graphql (and GET for queries) on the plain Node HTTP server: Apollo's
 * executeHTTPGraphQLRequest, with a body-size limit and a clear error for malformed JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphStore } from '../../graph/store.js';
import { createContext, type GraphQLContext } from '../graphql/context.js';
import { anonymousAuth, type AuthService } from '../auth/service.js';

export const MAX_BODY_BYTES = 256 * 1024;
/** How long one GraphQL request may take before the client gets a TIMEOUT error (REQUEST_TIMEOUT_MS). */
export const DEFAULT_TIMEOUT_MS = 15_000;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop collecting but let the rest arrive and be discarded, so the 413 reaches the client.
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(status === 413 ? { connection: 'close' } : {}), ...(status === 503 ? { 'retry-after': '5' } : {}) });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

const GRAPHQL_REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX']);

/** Errors about the GraphQL document or its variables, as opposed to a malformed HTTP request. */
function isGraphQLRequestError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
    return !!parsed.errors?.length && parsed.errors.every((e) => GRAPHQL_REQUEST_ERRORS.has(String(e.extensions?.code)));
  } catch {
    return false;
  }
}

export function graphqlHandler(apollo: ApolloServer<GraphQLContext>, store: GraphStore, authService?: AuthService, options: { timeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLarge) return sendError(res, 413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`, 'PAYLOAD_TOO_LARGE');
        throw error;
      }
      if ((headers.get('content-type') ?? '').includes('application/json')) {
        try {
          body = raw.length ? JSON.parse(raw) : undefined;
        } catch {
          return sendError(res, 400, 'The request body is not valid JSON.', 'BAD_REQUEST');
        }
      } else {
        body = raw;
      }
    }
    const lang = (headers.get('accept-language') ?? '').toLowerCase().startsWith('en') ? 'en' : 'sv';
    // Who is asking: the session cookie resolved to a viewer (server/auth/service.ts).
    const auth = authService ? await authService.forRequest(req) : anonymousAuth(req.socket.remoteAddress ?? 'unknown');
    const execution = apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: async () => createContext(store, lang, auth),
    });
    // The store cannot cancel a running query; the client gets a clear answer on time and the late
    // result is dropped.
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([execution, timedOut]).finally(() => clearTimeout(timer));
    if (result === 'timeout') {
      execution.catch(() => undefined);
      return sendError(res, 503, `The request took longer than ${timeoutMs} ms and was stopped. Narrow the query or try again.`, 'TIMEOUT');
    }
    for (const [k, v] of result.headers) res.setHeader(k, v);
    if (auth.setCookies.length) res.setHeader('set-cookie', auth.setCookies);
    // No GraphQL answer may be cached (the data changes with every edit, and answers to a session
    // depend on it); Apollo's cache-control plugin said the same before it was turned off (apollo.ts).
    res.setHeader('cache-control', 'no-store');
    res.statusCode = result.status ?? 200;
    // GraphQL over HTTP: a client that accepts only the legacy application/json gets its GraphQL
    // errors (parse, validation, variable coercion, limits) with 200, as the spec recommends;
    // application/graphql-response+json keeps the 4xx.
    // A request that is not a GraphQL request at all (no query, bad parameters: BAD_REQUEST) stays 400.
    if (res.statusCode === 400 && result.body.kind === 'complete' && (result.headers.get('content-type') ?? '').startsWith('application/json') && isGraphQLRequestError(result.body.string)) {
      res.statusCode = 200;
    }
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
