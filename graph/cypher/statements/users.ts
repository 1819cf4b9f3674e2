/** Accounts: users (issue 7). Passwords are stored only as scrypt hashes (server/auth/password.ts). */
import { defineStatement } from '../statement.js';

export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisationId: string | null;
  passwordHash: string | null;
  oidcSubject: string | null;
  failedAttempts: number | null;
  lockedUntil: number | null;
  disabled: boolean | null;
  version: number;
  createdAt: number | null;
  updatedAt: number | null;
  lastSignInAt: number | null;
}

export const USER_MAP = `{id: u.id, email: u.email, displayName: u.displayName, role: u.role, organisationId: u.organisationId,
  passwordHash: u.passwordHash, oidcSubject: u.oidcSubject, failedAttempts: u.failedAttempts, lockedUntil: u.lockedUntil,
  disabled: u.disabled, version: u.version, createdAt: u.createdAt, updatedAt: u.updatedAt, lastSignInAt: u.lastSignInAt}`;

type UserRow = { user: UserRecord };

export interface UserWrite {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisationId: string | null;
  passwordHash: string | null;
  oidcSubject: string | null;
  now: number;
}

const USER_EXAMPLE: UserWrite = {
  id: 'user:example',
  email: 'someone@example.org',
  displayName: 'Someone',
  role: 'EDITOR',
  organisationId: null,
  passwordHash: 'scrypt$example',
  oidcSubject: null,
  now: 0,
};

export const users = {
  byId: defineStatement<{ id: string }, UserRow>({
    name: 'users.byId',
    mode: 'read',
    cypher: `MATCH (u:User {id: $id}) RETURN ${USER_MAP} AS user`,
    example: { id: 'user:example' },
  }),
  byEmail: defineStatement<{ email: string }, UserRow>({
    name: 'users.byEmail',
    mode: 'read',
    cypher: `MATCH (u:User) WHERE u.email = $email RETURN ${USER_MAP} AS user`,
    example: { email: 'someone@example.org' },
  }),
  byOidcSubject: defineStatement<{ subject: string }, UserRow>({
    name: 'users.byOidcSubject',
    mode: 'read',
    cypher: `MATCH (u:User) WHERE u.oidcSubject = $subject RETURN ${USER_MAP} AS user`,
    example: { subject: 'https://idp.example|123' },
  }),
  list: defineStatement<Record<string, never>, UserRow>({
    name: 'users.list',
    mode: 'read',
    cypher: `MATCH (u:User) RETURN ${USER_MAP} AS user ORDER BY u.email`,
    example: {},
  }),
  count: defineStatement<Record<string, never>, { n: number }>({
    name: 'users.count',
    mode: 'read',
    cypher: 'MATCH (u:User) RETURN count(u) AS n',
    example: {},
  }),
  create: defineStatement<UserWrite, UserRow>({
    name: 'users.create',
    mode: 'write',
    cypher: `CREATE (u:User {id: $id, email: $email, displayName: $displayName, role: $role, organisationId: $organisationId,
  passwordHash: $passwordHash, oidcSubject: $oidcSubject, failedAttempts: 0, lockedUntil: 0, disabled: false, version: 1,
  createdAt: $now, updatedAt: $now, lastSignInAt: 0})
RETURN ${USER_MAP} AS user`,
    example: USER_EXAMPLE,
  }),
  /** Role, organisation, name and the disabled flag: what an admin changes. */
  update: defineStatement<{ id: string; displayName: string; role: string; organisationId: string | null; disabled: boolean; now: number }, UserRow>({
    name: 'users.update',
    mode: 'write',
    cypher: `MATCH (u:User {id: $id})
SET u.displayName = $displayName, u.role = $role, u.organisationId = $organisationId, u.disabled = $disabled,
  u.updatedAt = $now, u.version = u.version + 1
RETURN ${USER_MAP} AS user`,
    example: { id: 'user:example', displayName: 'Someone', role: 'EDITOR', organisationId: null, disabled: false, now: 0 },
  }),
  /** The representatives of an organisation (a merge makes them the survivor's, its undo gives them back). */
  representativesOf: defineStatement<{ organisationId: string }, { id: string }>({
    name: 'users.representativesOf',
    mode: 'read',
    cypher: 'MATCH (u:User) WHERE u.organisationId = $organisationId RETURN u.id AS id ORDER BY u.id',
    example: { organisationId: 'org:example' },
  }),
  moveTo: defineStatement<{ ids: string[]; organisationId: string; now: number }, { id: string }>({
    name: 'users.moveTo',
    mode: 'write',
    cypher: 'UNWIND $ids AS key MATCH (u:User {id: key}) SET u.organisationId = $organisationId, u.updatedAt = $now, u.version = u.version + 1 RETURN u.id AS id',
    example: { ids: ['user:example'], organisationId: 'org:example', now: 0 },
  }),
  setPassword: defineStatement<{ id: string; passwordHash: string; now: number }, UserRow>({
    name: 'users.setPassword',
    mode: 'write',
    cypher: `MATCH (u:User {id: $id}) SET u.passwordHash = $passwordHash, u.failedAttempts = 0, u.lockedUntil = 0, u.updatedAt = $now
RETURN ${USER_MAP} AS user`,
    example: { id: 'user:example', passwordHash: 'scrypt$example', now: 0 },
  }),
  recordSignIn: defineStatement<{ id: string; now: number }, { id: string }>({
    name: 'users.recordSignIn',
    mode: 'write',
    cypher: 'MATCH (u:User {id: $id}) SET u.failedAttempts = 0, u.lockedUntil = 0, u.lastSignInAt = $now RETURN u.id AS id',
    example: { id: 'user:example', now: 0 },
  }),
  linkOidc: defineStatement<{ id: string; subject: string; now: number }, { id: string }>({
    name: 'users.linkOidc',
    mode: 'write',
    cypher: 'MATCH (u:User {id: $id}) SET u.oidcSubject = $subject, u.updatedAt = $now RETURN u.id AS id',
    example: { id: 'user:example', subject: 'https://idp.example|123', now: 0 },
  }),
  /**
   * Takes the write lock of every admin (graph/cypher/statements/locks.ts explains why writing
   * locks), so that two admins demoting each other at once cannot both see another admin left.
   */
  lockAdmins: defineStatement<{ now: number }, { id: string }>({
    name: 'users.lockAdmins',
    mode: 'write',
    cypher: "MATCH (u:User) WHERE u.role = 'ADMIN' SET u.updatedAt = $now RETURN u.id AS id",
    example: { now: 0 },
  }),
  /** Admins who can sign in (not disabled). */
  activeAdmins: defineStatement<Record<string, never>, { id: string }>({
    name: 'users.activeAdmins',
    mode: 'read',
    cypher: "MATCH (u:User) WHERE u.role = 'ADMIN' AND (u.disabled IS NULL OR u.disabled = false) RETURN u.id AS id",
    example: {},
  }),
  delete: defineStatement<{ id: string }, { n: number }>({
    name: 'users.delete',
    mode: 'write',
    cypher: 'MATCH (u:User {id: $id}) DELETE u RETURN count(*) AS n',
    example: { id: 'user:example' },
  }),
} as const;
