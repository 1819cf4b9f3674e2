/**
 * Hostile and careless uploads through the import API, with /healthz asked all along: the XLSX
 * with a value in column XFD on 20,000 rows (and a small one of 500 such rows) is refused in under
 * 2 s with the limit named and little memory; files within the advertised 20 MB but past the row
 * limit (a 19 MB CSV and an 11 MB XLSX of about a million rows) are refused naming the limit; a
 * CSV of 100,000 columns, a zip bomb and a broken zip are refused; a 10 MB CSV of 100,000 valid
 * rows imports. The server answers /healthz within 250 ms throughout and never with a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type Client, type TestServer } from '../helpers/harness.js';
import { bombWorkbook, commit, preview, underWatch, upload, validCsv, xfdWorkbook, xlsx } from './helpers.js';
import { READ_LIMITS } from '../../graph/io/import/limits.js';
import { orgNumber } from '../../bench/import/generate.js';

describe('hostile uploads', () => {
  let h: TestServer;
  let admin: Client;
  beforeAll(async () => {
    h = await testServer({ warmImportWorker: true, bufferPoolBytes: 1024 ** 3 });
    admin = await h.signedIn(h.users.admin);
  });
  afterAll(async () => h.close());

  const refusedNaming = async (name: string, fileName: string, bytes: Uint8Array, format: 'CSV' | 'XLSX', limit: string, maxMs: number) => {
    // Building a large file blocks this process (client and server alike) for a while: let the
    // server's keep-alive timers close idle sockets before the client reuses one.
    await new Promise((r) => setTimeout(r, 300));
    const id = await upload(admin, fileName, bytes, format);
    const { result, ms, health } = await underWatch(h.url, name, () => preview(admin, id));
    expect(result.status).toBe(200);
    expect(result.body.data!.previewImport.preview).toBeNull();
    const [error] = result.body.data!.previewImport.errors;
    expect(error, JSON.stringify(result.body)).toMatchObject({ code: 'BAD_USER_INPUT', field: `file.${limit}` });
    expect(ms, `${name} took`).toBeLessThan(maxMs);
    return { error: error!, ms, health };
  };

  it('refuses the XLSX with a value in column XFD on 20,000 rows in under 2 s, naming the column limit, in little memory', async () => {
    const bytes = xfdWorkbook(20_000);
    const { error, health } = await refusedNaming('XLSX, XFD on 20,000 rows', 'xfd.xlsx', bytes, 'XLSX', 'columns', 2_000);
    expect(error.message).toMatch(new RegExp(`${READ_LIMITS.columns}`));
    expect(health.rssPeakMb).toBeLessThan(300);
  });

  it('refuses a 7 KB-sized XLSX of 500 such rows the same way', async () => {
    const bytes = xfdWorkbook(500);
    expect(bytes.byteLength).toBeLessThan(20_000);
    const { health } = await refusedNaming('XLSX, XFD on 500 rows', 'xfd-small.xlsx', bytes, 'XLSX', 'columns', 2_000);
    expect(health.rssPeakMb).toBeLessThan(300);
  });

  it('refuses a 19 MB CSV of about a million rows by the row limit, without freezing the server', async () => {
    const rows: string[] = ['Namn;Organisationsnummer'];
    for (let i = 0; rows.length <= 1_000_000; i++) rows.push(`F${i};${i % 7}`);
    const bytes = new Uint8Array(Buffer.from(rows.join('\n').padEnd(19 * 1024 * 1024, '\n'), 'utf8'));
    expect(bytes.byteLength).toBeGreaterThan(18 * 1024 * 1024);
    await refusedNaming('CSV, 19 MB, a million rows', 'miljon.csv', bytes, 'CSV', 'rows', 15_000);
  });

  it('refuses an 11 MB XLSX of about a million rows by the row limit', async () => {
    const bytes = xlsx(
      (function* () {
        yield [[0, 'Namn']];
        for (let i = 0; i < 1_000_000; i++) yield [[0, `F${i}`]];
      })(),
      1,
    );
    await refusedNaming('XLSX, a million rows', 'miljon.xlsx', bytes, 'XLSX', 'rows', 15_000);
  });

  it('refuses a CSV of 100,000 columns, naming the column limit', async () => {
    const bytes = new Uint8Array(Buffer.from(`Namn${';k'.repeat(100_000)}\nA${';1'.repeat(100_000)}\n`, 'utf8'));
    await refusedNaming('CSV, 100,000 columns', 'bred.csv', bytes, 'CSV', 'columns', 5_000);
  });

  it('refuses a zip bomb by its unpacked size, a huge cell by its length, and a broken zip as not a workbook', async () => {
    const bomb = bombWorkbook(300);
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    await refusedNaming('XLSX zip bomb (300 MB unpacked)', 'bomb.xlsx', bomb, 'XLSX', 'decompressedBytes', 15_000);
    const cell = xlsx([[[0, 'Namn']], [[0, 'A'.repeat(READ_LIMITS.cellChars + 1)]]], 9);
    await refusedNaming('XLSX, one cell too long', 'cell.xlsx', cell, 'XLSX', 'cellChars', 5_000);
    const broken = xfdWorkbook(10).slice(0, 200);
    const id = await upload(admin, 'trasig.xlsx', broken, 'XLSX');
    const r = await preview(admin, id);
    expect(r.body.data!.previewImport.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
  });

  it('imports a 10 MB CSV of 100,000 valid rows while /healthz keeps answering', async () => {
    const bytes = validCsv(100_000, 10 * 1024 * 1024);
    expect(bytes.byteLength).toBeGreaterThan(9.5 * 1024 * 1024);
    expect(bytes.byteLength).toBeLessThan(10.5 * 1024 * 1024);
    const before = (await h.store.organisations.list({}, { first: 1 })).totalCount;
    const id = await upload(admin, 'hundratusen.csv', bytes, 'CSV');
    const { result: previewed } = await underWatch(h.url, 'preview of 100,000 valid rows', () => preview(admin, id));
    expect(previewed.status, JSON.stringify(previewed.body)).toBe(200);
    expect(previewed.body.data!.previewImport.preview).toMatchObject({ rowCount: 100_000, errorCount: 0 });
    const { result: job, ms } = await underWatch(h.url, 'import of 100,000 valid rows', () => commit(admin, id));
    expect(job.error).toBeNull();
    expect(job.state).toBe('SUCCEEDED');
    expect(job.report!.summary).toMatchObject({ importedRows: 100_000, organisationsCreated: 100_000 });
    console.log(`[hostile] 10 MB CSV of 100,000 rows imported in ${ms} ms (commit and job)`);
    expect((await h.store.organisations.list({}, { first: 1 })).totalCount).toBe(before + 100_000);
    const last = (await h.store.organisations.list({ text: `Hostilföreningen ${(99_999).toString(36)} Q99999` }, { first: 1 })).nodes[0];
    expect(last?.orgNumber).toBe(orgNumber(299_999));
    expect(last?.basis).toBe('STATED');
  });
});
