/**
 * The running server for API and browser tests: the seeded store on the engine under test,
 * accounts of every role, the real HTTP server on a free port, and clients for it.
 */
import { afterAll, beforeAll } from 'vitest';
import { seededStore, type TempStore } from './store.js';
import type { GraphStore } from '../../graph/store.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { accountsOver, type Accounts } from '../../graph/repo/accounts.js';
import { fixtureHash } from './fixture-hash.js';
import type { AuthConfig } from '../../server/auth/config.js';
import { ACCOUNTS, SYSTEM } from './accounts.js';
import { whenStarted } from './when-started.js';
import { Client, type GraphQLResponse } from './client.js';
import type { MailQueue } from '../../server/mail/queue.js';

export interface TestServer {
  temp: TempStore;
  store: GraphStore;
  server: RunningServer;
  url: string;
  accounts: Accounts;
  /** E-mail addresses of the accounts, and the organisations the representative does and does not represent. */
  users: { admin: string; editor: string; editor2: string; rep: string; repOrg: string; otherOrg: string };
  client(): Client;
  signedIn(email: string): Promise<Client>;
  /** An anonymous request. */
  post<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: GraphQLResponse<T> }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  auth?: Partial<AuthConfig>;
  /** Wraps the store the server sees (to count or slow down statements). */
  wrap?: (store: GraphStore) => GraphStore;
  requestTimeoutMs?: number;
  projectionDebounceMs?: number;
  /** The server's outgoing mail (a queue over a test SMTP server); none is sent without it. */
  mail?: MailQueue;
  /** Start the import's worker thread with the server, as `npm start` does. */
  warmImportWorker?: boolean;
  /** The embedded engine's buffer pool (tests use 256 MB; one import of 100,000 rows, a single transaction, needs more). */
  bufferPoolBytes?: number;
}

/**
 * For the enclosing `describe`: a test server and a client signed in as its editor, started before
 * its tests and closed after them. Both are read when a test runs (as appForSuite's app is), so
 * suites do not each repeat the set-up and tear-down.
 */
export function serverForSuite(options: TestServerOptions = {}): { h: TestServer; editor: Client } {
  let h: TestServer | undefined;
  let editor: Client | undefined;
  beforeAll(async () => {
    h = await testServer(options);
    editor = await h.signedIn(h.users.editor);
  });
  afterAll(async () => {
    await h?.close();
  });
  return { h: whenStarted(() => h), editor: whenStarted(() => editor) };
}

export async function testServer(options: TestServerOptions = {}): Promise<TestServer> {
  const seeded = await seededStore({
    ...(options.projectionDebounceMs !== undefined ? { projectionDebounceMs: options.projectionDebounceMs } : {}),
    ...(options.bufferPoolBytes !== undefined ? { bufferPoolBytes: options.bufferPoolBytes } : {}),
  });
  try {
    const base = seeded.store;
    const accounts = accountsOver(base);
    // The seed's id for Stockholms Stadsmission (seeds/data/organisations.json).
    const repOrg = (await base.organisations.get('org:stockholms-stadsmission'))!.id;
    const otherOrg = (await base.organisations.list({}, { first: 2 })).nodes.map((o) => o.id).find((id) => id !== repOrg)!;
    const hash = await fixtureHash(ACCOUNTS.password);
    await accounts.users.create({ email: ACCOUNTS.admin.email, displayName: ACCOUNTS.admin.name, role: 'ADMIN' }, hash, SYSTEM);
    await accounts.users.create({ email: ACCOUNTS.editor.email, displayName: ACCOUNTS.editor.name, role: 'EDITOR' }, hash, SYSTEM);
    await accounts.users.create({ email: ACCOUNTS.editor2.email, displayName: ACCOUNTS.editor2.name, role: 'EDITOR' }, hash, SYSTEM);
    await accounts.users.create({ email: ACCOUNTS.representative.email, displayName: ACCOUNTS.representative.name, role: 'REPRESENTATIVE', organisationId: repOrg }, hash, SYSTEM);
    const store = options.wrap ? options.wrap(base) : base;
    const running = await startServer(store, {
      port: 0,
      host: '127.0.0.1',
      shutdownGraceMs: 2000,
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.mail ? { mail: options.mail } : {}),
      ...(options.warmImportWorker ? { warmImportWorker: true } : {}),
      // Plain http on loopback: the session cookie cannot be Secure here. Limits high enough not to
      // interfere; the tests of the limits set their own.
      auth: { cookieSecure: false, signInPerMinute: 10_000, mutationsPerMinute: 10_000, lockoutThreshold: 3, ...options.auth },
    });
    return {
      temp: seeded.temp,
      store,
      server: running,
      url: running.url,
      accounts,
      users: { admin: ACCOUNTS.admin.email, editor: ACCOUNTS.editor.email, editor2: ACCOUNTS.editor2.email, rep: ACCOUNTS.representative.email, repOrg, otherOrg },
      client: () => new Client(running.url),
      async signedIn(email: string) {
        const c = new Client(running.url);
        const r = await c.signIn(email);
        if (!r.body.data?.signIn.viewer) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(r.body)}`);
        return c;
      },
      post: <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => new Client(running.url).gql<T>(query, variables, { headers }),
      async close() {
        await running.close();
        await seeded.close();
      },
    };
  } catch (error) {
    await seeded.close();
    throw error;
  }
}
