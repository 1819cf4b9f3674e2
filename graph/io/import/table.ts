/** A spreadsheet read into text cells (read-table.ts reads it, read-csv.ts and read-xlsx.ts fill it). */
import type { Delimiter, TextEncodingName } from './decode.js';

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
