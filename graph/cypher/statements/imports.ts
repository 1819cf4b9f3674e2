/**
 * Import uploads, their chunks and commit jobs, kept in the graph so that every app server sees
 * them (graph/repo/import-uploads.ts). Writes that check a count first (the next chunk, a job
 * already running) lock the upload by writing `touchedAt` before they read it.
 */
import { defineStatement } from '../statement.js';

export interface UploadRecord {
  id: string;
  ownerId: string;
  fileName: string;
  format: string;
  byteLength: number;
  receivedBytes: number;
  nextIndex: number;
  createdAt: number;
  touchedAt: number;
  mapping: string | null;
  jobId: string | null;
  written: boolean | null;
}

export interface JobRecord {
  id: string;
  uploadId: string;
  ownerId: string;
  server: string;
  state: string;
  progress: string;
  report: string | null;
  error: string | null;
  startedAt: number;
  heartbeatAt: number;
  finishedAt: number | null;
}

export const importUploads = {
  create: defineStatement<{ id: string; ownerId: string; fileName: string; format: string; byteLength: number; now: number }, { id: string }>({
    name: 'importUploads.create',
    mode: 'write',
    cypher: `CREATE (u:ImportUpload {id: $id, ownerId: $ownerId, fileName: $fileName, format: $format, byteLength: $byteLength,
  receivedBytes: 0, nextIndex: 0, createdAt: $now, touchedAt: $now, written: false})
RETURN u.id AS id`,
    example: { id: 'upload:example', ownerId: 'user:example', fileName: 'a.csv', format: 'CSV', byteLength: 1, now: 0 },
  }),
  byId: defineStatement<{ id: string }, { upload: UploadRecord }>({
    name: 'importUploads.byId',
    mode: 'read',
    cypher: `MATCH (u:ImportUpload {id: $id}) RETURN {id: u.id, ownerId: u.ownerId, fileName: u.fileName, format: u.format, byteLength: u.byteLength, receivedBytes: u.receivedBytes,
  nextIndex: u.nextIndex, createdAt: u.createdAt, touchedAt: u.touchedAt, mapping: u.mapping, jobId: u.jobId, written: u.written} AS upload`,
    example: { id: 'upload:example' },
  }),
  /** Marks the upload as used now, taking its write lock, and answers it as it then is. */
  touch: defineStatement<{ id: string; now: number }, { upload: UploadRecord }>({
    name: 'importUploads.touch',
    mode: 'write',
    cypher: `MATCH (u:ImportUpload {id: $id}) SET u.touchedAt = $now RETURN {id: u.id, ownerId: u.ownerId, fileName: u.fileName, format: u.format, byteLength: u.byteLength, receivedBytes: u.receivedBytes,
  nextIndex: u.nextIndex, createdAt: u.createdAt, touchedAt: u.touchedAt, mapping: u.mapping, jobId: u.jobId, written: u.written} AS upload`,
    example: { id: 'upload:example', now: 0 },
  }),
  byOwner: defineStatement<{ ownerId: string }, { upload: UploadRecord }>({
    name: 'importUploads.byOwner',
    mode: 'read',
    cypher: `MATCH (u:ImportUpload) WHERE u.ownerId = $ownerId RETURN {id: u.id, ownerId: u.ownerId, fileName: u.fileName, format: u.format, byteLength: u.byteLength, receivedBytes: u.receivedBytes,
  nextIndex: u.nextIndex, createdAt: u.createdAt, touchedAt: u.touchedAt, mapping: u.mapping, jobId: u.jobId, written: u.written} AS upload ORDER BY u.touchedAt, u.id`,
    example: { ownerId: 'user:example' },
  }),
  /** Bytes that uploads not yet written hold or will hold (their declared sizes). */
  heldBytes: defineStatement<Record<string, never>, { bytes: number }>({
    name: 'importUploads.heldBytes',
    mode: 'read',
    cypher: 'MATCH (u:ImportUpload) WHERE u.written = false RETURN coalesce(sum(u.byteLength), 0) AS bytes',
    example: {},
  }),
  addChunk: defineStatement<{ id: string; uploadId: string; seq: number; data: string }, { id: string }>({
    name: 'importUploads.addChunk',
    mode: 'write',
    cypher: 'CREATE (c:ImportChunk {id: $id, uploadId: $uploadId, seq: $seq, data: $data}) RETURN c.id AS id',
    example: { id: 'upload:example:0', uploadId: 'upload:example', seq: 0, data: 'YQ==' },
  }),
  received: defineStatement<{ id: string; nextIndex: number; receivedBytes: number }, { id: string }>({
    name: 'importUploads.received',
    mode: 'write',
    cypher: 'MATCH (u:ImportUpload {id: $id}) SET u.nextIndex = $nextIndex, u.receivedBytes = $receivedBytes RETURN u.id AS id',
    example: { id: 'upload:example', nextIndex: 1, receivedBytes: 1 },
  }),
  chunks: defineStatement<{ uploadId: string }, { seq: number; data: string }>({
    name: 'importUploads.chunks',
    mode: 'read',
    cypher: 'MATCH (c:ImportChunk) WHERE c.uploadId = $uploadId RETURN c.seq AS seq, c.data AS data ORDER BY c.seq',
    example: { uploadId: 'upload:example' },
  }),
  setMapping: defineStatement<{ id: string; mapping: string | null }, { id: string }>({
    name: 'importUploads.setMapping',
    mode: 'write',
    cypher: 'MATCH (u:ImportUpload {id: $id}) SET u.mapping = $mapping RETURN u.id AS id',
    example: { id: 'upload:example', mapping: null },
  }),
  setJob: defineStatement<{ id: string; jobId: string }, { id: string }>({
    name: 'importUploads.setJob',
    mode: 'write',
    cypher: 'MATCH (u:ImportUpload {id: $id}) SET u.jobId = $jobId RETURN u.id AS id',
    example: { id: 'upload:example', jobId: 'importjob:example' },
  }),
  /** The file was written (its chunks are removed beside this). */
  written: defineStatement<{ id: string }, { id: string }>({
    name: 'importUploads.written',
    mode: 'write',
    cypher: 'MATCH (u:ImportUpload {id: $id}) SET u.written = true RETURN u.id AS id',
    example: { id: 'upload:example' },
  }),
  removeChunks: defineStatement<{ uploadId: string }, { n: number }>({
    name: 'importUploads.removeChunks',
    mode: 'write',
    cypher: 'MATCH (c:ImportChunk) WHERE c.uploadId = $uploadId DELETE c RETURN count(*) AS n',
    example: { uploadId: 'upload:example' },
  }),
  removeJobs: defineStatement<{ uploadId: string }, { n: number }>({
    name: 'importUploads.removeJobs',
    mode: 'write',
    cypher: 'MATCH (j:ImportJob) WHERE j.uploadId = $uploadId DELETE j RETURN count(*) AS n',
    example: { uploadId: 'upload:example' },
  }),
  /** Uploads idle since `before`, with their job (to tell whether it still runs). */
  idle: defineStatement<{ before: number }, { id: string; jobId: string | null }>({
    name: 'importUploads.idle',
    mode: 'read',
    cypher: 'MATCH (u:ImportUpload) WHERE u.touchedAt < $before RETURN u.id AS id, u.jobId AS jobId',
    example: { before: 0 },
  }),
  /** The upload itself (its chunks and jobs are removed beside this). */
  remove: defineStatement<{ id: string }, { n: number }>({
    name: 'importUploads.remove',
    mode: 'write',
    cypher: 'MATCH (u:ImportUpload {id: $id}) DELETE u RETURN count(*) AS n',
    example: { id: 'upload:example' },
  }),
} as const;

export const importJobs = {
  create: defineStatement<{ id: string; uploadId: string; ownerId: string; server: string; progress: string; now: number }, { id: string }>({
    name: 'importJobs.create',
    mode: 'write',
    cypher: `CREATE (j:ImportJob {id: $id, uploadId: $uploadId, ownerId: $ownerId, server: $server, state: 'RUNNING', progress: $progress,
  startedAt: $now, heartbeatAt: $now})
RETURN j.id AS id`,
    example: { id: 'importjob:example', uploadId: 'upload:example', ownerId: 'user:example', server: 'server:example', progress: '{}', now: 0 },
  }),
  byId: defineStatement<{ id: string }, { job: JobRecord }>({
    name: 'importJobs.byId',
    mode: 'read',
    cypher: `MATCH (j:ImportJob {id: $id}) RETURN {id: j.id, uploadId: j.uploadId, ownerId: j.ownerId, server: j.server, state: j.state, progress: j.progress, report: j.report,
  error: j.error, startedAt: j.startedAt, heartbeatAt: j.heartbeatAt, finishedAt: j.finishedAt} AS job`,
    example: { id: 'importjob:example' },
  }),
  /** The running server's sign of life, with the progress so far. */
  beat: defineStatement<{ id: string; progress: string; now: number }, { id: string }>({
    name: 'importJobs.beat',
    mode: 'write',
    cypher: "MATCH (j:ImportJob {id: $id}) WHERE j.state = 'RUNNING' SET j.progress = $progress, j.heartbeatAt = $now RETURN j.id AS id",
    example: { id: 'importjob:example', progress: '{}', now: 0 },
  }),
  finish: defineStatement<{ id: string; state: string; progress: string; report: string | null; error: string | null; now: number }, { id: string }>({
    name: 'importJobs.finish',
    mode: 'write',
    cypher: 'MATCH (j:ImportJob {id: $id}) SET j.state = $state, j.progress = $progress, j.report = $report, j.error = $error, j.finishedAt = $now, j.heartbeatAt = $now RETURN j.id AS id',
    example: { id: 'importjob:example', state: 'SUCCEEDED', progress: '{}', report: null, error: null, now: 0 },
  }),
} as const;
