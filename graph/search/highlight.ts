/**
 * Where a query's words are found in a text, for highlighting, by the indexes' own rules
 * (analyze.ts): the same stem, a stem the query's stem begins, or one within its typo allowance.
 * Also the spelling the text uses where the query had a typo ("Stadsmisionen" → "Stadsmissionen").
 */
import { distance } from 'fastest-levenshtein';
import { fuzziness, prefixes, tokens, type Token } from './analyze.js';

export interface Range {
  start: number;
  end: number;
}

export type MatchKind = 'exact' | 'prefix' | 'fuzzy';

/** How a word of a text matches a word of a query, accents aside ("fralsningsarmen" is exact for "Frälsningsarmén"). */
export function matchKind(query: Token, word: Token): MatchKind | null {
  if (word.stem === query.stem || word.folded === query.folded) return 'exact';
  if (prefixes(query.folded) && word.folded.startsWith(query.folded)) return 'prefix';
  const k = fuzziness(query.folded);
  if (k > 0 && Math.abs(word.folded.length - query.folded.length) <= k && distance(word.folded, query.folded) <= k) return 'fuzzy';
  return null;
}

/** The ranges of `text` that match a word of the query. */
export function highlights(text: string, query: readonly Token[]): Range[] {
  if (!text || !query.length) return [];
  return tokens(text)
    .filter((w) => query.some((q) => matchKind(q, w) !== null))
    .map((w) => ({ start: w.start, end: w.end }));
}

/** A window of `text` around its first match (about `width` characters), with its ranges moved to it. */
export function snippet(text: string, ranges: readonly Range[], width = 180): { text: string; ranges: Range[] } {
  if (text.length <= width || !ranges.length) return { text: text.length <= width ? text : `${text.slice(0, width).trimEnd()}…`, ranges: ranges.filter((r) => r.end <= width) };
  let from = Math.max(0, ranges[0]!.start - Math.floor(width / 3));
  // Start at a word boundary.
  while (from > 0 && /[\p{L}\p{N}]/u.test(text[from - 1]!)) from--;
  const to = Math.min(text.length, from + width);
  const prefix = from > 0 ? '…' : '';
  const body = text.slice(from, to);
  const shift = prefix.length - from;
  return {
    text: `${prefix}${body}${to < text.length ? '…' : ''}`,
    ranges: ranges.filter((r) => r.start >= from && r.end <= to).map((r) => ({ start: r.start + shift, end: r.end + shift })),
  };
}

/**
 * The query with each word that only a typo allowance matched replaced by the word the texts use
 * (the best of them: the most texts); null when every word was found as written.
 */
export function correction(queryText: string, texts: readonly string[]): string | null {
  const query = tokens(queryText);
  let changed = false;
  let out = queryText;
  for (const q of [...query].reverse()) {
    const found = new Map<string, number>();
    let exact = false;
    for (const text of texts) {
      for (const w of tokens(text)) {
        const kind = matchKind(q, w);
        if (kind === 'exact' || kind === 'prefix') exact = true;
        else if (kind === 'fuzzy') found.set(w.word, (found.get(w.word) ?? 0) + 1);
      }
    }
    if (exact || !found.size) continue;
    const [best] = [...found.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const original = queryText.slice(q.start, q.end);
    const replacement = original[0] === original[0]!.toUpperCase() ? best![0][0]!.toUpperCase() + best![0].slice(1) : best![0];
    out = out.slice(0, q.start) + replacement + out.slice(q.end);
    changed = true;
  }
  return changed ? out : null;
}
