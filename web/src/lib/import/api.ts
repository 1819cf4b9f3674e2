/**
 * The import page's calls, through the typed operations only: the viewer (role and CSRF token),
 * the chunked upload, the preview, the commit and the job's progress.
 */
import { gql, GraphQLRequestError } from '$lib/graphql/client.js';
import {
  AppendImportChunkDocument,
  CommitImportDocument,
  ImportJobDocument,
  ImportViewerDocument,
  PreviewImportDocument,
  StartImportDocument,
  type ImportMode,
  type ImportViewerQuery,
} from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import { CHUNK_BYTES, decisionsInput, fieldDecisionsInput, formatOf, mappingInput, type Decisions, type FieldDecisions, type Job, type Mapping, type Preview, type UserError } from './model.js';

type Fetch = typeof globalThis.fetch;
export type Viewer = NonNullable<ImportViewerQuery['viewer']>;

export async function loadViewer(fetch: Fetch, lang: Lang): Promise<Viewer | null> {
  return (await gql(fetch, ImportViewerDocument, {}, lang)).viewer;
}

/** A problem the API answered in `errors`: the page shows it and the field it names. */
export class ImportRefused extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => `${e.field ?? ''}: ${e.message}`).join('; '));
    this.name = 'ImportRefused';
  }
}

export interface Session {
  fetch: Fetch;
  lang: Lang;
  csrfToken: string;
}

/** Base64 of bytes without a library: btoa over binary strings, in slices so the argument list stays short. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Waits between attempts when the API's per-user mutation limit answers RATE_LIMITED (a large file is many chunks). */
const RATE_LIMIT_WAITS_MS = [2_000, 5_000, 10_000, 20_000, 30_000];

export async function retryRateLimited<T>(work: () => Promise<T>, onWait: (ms: number) => void = () => undefined, waits: readonly number[] = RATE_LIMIT_WAITS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const wait = waits[attempt];
      // A refused request changed nothing, so the same chunk can be sent again.
      if (!(error instanceof GraphQLRequestError) || !error.codes.includes('RATE_LIMITED') || wait === undefined) throw error;
      onWait(wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Uploads a file in chunks, in order, reporting the bytes received; returns the upload's id. */
export async function uploadFile(s: Session, file: Blob & { name: string }, onProgress: (received: number, total: number) => void, signal?: AbortSignal): Promise<string> {
  const started = await gql(s.fetch, StartImportDocument, { fileName: file.name, byteLength: file.size, format: formatOf(file.name) }, s.lang, { csrfToken: s.csrfToken });
  if (!started.startImport.upload) throw new ImportRefused(started.startImport.errors);
  const id = started.startImport.upload.id;
  onProgress(0, file.size);
  for (let offset = 0, index = 0; offset < file.size; offset += CHUNK_BYTES, index++) {
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
    const data = toBase64(bytes);
    const r = await retryRateLimited(() => gql(s.fetch, AppendImportChunkDocument, { id, index, data }, s.lang, { csrfToken: s.csrfToken }));
    if (!r.appendImportChunk.upload) throw new ImportRefused(r.appendImportChunk.errors);
    onProgress(r.appendImportChunk.upload.receivedBytes, file.size);
  }
  return id;
}

/** The preview with a mapping; mapping problems come back beside a preview that can still be shown. */
export async function preview(s: Session, id: string, mapping: Mapping | null): Promise<{ preview: Preview; errors: UserError[] }> {
  const r = await gql(s.fetch, PreviewImportDocument, { id, mapping: mapping ? mappingInput(mapping) : null }, s.lang, { csrfToken: s.csrfToken });
  if (!r.previewImport.preview) throw new ImportRefused(r.previewImport.errors);
  return { preview: r.previewImport.preview, errors: r.previewImport.errors };
}

export async function commit(s: Session, id: string, options: { mode: ImportMode; decisions: Decisions; fieldDecisions: FieldDecisions; mapping: Mapping }): Promise<Job> {
  const r = await gql(
    s.fetch,
    CommitImportDocument,
    { id, mode: options.mode, decisions: decisionsInput(options.decisions), acceptMatches: false, mapping: mappingInput(options.mapping), fieldDecisions: fieldDecisionsInput(options.fieldDecisions) },
    s.lang,
    { csrfToken: s.csrfToken },
  );
  if (!r.commitImport.job) throw new ImportRefused(r.commitImport.errors);
  return r.commitImport.job;
}

/** Polls the job until it has finished, reporting each state seen. */
export async function waitForJob(s: Session, job: Job, onUpdate: (job: Job) => void, pollMs: number, signal?: AbortSignal): Promise<Job> {
  let current = job;
  while (current.state === 'RUNNING') {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    current = (await gql(s.fetch, ImportJobDocument, { id: current.id }, s.lang)).importJob;
    onUpdate(current);
  }
  return current;
}
