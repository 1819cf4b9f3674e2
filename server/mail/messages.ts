/** The messages the server sends, in Swedish or English: plain text, with the link on a line of its own. */
import type { MailMessage } from './mailer.js';

export function passwordResetMessage(to: string, link: string, minutes: number, lang: 'sv' | 'en'): MailMessage {
  if (lang === 'en') {
    return {
      kind: 'password-reset',
      to,
      subject: 'Set a new password for Samverkan',
      text: [
        'Someone (hopefully you) asked to set a new password for your Samverkan account.',
        '',
        `Open this link within ${minutes} minutes to choose one. It works once:`,
        link,
        '',
        'If you did not ask, ignore this message: your password stays as it is.',
      ].join('\n'),
    };
  }
  return {
    kind: 'password-reset',
    to,
    subject: 'Välj ett nytt lösenord till Samverkan',
    text: [
      'Någon (förhoppningsvis du) har bett om ett nytt lösenord till ditt konto i Samverkan.',
      '',
      `Öppna länken inom ${minutes} minuter för att välja ett. Den fungerar en gång:`,
      link,
      '',
      'Om det inte var du kan du bortse från meddelandet: ditt lösenord är oförändrat.',
    ].join('\n'),
  };
}
