/**
 * Merging two records of one organisation ("Stadsmissionen" and "Stockholms Stadsmission"): the
 * survivor keeps its own values and takes the other's where it has none, the other's names become
 * its aliases, and every link of the other record moves to it with its provenance as it was. The
 * other record is deleted with a full snapshot in the audit trail, so the merge can be undone as a
 * whole (`undoMerge`) while nothing changed the survivor since. One transaction each.
 */
import { z } from 'zod';
import type { GraphEngine, Tx } from '../engines/port.js';
import { organisations } from '../cypher/statements/organisations.js';
import { merging, type OrganisationRestore } from '../cypher/statements/merging.js';
import { audit } from '../cypher/statements/audit.js';
import { decisions, storedDecisions, type DecisionRecord } from '../cypher/statements/decisions.js';
import { contactPersons, verificationTokens } from '../cypher/statements/contacts.js';
import { users } from '../cypher/statements/users.js';
import { incomingStatement, linkStatement, outgoingOneStatement, unlinkStatement } from '../cypher/statements/links.js';
import { bulkStatements } from '../bulk/statements.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { idSchema, LIMITS, parseInput } from '../validation/inputs.js';
import { searchText } from '../text/fold.js';
import { LINK_KINDS, ORGANISATION_LINKS, type OrganisationLinkKind } from '../model/links.js';
import { ABOUT_FIELDS, parseFieldProvenance, stringifyFieldProvenance, type AboutField, type FactProvenance } from '../model/facts.js';
import type { LinkRecord, OrganisationRecord } from '../model/records.js';
import { assertLatest, toAuditRecord, writeAudit, type AuditRecord } from './audit.js';
import { personSource, type Actor } from './actor.js';
import { lockEntity } from './lock.js';
import { storedLinkParams } from './links.js';
import { organisationFields } from './organisations.js';

/**
 * The survivor's fields it takes from the other record when its own is empty. The status comes
 * with its date. Not the time contact details were last checked: a check of the other record's
 * details says nothing of the survivor's.
 */
export const MERGE_FIELDS = ['orgNumber', 'legalForm', 'description', 'website', 'email', 'phone', 'address', 'status', 'statusSince'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** The kinds whose links may also point at an organisation (its umbrella's members point at it). */
const INCOMING_KINDS = LINK_KINDS.filter((k) => ORGANISATION_LINKS[k].to === 'Organisation');

/**
 * What becomes of one of the other record's links: it moves to the survivor, or the survivor
 * already has the same link (and keeps its own), or it joins the two records (and goes).
 */
export type LinkOutcome = 'MOVE' | 'KEEP_SURVIVORS' | 'DROP';
export type LinkDirection = 'OUTGOING' | 'INCOMING';

export interface MergeLink {
  kind: OrganisationLinkKind;
  direction: LinkDirection;
  /** The node at the other end (for an incoming link, the organisation it comes from). */
  link: LinkRecord;
  outcome: LinkOutcome;
}

export interface MergeDecision {
  decision: DecisionRecord;
  outcome: LinkOutcome;
}

/** A merge worked out, before it is written: what the editor sees in the preview. */
export interface MergePlan {
  survivor: OrganisationRecord;
  merged: OrganisationRecord;
  /** The survivor's empty fields the other record fills, with the value it takes. */
  filled: { field: MergeField; value: string }[];
  aliasesAdded: string[];
  links: MergeLink[];
  decisions: MergeDecision[];
  contactPersonIds: string[];
  verificationTokenIds: string[];
  representativeIds: string[];
}

/** The MERGE audit record's `before`: both records and everything that hung on the merged one. */
export interface MergeSnapshot {
  survivor: OrganisationRecord;
  merged: OrganisationRecord;
  outgoing: Partial<Record<OrganisationLinkKind, LinkRecord[]>>;
  incoming: Partial<Record<OrganisationLinkKind, LinkRecord[]>>;
  decisions: DecisionRecord[];
  contactPersonIds: string[];
  verificationTokenIds: string[];
  representativeIds: string[];
}

interface LinkRef {
  kind: OrganisationLinkKind;
  direction: LinkDirection;
  id: string;
}

/** The MERGE audit record's `after`: the survivor as written and what the merge added to it. */
export interface MergeResult {
  survivor: OrganisationRecord;
  mergedId: string;
  mergedName: string;
  /** The merged record's own MERGED_INTO audit record. */
  mergedAuditId: string;
  filled: MergeField[];
  aliasesAdded: string[];
  moved: LinkRef[];
  kept: LinkRef[];
  dropped: LinkRef[];
  decisionsMoved: { fromId: string; toId: string }[];
}

const pairInput = z.object({ survivorId: idSchema, mergedId: idSchema });
const mergeInput = pairInput.extend({ survivorVersion: z.number().int().min(0), mergedVersion: z.number().int().min(0) });

export const SELF_MERGE = 'an organisation cannot be merged with itself';

const empty = (v: unknown) => v === null || v === undefined || v === '';

function parsePair<T extends { survivorId: string; mergedId: string }>(schema: z.ZodType<T>, input: unknown): T {
  const args = parseInput(schema, input) as T;
  if (args.survivorId === args.mergedId) throw new ValidationError([{ field: 'input.mergedId', message: SELF_MERGE }]);
  return args;
}

/** What merging `mergedId` into `survivorId` would do, without writing. */
export async function previewMerge(engine: GraphEngine, input: unknown): Promise<MergePlan> {
  const args = parsePair(pairInput, input);
  return engine.read(async (tx) => planMerge(tx, await read(tx, args.survivorId, 'input.survivorId'), await read(tx, args.mergedId, 'input.mergedId')));
}

/**
 * Merges `mergedId` into `survivorId` at the versions the editor read (a stale one is a CONFLICT
 * naming it). Returns the survivor as written and its MERGE audit record.
 */
export async function mergeOrganisations(engine: GraphEngine, input: unknown, actor: Actor, reason?: string | null): Promise<{ value: OrganisationRecord; auditId: string }> {
  const args = parsePair(mergeInput, input);
  return engine.write(async (tx) => {
    // Both locked, in one order whoever merges: two merges of the same pair cannot deadlock.
    const ends = [
      { id: args.survivorId, field: 'input.survivorId' },
      { id: args.mergedId, field: 'input.mergedId' },
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const e of ends) if (!(await lockEntity(tx, 'Organisation', e.id))) throw new NotFoundError('Organisation', e.id, e.field);
    const survivor = await read(tx, args.survivorId, 'input.survivorId');
    const merged = await read(tx, args.mergedId, 'input.mergedId');
    if (survivor.version !== args.survivorVersion) throw stale(survivor, args.survivorVersion, 'input.survivorVersion');
    if (merged.version !== args.mergedVersion) throw stale(merged, args.mergedVersion, 'input.mergedVersion');
    const plan = await planMerge(tx, survivor, merged);
    const now = Date.now();

    for (const m of plan.links) {
      if (m.outcome !== 'MOVE') continue;
      const pair = ORGANISATION_LINKS[m.kind];
      const ends = m.direction === 'OUTGOING' ? { from: survivor.id, to: m.link.id } : { from: m.link.id, to: survivor.id };
      await tx.run(linkStatement(pair), { ...ends, ...storedLinkParams(m.kind, m.link, m.link.recordedAt ?? now) });
    }
    for (const d of plan.decisions) if (d.outcome === 'MOVE') await tx.run(storedDecisions.put, decisionWrite(replaceEnd(d.decision, merged.id, survivor.id), now));
    await handOver(tx, plan, survivor.id, now);

    const snapshot = snapshotOf(plan);
    const mergedAuditId = await writeAudit(tx, {
      actor,
      action: 'MERGED_INTO',
      entityType: 'Organisation',
      entityId: merged.id,
      before: { organisation: merged },
      after: { survivorId: survivor.id, survivorName: survivor.name },
      reason,
    });
    // The merged record goes before the survivor takes its organisation number (a unique value).
    await tx.run(organisations.delete, { id: merged.id });
    const [row] = await tx.run(merging.writeOrganisation, { ...survivorAfter(plan, await personSource(tx, actor), now), version: survivor.version, now });
    if (!row) throw new ConflictError(`Organisation ${survivor.id} changed while it was being merged`, 'input.survivorVersion');
    const refs = (o: LinkOutcome) => plan.links.filter((l) => l.outcome === o).map((l) => ({ kind: l.kind, direction: l.direction, id: l.link.id }));
    const after: MergeResult = {
      survivor: row.org,
      mergedId: merged.id,
      mergedName: merged.name,
      mergedAuditId,
      filled: plan.filled.map((f) => f.field),
      aliasesAdded: plan.aliasesAdded,
      moved: refs('MOVE'),
      kept: refs('KEEP_SURVIVORS'),
      dropped: refs('DROP'),
      decisionsMoved: plan.decisions.filter((d) => d.outcome === 'MOVE').map((d) => replaceEnd(d.decision, merged.id, survivor.id)).map((d) => ({ fromId: d.fromId, toId: d.toId })),
    };
    const auditId = await writeAudit(tx, { actor, action: 'MERGE', entityType: 'Organisation', entityId: survivor.id, before: snapshot, after, reason });
    return { value: row.org, auditId };
  });
}

/**
 * Undoes a merge from its MERGE record (or the merged record's MERGED_INTO): what the merge moved
 * to or added on the survivor goes, the survivor's properties are as before, and the merged record
 * is back with its links, decisions, contact persons and representatives, provenance as it was.
 * Refused while anything changed the survivor after the merge, or the merged id is taken again.
 */
export async function undoMerge(engine: GraphEngine, record: AuditRecord, actor: Actor, reason: string): Promise<{ value: null; auditId: string }> {
  const mergeRecord = record.action === 'MERGE' ? record : await mergeRecordOf(engine, record);
  const before = mergeRecord.before as MergeSnapshot;
  const after = mergeRecord.after as MergeResult;
  const survivorId = mergeRecord.entityId;
  return engine.write(async (tx) => {
    if (!(await lockEntity(tx, 'Organisation', survivorId))) throw new NotFoundError('Organisation', survivorId, 'auditId');
    await assertLatest(tx, mergeRecord);
    if ((await tx.run(organisations.version, { id: after.mergedId })).length) throw new ConflictError(`Organisation ${after.mergedId} exists again: the merge cannot be undone over it`, 'auditId');
    const [mergedLatest] = await tx.run(audit.forEntity, { entityType: 'Organisation', entityId: after.mergedId, limit: 1 });
    if (mergedLatest && mergedLatest.record.id !== after.mergedAuditId) {
      throw new ConflictError(`Organisation ${after.mergedId} was changed again after the merge (by ${mergedLatest.record.id})`, 'auditId');
    }
    const [current] = await tx.run(organisations.byId, { id: survivorId });
    const now = Date.now();

    for (const m of after.moved) {
      const pair = ORGANISATION_LINKS[m.kind];
      await tx.run(unlinkStatement(pair), m.direction === 'OUTGOING' ? { from: survivorId, to: m.id } : { from: m.id, to: survivorId });
    }
    for (const d of after.decisionsMoved) await tx.run(decisions.remove, { organisationId: d.fromId, candidateId: d.toId });
    // The survivor gives the organisation number back before the merged record takes it again.
    const [survivor] = await tx.run(merging.writeOrganisation, { ...restoreOf(before.survivor, now), version: current!.org.version, now });
    const m = before.merged;
    const [merged] = await tx.run(merging.recreateOrganisation, { ...restoreOf(m, now), version: m.version + 1, createdAt: m.createdAt ?? now });

    const skipped: string[] = [];
    for (const kind of LINK_KINDS) {
      const pair = ORGANISATION_LINKS[kind];
      for (const [direction, links] of [['OUTGOING', before.outgoing[kind]], ['INCOMING', before.incoming[kind]]] as const) {
        for (const l of links ?? []) {
          const otherLabel = direction === 'OUTGOING' ? pair.to : pair.from;
          if (!(await tx.run(bulkStatements.existingIds[otherLabel], { ids: [l.id] })).length) {
            skipped.push(`${kind}:${l.id}`);
            continue;
          }
          const ends = direction === 'OUTGOING' ? { from: m.id, to: l.id } : { from: l.id, to: m.id };
          await tx.run(linkStatement(pair), { ...ends, ...storedLinkParams(kind, l, l.recordedAt ?? now) });
        }
      }
    }
    for (const d of before.decisions) await tx.run(storedDecisions.put, decisionWrite(d, now));
    await handOver(tx, before, m.id, now);

    await writeAudit(tx, {
      actor,
      action: 'CREATE',
      entityType: 'Organisation',
      entityId: m.id,
      before: null,
      after: { organisation: merged!.org, links: before.outgoing, skippedLinks: skipped },
      reason,
      revertOf: after.mergedAuditId,
    });
    const auditId = await writeAudit(tx, {
      actor,
      action: 'UNMERGE',
      entityType: 'Organisation',
      entityId: survivorId,
      before: { organisation: current!.org },
      after: { organisation: survivor!.org, mergedId: m.id, mergedName: m.name },
      reason,
      revertOf: mergeRecord.id,
    });
    return { value: null, auditId };
  });
}

// ---- helpers ---------------------------------------------------------------------------------

async function read(tx: Tx, id: string, field: string): Promise<OrganisationRecord> {
  const [row] = await tx.run(organisations.byId, { id });
  if (!row) throw new NotFoundError('Organisation', id, field);
  return row.org;
}

function stale(o: OrganisationRecord, read: number, field: string): ConflictError {
  return new ConflictError(`Organisation ${o.id} was changed by someone else (you read version ${read}, it is now ${o.version}): reload and merge again`, field);
}

async function planMerge(tx: Tx, survivor: OrganisationRecord, merged: OrganisationRecord): Promise<MergePlan> {
  const filled: MergePlan['filled'] = [];
  for (const field of MERGE_FIELDS) {
    // A status date belongs to its status: taken only with the status it dates.
    if (field === 'statusSince' && !filled.some((f) => f.field === 'status')) continue;
    const mine = survivor[field];
    const theirs = merged[field];
    if (empty(mine) && !empty(theirs)) filled.push({ field, value: String(theirs) });
  }
  const names = [...(survivor.aliases ?? [])];
  const aliasesAdded: string[] = [];
  for (const n of [merged.name, ...(merged.aliases ?? [])]) {
    if (n === survivor.name || names.includes(n)) continue;
    names.push(n);
    aliasesAdded.push(n);
  }
  // The survivor must stay editable: its names within the limit an edit is held to.
  if (names.length > LIMITS.aliases) {
    throw new ValidationError([{ field: 'input.mergedId', message: `the two records have ${names.length} alternative names together, more than ${LIMITS.aliases}: remove some first` }]);
  }

  const links: MergeLink[] = [];
  for (const kind of LINK_KINDS) {
    const pair = ORGANISATION_LINKS[kind];
    const mine = new Set((await tx.run(outgoingOneStatement(pair), { id: survivor.id })).map((r) => r.link.id));
    for (const { link } of await tx.run(outgoingOneStatement(pair), { id: merged.id })) {
      const outcome: LinkOutcome = link.id === survivor.id ? 'DROP' : mine.has(link.id) ? 'KEEP_SURVIVORS' : 'MOVE';
      links.push({ kind, direction: 'OUTGOING', link: bare(link), outcome });
    }
  }
  for (const kind of INCOMING_KINDS) {
    const pair = ORGANISATION_LINKS[kind];
    const mine = new Set((await tx.run(incomingStatement(pair), { ids: [survivor.id] })).map((r) => r.link.id));
    for (const { link } of await tx.run(incomingStatement(pair), { ids: [merged.id] })) {
      const outcome: LinkOutcome = link.id === survivor.id ? 'DROP' : mine.has(link.id) ? 'KEEP_SURVIVORS' : 'MOVE';
      links.push({ kind, direction: 'INCOMING', link: bare(link), outcome });
    }
  }

  const key = (d: DecisionRecord) => `${d.fromId}>${d.toId}`;
  const survivorDecisions = new Set([...(await tx.run(storedDecisions.of, { id: survivor.id })), ...(await tx.run(storedDecisions.about, { id: survivor.id }))].map((r) => key(r.d)));
  const mergedDecisions = [...(await tx.run(storedDecisions.of, { id: merged.id })), ...(await tx.run(storedDecisions.about, { id: merged.id }))].map((r) => r.d);
  const decisionPlan = mergedDecisions.map((d): MergeDecision => {
    const moved = replaceEnd(d, merged.id, survivor.id);
    const outcome: LinkOutcome = moved.fromId === moved.toId ? 'DROP' : survivorDecisions.has(key(moved)) ? 'KEEP_SURVIVORS' : 'MOVE';
    return { decision: d, outcome };
  });

  return {
    survivor,
    merged,
    filled,
    aliasesAdded,
    links,
    decisions: decisionPlan,
    contactPersonIds: (await tx.run(contactPersons.forOrganisation, { organisationId: merged.id })).map((r) => r.person.id),
    verificationTokenIds: (await tx.run(verificationTokens.forOrganisation, { organisationId: merged.id })).map((r) => r.id),
    representativeIds: (await tx.run(users.representativesOf, { organisationId: merged.id })).map((r) => r.id),
  };
}

/** A link record without the owner id the batched reads add. */
function bare(l: LinkRecord & { ownerId?: string }): LinkRecord {
  const { ownerId: _owner, ...link } = l;
  return link;
}

function snapshotOf(plan: MergePlan): MergeSnapshot {
  const outgoing: MergeSnapshot['outgoing'] = {};
  const incoming: MergeSnapshot['incoming'] = {};
  for (const l of plan.links) (((l.direction === 'OUTGOING' ? outgoing : incoming)[l.kind] ??= []) as LinkRecord[]).push(l.link);
  return {
    survivor: plan.survivor,
    merged: plan.merged,
    outgoing,
    incoming,
    decisions: plan.decisions.map((d) => d.decision),
    contactPersonIds: plan.contactPersonIds,
    verificationTokenIds: plan.verificationTokenIds,
    representativeIds: plan.representativeIds,
  };
}

/**
 * The survivor as the merge writes it. A filled "about" fact keeps the provenance it had on the
 * other record (its own, else that record's). When the merge changes what the record's own
 * provenance covers (its names, its organisation number or contact details), that is the editor's
 * entry, as any edit of them is; otherwise the survivor's provenance stays as it was.
 */
function survivorAfter(plan: MergePlan, person: { sourceId: string; basis: string }, now: number): OrganisationRestore {
  const s = plan.survivor;
  const m = plan.merged;
  const values: Record<string, unknown> = {};
  for (const f of plan.filled) values[f.field] = m[f.field];
  const facts = parseFieldProvenance(s.fieldProvenance);
  const theirs = parseFieldProvenance(m.fieldProvenance);
  for (const f of plan.filled) {
    if (!(ABOUT_FIELDS as readonly string[]).includes(f.field)) continue;
    facts[f.field as AboutField] = theirs[f.field as AboutField] ?? nodeFact(m);
  }
  const aliases = [...(s.aliases ?? []), ...plan.aliasesAdded];
  const ownChanged = plan.aliasesAdded.length > 0 || plan.filled.some((f) => !(ABOUT_FIELDS as readonly string[]).includes(f.field) && f.field !== 'statusSince');
  const base = restoreOf({ ...s, ...values, aliases, fieldProvenance: stringifyFieldProvenance(facts) } as OrganisationRecord, now);
  return ownChanged ? { ...base, sourceId: person.sourceId, sourceLocator: null, basis: person.basis, confidence: 1, recordedAt: now } : base;
}

/** The provenance of the record itself, as the provenance of one of its facts. */
function nodeFact(o: OrganisationRecord): FactProvenance {
  return {
    sourceId: o.sourceId ?? 'src:unknown',
    sourceLocator: o.sourceLocator,
    basis: o.basis ?? 'ENTERED',
    confidence: o.confidence ?? 1,
    quote: o.quote,
    rule: o.rule,
    recordedAt: o.recordedAt,
  };
}

/** An organisation's properties as stored, provenance included, for writing back exactly. */
function restoreOf(o: OrganisationRecord, now: number): OrganisationRestore {
  const fields = organisationFields(o);
  return {
    id: o.id,
    ...fields,
    search: searchText(fields.name, fields.aliases),
    fieldProvenance: o.fieldProvenance,
    sourceId: o.sourceId ?? 'src:unknown',
    sourceLocator: o.sourceLocator,
    basis: o.basis ?? 'ENTERED',
    confidence: o.confidence ?? 1,
    synthetic: o.synthetic ?? false,
    recordedAt: o.recordedAt,
    now,
  };
}

/** Contact persons, pending verification links and representatives given to `organisationId`. */
async function handOver(tx: Tx, held: Pick<MergePlan, 'contactPersonIds' | 'verificationTokenIds' | 'representativeIds'>, organisationId: string, now: number): Promise<void> {
  // An empty list parameter has no element type on LadybugDB: skipped.
  if (held.contactPersonIds.length) await tx.run(contactPersons.moveTo, { ids: held.contactPersonIds, organisationId, now });
  if (held.verificationTokenIds.length) await tx.run(verificationTokens.moveTo, { ids: held.verificationTokenIds, organisationId });
  if (held.representativeIds.length) await tx.run(users.moveTo, { ids: held.representativeIds, organisationId, now });
}

function replaceEnd(d: DecisionRecord, from: string, to: string): DecisionRecord {
  return { ...d, fromId: d.fromId === from ? to : d.fromId, toId: d.toId === from ? to : d.toId };
}

function decisionWrite(d: DecisionRecord, now: number) {
  return {
    fromId: d.fromId,
    toId: d.toId,
    decision: d.decision,
    decidedBy: d.decidedBy ?? '',
    reason: d.reason ?? '',
    sourceId: d.sourceId ?? 'src:unknown',
    basis: d.basis ?? 'ENTERED',
    confidence: d.confidence ?? 1,
    recordedAt: d.recordedAt ?? now,
  };
}

/** The survivor's MERGE record that a merged record's MERGED_INTO belongs to. */
async function mergeRecordOf(engine: GraphEngine, mergedInto: AuditRecord): Promise<AuditRecord> {
  const survivorId = (mergedInto.after as { survivorId?: string } | null)?.survivorId;
  if (survivorId) {
    const rows = await engine.read((tx) => tx.run(audit.forEntity, { entityType: 'Organisation', entityId: survivorId, limit: 100 }));
    for (const r of rows) {
      const rec = toAuditRecord(r.record);
      if (rec.action === 'MERGE' && (rec.after as MergeResult | null)?.mergedAuditId === mergedInto.id) return rec;
    }
  }
  throw new ValidationError([{ field: 'auditId', message: 'the merge this record belongs to is not in the survivor’s recent history; undo it from there' }]);
}

/** Where a merged organisation's id leads: the survivor it was merged into (followed through later merges), or null. */
export async function mergedInto(engine: GraphEngine, id: string): Promise<string | null> {
  let current = id;
  for (let hop = 0; hop < 10; hop++) {
    const found = await engine.read(async (tx) => {
      if ((await tx.run(organisations.version, { id: current })).length) return { exists: true, next: null };
      const [latest] = await tx.run(audit.forEntity, { entityType: 'Organisation', entityId: current, limit: 1 });
      const rec = latest ? toAuditRecord(latest.record) : null;
      return { exists: false, next: rec?.action === 'MERGED_INTO' ? ((rec.after as { survivorId?: string } | null)?.survivorId ?? null) : null };
    });
    if (found.exists) return current === id ? null : current;
    if (!found.next) return null;
    current = found.next;
  }
  return null;
}
