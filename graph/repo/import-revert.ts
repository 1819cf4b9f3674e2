/**
 * Reverting a whole spreadsheet import (graph/io/import) as one unit, in one transaction: the
 * organisations it changed get back every property it overwrote, provenance included, and lose
 * the aliases it added; the organisations, agreements and collaborations it created are deleted
 * (an organisation with a snapshot, so its deletion can be undone like any other); the links it
 * added to existing organisations are removed and those it merged onto get their earlier
 * provenance back; its source goes when the import created it.
 *
 * Refused with a conflict naming what changed when anything the import wrote was changed after
 * it (a later record in an organisation's or agreement's history, a link citing another source
 * now, a link added to what it created, the same file imported again): then nothing is undone.
 * Every organisation affected, and the import itself, get a record of the revert (revertOf: the
 * import's record).
 */
import type { Tx } from '../engines/port.js';
import { audit } from '../cypher/statements/audit.js';
import { agreements, collaborations } from '../cypher/statements/agreements.js';
import { organisations } from '../cypher/statements/organisations.js';
import { importRevert, type CreatedLabel, type LinkPair } from '../cypher/statements/import-revert.js';
import type { ImportLinkKind } from '../cypher/statements/io.js';
import type { ImportUndo } from '../io/import/undo.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { Actor } from './actor.js';
import { toAuditRecord, writeAudit, type AuditRecord } from './audit.js';
import { lockEntity } from './lock.js';
import { removeOrganisation, type ImportSourceSnapshot, type OrganisationSnapshot } from './organisation-removal.js';
import { sources } from '../cypher/statements/catalogue.js';
import type { OrganisationRecord } from '../model/records.js';

/** The Import record's `after` (graph/io/import/importer.ts), as far as the revert reads it. */
interface ImportAfter {
  file?: string;
  created?: string[];
  updated?: string[];
  agreementsCreated?: string[];
  collaborationsCreated?: string[];
  undo?: ImportUndo;
}

/** What the revert did, as its record on the import says. */
export interface ImportRevertSummary {
  file: string | null;
  organisationsDeleted: number;
  organisationsRestored: number;
  linksRemoved: number;
  agreementsDeleted: number;
  collaborationsDeleted: number;
  sourceDeleted: boolean;
}

const BATCH = 500;
const FIELD = 'auditId';

/** A revert applies only while the import is its own latest record: not reverted yet, the file not imported again. */
async function assertImportLatest(tx: Tx, record: AuditRecord, file: string): Promise<void> {
  const [newer] = await tx.run(audit.newerThan, { entityType: 'Import', entityId: record.entityId, at: record.at, id: record.id });
  if (!newer) return;
  const [row] = await tx.run(audit.byId, { id: newer.id });
  const later = row ? toAuditRecord(row.record) : null;
  if (later?.revertOf === record.id) throw new ConflictError(`The import of ${file} was already reverted (${later.id})`, FIELD);
  throw new ConflictError(`The file ${file} was imported again after this import (${newer.id}): revert that import first`, FIELD);
}

/** True when the record is at or before the import's record (strictly increasing per entity, ties by id). */
const notLater = (r: AuditRecord, importRecord: AuditRecord) => r.at < importRecord.at || (r.at === importRecord.at && r.id <= importRecord.id);

const organisationName = (state: Record<string, unknown> | undefined, id: string) => (typeof state?.['name'] === 'string' ? `${state['name']} (${id})` : id);

export async function revertImport(tx: Tx, record: AuditRecord, actor: Actor, reason: string): Promise<{ auditId: string; summary: ImportRevertSummary }> {
  const after = (record.after ?? {}) as ImportAfter;
  const undo = after.undo;
  if (!undo) throw new ValidationError([{ field: FIELD, message: 'this import was recorded before whole imports could be reverted: revert its changes organisation by organisation' }]);
  const sourceId = record.entityId;
  const file = after.file ?? sourceId;

  const created = after.created ?? [];
  const updated = after.updated ?? [];
  const createdSet = new Set(created);
  const linkKinds = Object.keys(undo.linksAdded) as ImportLinkKind[];
  const added = (k: ImportLinkKind): LinkPair[] => (undo.linksAdded[k] ?? []).map(([from, to]) => ({ from, to }));
  // Links of created organisations go with them.
  const linked = new Set(linkKinds.flatMap((k) => added(k).map((l) => l.from)).filter((id) => !createdSet.has(id)));
  const existing = [...new Set([...updated, ...linked])];

  // ---- checks: every entity locked first, so nothing changes between the check and the writes
  const state = new Map<string, Record<string, unknown>>();
  for (const id of [...created, ...existing]) {
    if (!(await lockEntity(tx, 'Organisation', id))) {
      await assertImportLatest(tx, record, file);
      throw new ConflictError(`Organisation ${id} was deleted after the import: restore it first`, FIELD);
    }
  }
  // After the locks: a second revert of the same import waits for the first and then finds it.
  await assertImportLatest(tx, record, file);
  for (let i = 0; i < created.length + existing.length; i += BATCH) {
    const ids = [...created, ...existing].slice(i, i + BATCH);
    for (const r of await tx.run(importRevert.organisationState, { ids })) state.set(r.id, r.props);
  }
  const previous = new Map<string, Record<string, unknown>>();
  for (const id of [...created, ...existing]) {
    const [row] = await tx.run(audit.forEntity, { entityType: 'Organisation', entityId: id, limit: 1 });
    const latest = row ? toAuditRecord(row.record) : null;
    const own = latest?.action === 'IMPORT' && (latest.after as { import?: string } | null)?.import === record.id;
    if (latest && !notLater(latest, record) && !own) {
      throw new ConflictError(`Organisation ${organisationName(state.get(id), id)} was changed after the import (${latest.action} ${latest.id}): revert that change first`, FIELD);
    }
    if (updated.includes(id)) {
      const before = own ? (latest!.after as { previous?: Record<string, unknown> }).previous : undefined;
      if (!before) throw new ValidationError([{ field: FIELD, message: `the import's record of ${organisationName(state.get(id), id)} does not say what it overwrote` }]);
      previous.set(id, before);
    }
  }
  const nodes: [CreatedLabel, string[]][] = [
    ['Organisation', created],
    ['Agreement', after.agreementsCreated ?? []],
    ['Collaboration', after.collaborationsCreated ?? []],
  ];
  for (const [label, ids] of nodes.slice(1)) {
    for (const id of ids) {
      if (!(await lockEntity(tx, label as 'Agreement' | 'Collaboration', id))) throw new ConflictError(`${label} ${id} was deleted after the import`, FIELD);
      const [newer] = await tx.run(audit.newerThan, { entityType: label, entityId: id, at: record.at, id: record.id });
      if (newer) throw new ConflictError(`${label} ${id} was changed after the import (${newer.id}): revert that change first`, FIELD);
    }
  }
  for (const [label, ids] of nodes) {
    for (const id of ids) {
      for (const statement of importRevert.foreignLinks[label]) {
        const [link] = await tx.run(statement, { id, sourceId });
        if (link) throw new ConflictError(`${label} ${label === 'Organisation' ? organisationName(state.get(id), id) : id} has a link added after the import (${link.type}, ${link.other}): remove it first`, FIELD);
      }
    }
  }
  for (const kind of linkKinds) {
    const pairs = added(kind).filter((l) => !createdSet.has(l.from));
    for (let i = 0; i < pairs.length; i += BATCH) {
      const batch = pairs.slice(i, i + BATCH);
      const now = new Map((await tx.run(importRevert.linkState[kind], { pairs: batch })).map((r) => [`${r.from}|${r.to}`, r.sourceId]));
      for (const p of batch) {
        if (now.get(`${p.from}|${p.to}`) !== sourceId) {
          throw new ConflictError(`The link of ${organisationName(state.get(p.from), p.from)} to ${p.to} (${kind}) was changed after the import: change it back first`, FIELD);
        }
      }
    }
  }
  // An organisation number given back must still be free (it is unique).
  for (const [id, before] of previous) {
    const number = before['orgNumber'];
    if (typeof number !== 'string' || !number) continue;
    const holder = (await tx.run(organisations.byOrgNumber, { orgNumber: number })).find((r) => r.id !== id);
    if (holder) throw new ConflictError(`Organisation ${organisationName(state.get(id), id)} cannot get its organisation number ${number} back: ${holder.name} (${holder.id}) has it now`, FIELD);
  }

  // ---- writes
  const now = Date.now();
  const summary: ImportRevertSummary = { file: after.file ?? null, organisationsDeleted: 0, organisationsRestored: 0, linksRemoved: 0, agreementsDeleted: 0, collaborationsDeleted: 0, sourceDeleted: false };
  const linksRemoved = new Map<string, { kind: ImportLinkKind; targetId: string }[]>();
  for (const kind of linkKinds) {
    const remove = added(kind).filter((l) => !createdSet.has(l.from));
    for (let i = 0; i < remove.length; i += BATCH) {
      const [r] = await tx.run(importRevert.removeLinks[kind], { pairs: remove.slice(i, i + BATCH) });
      summary.linksRemoved += r?.n ?? 0;
    }
    for (const l of remove) linksRemoved.set(l.from, [...(linksRemoved.get(l.from) ?? []), { kind, targetId: l.to }]);
  }

  const rows = updated.map((id) => ({ ...state.get(id)!, ...previous.get(id)!, id }));
  for (let i = 0; i < rows.length; i += BATCH) {
    summary.organisationsRestored += (await tx.run(importRevert.restoreOrganisations, { rows: rows.slice(i, i + BATCH), now })).length;
  }
  for (const id of existing) {
    const back = previous.get(id) ?? {};
    const current = state.get(id) ?? {};
    await writeAudit(tx, {
      actor,
      action: 'IMPORT_REVERT',
      entityType: 'Organisation',
      entityId: id,
      before: { organisation: Object.fromEntries(Object.keys(back).map((k) => [k, current[k] ?? null])) },
      after: { organisation: back, import: record.id, file, linksRemoved: linksRemoved.get(id) ?? [] },
      reason,
      revertOf: record.id,
    });
  }

  // The source is deleted below: an organisation restored from its snapshot brings it back.
  const [src] = undo.sourceCreated ? await tx.run(sources.byIds, { ids: [sourceId] }) : [];
  const source: ImportSourceSnapshot | undefined = src ? { id: sourceId, title: src.source.title, location: src.source.location ?? '', date: src.source.date ?? '', publisher: src.source.publisher ?? '' } : undefined;
  for (const id of created) {
    const [row] = await tx.run(organisations.byId, { id });
    const snapshot: OrganisationSnapshot = { ...(await removeOrganisation(tx, row!.org as OrganisationRecord)), ...(source ? { source } : {}) };
    summary.organisationsDeleted++;
    await writeAudit(tx, { actor, action: 'DELETE', entityType: 'Organisation', entityId: id, before: snapshot, after: null, reason, revertOf: record.id });
  }
  for (const id of after.agreementsCreated ?? []) {
    const [row] = await tx.run(agreements.byIds, { ids: [id] });
    await tx.run(agreements.delete, { id });
    summary.agreementsDeleted++;
    await writeAudit(tx, { actor, action: 'DELETE', entityType: 'Agreement', entityId: id, before: { agreement: row?.agreement ?? null }, after: null, reason, revertOf: record.id });
  }
  for (const id of after.collaborationsCreated ?? []) {
    const [row] = await tx.run(collaborations.byIds, { ids: [id] });
    await tx.run(collaborations.delete, { id });
    summary.collaborationsDeleted++;
    await writeAudit(tx, { actor, action: 'DELETE', entityType: 'Collaboration', entityId: id, before: { collaboration: row?.collaboration ?? null }, after: null, reason, revertOf: record.id });
  }
  if (undo.sourceCreated) {
    await tx.run(importRevert.deleteSource, { id: sourceId });
    summary.sourceDeleted = true;
  }
  const auditId = await writeAudit(tx, { actor, action: 'IMPORT_REVERT', entityType: 'Import', entityId: sourceId, before: null, after: summary, reason, revertOf: record.id });
  return { auditId, summary };
}
