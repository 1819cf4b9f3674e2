/**
 * The messages between the main thread and the search index's worker (threaded-index.ts,
 * index-worker.ts), and the hits packed for the way back: a page of 300 hits as three typed
 * arrays rather than 300 objects to clone.
 */
import type { CatalogueKind, Hit, SearchHits } from './hits.js';
import type { CatalogueDoc, OrganisationDoc } from './memory-index.js';

export type IndexRequest =
  /** Organisations to build from, a slice at a time; then `build`. */
  | { type: 'docs'; docs: OrganisationDoc[] }
  | { type: 'build'; id: number; catalogue: CatalogueDoc[] }
  | { type: 'search'; id: number; text: string; limit: number }
  | { type: 'update'; id: number; changes: [string, OrganisationDoc | null][] }
  /** Ends the worker once everything asked before is answered. */
  | { type: 'close' };

/** An update answers how many organisations the index holds changed since its build (MemorySearchIndex.changed). */
export type IndexAnswer = { id: number; error: string } | { id: number; hits: PackedHits } | { id: number; done: true } | { id: number; changed: number };

/**
 * Organisation hits in order: the term index's by document number (`docs[i]` ≥ 0), the others
 * (changed since the index was built) by id, `ids` holding those in their order (-1 in `docs`).
 */
export interface PackedHits {
  docs: Int32Array;
  scores: Float64Array;
  words: Int32Array;
  ids: string[];
  catalogue: Record<CatalogueKind, Hit[]>;
}

export function packHits(hits: SearchHits): PackedHits {
  const n = hits.organisations.length;
  const out: PackedHits = { docs: new Int32Array(n), scores: new Float64Array(n), words: new Int32Array(n), ids: [], catalogue: hits.catalogue };
  hits.organisations.forEach((h, i) => {
    out.docs[i] = h.doc ?? -1;
    out.scores[i] = h.score;
    out.words[i] = h.words ?? 0;
    if (h.doc === undefined) out.ids.push(h.id);
  });
  return out;
}

/** The packed arrays' buffers, moved to the receiving thread rather than copied. */
export function transferOf(packed: PackedHits): ArrayBuffer[] {
  return [packed.docs.buffer, packed.scores.buffer, packed.words.buffer] as ArrayBuffer[];
}

/** The hits again, numbered by `ids` (the document numbers' ids, kept by the main thread). */
export function unpackHits(packed: PackedHits, ids: readonly string[], hit: (doc: number, score: number, words: number) => Hit): SearchHits {
  const organisations: Hit[] = [];
  let other = 0;
  for (let i = 0; i < packed.docs.length; i++) {
    const doc = packed.docs[i]!;
    organisations.push(doc >= 0 ? hit(doc, packed.scores[i]!, packed.words[i]!) : { id: packed.ids[other++]!, score: packed.scores[i]!, words: packed.words[i]! });
  }
  return { organisations, catalogue: packed.catalogue, numbering: ids };
}
