/** Signed-in sessions. The stored id is the SHA-256 of the cookie value (server/auth/sessions.ts). */
import { defineStatement } from '../statement.js';
import { USER_MAP, type UserRecord } from './users.js';

export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

const SESSION_MAP = '{id: s.id, userId: s.userId, csrfToken: s.csrfToken, createdAt: s.createdAt, expiresAt: s.expiresAt}';

export const sessions = {
  create: defineStatement<SessionRecord, { id: string }>({
    name: 'sessions.create',
    mode: 'write',
    cypher: 'CREATE (s:Session {id: $id, userId: $userId, csrfToken: $csrfToken, createdAt: $createdAt, expiresAt: $expiresAt}) RETURN s.id AS id',
    example: { id: 'session:example', userId: 'user:example', csrfToken: 'token', createdAt: 0, expiresAt: 1 },
  }),
  /** The session with its user, if it has not expired. */
  withUser: defineStatement<{ id: string; now: number }, { session: SessionRecord; user: UserRecord }>({
    name: 'sessions.withUser',
    mode: 'read',
    cypher: `MATCH (s:Session {id: $id}) WHERE s.expiresAt > $now
MATCH (u:User {id: s.userId})
RETURN ${SESSION_MAP} AS session, ${USER_MAP} AS user`,
    example: { id: 'session:example', now: 0 },
  }),
  delete: defineStatement<{ id: string }, { n: number }>({
    name: 'sessions.delete',
    mode: 'write',
    cypher: 'MATCH (s:Session {id: $id}) DELETE s RETURN count(*) AS n',
    example: { id: 'session:example' },
  }),
  deleteForUser: defineStatement<{ userId: string }, { n: number }>({
    name: 'sessions.deleteForUser',
    mode: 'write',
    cypher: 'MATCH (s:Session) WHERE s.userId = $userId DELETE s RETURN count(*) AS n',
    example: { userId: 'user:example' },
  }),
  deleteExpired: defineStatement<{ now: number }, { n: number }>({
    name: 'sessions.deleteExpired',
    mode: 'write',
    cypher: 'MATCH (s:Session) WHERE s.expiresAt <= $now DELETE s RETURN count(*) AS n',
    example: { now: 0 },
  }),
} as const;
