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
import type { CatalogueKind, Hit, SearchHits } from './hits.js';

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

/** Combines the organisations' own hits with the organisations linked to each meant entry (`linked`: entry id → organisation ids). */
export function rank(hits: SearchHits, meant: readonly Meant[], linked: ReadonlyMap<string, readonly string[]>, query: readonly Token[]): Ranked[] {
  const byId = new Map<string, Ranked & { words: Set<number> }>();
  const entry = (id: string) => {
    let r = byId.get(id);
    if (!r) byId.set(id, (r = { id, score: 0, covered: 0, text: 0, linked: [], words: new Set() }));
    return r;
  };
  const best = hits.organisations[0]?.score ?? 0;
  if (best > 0) {
    for (const h of hits.organisations) {
      const r = entry(h.id);
      r.text = h.score / best;
      for (const i of wordsIn(h.text, query)) r.words.add(i);
    }
  }
  for (const m of meant) {
    for (const orgId of linked.get(m.id) ?? []) {
      const r = entry(orgId);
      for (const i of m.words) r.words.add(i);
      // One entry of a kind counts (the best): "Södermalm" names a stadsdel and a stadsdelsområde.
      const weight = LINK_WEIGHTS[m.kind] * m.weight;
      const same = r.linked.find((l) => l.kind === m.kind);
      if (!same) r.linked.push({ kind: m.kind, id: m.id, weight });
      else if (same.weight < weight) Object.assign(same, { id: m.id, weight });
    }
  }
  const out = [...byId.values()].map(({ words, ...r }) => ({ ...r, covered: words.size, score: r.text + r.linked.reduce((a, l) => a + l.weight, 0) }));
  return out.sort((a, b) => b.covered - a.covered || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
