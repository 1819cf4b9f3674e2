/**
 * A CSV file to a table, streamed: the bytes are decoded a slice at a time (iconv-lite), fed to
 * csv-parse's streaming parser, and every record is checked against the read limits as it
 * arrives, so a file with 100,000 columns or a million rows is refused at the record that
 * crosses the limit, before the rest is parsed.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { chunkDecoder, detectDelimiter, detectEncoding, type Delimiter } from './decode.js';
import type { ReadLimits } from './limits.js';
import type { Table, TableRow } from './table.js';
import { fileError, limitError } from './read-errors.js';

/** Bytes decoded per slice. */
const SLICE = 64 * 1024;
/** Text the delimiter is detected from (its first records). */
const SNIFF_CHARS = 64 * 1024;

/** The file's text a slice at a time, with every line ending as `\n` (a `\r\n` split between slices included). */
function* textSlices(bytes: Uint8Array, encoding: Parameters<typeof chunkDecoder>[0], offset: number): Generator<string> {
  const decoder = chunkDecoder(encoding);
  let carry = '';
  const normalise = (text: string, last: boolean) => {
    let t = carry + text;
    carry = '';
    if (!last && t.endsWith('\r')) {
      carry = '\r';
      t = t.slice(0, -1);
    }
    return t.replace(/\r\n?/g, '\n');
  };
  for (let i = offset; i < bytes.byteLength; i += SLICE) {
    const text = normalise(decoder.write(bytes.subarray(i, Math.min(i + SLICE, bytes.byteLength))), false);
    if (text) yield text;
  }
  const rest = normalise(decoder.end(), true);
  if (rest) yield rest;
}

export async function readCsv(bytes: Uint8Array, limits: ReadLimits, forced?: Delimiter): Promise<Table> {
  const { encoding, bom } = detectEncoding(bytes);
  let delimiter = forced;
  if (!delimiter) {
    let head = '';
    for (const t of textSlices(bytes.subarray(0, bom + SNIFF_CHARS * 2), encoding, bom)) head += t;
    delimiter = detectDelimiter(head.slice(0, SNIFF_CHARS));
  }

  // A record may hold at most `columns` cells of `cellChars` characters: csv-parse refuses a longer one
  // (an unclosed quote swallowing the rest of the file) before it grows further.
  const parser = Readable.from(textSlices(bytes, encoding, bom)).pipe(
    parse({ delimiter, info: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: false, max_record_size: limits.cellChars * limits.columns }),
  );
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  let cells = 0;
  let chars = 0;
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      // csv-parse reports the line a record ends on; a person looks for where it starts.
      let newlines = 0;
      for (const c of r.record) {
        if (c.length > limits.cellChars) throw limitError('cellChars', limits.cellChars, r.info.lines);
        chars += c.length;
        for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) newlines++;
      }
      const line = r.info.lines - newlines;
      if (r.record.length > limits.columns) throw limitError('columns', limits.columns, line);
      if (!headers) {
        headers = r.record.map((h) => h.trim());
        continue;
      }
      if (!r.record.some((c) => c.trim() !== '')) continue;
      if (rows.length >= limits.rows) throw limitError('rows', limits.rows, line);
      cells += r.record.length;
      if (cells > limits.cells) throw limitError('cells', limits.cells, line);
      if (chars > limits.chars) throw limitError('chars', limits.chars, line);
      rows.push({ line, cells: r.record });
    }
  } catch (error) {
    parser.destroy();
    const e = error as { code?: string; lines?: number; message: string };
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw limitError('cellChars', limits.cellChars, e.lines ?? null);
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      throw fileError({ code: 'INVALID_CSV', values: { line: e.lines ?? null, reason: e.code, detail: e.message } }, `file.line ${e.lines ?? '?'}`);
    }
    throw error;
  }
  if (!headers) throw fileError({ code: 'NO_HEADER_ROW', values: {} });
  return { format: 'csv', encoding, delimiter, headers, rows };
}
