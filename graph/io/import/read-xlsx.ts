/**
 * An XLSX workbook's first worksheet to a table, streamed: the zip is unpacked a slice at a time
 * (fflate) and its XML parsed as it unpacks (saxes), so nothing larger than the limits is ever
 * held. Two passes over the archive: the first reads the workbook, its relationships, the styles
 * (which cells are dates) and the shared strings; the second streams the worksheet, whose parts
 * Excel writes before the shared strings. Every limit is checked as the bytes and cells arrive:
 * a cell in column XFD is refused at that cell, a zip bomb at the byte that crosses the limit.
 *
 * A cell reads as a person sees it: shared, inline and rich text joined, formulas by their cached
 * result, numbers in a date format as ISO days, booleans as true/false, errors as empty.
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ReadLimits } from './limits.js';
import type { Table, TableRow } from './table.js';
import { fileError, limitError } from './read-errors.js';
import { ImportFileError } from './problems.js';

/** Compressed bytes pushed at a time: one slice inflates to at most about a thousand times as much. */
const SLICE = 16 * 1024;
/** The workbook, its relationships and the styles are small; more than this is not a workbook anyone keeps. */
const SMALL_PART_CHARS = 16 * 1024 * 1024;

interface Sink {
  data(chunk: Uint8Array): void;
  end(): void;
}

/** Unpacks the entries `open` wants (a sink per entry), counting every unpacked byte against the limit. */
function unpack(bytes: Uint8Array, open: (name: string) => Sink | null, budget: { used: number; max: number }): void {
  const unzip = new Unzip((file: UnzipFile) => {
    const sink = open(file.name);
    if (!sink) return;
    if (file.compression !== 0 && file.compression !== 8) throw fileError({ code: 'INVALID_XLSX', values: { detail: `${file.name} uses compression method ${file.compression}` } });
    // A part that says it unpacks past the limit is refused before it is unpacked (one that lies is stopped as it unpacks).
    if (file.originalSize !== undefined && budget.used + file.originalSize > budget.max) throw limitError('decompressedBytes', budget.max, null);
    file.ondata = (error, chunk, final) => {
      if (error) throw error;
      budget.used += chunk.byteLength;
      if (budget.used > budget.max) throw limitError('decompressedBytes', budget.max, null);
      sink.data(chunk);
      if (final) sink.end();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let i = 0; i < bytes.byteLength; i += SLICE) unzip.push(bytes.subarray(i, Math.min(i + SLICE, bytes.byteLength)), i + SLICE >= bytes.byteLength);
}

/** An XML parser fed with UTF-8 chunks. */
function xmlSink(handlers: { open?: (tag: SaxesTagPlain) => void; close?: (name: string) => void; text?: (text: string) => void }): Sink {
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  parser.on('error', (error) => {
    throw fileError({ code: 'INVALID_XLSX', values: { detail: error.message } });
  });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(local(tag.name)));
  if (handlers.text) parser.on('text', handlers.text);
  return {
    data: (chunk) => void parser.write(decoder.decode(chunk, { stream: true })),
    end: () => {
      parser.write(decoder.decode());
      parser.close();
    },
  };
}

/** A whole (small) part as text. */
function textSink(onText: (text: string) => void): Sink {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  return {
    data: (chunk) => {
      text += decoder.decode(chunk, { stream: true });
      if (text.length > SMALL_PART_CHARS) throw fileError({ code: 'INVALID_XLSX', values: { detail: 'a workbook part is too large' } });
    },
    end: () => onText(text + decoder.decode()),
  };
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const attr = (tag: SaxesTagPlain, name: string): string | undefined => {
  for (const [k, v] of Object.entries(tag.attributes)) if (local(k) === name) return v;
  return undefined;
};

/** Parses a small XML text completely. */
function parseSmall(text: string, open: (tag: SaxesTagPlain) => void): void {
  const sink = xmlSink({ open });
  sink.data(new TextEncoder().encode(text));
  sink.end();
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom format code shows a date: a date part outside quoted text and [colour] brackets (as exceljs decides). */
const isDateCode = (code: string) => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Days since 1899-12-30 (or 1904-01-01) to an ISO day, as exceljs converts them. */
function serialToIsoDay(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(serial) : d.toISOString().slice(0, 10);
}

/** Column letters of a cell reference ("XFD20") to a 0-based index. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > 1_000_000) break;
  }
  return n - 1;
}

const rowOf = (ref: string) => Number(ref.replace(/^[A-Z]+/, '')) || 0;

export function readXlsx(bytes: Uint8Array, limits: ReadLimits): Table {
  try {
    return read(bytes, limits);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw fileError({ code: 'INVALID_XLSX', values: { detail: error instanceof Error ? error.message : String(error) } });
  }
}

function read(bytes: Uint8Array, limits: ReadLimits): Table {
  const budget = { used: 0, max: limits.decompressedBytes };

  // Pass 1: the workbook (its first sheet), relationships, styles and shared strings.
  let firstSheetRel: string | null = null;
  let date1904 = false;
  let workbookPath = 'xl/workbook.xml';
  const relTargets = new Map<string, string>();
  const dateStyles: boolean[] = [];
  const sharedStrings: string[] = [];
  let sawWorkbook = false;

  unpack(
    bytes,
    (name) => {
      const lower = name.toLowerCase();
      if (/(^|\/)workbook\.xml$/.test(lower)) {
        workbookPath = name;
        sawWorkbook = true;
        return textSink((text) =>
          parseSmall(text, (tag) => {
            const n = local(tag.name);
            if (n === 'sheet' && firstSheetRel === null) firstSheetRel = attr(tag, 'id') ?? null;
            if (n === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
          }),
        );
      }
      if (/(^|\/)_rels\/workbook\.xml\.rels$/.test(lower)) {
        return textSink((text) =>
          parseSmall(text, (tag) => {
            if (local(tag.name) === 'Relationship') relTargets.set(attr(tag, 'Id') ?? '', attr(tag, 'Target') ?? '');
          }),
        );
      }
      if (/(^|\/)styles\.xml$/.test(lower)) {
        return textSink((text) => {
          const customDates = new Map<number, boolean>();
          let inCellXfs = false;
          const xfs: number[] = [];
          const sink = xmlSink({
            open: (tag) => {
              const n = local(tag.name);
              if (n === 'numFmt') customDates.set(Number(attr(tag, 'numFmtId')), isDateCode(attr(tag, 'formatCode') ?? ''));
              else if (n === 'cellXfs') inCellXfs = true;
              else if (n === 'xf' && inCellXfs) xfs.push(Number(attr(tag, 'numFmtId') ?? 0));
            },
            close: (n) => {
              if (n === 'cellXfs') inCellXfs = false;
            },
          });
          sink.data(new TextEncoder().encode(text));
          sink.end();
          for (const id of xfs) dateStyles.push(customDates.get(id) ?? DATE_FORMAT_IDS.has(id));
        });
      }
      if (/(^|\/)sharedstrings\.xml$/.test(lower)) {
        // <si> holds <t> or rich runs <r><t>; phonetic runs (<rPh>) are not the text.
        let current: string[] | null = null;
        let inT = false;
        let phonetic = 0;
        return xmlSink({
          open: (tag) => {
            const n = local(tag.name);
            if (n === 'si') {
              current = [];
              if (sharedStrings.length >= limits.sharedStrings) throw limitError('sharedStrings', limits.sharedStrings, null);
            } else if (n === 'rPh') phonetic++;
            else if (n === 't' && !phonetic) inT = true;
          },
          text: (t) => {
            if (inT && current) current.push(t);
          },
          close: (n) => {
            if (n === 't') inT = false;
            else if (n === 'rPh') phonetic--;
            else if (n === 'si' && current) {
              sharedStrings.push(current.join(''));
              current = null;
            }
          },
        });
      }
      return null;
    },
    budget,
  );
  if (!sawWorkbook) throw fileError({ code: 'INVALID_XLSX', values: { detail: 'no workbook part' } });
  const target = firstSheetRel ? relTargets.get(firstSheetRel) : undefined;
  if (!target) throw fileError({ code: 'NO_WORKSHEET', values: {} });
  const base = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const sheetPath = target.startsWith('/') ? target.slice(1) : normalisePath(base + target);

  // Pass 2: the first worksheet, row by row.
  const rows: TableRow[] = [];
  let headers: string[] | null = null;
  let cells = 0;
  let chars = 0;
  let cellLength = 0;
  let rowNumber = 0;
  let rowCells: string[] = [];
  let col = -1;
  let type = 'n';
  let style = 0;
  let value: string[] = [];
  let inline: string[] = [];
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;
  let sawSheet = false;

  const cellText = (): string => {
    const v = value.join('');
    switch (type) {
      case 's':
        return sharedStrings[Number(v)] ?? '';
      case 'inlineStr':
        return inline.join('');
      case 'str':
        return v;
      case 'b':
        return v === '1' || v === 'true' ? 'true' : 'false';
      case 'e':
        return '';
      case 'd':
        return v.slice(0, 10);
      default: {
        if (v === '') return '';
        const n = Number(v);
        if (!Number.isFinite(n)) return v;
        return dateStyles[style] ? serialToIsoDay(n, date1904) : String(n);
      }
    }
  };

  unpack(
    bytes,
    (name) => {
      if (name !== sheetPath) return null;
      sawSheet = true;
      return xmlSink({
        open: (tag) => {
          switch (local(tag.name)) {
            case 'row': {
              const r = Number(attr(tag, 'r'));
              rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
              rowCells = [];
              col = -1;
              break;
            }
            case 'c': {
              const ref = attr(tag, 'r');
              const c = ref ? columnOf(ref) : col + 1;
              if (ref && rowOf(ref) > 0) rowNumber = rowOf(ref);
              col = c;
              // Refused at the cell, before anything further right is read.
              if (col >= limits.columns) throw limitError('columns', limits.columns, rowNumber);
              type = attr(tag, 't') ?? 'n';
              style = Number(attr(tag, 's') ?? 0) || 0;
              value = [];
              inline = [];
              cellLength = 0;
              break;
            }
            case 'v':
              inV = true;
              break;
            case 'is':
              inIs = true;
              break;
            case 'rPh':
              phonetic++;
              break;
            case 't':
              if (inIs && !phonetic) inT = true;
              break;
          }
        },
        text: (t) => {
          if (!inV && !inT) return;
          // A cell's text is held to its limit as it arrives, not once it is whole.
          cellLength += t.length;
          if (cellLength > limits.cellChars) throw limitError('cellChars', limits.cellChars, rowNumber);
          (inV ? value : inline).push(t);
        },
        close: (n) => {
          switch (n) {
            case 'v':
              inV = false;
              break;
            case 't':
              inT = false;
              break;
            case 'rPh':
              phonetic--;
              break;
            case 'is':
              inIs = false;
              break;
            case 'c': {
              const text = cellText();
              if (text.length > limits.cellChars) throw limitError('cellChars', limits.cellChars, rowNumber);
              chars += text.length;
              if (chars > limits.chars) throw limitError('chars', limits.chars, rowNumber);
              rowCells[col] = text;
              break;
            }
            case 'row': {
              for (let i = 0; i < rowCells.length; i++) rowCells[i] ??= '';
              if (!headers) {
                if (rowCells.length) headers = rowCells.map((h) => h.trim());
                break;
              }
              if (!rowCells.some((c) => c.trim() !== '')) break;
              if (rows.length >= limits.rows) throw limitError('rows', limits.rows, rowNumber);
              cells += rowCells.length;
              if (cells > limits.cells) throw limitError('cells', limits.cells, rowNumber);
              rows.push({ line: rowNumber, cells: rowCells });
              break;
            }
          }
        },
      });
    },
    budget,
  );
  if (!sawSheet) throw fileError({ code: 'NO_WORKSHEET', values: {} });
  if (!headers) throw fileError({ code: 'NO_HEADER_ROW', values: {} });
  return { format: 'xlsx', encoding: null, delimiter: null, headers, rows };
}

/** "xl/worksheets/../x.xml" → "xl/x.xml". */
function normalisePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}
