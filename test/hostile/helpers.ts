/**
 * What the hostile suite needs: a watcher that keeps asking GET /healthz while a hostile request
 * runs and records how long each answer waited (and how much memory the process took meanwhile);
 * the import API driven as the web page drives it (chunked upload, preview, commit, job); and
 * files built for the probes (an XLSX written directly as its zip, CSVs of many rows or columns).
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { expect } from 'vitest';
import { Zip, ZipDeflate, unzipSync, zipSync, strToU8 } from 'fflate';
import type { Client, GraphQLResponse } from '../helpers/harness.js';
import { orgNumber } from '../../bench/import/generate.js';

/** The issue's bound: a concurrent /healthz never waits longer than this while a hostile request runs. */
export const HEALTH_BUDGET_MS = 250;

export interface HealthRecord {
  /** The longest a /healthz answer waited (ms). */
  maxMs: number;
  answers: number;
  /** Non-200 answers of /healthz. */
  failures: number;
  /** Answers that said the store was busy (it did not answer /healthz's ping within its 200 ms). */
  busy: number;
  /** Peak resident memory of this process above what it was when watching began (MB). */
  rssPeakMb: number;
  /** The longest garbage-collection pause of the main thread meanwhile (ms). */
  gcMaxMs: number;
  /** The longest event-loop delay of the main thread meanwhile (ms). */
  loopMaxMs: number;
}

/** Asks /healthz back to back (every `everyMs`) until stopped; each answer's wait is recorded. */
export function watchHealth(url: string, everyMs = 25): { stop(): Promise<HealthRecord> } {
  let running = true;
  let maxMs = 0;
  let answers = 0;
  let failures = 0;
  let busy = 0;
  const rssStart = process.memoryUsage.rss();
  let rssPeak = rssStart;
  let gcMaxMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const memory = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 20);
  const asking = (async () => {
    while (running) {
      const t = performance.now();
      const r = await fetch(`${url}/healthz`).catch(() => null);
      maxMs = Math.max(maxMs, performance.now() - t);
      answers++;
      if (!r || r.status !== 200) failures++;
      const body = (await r?.json().catch(() => null)) as { status?: string } | null;
      if (body?.status === 'busy') busy++;
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
      await new Promise((res) => setTimeout(res, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await asking;
      clearInterval(memory);
      gc.disconnect();
      loop.disable();
      return { maxMs: Math.round(maxMs), answers, failures, busy, rssPeakMb: Math.round((rssPeak - rssStart) / 1024 / 1024), gcMaxMs: Math.round(gcMaxMs), loopMaxMs: Math.round(loop.max / 1e6) };
    },
  };
}

/** Runs `work` with the health watcher on, and checks the server answered /healthz within the budget throughout. */
export async function underWatch<T>(url: string, name: string, work: () => Promise<T>): Promise<{ result: T; health: HealthRecord; ms: number }> {
  const watcher = watchHealth(url);
  const started = performance.now();
  const settled = await work().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const ms = Math.round(performance.now() - started);
  const health = await watcher.stop();
  if (!settled.ok) throw settled.error;
  const result = settled.value;
  console.log(`[hostile] ${name}: ${ms} ms, /healthz max ${health.maxMs} ms over ${health.answers} answers (${health.busy} store busy), event-loop delay max ${health.loopMaxMs} ms, GC pause max ${health.gcMaxMs} ms, rss +${health.rssPeakMb} MB`);
  expect(health.failures, `${name}: /healthz failed`).toBe(0);
  expect(health.answers, `${name}: /healthz was asked`).toBeGreaterThan(0);
  expect(health.maxMs, `${name}: /healthz waited`).toBeLessThan(HEALTH_BUDGET_MS);
  return { result, health, ms };
}

/** A refusal names what it refuses: a field, a reason or a limit. */
export function expectNamedRefusal(body: GraphQLResponse, codes: string[]): void {
  expect(body.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
  for (const e of body.errors!) {
    expect(codes).toContain(e.extensions?.code);
    const x = e.extensions ?? {};
    expect(x['field'] ?? x['reason'] ?? x['limit'], JSON.stringify(e)).toBeTruthy();
  }
}

/** Internal messages that must never reach a client. */
export const INTERNAL = /Maximum call stack size|Invalid string length|Invalid array length|heap out of memory|at \S+ \(\/|node:internal|ECONNRESET|RangeError|TypeError:/;

type UploadError = { field: string | null; message: string; code: string };

/** The import page's calls over HTTP, as an admin. */
export async function upload(admin: Client, fileName: string, bytes: Uint8Array, format: 'CSV' | 'XLSX'): Promise<string> {
  const started = await admin.gql<{ startImport: { upload: { id: string } | null; errors: UploadError[] } }>(
    'mutation ($n: String!, $b: Int!, $f: ImportFormat!) { startImport(fileName: $n, byteLength: $b, format: $f) { upload { id } errors { field message code } } }',
    { n: fileName, b: bytes.byteLength, f: format },
  );
  const id = started.body.data?.startImport.upload?.id;
  if (!id) throw new Error(`startImport: ${JSON.stringify(started.body)}`);
  const CHUNK = 150_000;
  for (let offset = 0, index = 0; offset < bytes.byteLength; offset += CHUNK, index++) {
    const data = Buffer.from(bytes.subarray(offset, offset + CHUNK)).toString('base64');
    const r = await admin.gql<{ appendImportChunk: { upload: { receivedBytes: number } | null; errors: UploadError[] } }>(
      'mutation ($id: ID!, $i: Int!, $d: String!) { appendImportChunk(id: $id, index: $i, data: $d) { upload { receivedBytes } errors { field message code } } }',
      { id, i: index, d: data },
    );
    if (!r.body.data?.appendImportChunk.upload) throw new Error(`appendImportChunk ${index}: ${JSON.stringify(r.body)}`);
  }
  return id;
}

export interface PreviewAnswer {
  preview: { rowCount: number; errorCount: number; proposedMatchCount: number; summary: { validRows: number } } | null;
  errors: UploadError[];
}

export async function preview(admin: Client, id: string) {
  return admin.gql<{ previewImport: PreviewAnswer }>(
    'mutation ($id: ID!) { previewImport(id: $id) { preview { rowCount errorCount proposedMatchCount summary { validRows } } errors { field message code } } }',
    { id },
  );
}

export interface JobAnswer {
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  progress: { phase: string; done: number; total: number };
  report: { summary: { organisationsCreated: number; importedRows: number }; errorCount: number } | null;
  error: UploadError | null;
}

/** Commits an upload and polls its job until it finishes. */
export async function commit(admin: Client, id: string, mode: 'ALL' | 'VALID' = 'VALID'): Promise<JobAnswer> {
  const started = await admin.gql<{ commitImport: { job: { id: string } | null; errors: UploadError[] } }>(
    'mutation ($id: ID!, $m: ImportMode!) { commitImport(id: $id, mode: $m, acceptMatches: true) { job { id } errors { field message code } } }',
    { id, m: mode },
  );
  const jobId = started.body.data?.commitImport.job?.id;
  if (!jobId) throw new Error(`commitImport: ${JSON.stringify(started.body)}`);
  for (;;) {
    const r = await admin.gql<{ importJob: JobAnswer }>(
      'query ($id: ID!) { importJob(id: $id) { state progress { phase done total } report { summary { organisationsCreated importedRows } errorCount } error { field message code } } }',
      { id: jobId },
    );
    const job = r.body.data!.importJob;
    if (job.state !== 'RUNNING') return job;
    await new Promise((res) => setTimeout(res, 250));
  }
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An XLSX workbook with one worksheet, written directly as its parts and zipped (fflate): rows of
 * [column index, text] cells as inline strings. Fast enough for a million rows.
 */
export function xlsx(rows: Iterable<[number, string][]>, level: 0 | 1 | 6 | 9 = 6): Uint8Array {
  const col = (i: number) => {
    let s = '';
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  let r = 0;
  for (const cells of rows) {
    r++;
    parts.push(`<row r="${r}">${cells.map(([c, text]) => `<c r="${col(c)}${r}" t="inlineStr"><is><t>${xml(text)}</t></is></c>`).join('')}</row>`);
  }
  parts.push('</sheetData></worksheet>');
  return zipSync(
    {
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
      '_rels/.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
      'xl/workbook.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(parts.join('')),
    },
    { level },
  );
}

/**
 * A zip bomb: a valid workbook whose worksheet unpacks to `mb` megabytes, nearly all of it white
 * space between two rows (a few hundred kilobytes packed). Written a megabyte at a time.
 */
export function bombWorkbook(mb: number): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  const small = xlsx([[[0, 'Namn']]]);
  // The workbook's other parts, as the plain builder writes them (unzipped and added again).
  for (const [name, data] of Object.entries(unzipSync(small))) {
    if (name === 'xl/worksheets/sheet1.xml') continue;
    const part = new ZipDeflate(name, { level: 9 });
    zip.add(part);
    part.push(data, true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
  zip.add(sheet);
  sheet.push(strToU8('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Namn</t></is></c></row>'));
  const blank = new Uint8Array(1024 * 1024).fill(0x20);
  for (let i = 0; i < mb; i++) sheet.push(blank);
  sheet.push(strToU8('<row r="2"><c r="A2" t="inlineStr"><is><t>F</t></is></c></row></sheetData></worksheet>'), true);
  zip.end();
  return new Uint8Array(Buffer.concat(out));
}

/** The issue's spreadsheet: a header, then `rows` rows with one value in column XFD (16,384). */
export function xfdWorkbook(rows: number): Uint8Array {
  return xlsx(
    (function* () {
      yield [[0, 'Namn']];
      for (let i = 0; i < rows; i++) yield [[16_383, 'x']];
    })(),
  );
}

/** A valid import of `rows` new organisations, about `bytes` bytes in all (UTF-8, `;`). */
export function validCsv(rows: number, bytes: number): Uint8Array {
  const TG = ['Äldre', 'Barn och unga', 'Nyanlända', 'Personer i hemlöshet'];
  const DS = ['Kista', 'Rinkeby', 'Skärholmen', 'Farsta', 'Husby'];
  const fixed = Array.from({ length: rows }, (_, i) => `Hostilföreningen ${i.toString(36)} Q${i};${orgNumber(200_000 + i)};${TG[i % TG.length]};${DS[i % DS.length]};Öppen verksamhet nr ${i} `);
  const header = 'Namn;Organisationsnummer;Målgrupp;Stadsdel;Beskrivning\n';
  const used = Buffer.byteLength(header) + fixed.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  // The descriptions are padded so the file comes to `bytes`.
  const padding = Math.max(0, Math.ceil((bytes - used) / rows));
  return new Uint8Array(Buffer.from(header + fixed.map((l) => `${l}${'x'.repeat(padding)}\n`).join(''), 'utf8'));
}
