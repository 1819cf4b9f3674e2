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

/** A request to an organisation to confirm or correct its contact details through a single-use link. */
export function contactVerificationMessage(to: string, organisationName: string, link: string, expiresAt: Date, lang: 'sv' | 'en'): MailMessage {
  const until = expiresAt.toISOString().slice(0, 10);
  if (lang === 'en') {
    return {
      kind: 'contact-verification',
      to,
      subject: `Are ${organisationName}'s contact details right? (Samverkan)`,
      text: [
        `The City of Stockholm's register of civil-society organisations, Samverkan, lists ${organisationName}.`,
        'Please check that the contact details we show are right, and correct them if not:',
        link,
        '',
        `The link works once, until ${until}. No account is needed.`,
      ].join('\n'),
    };
  }
  return {
    kind: 'contact-verification',
    to,
    subject: `Stämmer kontaktuppgifterna för ${organisationName}? (Samverkan)`,
    text: [
      `Stockholms stads register över idéburna organisationer, Samverkan, har med ${organisationName}.`,
      'Kontrollera gärna att kontaktuppgifterna vi visar stämmer, och rätta dem annars:',
      link,
      '',
      `Länken fungerar en gång, till och med ${until}. Du behöver inget konto.`,
    ].join('\n'),
  };
}
