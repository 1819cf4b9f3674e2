/**
 * Restore of a backup into an empty store, in one transaction by the engine's bulk path
 * (LadybugDB COPY, Neo4j UNWIND batches). The whole file is read and checked first (header,
 * schema version, footer counts, labels, types and properties against the model): a file that
 * fails any check writes nothing. The store's own SchemaMeta is kept (the schema is applied
 * when the store opens), so SchemaMeta lines of the backup are not loaded.
 */
import { NODES, OPERATIONAL_LABELS, SCHEMA_VERSION, type NodeLabel, type RelType } from '../../model/model.js';
import type { GraphEngine } from '../../engines/port.js';
import type { GraphBatch, NodeRow, PropertyValue, RelRow } from '../../bulk/batch.js';
import { io } from '../../cypher/statements/io.js';
import { ConflictError, ValidationError, type FieldProblem } from '../../errors.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupFooter, type BackupHeader, type BackupLine } from './format.js';

export interface RestoreReport {
  nodes: number;
  relationships: number;
  ms: number;
  from: { engine: string; createdAt: string; schemaVersion: number };
}

/** The store's own schema version and its working state (made afresh), never restored. */
const SKIPPED_LABELS = new Set<string>(['SchemaMeta', ...OPERATIONAL_LABELS]);

/** Reads backup lines (text) into a batch, checking the file as it goes. */
export async function readBackup(lines: AsyncIterable<string> | Iterable<string>): Promise<{ header: BackupHeader; footer: BackupFooter; batch: GraphBatch; counts: Record<string, number> }> {
  let header: BackupHeader | null = null;
  let footer: BackupFooter | null = null;
  const batch: GraphBatch = { nodes: {}, rels: {} };
  const counts: Record<string, number> = {};
  const problems: FieldProblem[] = [];
  let lineNo = 0;
  for await (const text of lines) {
    lineNo++;
    if (!text.trim()) continue;
    let line: BackupLine;
    try {
      line = JSON.parse(text) as BackupLine;
    } catch {
      throw new ValidationError([{ field: `line ${lineNo}`, message: 'is not JSON' }]);
    }
    if (lineNo === 1) {
      if (line.kind !== 'header' || line.format !== BACKUP_FORMAT) throw new ValidationError([{ field: 'line 1', message: `is not a ${BACKUP_FORMAT} header` }]);
      if (line.version > BACKUP_VERSION) throw new ValidationError([{ field: 'header.version', message: `backup format ${line.version} is newer than this program reads (${BACKUP_VERSION})` }]);
      if (line.schemaVersion > SCHEMA_VERSION) throw new ValidationError([{ field: 'header.schemaVersion', message: `the backup's schema ${line.schemaVersion} is newer than this program's (${SCHEMA_VERSION})` }]);
      header = line;
      continue;
    }
    if (footer) throw new ValidationError([{ field: `line ${lineNo}`, message: 'follows the footer' }]);
    switch (line.kind) {
      case 'node': {
        counts[line.label] = (counts[line.label] ?? 0) + 1;
        if (SKIPPED_LABELS.has(line.label)) break;
        if (!(line.label in NODES)) {
          if (problems.length < 20) problems.push({ field: `line ${lineNo}.label`, message: `${JSON.stringify(line.label)} is not a label of this program's model` });
          break;
        }
        (batch.nodes[line.label as NodeLabel] ??= []).push(line.props as NodeRow);
        break;
      }
      case 'rel': {
        const key = `${line.type}:${line.fromLabel}:${line.toLabel}`;
        counts[key] = (counts[key] ?? 0) + 1;
        const row: RelRow = { from: line.from, to: line.to, fromLabel: line.fromLabel as NodeLabel, toLabel: line.toLabel as NodeLabel, props: line.props as Record<string, PropertyValue> };
        (batch.rels[line.type as RelType] ??= []).push(row);
        break;
      }
      case 'footer':
        footer = line;
        break;
      default:
        throw new ValidationError([{ field: `line ${lineNo}.kind`, message: 'must be header, node, rel or footer' }]);
    }
  }
  if (!header) throw new ValidationError([{ field: 'file', message: 'is empty' }]);
  if (!footer) throw new ValidationError([{ field: 'file', message: 'ends without a footer: it is incomplete (truncated?)' }]);
  for (const [key, n] of Object.entries(footer.counts)) {
    if ((counts[key] ?? 0) !== n) problems.push({ field: `counts.${key}`, message: `the footer says ${n}, the file holds ${counts[key] ?? 0}` });
  }
  if (problems.length) throw new ValidationError(problems);
  return { header, footer, batch, counts };
}

/** Labels that hold any node (SchemaMeta aside): a restore needs an empty store. */
export async function nonEmptyLabels(engine: GraphEngine): Promise<string[]> {
  return engine.read(async (tx) => {
    const out: string[] = [];
    for (const label of Object.keys(NODES) as NodeLabel[]) {
      if (SKIPPED_LABELS.has(label)) continue;
      if ((await tx.run(io.backupNodes[label], { after: '', limit: 1 })).length) out.push(label);
    }
    return out;
  });
}

export async function restoreStore(engine: GraphEngine, lines: AsyncIterable<string> | Iterable<string>): Promise<RestoreReport> {
  const started = performance.now();
  const { header, batch } = await readBackup(lines);
  // What an interrupted restore left is removed first: the store must be empty but for it.
  await engine.recoverBulkLoad({ force: true });
  const occupied = await nonEmptyLabels(engine);
  if (occupied.length) throw new ConflictError(`restore needs an empty store; this one holds ${occupied.join(', ')} nodes`, 'store');
  const result = await engine.bulkLoad(batch);
  return { nodes: result.nodes, relationships: result.relationships, ms: Math.round(performance.now() - started), from: { engine: header.engine, createdAt: header.createdAt, schemaVersion: header.schemaVersion } };
}
