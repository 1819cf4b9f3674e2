/** Settings of sign-in, sessions, lockout, password resets and rate limits, from the environment. */
import { trustedProxies } from '../http/client-address.js';
export interface AuthConfig {
  /** Cookies get `Secure` (default); COOKIE_SECURE=false for plain-http development only. */
  cookieSecure: boolean;
  sessionTtlMs: number;
  /** Failed sign-ins of one client address at one account before that pair must wait. */
  lockoutThreshold: number;
  /** The first wait; each further failure doubles it, up to lockoutMaxMs. */
  lockoutBaseMs: number;
  lockoutMaxMs: number;
  /** Sign-in attempts (and password-reset requests) per client address per minute. */
  signInPerMinute: number;
  /** Mutations per user (or per address, anonymous) per minute. */
  mutationsPerMinute: number;
  /** Base URL of the web app, for verification and password-reset links. */
  publicUrl: string;
  /** Reverse proxies in front of the server (TRUST_PROXY): how far to trust X-Forwarded-For (server/http/client-address.ts). */
  trustProxy: number;
  /** How long a password-reset link works. */
  resetTtlMs: number;
  /** Reset links one account may be sent in an hour. */
  resetsPerHour: number;
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUrl: string | null } | null;
}

const num = (v: string | undefined, fallback: number, name: string): number => {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not ${v}`);
  return n;
};

export function authConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const issuer = env['OIDC_ISSUER'];
  return {
    cookieSecure: env['COOKIE_SECURE'] !== 'false',
    sessionTtlMs: num(env['SESSION_TTL_HOURS'], 8, 'SESSION_TTL_HOURS') * 3600_000,
    lockoutThreshold: num(env['LOCKOUT_THRESHOLD'], 5, 'LOCKOUT_THRESHOLD'),
    lockoutBaseMs: num(env['LOCKOUT_BASE_SECONDS'], 60, 'LOCKOUT_BASE_SECONDS') * 1000,
    lockoutMaxMs: num(env['LOCKOUT_MAX_SECONDS'], 3600, 'LOCKOUT_MAX_SECONDS') * 1000,
    signInPerMinute: num(env['RATE_LIMIT_SIGNIN_PER_MINUTE'], 20, 'RATE_LIMIT_SIGNIN_PER_MINUTE'),
    mutationsPerMinute: num(env['RATE_LIMIT_MUTATIONS_PER_MINUTE'], 120, 'RATE_LIMIT_MUTATIONS_PER_MINUTE'),
    publicUrl: (env['PUBLIC_URL'] ?? `http://127.0.0.1:${env['PORT'] ?? 3000}`).replace(/\/$/, ''),
    trustProxy: trustedProxies(env),
    resetTtlMs: num(env['PASSWORD_RESET_MINUTES'], 60, 'PASSWORD_RESET_MINUTES') * 60_000,
    resetsPerHour: num(env['PASSWORD_RESETS_PER_HOUR'], 3, 'PASSWORD_RESETS_PER_HOUR'),
    oidc: issuer
      ? {
          issuer,
          clientId: required(env, 'OIDC_CLIENT_ID'),
          clientSecret: required(env, 'OIDC_CLIENT_SECRET'),
          redirectUrl: env['OIDC_REDIRECT_URL'] ?? null,
        }
      : null,
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const v = env[name];
  if (!v) throw new Error(`${name} is required when OIDC_ISSUER is set`);
  return v;
}
