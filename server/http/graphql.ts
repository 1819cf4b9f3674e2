/**
 * POST /graphql (and GET for queries) on the plain Node HTTP server: Apollo's
 * executeHTTPGraphQLRequest, with a body-size limit, a clear error for malformed JSON, the
 * nesting of the query text and the variables checked before anything recurses over them
 * (document-limits.ts), and a time limit.
 *
 * When the time is up the request's signal aborts. A query is answered TIMEOUT at once (it
 * writes nothing; its late result is dropped). A mutation is not: its fields run one after
 * another, those not yet started refuse to start (TIMEOUT, nothing written), the one running
 * finishes, and the client gets the true answer: which fields wrote and which did not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphStore } from '../../graph/store.js';
import { GraphQLError } from 'graphql';
import { createContext, type GraphQLContext } from '../graphql/context.js';
import { anonymousAuth, type AuthService } from '../auth/service.js';
import { checkQuery, checkVariables } from '../graphql/document-limits.js';
import { LIMITS } from '../graphql/limits.js';

export const MAX_BODY_BYTES = 256 * 1024;
/** How long one GraphQL request may take before the client gets a TIMEOUT error (REQUEST_TIMEOUT_MS). */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** How long a long-running request (an import preview, read in a worker thread) may take (IMPORT_PREVIEW_TIMEOUT_MS). */
export const DEFAULT_LONG_TIMEOUT_MS = 120_000;

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

/** A refusal of the request as GraphQL errors: 4xx for clients that accept graphql-response+json, 200 for legacy JSON-only ones (GraphQL over HTTP). */
function sendGraphQLError(req: IncomingMessage, res: ServerResponse, error: GraphQLError): void {
  const modern = (req.headers.accept ?? '').includes('application/graphql-response+json');
  const { http, ...extensions } = error.extensions as { http?: { status?: number } };
  res.writeHead(modern ? (http?.status ?? 400) : 200, { 'content-type': `${modern ? 'application/graphql-response+json' : 'application/json'}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions }] }));
}

/** The query text and variables of a request, as far as they can be found before Apollo reads them. */
function queryAndVariables(method: string | undefined, url: URL, body: unknown): { query: unknown; variables: unknown } {
  if (method === 'GET') {
    let variables: unknown = undefined;
    const raw = url.searchParams.get('variables');
    if (raw) {
      try {
        variables = JSON.parse(raw);
      } catch {
        // Apollo answers malformed variables itself.
      }
    }
    return { query: url.searchParams.get('query'), variables };
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) return { query: (body as { query?: unknown }).query, variables: (body as { variables?: unknown }).variables };
  return { query: undefined, variables: undefined };
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

export function graphqlHandler(apollo: ApolloServer<GraphQLContext>, store: GraphStore, authService?: AuthService, options: { timeoutMs?: number; longTimeoutMs?: number } = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const longTimeoutMs = Math.max(timeoutMs, options.longTimeoutMs ?? DEFAULT_LONG_TIMEOUT_MS);
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
    const { query, variables } = queryAndVariables(req.method, url, body);
    try {
      if (typeof query === 'string') checkQuery(query, LIMITS.parserTokens);
      if (variables !== undefined) checkVariables(variables);
    } catch (error) {
      if (error instanceof GraphQLError) return sendGraphQLError(req, res, error);
      throw error;
    }
    const lang = (headers.get('accept-language') ?? '').toLowerCase().startsWith('en') ? 'en' : 'sv';
    // Who is asking: the session cookie resolved to a viewer (server/auth/service.ts).
    const auth = authService ? await authService.forRequest(req) : anonymousAuth(req.socket.remoteAddress ?? 'unknown');
    // Stopped when the time is up or the client goes away before the answer.
    const stop = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) stop.abort();
    };
    res.once('close', onClose);
    const context = createContext(store, lang, auth, stop.signal);
    const execution = apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: async () => context,
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      // A long-running request (known once its operation is) gets the long limit instead.
      timer = setTimeout(() => (context.request.longRunning ? (timer = setTimeout(() => resolve('timeout'), longTimeoutMs - timeoutMs)) : resolve('timeout')), timeoutMs);
    });
    let result = await Promise.race([execution, timedOut]).finally(() => clearTimeout(timer));
    if (result === 'timeout') {
      stop.abort();
      if (!context.request.mutation) {
        // The store cannot cancel a running query; the client gets a clear answer on time and the late result is dropped.
        execution.catch(() => undefined);
        return sendError(res, 503, `The request took longer than ${context.request.longRunning ? longTimeoutMs : timeoutMs} ms and was stopped. Narrow the query or try again.`, 'TIMEOUT');
      }
      // A mutation's answer says what was written: the field running finishes, the rest refused to start.
      result = await execution;
    }
    res.off('close', onClose);
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
