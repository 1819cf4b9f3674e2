/**
 * Text encoding of an uploaded CSV: UTF-8 (with or without a byte-order mark), UTF-16 with a BOM
 * (Excel's "Unicode text"), or Windows-1252, which is what Swedish Excel writes when it saves
 * "CSV (semikolonavgränsad)". A file that is valid UTF-8 is read as UTF-8; every byte sequence
 * is valid Windows-1252, so that is the fallback.
 *
 * Decoding is by iconv-lite, a chunk at a time: Node's own TextDecoder('windows-1252') does not
 * map 0x80–0x9F (€ – “ ” ‘ ’ … ™ …) on every Node version. The five bytes Windows-1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8-bom' | 'utf-8' | 'windows-1252' | 'utf-16le';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** The encoding of a file and how many bytes of byte-order mark precede its text. */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'windows-1252', bom: 0 };
}

const ICONV_NAME: Record<TextEncodingName, string> = { 'utf-8-bom': 'utf-8', 'utf-8': 'utf-8', 'utf-16le': 'utf-16le', 'windows-1252': 'windows-1252' };

/** A streaming decoder: `write` a chunk of bytes, get the text it completes (a character split between chunks waits for the next). */
export interface ChunkDecoder {
  write(bytes: Uint8Array): string;
  end(): string;
}

export function chunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  const decoder = iconv.getDecoder(ICONV_NAME[encoding], { stripBOM: false });
  return {
    write: (bytes) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
    end: () => decoder.end() ?? '',
  };
}

/** The whole text of a (small) file: its encoding detected, the byte-order mark left out. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const { encoding, bom } = detectEncoding(bytes);
  const decoder = chunkDecoder(encoding);
  return { text: decoder.write(bytes.subarray(bom)) + decoder.end(), encoding };
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
