/**
 * User accounts. Hashing passwords is the caller's business (server/auth/password.ts): this
 * repository stores hashes, never passwords. Admins' changes to users are audited.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GraphEngine, Tx } from '../engines/port.js';
import { resetTokens } from '../cypher/statements/throttles.js';
import { users, type UserRecord } from '../cypher/statements/users.js';
import { sessions } from '../cypher/statements/sessions.js';
import { organisations } from '../cypher/statements/organisations.js';
import { NotFoundError, UniqueValueError, ValidationError } from '../errors.js';
import { idSchema, LIMITS, parseInput, requiredText } from '../validation/inputs.js';
import { writeAudit } from './audit.js';
import type { Actor } from './actor.js';

export const ROLES = ['ADMIN', 'EDITOR', 'REPRESENTATIVE'] as const;
export type Role = (typeof ROLES)[number];

export const userEmail = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('is not an e-mail address'))
  .transform((s) => s.toLowerCase());

export const userCreate = z
  .object({
    email: userEmail,
    displayName: requiredText(LIMITS.name),
    role: z.enum(ROLES),
    organisationId: idSchema.nullish(),
  })
  .refine((u) => u.role !== 'REPRESENTATIVE' || !!u.organisationId, { message: 'a representative needs the organisation they represent', path: ['organisationId'] });
export type UserCreate = z.output<typeof userCreate>;

/** What an admin sees of a user: never the hash. */
export type PublicUser = Omit<UserRecord, 'passwordHash'>;
export const publicUser = ({ passwordHash: _h, ...u }: UserRecord): PublicUser => u;

export const LAST_ADMIN = 'the last admin who can sign in cannot be removed, demoted or disabled: make another user admin first';

/**
 * In a write transaction that would take `leaving` out of the admins who can sign in: refuses,
 * naming `field`, when no other would be left. Every admin's write lock is taken first, so two
 * such changes at once are serialised and the second sees the first.
 */
export async function assertAnotherAdmin(tx: Tx, leaving: readonly string[], field: string): Promise<void> {
  await tx.run(users.lockAdmins, { now: Date.now() });
  const others = (await tx.run(users.activeAdmins, {})).filter((a) => !leaving.includes(a.id));
  if (!others.length) throw new ValidationError([{ field, message: LAST_ADMIN }]);
}

export class UserRepository {
  constructor(private readonly engine: GraphEngine) {}

  async get(id: string): Promise<UserRecord | null> {
    return (await this.engine.read((tx) => tx.run(users.byId, { id })))[0]?.user ?? null;
  }

  async byEmail(email: string): Promise<UserRecord | null> {
    return (await this.engine.read((tx) => tx.run(users.byEmail, { email: email.trim().toLowerCase() })))[0]?.user ?? null;
  }

  async byOidcSubject(subject: string): Promise<UserRecord | null> {
    return (await this.engine.read((tx) => tx.run(users.byOidcSubject, { subject })))[0]?.user ?? null;
  }

  async list(): Promise<UserRecord[]> {
    return (await this.engine.read((tx) => tx.run(users.list, {}))).map((r) => r.user);
  }

  async count(): Promise<number> {
    return (await this.engine.read((tx) => tx.run(users.count, {})))[0]?.n ?? 0;
  }

  /** Creates a user with a password hash (local account) or none (OIDC only). */
  async create(input: unknown, passwordHash: string | null, actor: Actor): Promise<UserRecord> {
    const data = parseInput(userCreate, input);
    return this.engine.write(async (tx) => {
      if ((await tx.run(users.byEmail, { email: data.email })).length) {
        throw new ValidationError([{ field: 'input.email', message: 'a user with this e-mail address exists' }]);
      }
      if (data.organisationId && !(await tx.run(organisations.version, { id: data.organisationId })).length) {
        throw new NotFoundError('Organisation', data.organisationId, 'input.organisationId');
      }
      const [row] = await tx.run(users.create, {
        id: `user:${randomUUID()}`,
        email: data.email,
        displayName: data.displayName,
        role: data.role,
        organisationId: data.role === 'REPRESENTATIVE' ? (data.organisationId ?? null) : null,
        passwordHash,
        oidcSubject: null,
        now: Date.now(),
      }).catch((error: unknown) => {
        // Another server created this address at the same moment (Neo4j's constraint).
        if (error instanceof UniqueValueError) throw new ValidationError([{ field: 'input.email', message: 'a user with this e-mail address exists' }]);
        throw error;
      });
      await writeAudit(tx, { actor, action: 'CREATE', entityType: 'User', entityId: row!.user.id, before: null, after: publicUser(row!.user) });
      return row!.user;
    });
  }

  /**
   * Changes role, organisation, name or the disabled flag. Disabling or a role change ends the
   * user's sessions. The last admin who can sign in can be neither demoted nor disabled.
   */
  async update(id: string, patch: { displayName?: string | null; role?: Role | null; organisationId?: string | null; disabled?: boolean | null }, actor: Actor): Promise<UserRecord> {
    return this.engine.write(async (tx) => {
      const [current] = await tx.run(users.byId, { id });
      if (!current) throw new NotFoundError('User', id);
      const u = current.user;
      const role = patch.role ?? (u.role as Role);
      const leavesAdmins = u.role === 'ADMIN' && !u.disabled && (role !== 'ADMIN' || patch.disabled === true);
      if (leavesAdmins) await assertAnotherAdmin(tx, [id], role !== 'ADMIN' ? 'role' : 'disabled');
      const organisationId = role === 'REPRESENTATIVE' ? (patch.organisationId !== undefined ? patch.organisationId : u.organisationId) : null;
      if (role === 'REPRESENTATIVE' && !organisationId) throw new ValidationError([{ field: 'organisationId', message: 'a representative needs the organisation they represent' }]);
      if (organisationId && !(await tx.run(organisations.version, { id: organisationId })).length) throw new NotFoundError('Organisation', organisationId, 'organisationId');
      const disabled = patch.disabled ?? u.disabled ?? false;
      const [row] = await tx.run(users.update, { id, displayName: patch.displayName?.trim() || u.displayName, role, organisationId, disabled, now: Date.now() });
      if (disabled || role !== u.role || organisationId !== u.organisationId) await tx.run(sessions.deleteForUser, { userId: id });
      await writeAudit(tx, { actor, action: 'UPDATE', entityType: 'User', entityId: id, before: publicUser(u), after: publicUser(row!.user) });
      return row!.user;
    });
  }

  /** Sets a password (its hash): every session of the user and every reset link end. */
  async setPassword(id: string, passwordHash: string, actor: Actor): Promise<void> {
    await this.engine.write(async (tx) => {
      const [row] = await tx.run(users.setPassword, { id, passwordHash, now: Date.now() });
      if (!row) throw new NotFoundError('User', id);
      await tx.run(sessions.deleteForUser, { userId: id });
      await tx.run(resetTokens.deleteForUser, { userId: id });
      await writeAudit(tx, { actor, action: 'SET_PASSWORD', entityType: 'User', entityId: id, before: null, after: null });
    });
  }

  async linkOidc(id: string, subject: string): Promise<void> {
    await this.engine.write((tx) => tx.run(users.linkOidc, { id, subject, now: Date.now() }));
  }
}
