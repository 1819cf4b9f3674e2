/**
 * Sign-in throttles and password-reset tokens: what the accounts keep about attempts and links
 * (graph/repo/throttles.ts, graph/repo/password-resets.ts). Ids are SHA-256 hashes.
 */
import { defineStatement } from '../statement.js';

export interface ThrottleRecord {
  id: string;
  failures: number;
  lockedUntil: number;
  updatedAt: number;
}

export interface ResetTokenRecord {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number;
}

export const throttles = {
  byId: defineStatement<{ id: string }, { throttle: ThrottleRecord }>({
    name: 'throttles.byId',
    mode: 'read',
    cypher: 'MATCH (t:SignInThrottle {id: $id}) RETURN {id: t.id, failures: t.failures, lockedUntil: t.lockedUntil, updatedAt: t.updatedAt} AS throttle',
    example: { id: 'throttle:example' },
  }),
  /** One more failure, counted in the statement (concurrent failures on two servers both count). */
  fail: defineStatement<{ id: string; now: number }, { failures: number }>({
    name: 'throttles.fail',
    mode: 'write',
    cypher: `MERGE (t:SignInThrottle {id: $id}) ON CREATE SET t.failures = 0, t.lockedUntil = 0
SET t.failures = t.failures + 1, t.updatedAt = $now
RETURN t.failures AS failures`,
    example: { id: 'throttle:example', now: 0 },
  }),
  lock: defineStatement<{ id: string; lockedUntil: number }, { id: string }>({
    name: 'throttles.lock',
    mode: 'write',
    cypher: 'MATCH (t:SignInThrottle {id: $id}) SET t.lockedUntil = $lockedUntil RETURN t.id AS id',
    example: { id: 'throttle:example', lockedUntil: 0 },
  }),
  clear: defineStatement<{ id: string }, { n: number }>({
    name: 'throttles.clear',
    mode: 'write',
    cypher: 'MATCH (t:SignInThrottle {id: $id}) DELETE t RETURN count(*) AS n',
    example: { id: 'throttle:example' },
  }),
  /** Throttles idle since `before` whose lock has passed: forgotten. */
  purge: defineStatement<{ before: number; now: number }, { n: number }>({
    name: 'throttles.purge',
    mode: 'write',
    cypher: 'MATCH (t:SignInThrottle) WHERE t.updatedAt < $before AND t.lockedUntil < $now DELETE t RETURN count(*) AS n',
    example: { before: 0, now: 0 },
  }),
} as const;

const RESET_MAP = '{id: t.id, userId: t.userId, createdAt: t.createdAt, expiresAt: t.expiresAt, usedAt: t.usedAt}';

export const resetTokens = {
  create: defineStatement<Omit<ResetTokenRecord, 'usedAt'>, { id: string }>({
    name: 'resetTokens.create',
    mode: 'write',
    cypher: 'CREATE (t:PasswordResetToken {id: $id, userId: $userId, createdAt: $createdAt, expiresAt: $expiresAt, usedAt: 0}) RETURN t.id AS id',
    example: { id: 'reset:example', userId: 'user:example', createdAt: 0, expiresAt: 1 },
  }),
  byId: defineStatement<{ id: string }, { token: ResetTokenRecord }>({
    name: 'resetTokens.byId',
    mode: 'read',
    cypher: `MATCH (t:PasswordResetToken {id: $id}) RETURN ${RESET_MAP} AS token`,
    example: { id: 'reset:example' },
  }),
  /** Marks the token used, only if it is unused and unexpired: the single-use guarantee. */
  use: defineStatement<{ id: string; now: number }, { userId: string }>({
    name: 'resetTokens.use',
    mode: 'write',
    cypher: 'MATCH (t:PasswordResetToken {id: $id}) WHERE t.usedAt = 0 AND t.expiresAt > $now SET t.usedAt = $now RETURN t.userId AS userId',
    example: { id: 'reset:example', now: 0 },
  }),
  /** A user's other links end when a new one is sent or the password changes. */
  deleteForUser: defineStatement<{ userId: string }, { n: number }>({
    name: 'resetTokens.deleteForUser',
    mode: 'write',
    cypher: 'MATCH (t:PasswordResetToken) WHERE t.userId = $userId DELETE t RETURN count(*) AS n',
    example: { userId: 'user:example' },
  }),
  /** A user's links other than `keep` (the one just used, kept so that it answers "used"). */
  deleteOthers: defineStatement<{ userId: string; keep: string }, { n: number }>({
    name: 'resetTokens.deleteOthers',
    mode: 'write',
    cypher: 'MATCH (t:PasswordResetToken) WHERE t.userId = $userId AND t.id <> $keep DELETE t RETURN count(*) AS n',
    example: { userId: 'user:example', keep: 'reset:example' },
  }),
  /** Links that expired before `before`: forgotten. */
  purge: defineStatement<{ before: number }, { n: number }>({
    name: 'resetTokens.purge',
    mode: 'write',
    cypher: 'MATCH (t:PasswordResetToken) WHERE t.expiresAt < $before DELETE t RETURN count(*) AS n',
    example: { before: 0 },
  }),
  /** How many links were sent to a user since `since` (a few an hour at most). */
  countSince: defineStatement<{ userId: string; since: number }, { n: number }>({
    name: 'resetTokens.countSince',
    mode: 'read',
    cypher: 'MATCH (t:PasswordResetToken) WHERE t.userId = $userId AND t.createdAt >= $since RETURN count(t) AS n',
    example: { userId: 'user:example', since: 0 },
  }),
} as const;

/** Per-account write windows (graph/repo/write-allowance.ts). */
export const writeWindows = {
  /** Takes `points` from the window if they fit under `limit`; answers the window's count after (unchanged when refused). */
  take: defineStatement<{ id: string; points: number; limit: number; expiresAt: number }, { count: number; taken: boolean }>({
    name: 'writeWindows.take',
    mode: 'write',
    cypher: `MERGE (w:WriteWindow {id: $id}) ON CREATE SET w.count = 0, w.expiresAt = $expiresAt
WITH w, w.count + $points <= $limit AS fits
SET w.count = CASE WHEN fits THEN w.count + $points ELSE w.count END
RETURN w.count AS count, fits AS taken`,
    example: { id: 'write:example', points: 1, limit: 10, expiresAt: 0 },
  }),
  /** Windows that have passed: forgotten. */
  purge: defineStatement<{ now: number }, { n: number }>({
    name: 'writeWindows.purge',
    mode: 'write',
    cypher: 'MATCH (w:WriteWindow) WHERE w.expiresAt < $now DELETE w RETURN count(*) AS n',
    example: { now: 0 },
  }),
} as const;
