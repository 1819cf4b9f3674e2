/**
 * The backup file: JSON Lines. A header (format, version, the model's schema version, engine,
 * time), one line per node and per relationship of every label and type the model declares,
 * and a footer with the counts, so a truncated file is refused rather than half restored.
 */
export const BACKUP_FORMAT = 'samverkan-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  kind: 'header';
  format: typeof BACKUP_FORMAT;
  version: number;
  schemaVersion: number;
  engine: string;
  createdAt: string;
}

export interface BackupNode {
  kind: 'node';
  label: string;
  props: Record<string, unknown>;
}

export interface BackupRel {
  kind: 'rel';
  type: string;
  from: string;
  fromLabel: string;
  to: string;
  toLabel: string;
  props: Record<string, unknown>;
}

export interface BackupFooter {
  kind: 'footer';
  nodes: number;
  relationships: number;
  /** Per label and per `TYPE:From:To`. */
  counts: Record<string, number>;
}

export type BackupLine = BackupHeader | BackupNode | BackupRel | BackupFooter;

/** Properties as stored: nulls and empty strings (which the model treats as "not given") left out. */
export function storedProps(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || v === '') continue;
    out[k] = typeof v === 'bigint' ? Number(v) : v;
  }
  return out;
}
