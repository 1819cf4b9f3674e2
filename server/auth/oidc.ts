/**
 * Sign-in through a city's OpenID Connect provider (OIDC_ISSUER, OIDC_CLIENT_ID,
 * OIDC_CLIENT_SECRET): GET /auth/oidc/login redirects there (authorization code flow with PKCE,
 * state and nonce); GET /auth/oidc/callback exchanges the code, matches the person to an
 * existing account (by subject, else by verified e-mail, which links the subject), and starts a
 * session like a password sign-in. Accounts are created by admins, never by the provider.
 *
 * The flow's state, PKCE verifier and nonce travel in a short-lived cookie sealed with a key the
 * deployment's servers share (server/auth/sealed.ts, graph/repo/secrets.ts), not in a server's
 * memory: the callback may land on any server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as client from 'openid-client';
import type { AuthService } from './service.js';
import { parseCookies, serializeCookie } from './cookies.js';
import { log } from '../log.js';
import { seal, unseal } from './sealed.js';
import { sendJson } from '../http/send-json.js';

const STATE_COOKIE = 'samverkan_oidc';
const PENDING_TTL_MS = 10 * 60_000;

interface Pending {
  state: string;
  verifier: string;
  nonce: string;
  expiresAt: number;
}

export function oidcRoutes(auth: AuthService, stateKey: () => Promise<string>) {
  const settings = auth.config.oidc;
  let configuration: Promise<client.Configuration> | null = null;

  const discover = () => {
    if (!settings) throw new Error('OIDC is not configured');
    const issuer = new URL(settings.issuer);
    configuration ??= client
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      });
    return configuration;
  };
  const redirectUri = (req: IncomingMessage) => settings?.redirectUrl ?? `${auth.config.publicUrl || `http://${req.headers.host}`}/auth/oidc/callback`;

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    try {
      if (!settings || (path !== '/auth/oidc/login' && path !== '/auth/oidc/callback')) return sendJson(res, 404, { error: 'not found', path });
      if (req.method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' });
      const config = await discover();
      const now = Date.now();
      const key = await stateKey();

      if (path === '/auth/oidc/login') {
        const state = client.randomState();
        const verifier = client.randomPKCECodeVerifier();
        const nonce = client.randomNonce();
        const sealed = seal({ state, verifier, nonce, expiresAt: now + PENDING_TTL_MS } satisfies Pending, key);
        const url = client.buildAuthorizationUrl(config, {
          redirect_uri: redirectUri(req),
          scope: 'openid email profile',
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
        });
        res.writeHead(302, {
          location: url.href,
          'set-cookie': serializeCookie(STATE_COOKIE, sealed, { secure: auth.config.cookieSecure, maxAgeSeconds: PENDING_TTL_MS / 1000, path: '/auth/oidc' }),
          'cache-control': 'no-store',
        });
        return void res.end();
      }

      // Callback: the state must be the one this browser was given, sealed by a server of this deployment, and fresh.
      const current = new URL(req.url ?? '/', redirectUri(req));
      const state = current.searchParams.get('state') ?? '';
      const cookie = parseCookies(req.headers.cookie).get(STATE_COOKIE);
      const p = cookie ? unseal<Pending>(cookie, key) : null;
      if (!state || !p || p.state !== state || p.expiresAt < now) return sendJson(res, 400, { error: 'the sign-in expired or did not start here: try again' });
      const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: p.verifier, expectedState: state, expectedNonce: p.nonce });
      const claims = tokens.claims();
      if (!claims?.sub) return sendJson(res, 400, { error: 'the identity provider sent no subject' });
      const subject = `${settings.issuer}|${claims.sub}`;
      let user = await auth.accounts.users.byOidcSubject(subject);
      // Only an address the provider says it verified (email_verified: true) finds an account; a missing claim is not a yes.
      if (!user && typeof claims['email'] === 'string' && claims['email_verified'] === true) {
        user = await auth.accounts.users.byEmail(claims['email']);
        if (user && !user.oidcSubject) await auth.accounts.users.linkOidc(user.id, subject);
        else if (user) user = null;
      }
      if (!user || user.disabled) return sendJson(res, 403, { error: 'no account for this person: ask an administrator to create one' });
      const requestAuth = await auth.forRequest(req);
      await auth.startSession(requestAuth, user);
      res.writeHead(302, {
        location: '/',
        'set-cookie': [...requestAuth.setCookies, serializeCookie(STATE_COOKIE, '', { secure: auth.config.cookieSecure, maxAgeSeconds: 0, path: '/auth/oidc' })],
        'cache-control': 'no-store',
      });
      res.end();
    } catch (error) {
      log('warn', 'oidc sign-in failed', { message: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 502, { error: 'sign-in through the identity provider failed' });
    }
  };
}
