/**
 * What one text search found, per organisation: its own text's score, the query's words it
 * accounts for, and the meant entries (meant.ts) it is linked to as a mask. What a mask of links
 * is worth (its words, its score, the best entry of each kind) is worked out once per search for
 * every mask (LinkPatterns: at most 2^9), so the thousands linked to "hemlösa" and "Uppsala" are
 * each a few numbers, and the read model can rank them a word of bits at a time
 * (graph/readmodel/text-rank.ts).
 */
import { tokens, type Token } from './analyze.js';
import { matchKind } from './highlight.js';
import { CATALOGUE_KINDS, type CatalogueKind, type Hit } from './hits.js';
import type { Meant } from './meant.js';
import { WORD_BITS } from './term-index.js';

/** How much being linked to a named catalogue entry counts beside the best text match (1). */
export const LINK_WEIGHTS: Readonly<Record<CatalogueKind, number>> = { TargetGroup: 0.8, District: 0.6, ResourceType: 0.5 };

const KINDS = CATALOGUE_KINDS.length;

/** Query words counted per organisation as bits, as the in-memory index gives them: a longer query's further words are not. */
export function wordBits(words: Iterable<number>): number {
  let bits = 0;
  for (const i of words) if (i < WORD_BITS) bits |= 1 << i;
  return bits;
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

/** A text hit's words as bits: as the index gave them, else read from its text. */
export const hitWords = (h: Hit, query: readonly Token[]) => h.words ?? wordBits(wordsIn(h.text ?? [], query));

export interface LinkedEntry {
  kind: CatalogueKind;
  id: string;
  weight: number;
}

/**
 * Per mask of meant entries (bit i: linked to meant[i]): the query's words those links account
 * for, and their score: per kind, the weight of its best entry ("Södermalm" names a stadsdel and
 * a stadsdelsområde; one counts), summed in CATALOGUE_KINDS order.
 */
export class LinkPatterns {
  readonly words: Int32Array;
  readonly score: Float64Array;
  /** Per mask and kind, the meant entry that counts (-1: none). */
  private readonly best: Int16Array;
  private readonly weights: Float64Array;

  constructor(readonly meant: readonly Meant[]) {
    const size = 1 << meant.length;
    this.weights = Float64Array.from(meant, (m) => LINK_WEIGHTS[m.kind] * m.weight);
    const kind = meant.map((m) => CATALOGUE_KINDS.indexOf(m.kind));
    const words = meant.map((m) => wordBits(m.words));
    this.words = new Int32Array(size);
    this.score = new Float64Array(size);
    this.best = new Int16Array(size * KINDS).fill(-1);
    for (let mask = 1; mask < size; mask++) {
      for (let i = 0; i < meant.length; i++) {
        if (!(mask & (1 << i))) continue;
        this.words[mask]! |= words[i]!;
        const at = mask * KINDS + kind[i]!;
        const same = this.best[at]!;
        if (same < 0 || this.weights[same]! < this.weights[i]!) this.best[at] = i;
      }
      let links = 0;
      for (let k = 0; k < KINDS; k++) {
        const m = this.best[mask * KINDS + k]!;
        if (m >= 0) links += this.weights[m]!;
      }
      this.score[mask] = links;
    }
  }

  /** The entries that count for a mask, one per kind at most, in CATALOGUE_KINDS order. */
  linked(mask: number): LinkedEntry[] {
    const out: LinkedEntry[] = [];
    for (let k = 0; k < KINDS; k++) {
      const m = this.best[mask * KINDS + k]!;
      if (m >= 0) out.push({ kind: CATALOGUE_KINDS[k]!, id: this.meant[m]!.id, weight: this.weights[m]! });
    }
    return out;
  }
}

/** The organisations found, one slot each, keyed by id (the engine path, where linked organisations come as ids with their names). */
export class Tallies {
  readonly patterns: LinkPatterns;
  readonly ids: string[] = [];
  readonly names: string[] = [];
  /** Per slot: its own text's score scaled to the best text hit (0–1), the words its text accounts for, and its links' mask. */
  readonly text: number[] = [];
  readonly words: number[] = [];
  readonly mask: number[] = [];
  private readonly slots = new Map<string, number>();

  constructor(meant: readonly Meant[]) {
    this.patterns = new LinkPatterns(meant);
  }

  get size(): number {
    return this.ids.length;
  }

  slot(id: string, name: string): number {
    let s = this.slots.get(id);
    if (s === undefined) {
      s = this.ids.push(id) - 1;
      this.slots.set(id, s);
      this.names.push(name);
      this.text.push(0);
      this.words.push(0);
      this.mask.push(0);
    }
    return s;
  }
}
