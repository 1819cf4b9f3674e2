/**
 * Text analysis for search, the same on both engines: the words of a text, lower-cased, Swedish
 * stop words left out, each reduced to its Snowball Swedish stem ("hemlösa", "hemlöshet" →
 * "hemlös"). It is what Lucene's `swedish` analyzer does (StandardTokenizer, LowerCaseFilter,
 * StopFilter with the Snowball stop list, SnowballFilter(Swedish)), which Neo4j's full-text
 * indexes use; the embedded index (memory-index.ts) analyses with this module, so a query
 * finds the same terms in both.
 */
import { stemmer } from '@orama/stemmers/swedish';
import { foldForSearch } from '../text/fold.js';

/** The Snowball Swedish stop list (snowballstem.org/algorithms/swedish/stop.txt), as Lucene ships it. */
export const SWEDISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du henne då sin nu har inte ' +
    'hans honom skulle hennes där min man ej vid kunde något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot ' +
    'alla under någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras ' +
    'blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars ' +
    'vårt våra ert era vilkas'
  ).split(' '),
);

export interface Token {
  /** The word as written, lower-cased. */
  word: string;
  /** Its stem. */
  stem: string;
  /** The stem of the word without accents ("frälsningsarmén" → "fralsningsarmen"): names are indexed folded. */
  folded: string;
  /** Where it is in the text (UTF-16 offsets), for highlights. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Texts lately analysed, with their tokens: search after search reads the same names and
 * descriptions, and stemming them is most of a search's work. At most TOKENS_KEPT, the oldest
 * going first. The arrays are shared: callers only read them.
 */
const analysed = new Map<string, readonly Token[]>();
const TOKENS_KEPT = 20_000;

/** The words of a text with their stems and places; stop words are left out. */
export function tokens(text: string): readonly Token[] {
  const known = analysed.get(text);
  if (known) return known;
  const out = analyse(text);
  if (analysed.size >= TOKENS_KEPT) analysed.delete(analysed.keys().next().value!);
  analysed.set(text, out);
  return out;
}

function analyse(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    if (SWEDISH_STOP_WORDS.has(word)) continue;
    out.push({ word, stem: stem(word), folded: stem(foldForSearch(word)), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function stem(word: string): string {
  return stemmer(word.toLowerCase());
}

/** A stem or null for a stop word: what the indexes store for a word. */
export function indexTerm(word: string): string | null {
  const w = word.toLowerCase();
  return SWEDISH_STOP_WORDS.has(w) ? null : stemmer(w);
}

/**
 * The terms a query word looks for: its stem, and its stem without accents where that differs,
 * since some fields hold text folded for accent-insensitive search (graph/text/fold.ts).
 */
export function queryTerms(word: string): string[] {
  const w = word.toLowerCase();
  if (SWEDISH_STOP_WORDS.has(w)) return [];
  const plain = stemmer(w);
  const folded = stemmer(foldForSearch(w));
  return plain === folded ? [plain] : [plain, folded];
}

/** A searchable field: its boost, and whether it holds folded text. */
export interface FieldSpec {
  boost: number;
  folded: boolean;
}

/**
 * How many edits a query term may be from a stored one: none for short terms (they would match
 * too much), one from 4 letters, two from 8 ("Stadsmisionen" finds "Stadsmissionen").
 */
export function fuzziness(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
}

/** Prefix matches for terms of 3 letters or more ("demens" finds "demenssjukdom"). */
export function prefixes(term: string): boolean {
  return term.length >= 3;
}

/**
 * Typos are looked for only when the words as written, and as prefixes, find fewer organisations
 * than this: a typo rarely hides among plenty of exact matches, and matching within edits is the
 * costly part of a search. Both engines decide alike.
 */
export const TYPOS_BELOW = 10;

/** How much a prefix or fuzzy match counts beside an exact one (both indexes weigh alike). */
export const MATCH_WEIGHTS = { prefix: 0.5, fuzzy: 0.35 } as const;

/**
 * The Lucene query for a text: per word and field, the word itself (Lucene analyses it), its stem
 * as a prefix and its stem within `fuzziness` edits, weighted as MATCH_WEIGHTS; folded fields get
 * the word without accents. Words are alternatives (more of them matching scores higher), each
 * field with its boost. Words and stems hold letters and digits only, so nothing needs escaping.
 * Null when the text has no word to look for.
 */
export function luceneQuery(text: string, fields: Readonly<Record<string, FieldSpec>>, options: { typos?: boolean } = {}): string | null {
  const typos = options.typos ?? true;
  const clauses: string[] = [];
  for (const t of tokens(text)) {
    for (const [field, spec] of Object.entries(fields)) {
      const word = spec.folded ? foldForSearch(t.word) : t.word;
      const s = spec.folded ? t.folded : t.stem;
      const parts = [word];
      if (prefixes(s)) parts.push(`${s}*^${MATCH_WEIGHTS.prefix}`);
      const k = typos ? fuzziness(s) : 0;
      if (k > 0) parts.push(`${s}~${k}^${MATCH_WEIGHTS.fuzzy}`);
      clauses.push(`${field}:(${parts.join(' OR ')})${spec.boost === 1 ? '' : `^${spec.boost}`}`);
    }
  }
  return clauses.length ? clauses.join(' OR ') : null;
}
