/**
 * What a full-text search finds, engine-neutral: organisations by their own text, and catalogue
 * entries (target groups, districts, resource types) whose names the text mentions. Fields and
 * boosts are shared by the embedded index and Neo4j's full-text indexes.
 */
export type CatalogueKind = 'TargetGroup' | 'District' | 'ResourceType';
export const CATALOGUE_KINDS: readonly CatalogueKind[] = ['TargetGroup', 'District', 'ResourceType'];

import type { FieldSpec } from './analyze.js';

/**
 * Organisation fields searched, with their boosts (a name says more than a description):
 * `search` is the name and aliases folded (graph/text/fold.ts), the description as written.
 */
export const ORGANISATION_FIELDS: Readonly<Record<string, FieldSpec>> = { search: { boost: 3, folded: true }, description: { boost: 1, folded: false } };
/**
 * Catalogue fields searched: target groups' and districts' `search` (names in both languages
 * and everyday words, folded); resource types' names as written.
 */
export const CATALOGUE_FIELDS: Readonly<Record<string, FieldSpec>> = { search: { boost: 1, folded: true }, name: { boost: 1, folded: false }, nameEn: { boost: 1, folded: false } };

export interface Hit {
  id: string;
  score: number;
  /** The indexed text (folded names, description as written) that the ranking reads the matched words from, where `words` is not given. */
  text?: readonly (string | null)[];
  /** The query's words it was found by, as bits (bit i: the i-th word that is not a stop word), where the index says; else read from `text`. */
  words?: number;
  /** Its number in the index that found it (see SearchHits.numbering), where it has one. */
  doc?: number;
}

export interface SearchHits {
  organisations: Hit[];
  /** What the hits' `doc` numbers are numbers in (the same object while they mean the same organisations). */
  numbering?: object;
  catalogue: Record<CatalogueKind, Hit[]>;
}
