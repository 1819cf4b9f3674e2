/**
 * Text encoding of an uploaded CSV: UTF-8 (with or without a byte-order mark) or Windows-1252,
 * which is what Swedish Excel writes when it saves "CSV (semikolonavgränsad)". A strict UTF-8
 * decode either succeeds or proves the file is not UTF-8; every byte sequence is valid
 * Windows-1252, so that is the fallback.
 */
export type TextEncodingName = 'utf-8-bom' | 'utf-8' | 'windows-1252' | 'utf-16le';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8-bom' };
  }
  // Excel's "Unicode text" export: UTF-16 little-endian with a BOM.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const CANDIDATES = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof CANDIDATES)[number];

/**
 * The delimiter of a CSV text: the candidate that splits the first records (quotes respected)
 * into the same, largest number of fields. Swedish Excel writes `;` (the comma is the decimal sign).
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = firstRecords(text, 20);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistent = counts.filter((c) => c === header).length;
    // Consistency first, then the number of columns; ties go to the order of CANDIDATES.
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** The first `n` records of a CSV text (a quoted newline does not end a record). */
function firstRecords(text: string, n: number): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && out.length < n; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (i > start) out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (out.length < n && start < text.length) out.push(text.slice(start));
  return out.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === d) n++;
  }
  return n;
}
