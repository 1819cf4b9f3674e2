/**
 * Reads an uploaded spreadsheet into a table of text cells: CSV (encoding and delimiter
 * detected, parsed by csv-parse) or XLSX (the first worksheet, read by exceljs). Each row keeps
 * the line (CSV) or row number (XLSX) a person sees in their program, for the error report.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { fileProblem, ImportFileError, type FileProblemData } from './problems.js';
import { decodeText, detectDelimiter, type Delimiter, type TextEncodingName } from './decode.js';

export interface TableRow {
  /** Where the row starts in the file as a spreadsheet program numbers it (the header is row 1). */
  line: number;
  cells: string[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: TextEncodingName | null;
  delimiter: Delimiter | null;
  headers: string[];
  rows: TableRow[];
}

export interface ReadOptions {
  /** File name: `.xlsx` selects the XLSX reader (the content is checked too). */
  fileName?: string;
  /** Overrides delimiter detection. */
  delimiter?: Delimiter;
}

/** Largest file accepted (bytes): a 10,000-row list is a few MB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export async function readTable(bytes: Uint8Array, options: ReadOptions = {}): Promise<Table> {
  if (bytes.byteLength > MAX_FILE_BYTES) throw fileError({ code: 'FILE_TOO_LARGE', values: { maxMb: MAX_FILE_BYTES / 1024 / 1024 } });
  if (bytes.byteLength === 0) throw fileError({ code: 'FILE_EMPTY', values: {} });
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": XLSX is a zip archive
  if (zip || options.fileName?.toLowerCase().endsWith('.xlsx')) return readXlsx(bytes);
  return readCsv(bytes, options.delimiter);
}

/** A problem with the whole file, naming the field `file` (or where in it). */
function fileError(problem: FileProblemData, field = 'file'): ImportFileError {
  return new ImportFileError([fileProblem(field, problem)]);
}

function readCsv(bytes: Uint8Array, forced?: Delimiter): Table {
  const { text, encoding } = decodeText(bytes);
  // One line ending inside and between records, so row numbers count as a spreadsheet does.
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const delimiter = forced ?? detectDelimiter(body);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: false }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; code?: string; message: string };
    throw fileError({ code: 'INVALID_CSV', values: { line: e.lines ?? null, reason: e.code ?? '', detail: e.message } }, `file.line ${e.lines ?? '?'}`);
  }
  const [head, ...rest] = records;
  if (!head) throw fileError({ code: 'NO_HEADER_ROW', values: {} });
  // csv-parse reports the line a record ends on; a person looks for where it starts.
  const rows: TableRow[] = [];
  for (const r of rest) {
    const newlines = r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    rows.push({ line: r.info.lines - newlines, cells: r.record });
  }
  return { format: 'csv', encoding, delimiter, headers: head.record.map((h) => h.trim()), rows: rows.filter((r) => r.cells.some((c) => c.trim() !== '')) };
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw fileError({ code: 'INVALID_XLSX', values: { detail: (error as Error).message } });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError({ code: 'NO_WORKSHEET', values: {} });
  const all: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    all.push({ line: rowNumber, cells });
  });
  const [head, ...rows] = all;
  if (!head) throw fileError({ code: 'NO_HEADER_ROW', values: {} });
  return { format: 'xlsx', encoding: null, delimiter: null, headers: head.cells.map((h) => h.trim()), rows: rows.filter((r) => r.cells.some((c) => c.trim() !== '')) };
}

/** A cell as the text a person sees: rich text joined, formulas by their result, dates as ISO days. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}
