/**
 * SMTP settings from the environment. Without SMTP_HOST the server sends no mail (what would
 * have been sent is dropped with a warning in the log, which never holds a link's token).
 *
 * | variable | default | meaning |
 * | SMTP_HOST | unset | the mail server; unset: no mail is sent |
 * | SMTP_PORT | 465 when SMTP_SECURE, else 587 | its port |
 * | SMTP_SECURE | false | true: TLS from the first byte (port 465); false: STARTTLS |
 * | SMTP_REQUIRE_TLS | true | without SMTP_SECURE, refuse to send unless the server offers STARTTLS |
 * | SMTP_TLS_REJECT_UNAUTHORIZED | true | false accepts a certificate no authority signed (test servers only) |
 * | SMTP_USER, SMTP_PASSWORD | unset | credentials, when the server wants them |
 * | SMTP_FROM | required with SMTP_HOST | the sender, e.g. `Samverkan <samverkan@stad.se>` |
 */
export interface MailConfig {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  rejectUnauthorized: boolean;
  user: string | null;
  password: string | null;
  from: string;
}

const flag = (v: string | undefined, fallback: boolean) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1');

export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const host = env['SMTP_HOST'];
  if (!host) return null;
  const secure = flag(env['SMTP_SECURE'], false);
  const port = Number(env['SMTP_PORT'] ?? (secure ? 465 : 587));
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`SMTP_PORT must be a port number, not ${env['SMTP_PORT']}`);
  const from = env['SMTP_FROM'];
  if (!from) throw new Error('SMTP_FROM is required when SMTP_HOST is set');
  return {
    host,
    port,
    secure,
    requireTls: flag(env['SMTP_REQUIRE_TLS'], true),
    rejectUnauthorized: flag(env['SMTP_TLS_REJECT_UNAUTHORIZED'], true),
    user: env['SMTP_USER'] || null,
    password: env['SMTP_PASSWORD'] || null,
    from,
  };
}
