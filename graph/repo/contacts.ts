/**
 * Keeping contact details fresh, and contact persons (personal data, kept only with a stated
 * purpose). A verification link is a random token; only its SHA-256 is stored, it expires, and
 * using it is a conditional write, so it works once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GraphEngine } from '../engines/port.js';
import { contactPersons, staleContacts, verificationTokens, type ContactPersonRecord, type VerificationTokenRecord } from '../cypher/statements/contacts.js';
import { organisations } from '../cypher/statements/organisations.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { idSchema, organisationCreate, parseInput } from '../validation/inputs.js';
import { contactPersonInput } from '../validation/editing.js';
import { writeAudit } from './audit.js';
import type { Actor } from './actor.js';
import type { OrganisationRepository } from './organisations.js';
import type { OrganisationRecord } from '../model/records.js';
import type { Change } from './editing.js';
import { definedOnly } from './patch.js';
import { lockEntity } from './lock.js';

export const TOKEN_TTL_MS = 14 * 24 * 3600 * 1000;
export const STALE_AFTER_MONTHS = 12;

/** Why a verification link was refused. */
export class VerificationLinkError extends ValidationError {
  constructor(readonly reason: 'UNKNOWN' | 'EXPIRED' | 'USED') {
    super([
      {
        field: 'token',
        message:
          reason === 'EXPIRED'
            ? 'the link has expired: ask for a new one'
            : reason === 'USED'
              ? 'the link has already been used: ask for a new one'
              : 'the link is not valid',
      },
    ]);
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** The contact details a representative confirms or corrects through a link. */
export const contactCorrections = organisationCreate.pick({ email: true, phone: true, website: true, address: true }).partial().strict();

export class ContactRepository {
  constructor(
    private readonly engine: GraphEngine,
    private readonly organisations: OrganisationRepository,
  ) {}

  /** Creates a single-use link token for an organisation; returns the token (shown once, never stored). */
  async requestVerification(organisationId: string, actor: Actor, ttlMs = TOKEN_TTL_MS): Promise<Change<{ token: string; expiresAt: number; organisationId: string }>> {
    const id = parseInput(idSchema, organisationId, 'organisationId');
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    return this.engine.write(async (tx) => {
      if (!(await tx.run(organisations.version, { id })).length) throw new NotFoundError('Organisation', id, 'organisationId');
      await tx.run(verificationTokens.create, { id: hashToken(token), organisationId: id, createdBy: actor.id, createdAt: now, expiresAt: now + ttlMs });
      const auditId = await writeAudit(tx, { actor, action: 'REQUEST_VERIFICATION', entityType: 'Organisation', entityId: id, before: null, after: { expiresAt: now + ttlMs } });
      return { value: { token, expiresAt: now + ttlMs, organisationId: id }, auditId };
    });
  }

  /** What a link is for, without using it (the confirmation page shows the current details). */
  async inspect(token: string): Promise<{ token: VerificationTokenRecord; organisation: OrganisationRecord }> {
    const t = (await this.engine.read((tx) => tx.run(verificationTokens.byId, { id: hashToken(String(token)) })))[0]?.token;
    if (!t) throw new VerificationLinkError('UNKNOWN');
    if (t.usedAt) throw new VerificationLinkError('USED');
    if (t.expiresAt <= Date.now()) throw new VerificationLinkError('EXPIRED');
    const organisation = await this.organisations.get(t.organisationId);
    if (!organisation) throw new VerificationLinkError('UNKNOWN');
    return { token: t, organisation };
  }

  /**
   * Confirms (no corrections) or corrects an organisation's contact details through a link, and
   * sets contactVerifiedAt; the link is used up in the same transaction.
   */
  async confirm(token: string, correctionsInput: unknown): Promise<Change<OrganisationRecord>> {
    const corrections = parseInput(contactCorrections, correctionsInput ?? {}, 'corrections');
    const { token: t, organisation } = await this.inspect(token);
    const actor: Actor = { id: `verification:${t.id.slice(0, 16)}`, displayName: 'Organisationens företrädare (via kontaktlänk)' };
    let auditId = '';
    try {
      const value = await this.organisations.update(
        organisation.id,
        { ...definedOnly(corrections), contactVerifiedAt: Date.now(), version: organisation.version },
        actor,
        {
          afterWrite: async (tx, before, after) => {
            if (!(await tx.run(verificationTokens.use, { id: t.id, now: Date.now() })).length) throw new VerificationLinkError('USED');
            auditId = await writeAudit(tx, {
              actor,
              action: Object.keys(definedOnly(corrections)).length ? 'CORRECT_CONTACT' : 'CONFIRM_CONTACT',
              entityType: 'Organisation',
              entityId: organisation.id,
              before: { organisation: before },
              after: { organisation: after },
            });
          },
        },
      );
      return { value, auditId };
    } catch (error) {
      // Someone edited the organisation between reading and writing: the link is still unused, so try again.
      if (error instanceof ConflictError) return this.confirm(token, correctionsInput);
      throw error;
    }
  }

  /** Organisations whose contact details were not verified within `months` (never verified first). */
  async stale(months = STALE_AFTER_MONTHS, first = 50, offset = 0, now = Date.now()): Promise<{ nodes: OrganisationRecord[]; totalCount: number }> {
    const before = monthsBefore(now, months);
    return this.engine.read(async (tx) => ({
      nodes: (await tx.run(staleContacts.list, { before, skip: offset, limit: first })).map((r) => r.org),
      totalCount: (await tx.run(staleContacts.count, { before }))[0]?.n ?? 0,
    }));
  }

  // ---- contact persons -----------------------------------------------------------------------

  async persons(organisationId: string): Promise<ContactPersonRecord[]> {
    return (await this.engine.read((tx) => tx.run(contactPersons.forOrganisation, { organisationId }))).map((r) => r.person);
  }

  async person(id: string): Promise<ContactPersonRecord | null> {
    return (await this.engine.read((tx) => tx.run(contactPersons.byId, { id })))[0]?.person ?? null;
  }

  async addPerson(organisationId: string, input: unknown, actor: Actor, reason?: string | null): Promise<Change<ContactPersonRecord>> {
    const orgId = parseInput(idSchema, organisationId, 'organisationId');
    const data = parseInput(contactPersonInput, input);
    return this.engine.write(async (tx) => {
      if (!(await tx.run(organisations.version, { id: orgId })).length) throw new NotFoundError('Organisation', orgId, 'organisationId');
      const [row] = await tx.run(contactPersons.create, { id: `person:${randomUUID()}`, organisationId: orgId, ...nulls(data), now: Date.now() });
      const auditId = await writeAudit(tx, { actor, action: 'CREATE', entityType: 'ContactPerson', entityId: row!.person.id, before: null, after: row!.person, reason });
      return { value: row!.person, auditId };
    });
  }

  async updatePerson(id: string, input: unknown, actor: Actor, reason?: string | null): Promise<Change<ContactPersonRecord>> {
    const data = parseInput(contactPersonInput.partial().extend({ version: z.number().int().min(0) }), input);
    return this.engine.write(async (tx) => {
      if (!(await lockEntity(tx, 'ContactPerson', id))) throw new NotFoundError('ContactPerson', id);
      const [current] = await tx.run(contactPersons.byId, { id });
      if (!current) throw new NotFoundError('ContactPerson', id);
      const p = current.person;
      if (p.version !== data.version) throw new ConflictError(`ContactPerson ${id} was changed by someone else (you edited version ${data.version}, it is now ${p.version})`, 'input.version');
      const merged = { name: data.name ?? p.name, email: data.email !== undefined ? data.email : p.email, phone: data.phone !== undefined ? data.phone : p.phone, title: data.title !== undefined ? data.title : p.title, purpose: data.purpose ?? p.purpose };
      const [row] = await tx.run(contactPersons.update, { id, organisationId: p.organisationId, ...nulls(merged), now: Date.now(), version: data.version });
      const auditId = await writeAudit(tx, { actor, action: 'UPDATE', entityType: 'ContactPerson', entityId: id, before: p, after: row!.person, reason });
      return { value: row!.person, auditId };
    });
  }

  async removePerson(id: string, version: number, actor: Actor, reason?: string | null): Promise<Change<{ id: string; organisationId: string }>> {
    return this.engine.write(async (tx) => {
      if (!(await lockEntity(tx, 'ContactPerson', id))) throw new NotFoundError('ContactPerson', id);
      const [current] = await tx.run(contactPersons.byId, { id });
      if (!current) throw new NotFoundError('ContactPerson', id);
      if (current.person.version !== version) throw new ConflictError(`ContactPerson ${id} was changed by someone else (you read version ${version}, it is now ${current.person.version})`, 'version');
      await tx.run(contactPersons.delete, { id });
      const auditId = await writeAudit(tx, { actor, action: 'DELETE', entityType: 'ContactPerson', entityId: id, before: current.person, after: null, reason });
      return { value: { id, organisationId: current.person.organisationId }, auditId };
    });
  }
}

/** `months` calendar months before `now` (UTC). */
export function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

function nulls(p: { name: string; email?: string | null; phone?: string | null; title?: string | null; purpose: string }) {
  return { name: p.name, email: p.email ?? null, phone: p.phone ?? null, title: p.title ?? null, purpose: p.purpose };
}
