/**
 * Editors' changes with their audit trail: every change and its AuditRecord commit in one
 * transaction (graph/repo/audit.ts), updates and deletes carry the version the editor read
 * (optimistic concurrency), and a recorded change can be reverted when nothing changed the
 * entity since.
 */
import type { GraphEngine, Tx } from '../engines/port.js';
import { organisations } from '../cypher/statements/organisations.js';
import { agreements, collaborations, type AgreementRecord, type CollaborationRecord } from '../cypher/statements/agreements.js';
import { editing } from '../cypher/statements/editing.js';
import { audit } from '../cypher/statements/audit.js';
import { decisions } from '../cypher/statements/decisions.js';
import { districts, publicBodies, sources, type PublicBodyRecord } from '../cypher/statements/catalogue.js';
import { io } from '../cypher/statements/io.js';
import { linkStatement, outgoingOneStatement, unlinkStatement, type PairKey } from '../cypher/statements/links.js';
import { bulkStatements } from '../bulk/statements.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { searchText } from '../text/fold.js';
import { agreementCreate, collaborationCreate, idSchema, parseInput, publicBodyCreate, type AgreementCreate, type PublicBodyCreate } from '../validation/inputs.js';
import { agreementUpdate, collaborationUpdate, partyInput, periodProblems, publicBodyUpdate } from '../validation/editing.js';
import { z } from 'zod';
import { newId } from './ids.js';
import { personSource, type Actor } from './actor.js';
import { assertLatest, toAuditRecord, writeAudit, type AuditEntityType, type AuditRecord } from './audit.js';
import { ORGANISATION_LINKS, SELF_UMBRELLA, storedLinkParams, type LinkRepository, type OrganisationLinkKind } from './links.js';
import { organisationFields, type OrganisationRepository } from './organisations.js';
import type { LinkRecord, OrganisationRecord } from '../model/records.js';
import { definedOnly } from './patch.js';
import { lockEntity } from './lock.js';
import { prepareRemoval, type OrganisationSnapshot } from './organisation-removal.js';
import { revertImport } from './import-revert.js';
import { mergedInto, mergeOrganisations, previewMerge, undoMerge, type MergePlan } from './merging.js';

/** A committed change and the audit record written with it. */
export interface Change<T> {
  value: T;
  auditId: string;
}

export type { OrganisationSnapshot };

interface LinkSnapshot {
  kind: string;
  targetId: string;
  role?: string | null;
  note?: string | null;
  link?: LinkRecord | null;
}

const KINDS = Object.keys(ORGANISATION_LINKS) as OrganisationLinkKind[];
const PARTY_LABELS = ['Organisation', 'PublicBody'] as const;

export class EditingService {
  constructor(
    private readonly engine: GraphEngine,
    private readonly organisations: OrganisationRepository,
    private readonly links: LinkRepository,
  ) {}

  // ---- organisations -------------------------------------------------------------------------

  async createOrganisation(input: unknown, actor: Actor, reason?: string | null): Promise<Change<OrganisationRecord>> {
    let auditId = '';
    const value = await this.organisations.create(input, actor, {
      afterWrite: async (tx, _before, after) => {
        auditId = await writeAudit(tx, { actor, action: 'CREATE', entityType: 'Organisation', entityId: after!.id, before: null, after: { organisation: after }, reason });
      },
    });
    return { value, auditId };
  }

  async updateOrganisation(id: string, input: unknown, actor: Actor, reason?: string | null, revertOf?: AuditRecord): Promise<Change<OrganisationRecord>> {
    let auditId = '';
    const value = await this.organisations.update(id, input, actor, {
      afterWrite: async (tx, before, after) => {
        if (revertOf) await assertLatest(tx, revertOf);
        auditId = await writeAudit(tx, {
          actor,
          action: 'UPDATE',
          entityType: 'Organisation',
          entityId: id,
          before: { organisation: before },
          after: { organisation: after },
          reason,
          revertOf: revertOf?.id ?? null,
        });
      },
    });
    return { value, auditId };
  }

  async deleteOrganisation(id: string, version: number, actor: Actor, reason?: string | null, revertOf?: AuditRecord): Promise<Change<{ id: string }>> {
    let auditId = '';
    await this.organisations.delete(id, {
      version,
      beforeDelete: async (tx, current) => {
        if (revertOf) await assertLatest(tx, revertOf);
        const links = await prepareRemoval(tx, id);
        auditId = await writeAudit(tx, {
          actor,
          action: 'DELETE',
          entityType: 'Organisation',
          entityId: id,
          before: { organisation: current, links } satisfies OrganisationSnapshot,
          after: null,
          reason,
          revertOf: revertOf?.id ?? null,
        });
      },
    });
    return { value: { id }, auditId };
  }

  /** Merges one record of an organisation into another (graph/repo/merging.ts), undoable with `revert`. */
  async mergeOrganisations(input: unknown, actor: Actor, reason?: string | null): Promise<Change<OrganisationRecord>> {
    return mergeOrganisations(this.engine, input, actor, reason);
  }

  /** What `mergeOrganisations` would do, without writing. */
  async previewMerge(input: unknown): Promise<MergePlan> {
    return previewMerge(this.engine, input);
  }

  /** The organisation a merged record's id now leads to, if it was merged. */
  async mergedInto(id: string): Promise<string | null> {
    return mergedInto(this.engine, id);
  }

  /** Adds (or updates the role/note of) one link of an organisation: a target group, district, resource… */
  async addOrganisationLink(
    kind: OrganisationLinkKind,
    args: { organisationId: string; targetId: string; role?: string | null; note?: string | null },
    actor: Actor,
    reason?: string | null,
    revertOf?: AuditRecord,
  ): Promise<Change<{ organisationId: string }>> {
    let auditId = '';
    const pair = ORGANISATION_LINKS[kind];
    // The link may exist already (then this changes its role or note): recorded as LINK_UPDATE with what it was.
    const existing =
      typeof args.organisationId === 'string' && typeof args.targetId === 'string'
        ? ((await this.engine.read((tx) => tx.run(outgoingOneStatement(pair), { id: args.organisationId }))).find((r) => r.link.id === args.targetId)?.link ?? null)
        : null;
    await this.links.link(kind, { organisationId: args.organisationId, targetId: args.targetId, role: args.role ?? null, note: args.note ?? null }, actor, async (tx) => {
      if (revertOf) await assertLatest(tx, revertOf);
      const after: LinkSnapshot = { kind, targetId: args.targetId, role: args.role ?? null, note: args.note ?? null };
      const before: LinkSnapshot | null = existing ? { kind, targetId: args.targetId, role: existing.role, note: existing.detail, link: existing } : null;
      auditId = await writeAudit(tx, { actor, action: existing ? 'LINK_UPDATE' : 'LINK_ADD', entityType: 'Organisation', entityId: args.organisationId, before, after, reason, revertOf: revertOf?.id ?? null });
    });
    return { value: { organisationId: args.organisationId }, auditId };
  }

  async removeOrganisationLink(
    kind: OrganisationLinkKind,
    args: { organisationId: string; targetId: string },
    actor: Actor,
    reason?: string | null,
    revertOf?: AuditRecord,
  ): Promise<Change<{ organisationId: string; removed: boolean }>> {
    const organisationId = parseInput(idSchema, args.organisationId, 'input.organisationId');
    const targetId = parseInput(idSchema, args.targetId, 'input.targetId');
    const pair = ORGANISATION_LINKS[kind];
    return this.engine.write(async (tx) => {
      if (!(await tx.run(organisations.version, { id: organisationId })).length) throw new NotFoundError('Organisation', organisationId, 'input.organisationId');
      if (revertOf) await assertLatest(tx, revertOf);
      const existing = (await tx.run(outgoingOneStatement(pair), { id: organisationId })).find((r) => r.link.id === targetId)?.link ?? null;
      if (!existing) throw new NotFoundError(`${pair.type} link to`, targetId, 'input.targetId');
      await tx.run(unlinkStatement(pair), { from: organisationId, to: targetId });
      const before: LinkSnapshot = { kind, targetId, role: existing.role, note: existing.detail, link: existing };
      const auditId = await writeAudit(tx, { actor, action: 'LINK_REMOVE', entityType: 'Organisation', entityId: organisationId, before, after: null, reason, revertOf: revertOf?.id ?? null });
      return { value: { organisationId, removed: true }, auditId };
    });
  }

  /**
   * Replaces one kind of an organisation's links (all its target groups, say) at the version the
   * editor read; the organisation's version goes up, so a concurrent replacement conflicts.
   */
  async setOrganisationLinks(
    kind: OrganisationLinkKind,
    args: { organisationId: string; targetIds: string[]; version: number },
    actor: Actor,
    reason?: string | null,
  ): Promise<Change<{ organisationId: string }>> {
    const input = parseInput(z.object({ organisationId: idSchema, targetIds: z.array(idSchema).max(500), version: z.number().int().min(0) }), args);
    const pair = ORGANISATION_LINKS[kind];
    const self = kind === 'umbrella' ? input.targetIds.indexOf(input.organisationId) : -1;
    if (self >= 0) throw new ValidationError([{ field: `input.targetIds.${self}`, message: SELF_UMBRELLA }]);
    return this.engine.write(async (tx) => {
      if (!(await lockEntity(tx, 'Organisation', input.organisationId))) throw new NotFoundError('Organisation', input.organisationId, 'input.organisationId');
      const [current] = await tx.run(organisations.byId, { id: input.organisationId });
      if (!current) throw new NotFoundError('Organisation', input.organisationId, 'input.organisationId');
      if (current.org.version !== input.version) throw conflict('Organisation', input.organisationId, input.version, current.org.version);
      const wanted = [...new Set(input.targetIds)];
      const found = new Set((await tx.run(bulkStatements.existingIds[pair.to], { ids: wanted.length ? wanted : ['-'] })).map((r) => r.id));
      const missing = wanted.flatMap((id, i) => (found.has(id) ? [] : [{ field: `input.targetIds.${i}`, message: `${pair.to} ${JSON.stringify(id)} does not exist` }]));
      if (missing.length) throw new ValidationError(missing);
      const before = (await tx.run(outgoingOneStatement(pair), { id: input.organisationId })).map((r) => r.link.id);
      const source = await personSource(tx, actor);
      const now = Date.now();
      for (const id of before) if (!wanted.includes(id)) await tx.run(unlinkStatement(pair), { from: input.organisationId, to: id });
      for (const id of wanted) {
        if (before.includes(id)) continue;
        await tx.run(linkStatement(pair), linkParams(input.organisationId, id, source.sourceId, now));
      }
      await tx.run(editing.touchOrganisation, { id: input.organisationId, version: input.version, now });
      const auditId = await writeAudit(tx, {
        actor,
        action: 'SET_LINKS',
        entityType: 'Organisation',
        entityId: input.organisationId,
        before: { kind, targetIds: before },
        after: { kind, targetIds: wanted },
        reason,
      });
      return { value: { organisationId: input.organisationId }, auditId };
    });
  }

  /**
   * Undoes a decision on a partnership suggestion: the decision standing before it is recorded
   * again (with its reason, by the person undoing), or, when there was none, the pair has no
   * decision. Only the organisation's latest change is undone, as with the others.
   */
  private async revertSuggestionDecision(record: AuditRecord, actor: Actor, reason: string): Promise<Change<{ organisationId: string }>> {
    const before = record.before as { candidateId: string; candidateName?: string | null; decision: string; reason: string | null } | null;
    const after = record.after as { candidateId: string; candidateName?: string | null; decision: string } | null;
    const candidateId = after?.candidateId ?? before?.candidateId;
    if (!candidateId) throw new ValidationError([{ field: 'auditId', message: 'the record names no partner' }]);
    return this.engine.write(async (tx) => {
      await assertLatest(tx, record);
      const organisationId = record.entityId;
      // A revert of a first decision recorded "NONE": undoing that revert brings the decision back, and vice versa.
      if (before && before.decision !== 'NONE') {
        const source = await personSource(tx, actor);
        await tx.run(decisions.record, { organisationId, candidateId, decision: before.decision, reason: before.reason ?? '', decidedBy: actor.id, sourceId: source.sourceId, now: Date.now() });
      } else await tx.run(decisions.remove, { organisationId, candidateId });
      const auditId = await writeAudit(tx, {
        actor,
        action: 'SUGGESTION_DECISION',
        entityType: 'Organisation',
        entityId: organisationId,
        before: after,
        after: before && before.decision !== 'NONE' ? before : { candidateId, candidateName: after?.candidateName ?? null, decision: 'NONE', reason: null },
        reason,
        revertOf: record.id,
      });
      return { value: { organisationId }, auditId };
    });
  }

  // ---- agreements ----------------------------------------------------------------------------

  async createAgreement(input: unknown, actor: Actor, reason?: string | null): Promise<Change<AgreementRecord>> {
    const data = parseInput(agreementCreate, input);
    assertPeriod(periodProblems(data.startDate, data.endDate, 'input.endDate'));
    return this.engine.write(async (tx) => {
      const source = await personSource(tx, actor);
      const id = data.id ?? (await freeId(tx, 'agr', data.name, 'Agreement'));
      if (data.id && (await tx.run(agreements.byIds, { ids: [data.id] })).length) {
        throw new ValidationError([{ field: 'input.id', message: `${JSON.stringify(data.id)} is already taken` }]);
      }
      const now = Date.now();
      assertValueRange(data);
      const [row] = await tx.run(agreements.create, agreementWrite(id, data, source.sourceId, now));
      const covers = await setCoverage(tx, id, data.covers ?? [], source.sourceId, now);
      const parties: { id: string; role: string }[] = [];
      for (const [i, p] of data.parties.entries()) {
        const label = await partyLabel(tx, p.id, `input.parties.${i}.id`);
        await tx.run(linkStatement({ type: 'PARTY_TO', from: label, to: 'Agreement' }), { ...linkParams(p.id, id, source.sourceId, now), role: p.role });
        parties.push({ id: p.id, role: p.role });
      }
      const auditId = await writeAudit(tx, { actor, action: 'CREATE', entityType: 'Agreement', entityId: id, before: null, after: { agreement: row!.agreement, parties, covers }, reason });
      return { value: row!.agreement, auditId };
    });
  }

  async updateAgreement(id: string, input: unknown, actor: Actor, reason?: string | null, revertOf?: AuditRecord): Promise<Change<AgreementRecord>> {
    const patch = parseInput(agreementUpdate, input);
    return this.engine.write(async (tx) => {
      if (!(await lockEntity(tx, 'Agreement', id))) throw new NotFoundError('Agreement', id);
      const [current] = await tx.run(agreements.byIds, { ids: [id] });
      if (!current) throw new NotFoundError('Agreement', id);
      if ((current.agreement.version ?? 0) !== patch.version) throw conflict('Agreement', id, patch.version, current.agreement.version ?? 0, 'input.version');
      if (revertOf) await assertLatest(tx, revertOf);
      const source = await personSource(tx, actor);
      const a = current.agreement;
      const { version: _v, ...fields } = patch;
      // definedOnly drops what was left out and keeps null, which clears the property.
      const { covers: coversPatch, ...scalars } = definedOnly(fields);
      const merged = { ...agreementFields(a), ...scalars } as AgreementCreate;
      assertPeriod(changedPeriodProblems(a, patch, merged));
      assertValueRange(merged);
      const now = Date.now();
      const written = await tx.run(editing.updateAgreement, { ...agreementWrite(id, merged, source.sourceId, now), version: patch.version });
      if (!written.length) throw conflict('Agreement', id, patch.version, -1, 'input.version');
      const coversBefore = (await tx.run(agreements.covers, { ids: [id] })).map((r) => r.link.id);
      // Left out: the coverage stays; given (even empty): it is replaced.
      const coversAfter = coversPatch === undefined ? coversBefore : await setCoverage(tx, id, coversPatch ?? [], source.sourceId, now);
      const [after] = await tx.run(agreements.byIds, { ids: [id] });
      const auditId = await writeAudit(tx, {
        actor,
        action: 'UPDATE',
        entityType: 'Agreement',
        entityId: id,
        before: { agreement: a, covers: coversBefore },
        after: { agreement: after!.agreement, covers: coversAfter },
        reason,
        revertOf: revertOf?.id ?? null,
      });
      return { value: after!.agreement, auditId };
    });
  }

  async deleteAgreement(id: string, version: number, actor: Actor, reason?: string | null): Promise<Change<{ id: string }>> {
    return this.engine.write(async (tx) => {
      if (!(await lockEntity(tx, 'Agreement', id))) throw new NotFoundError('Agreement', id);
      const [current] = await tx.run(agreements.byIds, { ids: [id] });
      if (!current) throw new NotFoundError('Agreement', id);
      if ((current.agreement.version ?? 0) !== version) throw conflict('Agreement', id, version, current.agreement.version ?? 0, 'version');
      await tx.run(agreements.delete, { id });
      const auditId = await writeAudit(tx, { actor, action: 'DELETE', entityType: 'Agreement', entityId: id, before: { agreement: current.agreement }, after: null, reason });
      return { value: { id }, auditId };
    });
  }

  /** Adds a party (organisation or public body) to an agreement, or changes its role. */
  async addAgreementParty(agreementId: string, party: unknown, actor: Actor, reason?: string | null, revertOf?: AuditRecord): Promise<Change<{ id: string }>> {
    return this.addMember('Agreement', 'PARTY_TO', agreementId, party, actor, reason, revertOf);
  }

  async removeAgreementParty(agreementId: string, partyId: string, actor: Actor, reason?: string | null, revertOf?: AuditRecord): Promise<Change<{ id: string }>> {
    return this.removeMember('Agreement', 'PARTY_TO', agreementId, partyId, actor, reason, revertOf);
  }

  // ---- public bodies -------------------------------------------------------------------------

  /** A new public body, with the body it is part of and the districts it covers, as the editor's entry. */
  async createPublicBody(input: unknown, actor: Actor, reason?: string | null): Promise<Change<PublicBodyRecord>> {
    const data = parseInput(publicBodyCreate, input);
    assertPeriod(periodProblems(data.validFrom, data.validTo, 'input.validTo'));
    return this.engine.write(async (tx) => {
      const source = await personSource(tx, actor);
      const id = data.id ?? (await freeId(tx, 'pb', data.name, 'PublicBody'));
      if (data.id && (await tx.run(bulkStatements.existingIds.PublicBody, { ids: [data.id] })).length) {
        throw new ValidationError([{ field: 'input.id', message: `${JSON.stringify(data.id)} is already taken` }]);
      }
      const now = Date.now();
      await tx.run(publicBodies.create, publicBodyWrite(id, data, source.sourceId, now));
      await setBodyLinks(tx, id, { partOfId: data.partOfId ?? null, covers: data.covers ?? [] }, source.sourceId, now);
      const [row] = await tx.run(publicBodies.byIds, { ids: [id] });
      const auditId = await writeAudit(tx, { actor, action: 'CREATE', entityType: 'PublicBody', entityId: id, before: null, after: { publicBody: row!.body }, reason });
      return { value: row!.body, auditId };
    });
  }

  /** Changes a public body at the version the editor read; links left out stay, given ones are replaced. */
  async updatePublicBody(id: string, input: unknown, actor: Actor, reason?: string | null): Promise<Change<PublicBodyRecord>> {
    const patch = parseInput(publicBodyUpdate, input);
    return this.engine.write(async (tx) => {
      if (!(await lockEntity(tx, 'PublicBody', id))) throw new NotFoundError('PublicBody', id);
      const [current] = await tx.run(publicBodies.byIds, { ids: [id] });
      if (!current) throw new NotFoundError('PublicBody', id);
      const b = current.body;
      if ((b.version ?? 0) !== patch.version) throw conflict('PublicBody', id, patch.version, b.version ?? 0, 'input.version');
      const source = await personSource(tx, actor);
      const { version: _v, partOfId, covers, ...fields } = patch;
      const merged = {
        name: b.name,
        nameEn: b.nameEn,
        kind: b.kind,
        level: b.level,
        formerNames: b.formerNames ?? [],
        validFrom: b.validFrom,
        validTo: b.validTo,
        ...definedOnly(fields),
      } as PublicBodyCreate;
      if (patch.validFrom !== undefined || patch.validTo !== undefined) assertPeriod(periodProblems(merged.validFrom, merged.validTo, 'input.validTo'));
      const now = Date.now();
      if (!(await tx.run(publicBodies.update, { ...publicBodyWrite(id, merged, source.sourceId, now), version: patch.version })).length) {
        throw conflict('PublicBody', id, patch.version, -1, 'input.version');
      }
      await setBodyLinks(tx, id, { ...(partOfId !== undefined ? { partOfId } : {}), ...(covers !== undefined ? { covers: covers ?? [] } : {}) }, source.sourceId, now);
      const [after] = await tx.run(publicBodies.byIds, { ids: [id] });
      const auditId = await writeAudit(tx, { actor, action: 'UPDATE', entityType: 'PublicBody', entityId: id, before: { publicBody: b }, after: { publicBody: after!.body }, reason });
      return { value: after!.body, auditId };
    });
  }

  // ---- collaborations ------------------------------------------------------------------------

  async createCollaboration(input: unknown, actor: Actor, reason?: string | null): Promise<Change<CollaborationRecord>> {
    const data = parseInput(collaborationCreate, input);
    assertPeriod(periodProblems(data.startDate, data.endDate, 'input.endDate'));
    return this.engine.write(async (tx) => {
      const source = await personSource(tx, actor);
      const id = data.id ?? (await freeId(tx, 'collab', data.name, 'Collaboration'));
      if (data.id && (await tx.run(collaborations.byIds, { ids: [data.id] })).length) {
        throw new ValidationError([{ field: 'input.id', message: `${JSON.stringify(data.id)} is already taken` }]);
      }
      const now = Date.now();
      const [row] = await tx.run(collaborations.create, {
        id,
        name: data.name,
        kind: data.kind,
        description: data.description ?? null,
        startDate: data.startDate ?? null,
        endDate: data.endDate ?? null,
        sourceId: source.sourceId,
        basis: 'ENTERED',
        now,
      });
      const participantIds = [...new Set(data.participantIds)];
      for (const [i, pid] of participantIds.entries()) {
        const label = await partyLabel(tx, pid, `input.participantIds.${i}`);
        await tx.run(linkStatement({ type: 'PARTICIPATES_IN', from: label, to: 'Collaboration' }), linkParams(pid, id, source.sourceId, now));
      }
      const auditId = await writeAudit(tx, { actor, action: 'CREATE', entityType: 'Collaboration', entityId: id, before: null, after: { collaboration: row!.collaboration, participantIds }, reason });
      return { value: row!.collaboration, auditId };
    });
  }

  async updateCollaboration(id: string, input: unknown, actor: Actor, reason?: string | null, revertOf?: AuditRecord): Promise<Change<CollaborationRecord>> {
    const patch = parseInput(collaborationUpdate, input);
    return this.engine.write(async (tx) => {
      if (!(await lockEntity(tx, 'Collaboration', id))) throw new NotFoundError('Collaboration', id);
      const [current] = await tx.run(collaborations.byIds, { ids: [id] });
      if (!current) throw new NotFoundError('Collaboration', id);
      const c = current.collaboration;
      if ((c.version ?? 0) !== patch.version) throw conflict('Collaboration', id, patch.version, c.version ?? 0, 'input.version');
      if (revertOf) await assertLatest(tx, revertOf);
      const source = await personSource(tx, actor);
      const merged = {
        name: patch.name ?? c.name,
        kind: patch.kind ?? c.kind,
        description: patch.description !== undefined ? patch.description : c.description,
        startDate: patch.startDate !== undefined ? patch.startDate : c.startDate,
        endDate: patch.endDate !== undefined ? patch.endDate : c.endDate,
      };
      assertPeriod(changedPeriodProblems(c, patch, merged));
      const written = await tx.run(editing.updateCollaboration, {
        id,
        ...merged,
        description: merged.description ?? null,
        startDate: merged.startDate ?? null,
        endDate: merged.endDate ?? null,
        sourceId: source.sourceId,
        basis: 'ENTERED',
        now: Date.now(),
        version: patch.version,
      });
      if (!written.length) throw conflict('Collaboration', id, patch.version, -1, 'input.version');
      const [after] = await tx.run(collaborations.byIds, { ids: [id] });
      const auditId = await writeAudit(tx, { actor, action: 'UPDATE', entityType: 'Collaboration', entityId: id, before: { collaboration: c }, after: { collaboration: after!.collaboration }, reason, revertOf: revertOf?.id ?? null });
      return { value: after!.collaboration, auditId };
    });
  }

  async deleteCollaboration(id: string, version: number, actor: Actor, reason?: string | null): Promise<Change<{ id: string }>> {
    return this.engine.write(async (tx) => {
      if (!(await lockEntity(tx, 'Collaboration', id))) throw new NotFoundError('Collaboration', id);
      const [current] = await tx.run(collaborations.byIds, { ids: [id] });
      if (!current) throw new NotFoundError('Collaboration', id);
      if ((current.collaboration.version ?? 0) !== version) throw conflict('Collaboration', id, version, current.collaboration.version ?? 0, 'version');
      await tx.run(collaborations.delete, { id });
      const auditId = await writeAudit(tx, { actor, action: 'DELETE', entityType: 'Collaboration', entityId: id, before: { collaboration: current.collaboration }, after: null, reason });
      return { value: { id }, auditId };
    });
  }

  async addParticipant(collaborationId: string, participant: unknown, actor: Actor, reason?: string | null, revertOf?: AuditRecord): Promise<Change<{ id: string }>> {
    return this.addMember('Collaboration', 'PARTICIPATES_IN', collaborationId, participant, actor, reason, revertOf);
  }

  async removeParticipant(collaborationId: string, participantId: string, actor: Actor, reason?: string | null, revertOf?: AuditRecord): Promise<Change<{ id: string }>> {
    return this.removeMember('Collaboration', 'PARTICIPATES_IN', collaborationId, participantId, actor, reason, revertOf);
  }

  // ---- revert --------------------------------------------------------------------------------

  /**
   * Undoes one recorded change, itself as a recorded change (revertOf = the original). Refused
   * with a conflict when the entity changed after it: revert the later change first.
   */
  async revert(auditId: string, actor: Actor, reason?: string | null): Promise<Change<{ entityType: string; entityId: string }>> {
    const id = parseInput(idSchema, auditId, 'auditId');
    const [row] = await this.engine.read((tx) => tx.run(audit.byId, { id }));
    if (!row) throw new NotFoundError('AuditRecord', id, 'auditId');
    const record = toAuditRecord(row.record);
    const why = reason ?? `Återställer ändring ${record.id}`;
    const done = (c: Change<unknown>) => ({ value: { entityType: record.entityType, entityId: record.entityId }, auditId: c.auditId });
    const before = record.before as Record<string, unknown> | null;
    const after = record.after as Record<string, unknown> | null;

    if (record.entityType === 'Organisation') {
      switch (record.action) {
        case 'CREATE': {
          const org = (after as unknown as OrganisationSnapshot).organisation;
          const current = await this.organisations.get(record.entityId);
          if (!current) throw new NotFoundError('Organisation', record.entityId, 'auditId');
          return done(await this.deleteOrganisation(record.entityId, current.version ?? org.version, actor, why, record));
        }
        case 'UPDATE': {
          const org = (before as unknown as OrganisationSnapshot).organisation;
          const current = await this.organisations.get(record.entityId);
          if (!current) throw new NotFoundError('Organisation', record.entityId, 'auditId');
          return done(await this.updateOrganisation(record.entityId, { ...organisationFields(org), version: current.version }, actor, why, record));
        }
        case 'DELETE':
          return done(await this.restoreOrganisation(before as unknown as OrganisationSnapshot, actor, why, record));
        case 'LINK_ADD': {
          const l = after as unknown as LinkSnapshot;
          return done(await this.removeOrganisationLink(l.kind as OrganisationLinkKind, { organisationId: record.entityId, targetId: l.targetId }, actor, why, record));
        }
        case 'LINK_REMOVE': {
          const l = before as unknown as LinkSnapshot;
          return done(await this.addOrganisationLink(l.kind as OrganisationLinkKind, { organisationId: record.entityId, targetId: l.targetId, role: l.role ?? null, note: l.link?.detail ?? null }, actor, why, record));
        }
        case 'SUGGESTION_DECISION':
          return done(await this.revertSuggestionDecision(record, actor, why));
        case 'MERGE':
        case 'MERGED_INTO':
          return done(await undoMerge(this.engine, record, actor, why));
        case 'IMPORT': {
          // An import's change to this organisation's details (graph/io/import): the fields it replaced
          // get their values back, the names it added as aliases go; checked to be the latest change.
          const current = await this.organisations.get(record.entityId);
          if (!current) throw new NotFoundError('Organisation', record.entityId, 'auditId');
          const added = new Set((after as { aliasesAdded?: string[] } | null)?.aliasesAdded ?? []);
          const fields: Record<string, unknown> = { ...organisationFields(current) };
          fields['aliases'] = (current.aliases ?? []).filter((a) => !added.has(a));
          for (const [k, v] of Object.entries(before ?? {})) if (k !== 'name' && k in fields) fields[k] = v;
          return done(await this.updateOrganisation(record.entityId, { ...fields, version: current.version }, actor, why, record));
        }
        case 'SET_LINKS': {
          const b = before as { kind: OrganisationLinkKind; targetIds: string[] };
          const current = await this.organisations.get(record.entityId);
          if (!current) throw new NotFoundError('Organisation', record.entityId, 'auditId');
          await this.engine.read((tx) => assertLatest(tx, record));
          return done(await this.setOrganisationLinks(b.kind, { organisationId: record.entityId, targetIds: b.targetIds, version: current.version }, actor, why));
        }
      }
    }
    if (record.entityType === 'Import' && record.action === 'IMPORT') {
      // The whole import as one unit (graph/repo/import-revert.ts), from its own record.
      const out = await this.engine.write((tx) => revertImport(tx, record, actor, why));
      return { value: { entityType: record.entityType, entityId: record.entityId }, auditId: out.auditId };
    }
    if (record.entityType === 'Agreement' || record.entityType === 'Collaboration') {
      const key = record.entityType === 'Agreement' ? 'agreement' : 'collaboration';
      if (record.action === 'UPDATE') {
        const old = (before as Record<string, AgreementRecord & CollaborationRecord>)[key]!;
        const currentVersion =
          record.entityType === 'Agreement'
            ? (await this.engine.read((tx) => tx.run(agreements.byIds, { ids: [record.entityId] })))[0]?.agreement.version
            : (await this.engine.read((tx) => tx.run(collaborations.byIds, { ids: [record.entityId] })))[0]?.collaboration.version;
        if (currentVersion === undefined || currentVersion === null) throw new NotFoundError(record.entityType, record.entityId, 'auditId');
        return record.entityType === 'Agreement'
          ? done(await this.updateAgreement(record.entityId, { ...agreementFields(old), version: currentVersion }, actor, why, record))
          : done(
              await this.updateCollaboration(
                record.entityId,
                { name: old.name, kind: old.kind, description: old.description, startDate: old.startDate, endDate: old.endDate, version: currentVersion },
                actor,
                why,
                record,
              ),
            );
      }
      const type = record.entityType === 'Agreement' ? 'PARTY_TO' : 'PARTICIPATES_IN';
      if (record.action === 'LINK_ADD') {
        const l = after as { memberId: string };
        return done(await this.removeMember(record.entityType, type, record.entityId, l.memberId, actor, why, record));
      }
      if (record.action === 'LINK_REMOVE') {
        const l = before as { memberId: string; role: string | null };
        return done(await this.addMember(record.entityType, type, record.entityId, { id: l.memberId, role: l.role }, actor, why, record));
      }
    }
    throw new ValidationError([{ field: 'auditId', message: `a ${record.action} of a ${record.entityType} cannot be reverted here; change it back by hand` }]);
  }

  /** Recreates a deleted organisation with its properties, provenance and the links whose other end still exists. */
  private async restoreOrganisation(snapshot: OrganisationSnapshot, actor: Actor, reason: string, revertOf: AuditRecord): Promise<Change<{ id: string }>> {
    const o = snapshot.organisation;
    return this.engine.write(async (tx) => {
      if ((await tx.run(organisations.version, { id: o.id })).length) throw new ConflictError(`Organisation ${o.id} exists again: it cannot be restored over`, 'auditId');
      await assertLatest(tx, revertOf);
      const now = Date.now();
      // An organisation a reverted import created cites the import's source, which went with the import.
      if (snapshot.source && !(await tx.run(sources.byIds, { ids: [snapshot.source.id] })).length) await tx.run(io.ensureImportSource, { ...snapshot.source, now });
      const [row] = await tx.run(organisations.create, {
        id: o.id,
        ...organisationFields(o),
        search: searchText(o.name, o.aliases ?? []),
        fieldProvenance: o.fieldProvenance ?? null,
        sourceId: o.sourceId ?? (await personSource(tx, actor)).sourceId,
        sourceLocator: o.sourceLocator,
        basis: o.basis ?? 'ENTERED',
        confidence: o.confidence ?? 1,
        now,
        synthetic: o.synthetic ?? false,
      });
      const skipped: string[] = [];
      for (const kind of KINDS) {
        const pair = ORGANISATION_LINKS[kind];
        for (const l of snapshot.links?.[kind] ?? []) {
          if (!(await tx.run(bulkStatements.existingIds[pair.to], { ids: [l.id] })).length) {
            skipped.push(`${kind}:${l.id}`);
            continue;
          }
          await tx.run(linkStatement(pair), { from: o.id, to: l.id, ...storedLinkParams(kind, l, now) });
        }
      }
      const auditId = await writeAudit(tx, {
        actor,
        action: 'CREATE',
        entityType: 'Organisation',
        entityId: o.id,
        before: null,
        after: { organisation: row!.org, links: snapshot.links, skippedLinks: skipped },
        reason,
        revertOf: revertOf.id,
      });
      return { value: { id: o.id }, auditId };
    });
  }

  private async addMember(
    entityType: 'Agreement' | 'Collaboration',
    type: 'PARTY_TO' | 'PARTICIPATES_IN',
    entityId: string,
    member: unknown,
    actor: Actor,
    reason?: string | null,
    revertOf?: AuditRecord,
  ): Promise<Change<{ id: string }>> {
    const field = entityType === 'Agreement' ? 'input.party' : 'input.participant';
    const p = parseInput(partyInput, member, field);
    const id = parseInput(idSchema, entityId, 'input.id');
    return this.engine.write(async (tx) => {
      await requireEntity(tx, entityType, id);
      if (revertOf) await assertLatest(tx, revertOf);
      const label = await partyLabel(tx, p.id, `${field}.id`);
      const source = await personSource(tx, actor);
      await tx.run(linkStatement({ type, from: label, to: entityType }), { ...linkParams(p.id, id, source.sourceId, Date.now()), role: p.role ?? '' });
      const auditId = await writeAudit(tx, { actor, action: 'LINK_ADD', entityType, entityId: id, before: null, after: { memberId: p.id, memberLabel: label, role: p.role ?? null }, reason, revertOf: revertOf?.id ?? null });
      return { value: { id }, auditId };
    });
  }

  private async removeMember(
    entityType: 'Agreement' | 'Collaboration',
    type: 'PARTY_TO' | 'PARTICIPATES_IN',
    entityId: string,
    memberId: string,
    actor: Actor,
    reason?: string | null,
    revertOf?: AuditRecord,
  ): Promise<Change<{ id: string }>> {
    const id = parseInput(idSchema, entityId, 'input.id');
    const mid = parseInput(idSchema, memberId, 'input.memberId');
    return this.engine.write(async (tx) => {
      await requireEntity(tx, entityType, id);
      if (revertOf) await assertLatest(tx, revertOf);
      for (const label of PARTY_LABELS) {
        const pair: PairKey = { type, from: label, to: entityType };
        const existing = (await tx.run(outgoingOneStatement(pair), { id: mid })).find((r) => r.link.id === id)?.link;
        if (!existing) continue;
        await tx.run(unlinkStatement(pair), { from: mid, to: id });
        const auditId = await writeAudit(tx, {
          actor,
          action: 'LINK_REMOVE',
          entityType,
          entityId: id,
          before: { memberId: mid, memberLabel: label, role: existing.role, provenance: { sourceId: existing.sourceId, basis: existing.basis } },
          after: null,
          reason,
          revertOf: revertOf?.id ?? null,
        });
        return { value: { id }, auditId };
      }
      throw new NotFoundError(`${type} link from`, mid, 'input.memberId');
    });
  }
}

// ---- helpers ---------------------------------------------------------------------------------

function conflict(entity: string, id: string, read: number, now: number, field = 'input.version'): ConflictError {
  const state = now >= 0 ? `it is now ${now}` : 'it changed meanwhile';
  return new ConflictError(`${entity} ${id} was changed by someone else (you edited version ${read}, ${state}): reload and apply your change again`, field);
}

async function requireEntity(tx: Tx, entityType: AuditEntityType, id: string): Promise<void> {
  const rows = entityType === 'Agreement' ? await tx.run(agreements.byIds, { ids: [id] }) : await tx.run(collaborations.byIds, { ids: [id] });
  if (!rows.length) throw new NotFoundError(entityType, id, 'input.id');
}

/** Whether a party id names an organisation or a public body. */
async function partyLabel(tx: Tx, id: string, field: string): Promise<'Organisation' | 'PublicBody'> {
  for (const label of PARTY_LABELS) if ((await tx.run(bulkStatements.existingIds[label], { ids: [id] })).length) return label;
  throw new NotFoundError('Organisation or public body', id, field);
}

function publicBodyWrite(id: string, d: Omit<PublicBodyCreate, 'id' | 'partOfId' | 'covers'>, sourceId: string, now: number) {
  const formerNames = [...new Set((d.formerNames ?? []).filter((n) => n !== d.name))];
  return {
    id,
    name: d.name,
    nameEn: d.nameEn ?? null,
    kind: d.kind,
    level: d.level ?? null,
    formerNames,
    validFrom: d.validFrom ?? null,
    validTo: d.validTo ?? null,
    search: searchText(d.name, formerNames),
    sourceId,
    now,
  };
}

/** Replaces what a body is part of and what it covers (each given one must exist), as a person's entry. */
async function setBodyLinks(tx: Tx, id: string, links: { partOfId?: string | null; covers?: readonly string[] }, sourceId: string, now: number): Promise<void> {
  const [current] = await tx.run(publicBodies.links, { id });
  if (links.partOfId !== undefined) {
    const partOf = { type: 'PART_OF', from: 'PublicBody', to: 'PublicBody' } as const;
    if (links.partOfId !== null) {
      if (links.partOfId === id) throw new ValidationError([{ field: 'input.partOfId', message: 'a body cannot be part of itself' }]);
      if (!(await tx.run(bulkStatements.existingIds.PublicBody, { ids: [links.partOfId] })).length) throw new NotFoundError('PublicBody', links.partOfId, 'input.partOfId');
    }
    for (const p of current?.partOfIds ?? []) if (p !== links.partOfId) await tx.run(unlinkStatement(partOf), { from: id, to: p });
    if (links.partOfId !== null && !(current?.partOfIds ?? []).includes(links.partOfId)) await tx.run(linkStatement(partOf), linkParams(id, links.partOfId, sourceId, now));
  }
  if (links.covers !== undefined) {
    const wanted = [...new Set(links.covers)];
    if (wanted.length) {
      const found = new Set((await tx.run(districts.byIds, { ids: wanted })).map((r) => r.district.id));
      const missing = wanted.map((d, i) => ({ d, i })).filter((x) => !found.has(x.d));
      if (missing.length) throw new ValidationError(missing.map((x) => ({ field: `input.covers.${x.i}`, message: `${JSON.stringify(x.d)} is not a district` })));
    }
    const covers = { type: 'COVERS', from: 'PublicBody', to: 'District' } as const;
    for (const d of current?.coversIds ?? []) if (!wanted.includes(d)) await tx.run(unlinkStatement(covers), { from: id, to: d });
    for (const d of wanted) if (!(current?.coversIds ?? []).includes(d)) await tx.run(linkStatement(covers), linkParams(id, d, sourceId, now));
  }
}

async function freeId(tx: Tx, prefix: string, name: string, label: 'Agreement' | 'Collaboration' | 'PublicBody'): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = newId(prefix, name, attempt);
    if (!(await tx.run(bulkStatements.existingIds[label], { ids: [id] })).length) return id;
  }
  return newId(prefix, name, 99);
}

function linkParams(from: string, to: string, sourceId: string, now: number) {
  return { from, to, sourceId, sourceLocator: '', basis: 'ENTERED', confidence: 1, quote: '', rule: '', role: '', note: '', now, synthetic: false };
}

/** The lower end of a value range must not be above the upper. */
function assertValueRange(d: { valueMinSek?: number | null; valueMaxSek?: number | null }): void {
  if (d.valueMinSek != null && d.valueMaxSek != null && d.valueMinSek > d.valueMaxSek) {
    throw new ValidationError([{ field: 'input.valueMaxSek', message: `the upper end (${d.valueMaxSek}) must not be below the lower end (${d.valueMinSek})` }]);
  }
}

/**
 * Replaces the districts an agreement covers with `ids` (each must exist), as a person's entry;
 * a district it already covers keeps its link and provenance. Returns the ids it covers.
 */
async function setCoverage(tx: Tx, agreementId: string, ids: readonly string[], sourceId: string, now: number): Promise<string[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length) {
    const found = new Set((await tx.run(districts.byIds, { ids: wanted })).map((r) => r.district.id));
    const missing = wanted.map((id, i) => ({ id, i })).filter((x) => !found.has(x.id));
    if (missing.length) throw new ValidationError(missing.map((x) => ({ field: `input.covers.${x.i}`, message: `${JSON.stringify(x.id)} is not a district` })));
  }
  const pair = { type: 'COVERS', from: 'Agreement', to: 'District' } as const;
  const before = (await tx.run(agreements.covers, { ids: [agreementId] })).map((r) => r.link.id);
  for (const id of before) if (!wanted.includes(id)) await tx.run(unlinkStatement(pair), { from: agreementId, to: id });
  for (const id of wanted) if (!before.includes(id)) await tx.run(linkStatement(pair), linkParams(agreementId, id, sourceId, now));
  return wanted.sort();
}

function assertPeriod(problems: ReturnType<typeof periodProblems>): void {
  if (problems.length) throw new ValidationError(problems);
}

/**
 * The merged period checked only when the update changes a date (so an old record with
 * inconsistent dates can still be edited otherwise), naming the date the editor changed: the
 * end date when it was set, else the start date.
 */
function changedPeriodProblems(
  current: { startDate: string | null; endDate: string | null },
  patch: { startDate?: string | null; endDate?: string | null },
  merged: { startDate?: string | null; endDate?: string | null },
) {
  const changed = (k: 'startDate' | 'endDate') => patch[k] !== undefined && patch[k] !== current[k];
  if (!changed('startDate') && !changed('endDate')) return [];
  return periodProblems(merged.startDate, merged.endDate, changed('endDate') && patch.endDate ? 'input.endDate' : 'input.startDate');
}

function agreementFields(a: AgreementRecord) {
  return {
    name: a.name,
    kind: a.kind,
    status: a.status ?? 'UNKNOWN',
    description: a.description,
    startDate: a.startDate,
    endDate: a.endDate,
    valueSek: a.valueSek,
    valueMinSek: a.valueMinSek,
    valueMaxSek: a.valueMaxSek,
    contactFunction: a.contactFunction,
    contactEmail: a.contactEmail,
    societalChallenge: a.societalChallenge,
    politicalProgramme: a.politicalProgramme,
    societalChallengeStated: a.societalChallengeStated,
    politicalProgrammeStated: a.politicalProgrammeStated,
    steeringMeetingsPerYear: a.steeringMeetingsPerYear,
    commitmentsBeyondFunding: a.commitmentsBeyondFunding,
    followUpPlan: a.followUpPlan,
    evaluatedAtExpiry: a.evaluatedAtExpiry,
    documentedConsiderations: a.documentedConsiderations,
  };
}

function agreementWrite(id: string, d: Omit<AgreementCreate, 'parties' | 'id' | 'covers'> & { status?: string }, sourceId: string, now: number) {
  return {
    id,
    name: d.name,
    kind: d.kind,
    status: d.status ?? 'UNKNOWN',
    description: d.description ?? null,
    startDate: d.startDate ?? null,
    endDate: d.endDate ?? null,
    valueSek: d.valueSek ?? null,
    valueMinSek: d.valueMinSek ?? null,
    valueMaxSek: d.valueMaxSek ?? null,
    contactFunction: d.contactFunction ?? null,
    contactEmail: d.contactEmail ?? null,
    societalChallenge: d.societalChallenge ?? null,
    politicalProgramme: d.politicalProgramme ?? null,
    societalChallengeStated: d.societalChallengeStated ?? null,
    politicalProgrammeStated: d.politicalProgrammeStated ?? null,
    steeringMeetingsPerYear: d.steeringMeetingsPerYear ?? null,
    commitmentsBeyondFunding: d.commitmentsBeyondFunding ?? null,
    followUpPlan: d.followUpPlan ?? null,
    evaluatedAtExpiry: d.evaluatedAtExpiry ?? null,
    documentedConsiderations: d.documentedConsiderations ?? null,
    search: searchText(d.name),
    sourceId,
    basis: 'ENTERED',
    now,
  };
}
