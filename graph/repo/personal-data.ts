/**
 * GDPR rights over the store: access (art. 15) gathers everything held about an e-mail address;
 * erasure (art. 17) deletes the person's account and contact-person entries, clears an
 * organisation e-mail that is theirs, and pseudonymises the audit trail (records stay, with
 * the person's name, address and phone replaced), in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { GraphEngine, Tx } from '../engines/port.js';
import { users } from '../cypher/statements/users.js';
import { sessions } from '../cypher/statements/sessions.js';
import { audit, type AuditRecordRow } from '../cypher/statements/audit.js';
import { contactPersons, type ContactPersonRecord } from '../cypher/statements/contacts.js';
import { editing } from '../cypher/statements/editing.js';
import { parseInput } from '../validation/inputs.js';
import { toAuditRecord, writeAudit, type AuditRecord } from './audit.js';
import { assertAnotherAdmin, publicUser, userEmail, type PublicUser } from './users.js';
import type { Actor } from './actor.js';

export const ERASED = '[raderad]';
export const ERASED_ACTOR = 'Raderad användare';

export interface PersonalDataExport {
  email: string;
  exportedAt: number;
  users: PublicUser[];
  contactPersons: ContactPersonRecord[];
  /** Changes the person made. */
  changesMade: AuditRecord[];
  /** Other records that mention the person (as a contact person, a user an admin changed…). */
  mentionedIn: AuditRecord[];
  organisationsWithThisEmail: string[];
}

export interface ErasureReport {
  usersErased: number;
  contactPersonsErased: number;
  auditRecordsPseudonymised: number;
  organisationEmailsCleared: number;
  /** Sources whose title or publisher named the person. */
  sourcesRewritten: number;
  auditId: string;
}

export class PersonalDataService {
  constructor(private readonly engine: GraphEngine) {}

  async export(emailInput: string, actor: Actor): Promise<PersonalDataExport> {
    const email = parseInput(userEmail, emailInput, 'email');
    return this.engine.write(async (tx) => {
      const found = await gather(tx, email);
      const changesMade: AuditRecord[] = [];
      for (const u of found.users) for (const r of await tx.run(audit.byActor, { actorId: u.id })) changesMade.push(toAuditRecord(r.record));
      const mentionedIn = (await mentioning(tx, found.terms)).map(toAuditRecord).filter((r) => !changesMade.some((c) => c.id === r.id));
      // The disclosure is recorded without the address itself.
      await writeAudit(tx, { actor, action: 'EXPORT', entityType: 'PersonalData', entityId: `request:${randomUUID()}`, before: null, after: { users: found.users.length, contactPersons: found.persons.length } });
      return {
        email,
        exportedAt: Date.now(),
        users: found.users.map(publicUser),
        contactPersons: found.persons,
        changesMade,
        mentionedIn,
        organisationsWithThisEmail: found.organisations,
      };
    });
  }

  async erase(emailInput: string, actor: Actor, reason?: string | null): Promise<ErasureReport> {
    const email = parseInput(userEmail, emailInput, 'email');
    return this.engine.write(async (tx) => {
      const found = await gather(tx, email);
      // Erasing the last admin who can sign in would leave nobody to manage users.
      const admins = found.users.filter((u) => u.role === 'ADMIN' && !u.disabled).map((u) => u.id);
      if (admins.length) await assertAnotherAdmin(tx, admins, 'email');
      const pseudonyms = new Map<string, string>();
      for (const u of found.users) {
        const pseudonym = `erased:${randomUUID()}`;
        pseudonyms.set(u.id, pseudonym);
        for (const r of await tx.run(audit.byActor, { actorId: u.id })) {
          const row = r.record;
          await tx.run(audit.pseudonymise, { id: row.id, actorId: pseudonym, actorName: ERASED_ACTOR, before: row.before, after: row.after, reason: row.reason });
        }
        await tx.run(sessions.deleteForUser, { userId: u.id });
        await tx.run(editing.renameSource, { id: `src:person:${u.id}`, title: 'Uppgift från en raderad användare' });
        await tx.run(users.delete, { id: u.id });
      }
      for (const p of found.persons) await tx.run(contactPersons.delete, { id: p.id });
      let cleared = 0;
      for (const id of found.organisations) {
        await tx.run(editing.clearOrganisationEmail, { id, now: Date.now() });
        await writeAudit(tx, { actor, action: 'ERASE_EMAIL', entityType: 'Organisation', entityId: id, before: { email: ERASED }, after: { email: null }, reason: 'GDPR art. 17' });
        cleared++;
      }
      let rewritten = 0;
      for (const row of await mentioning(tx, found.terms)) {
        await tx.run(audit.pseudonymise, {
          id: row.id,
          actorId: pseudonyms.get(row.actorId) ?? row.actorId,
          actorName: scrubText(row.actorName, found.terms) ?? '',
          before: scrubJson(row.before, found.terms),
          after: scrubJson(row.after, found.terms),
          reason: scrubText(row.reason, found.terms) ?? '',
        });
        rewritten++;
      }
      // Sources that name the person (an import's publisher, a title): the name goes, the source stays.
      const sources = new Map<string, { title: string; publisher: string | null }>();
      for (const text of found.terms) for (const r of await tx.run(editing.sourcesMentioning, { text })) sources.set(r.id, { title: r.title, publisher: r.publisher });
      for (const [id, src] of sources) {
        await tx.run(editing.rewriteSource, { id, title: scrubText(src.title, found.terms) ?? '', publisher: scrubText(src.publisher, found.terms) ?? '' });
      }
      const report = { usersErased: found.users.length, contactPersonsErased: found.persons.length, auditRecordsPseudonymised: rewritten, organisationEmailsCleared: cleared, sourcesRewritten: sources.size };
      const auditId = await writeAudit(tx, { actor, action: 'ERASE', entityType: 'PersonalData', entityId: `request:${randomUUID()}`, before: null, after: report, reason: reason ?? 'GDPR art. 17' });
      return { ...report, auditId };
    });
  }
}

/** Everything the store holds about an address, and the strings (address, names, phones) that identify the person. */
async function gather(tx: Tx, email: string) {
  const userRows = (await tx.run(users.byEmail, { email })).map((r) => r.user);
  const persons = (await tx.run(contactPersons.byEmail, { email })).map((r) => r.person);
  const organisations = (await tx.run(editing.organisationsWithEmail, { email })).map((r) => r.id);
  const terms = new Set<string>([email]);
  for (const u of userRows) if (u.displayName.trim().length >= 3) terms.add(u.displayName.trim());
  for (const p of persons) {
    if (p.name.trim().length >= 3) terms.add(p.name.trim());
    if (p.phone && p.phone.replace(/\D/g, '').length >= 6) terms.add(p.phone);
  }
  return { users: userRows, persons, organisations, terms: [...terms] };
}

async function mentioning(tx: Tx, terms: readonly string[]): Promise<AuditRecordRow[]> {
  const byId = new Map<string, AuditRecordRow>();
  for (const text of terms) for (const r of await tx.run(audit.mentioning, { text })) byId.set(r.record.id, r.record);
  return [...byId.values()];
}

function scrubText(s: string | null, terms: readonly string[]): string | null {
  if (!s) return s;
  let out = s;
  for (const t of terms) out = out.split(t).join(ERASED);
  return out;
}

/** Replaces the terms inside every string of a JSON snapshot (structure kept, so it still parses). */
function scrubJson(s: string | null, terms: readonly string[]): string | null {
  if (!s) return s;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubText(v, terms);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return JSON.stringify(walk(JSON.parse(s)));
}
