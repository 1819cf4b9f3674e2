/**
 * Full backup: every node of every label and every relationship of every type and label pair
 * the model declares (graph/model/model.ts), read in one read transaction a page at a time, in
 * id order. The same code reads either engine, so a backup of one restores into the other.
 */
import { NODES, OPERATIONAL_LABELS, SCHEMA_VERSION, type NodeLabel } from '../../model/model.js';
import type { GraphEngine } from '../../engines/port.js';
import { io, REL_PAIRS } from '../../cypher/statements/io.js';
import { BACKUP_FORMAT, BACKUP_VERSION, storedProps, type BackupFooter, type BackupLine } from './format.js';

const PAGE = 20_000;
/** The app's working state (the change feed, shared keys, limits, uploads) is not data: a restored store makes its own. */
export { OPERATIONAL_LABELS };

export interface BackupProgress {
  what: string;
  nodes: number;
  relationships: number;
}

/**
 * A backup that is one consistent state while writes go on. LadybugDB's read transaction is a
 * snapshot; Neo4j's is not (each statement sees what has committed by then), so there writes
 * pause until the backup has been read: this process's wait to start, every other server's wait
 * at the write barrier before they commit (graph/feed).
 */
export async function consistentBackup(
  store: { engine: GraphEngine; pauseWrites<T>(work: () => Promise<T>): Promise<T> },
  emit: (line: BackupLine) => void | Promise<void>,
  onProgress?: (p: BackupProgress) => void,
): Promise<BackupFooter> {
  if (store.engine.kind === 'embedded') return backupStore(store.engine, emit, onProgress);
  return store.pauseWrites(() => backupStore(store.engine, emit, onProgress));
}

/** Writes the store as backup lines to `emit` (awaited, so a slow file applies back-pressure). */
export async function backupStore(engine: GraphEngine, emit: (line: BackupLine) => void | Promise<void>, onProgress?: (p: BackupProgress) => void): Promise<BackupFooter> {
  const counts: Record<string, number> = {};
  let nodes = 0;
  let relationships = 0;
  await emit({ kind: 'header', format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: SCHEMA_VERSION, engine: engine.kind, createdAt: new Date().toISOString() });
  await engine.read(async (tx) => {
    for (const label of (Object.keys(NODES) as NodeLabel[]).filter((l) => !OPERATIONAL_LABELS.has(l))) {
      let after = '';
      let n = 0;
      for (;;) {
        const rows = await tx.run(io.backupNodes[label], { after, limit: PAGE });
        for (const r of rows) await emit({ kind: 'node', label, props: storedProps(r.props) });
        n += rows.length;
        nodes += rows.length;
        onProgress?.({ what: label, nodes, relationships });
        if (rows.length < PAGE) break;
        after = rows[rows.length - 1]!.id;
      }
      counts[label] = n;
    }
    for (const pair of REL_PAIRS) {
      let afterFrom = '';
      let afterTo = '';
      let n = 0;
      for (;;) {
        const rows = await tx.run(io.backupRels[pair.key]!, { afterFrom, afterTo, limit: PAGE });
        for (const r of rows) await emit({ kind: 'rel', type: pair.type, from: r.from, fromLabel: pair.from, to: r.to, toLabel: pair.to, props: storedProps(r.props) });
        n += rows.length;
        relationships += rows.length;
        onProgress?.({ what: pair.key, nodes, relationships });
        if (rows.length < PAGE) break;
        afterFrom = rows[rows.length - 1]!.from;
        afterTo = rows[rows.length - 1]!.to;
      }
      counts[pair.key] = n;
    }
  });
  const footer: BackupFooter = { kind: 'footer', nodes, relationships, counts };
  await emit(footer);
  return footer;
}
