/**
 * The HTTP server: one Node process, one port. Routes: /healthz, and (issue "GraphQL API")
 * /graphql, and the web app. Shutdown stops accepting, lets in-flight requests finish, then
 * closes the store.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphStore } from '../graph/store.js';
import { healthRoute } from './http/health.js';
import { graphqlHandler } from './http/graphql.js';
import { GRAPHIQL_PATH, isGraphiQLAsset, serveGraphiQLAsset, serveGraphiQLPage, wantsGraphiQL } from './http/graphiql.js';
import { exportRoute } from './http/export.js';
import { backupHandler } from './http/backup.js';
import { sharedSecret } from '../graph/repo/secrets.js';
import { createApollo } from './graphql/apollo.js';
import { loadWebHandler } from './http/web.js';
import { log } from './log.js';
import { AuthService } from './auth/service.js';
import { authConfig, type AuthConfig } from './auth/config.js';
import { accountsOver } from '../graph/repo/accounts.js';
import { oidcRoutes } from './auth/oidc.js';
import { importSessionsFor } from './graphql/import-sessions.js';
import { warmImportWorkers } from '../graph/io/import/worker-pool.js';
import { MailQueue } from './mail/queue.js';
import { smtpMailer } from './mail/mailer.js';
import { mailConfig } from './mail/config.js';

export interface RunningServer {
  url: string;
  /** Sign-in, sessions, passwords and outgoing mail of this server. */
  auth: AuthService;
  close(): Promise<void>;
}

export async function startServer(
  store: GraphStore,
  options: {
    port: number;
    host: string;
    shutdownGraceMs: number;
    requestTimeoutMs?: number;
    longRequestTimeoutMs?: number;
    auth?: Partial<AuthConfig>;
    mail?: MailQueue;
    warmImportWorker?: boolean;
    /** The token local commands present (server/control.ts); null: only admins' sessions may back up. */
    controlToken?: string | null;
    /**
     * A server already listening (server/http/preparing.ts answered 503 while the store opened):
     * it takes this app's handler instead of a new server being created and listening.
     */
    listening?: http.Server;
  },
): Promise<RunningServer> {
  const apollo = await createApollo();
  // Outgoing mail through SMTP_HOST (server/mail/config.ts); without it nothing is sent.
  const smtp = mailConfig();
  const mail = options.mail ?? new MailQueue(smtp ? smtpMailer(smtp) : null);
  const auth = new AuthService(accountsOver(store), { ...authConfig(), ...options.auth }, mail);
  const graphql = graphqlHandler(apollo, store, auth, { ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}), ...(options.longRequestTimeoutMs ? { longTimeoutMs: options.longRequestTimeoutMs } : {}) });
  let oidcKey: Promise<string> | null = null;
  const oidc = oidcRoutes(auth, () => (oidcKey ??= sharedSecret(store.engine, 'oidc-state').catch((error: unknown) => ((oidcKey = null), Promise.reject(error)))));
  const backup = backupHandler(store, auth, options.controlToken ?? null);
  const health = healthRoute(store);
  const exportHandler = exportRoute(store, { trustProxy: auth.config.trustProxy });
  // The import's worker thread starts now rather than when the first file arrives (npm start).
  if (options.warmImportWorker) warmImportWorkers();
  const web = await loadWebHandler();
  let internalOrigin = '';
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    // No page of this server may be framed (clickjacking); the web app's CSP says the same (svelte.config.js).
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('content-security-policy', "frame-ancestors 'none'");
    res.setHeader('x-content-type-options', 'nosniff');
    res.on('finish', () => log('info', 'request', { method: req.method, path: req.url?.split('?')[0], status: res.statusCode, ms: Math.round(performance.now() - started) }));
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return void health(req, res);
    if (path === GRAPHIQL_PATH || (path === '/graphql' && wantsGraphiQL(req))) return serveGraphiQLPage(req, res);
    if (path && isGraphiQLAsset(path)) return serveGraphiQLAsset(req, res);
    if (path?.startsWith('/auth/')) return void oidc(req, res, path);
    if (path === '/export') return void exportHandler(req, res);
    if (path === '/admin/backup') return void backup(req, res);
    if (path === '/graphql') {
      return void graphql(req, res).catch((error: unknown) => {
        log('error', 'graphql request failed', { message: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      });
    }
    if (web) return void web(req, res, internalOrigin);
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: 'not found', path }));
  };
  const server = options.listening ?? http.createServer();
  server.removeAllListeners('request');
  server.on('request', handle);
  server.keepAliveTimeout = 5_000;
  // Slow clients: headers within 10 s, the whole request within 30 s (the GraphQL timeout is separate).
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  if (!options.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  }
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  // The web app's SSR reaches /graphql here; a wildcard listen address is reached over loopback.
  internalOrigin = url.replace('0.0.0.0', '127.0.0.1').replace('[::]', '[::1]');

  return {
    url,
    auth,
    async close() {
      // Stop accepting; idle keep-alive sockets close now, busy ones after their response.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timeout = new Promise<void>((resolve) => setTimeout(() => resolve(server.closeAllConnections()), options.shutdownGraceMs).unref());
      await Promise.race([closed, timeout]);
      // An import still reading its file stops; one being written finishes (or rolls back) before the store can be closed.
      importSessionsFor(store.engine).cancelAll();
      await Promise.allSettled(importSessionsFor(store.engine).runningHere());
      await Promise.allSettled(auth.pendingResets);
      if (!options.mail) mail.close();
      await apollo.stop();
    },
  };
}
