/** What the import page knows and decides, apart from its markup: formats, mapping, decisions, progress. */
// Relative imports (not $lib): the model is also unit-tested under plain Node, where $lib does not resolve.
import type { ImportFieldDecision, ImportFormat, ImportJobFieldsFragment, ImportMode, ImportPhase, PreviewImportMutation } from '../graphql/generated.js';
import type { MessageKey } from '../i18n/sv.js';

export type Preview = NonNullable<PreviewImportMutation['previewImport']['preview']>;
export type ProposedMatch = Preview['proposedMatches'][number];
export type FieldChange = Preview['changes'][number];
/** Decisions on matched organisations' fields, by `organisationId|field`; a field not here gets its default (KEEP for a stored value). */
export type FieldDecisions = Record<string, ImportFieldDecision>;
export const changeKey = (c: { organisationId: string; field: string }) => `${c.organisationId}|${c.field}`;
export function fieldDecisionsInput(decisions: FieldDecisions): { organisationId: string; field: string; decision: ImportFieldDecision }[] {
  return Object.entries(decisions).map(([key, decision]) => {
    const at = key.lastIndexOf('|');
    return { organisationId: key.slice(0, at), field: key.slice(at + 1), decision };
  });
}
export type Job = ImportJobFieldsFragment;
export type Report = NonNullable<Job['report']>;
export interface UserError {
  field: string | null;
  message: string;
  code: string;
}

/** Raw bytes per chunk: as base64 (4/3) in a JSON body it stays well under the API's 256 KiB. */
export const CHUNK_BYTES = 150_000;
/** The largest file the API accepts (server/graphql/import-sessions.ts). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const POLL_MS = 400;

export function formatOf(fileName: string): ImportFormat {
  return /\.xlsx$/i.test(fileName) ? 'XLSX' : 'CSV';
}

/** Files the picker offers; anything else is refused before an upload starts. */
export const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export function acceptable(fileName: string): boolean {
  return /\.(csv|txt|xlsx)$/i.test(fileName);
}

/** The column → field choices as the API takes them (null ignores a column). */
export type Mapping = Record<string, string | null>;

export function mappingOf(preview: Preview): Mapping {
  return Object.fromEntries(preview.columns.map((c) => [c.header, c.field]));
}

export function mappingInput(mapping: Mapping): { column: string; field: string | null }[] {
  return Object.entries(mapping).map(([column, field]) => ({ column, field }));
}

/** Field names as a person reads them: every field the API offers has a message key. */
export function fieldKey(field: string): MessageKey {
  return `import.field.${field}` as MessageKey;
}

/** A decision on a proposed match: an organisation id, `new`, or not decided yet (never merged silently). */
export type Decision = string | 'new' | null;
export type Decisions = Record<number, Decision>;

export function decisionsInput(decisions: Decisions): { line: number; organisationId: string | null }[] {
  return Object.entries(decisions)
    .filter(([, d]) => d !== null)
    .map(([line, d]) => ({ line: Number(line), organisationId: d === 'new' ? null : d }));
}

export function undecided(matches: readonly ProposedMatch[], decisions: Decisions): number {
  return matches.filter((m) => (decisions[m.line] ?? null) === null).length;
}

export function confirmAll(matches: readonly ProposedMatch[]): Decisions {
  return Object.fromEntries(matches.map((m) => [m.line, m.candidates[0]?.organisationId ?? 'new']));
}

export function rejectAll(matches: readonly ProposedMatch[]): Decisions {
  return Object.fromEntries(matches.map((m) => [m.line, 'new']));
}

/** Errors of the preview by row and column, so the preview table can mark its cells. */
export function problemCells(preview: Preview): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of preview.errors) {
    const key = `${e.line}|${e.column}`;
    out.set(key, [...(out.get(key) ?? []), e.message]);
  }
  return out;
}

/** Whether a commit in `mode` would write anything, and if not, why (a message key). */
export function blocker(preview: Preview, mode: ImportMode, open: number): MessageKey | null {
  if (mode === 'ALL' && preview.summary.invalidRows > 0) return 'import.blocked.errors';
  if (mode === 'ALL' && open > 0) return 'import.blocked.pending';
  if (preview.summary.validRows === 0) return 'import.blocked.nothing';
  return null;
}

export const PHASE_KEYS: Record<ImportPhase, MessageKey> = {
  READ: 'import.phase.READ',
  VALIDATE: 'import.phase.VALIDATE',
  MATCH: 'import.phase.MATCH',
  WRITE: 'import.phase.WRITE',
  DONE: 'import.phase.DONE',
};

/** Overall progress of a job from 0 to 1: the phases in order, the write weighted as the longest. */
const WEIGHTS: Record<ImportPhase, [number, number]> = { READ: [0, 0.05], VALIDATE: [0.05, 0.3], MATCH: [0.3, 0.4], WRITE: [0.4, 1], DONE: [1, 1] };
export function overall(progress: Job['progress']): number {
  const [from, to] = WEIGHTS[progress.phase];
  const within = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return from + (to - from) * within;
}

/** Why nothing was written, in the page's language (the API's reason is for logs and the CLI). */
export function notCommittedKey(report: Report): MessageKey {
  if (report.mode === 'ALL' && report.summary.invalidRows > 0) return 'import.report.notCommitted.errors';
  if (report.mode === 'ALL' && report.summary.pendingRows > 0) return 'import.report.notCommitted.pending';
  return 'import.report.notCommitted.nothing';
}
