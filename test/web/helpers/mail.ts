/**
 * Mail for a web suite: a real SMTP server on loopback (test/helpers/smtp.ts) and the server's mail
 * queue sending to it, retrying quickly. Started before the suite's app, which is given the queue.
 */
import { testSmtpServer, type TestSmtp } from '../../helpers/smtp.js';
import { MailQueue } from '../../../server/mail/queue.js';
import { smtpMailer } from '../../../server/mail/mailer.js';

export interface TestMail {
  smtp: TestSmtp;
  mail: MailQueue;
  close(): Promise<void>;
}

export async function testMail(options: Parameters<typeof testSmtpServer>[0] = {}): Promise<TestMail> {
  const smtp = await testSmtpServer(options);
  const mail = new MailQueue(smtpMailer(smtp.config), { backoffMs: () => 50 });
  return {
    smtp,
    mail,
    async close() {
      mail.close();
      await smtp.close();
    },
  };
}
