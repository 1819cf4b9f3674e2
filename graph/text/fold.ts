/**
 * Text folding for search: lower case, accents and diacritics removed ("Frälsningsarmén" →
 * "fralsningsarmen"), whitespace collapsed. Stored on nodes as `search` so the same CONTAINS
 * query is case- and accent-insensitive on both engines; queries are folded the same way.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const WHITESPACE = /\s+/g;

/** The definition: lower-case, NFD, remove combining marks, collapse whitespace, trim. */
function foldSlow(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '').replace(WHITESPACE, ' ').trim();
}

// Fast path for Latin text (the synthetic generator folds hundreds of thousands of names):
// a table of what foldSlow gives for each character up to U+024F; anything beyond goes the slow way.
const TABLE_END = 0x250;
const FOLDED: string[] = [];
const SPACE = new Uint8Array(TABLE_END);
for (let c = 0; c < TABLE_END; c++) {
  const ch = String.fromCharCode(c);
  if (/\s/.test(ch)) SPACE[c] = 1;
  FOLDED.push(ch.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, ''));
}

/** Lower-case, strip accents (NFD, then remove combining marks) and collapse whitespace: "Förening  Åby" → "forening aby". */
export function foldForSearch(text: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= TABLE_END) return foldSlow(text);
    if (SPACE[c] === 1) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += FOLDED[c]!;
  }
  return out;
}

/** Folds text for search (the fast path above agrees with the NFD definition; a test checks it). */
export const fold = foldForSearch;

/** The `search` property of a node: its name and aliases, folded, separated so words don't run together. */
export function searchText(...parts: (string | null | undefined | readonly string[])[]): string {
  const flat: string[] = [];
  for (const p of parts) {
    if (!p) continue;
    if (typeof p === 'string') flat.push(p);
    else flat.push(...p);
  }
  return flat.map(foldForSearch).filter(Boolean).join(' | ');
}
