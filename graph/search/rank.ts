/**
 * Ranks organisations for a text query from what the full-text indexes found, the same way on
 * both engines. An organisation is found by its own text (name, aliases, description) or by
 * being linked to a catalogue entry the query names (a target group, a district, a resource).
 *
 * First comes how many of the query's words an organisation accounts for, in its text or
 * through its links ("hemlösa Södermalm": serving homeless people AND active in Södermalm beats
 * either alone); then the score: its text's score scaled to the best hit, plus a weight per
 * kind of entry it is linked to; then (name, id), as lists are ordered. Each index's scores are
 * scaled to its best hit, so Lucene's and the in-memory index's BM25 agree in scale.
 *
 * This is the ranking from ids (the engine path, and tests); the read model ranks the same way
 * from its bits (graph/readmodel/text-rank.ts).
 */
import type { Token } from './analyze.js';
import type { SearchHits } from './hits.js';
import type { Meant } from './meant.js';
import { TopPage } from './page.js';
import { Tallies, hitWords, type LinkedEntry } from './tally.js';
import { popcount32 } from '../readmodel/bitset.js';
import { compareText } from '../text/order.js';

export interface Ranked {
  id: string;
  score: number;
  /** How many of the query's words it accounts for. */
  covered: number;
  /** The part of the score from its own text (0–1), and from each kind of entry it is linked to. */
  text: number;
  linked: LinkedEntry[];
}

/** An organisation by id with its name (for ties). */
export interface Named {
  id: string;
  name: string;
}

/**
 * The organisations' own hits (`names`: id → name) and those linked to each meant entry
 * (`linked`: entry id → organisations).
 */
export function tally(hits: SearchHits, meant: readonly Meant[], linked: ReadonlyMap<string, readonly Named[]>, query: readonly Token[], names: ReadonlyMap<string, string>): Tallies {
  const tallies = new Tallies(meant);
  const best = hits.organisations[0]?.score ?? 0;
  if (best > 0) {
    for (const h of hits.organisations) {
      const s = tallies.slot(h.id, names.get(h.id) ?? '');
      tallies.text[s] = h.score / best;
      tallies.words[s]! |= hitWords(h, query);
    }
  }
  meant.forEach((m, i) => {
    for (const o of linked.get(m.id) ?? []) tallies.mask[tallies.slot(o.id, o.name)]! |= 1 << i;
  });
  return tallies;
}

/**
 * The best `count` of the tallied organisations that `keep` (by slot; all when null), in order,
 * and how many it keeps in all.
 */
export function bestRanked(tallies: Tallies, keep: ((slot: number) => boolean) | null, count: number): { ranked: Ranked[]; total: number } {
  const { patterns } = tallies;
  const page = new TopPage(count, (a, b) => compareText(tallies.names[a]!, tallies.names[b]!) || compareText(tallies.ids[a]!, tallies.ids[b]!));
  let total = 0;
  for (let s = 0; s < tallies.size; s++) {
    if (keep && !keep(s)) continue;
    total += 1;
    const mask = tallies.mask[s]!;
    page.offer(s, popcount32(tallies.words[s]! | patterns.words[mask]!), tallies.text[s]! + patterns.score[mask]!);
  }
  const ranked = page.sorted().map(({ key: s, covered, score }) => ({ id: tallies.ids[s]!, score, covered, text: tallies.text[s]!, linked: patterns.linked(tallies.mask[s]!) }));
  return { ranked, total };
}

/** Every organisation found, ranked (tally, then bestRanked of all). */
export function rank(hits: SearchHits, meant: readonly Meant[], linked: ReadonlyMap<string, readonly Named[]>, query: readonly Token[], names: ReadonlyMap<string, string>): Ranked[] {
  const tallies = tally(hits, meant, linked, query, names);
  return bestRanked(tallies, null, tallies.size).ranked;
}
