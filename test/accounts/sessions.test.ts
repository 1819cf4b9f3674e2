/** Sign-in over HTTP: cookies, the viewer, session fixation, CSRF on mutations, brute force, rate limits. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, PASSWORD, testServer, type TestServer } from '../helpers/harness.js';
import { startServer } from '../../server/app.js';
import { throttleKey } from '../../graph/repo/throttles.js';
import { hashPassword, verifyPassword } from '../../server/auth/password.js';

const VIEWER = '{ viewer { id email role organisationId csrfToken } }';
const UPDATE = 'mutation ($id: ID!, $v: Int!, $d: String) { updateOrganisation(id: $id, input: {description: $d, version: $v}) { organisation { version description } errors { code field message } } }';

describe('sign-in and sessions', () => {
  let h: TestServer;
  beforeAll(async () => {
    h = await testServer();
  });
  afterAll(async () => h.close());

  it('hashes passwords with scrypt and verifies only the right one', async () => {
    const hash = await hashPassword('ett långt lösenord');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('ett långt lösenord', hash)).toBe(true);
    expect(await verifyPassword('ett långt lösenorD', hash)).toBe(false);
    expect(await hashPassword('ett långt lösenord')).not.toBe(hash);
  });

  it('signs in with an httpOnly SameSite=Lax cookie and shows the viewer with a CSRF token', async () => {
    const c = h.client();
    const r = await c.signIn(h.users.editor);
    expect(r.body.data!.signIn.errors).toEqual([]);
    const cookie = c.lastSetCookie.find((s) => s.startsWith('samverkan_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const v = await c.gql<{ viewer: { email: string; role: string; csrfToken: string } }>(VIEWER);
    expect(v.body.data!.viewer).toMatchObject({ email: h.users.editor, role: 'EDITOR' });
    expect(v.body.data!.viewer.csrfToken).toBe(c.csrf);
    expect(v.body.data!.viewer.csrfToken.length).toBeGreaterThan(30);
    // The store holds a hash of the cookie value, not the value.
    const value = c.cookie!.split('=')[1]!;
    expect(await h.accounts.sessions.find(value)).toBeNull();
  });

  it('makes cookies Secure (with the __Host- prefix) unless COOKIE_SECURE=false', async () => {
    const secure = await startServer(h.store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 1000, auth: { cookieSecure: true, signInPerMinute: 100 } });
    try {
      const res = await fetch(`${secure.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { id } } }', variables: { e: h.users.editor, p: PASSWORD } }),
      });
      const cookie = res.headers.getSetCookie()[0]!;
      expect(cookie).toMatch(/^__Host-samverkan_session=/);
      expect(cookie).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('refuses wrong passwords and unknown addresses alike, without setting a cookie', async () => {
    const c = h.client();
    const wrong = await c.signIn(h.users.editor2, 'fel lösenord här');
    const unknown = await c.signIn('nobody@stad.example', 'fel lösenord här');
    expect(wrong.body.data!.signIn).toMatchObject({ viewer: null, errors: [{ code: 'INVALID_CREDENTIALS' }] });
    expect(unknown.body.data!.signIn.errors[0]!.message).toBe(wrong.body.data!.signIn.errors[0]!.message);
    expect(c.cookie).toBeNull();
    expect((await c.gql<{ viewer: null }>(VIEWER)).body.data!.viewer).toBeNull();
    await h.accounts.throttles.clear(throttleKey(h.users.editor2, '127.0.0.1'));
  });

  it('rotates the session id at sign-in: a planted or earlier session id is not carried over (fixation)', async () => {
    const attacker = await h.signedIn(h.users.rep);
    const planted = attacker.cookie!;
    // The victim's browser carries the attacker's session cookie and signs in.
    const victim = h.client();
    victim.cookie = planted;
    await victim.signIn(h.users.editor);
    expect(victim.cookie).not.toBe(planted);
    const v = await victim.gql<{ viewer: { email: string } }>(VIEWER);
    expect(v.body.data!.viewer.email).toBe(h.users.editor);
    // The planted id is dead: it neither became the editor's session nor stays the attacker's.
    const old = h.client();
    old.cookie = planted;
    expect((await old.gql<{ viewer: unknown }>(VIEWER)).body.data!.viewer).toBeNull();
    // A forged cookie is not a session either.
    const forged = h.client();
    forged.cookie = 'samverkan_session=forged-value';
    expect((await forged.gql<{ viewer: unknown }>(VIEWER)).body.data!.viewer).toBeNull();
  });

  it('signs out: the cookie is cleared and the session is gone from the store', async () => {
    const c = await h.signedIn(h.users.editor);
    const cookie = c.cookie!;
    const out = await c.gql<{ signOut: boolean }>('mutation { signOut }');
    expect(out.body.data!.signOut).toBe(true);
    expect(c.lastSetCookie[0]).toMatch(/Max-Age=0/);
    const reuse = h.client();
    reuse.cookie = cookie;
    expect((await reuse.gql<{ viewer: unknown }>(VIEWER)).body.data!.viewer).toBeNull();
  });

  it('refuses a mutation from a cookie session without the right x-csrf-token, and changes nothing', async () => {
    const c = await h.signedIn(h.users.editor);
    const before = (await h.store.organisations.get(h.users.otherOrg))!;
    for (const csrf of [null, 'wrong-token', c.csrf!.slice(0, -1) + (c.csrf!.endsWith('A') ? 'B' : 'A')]) {
      const r = await c.gql(UPDATE, { id: before.id, v: before.version, d: 'CSRF-försök' }, { csrf });
      expect(r.status).toBe(403);
      expect(r.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CSRF' });
    }
    const after = (await h.store.organisations.get(h.users.otherOrg))!;
    expect(after.version).toBe(before.version);
    expect(after.description).toBe(before.description);
    // With the token the same mutation goes through.
    const ok = await c.gql<{ updateOrganisation: { organisation: { version: number }; errors: unknown[] } }>(UPDATE, { id: before.id, v: before.version, d: 'Med token' });
    expect(ok.body.data!.updateOrganisation.errors).toEqual([]);
    expect(ok.body.data!.updateOrganisation.organisation.version).toBe(before.version + 1);
    // Queries need no token.
    expect((await c.gql(VIEWER, {}, { csrf: null })).body.errors).toBeUndefined();
  });

  it("keeps Apollo's CSRF prevention: a simple (form-like) POST is refused", async () => {
    const c = await h.signedIn(h.users.editor);
    const res = await fetch(`${h.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie: c.cookie! }, body: JSON.stringify({ query: 'mutation { signOut }' }) });
    expect(res.status).toBe(400);
    expect((await c.gql<{ viewer: { email: string } }>(VIEWER)).body.data!.viewer.email).toBe(h.users.editor);
  });

  it('ends sessions when they expire', async () => {
    const short = await startServer(h.store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 1000, auth: { cookieSecure: false, sessionTtlMs: 300 } });
    try {
      const c = new Client(short.url);
      await c.signIn(h.users.editor);
      expect((await c.gql<{ viewer: { email: string } }>(VIEWER)).body.data!.viewer.email).toBe(h.users.editor);
      await new Promise((r) => setTimeout(r, 400));
      const after = await c.gql<{ viewer: unknown }>(VIEWER);
      expect(after.body.data!.viewer).toBeNull();
      expect(c.lastSetCookie[0]).toMatch(/Max-Age=0/);
    } finally {
      await short.close();
    }
  });

  it('rate limits sign-in attempts per address and mutations per user', async () => {
    const limited = await startServer(h.store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 1000, auth: { cookieSecure: false, signInPerMinute: 3, mutationsPerMinute: 5 } });
    try {
      const c = new Client(limited.url);
      const answers: { status: number; code: string | undefined }[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await c.signIn(`nobody${i}@stad.example`, 'fel lösenord här');
        answers.push({ status: r.status, code: r.body.data?.signIn.errors[0]?.code ?? r.body.errors?.[0]?.extensions?.code });
      }
      expect(answers.slice(0, 3)).toEqual(Array(3).fill({ status: 200, code: 'INVALID_CREDENTIALS' }));
      // Over the limit: HTTP 429 with Retry-After, as a GraphQL error naming the limit.
      expect(answers.slice(3)).toEqual(Array(2).fill({ status: 429, code: 'RATE_LIMITED' }));
      const e = await h.signedIn(h.users.editor);
      const client = new Client(limited.url);
      client.cookie = e.cookie;
      client.csrf = e.csrf;
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await client.gql('mutation ($id: ID!) { requestContactVerification(organisationId: $id) { errors { code } } }', { id: h.users.otherOrg })).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      const last = await client.gql('mutation ($id: ID!) { requestContactVerification(organisationId: $id) { errors { code } } }', { id: h.users.otherOrg });
      expect(last.body.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });

  it('holds an account to one write limit across servers: writes through two servers count together', async () => {
    const options = { port: 0, host: '127.0.0.1', shutdownGraceMs: 1000, auth: { cookieSecure: false, mutationsPerMinute: 4 } };
    const [a, b] = [await startServer(h.store, options), await startServer(h.store, options)];
    try {
      // A fresh account, so no earlier write of this minute counts.
      const signedIn = await h.signedIn(h.users.editor2);
      const through = (server: typeof a) => Object.assign(new Client(server.url), { cookie: signedIn.cookie, csrf: signedIn.csrf });
      const write = (c: Client) => c.gql('mutation ($id: ID!) { requestContactVerification(organisationId: $id) { errors { code } } }', { id: h.users.otherOrg });
      const [ca, cb] = [through(a), through(b)];
      // All within one minute window: the clock is set to the start of the next one (and runs on).
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      vi.setSystemTime(Math.ceil((Date.now() + 1) / 60_000) * 60_000 + 10);
      const statuses: number[] = [];
      for (const c of [ca, cb, ca, cb, ca]) statuses.push((await write(c)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      const last = await write(cb);
      expect(last.status).toBe(429);
      expect(last.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'RATE_LIMIT_MUTATIONS_PER_MINUTE' });
    } finally {
      vi.useRealTimers();
      await a.close();
      await b.close();
    }
  });
});
