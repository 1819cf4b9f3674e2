/**
 * The probes of accounts and personal data, against a running server behind a proxy
 * (TRUST_PROXY=1), with /healthz asked all along: a stranger's 30 wrong guesses at a known
 * account neither lock the owner out elsewhere nor tell known from unknown addresses; the sign-in
 * limit is per client behind the proxy and answers 429 with Retry-After; weak passwords are
 * refused; the last admin cannot be erased; contact persons are refused to anonymous callers and
 * to another organisation's representative; the importing admin's address never reaches a public
 * source; a missing email_verified claim is not a yes (test/accounts/oidc.test.ts runs the
 * provider); reset tokens never reach the log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, testServer, type TestServer } from '../helpers/harness.js';
import { INTERNAL, underWatch } from './helpers.js';
import { stdoutDuring } from '../helpers/stdout.js';

const SIGN_IN = 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { id } errors { code field message } } }';
type SignIn = { signIn: { viewer: { id: string } | null; errors: { code: string; field: string | null; message: string }[] } };

describe('hostile account requests', () => {
  let h: TestServer;
  beforeAll(async () => {
    h = await testServer({ auth: { trustProxy: 1, lockoutThreshold: 5, signInPerMinute: 40 } });
  });
  afterAll(async () => h.close());

  const from = (address: string) => ({
    async signIn(email: string, password: string) {
      const c = new Client(h.url);
      const r = await c.gql<SignIn>(SIGN_IN, { e: email, p: password }, { headers: { 'x-forwarded-for': address } });
      expect(r.status).toBeLessThan(500);
      return r;
    },
  });

  it('keeps the owner in while a stranger guesses, and answers known and unknown addresses alike', async () => {
    const stranger = from('203.0.113.66');
    const { result } = await underWatch(h.url, '30 guesses at a known and an unknown account', async () => {
      const known: string[] = [];
      const unknown: string[] = [];
      for (let i = 0; i < 15; i++) {
        known.push((await stranger.signIn(h.users.editor, `gissning ${i}`)).body.data!.signIn.errors[0]!.code);
        unknown.push((await stranger.signIn('ingen@stad.example', `gissning ${i}`)).body.data!.signIn.errors[0]!.code);
      }
      return { known, unknown };
    });
    expect(result.known).toEqual(result.unknown);
    expect(result.known.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(result.known.slice(5)).toEqual(Array(10).fill('ACCOUNT_LOCKED'));
    // The owner, from their own address, signs in at once.
    const owner = await from('198.51.100.5').signIn(h.users.editor, PASSWORD);
    expect(owner.body.data!.signIn.errors).toEqual([]);
  });

  it('limits sign-in per client behind the proxy: 429 with Retry-After, other clients unaffected', async () => {
    const statuses: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 45; i++) {
      const r = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' }, body: JSON.stringify({ query: SIGN_IN, variables: { e: `x${i}@stad.example`, p: 'fel lösenord här' } }) });
      statuses.push(r.status);
      if (r.status === 429) retry = r.headers.get('retry-after');
      await r.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 429).length).toBe(5);
    expect(Number(retry)).toBeGreaterThan(0);
    expect((await from('203.0.113.78').signIn('x@stad.example', 'fel lösenord här')).status).toBe(200);
  });

  it('refuses twelve spaces and password1234 as passwords, naming the field', async () => {
    const admin = await h.signedIn(h.users.admin);
    for (const password of ['            ', 'password1234']) {
      const r = await admin.gql<{ createUser: { user: null; errors: { field: string }[] } }>('mutation ($p: String!) { createUser(input: {email: "svag@stad.example", displayName: "Svag", role: EDITOR, password: $p}) { user { id } errors { field } } }', { p: password });
      expect(r.body.data!.createUser).toMatchObject({ user: null, errors: [{ field: 'input.password' }] });
    }
  });

  it('refuses to erase the last admin', async () => {
    const admin = await h.signedIn(h.users.admin);
    const r = await admin.gql('mutation ($e: String!) { erasePersonalData(email: $e) { usersErased } }', { e: h.users.admin });
    expect(r.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    expect(await h.accounts.users.byEmail(h.users.admin)).not.toBeNull();
  });

  it('refuses contact persons in bulk to anonymous callers and to another organisation’s representative', async () => {
    const editor = await h.signedIn(h.users.editor);
    await editor.gql('mutation ($id: ID!) { addContactPerson(organisationId: $id, input: {name: "Pia Person", email: "pia@forening.example", phone: "070-111 22 33", purpose: "Kontakt om samverkan"}) { errors { code } } }', { id: h.users.otherOrg });
    const BULK = '{ organisations(first: 100) { edges { node { contactPersons { name email phone } contact { email phone } } } } }';
    const anonymous = await h.post(BULK);
    const rep = await (await h.signedIn(h.users.rep)).gql(BULK);
    for (const r of [anonymous, rep]) {
      const text = JSON.stringify(r.body);
      expect(text).not.toContain('pia@forening.example');
      expect(text).not.toContain('070-111 22 33');
      expect(text).not.toMatch(INTERNAL);
    }
    expect(anonymous.body.errors!.every((e) => e.extensions!.code === 'UNAUTHENTICATED')).toBe(true);
    expect(rep.body.errors!.every((e) => e.extensions!.code === 'FORBIDDEN')).toBe(true);
  });

  it('never writes a reset link’s token to the log', async () => {
    const text = await stdoutDuring(async () => {
      await h.post('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: h.users.editor2 });
      await Promise.all(h.server.auth.pendingResets);
    });
    expect(text).toContain('mail not sent');
    expect(text).not.toMatch(/token=[\w-]{20,}/);
    expect(text).not.toMatch(/password\/reset\?token=(?!\[redacted\])/);
  });
});
