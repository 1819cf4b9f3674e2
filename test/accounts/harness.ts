/**
 * A seeded store served over real HTTP (port 0), with accounts of every role, and a client that
 * keeps its cookies and CSRF token like the web app does.
 */
import { tempStore, type TempStore } from '../helpers/store.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { seedIfEmpty } from '../../seeds/load/seed.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { accountsOver, type Accounts } from '../../graph/repo/accounts.js';
import { hashPassword } from '../../server/auth/password.js';
import type { AuthConfig } from '../../server/auth/config.js';

export const PASSWORD = 'korrekt-häst-batteri-häftstift';
export const SYSTEM = { id: 'system:test', displayName: 'Test' };

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string; reason?: string } }[];
}

export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  lastSetCookie: string[] = [];
  constructor(readonly url: string) {}

  async gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, options: { csrf?: string | null; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (this.cookie) headers['cookie'] = this.cookie;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(`${this.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const c of this.lastSetCookie) {
      const [pair] = c.split(';');
      const [name, value] = pair!.split('=');
      if (name === 'samverkan_session') this.cookie = value ? `${name}=${value}` : null;
    }
    return { status: res.status, body: (await res.json()) as GraphQLResponse<T> };
  }

  async signIn(email: string, password = PASSWORD) {
    const r = await this.gql<{ signIn: { viewer: { csrfToken: string; role: string } | null; errors: { code: string; message: string }[] } }>(
      'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { id role csrfToken } errors { field message code } } }',
      { e: email, p: password },
    );
    this.csrf = r.body.data?.signIn.viewer?.csrfToken ?? this.csrf;
    return r;
  }
}

export interface Harness {
  temp: TempStore;
  store: GraphStore;
  server: RunningServer;
  accounts: Accounts;
  users: { admin: string; editor: string; editor2: string; rep: string; repOrg: string; otherOrg: string };
  client(): Client;
  signedIn(email: string): Promise<Client>;
  close(): Promise<void>;
}

export async function startHarness(auth: Partial<AuthConfig> = {}): Promise<Harness> {
  const temp = await tempStore();
  const store = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] });
  await seedIfEmpty(store.engine);
  const accounts = accountsOver(store);
  const page = await store.organisations.list({}, { first: 2 });
  const [repOrg, otherOrg] = page.nodes.map((o) => o.id) as [string, string];
  const hash = await hashPassword(PASSWORD);
  const users = { admin: 'admin@stad.example', editor: 'editor@stad.example', editor2: 'editor2@stad.example', rep: 'rep@forening.example', repOrg, otherOrg };
  await accounts.users.create({ email: users.admin, displayName: 'Ada Admin', role: 'ADMIN' }, hash, SYSTEM);
  await accounts.users.create({ email: users.editor, displayName: 'Eda Editor', role: 'EDITOR' }, hash, SYSTEM);
  await accounts.users.create({ email: users.editor2, displayName: 'Edvin Editor', role: 'EDITOR' }, hash, SYSTEM);
  await accounts.users.create({ email: users.rep, displayName: 'Rita Representant', role: 'REPRESENTATIVE', organisationId: repOrg }, hash, SYSTEM);
  const server = await startServer(store, {
    port: 0,
    host: '127.0.0.1',
    shutdownGraceMs: 2000,
    auth: { cookieSecure: false, signInPerMinute: 10_000, mutationsPerMinute: 10_000, lockoutThreshold: 3, ...auth },
  });
  return {
    temp,
    store,
    server,
    accounts,
    users,
    client: () => new Client(server.url),
    async signedIn(email: string) {
      const c = new Client(server.url);
      const r = await c.signIn(email);
      if (!r.body.data?.signIn.viewer) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(r.body)}`);
      return c;
    },
    async close() {
      await server.close();
      store.projections.close();
      await temp.cleanup();
    },
  };
}
