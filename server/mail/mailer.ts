/**
 * Sends one message through SMTP (nodemailer). A `Mailer` is what the queue (queue.ts) drives;
 * tests and other transports can stand in for it.
 */
import nodemailer from 'nodemailer';
import type { MailConfig } from './config.js';

export interface MailMessage {
  /** What the message is, for logs and reports (never its content): `password-reset`, `contact-verification`… */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Delivery {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export interface Mailer {
  send(message: MailMessage): Promise<Delivery>;
  close(): void;
}

/** An SMTP error as the queue reads it: permanent (5xx: bounced, rejected) or worth another try. */
export function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  if (typeof code === 'number') return code >= 500;
  // Authentication and envelope problems do not mend by themselves.
  const name = (error as { code?: unknown }).code;
  return name === 'EAUTH' || name === 'EENVELOPE' || name === 'EMESSAGE';
}

const addresses = (list: unknown): string[] => (Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? a))) : []);

export function smtpMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: !config.secure && config.requireTls,
    ignoreTLS: !config.secure && !config.requireTls,
    tls: { rejectUnauthorized: config.rejectUnauthorized },
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) });
      if (addresses(info.rejected).length && !addresses(info.accepted).length) {
        throw Object.assign(new Error(`the server rejected ${addresses(info.rejected).join(', ')}`), { responseCode: 550 });
      }
      return { messageId: String(info.messageId ?? ''), accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    },
    close: () => transport.close(),
  };
}
