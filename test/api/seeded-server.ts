/** A running server (port 0) over a fresh embedded store seeded with the Stockholm graph, and a GraphQL client for it. */
import { tempStore, type TempStore } from '../helpers/store.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { seedIfEmpty } from '../../seeds/load/seed.js';
import { startServer, type RunningServer } from '../../server/app.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; reason?: string; [k: string]: unknown } }[];
}

export interface SeededServer {
  temp: TempStore;
  store: GraphStore;
  server: RunningServer;
  post<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: GraphQLResponse<T> }>;
  close(): Promise<void>;
}

export async function seededServer(options: { wrap?: (store: GraphStore) => GraphStore; requestTimeoutMs?: number } = {}): Promise<SeededServer> {
  const { wrap } = options;
  const temp = await tempStore();
  const base = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] });
  await seedIfEmpty(base.engine);
  const store = wrap ? wrap(base) : base;
  const server = await startServer(store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 2000, ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}) });
  return {
    temp,
    store,
    server,
    async post<T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      return { status: res.status, body: (await res.json()) as GraphQLResponse<T> };
    },
    async close() {
      await server.close();
      base.projections.close();
      await temp.cleanup();
    },
  };
}
