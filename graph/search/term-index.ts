/**
 * An inverted index of the organisations' search text, in memory, that finds the best few of
 * 250,000 organisations in about a millisecond. Per field: the sorted terms (Swedish stems, as
 * analyze.ts makes them), per term the organisations holding it ordered by the term's BM25 weight
 * in them, and per organisation its terms and weights.
 *
 * A query word matches a term as written (weight 1), as a prefix of it and, in the pass for
 * typos, within `fuzziness` edits (MATCH_WEIGHTS), as Neo4j's query (luceneQuery) does. An
 * organisation's score adds, over the query's words and the fields, the best match of the word
 * in the field. The best are found by the threshold algorithm: the postings of the matching
 * terms are read best weight first, each organisation met is scored whole from its own terms,
 * and reading stops once nothing unread can beat the last of the best — for a word that 100,000
 * organisations hold, a few hundred are read instead of all.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Heap } from './heap.js';
import { popcount32 } from '../readmodel/bitset.js';
import { MATCH_WEIGHTS, TYPOS_BELOW, fuzziness, indexTerm, prefixes, queryTerms } from './analyze.js';

const WORDS = /[\p{L}\p{N}]+/gu;
const K1 = 1.2;
/**
 * Postings read at most once the best are found (the search stops there even if something unread
 * might still beat the last of them): a word common in names and in descriptions would otherwise
 * read most of both. What is cut is the tail of the page of candidates, never the first ones.
 */
const READ_AT_MOST = 4000;
const B = 0.75;

interface FieldIndex {
  boost: number;
  /** Documents with text in the field, and their average length in terms (for BM25). */
  n: number;
  avg: number;
  /** Sorted, distinct. */
  terms: string[];
  /** Per term: the documents holding it, by weight (best first), and the weights (boost included). */
  postings: Int32Array[];
  weights: Float32Array[];
  /** Term indexes by term length, for the typo pass. */
  byLength: Map<number, number[]>;
  /** Per term, the characters it holds as bits (letterBits): a cheap test before counting edits. */
  letters: Int32Array;
}

/**
 * Every document's terms and weights in all fields, one record per document, so that scoring a
 * document met in a posting reads one place in memory rather than three arrays per field. The
 * record of document d starts at `at[d]`: per field, its term count, then (term, weight) pairs by
 * term (`ints` and `floats` view the same buffer).
 */
interface DocStore {
  at: Int32Array;
  ints: Int32Array;
  floats: Float32Array;
}

/** A field's terms of each document, as buildField gives them: `terms[start[d]…start[d+1]]`, sorted. */
interface FieldDocs {
  start: Int32Array;
  terms: Int32Array;
  weights: Float32Array;
}

export interface TermHit {
  doc: number;
  score: number;
  /** The query's words it matched, as bits (bit i for the i-th word that is not a stop word; up to WORD_BITS). */
  words: number;
}

/** Words of a query tracked per hit as bits. */
export const WORD_BITS = 30;
const bit = (w: number) => (w < WORD_BITS ? 1 << w : 0);

/** What one query word matches in one field: term index → how much the match counts. */
type Matches = Map<number, number>;

/** A document's terms and their weights, per field. */
export type AnalysedDoc = { term: string; weight: number }[][];

/** A text's words, each as the stems it is looked for by (stop words left out). */
function queryWords(text: string): string[][] {
  return (text.match(WORDS) ?? []).map((w) => queryTerms(w)).filter((t) => t.length > 0);
}

function termCounts(text: string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text?.match(WORDS) ?? []) {
    const term = indexTerm(word);
    if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

/** BM25 of a term in a document: `n` documents with text in the field, `df` of them holding the term. */
function bm25(boost: number, n: number, df: number, tf: number, length: number, avg: number): number {
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  return (boost * idf * (tf * (K1 + 1))) / (tf + K1 * (1 - B + (B * length) / avg));
}

/** Documents per slice of a long build, between which the event loop is let through. */
const SLICE = 10_000;

export class TermIndex {
  private constructor(
    private readonly fields: FieldIndex[],
    private readonly docs: DocStore,
    private readonly readAtMost: number,
  ) {}

  /**
   * The index of `texts[d][f]` (document d's text in field f; `boosts[f]` is field f's weight),
   * built a slice at a time with the event loop let through between slices: at 250,000
   * organisations the build takes seconds, and requests keep being answered meanwhile.
   */
  static async build(texts: readonly (readonly (string | null)[])[], boosts: readonly number[], options: { readAtMost?: number } = {}): Promise<TermIndex> {
    const fields: FieldIndex[] = [];
    const perField: FieldDocs[] = [];
    for (let f = 0; f < boosts.length; f++) {
      const { field, docs } = await buildField(texts, f, boosts[f]!);
      fields.push(field);
      perField.push(docs);
    }
    return new TermIndex(fields, docStore(texts.length, perField), options.readAtMost ?? READ_AT_MOST);
  }

  /** A document outside the index (changed since it was built) as the index would hold it: its terms and their weights by the index's statistics. */
  analyse(texts: readonly (string | null)[]): AnalysedDoc {
    return this.fields.map((field, f) => {
      const counts = termCounts(texts[f] ?? null);
      let length = 0;
      for (const tf of counts.values()) length += tf;
      return [...counts].map(([term, tf]) => {
        const t = findTerm(field.terms, term);
        return { term, weight: bm25(field.boost, field.n, t >= 0 ? field.postings[t]!.length : 0, tf, length, field.avg) };
      });
    });
  }

  /** An analysed document's score for a text and the words it matched, as `search` gives them (score 0 when it does not match). */
  scoreAnalysed(doc: AnalysedDoc, text: string, typos: boolean): { score: number; words: number } {
    let score = 0;
    let words = 0;
    queryWords(text).forEach((stems, w) => {
      doc.forEach((terms) => {
        let best = 0;
        for (const { term, weight } of terms) {
          for (const stem of stems) {
            const m = term === stem ? 1 : prefixes(stem) && term.startsWith(stem) ? MATCH_WEIGHTS.prefix : typos && fuzziness(stem) > 0 && editsAtMost(stem, term, fuzziness(stem)) ? MATCH_WEIGHTS.fuzzy : 0;
            best = Math.max(best, m * weight);
          }
        }
        score += best;
        if (best > 0) words |= bit(w);
      });
    });
    return { score, words };
  }

  /**
   * The best `limit` documents for a text, best first (ties by document order): words as written
   * and by prefix; within typo edits too when those find fewer than TYPOS_BELOW documents.
   */
  search(text: string, limit: number): TermHit[] {
    const exact = this.searchPass(text, false, Math.max(limit, TYPOS_BELOW));
    return exact.length >= TYPOS_BELOW ? exact.slice(0, limit) : this.searchPass(text, true, limit);
  }

  /** One pass: words as written and by prefix, and with `typos` within edits too. */
  searchPass(text: string, typos: boolean, limit: number): TermHit[] {
    const words = queryWords(text);
    if (!words.length || limit <= 0) return [];
    return this.best(words.map((stems) => this.fields.map((field) => matches(field, stems, typos))), limit);
  }

  /** The threshold algorithm over every (word, field) pair's matching postings. */
  private best(wanted: Matches[][], limit: number): TermHit[] {
    const streams: Stream[] = [];
    wanted.forEach((perField) => perField.forEach((m, f) => m.size && streams.push(new Stream(this.fields[f]!, m))));
    const scorer = this.scorer(wanted);
    // One word matched in one field: a document's score is what its posting is read at (the
    // first time, the best of the terms it holds), so nothing need be looked up.
    const single = streams.length === 1 ? wanted.findIndex((perField) => perField.some((m) => m.size > 0)) : -1;
    const top = new TopK(limit);
    for (let read = 0; ; read++) {
      let bound = 0;
      let next: Stream | null = null;
      for (const s of streams) {
        const head = s.head();
        bound += head;
        if (head > 0 && (!next || head > next.head())) next = s;
      }
      if (!next || (top.full() && (top.floor() >= bound || read >= this.readAtMost))) break;
      const value = next.head();
      const doc = next.pop();
      if (scorer.seen(doc)) continue;
      if (single >= 0) top.offer(doc, value, bit(single));
      else top.offer(doc, ...scorer.score(doc));
    }
    return top.sorted();
  }

  /** One search's scratch, reused by the next (searches are synchronous). */
  private scratch: Scratch | null = null;

  /** Scores documents for one search's wanted matches. */
  private scorer(wanted: Matches[][]): Scratch {
    this.scratch ??= new Scratch(this.docs, this.fields.length);
    return this.scratch.start(wanted);
  }
}

/**
 * What a search wants, for scoring the documents it meets: per (word, field), the matching terms
 * as spans of consecutive term indexes with one weight (a prefix's terms are consecutive in the
 * sorted terms), and which documents it has met, by stamps (the search's number: nothing is
 * cleared per search). A document's terms in a field are sorted too, so each span is found in
 * them by binary search, instead of every term of the document being looked up.
 */
class Scratch {
  /** The documents met, as bits (small enough to stay in cache), and which words of them to clear. */
  private readonly seenBits: Uint32Array;
  private touched: number[] = [];
  /** Per (word, field), in word-major order: its spans' start, end (exclusive) and weight. */
  private spans: { field: number; lo: Int32Array; hi: Int32Array; weight: Float64Array; word: number }[] = [];
  /** Where each field's pairs start in the record being scored, and how many. */
  private readonly base: Int32Array;
  private readonly count: Int32Array;

  constructor(
    private readonly docs: DocStore,
    fields: number,
  ) {
    this.seenBits = new Uint32Array(Math.ceil(Math.max(0, docs.at.length - 1) / 32));
    this.base = new Int32Array(fields);
    this.count = new Int32Array(fields);
  }

  start(wanted: Matches[][]): this {
    for (const w of this.touched) this.seenBits[w] = 0;
    this.touched = [];
    this.spans = [];
    wanted.forEach((perField, w) => {
      perField.forEach((m, f) => {
        if (!m.size) return;
        const terms = [...m.keys()].sort((a, b) => a - b);
        const lo: number[] = [];
        const hi: number[] = [];
        const weight: number[] = [];
        for (const t of terms) {
          const last = lo.length - 1;
          if (last >= 0 && hi[last] === t && weight[last] === m.get(t)) hi[last] = t + 1;
          else {
            lo.push(t);
            hi.push(t + 1);
            weight.push(m.get(t)!);
          }
        }
        this.spans.push({ field: f, lo: Int32Array.from(lo), hi: Int32Array.from(hi), weight: Float64Array.from(weight), word: w });
      });
    });
    return this;
  }

  /** Whether this search has met the document before (and marks it met). */
  seen(doc: number): boolean {
    const w = doc >>> 5;
    const word = this.seenBits[w]!;
    const b = 1 << (doc & 31);
    if (word & b) return true;
    if (word === 0) this.touched.push(w);
    this.seenBits[w] = word | b;
    return false;
  }

  /**
   * A document's score (over words and fields, the best match of the word among its terms,
   * summed word by word) and the words it matched. Spans and the document's terms are both
   * sorted: each span's first term is searched for from where the last span ended, and the
   * spans stop once the document's terms are passed.
   */
  score(doc: number): [score: number, words: number] {
    const { ints, floats } = this.docs;
    const base = this.base;
    const count = this.count;
    let p = this.docs.at[doc]!;
    const end = this.docs.at[doc + 1]!;
    for (let f = 0; p < end; f++) {
      count[f] = ints[p]!;
      base[f] = p + 1;
      p += 1 + 2 * count[f]!;
    }
    let score = 0;
    let words = 0;
    for (const { field, lo, hi, weight, word } of this.spans) {
      const n = count[field]!;
      if (n === 0) continue;
      const at = base[field]!;
      let best = 0;
      let a = 0;
      for (let s = 0; s < lo.length && a < n; s++) {
        const from = lo[s]!;
        let b = n;
        while (a < b) {
          const mid = (a + b) >>> 1;
          if (ints[at + 2 * mid]! < from) a = mid + 1;
          else b = mid;
        }
        for (; a < n && ints[at + 2 * a]! < hi[s]!; a++) {
          const v = weight[s]! * floats[at + 2 * a + 1]!;
          if (v > best) best = v;
        }
      }
      score += best;
      if (best > 0) words |= bit(word);
    }
    return [score, words];
  }
}

/** The documents' records (DocStore) from each field's terms of each document. */
function docStore(n: number, fields: readonly FieldDocs[]): DocStore {
  const at = new Int32Array(n + 1);
  let size = 0;
  for (let d = 0; d < n; d++) {
    at[d] = size;
    for (const f of fields) size += 1 + 2 * (f.start[d + 1]! - f.start[d]!);
  }
  at[n] = size;
  const buffer = new ArrayBuffer(size * 4);
  const ints = new Int32Array(buffer);
  const floats = new Float32Array(buffer);
  for (let d = 0; d < n; d++) {
    let p = at[d]!;
    for (const f of fields) {
      const from = f.start[d]!;
      const to = f.start[d + 1]!;
      ints[p++] = to - from;
      for (let i = from; i < to; i++) {
        ints[p++] = f.terms[i]!;
        floats[p++] = f.weights[i]!;
      }
    }
  }
  return { at, ints, floats };
}

/** The terms a word matches in a field, with how much each match counts (the best kind of match). */
function matches(field: FieldIndex, stems: readonly string[], typos: boolean): Matches {
  const out: Matches = new Map();
  const take = (t: number, weight: number) => {
    if ((out.get(t) ?? 0) < weight) out.set(t, weight);
  };
  for (const stem of stems) {
    const exact = findTerm(field.terms, stem);
    if (exact >= 0) take(exact, 1);
    if (prefixes(stem)) for (let t = lowerBound(field.terms, stem); t < field.terms.length && field.terms[t]!.startsWith(stem); t++) take(t, MATCH_WEIGHTS.prefix);
    const k = typos ? fuzziness(stem) : 0;
    if (k > 0) for (const t of withinEdits(field, stem, k)) take(t, MATCH_WEIGHTS.fuzzy);
  }
  return out;
}

/** A word's matching postings in a field, read in order of their weighted score (a heap of the terms' cursors). */
class Stream {
  /** The best value unread (0 when all are read). */
  private best = 0;
  private readonly heap = new Heap<{ t: number; at: number; weight: number; value: number }>((a, b) => b.value - a.value);

  constructor(
    private readonly field: FieldIndex,
    m: Matches,
  ) {
    for (const [t, weight] of m) if (field.postings[t]!.length) this.heap.push({ t, at: 0, weight, value: weight * field.weights[t]![0]! });
    this.best = this.heap.peek()?.value ?? 0;
  }

  /** The best score any unread posting can add (0 when all are read). */
  head(): number {
    return this.best;
  }

  pop(): number {
    const c = this.heap.peek()!;
    const doc = this.field.postings[c.t]![c.at]!;
    c.at += 1;
    if (c.at < this.field.postings[c.t]!.length) {
      c.value = c.weight * this.field.weights[c.t]![c.at]!;
      this.heap.replace(c);
    } else this.heap.pop();
    this.best = this.heap.peek()?.value ?? 0;
    return doc;
  }
}

/**
 * The best `size` (document, score) pairs: a binary heap in typed arrays whose top is the worst
 * kept (lower score, then later document), so a document that does not get in costs one
 * comparison and nothing is allocated.
 */
class TopK {
  private n = 0;
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private readonly words: Int32Array;

  constructor(private readonly size: number) {
    this.docs = new Int32Array(size);
    this.scores = new Float64Array(size);
    this.words = new Int32Array(size);
  }

  full(): boolean {
    return this.n >= this.size;
  }

  floor(): number {
    return this.n ? this.scores[0]! : 0;
  }

  /** Whether entry i is worse than (score, doc). */
  private worse(i: number, score: number, doc: number): boolean {
    const s = this.scores[i]!;
    return s < score || (s === score && this.docs[i]! > doc);
  }

  private put(i: number, doc: number, score: number, words: number): void {
    this.docs[i] = doc;
    this.scores[i] = score;
    this.words[i] = words;
  }

  offer(doc: number, score: number, words: number): void {
    if (score <= 0 || this.size <= 0) return;
    if (this.n < this.size) {
      let i = this.n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.worse(parent, score, doc)) break;
        this.put(i, this.docs[parent]!, this.scores[parent]!, this.words[parent]!);
        i = parent;
      }
      this.put(i, doc, score, words);
      return;
    }
    if (!this.worse(0, score, doc)) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.n) break;
      const right = child + 1;
      if (right < this.n && this.worse(right, this.scores[child]!, this.docs[child]!)) child = right;
      if (!this.worse(child, score, doc)) break;
      this.put(i, this.docs[child]!, this.scores[child]!, this.words[child]!);
      i = child;
    }
    this.put(i, doc, score, words);
  }

  sorted(): TermHit[] {
    const out: TermHit[] = [];
    for (let i = 0; i < this.n; i++) out.push({ doc: this.docs[i]!, score: this.scores[i]!, words: this.words[i]! });
    return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}

async function buildField(texts: readonly (readonly (string | null)[])[], f: number, boost: number): Promise<{ field: FieldIndex; docs: FieldDocs }> {
  const postings = new Map<string, { docs: number[]; tf: number[] }>();
  const lengths = new Float64Array(texts.length);
  let total = 0;
  let withText = 0;
  for (let doc = 0; doc < texts.length; doc++) {
    if (doc % SLICE === SLICE - 1) await yieldToLoop();
    const text = texts[doc]![f] ?? null;
    if (!text) continue;
    withText += 1;
    for (const [term, tf] of termCounts(text)) {
      lengths[doc]! += tf;
      let p = postings.get(term);
      if (!p) postings.set(term, (p = { docs: [], tf: [] }));
      p.docs.push(doc);
      p.tf.push(tf);
    }
    total += lengths[doc]!;
  }
  const n = Math.max(1, withText);
  const avg = total / n || 1;
  const terms = [...postings.keys()].sort();
  const lists: Int32Array[] = [];
  const weights: Float32Array[] = [];
  const byLength = new Map<number, number[]>();
  const perDoc = new Int32Array(texts.length + 1);
  let sorted = 0;
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    const p = postings.get(term)!;
    const w = p.docs.map((d, i) => bm25(boost, n, p.docs.length, p.tf[i]!, lengths[d]!, avg));
    const order = p.docs.map((_, i) => i).sort((a, b) => w[b]! - w[a]! || p.docs[a]! - p.docs[b]!);
    lists.push(Int32Array.from(order, (i) => p.docs[i]!));
    weights.push(Float32Array.from(order, (i) => w[i]!));
    for (const d of p.docs) perDoc[d + 1]! += 1;
    const list = byLength.get(term.length) ?? [];
    list.push(t);
    byLength.set(term.length, list);
    sorted += p.docs.length;
    if (sorted >= SLICE * 10) {
      sorted = 0;
      await yieldToLoop();
    }
  }
  for (let d = 0; d < texts.length; d++) perDoc[d + 1]! += perDoc[d]!;
  const docTerms = new Int32Array(perDoc[texts.length]!);
  const docWeights = new Float32Array(docTerms.length);
  const fill = perDoc.slice(0, texts.length);
  lists.forEach((docs, t) => {
    docs.forEach((d, i) => {
      const at = fill[d]!++;
      docTerms[at] = t;
      docWeights[at] = weights[t]![i]!;
    });
  });
  return { field: { boost, n, avg, terms, postings: lists, weights, byLength, letters: Int32Array.from(terms, letterBits) }, docs: { start: perDoc, terms: docTerms, weights: docWeights } };
}

function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function findTerm(terms: readonly string[], key: string): number {
  const i = lowerBound(terms, key);
  return terms[i] === key ? i : -1;
}

/** A word's characters as bits (code unit mod 32): k edits add or remove at most k of them. */
function letterBits(word: string): number {
  let bits = 0;
  for (let i = 0; i < word.length; i++) bits |= 1 << (word.charCodeAt(i) & 31);
  return bits;
}

/**
 * Terms within `k` edits of `stem`: only those of a length within k are compared, and only
 * those that neither lack nor add more than k of its characters (as bits) are counted out.
 */
function withinEdits(field: FieldIndex, stem: string, k: number): number[] {
  const out: number[] = [];
  const mine = letterBits(stem);
  for (let len = stem.length - k; len <= stem.length + k; len++) {
    for (const t of field.byLength.get(len) ?? []) {
      const theirs = field.letters[t]!;
      if (popcount32(mine & ~theirs) > k || popcount32(theirs & ~mine) > k) continue;
      if (editsAtMost(stem, field.terms[t]!, k)) out.push(t);
    }
  }
  return out;
}

const row = new Int32Array(64);
const prevRow = new Int32Array(64);

/** Whether a and b are at most k edits apart (Levenshtein, stopping once a row is all above k). */
export function editsAtMost(a: string, b: string, k: number): boolean {
  if (Math.abs(a.length - b.length) > k) return false;
  if (a.length >= 63 || b.length >= 63) return false;
  for (let j = 0; j <= b.length; j++) prevRow[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let min = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prevRow[j]! + 1, row[j - 1]! + 1, prevRow[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = v;
      if (v < min) min = v;
    }
    if (min > k) return false;
    prevRow.set(row.subarray(0, b.length + 1));
  }
  return prevRow[b.length]! <= k;
}
