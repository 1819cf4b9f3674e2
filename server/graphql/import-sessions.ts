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
import { ImportUploads, type JobRecord, type UploadRecord } from '../../graph/repo/import-uploads.js';
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

/** An upload as the API shows it (its bytes stay in the graph until they are read). */
export interface Upload {
  id: string;
  ownerId: string;
  fileName: string;
  format: UploadFormat;
  byteLength: number;
  receivedBytes: number;
  nextIndex: number;
  touchedAt: number;
  /** The mapping of the last preview: a commit without one uses it. */
  mapping: ColumnChoice[] | null;
  /** The running or last job's id. */
  jobId: string | null;
  /** The file has been written; its bytes are gone. */
  written: boolean;
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
/** How often a running job writes its progress and sign of life to the graph (ms). */
const BEAT_MS = 1_000;
/** A job whose server has written no sign of life for this long has stopped with its server (ms). */
export const STALE_JOB_MS = 30_000;
/** Idle uploads are looked for at most this often per server (ms). */
const SWEEP_MS = 60_000;

/** A job this server runs: its live state, and a promise that settles when it ends (shutdown waits on it). */
interface LocalJob {
  job: ImportJob;
  done: Promise<void>;
}

/**
 * The import's uploads and jobs. They live in the graph (graph/repo/import-uploads.ts), so any
 * server behind a load balancer can take the next chunk, the preview or the commit, and a job's
 * progress is read through any server; the server that runs a job keeps its live state too.
 */
export class ImportSessions {
  private readonly store: ImportUploads;
  private readonly local = new Map<string, LocalJob>();
  private readonly controllers = new Set<AbortController>();
  private readonly server = `server:${randomBytes(9).toString('base64url')}`;
  private lastSweep = -Infinity;

  constructor(
    private readonly engine: GraphEngine,
    readonly limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new ImportUploads(engine);
  }

  expiresAt(upload: Upload): number {
    return upload.touchedAt + this.limits.idleMs;
  }

  async start(ownerId: string, fileName: string, byteLength: number, format: UploadFormat): Promise<Upload> {
    await this.sweep();
    const name = fileName.trim();
    if (!name || name.length > 255) throw new ImportInputError('BAD_USER_INPUT', 'fileName', { reason: 'FILE_NAME_LENGTH', values: { max: 255 } });
    if (!Number.isInteger(byteLength) || byteLength < 1) throw new ImportInputError('BAD_USER_INPUT', 'byteLength', { reason: 'BYTE_LENGTH_INVALID', values: {} });
    if (byteLength > this.limits.maxBytes) {
      throw new ImportInputError('BAD_USER_INPUT', 'byteLength', { reason: 'FILE_TOO_LARGE', values: { maxMb: Math.floor(this.limits.maxBytes / 1024 / 1024) } });
    }
    // One admin holds a few uploads: the oldest idle one makes room (a page reloaded mid-upload leaves one behind).
    const own = await this.store.byOwner(ownerId);
    let kept = own.length;
    for (const u of own.slice(0, Math.max(0, own.length - this.limits.perUser + 1))) {
      if (await this.running(u)) continue;
      await this.store.remove(u.id);
      kept--;
    }
    if (kept >= this.limits.perUser) throw new ImportInputError('CONFLICT', 'byteLength', { reason: 'TOO_MANY_UPLOADS', values: { max: this.limits.perUser } });
    // A written upload has let go of its bytes; every other one holds (or will hold) its declared size.
    if ((await this.store.heldBytes()) + byteLength > this.limits.totalBytes) {
      throw new ImportInputError('BAD_USER_INPUT', 'byteLength', { reason: 'SERVER_FULL', values: {} });
    }
    const id = newId('upload');
    const now = this.now();
    await this.store.create({ id, ownerId, fileName: name, format, byteLength }, now);
    return { id, ownerId, fileName: name, format, byteLength, receivedBytes: 0, nextIndex: 0, touchedAt: now, mapping: null, jobId: null, written: false };
  }

  async append(ownerId: string, id: string, index: number, data: string): Promise<Upload> {
    await this.own(ownerId, id);
    if (!data || data.length % 4 !== 0 || !BASE64.test(data)) throw new ImportInputError('BAD_USER_INPUT', 'data', { reason: 'NOT_BASE64', values: {} });
    const bytes = Buffer.from(data, 'base64').byteLength;
    if (bytes === 0) throw new ImportInputError('BAD_USER_INPUT', 'data', { reason: 'EMPTY_CHUNK', values: {} });
    // Checked again under the upload's lock: a chunk sent twice at once (a retry) is taken once.
    const after = await this.store.append(id, index, data, bytes, this.now(), (u) => {
      if (!u || u.ownerId !== ownerId) throw new ImportInputError('NOT_FOUND', 'id', { reason: 'UPLOAD_NOT_FOUND', values: { id } });
      if (u.receivedBytes === u.byteLength) throw new ImportInputError('CONFLICT', 'index', { reason: 'UPLOAD_COMPLETE', values: {} });
      if (index !== u.nextIndex) throw new ImportInputError('BAD_USER_INPUT', 'index', { reason: 'CHUNK_OUT_OF_ORDER', values: { index, expected: u.nextIndex } });
      if (u.receivedBytes + bytes > u.byteLength) {
        throw new ImportInputError('BAD_USER_INPUT', 'data', { reason: 'CHUNK_TOO_LONG', values: { bytes: u.receivedBytes + bytes, byteLength: u.byteLength } });
      }
    });
    return uploadOf(after);
  }

  /** A dry run of the upload (read and validated in a worker thread); `signal` cancels it (the request was stopped). */
  async preview(ownerId: string, id: string, mapping: ColumnChoice[] | null, signal?: AbortSignal): Promise<PreviewResult> {
    const upload = await this.complete(ownerId, id);
    if (await this.running(upload)) throw new ImportInputError('CONFLICT', 'id', { reason: 'IMPORT_RUNNING', values: {} });
    const bytes = await this.bytes(upload);
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
    await this.store.setMapping(upload.id, mapping ? JSON.stringify(mapping) : null);
    return { uploadId: upload.id, table, columns, report, problems };
  }

  async commit(
    ownerId: string,
    id: string,
    options: { actor: Actor; mode: ImportMode; acceptMatches: boolean; decisions: Record<number, string>; fieldDecisions?: FieldDecisions; mapping: ColumnChoice[] | null },
  ): Promise<ImportJob> {
    const upload = await this.complete(ownerId, id);
    const bytes = await this.bytes(upload);
    this.checkFormat(upload, bytes);
    const map = mapOf(options.mapping ?? upload.mapping);
    const now = this.now();
    const job: ImportJob = { id: newId('importjob'), uploadId: upload.id, ownerId, state: 'RUNNING', progress: { phase: 'read', done: 0, total: 1 }, report: null, error: null, startedAt: now, finishedAt: null };
    // Under the upload's lock: one job at a time, and a written file is not written again, whichever server is asked.
    await this.store.startJob(upload.id, { id: job.id, ownerId, server: this.server, progress: JSON.stringify(job.progress) }, now, (u, current) => {
      if (!u || u.ownerId !== ownerId) throw new ImportInputError('NOT_FOUND', 'id', { reason: 'UPLOAD_NOT_FOUND', values: { id } });
      if (u.written || (current?.report && (JSON.parse(current.report) as ImportReport).committed)) throw new ImportInputError('CONFLICT', 'id', { reason: 'ALREADY_IMPORTED', values: {} });
      if (current && this.isRunning(current, now)) throw new ImportInputError('CONFLICT', 'id', { reason: 'IMPORT_RUNNING', values: {} });
    });
    let settle = () => undefined as void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.local.set(job.id, { job, done });
    // The job runs after this request has answered; the page polls importJob for its progress,
    // through any server. It is cancelled (before it writes) only when the server shuts down.
    const controller = this.track();
    let beating: Promise<void> | null = null;
    const beat = setInterval(() => {
      if (beating) return;
      beating = this.store
        .beat(job.id, JSON.stringify(job.progress), this.now())
        .catch((error: unknown) => log('warn', 'import job progress not recorded', { jobId: job.id, message: error instanceof Error ? error.message : String(error) }))
        .finally(() => (beating = null));
    }, BEAT_MS);
    beat.unref();
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
      .then(async (report) => {
        job.report = report;
        job.state = 'SUCCEEDED';
        job.progress = { phase: 'done', done: 1, total: 1 };
        // A written file is not needed again; one not written can be fixed and committed again.
        // (The import has committed whatever happens here: a failure to mark it is logged, not the job's.)
        if (report.committed) {
          await this.store.written(upload.id).catch((error: unknown) => log('error', 'written import upload not marked', { uploadId: upload.id, message: error instanceof Error ? error.message : String(error) }));
        }
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
      .then(async () => {
        clearInterval(beat);
        await beating;
        job.finishedAt = this.now();
        await this.store.finish(
          job.id,
          { state: job.state, progress: JSON.stringify(job.progress), report: job.report ? JSON.stringify(job.report) : null, error: job.error ? JSON.stringify(job.error) : null },
          job.finishedAt,
        );
      })
      .catch((error: unknown) => log('error', 'import job outcome not recorded', { jobId: job.id, message: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        this.untrack(controller);
        this.local.delete(job.id);
        settle();
      });
    return job;
  }

  /** The job as it is now: this server's live state when it runs it, else what the graph holds. */
  async job(ownerId: string, id: string): Promise<ImportJob> {
    const here = this.local.get(id);
    if (here) {
      if (here.job.ownerId !== ownerId) throw new NotYoursError('id');
      return here.job;
    }
    const record = await this.store.job(id);
    if (!record) throw new ImportInputError('NOT_FOUND', 'id', { reason: 'JOB_NOT_FOUND', values: { id } });
    if (record.ownerId !== ownerId) throw new NotYoursError('id');
    const job = jobOf(record);
    // The server running it stopped (killed, or restarted) without recording an outcome: its one
    // transaction did not commit, so nothing was written, and the file can be committed again.
    if (job.state === 'RUNNING' && !this.isRunning(record, this.now())) {
      const refusal: Refusal = { reason: 'SERVER_STOPPED', values: {} };
      return { ...job, state: 'FAILED', error: { field: null, message: refusalText(refusal, 'en'), code: 'INTERNAL_SERVER_ERROR', refusal }, finishedAt: record.heartbeatAt };
    }
    return job;
  }

  /** Cancels every analysis still reading or validating (shutdown); writes already under way finish or roll back. */
  cancelAll(): void {
    for (const c of this.controllers) c.abort();
  }

  /** Jobs this server runs, for a graceful shutdown. */
  runningHere(): Promise<void>[] {
    return [...this.local.values()].map((j) => j.done);
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

  /** A job still runs if this server runs it, or its server has shown a sign of life lately. */
  private isRunning(job: JobRecord, now: number): boolean {
    if (job.state !== 'RUNNING') return false;
    if (this.local.has(job.id)) return true;
    // Run by this server, which no longer runs it: it ended without recording how.
    if (job.server === this.server) return false;
    return now - job.heartbeatAt < STALE_JOB_MS;
  }

  /** Whether the upload's job (`jobId`, if any) still runs. */
  private async running({ jobId }: { jobId: string | null }): Promise<boolean> {
    if (!jobId) return false;
    if (this.local.has(jobId)) return true;
    const job = await this.store.job(jobId);
    return job !== null && this.isRunning(job, this.now());
  }


  /** The owner's upload, marked as used now; one idle past the limit is gone. */
  private async own(ownerId: string, id: string): Promise<Upload> {
    await this.sweep();
    const now = this.now();
    const found = await this.store.get(id);
    if (!found || (now - found.touchedAt >= this.limits.idleMs && !(await this.running(found)))) {
      throw new ImportInputError('NOT_FOUND', 'id', { reason: 'UPLOAD_NOT_FOUND', values: { id } });
    }
    if (found.ownerId !== ownerId) throw new NotYoursError('id');
    const record = await this.store.touch(id, now);
    if (!record) throw new ImportInputError('NOT_FOUND', 'id', { reason: 'UPLOAD_NOT_FOUND', values: { id } });
    return uploadOf(record);
  }

  private async complete(ownerId: string, id: string): Promise<Upload> {
    const upload = await this.own(ownerId, id);
    if (upload.receivedBytes < upload.byteLength) {
      throw new ImportInputError('BAD_USER_INPUT', 'id', { reason: 'UPLOAD_INCOMPLETE', values: { received: upload.receivedBytes, byteLength: upload.byteLength } });
    }
    if (upload.written) throw new ImportInputError('CONFLICT', 'id', { reason: 'ALREADY_IMPORTED', values: {} });
    return upload;
  }

  private async bytes(upload: Upload): Promise<Uint8Array> {
    const b = await this.store.bytes(upload.id);
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

  /** Forgets uploads idle past the limit whose job is not running; at most once a minute per server. */
  private async sweep(): Promise<void> {
    const now = this.now();
    if (now - this.lastSweep < Math.min(SWEEP_MS, this.limits.idleMs)) return;
    this.lastSweep = now;
    for (const idle of await this.store.idle(now - this.limits.idleMs)) {
      if (await this.running(idle)) continue;
      await this.store.remove(idle.id);
    }
  }
}

function uploadOf(r: UploadRecord): Upload {
  return {
    id: r.id,
    ownerId: r.ownerId,
    fileName: r.fileName,
    format: r.format === 'XLSX' ? 'XLSX' : 'CSV',
    byteLength: Number(r.byteLength),
    receivedBytes: Number(r.receivedBytes),
    nextIndex: Number(r.nextIndex),
    touchedAt: Number(r.touchedAt),
    mapping: r.mapping ? (JSON.parse(r.mapping) as ColumnChoice[]) : null,
    jobId: r.jobId ?? null,
    written: r.written === true,
  };
}

function jobOf(r: JobRecord): ImportJob {
  return {
    id: r.id,
    uploadId: r.uploadId,
    ownerId: r.ownerId,
    state: r.state === 'SUCCEEDED' ? 'SUCCEEDED' : r.state === 'FAILED' ? 'FAILED' : 'RUNNING',
    progress: JSON.parse(r.progress) as ImportProgress,
    report: r.report ? (JSON.parse(r.report) as ImportReport) : null,
    error: r.error ? (JSON.parse(r.error) as ImportJob['error']) : null,
    startedAt: Number(r.startedAt),
    finishedAt: r.finishedAt == null ? null : Number(r.finishedAt),
  };
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
