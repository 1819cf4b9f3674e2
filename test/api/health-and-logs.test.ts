/**
 * /healthz answers within its budget whatever the store does (busy while a commit holds reads,
 * 503 when the store fails), and logs never hold a secret: link tokens, passwords and cookies are
 * redacted wherever they appear.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { testServer, type TestServer } from '../helpers/harness.js';
import { redact } from '../../server/log.js';
import { ANSWER_MS } from '../../server/http/health.js';
import { stdoutDuring } from '../helpers/stdout.js';

describe('health and logs', () => {
  let h: TestServer;
  let slowReads = false;
  let failReads = false;
  beforeAll(async () => {
    h = await testServer({
      wrap: (store) => {
        const read = store.engine.read.bind(store.engine);
        store.engine.read = (async (work: Parameters<typeof read>[0]) => {
          if (failReads) throw new Error('the store is gone');
          if (slowReads) await new Promise((r) => setTimeout(r, 5 * ANSWER_MS));
          return read(work);
        }) as typeof read;
        return store;
      },
    });
  });
  afterAll(async () => h.close());

  it('says ok, busy within its budget while the store is slow, and 503 when it fails', async () => {
    const ok = await fetch(`${h.url}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok' });
    slowReads = true;
    const t = performance.now();
    const busy = await fetch(`${h.url}/healthz`);
    expect(performance.now() - t).toBeLessThan(ANSWER_MS + 1_000);
    expect(busy.status).toBe(200);
    expect(await busy.json()).toMatchObject({ status: 'busy' });
    // The store's ping is still unanswered: the next answer knows it is busy without waiting again.
    const again = await fetch(`${h.url}/healthz`);
    const body = (await again.json()) as { status: string; ms: number };
    expect(body.status).toBe('busy');
    expect(body.ms).toBeLessThan(ANSWER_MS);
    slowReads = false;
    // The slow ping ends before the store is asked again.
    await new Promise((r) => setTimeout(r, 6 * ANSWER_MS));
    failReads = true;
    const failed = await fetch(`${h.url}/healthz`);
    failReads = false;
    expect(failed.status).toBe(503);
  });

  it('redacts tokens, passwords and cookies in log fields and text', () => {
    expect(redact({ url: 'https://x/contact/verify?token=abc123&x=1', password: 'hemlis', nested: { csrfToken: 't', note: 'see ?token=zzz' } })).toEqual({
      url: 'https://x/contact/verify?token=[redacted]&x=1',
      password: '[redacted]',
      nested: { csrfToken: '[redacted]', note: 'see ?token=[redacted]' },
    });
  });

  it('never writes a verification link’s token to the log', async () => {
    // The line is written at info level: whatever LOG_LEVEL the run has, this test reads it.
    vi.stubEnv('LOG_LEVEL', 'info');
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    let token = '';
    const text = await stdoutDuring(async () => {
      const editor = await h.signedIn(h.users.editor);
      const r = await editor.gql<{ requestContactVerification: { link: { token: string; url: string } } }>(
        'mutation ($id: ID!) { requestContactVerification(organisationId: $id) { link { token url } } }',
        { id: h.users.otherOrg },
      );
      token = r.body.data!.requestContactVerification.link.token;
    });
    expect(token.length).toBeGreaterThan(20);
    expect(text).toContain('contact verification link');
    expect(text).not.toContain(token);
  });
});
