/**
 * Import uploads, their chunks and commit jobs in the graph, so that an upload started through one
 * app server can be continued, previewed and committed through any other, and outlives a restart.
 * The rules (limits, owners, order of chunks) are the caller's; each check that a write depends on
 * runs inside the write's transaction, after the upload's lock is taken.
 */
import type { GraphEngine } from '../engines/port.js';
import { importJobs, importUploads, type JobRecord, type UploadRecord } from '../cypher/statements/imports.js';

export type { JobRecord, UploadRecord };

export interface NewUpload {
  id: string;
  ownerId: string;
  fileName: string;
  format: string;
  byteLength: number;
}

export interface NewJob {
  id: string;
  ownerId: string;
  server: string;
  progress: string;
}

export class ImportUploads {
  constructor(private readonly engine: GraphEngine) {}

  async create(upload: NewUpload, now: number): Promise<void> {
    await this.engine.write((tx) => tx.run(importUploads.create, { ...upload, now }));
  }

  async get(id: string): Promise<UploadRecord | null> {
    const [row] = await this.engine.read((tx) => tx.run(importUploads.byId, { id }));
    return row?.upload ?? null;
  }

  /** Marks the upload as used now; null if there is none. */
  async touch(id: string, now: number): Promise<UploadRecord | null> {
    const [row] = await this.engine.write((tx) => tx.run(importUploads.touch, { id, now }));
    return row?.upload ?? null;
  }

  async byOwner(ownerId: string): Promise<UploadRecord[]> {
    return (await this.engine.read((tx) => tx.run(importUploads.byOwner, { ownerId }))).map((r) => r.upload);
  }

  /** Declared bytes of every upload not yet written. */
  async heldBytes(): Promise<number> {
    const [row] = await this.engine.read((tx) => tx.run(importUploads.heldBytes, {}));
    return Number(row?.bytes ?? 0);
  }

  /**
   * Adds chunk `index` (`data` base64 of `bytes` bytes) after `check` has accepted the upload as it
   * is under its lock (it throws to refuse, and nothing is written). Answers the upload after.
   */
  async append(id: string, index: number, data: string, bytes: number, now: number, check: (upload: UploadRecord | null) => void): Promise<UploadRecord> {
    return this.engine.write(async (tx) => {
      const [row] = await tx.run(importUploads.touch, { id, now });
      const upload = row?.upload ?? null;
      check(upload);
      await tx.run(importUploads.addChunk, { id: `${id}:${index}`, uploadId: id, seq: index, data });
      const after = { nextIndex: index + 1, receivedBytes: upload!.receivedBytes + bytes };
      await tx.run(importUploads.received, { id, ...after });
      return { ...upload!, ...after };
    });
  }

  /** The upload's bytes, in chunk order. */
  async bytes(id: string): Promise<Buffer> {
    const rows = await this.engine.read((tx) => tx.run(importUploads.chunks, { uploadId: id }));
    return Buffer.concat(rows.map((r) => Buffer.from(r.data, 'base64')));
  }

  async setMapping(id: string, mapping: string | null): Promise<void> {
    await this.engine.write((tx) => tx.run(importUploads.setMapping, { id, mapping }));
  }

  /**
   * Records a new job for the upload after `check` has accepted the upload and its current job as
   * they are under the upload's lock (so two servers cannot both start one).
   */
  async startJob(uploadId: string, job: NewJob, now: number, check: (upload: UploadRecord | null, current: JobRecord | null) => void): Promise<void> {
    await this.engine.write(async (tx) => {
      const [row] = await tx.run(importUploads.touch, { id: uploadId, now });
      const upload = row?.upload ?? null;
      const current = upload?.jobId ? ((await tx.run(importJobs.byId, { id: upload.jobId }))[0]?.job ?? null) : null;
      check(upload, current);
      await tx.run(importJobs.create, { ...job, uploadId, now });
      await tx.run(importUploads.setJob, { id: uploadId, jobId: job.id });
    });
  }

  async job(id: string): Promise<JobRecord | null> {
    const [row] = await this.engine.read((tx) => tx.run(importJobs.byId, { id }));
    return row?.job ?? null;
  }

  async beat(id: string, progress: string, now: number): Promise<void> {
    await this.engine.write((tx) => tx.run(importJobs.beat, { id, progress, now }));
  }

  async finish(id: string, outcome: { state: string; progress: string; report: string | null; error: string | null }, now: number): Promise<void> {
    await this.engine.write((tx) => tx.run(importJobs.finish, { id, ...outcome, now }));
  }

  /** The file was written: its chunks are let go of, and it cannot be committed again. */
  async written(id: string): Promise<void> {
    await this.engine.write(async (tx) => {
      await tx.run(importUploads.written, { id });
      await tx.run(importUploads.removeChunks, { uploadId: id });
    });
  }

  /** The upload, its chunks and its jobs. */
  async remove(id: string): Promise<void> {
    await this.engine.write(async (tx) => {
      await tx.run(importUploads.removeChunks, { uploadId: id });
      await tx.run(importUploads.removeJobs, { uploadId: id });
      await tx.run(importUploads.remove, { id });
    });
  }

  async idle(before: number): Promise<{ id: string; jobId: string | null }[]> {
    return this.engine.read((tx) => tx.run(importUploads.idle, { before }));
  }
}
