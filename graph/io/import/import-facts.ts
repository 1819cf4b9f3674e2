/**
 * Importing a facts file: what of it the store lacks is loaded, in one bulk transaction, with the
 * provenance the file gives each fact; what the store holds is left as it is. So the facts export
 * imported into the store it came from changes nothing, and into a store with the same catalogue
 * it gives back the organisations with their links, roles, kinds, notes, bases and sources.
 * An audit record, loaded with the facts, says who imported which file and what it added.
 */
import type { GraphEngine } from '../../engines/port.js';
import { batchCounts, type GraphBatch } from '../../bulk/batch.js';
import { missingFromStore } from '../../bulk/missing.js';
import { bulkStatements } from '../../bulk/statements.js';
import { ValidationError } from '../../errors.js';
import { auditRecordRow, writeAudit, type AuditEntry } from '../../repo/audit.js';
import type { Actor } from '../../repo/actor.js';
import type { FactsBatch } from './facts-file.js';

export interface FactsWritten {
  organisationsCreated: number;
  agreementsCreated: number;
  collaborationsCreated: number;
  links: number;
  /** Facts of the file the store held already (left as they are). */
  present: number;
  auditId: string | null;
}

export async function importFacts(engine: GraphEngine, facts: FactsBatch, options: { dryRun: boolean; actor: Actor; fileName: string }): Promise<FactsWritten> {
  await checkSources(engine, facts.cited);
  const { missing, nodesPresent, relationshipsPresent } = await missingFromStore(engine, facts.batch);
  // The file is a source only when an agreement or collaboration it names is created, citing it.
  if ((missing.nodes.Agreement?.length ?? 0) + (missing.nodes.Collaboration?.length ?? 0) > 0) {
    const have = await engine.read((tx) => tx.run(bulkStatements.existingIds.Source, { ids: [facts.fileSource.id] }));
    if (!have.length) missing.nodes.Source = [facts.fileSource];
  }
  const written: FactsWritten = {
    organisationsCreated: missing.nodes.Organisation?.length ?? 0,
    agreementsCreated: missing.nodes.Agreement?.length ?? 0,
    collaborationsCreated: missing.nodes.Collaboration?.length ?? 0,
    links: relCount(missing),
    present: nodesPresent + relationshipsPresent,
    auditId: null,
  };
  if (options.dryRun) return written;
  const entry: AuditEntry = {
    actor: options.actor,
    action: 'IMPORT',
    entityType: 'Import',
    entityId: facts.fileSource.id,
    before: null,
    after: {
      file: options.fileName,
      format: 'facts',
      organisationsCreated: written.organisationsCreated,
      agreementsCreated: written.agreementsCreated,
      collaborationsCreated: written.collaborationsCreated,
      links: written.links,
      present: written.present,
      created: (missing.nodes.Organisation ?? []).map((o) => o.id),
    },
  };
  const { nodes, relationships } = batchCounts(missing);
  if (nodes + relationships === 0) {
    written.auditId = await engine.write((tx) => writeAudit(tx, entry));
    return written;
  }
  // The audit record is loaded with the facts it records: the load writes both or neither.
  const record = await engine.read((tx) => auditRecordRow(tx, entry));
  await engine.bulkLoad({ ...missing, nodes: { ...missing.nodes, AuditRecord: [{ ...record }] } });
  written.auditId = record.id;
  return written;
}

function relCount(batch: GraphBatch): number {
  return Object.values(batch.rels).reduce((n, rows) => n + (rows?.length ?? 0), 0);
}

/** Every source a fact cites must be in the store: the file carries a source's title and date, not the source. */
async function checkSources(engine: GraphEngine, cited: Map<string, number>): Promise<void> {
  const ids = [...cited.keys()];
  if (!ids.length) return;
  const found = new Set((await engine.read((tx) => tx.run(bulkStatements.existingIds.Source, { ids }))).map((r) => r.id));
  const problems = ids.filter((id) => !found.has(id)).slice(0, 50).map((id) => ({ field: `rows.${cited.get(id)}.källa`, message: `the source ${JSON.stringify(id)} is not in the store` }));
  if (problems.length) throw new ValidationError(problems);
}
