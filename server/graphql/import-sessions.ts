/**
 * Spreadsheet uploads of the import page (issue 8): the request body is capped at 256 KiB, so a
 * file arrives in base64 chunks into an in-memory upload owned by one admin, is previewed (a dry
 * run of the import), and is written by a background job the page polls for progress. Uploads
 * are capped in size and number, and forgotten after a while without activity; nothing is kept
 * on disk. Every refusal is a typed problem naming the argument.
 */
import { randomBytes } from 'node:crypto';
import type { GraphEngine } from '../../graph/engines/port.js';
import type { Actor } from '../../graph/repo/actor.js';
import { GraphError, ValidationError, type FieldProblem } from '../../graph/errors.js';
import type { FieldDecisions } from '../../graph/io/import/changes.js';
import { importSpreadsheet, previewImport, type ImportMode, type ImportProgress, type ImportReport } from '../../graph/io/import/importer.js';
import { isZip, MAX_FILE_BYTES } from '../../graph/io/import/read-table.js';
import type { TableSummary } from '../../graph/io/import/analyse.js';
import { IMPORT_FIELDS, type ImportField } from '../../graph/io/import/columns.js';
import { ImportCancelled } from '../../graph/io/import/worker-pool.js';
import { ImportFileError, type FileFieldProblem } from '../../graph/io/import/problems.js';
import { log } from '../log.js';
import { refusalText, type Refusal } from './import-refusals.js';

export type UploadFormat = 'CSV' | 'XLSX';

export interface ImportLimits {
  /** Largest file (bytes). */
  maxBytes: number;
  /** Uploads one admin may hold at once (the oldest idle one makes room for a new one). */
  perUser: number;
  /** Bytes all uploads together may hold. */
  totalBytes: number;
  /** An upload without activity for this long is forgotten (ms). */
  idleMs: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: Math.min(MAX_FILE_BYTES, 20 * 1024 * 1024),
  perUser: 3,
  totalBytes: 100 * 1024 * 1024,
  idleMs: 30 * 60 * 1000,
};

/** A problem with an argument that the caller can fix, with the UserError code it is answered with; the message is English, `refusal` says it in other languages. */
export class ImportInputError extends GraphError {
  constructor(
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT',
    field: string,
    readonly refusal: Refusal,
  ) {
    super(refusalText(refusal, 'en'), field);
  }
}

/** The upload exists but belongs to another admin: answered as FORBIDDEN, naming the argument. */
const NOT_YOURS: Refusal = { reason: 'NOT_YOURS', values: {} };
export class NotYoursError extends Error {
  readonly refusal = NOT_YOURS;
  constructor(readonly field: string) {
    super(refusalText(NOT_YOURS, 'en'));
  }
}

export interface ColumnChoice {
  column: string;
  field: string | null;
}

export interface Upload {
  id: string;
  ownerId: string;
  fileName: string;
  format: UploadFormat;
  byteLength: number;
  chunks: Buffer[];
  receivedBytes: number;
  nextIndex: number;
  touchedAt: number;
  /** The mapping of the last preview: a commit without one uses it. */
  mapping: ColumnChoice[] | null;
  /** The running or last job. */
  job: ImportJob | null;
}

export interface ImportJob {
  id: string;
  uploadId: string;
  ownerId: string;
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  progress: ImportProgress;
  report: ImportReport | null;
  /** `problem`, `refusal`: the file problem or refusal behind it, so the error can be said in the reader's language. */
  error: { field: string | null; message: string; code: string; problem?: FileFieldProblem; refusal?: Refusal } | null;
  startedAt: number;
  finishedAt: number | null;
  /** Settles when the job has finished (tests and shutdown wait on it). */
  done: Promise<void>;
}

export interface PreviewColumn {
  index: number;
  header: string;
  field: ImportField | null;
  how: 'synonym' | 'explicit' | 'unknown' | 'ignored';
}

export interface PreviewResult {
  uploadId: string;
  table: TableSummary;
  columns: PreviewColumn[];
  /** The dry run, or null when the mapping has errors. */
  report: ImportReport | null;
  /** Mapping problems, with the import's code and values when it gave them. */
  problems: (FieldProblem | FileFieldProblem)[];
}

const newId = (prefix: string) => `${prefix}:${randomBytes(12).toString('base64url')}`;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class ImportSessions {
  private readonly uploads = new Map<string, Upload>();
  private readonly jobs = new Map<string, ImportJob>();
  private readonly controllers = new Set<AbortController>();

  constructor(
    private readonly engine: GraphEngine,
    readonly limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  expiresAt(upload: Upload): number {
    return upload.touchedAt + this.limits.idleMs;
  }

  start(ownerId: string, fileName: string, byteLength: number, format: UploadFormat): Upload {
    this.sweep();
    const name = fileName.trim();
    if (!name || name.length > 255) throw new ImportInputError('BAD_USER_INPUT', 'fileName', { reason: 'FILE_NAME_LENGTH', values: { max: 255 } });
    if (!Number.isInteger(byteLength) || byteLength < 1) throw new ImportInputError('BAD_USER_INPUT', 'byteLength', { reason: 'BYTE_LENGTH_INVALID', values: {} });
    if (byteLength > this.limits.maxBytes) {
      throw new ImportInputError('BAD_USER_INPUT', 'byteLength', { reason: 'FILE_TOO_LARGE', values: { maxMb: Math.floor(this.limits.maxBytes / 1024 / 1024) } });
    }
    // One admin holds a few uploads: the oldest idle one makes room (a page reloaded mid-upload leaves one behind).
    const own = [...this.uploads.values()].filter((u) => u.ownerId === ownerId).sort((a, b) => a.touchedAt - b.touchedAt);
    for (const u of own.slice(0, Math.max(0, own.length - this.limits.perUser + 1))) {
      if (u.job?.state !== 'RUNNING') this.uploads.delete(u.id);
    }
    if ([...this.uploads.values()].filter((u) => u.ownerId === ownerId).length >= this.limits.perUser) {
      throw new ImportInputError('CONFLICT', 'byteLength', { reason: 'TOO_MANY_UPLOADS', values: { max: this.limits.perUser } });
    }
    // A written upload has let go of its bytes; every other one holds (or will hold) its declared size.
    const reserved = [...this.uploads.values()].reduce((n, u) => n + (u.receivedBytes === u.byteLength && !u.chunks.length ? 0 : u.byteLength), 0);
    if (reserved + byteLength > this.limits.totalBytes) {
      throw new ImportInputError('BAD_USER_INPUT', 'byteLength', { reason: 'SERVER_FULL', values: {} });
    }
    const upload: Upload = { id: newId('upload'), ownerId, fileName: name, format, byteLength, chunks: [], receivedBytes: 0, nextIndex: 0, touchedAt: this.now(), mapping: null, job: null };
    this.uploads.set(upload.id, upload);
    return upload;
  }

  append(ownerId: string, id: string, index: number, data: string): Upload {
    const upload = this.own(ownerId, id);
    if (upload.receivedBytes === upload.byteLength) throw new ImportInputError('CONFLICT', 'index', { reason: 'UPLOAD_COMPLETE', values: {} });
    if (index !== upload.nextIndex) throw new ImportInputError('BAD_USER_INPUT', 'index', { reason: 'CHUNK_OUT_OF_ORDER', values: { index, expected: upload.nextIndex } });
    if (!data || data.length % 4 !== 0 || !BASE64.test(data)) throw new ImportInputError('BAD_USER_INPUT', 'data', { reason: 'NOT_BASE64', values: {} });
    const bytes = Buffer.from(data, 'base64');
    if (bytes.byteLength === 0) throw new ImportInputError('BAD_USER_INPUT', 'data', { reason: 'EMPTY_CHUNK', values: {} });
    if (upload.receivedBytes + bytes.byteLength > upload.byteLength) {
      throw new ImportInputError('BAD_USER_INPUT', 'data', { reason: 'CHUNK_TOO_LONG', values: { bytes: upload.receivedBytes + bytes.byteLength, byteLength: upload.byteLength } });
    }
    upload.chunks.push(bytes);
    upload.receivedBytes += bytes.byteLength;
    upload.nextIndex++;
    upload.touchedAt = this.now();
    return upload;
  }

  /** A dry run of the upload (read and validated in a worker thread); `signal` cancels it (the request was stopped). */
  async preview(ownerId: string, id: string, mapping: ColumnChoice[] | null, signal?: AbortSignal): Promise<PreviewResult> {
    const upload = this.complete(ownerId, id);
    if (upload.job?.state === 'RUNNING') throw new ImportInputError('CONFLICT', 'id', { reason: 'IMPORT_RUNNING', values: {} });
    const bytes = this.bytes(upload);
    this.checkFormat(upload, bytes);
    const map = mapOf(mapping);
    const controller = this.track(signal);
    let result: Awaited<ReturnType<typeof previewImport>>;
    try {
      result = await previewImport(this.engine, bytes, { fileName: this.readName(upload), map, previewRows: 0, signal: controller.signal });
    } finally {
      this.untrack(controller);
    }
    const { table, report, mappingError } = result;
    let columns: PreviewResult['columns'];
    let problems: PreviewResult['problems'] = [];
    if (mappingError) {
      problems = mappingError.problems.map((p) => ({ ...p, field: p.field.replace(/^map\./, 'mapping.') }));
      // The columns as far as they can be mapped, so the page can offer the selects to fix it.
      const wanted = new Map(Object.entries(map));
      columns = table.headers.map((header, index) => {
        const w = wanted.get(header);
        if (w !== undefined) return { index, header, field: w && w in IMPORT_FIELDS ? (w as ImportField) : null, how: w ? 'explicit' : 'ignored' };
        return { index, header, field: null, how: 'unknown' };
      });
    } else {
      columns = report!.mapping.map((c, index) => ({ index, header: c.column, field: c.field, how: c.how }));
    }
    upload.mapping = mapping;
    upload.touchedAt = this.now();
    return { uploadId: upload.id, table, columns, report, problems };
  }

  commit(
    ownerId: string,
    id: string,
    options: { actor: Actor; mode: ImportMode; acceptMatches: boolean; decisions: Record<number, string>; fieldDecisions?: FieldDecisions; mapping: ColumnChoice[] | null },
  ): ImportJob {
    const upload = this.complete(ownerId, id);
    if (upload.job?.state === 'RUNNING') throw new ImportInputError('CONFLICT', 'id', { reason: 'IMPORT_RUNNING', values: {} });
    if (upload.job?.report?.committed) throw new ImportInputError('CONFLICT', 'id', { reason: 'ALREADY_IMPORTED', values: {} });
    const bytes = this.bytes(upload);
    this.checkFormat(upload, bytes);
    const map = mapOf(options.mapping ?? upload.mapping);
    let settle = () => undefined as void;
    const job: ImportJob = {
      id: newId('importjob'),
      uploadId: upload.id,
      ownerId,
      state: 'RUNNING',
      progress: { phase: 'read', done: 0, total: 1 },
      report: null,
      error: null,
      startedAt: this.now(),
      finishedAt: null,
      done: new Promise<void>((resolve) => (settle = resolve)),
    };
    upload.job = job;
    upload.touchedAt = this.now();
    this.jobs.set(job.id, job);
    // The job runs after this request has answered; the page polls importJob for its progress. It
    // is cancelled (before it writes) only when the server shuts down.
    const controller = this.track();
    void importSpreadsheet(this.engine, bytes, {
      signal: controller.signal,
      fileName: this.readName(upload),
      mode: options.mode,
      map,
      acceptMatches: options.acceptMatches,
      decisions: options.decisions,
      ...(options.fieldDecisions ? { fieldDecisions: options.fieldDecisions } : {}),
      actor: options.actor,
      onProgress: (p) => {
        job.progress = p;
      },
    })
      .then((report) => {
        job.report = report;
        job.state = 'SUCCEEDED';
        job.progress = { phase: 'done', done: 1, total: 1 };
        // A written file is not needed again; one not written can be fixed and committed again.
        if (report.committed) upload.chunks = [];
      })
      .catch((error: unknown) => {
        job.state = 'FAILED';
        if (error instanceof ImportCancelled || controller.signal.aborted) {
          const refusal: Refusal = { reason: 'CANCELLED', values: {} };
          job.error = { field: null, message: refusalText(refusal, 'en'), code: 'CANCELLED', refusal };
        } else if (error instanceof GraphError && error.code !== 'ENGINE_ERROR') {
          const first = error instanceof ValidationError ? error.problems[0] : undefined;
          job.error = { field: first?.field ?? error.field ?? null, message: first?.message ?? error.message, code: error.code, ...(error instanceof ImportFileError && error.problems[0] ? { problem: error.problems[0] } : {}) };
        } else {
          log('error', 'import job failed', { jobId: job.id, message: error instanceof Error ? error.message : String(error) });
          const refusal: Refusal = { reason: 'WRITE_FAILED', values: {} };
          job.error = { field: null, message: refusalText(refusal, 'en'), code: 'INTERNAL_SERVER_ERROR', refusal };
        }
      })
      .finally(() => {
        this.untrack(controller);
        job.finishedAt = this.now();
        upload.touchedAt = this.now();
        settle();
      });
    return job;
  }

  job(ownerId: string, id: string): ImportJob {
    this.sweep();
    const job = this.jobs.get(id);
    if (!job) throw new ImportInputError('NOT_FOUND', 'id', { reason: 'JOB_NOT_FOUND', values: { id } });
    if (job.ownerId !== ownerId) throw new NotYoursError('id');
    return job;
  }

  /** Cancels every analysis still reading or validating (shutdown); writes already under way finish or roll back. */
  cancelAll(): void {
    for (const c of this.controllers) c.abort();
  }

  /** An AbortController for one analysis, aborted with `signal` (a stopped request) or by cancelAll. */
  private track(signal?: AbortSignal): AbortController {
    const controller = new AbortController();
    if (signal?.aborted) controller.abort();
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    this.controllers.add(controller);
    return controller;
  }

  private untrack(controller: AbortController): void {
    this.controllers.delete(controller);
  }

  /** Running jobs, for a graceful shutdown. */
  running(): Promise<void>[] {
    return [...this.jobs.values()].filter((j) => j.state === 'RUNNING').map((j) => j.done);
  }

  private own(ownerId: string, id: string): Upload {
    this.sweep();
    const upload = this.uploads.get(id);
    if (!upload) throw new ImportInputError('NOT_FOUND', 'id', { reason: 'UPLOAD_NOT_FOUND', values: { id } });
    if (upload.ownerId !== ownerId) throw new NotYoursError('id');
    return upload;
  }

  private complete(ownerId: string, id: string): Upload {
    const upload = this.own(ownerId, id);
    if (upload.receivedBytes < upload.byteLength) {
      throw new ImportInputError('BAD_USER_INPUT', 'id', { reason: 'UPLOAD_INCOMPLETE', values: { received: upload.receivedBytes, byteLength: upload.byteLength } });
    }
    if (!upload.chunks.length) throw new ImportInputError('CONFLICT', 'id', { reason: 'ALREADY_IMPORTED', values: {} });
    return upload;
  }

  private bytes(upload: Upload): Uint8Array {
    if (upload.chunks.length > 1) upload.chunks = [Buffer.concat(upload.chunks)];
    const b = upload.chunks[0]!;
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }

  /** The name the reader is given: the chosen format decides how the bytes are read. */
  private readName(upload: Upload): string {
    const base = upload.fileName.replace(/\.(xlsx|csv|txt)$/i, '');
    return upload.format === 'XLSX' ? `${base}.xlsx` : upload.fileName.toLowerCase().endsWith('.xlsx') ? `${base}.csv` : upload.fileName;
  }

  /** The chosen format must be what the bytes are. */
  private checkFormat(upload: Upload, bytes: Uint8Array): void {
    if (upload.format === 'CSV' && isZip(bytes)) throw new ImportInputError('BAD_USER_INPUT', 'format', { reason: 'NOT_CSV', values: {} });
    if (upload.format === 'XLSX' && !isZip(bytes)) throw new ImportInputError('BAD_USER_INPUT', 'format', { reason: 'NOT_XLSX', values: {} });
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, u] of this.uploads) {
      if (u.job?.state === 'RUNNING' || now - u.touchedAt < this.limits.idleMs) continue;
      this.uploads.delete(id);
      if (u.job) this.jobs.delete(u.job.id);
    }
    for (const [id, j] of this.jobs) if (!this.uploads.has(j.uploadId) && j.state !== 'RUNNING') this.jobs.delete(id);
  }
}

function mapOf(mapping: ColumnChoice[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of mapping ?? []) out[m.column] = m.field ?? 'ignore';
  return out;
}

/** The sessions of one store (one server): kept beside it, so each server (and test) has its own. */
const byEngine = new WeakMap<GraphEngine, ImportSessions>();
export function importSessionsFor(engine: GraphEngine): ImportSessions {
  let s = byEngine.get(engine);
  if (!s) byEngine.set(engine, (s = new ImportSessions(engine)));
  return s;
}
