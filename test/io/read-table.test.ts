/**
 * Reading uploaded spreadsheets: Windows-1252 decoded right, every character of 0x80–0x9F
 * included (en dash, curly quotes, €…), here and through the web app's import API (the CLI in
 * import-cli.test.ts); XLSX
 * cells as a person sees them (shared, inline and rich text, numbers, dates, booleans, formulas);
 * and every read limit refused at the row that crosses it, with the limit named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { decodeText, detectEncoding } from '../../graph/io/import/decode.js';
import { readTable } from '../../graph/io/import/read-table.js';
import { READ_LIMITS, type ReadLimits } from '../../graph/io/import/limits.js';
import { ImportFileError } from '../../graph/io/import/problems.js';
import { testServer, type TestServer } from '../helpers/harness.js';
import { ALL_HIGH, CP1252_HIGH, FILE_TEXT, cp1252Text as cp1252 } from './helpers.js';

describe('decoding', () => {
  it('reads every character Windows-1252 puts at 0x80–0x9F', () => {
    const bytes = cp1252(FILE_TEXT);
    expect(detectEncoding(bytes).encoding).toBe('windows-1252');
    const { text } = decodeText(bytes);
    expect(text).toBe(FILE_TEXT);
    for (const [byte, char] of Object.entries(CP1252_HIGH)) expect(decodeText(new Uint8Array([0x41, Number(byte)])).text, `0x${Number(byte).toString(16)}`).toBe(`A${char}`);
    // The five undefined bytes do not vanish: they become the replacement character.
    expect(decodeText(new Uint8Array([0x41, 0x81, 0x8d, 0x8f, 0x90, 0x9d])).text).toBe('A\ufffd\ufffd\ufffd\ufffd\ufffd');
  });

  it('reads the same text as UTF-8, with a BOM and as UTF-16', async () => {
    const utf8 = new Uint8Array(Buffer.from(FILE_TEXT, 'utf8'));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(FILE_TEXT, 'utf16le')]);
    for (const [bytes, encoding] of [[utf8, 'utf-8'], [bom, 'utf-8-bom'], [utf16, 'utf-16le'], [cp1252(FILE_TEXT), 'windows-1252']] as const) {
      const table = await readTable(bytes);
      expect(table.encoding).toBe(encoding);
      expect(table.rows[0]!.cells).toEqual(['Kaffe – “Fika” för € 20', `Öppet ’alla’ dagar… ${ALL_HIGH}`]);
    }
  });

  it('reads a line ending split between two slices of a large file', async () => {
    // 64 KiB slices: put "\r" at the end of the first and "\n" at the start of the next.
    const filler = 'x'.repeat(64 * 1024 - 'Namn\r\n'.length - 1);
    const text = `Namn\r\n${filler}\r\nSista raden\r\n`;
    const table = await readTable(cp1252(text), { limits: { ...READ_LIMITS, cellChars: 100_000 } });
    expect(table.rows.map((r) => [r.line, r.cells[0]!.length])).toEqual([
      [2, filler.length],
      [3, 'Sista raden'.length],
    ]);
  });
});

describe('XLSX cells', () => {
  it('reads shared, inline and rich text, numbers, dates, booleans and formula results as a person sees them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad');
    ws.addRow(['Namn', 'Datum', 'Tal', 'Sant', 'Formel', 'Rik']);
    ws.addRow(['Åsa – “förening”', new Date(Date.UTC(2026, 1, 28)), 1234.5, true, { formula: 'C2*2', result: 2469 }, { richText: [{ text: 'Rik ' }, { text: '€ text', font: { bold: true } }] }]);
    ws.addRow([]);
    ws.addRow(['Bara namn']);
    const table = await readTable(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(table).toMatchObject({ format: 'xlsx', headers: ['Namn', 'Datum', 'Tal', 'Sant', 'Formel', 'Rik'] });
    expect(table.rows).toEqual([
      { line: 2, cells: ['Åsa – “förening”', '2026-02-28', '1234.5', 'true', '2469', 'Rik € text'] },
      { line: 4, cells: ['Bara namn'] },
    ]);
  });
});

describe('read limits', () => {
  const small: ReadLimits = { ...READ_LIMITS, rows: 3, columns: 4, cells: 10, cellChars: 20, chars: 60 };
  const refused = async (bytes: Uint8Array, limit: string, line: number | null) => {
    const error = await readTable(bytes, { limits: small }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    const problem = (error as ImportFileError).problems[0]!;
    expect(problem).toMatchObject({ field: `file.${limit}`, code: 'LIMIT_EXCEEDED', values: { limit, line } });
    expect(problem.message).toContain(`limit on`);
  };
  const csv = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  const xlsx = async (rows: (string | null)[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad');
    for (const r of rows) ws.addRow(r);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };

  it('refuses a CSV at the row that crosses a limit, naming it', async () => {
    await refused(csv('a;b\n1;2\n3;4\n5;6\n7;8\n'), 'rows', 5);
    await refused(csv('a;b;c;d;e\n1;2;3;4;5\n'), 'columns', 1);
    await refused(csv('a;b;c;d\n1;2;3;4\n5;6;7;8\n9;10;11;12\n'), 'cells', 4);
    await refused(csv(`a\n${'x'.repeat(21)}\n`), 'cellChars', 2);
    await refused(csv(`a;b\n${'x'.repeat(20)};${'y'.repeat(20)}\n${'x'.repeat(20)};${'y'.repeat(20)}\n`), 'chars', 3);
    expect((await readTable(csv('a;b\n1;2\n3;4\n5;6\n'), { limits: small })).rows).toHaveLength(3);
  });

  it('refuses an XLSX at the cell or row that crosses a limit, naming it', async () => {
    await refused(await xlsx([['a'], ['1'], ['2'], ['3'], ['4']]), 'rows', 5);
    const wide = new ExcelJS.Workbook();
    const ws = wide.addWorksheet('Blad');
    ws.addRow(['a']);
    ws.getRow(2).getCell(16_384).value = 'x';
    await refused(new Uint8Array(await wide.xlsx.writeBuffer()), 'columns', 2);
    await refused(await xlsx([['a'], ['x'.repeat(21)]]), 'cellChars', 2);
    await refused(await xlsx([['a', 'b', 'c', 'd'], ['1', '2', '3', '4'], ['5', '6', '7', '8'], ['9', '10', '11', '12']]), 'cells', 4);
    expect((await readTable(await xlsx([['a'], ['1'], ['2'], ['3']]), { limits: small })).rows).toHaveLength(3);
  });

  it('refuses a file over the byte limit before reading it, and a broken zip as not a workbook', async () => {
    await expect(readTable(csv('a\n1\n'), { limits: { ...READ_LIMITS, bytes: 3 } })).rejects.toMatchObject({ problems: [{ field: 'file.bytes', code: 'FILE_TOO_LARGE' }] });
    const broken = (await xlsx([['a'], ['1']])).slice(0, 100);
    await expect(readTable(broken)).rejects.toMatchObject({ problems: [{ field: 'file', code: 'INVALID_XLSX' }] });
  });
});

describe('Windows-1252 through the import API', () => {
  let h: TestServer;
  beforeAll(async () => {
    h = await testServer();
  });
  afterAll(async () => h.close());

  it('shows the same characters in the web preview', async () => {
    const admin = await h.signedIn(h.users.admin);
    const bytes = cp1252(FILE_TEXT);
    const started = await admin.gql<{ startImport: { upload: { id: string } } }>('mutation ($b: Int!) { startImport(fileName: "fika.csv", byteLength: $b, format: CSV) { upload { id } } }', { b: bytes.byteLength });
    const id = started.body.data!.startImport.upload.id;
    await admin.gql('mutation ($id: ID!, $d: String!) { appendImportChunk(id: $id, index: 0, data: $d) { upload { id } } }', { id, d: Buffer.from(bytes).toString('base64') });
    const preview = await admin.gql<{ previewImport: { preview: { encoding: string; rows: { cells: string[] }[] } } }>('mutation ($id: ID!) { previewImport(id: $id) { preview { encoding rows { cells } } } }', { id });
    expect(preview.body.data!.previewImport.preview.encoding).toBe('windows-1252');
    expect(preview.body.data!.previewImport.preview.rows[0]!.cells).toEqual(['Kaffe – “Fika” för € 20', `Öppet ’alla’ dagar… ${ALL_HIGH}`]);
  });
});
