/**
 * Reads an uploaded spreadsheet into a table of text cells: CSV (encoding and delimiter
 * detected, streamed through csv-parse; read-csv.ts) or XLSX (the first worksheet, streamed out
 * of the zip; read-xlsx.ts). Each row keeps the line (CSV) or row number (XLSX) a person sees in
 * their program, for the error report. Both readers check the read limits (limits.ts) as they go.
 */
import type { Delimiter } from './decode.js';
import { READ_LIMITS, type ReadLimits } from './limits.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import { fileError } from './read-errors.js';

export type { Table, TableRow } from './table.js';
import type { Table } from './table.js';

export interface ReadOptions {
  /** File name: `.xlsx` selects the XLSX reader (the content is checked too). */
  fileName?: string;
  /** Overrides delimiter detection. */
  delimiter?: Delimiter;
  limits?: ReadLimits;
}

/** Largest file accepted (bytes). */
export const MAX_FILE_BYTES = READ_LIMITS.bytes;

export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b; // "PK": XLSX is a zip archive

export async function readTable(bytes: Uint8Array, options: ReadOptions = {}): Promise<Table> {
  const limits = options.limits ?? READ_LIMITS;
  if (bytes.byteLength > limits.bytes) throw fileError({ code: 'FILE_TOO_LARGE', values: { maxMb: Math.floor(limits.bytes / 1024 / 1024) } }, 'file.bytes');
  if (bytes.byteLength === 0) throw fileError({ code: 'FILE_EMPTY', values: {} });
  if (isZip(bytes) || options.fileName?.toLowerCase().endsWith('.xlsx')) return readXlsx(bytes, limits);
  return readCsv(bytes, limits, options.delimiter);
}
