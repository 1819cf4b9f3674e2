/**
 * Sign-in, sessions and who is asking. A session is a random 256-bit value in an httpOnly cookie;
 * the store keeps its SHA-256 and a CSRF token the web app must echo in `x-csrf-token` on every
 * mutation. Signing in always issues a new session id and deletes the one the request came
 * with (no session fixation). Failed passwords lock the account with doubling back-off.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Mutex } from 'async-mutex';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Accounts } from '../../graph/repo/accounts.js';
import type { UserRecord } from '../../graph/cypher/statements/users.js';
import type { Role } from '../../graph/repo/users.js';
import { dummyHash, verifyPassword } from './password.js';
import { cookieName, parseCookies, serializeCookie } from './cookies.js';
import type { AuthConfig } from './config.js';
import { log } from '../log.js';

export interface Viewer {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  csrfToken: string;
}

/** Who is asking, for one HTTP request, and the cookies its response must set. */
export interface RequestAuth {
  viewer: Viewer | null;
  /** The stored (hashed) id of the request's session, when it had a valid one. */
  sessionId: string | null;
  /** The hashed id of whatever session cookie came with the request (valid or not). */
  presentedSessionId: string | null;
  ip: string;
  csrfHeader: string | null;
  setCookies: string[];
  service: AuthService | null;
}

export type SignInResult = { ok: true; viewer: Viewer } | { ok: false; code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'RATE_LIMITED'; message: string; retryAfterSeconds?: number };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export function anonymousAuth(ip = 'unknown'): RequestAuth {
  return { viewer: null, sessionId: null, presentedSessionId: null, ip, csrfHeader: null, setCookies: [], service: null };
}

export class AuthService {
  private readonly signInLimiter: RateLimiterMemory;
  readonly mutationLimiter: RateLimiterMemory;
  private readonly signInLocks = new Map<string, Mutex>();

  constructor(
    readonly accounts: Accounts,
    readonly config: AuthConfig,
  ) {
    this.signInLimiter = new RateLimiterMemory({ keyPrefix: 'signin', points: Math.max(1, config.signInPerMinute), duration: 60 });
    this.mutationLimiter = new RateLimiterMemory({ keyPrefix: 'mutation', points: Math.max(1, config.mutationsPerMinute), duration: 60 });
  }

  get cookie(): string {
    return cookieName(this.config.cookieSecure);
  }

  /** Resolves the request's session cookie (if any) to a viewer. */
  async forRequest(req: IncomingMessage): Promise<RequestAuth> {
    const ip = req.socket.remoteAddress ?? 'unknown';
    const csrf = req.headers['x-csrf-token'];
    const auth: RequestAuth = { ...anonymousAuth(ip), csrfHeader: typeof csrf === 'string' ? csrf : null, service: this };
    const value = parseCookies(req.headers.cookie).get(this.cookie);
    if (!value) return auth;
    auth.presentedSessionId = sha256(value);
    const found = await this.accounts.sessions.find(auth.presentedSessionId);
    if (!found || found.user.disabled) {
      // A stale or forged cookie: tell the browser to drop it.
      auth.setCookies.push(this.clearCookie());
      return auth;
    }
    auth.sessionId = found.session.id;
    auth.viewer = viewerOf(found.user, found.session.csrfToken);
    return auth;
  }

  async signIn(auth: RequestAuth, emailInput: string, password: string): Promise<SignInResult> {
    const email = String(emailInput).trim().toLowerCase();
    try {
      await this.signInLimiter.consume(auth.ip);
    } catch (error) {
      if (error instanceof RateLimiterRes) return { ok: false, code: 'RATE_LIMITED', message: 'För många inloggningsförsök. Too many sign-in attempts: wait a minute.', retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000) };
      throw error;
    }
    // One attempt per account at a time, so parallel guesses cannot outrun the lockout counter.
    let lock = this.signInLocks.get(email);
    if (!lock) this.signInLocks.set(email, (lock = new Mutex()));
    try {
      return await lock.runExclusive(() => this.attempt(auth, email, password));
    } finally {
      if (!lock.isLocked()) this.signInLocks.delete(email);
    }
  }

  private async attempt(auth: RequestAuth, email: string, password: string): Promise<SignInResult> {
    const invalid: SignInResult = { ok: false, code: 'INVALID_CREDENTIALS', message: 'Fel e-postadress eller lösenord. Wrong e-mail address or password.' };
    const user = await this.accounts.users.byEmail(email);
    const now = Date.now();
    if (user && (user.lockedUntil ?? 0) > now) {
      const seconds = Math.ceil(((user.lockedUntil ?? 0) - now) / 1000);
      return { ok: false, code: 'ACCOUNT_LOCKED', message: `Kontot är låst i ${seconds} s efter för många felaktiga försök. The account is locked for ${seconds} s after too many failed attempts.`, retryAfterSeconds: seconds };
    }
    const good = user?.passwordHash && !user.disabled ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await dummyHash()), false);
    if (!user || !good) {
      if (user) {
        const failures = (user.failedAttempts ?? 0) + 1;
        const over = failures - this.config.lockoutThreshold;
        const lockedUntil = over >= 0 ? now + Math.min(this.config.lockoutBaseMs * 2 ** over, this.config.lockoutMaxMs) : 0;
        await this.accounts.users.recordFailure(user.id, failures, lockedUntil);
        if (lockedUntil) log('warn', 'account locked', { userId: user.id, failures, until: new Date(lockedUntil).toISOString() });
      }
      return invalid;
    }
    return { ok: true, viewer: await this.startSession(auth, user) };
  }

  /** Issues a fresh session for `user` (password or OIDC sign-in), replacing the request's own. */
  async startSession(auth: RequestAuth, user: UserRecord): Promise<Viewer> {
    const value = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.accounts.sessions.create({ id: sha256(value), userId: user.id, csrfToken, createdAt: now, expiresAt: now + this.config.sessionTtlMs }, auth.presentedSessionId);
    auth.setCookies.push(serializeCookie(this.cookie, value, { secure: this.config.cookieSecure, maxAgeSeconds: this.config.sessionTtlMs / 1000 }));
    auth.viewer = viewerOf(user, csrfToken);
    auth.sessionId = sha256(value);
    return auth.viewer;
  }

  async signOut(auth: RequestAuth): Promise<void> {
    const id = auth.sessionId ?? auth.presentedSessionId;
    if (id) await this.accounts.sessions.delete(id);
    auth.setCookies.push(this.clearCookie());
    auth.viewer = null;
    auth.sessionId = null;
  }

  clearCookie(): string {
    return serializeCookie(this.cookie, '', { secure: this.config.cookieSecure, maxAgeSeconds: 0 });
  }
}

export function viewerOf(user: UserRecord, csrfToken: string): Viewer {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role as Role, organisationId: user.organisationId, csrfToken };
}
