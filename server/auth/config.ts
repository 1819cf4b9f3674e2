/** Settings of sign-in, sessions, lockout and rate limits, from the environment. */
export interface AuthConfig {
  /** Cookies get `Secure` (default); COOKIE_SECURE=false for plain-http development only. */
  cookieSecure: boolean;
  sessionTtlMs: number;
  /** Failed sign-ins before the account locks. */
  lockoutThreshold: number;
  /** The first lock's length; each further failure doubles it, up to lockoutMaxMs. */
  lockoutBaseMs: number;
  lockoutMaxMs: number;
  /** Sign-in attempts per client address per minute. */
  signInPerMinute: number;
  /** Mutations per user (or per address, anonymous) per minute. */
  mutationsPerMinute: number;
  /** Base URL of the web app, for verification links. */
  publicUrl: string;
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
