/**
 * Case- and accent-insensitive search text: the `search` property of Organisation, TargetGroup,
 * District, PublicBody and Agreement. Both engines compare against it with plain string
 * operators, so queries must be folded the same way.
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

/** The `search` value of a node: its name and aliases, each folded, joined by ' | '. */
export function searchText(name: string, aliases?: readonly string[] | null): string {
  if (!aliases || aliases.length === 0) return foldForSearch(name);
  return [name, ...aliases].map(foldForSearch).join(' | ');
}
