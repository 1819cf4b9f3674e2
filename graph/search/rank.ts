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

/**
 * One organisation found: its text score, the query's words it accounts for (bits) and, per kind
 * of catalogue entry, the best meant entry of that kind it is linked to (an index into the meant
 * entries, -1 for none). Plain numbers: thousands are tallied per search.
 */
export interface Tally {
  id: string;
  text: number;
  words: number;
  targetGroup: number;
  district: number;
  resourceType: number;
}

/** The organisations found (see `tally`), with the meant entries their links point into. */
export interface Tallies {
  readonly byId: ReadonlyMap<string, Tally>;
  readonly meant: readonly Meant[];
  /** Each meant entry's weight as a link: its kind's weight times its own. */
  readonly weights: Float64Array;
}

const KIND_FIELD = { TargetGroup: 'targetGroup', District: 'district', ResourceType: 'resourceType' } as const satisfies Record<CatalogueKind, keyof Tally>;

/**
 * Combines the organisations' own hits with the organisations linked to each meant entry
 * (`linked`: entry id → organisation ids). Linked sets run to thousands, so each organisation is
 * one small record of numbers and its words a bit mask.
 */
export function tally(hits: SearchHits, meant: readonly Meant[], linked: ReadonlyMap<string, readonly string[]>, query: readonly Token[]): Tallies {
  const byId = new Map<string, Tally>();
  const entry = (id: string) => {
    let t = byId.get(id);
    if (!t) byId.set(id, (t = { id, text: 0, words: 0, targetGroup: -1, district: -1, resourceType: -1 }));
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
  // One entry of a kind counts (the best): "Södermalm" names a stadsdel and a stadsdelsområde.
  const weights = Float64Array.from(meant, (m) => LINK_WEIGHTS[m.kind] * m.weight);
  meant.forEach((m, i) => {
    const words = wordBits(m.words);
    const field = KIND_FIELD[m.kind];
    const weight = weights[i]!;
    for (const orgId of linked.get(m.id) ?? []) {
      const t = entry(orgId);
      t.words |= words;
      const same = t[field];
      if (same < 0 || weights[same]! < weight) t[field] = i;
    }
  });
  return { byId, meant, weights };
}

/** An organisation's place in the ranking, worked out without building its answer. */
interface Standing {
  t: Tally;
  covered: number;
  score: number;
}

/** The tally's field of each kind, in CATALOGUE_KINDS order. */
const KIND_FIELDS = CATALOGUE_KINDS.map((k) => KIND_FIELD[k]);

/** The links' weights summed in CATALOGUE_KINDS order, then added to the text's score. */
function scoreOf(tallies: Tallies, t: Tally): number {
  let links = 0;
  for (const field of KIND_FIELDS) if (t[field] >= 0) links += tallies.weights[t[field]]!;
  return t.text + links;
}

/** Better first: more of the query's words, then the higher score, then the id (negative when a goes first). */
const order = (aCovered: number, aScore: number, aId: string, bCovered: number, bScore: number, bId: string) => bCovered - aCovered || bScore - aScore || (aId < bId ? -1 : aId > bId ? 1 : 0);
const before = (a: Standing, b: Standing) => order(a.covered, a.score, a.t.id, b.covered, b.score, b.t.id);

function rankedOf(tallies: Tallies, s: Standing): Ranked {
  const linked = CATALOGUE_KINDS.flatMap((k) => {
    const i = s.t[KIND_FIELD[k]];
    return i >= 0 ? [{ kind: k, id: tallies.meant[i]!.id, weight: tallies.weights[i]! }] : [];
  });
  return { id: s.t.id, score: s.score, covered: s.covered, text: s.t.text, linked };
}

/**
 * The best `count` of the tallied organisations that `keep` (all when null), in order, and how
 * many it keeps in all: a page needs its first few of thousands, found with a heap.
 */
export function bestRanked(tallies: Tallies, keep: ((id: string) => boolean) | null, count: number): { ranked: Ranked[]; total: number } {
  const heap = new Heap<Standing>((a, b) => before(b, a));
  let total = 0;
  for (const t of tallies.byId.values()) {
    if (keep && !keep(t.id)) continue;
    total += 1;
    if (count <= 0) continue;
    const covered = bitCount(t.words);
    const score = scoreOf(tallies, t);
    if (heap.size < count) {
      heap.push({ t, covered, score });
      continue;
    }
    // Only an organisation that goes before the page's last so far is kept (no record for the others).
    const last = heap.peek()!;
    if (order(covered, score, t.id, last.covered, last.score, last.t.id) < 0) heap.replace({ t, covered, score });
  }
  return { ranked: heap.toArray().sort(before).map((s) => rankedOf(tallies, s)), total };
}

/** Every organisation found, ranked (tally, then bestRanked of all). */
export function rank(hits: SearchHits, meant: readonly Meant[], linked: ReadonlyMap<string, readonly string[]>, query: readonly Token[]): Ranked[] {
  const tallies = tally(hits, meant, linked, query);
  return bestRanked(tallies, null, tallies.byId.size).ranked;
}
