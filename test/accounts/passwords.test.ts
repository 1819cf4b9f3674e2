/**
 * Passwords over HTTP: the policy (12 characters, not blank, not a common password), changing
 * one's own (the current one required, every other session ended), and reset by an e-mailed
 * single-use link, sent through a real SMTP server started by the test and read from what it
 * received. Asking for a link answers the same for every address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, PASSWORD, type TestServer } from '../helpers/harness.js';
import { testSmtpServer, type TestSmtp } from '../helpers/smtp.js';
import { MailQueue } from '../../server/mail/queue.js';
import { smtpMailer } from '../../server/mail/mailer.js';
import { commonPasswords, passwordProblem } from '../../server/auth/password-policy.js';

type Errors = { code: string; field: string | null; message: string }[];
const CREATE = 'mutation ($i: CreateUserInput!) { createUser(input: $i) { user { id email } errors { code field message } } }';
const CHANGE = 'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { viewer { email csrfToken } errors { code field message } } }';
const REQUEST = 'mutation ($e: String!) { requestPasswordReset(email: $e) }';
const RESET = 'mutation ($t: String!, $n: String!) { resetPassword(token: $t, newPassword: $n) { done errors { code field message } } }';
const CHECK = 'query ($t: String!) { passwordResetCheck(token: $t) { problem } }';
const VIEWER = '{ viewer { email } }';

describe('passwords', () => {
  let h: TestServer;
  let smtp: TestSmtp;
  let mail: MailQueue;
  beforeAll(async () => {
    smtp = await testSmtpServer();
    mail = new MailQueue(smtpMailer(smtp.config), { backoffMs: () => 50 });
    h = await testServer({ mail, auth: { publicUrl: 'https://samverkan.stad.example' } });
  });
  afterAll(async () => {
    await h.close();
    mail.close();
    await smtp.close();
  });

  it('ships a list of common passwords and refuses short, blank and common ones', () => {
    expect(commonPasswords().size).toBeGreaterThan(40_000);
    expect(commonPasswords().has('password1234')).toBe(true);
    expect(passwordProblem('kort-lösen')).toBe('TOO_SHORT');
    expect(passwordProblem(' '.repeat(12))).toBe('BLANK');
    expect(passwordProblem('\t'.repeat(20))).toBe('BLANK');
    expect(passwordProblem('password1234')).toBe('COMMON');
    expect(passwordProblem('PASSWORD1234')).toBe('COMMON');
    expect(passwordProblem('qwertyuiopasdfgh')).toBe('COMMON');
    expect(passwordProblem('x'.repeat(257))).toBe('TOO_LONG');
    // Twelve characters counted as a person counts them (å is one).
    expect(passwordProblem('åäöåäöåäöåäö')).toBeNull();
    expect(passwordProblem(PASSWORD)).toBeNull();
  });

  it('refuses a new account with a blank, common or short password, naming the field', async () => {
    const admin = await h.signedIn(h.users.admin);
    for (const password of ['            ', 'password1234', 'elva tecken']) {
      const r = await admin.gql<{ createUser: { user: null; errors: Errors } }>(CREATE, { i: { email: 'ny@stad.example', displayName: 'Ny', role: 'EDITOR', password } });
      expect(r.body.data!.createUser.user).toBeNull();
      expect(r.body.data!.createUser.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    }
    expect(await h.accounts.users.byEmail('ny@stad.example')).toBeNull();
  });

  it('changes the own password: the current one is required, the policy holds, other sessions end', async () => {
    const me = await h.signedIn(h.users.editor2);
    const elsewhere = await h.signedIn(h.users.editor2);
    const wrong = await me.gql<{ changePassword: { viewer: null; errors: Errors } }>(CHANGE, { c: 'inte mitt lösenord', n: 'ett helt nytt lösenord' });
    expect(wrong.body.data!.changePassword.errors[0]).toMatchObject({ field: 'currentPassword' });
    const common = await me.gql<{ changePassword: { viewer: null; errors: Errors } }>(CHANGE, { c: PASSWORD, n: 'password1234' });
    expect(common.body.data!.changePassword.errors[0]).toMatchObject({ field: 'newPassword', message: expect.stringMatching(/common/) });
    const anonymous = await h.post(CHANGE, { c: PASSWORD, n: 'ett helt nytt lösenord' });
    expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    const oldCookie = me.cookie;
    const done = await me.gql<{ changePassword: { viewer: { email: string; csrfToken: string }; errors: Errors } }>(CHANGE, { c: PASSWORD, n: 'ett helt nytt lösenord' });
    expect(done.body.data!.changePassword.errors).toEqual([]);
    expect(done.body.data!.changePassword.viewer.email).toBe(h.users.editor2);
    // This browser got a new session; the other one was signed out.
    expect(me.cookie).not.toBe(oldCookie);
    me.csrf = done.body.data!.changePassword.viewer.csrfToken;
    expect((await me.gql<{ viewer: { email: string } }>(VIEWER)).body.data!.viewer.email).toBe(h.users.editor2);
    expect((await elsewhere.gql<{ viewer: null }>(VIEWER)).body.data!.viewer).toBeNull();
    expect((await h.client().signIn(h.users.editor2, PASSWORD)).body.data!.signIn.errors[0]!.code).toBe('INVALID_CREDENTIALS');
    expect((await h.client().signIn(h.users.editor2, 'ett helt nytt lösenord')).body.data!.signIn.errors).toEqual([]);
  });

  it('mails a single-use reset link to a known address, answers an unknown one the same, and the link sets a new password once', async () => {
    const before = smtp.messages.length;
    const known = await h.post<{ requestPasswordReset: boolean }>(REQUEST, { e: h.users.rep });
    const unknown = await h.post<{ requestPasswordReset: boolean }>(REQUEST, { e: 'ingen-alls@stad.example' });
    expect(known).toEqual(unknown);
    expect(known.body.data!.requestPasswordReset).toBe(true);
    await Promise.all(h.server.auth.pendingResets);
    const [message] = (await smtp.waitFor(before + 1)).slice(before);
    await mail.idle();
    expect(smtp.messages.length).toBe(before + 1);
    expect(message!.to).toEqual([h.users.rep]);
    expect(message!.subject).toMatch(/nytt lösenord/);
    const link = /https:\/\/samverkan\.stad\.example\/password\/reset\?token=([\w-]+)/.exec(message!.text);
    expect(link, message!.text).not.toBeNull();
    const token = decodeURIComponent(link![1]!);

    const session = await h.signedIn(h.users.rep);
    expect((await h.post<{ passwordResetCheck: { problem: string | null } }>(CHECK, { t: token })).body.data!.passwordResetCheck.problem).toBeNull();
    expect((await h.post<{ passwordResetCheck: { problem: string | null } }>(CHECK, { t: 'x'.repeat(43) })).body.data!.passwordResetCheck.problem).toBe('TOKEN_INVALID');
    const weak = await h.post<{ resetPassword: { done: boolean; errors: Errors } }>(RESET, { t: token, n: 'password1234' });
    expect(weak.body.data!.resetPassword).toMatchObject({ done: false, errors: [{ field: 'newPassword' }] });
    // A refused password does not use the link up.
    const ok = await h.post<{ resetPassword: { done: boolean; errors: Errors } }>(RESET, { t: token, n: 'återställt och nytt lösen' });
    expect(ok.body.data!.resetPassword).toEqual({ done: true, errors: [] });
    const again = await h.post<{ resetPassword: { done: boolean; errors: Errors } }>(RESET, { t: token, n: 'ännu ett nytt lösenord' });
    expect(again.body.data!.resetPassword).toMatchObject({ done: false, errors: [{ field: 'token', code: 'TOKEN_USED' }] });
    expect((await h.post<{ passwordResetCheck: { problem: string | null } }>(CHECK, { t: token })).body.data!.passwordResetCheck.problem).toBe('TOKEN_USED');
    // Every session of the account ended; the new password signs in, the old one does not.
    expect((await session.gql<{ viewer: null }>(VIEWER)).body.data!.viewer).toBeNull();
    expect((await h.client().signIn(h.users.rep, PASSWORD)).body.data!.signIn.errors[0]!.code).toBe('INVALID_CREDENTIALS');
    expect((await h.client().signIn(h.users.rep, 'återställt och nytt lösen')).body.data!.signIn.errors).toEqual([]);
    // The audit trail says a reset happened, without the token.
    const user = (await h.accounts.users.byEmail(h.users.rep))!;
    const records = await h.accounts.audit.forEntity('User', user.id);
    expect(records.map((r) => r.action)).toContain('RESET_PASSWORD');
    expect(JSON.stringify(records)).not.toContain(token);
  });

  it('sends at most a few links an hour to one account', async () => {
    const before = smtp.messages.length;
    for (let i = 0; i < 5; i++) expect((await h.post<{ requestPasswordReset: boolean }>(REQUEST, { e: h.users.editor })).body.data!.requestPasswordReset).toBe(true);
    await Promise.all(h.server.auth.pendingResets);
    await mail.idle();
    expect(smtp.messages.slice(before).filter((m) => m.to.includes(h.users.editor))).toHaveLength(3);
  });
});

