/**
 * Sign-in, sessions, passwords and who is asking. A session is a random 256-bit value in an
 * httpOnly cookie; the store keeps its SHA-256 and a CSRF token the web app must echo in
 * `x-csrf-token` on every mutation. Signing in always issues a new session id and deletes the one
 * the request came with (no session fixation).
 *
 * Failed passwords are counted per pair of e-mail address and client address in the graph
 * (graph/repo/throttles.ts): past the threshold the pair waits, with doubling back-off up to a
 * maximum, so nobody can lock another person out from elsewhere. Every sign-in answer, for a known,
 * unknown, disabled or throttled address, costs one password check and says nothing about whether
 * an account exists. Attempts are also rate limited per client address (HTTP 429).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Mutex } from 'async-mutex';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Accounts } from '../../graph/repo/accounts.js';
import type { UserRecord } from '../../graph/cypher/statements/users.js';
import type { Role } from '../../graph/repo/users.js';
import { throttleKey, type SignInThrottles, type ThrottlePolicy } from '../../graph/repo/throttles.js';
import type { PasswordResets } from '../../graph/repo/password-resets.js';
import { ValidationError } from '../../graph/errors.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password.js';
import { cookieName, parseCookies, serializeCookie } from './cookies.js';
import type { AuthConfig } from './config.js';
import { clientAddress } from '../http/client-address.js';
import { MailQueue } from '../mail/queue.js';
import { passwordResetMessage } from '../mail/messages.js';
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

export type SignInResult = { ok: true; viewer: Viewer } | { ok: false; code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED'; message: string; retryAfterSeconds?: number };

/** Over the per-address limit of sign-in attempts or reset requests: answered with HTTP 429 and Retry-After. */
export class RateLimited extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: string,
  ) {
    super(`För många försök. Too many attempts: try again in ${retryAfterSeconds} s.`);
  }
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** Longest e-mail address and password a sign-in reads; longer ones are wrong (after the same password check). */
const MAX_EMAIL = 254;
const MAX_PASSWORD = 1024;

export function anonymousAuth(ip = 'unknown'): RequestAuth {
  return { viewer: null, sessionId: null, presentedSessionId: null, ip, csrfHeader: null, setCookies: [], service: null };
}

const INVALID = { ok: false, code: 'INVALID_CREDENTIALS', message: 'Fel e-postadress eller lösenord. Wrong e-mail address or password.' } as const;

export class AuthService {
  private readonly signInLimiter: RateLimiterMemory;
  readonly mutationLimiter: RateLimiterMemory;
  private readonly locks = new Map<string, Mutex>();

  constructor(
    readonly accounts: Accounts,
    readonly config: AuthConfig,
    /** Outgoing mail (server/mail): password-reset links. */
    readonly mail: MailQueue = new MailQueue(null),
  ) {
    this.signInLimiter = new RateLimiterMemory({ keyPrefix: 'signin', points: Math.max(1, config.signInPerMinute), duration: 60 });
    this.mutationLimiter = new RateLimiterMemory({ keyPrefix: 'mutation', points: Math.max(1, config.mutationsPerMinute), duration: 60 });
  }

  private get throttles(): SignInThrottles {
    return this.accounts.throttles;
  }

  private get resets(): PasswordResets {
    return this.accounts.resets;
  }

  get cookie(): string {
    return cookieName(this.config.cookieSecure);
  }

  private get policy(): ThrottlePolicy {
    return { threshold: this.config.lockoutThreshold, baseMs: this.config.lockoutBaseMs, maxMs: this.config.lockoutMaxMs };
  }

  /** Resolves the request's session cookie (if any) to a viewer. */
  async forRequest(req: IncomingMessage): Promise<RequestAuth> {
    const ip = clientAddress(req, this.config.trustProxy);
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

  /** Counts one attempt of the client address against its per-minute limit; throws RateLimited past it. */
  private async limit(ip: string): Promise<void> {
    try {
      await this.signInLimiter.consume(ip);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new RateLimited(Math.max(1, Math.ceil(error.msBeforeNext / 1000)), 'RATE_LIMIT_SIGNIN_PER_MINUTE');
      throw error;
    }
  }

  /** One attempt per pair at a time in this process, so parallel guesses cannot outrun the counter. */
  private async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    let lock = this.locks.get(key);
    if (!lock) this.locks.set(key, (lock = new Mutex()));
    try {
      return await lock.runExclusive(work);
    } finally {
      if (!lock.isLocked()) this.locks.delete(key);
    }
  }

  async signIn(auth: RequestAuth, emailInput: string, passwordInput: string): Promise<SignInResult> {
    await this.limit(auth.ip);
    const email = String(emailInput).trim().toLowerCase();
    const password = String(passwordInput);
    const key = throttleKey(email.slice(0, MAX_EMAIL + 1), auth.ip);
    void this.throttles.purge(24 * 3600_000).catch(() => undefined);
    return this.exclusive(key, async () => {
      const now = Date.now();
      const lockedUntil = await this.throttles.lockedUntil(key);
      const user = email.length <= MAX_EMAIL ? await this.accounts.users.byEmail(email) : null;
      const usable = !!user?.passwordHash && !user.disabled && password.length <= MAX_PASSWORD;
      // Exactly one password check on every path: the answer's timing says nothing about the account.
      const good = (await verifyPassword(password.slice(0, MAX_PASSWORD), usable ? user!.passwordHash! : await dummyHash())) && usable;
      if (lockedUntil > now) return this.locked(lockedUntil - now);
      if (!good) {
        const { failures, lockedUntil: until } = await this.throttles.fail(key, this.policy, now);
        if (until) log('warn', 'sign-in throttled', { failures, until: new Date(until).toISOString() });
        return INVALID;
      }
      await this.throttles.clear(key);
      return { ok: true, viewer: await this.startSession(auth, user!) };
    });
  }

  private locked(ms: number): Extract<SignInResult, { ok: false }> {
    const seconds = Math.ceil(ms / 1000);
    return {
      ok: false,
      code: 'ACCOUNT_LOCKED',
      message: `För många felaktiga försök härifrån: vänta ${seconds} s. Too many failed attempts from here: wait ${seconds} s.`,
      retryAfterSeconds: seconds,
    };
  }

  /**
   * The signed-in user changes their password: the current one is checked (a wrong one counts as a
   * failed sign-in), the new one must pass the policy; every session ends and the request gets a new one.
   */
  async changePassword(auth: RequestAuth, current: string, next: string): Promise<Viewer> {
    const viewer = auth.viewer;
    if (!viewer) throw new Error('changePassword needs a viewer');
    const key = throttleKey(viewer.email, auth.ip);
    return this.exclusive(key, async () => {
      const now = Date.now();
      const user = await this.accounts.users.get(viewer.id);
      const lockedUntil = await this.throttles.lockedUntil(key);
      const good = await verifyPassword(String(current).slice(0, MAX_PASSWORD), user?.passwordHash ?? (await dummyHash()));
      if (lockedUntil > now) throw new ValidationError([{ field: 'currentPassword', message: this.locked(lockedUntil - now).message }]);
      if (!user?.passwordHash || !good) {
        await this.throttles.fail(key, this.policy, now);
        throw new ValidationError([{ field: 'currentPassword', message: 'Fel nuvarande lösenord. The current password is wrong.' }]);
      }
      const problem = passwordProblem(next);
      if (problem) throw new ValidationError([{ field: 'newPassword', message: problem }]);
      if (next === current) throw new ValidationError([{ field: 'newPassword', message: 'Välj ett annat lösenord än det nuvarande. must differ from the current password' }]);
      await this.accounts.users.setPassword(user.id, await hashPassword(next), { id: user.id, displayName: user.displayName });
      await this.throttles.clear(key);
      // Every session ended with the old password, this one too: the request gets a new one.
      return this.startSession(auth, user);
    });
  }

  /**
   * Sends a password-reset link to the address if an account can use one. The answer is the same
   * whether or not it does, and comes before anything is looked up: the lookup, the link and the
   * mail happen afterwards.
   */
  async requestPasswordReset(auth: RequestAuth, emailInput: string, lang: 'sv' | 'en'): Promise<void> {
    await this.limit(auth.ip);
    const email = String(emailInput).trim().toLowerCase();
    if (email.length > MAX_EMAIL) return;
    const pending = this.sendReset(email, lang).catch((error: unknown) => log('error', 'password reset failed', { message: error instanceof Error ? error.message : String(error) }));
    this.pendingResets.add(pending);
    void pending.finally(() => this.pendingResets.delete(pending));
  }

  /** Reset requests still being looked up (tests wait for them). */
  readonly pendingResets = new Set<Promise<unknown>>();

  private async sendReset(email: string, lang: 'sv' | 'en'): Promise<void> {
    const user = await this.accounts.users.byEmail(email);
    if (!user || user.disabled) return;
    const issued = await this.resets.issue(user.id, this.config.resetTtlMs, this.config.resetsPerHour);
    if (!issued) {
      log('warn', 'password reset not sent: too many links this hour', { userId: user.id });
      return;
    }
    const link = `${this.config.publicUrl}${lang === 'en' ? '/en' : ''}/password/reset?token=${encodeURIComponent(issued.token)}`;
    const job = this.mail.enqueue(passwordResetMessage(user.email, link, Math.round(this.config.resetTtlMs / 60_000), lang));
    log('info', 'password reset link queued', { userId: user.id, mail: job.id, expiresAt: new Date(issued.expiresAt).toISOString() });
  }

  /** Sets a new password with a reset link's token (policy checked first); every session of the account ends. */
  async resetPassword(auth: RequestAuth, token: string, next: string): Promise<void> {
    await this.limit(auth.ip);
    const problem = passwordProblem(next);
    await this.resets.check(token);
    if (problem) throw new ValidationError([{ field: 'newPassword', message: problem }]);
    const userId = await this.resets.complete(token, await hashPassword(next));
    const user = await this.accounts.users.get(userId);
    if (user) await this.throttles.clear(throttleKey(user.email, auth.ip));
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
