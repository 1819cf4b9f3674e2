/**
 * Outgoing mail through a real SMTP server started by the test: the message arrives with its
 * sender, recipient, subject and text over STARTTLS with authentication; a passing failure (421)
 * is retried until it is delivered; a refused recipient (550) bounces at once and is reported;
 * wrong credentials fail; without SMTP_HOST nothing is sent and the report says why.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MailQueue } from '../../server/mail/queue.js';
import { smtpMailer } from '../../server/mail/mailer.js';
import { mailConfig } from '../../server/mail/config.js';
import { passwordResetMessage } from '../../server/mail/messages.js';
import { testSmtpServer, type TestSmtp } from '../helpers/smtp.js';

describe('mail queue over SMTP', () => {
  let smtp: TestSmtp | null = null;
  let queue: MailQueue | null = null;
  afterEach(async () => {
    queue?.close();
    await smtp?.close();
    smtp = null;
    queue = null;
  });

  it('reads its settings from the environment, and sends nothing without SMTP_HOST', () => {
    expect(mailConfig({})).toBeNull();
    expect(() => mailConfig({ SMTP_HOST: 'smtp.stad.example' })).toThrow(/SMTP_FROM/);
    expect(mailConfig({ SMTP_HOST: 'smtp.stad.example', SMTP_FROM: 'Samverkan <s@stad.example>', SMTP_SECURE: 'true', SMTP_USER: 'u', SMTP_PASSWORD: 'p' })).toEqual({
      host: 'smtp.stad.example',
      port: 465,
      secure: true,
      requireTls: true,
      rejectUnauthorized: true,
      user: 'u',
      password: 'p',
      from: 'Samverkan <s@stad.example>',
    });
    expect(mailConfig({ SMTP_HOST: 'h', SMTP_FROM: 'f@x.se', SMTP_PORT: '2525', SMTP_REQUIRE_TLS: 'false' })).toMatchObject({ port: 2525, secure: false, requireTls: false });
    const off = new MailQueue(null);
    const job = off.enqueue({ kind: 'test', to: 'a@b.se', subject: 's', text: 't' });
    expect(job).toMatchObject({ state: 'FAILED', permanent: true, lastError: expect.stringMatching(/SMTP_HOST/) });
  });

  it('delivers a message over STARTTLS with authentication, as the test server receives it', async () => {
    smtp = await testSmtpServer();
    queue = new MailQueue(smtpMailer(smtp.config));
    const job = queue.enqueue(passwordResetMessage('anna@stad.example', 'http://127.0.0.1/password/reset?token=abc_DEF-123', 60, 'sv'));
    await queue.idle();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.from).toBe('samverkan@stad.example');
    expect(mail!.to).toEqual(['anna@stad.example']);
    expect(mail!.subject).toBe('Välj ett nytt lösenord till Samverkan');
    expect(mail!.text).toContain('http://127.0.0.1/password/reset?token=abc_DEF-123');
    expect(mail!.text).toContain('inom 60 minuter');
    expect(queue.job(job.id)).toMatchObject({ state: 'SENT', attempts: 1, lastError: null });
    expect(queue.job(job.id)!.messageId).toMatch(/@/);
  });

  it('retries after a passing failure until the message is delivered', async () => {
    smtp = await testSmtpServer({ failFirst: 2 });
    queue = new MailQueue(smtpMailer(smtp.config), { backoffMs: () => 50 });
    const job = queue.enqueue({ kind: 'test', to: 'bo@stad.example', subject: 'Försök igen', text: 'Tredje gången gillt' });
    await queue.idle();
    expect(queue.job(job.id)).toMatchObject({ state: 'SENT', attempts: 3 });
    expect((await smtp.waitFor(1))[0]!.text).toContain('Tredje gången gillt');
  });

  it('bounces a refused recipient at once, reports it, and goes on with the next message', async () => {
    smtp = await testSmtpServer({ refuse: (to) => to.startsWith('finns-inte') });
    queue = new MailQueue(smtpMailer(smtp.config), { backoffMs: () => 50 });
    const bounced = queue.enqueue({ kind: 'test', to: 'finns-inte@stad.example', subject: 'Studs', text: '...' });
    const sent = queue.enqueue({ kind: 'test', to: 'cia@stad.example', subject: 'Fram', text: 'kom fram' });
    await queue.idle();
    expect(queue.job(bounced.id)).toMatchObject({ state: 'FAILED', permanent: true, attempts: 1 });
    expect(queue.job(bounced.id)!.lastError).toMatch(/550|No such mailbox|reject/i);
    expect(queue.job(sent.id)).toMatchObject({ state: 'SENT' });
    expect(smtp.messages.map((m) => m.to)).toEqual([['cia@stad.example']]);
    expect(queue.report().map((j) => j.state)).toEqual(['FAILED', 'SENT']);
  });

  it('fails for good on wrong credentials', async () => {
    smtp = await testSmtpServer();
    queue = new MailQueue(smtpMailer({ ...smtp.config, password: 'fel' }), { backoffMs: () => 50 });
    const job = queue.enqueue({ kind: 'test', to: 'dan@stad.example', subject: 's', text: 't' });
    await queue.idle();
    expect(queue.job(job.id)).toMatchObject({ state: 'FAILED', permanent: true });
    expect(smtp.messages).toEqual([]);
  });
});
