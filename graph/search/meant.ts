/**
 * The catalogue entries a query names ("hemlösa Södermalm": the target group of homeless people
 * and the district Södermalm): offered as filters, and their organisations ranked with what the
 * text finds (rank.ts).
 */
import { tokens, type Token } from './analyze.js';
import { matchKind } from './highlight.js';
import type { CatalogueKind, Hit, SearchHits } from './hits.js';

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
      const words = namedWords(h.text ?? [], query);
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
