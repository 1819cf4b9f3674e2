/**
 * OIDC sign-in against a stand-in identity provider on loopback (discovery document, JWKS, token
 * endpoint signing RS256 ID tokens with node:crypto): the authorization code flow with PKCE,
 * state and nonce ends in a session for the account with that e-mail; an unknown person, a
 * wrong state, an address the provider did not say it verified and a disabled OIDC setup are refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testServer, type TestServer } from '../helpers/harness.js';
import { startServer, type RunningServer } from '../../server/app.js';

const b64 = (v: Buffer | string) => Buffer.from(v).toString('base64url');

function fakeProvider(email: () => string, verified: () => boolean | undefined = () => true) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; nonce: string }>();
  let issuer = '';
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      // Approve at once: remember the PKCE challenge and nonce for this code.
      const code = `code-${codes.size + 1}`;
      codes.set(code, { challenge: url.searchParams.get('code_challenge')!, nonce: url.searchParams.get('nonce')! });
      res.writeHead(302, { location: `${url.searchParams.get('redirect_uri')}?code=${code}&state=${url.searchParams.get('state')}` });
      return void res.end();
    }
    if (url.pathname === '/token') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      const grant = codes.get(form.get('code') ?? '');
      if (!grant || b64(createHash('sha256').update(form.get('code_verifier') ?? '').digest()) !== grant.challenge) return json(400, { error: 'invalid_grant' });
      codes.delete(form.get('code')!);
      const now = Math.floor(Date.now() / 1000);
      const header = b64(JSON.stringify({ alg: 'RS256', kid: 'k1', typ: 'JWT' }));
      const payload = b64(JSON.stringify({ iss: issuer, aud: 'samverkan', sub: `sub-${email()}`, email: email(), ...(verified() === undefined ? {} : { email_verified: verified() }), nonce: grant.nonce, iat: now, exp: now + 300 }));
      const signature = b64(sign('sha256', Buffer.from(`${header}.${payload}`), privateKey));
      return json(200, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: `${header}.${payload}.${signature}` });
    }
    json(404, {});
  });
  return {
    async start() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return issuer;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('OIDC sign-in', () => {
  let h: TestServer;
  let idp: ReturnType<typeof fakeProvider>;
  let app: RunningServer;
  /** A second server on the same store, as behind a load balancer. */
  let other: RunningServer;
  let who = '';
  let verified: boolean | undefined = true;

  beforeAll(async () => {
    h = await testServer();
    idp = fakeProvider(
      () => who,
      () => verified,
    );
    const issuer = await idp.start();
    const options = { port: 0, host: '127.0.0.1', shutdownGraceMs: 1000, auth: { cookieSecure: false, publicUrl: '', oidc: { issuer, clientId: 'samverkan', clientSecret: 'hemlis', redirectUrl: null } } };
    app = await startServer(h.store, options);
    other = await startServer(h.store, options);
  });
  afterAll(async () => {
    await app.close();
    await other.close();
    await idp.close();
    await h.close();
  });

  /** Follows the browser's redirects by hand, carrying the state cookie. */
  async function signInThroughProvider(tamperState = false, callbackTo = app.url) {
    const login = await fetch(`${app.url}/auth/oidc/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const stateCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const authorize = new URL(login.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const approved = await fetch(authorize, { redirect: 'manual' });
    let callback = approved.headers.get('location')!;
    if (tamperState) callback = callback.replace(/state=[^&]+/, 'state=forged');
    const at = new URL(callback);
    return fetch(`${callbackTo}${at.pathname}${at.search}`, { redirect: 'manual', headers: { cookie: stateCookie } });
  }

  it('signs in an existing account and links its subject', async () => {
    who = h.users.editor;
    const done = await signInThroughProvider();
    expect(done.status).toBe(302);
    const session = done.headers.getSetCookie().find((c) => c.startsWith('samverkan_session='))!;
    expect(session).toMatch(/HttpOnly/);
    const c = new Client(app.url);
    c.cookie = session.split(';')[0]!;
    const v = await c.gql<{ viewer: { email: string; role: string } }>('{ viewer { email role } }');
    expect(v.body.data!.viewer).toEqual({ email: h.users.editor, role: 'EDITOR' });
    expect((await h.accounts.users.byEmail(h.users.editor))!.oidcSubject).toMatch(/\|sub-editor@stad\.example$/);
  });

  it('refuses a person without an account and a callback whose state was not issued to this browser', async () => {
    who = 'okand@stad.example';
    expect((await signInThroughProvider()).status).toBe(403);
    who = h.users.editor;
    expect((await signInThroughProvider(true)).status).toBe(400);
  });

  it('finishes on another server than the one it started on (the state travels sealed in the cookie)', async () => {
    who = h.users.editor2;
    const done = await signInThroughProvider(false, other.url);
    expect(done.status).toBe(302);
    expect(done.headers.getSetCookie().some((c) => c.startsWith('samverkan_session='))).toBe(true);
  });

  it('refuses a state cookie that was changed or that no server of this deployment sealed', async () => {
    who = h.users.editor;
    const login = await fetch(`${app.url}/auth/oidc/login`, { redirect: 'manual' });
    const [name, value] = login.headers.getSetCookie()[0]!.split(';')[0]!.split('=') as [string, string];
    const approved = await fetch(new URL(login.headers.get('location')!), { redirect: 'manual' });
    const flipped = `${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;
    const tampered = await fetch(approved.headers.get('location')!, { redirect: 'manual', headers: { cookie: `${name}=${flipped}` } });
    expect(tampered.status).toBe(400);
  });

  it('finds an account by e-mail only when the provider says it verified the address', async () => {
    // An account no earlier test has linked to the provider.
    who = h.users.rep;
    for (const claim of [undefined, false]) {
      verified = claim;
      expect((await signInThroughProvider()).status).toBe(403);
      expect((await h.accounts.users.byEmail(h.users.rep))!.oidcSubject).toBeNull();
    }
    verified = true;
    expect((await signInThroughProvider()).status).toBe(302);
    expect((await h.accounts.users.byEmail(h.users.rep))!.oidcSubject?.endsWith(`|sub-${h.users.rep}`)).toBe(true);
  });

  it('has no OIDC routes when OIDC_ISSUER is not set', async () => {
    expect((await fetch(`${h.server.url}/auth/oidc/login`, { redirect: 'manual' })).status).toBe(404);
  });
});
