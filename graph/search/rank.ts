/**
 * Ranks organisations for a text query from what the full-text indexes found, the same way on
 * both engines. An organisation is found by its own text (name, aliases, description) or by
 * being linked to a catalogue entry the query names (a target group, a district, a resource).
 *
 * First comes how many of the query's words an organisation accounts for, in its text or
 * through its links ("hemlösa Södermalm": serving homeless people AND active in Södermalm beats
 * either alone); then the score: its text's score scaled to the best hit, plus a weight per
 * kind of entry it is linked to. Ties by id. Each index's scores are scaled to its best hit,
 * so Lucene's and MiniSearch's BM25 agree in scale.
 */
import { tokens, type Token } from './analyze.js';
import { matchKind } from './highlight.js';
import { CATALOGUE_KINDS, type CatalogueKind, type Hit, type SearchHits } from './hits.js';
import { Heap } from './heap.js';
import { WORD_BITS } from './term-index.js';

/** How much being linked to a named catalogue entry counts beside the best text match (1). */
export const LINK_WEIGHTS: Readonly<Record<CatalogueKind, number>> = { TargetGroup: 0.8, District: 0.6, ResourceType: 0.5 };
/** Catalogue hits weaker than this share of the best of their kind are not taken as meant. */
export const MEANT = 0.5;
/** At most this many catalogue entries of a kind are taken as meant. */
export const MEANT_PER_KIND = 3;

export interface Meant {
  kind: CatalogueKind;
  id: string;
  /** Its score scaled to the best of its kind. */
  weight: number;
  /** The query's words it names (their positions in the query's words). */
  words: number[];
}

export interface Ranked {
  id: string;
  score: number;
  /** How many of the query's words it accounts for. */
  covered: number;
  /** The part of the score from its own text (0–1), and from each kind of entry it is linked to. */
  text: number;
  linked: { kind: CatalogueKind; id: string; weight: number }[];
}

/** The query's words (stop words aside) that a text holds, as positions in `query`. */
export function wordsIn(texts: readonly (string | null)[], query: readonly Token[]): number[] {
  const found = new Set<number>();
  for (const text of texts) {
    if (!text) continue;
    for (const w of tokens(text)) query.forEach((q, i) => matchKind(q, w) !== null && found.add(i));
  }
  return [...found];
}

/**
 * The catalogue entries the query names, per kind: those that match a query word as written or
 * by prefix (a typo alone does not make a name meant), scored within half of the best.
 */
export function meantEntries(hits: SearchHits, query: readonly Token[]): Meant[] {
  const out: Meant[] = [];
  for (const [kind, list] of Object.entries(hits.catalogue) as [CatalogueKind, Hit[]][]) {
    const best = list[0]?.score ?? 0;
    if (best <= 0) continue;
    let taken = 0;
    for (const h of list) {
      if (taken >= MEANT_PER_KIND || h.score / best < MEANT) break;
      const words = namedWords(h.text, query);
      if (!words.length) continue;
      out.push({ kind, id: h.id, weight: h.score / best, words });
      taken++;
    }
  }
  return out;
}

function namedWords(texts: readonly (string | null)[], query: readonly Token[]): number[] {
  const found = new Set<number>();
  for (const text of texts) {
    if (!text) continue;
    for (const w of tokens(text)) {
      query.forEach((q, i) => {
        const kind = matchKind(q, w);
        if (kind === 'exact' || kind === 'prefix') found.add(i);
      });
    }
  }
  return [...found];
}

/** Query words counted per organisation (as bits, as the in-memory index gives them): a longer query's further words are not. */
const wordBits = (words: Iterable<number>) => {
  let bits = 0;
  for (const i of words) if (i < WORD_BITS) bits |= 1 << i;
  return bits;
};
const bitCount = (bits: number) => {
  let n = 0;
  for (let b = bits; b; b &= b - 1) n++;
  return n;
};

export interface Tally {
  id: string;
  text: number;
  words: number;
  /** The best meant entry of each kind it is linked to. */
  linked: Partial<Record<CatalogueKind, { kind: CatalogueKind; id: string; weight: number }>>;
}

/** The organisations found, each with its text score, words and links (see `tally`). */
export type Tallies = ReadonlyMap<string, Tally>;

/**
 * Combines the organisations' own hits with the organisations linked to each meant entry
 * (`linked`: entry id → organisation ids). Linked sets run to thousands, so each organisation is
 * one small record and its words a bit mask.
 */
export function tally(hits: SearchHits, meant: readonly Meant[], linked: ReadonlyMap<string, readonly string[]>, query: readonly Token[]): Tallies {
  const byId = new Map<string, Tally>();
  const entry = (id: string) => {
    let t = byId.get(id);
    if (!t) byId.set(id, (t = { id, text: 0, words: 0, linked: {} }));
    return t;
  };
  const best = hits.organisations[0]?.score ?? 0;
  if (best > 0) {
    for (const h of hits.organisations) {
      const t = entry(h.id);
      t.text = h.score / best;
      t.words |= h.words ?? wordBits(wordsIn(h.text, query));
    }
  }
  for (const m of meant) {
    const words = wordBits(m.words);
    // One entry of a kind counts (the best): "Södermalm" names a stadsdel and a stadsdelsområde.
    const weight = LINK_WEIGHTS[m.kind] * m.weight;
    for (const orgId of linked.get(m.id) ?? []) {
      const t = entry(orgId);
      t.words |= words;
      const same = t.linked[m.kind];
      if (!same || same.weight < weight) t.linked[m.kind] = { kind: m.kind, id: m.id, weight };
    }
  }
  return byId;
}

const rankedOf = (t: Tally): Ranked => {
  const links = CATALOGUE_KINDS.flatMap((k) => t.linked[k] ?? []);
  return { id: t.id, score: t.text + links.reduce((a, l) => a + l.weight, 0), covered: bitCount(t.words), text: t.text, linked: links };
};

/** Better first: more of the query's words, then the higher score, then the id. */
const before = (a: Ranked, b: Ranked) => b.covered - a.covered || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The best `count` of the tallied organisations that `keep` (all when null), in order, and how
 * many it keeps in all: a page needs its first few of thousands, found with a heap.
 */
export function bestRanked(tallies: Tallies, keep: ((id: string) => boolean) | null, count: number): { ranked: Ranked[]; total: number } {
  const heap = new Heap<Ranked>((a, b) => before(b, a));
  let total = 0;
  for (const t of tallies.values()) {
    if (keep && !keep(t.id)) continue;
    total += 1;
    if (count <= 0) continue;
    const r = rankedOf(t);
    if (heap.size < count) heap.push(r);
    else if (before(r, heap.peek()!) < 0) heap.replace(r);
  }
  return { ranked: heap.toArray().sort(before), total };
}

/** Every organisation found, ranked (tally, then bestRanked of all). */
export function rank(hits: SearchHits, meant: readonly Meant[], linked: ReadonlyMap<string, readonly string[]>, query: readonly Token[]): Ranked[] {
  const tallies = tally(hits, meant, linked, query);
  return bestRanked(tallies, null, tallies.size).ranked;
}
