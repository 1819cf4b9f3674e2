/**
 * Sign-in throttling over HTTP, behind a proxy (TRUST_PROXY=1, the client address from
 * X-Forwarded-For): failures count per e-mail and client address, so a stranger guessing from
 * one address never locks the owner out at another; the wait doubles and is capped; unknown
 * addresses are throttled and answered exactly like known ones, in the same time; the counters
 * live in the graph, so a second server on the same store sees them; over the per-address rate
 * limit the answer is HTTP 429 with Retry-After.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, testServer, type TestServer } from '../helpers/harness.js';
import { startServer } from '../../server/app.js';
import { throttles as throttleStatements } from '../../graph/cypher/statements/throttles.js';
import { throttleKey } from '../../graph/repo/throttles.js';
import { hashPassword } from '../../server/auth/password.js';

type SignIn = { signIn: { viewer: { id: string } | null; errors: { code: string; message: string; field: string | null }[] } };
const SIGN_IN = 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { id } errors { code field message } } }';

describe('sign-in throttling', () => {
  let h: TestServer;
  beforeAll(async () => {
    h = await testServer({ auth: { trustProxy: 1, lockoutThreshold: 3, lockoutBaseMs: 60_000, lockoutMaxMs: 3600_000, signInPerMinute: 10_000 } });
  });
  afterAll(async () => h.close());

  const from = (address: string, url = h.url) => ({
    async signIn(email: string, password: string) {
      const c = new Client(url);
      const r = await c.gql<SignIn>(SIGN_IN, { e: email, p: password }, { headers: { 'x-forwarded-for': address } });
      return { status: r.status, answer: r.body.data?.signIn, errors: r.body.errors, cookie: c.cookie };
    },
  });
  const lockOf = async (email: string, address: string) => (await h.store.engine.read((tx) => tx.run(throttleStatements.byId, { id: throttleKey(email, address) })))[0]?.throttle ?? null;

  it('throttles one address at one account, and lets the owner in from another', async () => {
    const attacker = from('198.51.100.7');
    for (let i = 0; i < 3; i++) expect((await attacker.signIn(h.users.editor, `gissning ${i}`)).answer!.errors[0]!.code).toBe('INVALID_CREDENTIALS');
    const locked = await attacker.signIn(h.users.editor, PASSWORD);
    expect(locked.answer).toMatchObject({ viewer: null, errors: [{ code: 'ACCOUNT_LOCKED' }] });
    expect(locked.cookie).toBeNull();
    // The owner, elsewhere, is not locked out.
    const owner = await from('203.0.113.20').signIn(h.users.editor, PASSWORD);
    expect(owner.answer!.errors).toEqual([]);
    expect(owner.answer!.viewer).not.toBeNull();
    // Only hashes are stored: neither address appears in the graph.
    const lock = (await lockOf(h.users.editor, '198.51.100.7'))!;
    expect(lock.failures).toBe(3);
    expect(lock.lockedUntil - Date.now()).toBeGreaterThan(50_000);
    expect(lock.lockedUntil - Date.now()).toBeLessThanOrEqual(60_000);
    expect(lock.id).not.toContain('198.51.100.7');
  });

  it('doubles the wait with each further failure, up to the maximum, never for ever', async () => {
    const address = '198.51.100.8';
    const key = throttleKey(h.users.editor2, address);
    for (let i = 0; i < 3; i++) await from(address).signIn(h.users.editor2, `fel ${i}`);
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      // Let the lock pass, then guess wrong again.
      await h.store.engine.write((tx) => tx.run(throttleStatements.lock, { id: key, lockedUntil: Date.now() - 1 }));
      await from(address).signIn(h.users.editor2, `fel igen ${round}`);
      waits.push(Math.round(((await lockOf(h.users.editor2, address))!.lockedUntil - Date.now()) / 60_000));
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
    // The right password after the lock passes clears the pair.
    await h.store.engine.write((tx) => tx.run(throttleStatements.lock, { id: key, lockedUntil: Date.now() - 1 }));
    expect((await from(address).signIn(h.users.editor2, PASSWORD)).answer!.errors).toEqual([]);
    expect(await lockOf(h.users.editor2, address)).toBeNull();
  });

  it('answers an unknown address exactly as a known one, wrong or throttled, in about the same time', async () => {
    const address = '198.51.100.9';
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(JSON.stringify((await from(address).signIn(h.users.admin, `fel ${i}`)).answer!.errors.map((e) => [e.code, e.field, e.message.replace(/\d+ s/g, 'N s')])));
      unknown.push(JSON.stringify((await from(address).signIn('finns-inte@stad.example', `fel ${i}`)).answer!.errors.map((e) => [e.code, e.field, e.message.replace(/\d+ s/g, 'N s')])));
    }
    expect(unknown).toEqual(known);
    expect(known.filter((k) => k.includes('ACCOUNT_LOCKED'))).toHaveLength(2);

    // Timing: every path costs one password check (scrypt), throttled or not, known or not.
    const median = async (email: string, addr: string) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await from(addr).signIn(email, 'fel lösenord här');
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[2]!;
    };
    // A known account with a password hashed at the production cost (the fixtures' hashes are cheaper).
    const timed = 'tidtagen@stad.example';
    await h.accounts.users.create({ email: timed, displayName: 'Tidtagen', role: 'EDITOR' }, await hashPassword(PASSWORD), { id: 'system:test', displayName: 'Test' });
    for (let i = 0; i < 3; i++) await from(address).signIn(timed, `fel ${i}`);
    const lockedKnown = await median(timed, address);
    const lockedUnknown = await median('finns-inte@stad.example', address);
    const open = await median('annan-okand@stad.example', '198.51.100.10');
    // A throttled answer without the check would take a few milliseconds against tens for one.
    for (const t of [lockedKnown, lockedUnknown]) expect(t / open, `${t} vs ${open}`).toBeGreaterThan(0.4);
  });

  it('keeps the counters in the graph: a second server on the same store sees the same lock', async () => {
    const address = '198.51.100.11';
    for (let i = 0; i < 3; i++) await from(address).signIn(h.users.admin, `fel på första ${i}`);
    const second = await startServer(h.store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 1000, auth: { cookieSecure: false, trustProxy: 1, lockoutThreshold: 3 } });
    try {
      expect((await from(address, second.url).signIn(h.users.admin, PASSWORD)).answer!.errors[0]!.code).toBe('ACCOUNT_LOCKED');
    } finally {
      await second.close();
    }
  });

  it('uses the address the proxy gave, not one the client wrote further left', async () => {
    const address = '198.51.100.12';
    for (let i = 0; i < 3; i++) await from(`10.9.9.${i}, ${address}`).signIn(h.users.editor, `fel ${i}`);
    expect((await from(address).signIn(h.users.editor, PASSWORD)).answer!.errors[0]!.code).toBe('ACCOUNT_LOCKED');
  });

  it('answers HTTP 429 with Retry-After over the per-address limit, naming it', async () => {
    const limited = await startServer(h.store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 1000, auth: { cookieSecure: false, trustProxy: 1, signInPerMinute: 2 } });
    try {
      const statuses: number[] = [];
      let last: Response | null = null;
      for (let i = 0; i < 4; i++) {
        last = await fetch(`${limited.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.13' },
          body: JSON.stringify({ query: SIGN_IN, variables: { e: `okand${i}@stad.example`, p: 'fel lösenord här' } }),
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await last!.json()) as { errors: { extensions: { code: string; limit: string } }[] };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'RATE_LIMIT_SIGNIN_PER_MINUTE' });
      // Another client address behind the same proxy has its own budget.
      const other = await fetch(`${limited.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.14' },
        body: JSON.stringify({ query: SIGN_IN, variables: { e: 'okand@stad.example', p: 'fel lösenord här' } }),
      });
      expect(other.status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
