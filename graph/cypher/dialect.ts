/**
 * The few places where LadybugDB's and Neo4j's Cypher differ, as pairs. Statements use these
 * fragments instead of writing either dialect; everything else is the shared subset
 * (see README "Cypher subset").
 */
export type EngineKind = 'embedded' | 'neo4j';

export interface DialectPair {
  readonly embedded: string;
  readonly neo4j: string;
}

/** A fragment parametrised by a Cypher expression (never by user input: expressions are literals in statement files). */
export type DialectFn = (expr: string) => DialectPair;

export const dialect = {
  /**
   * Typed reads of fields of `UNWIND $rows` maps. LadybugDB types a field that is null in every
   * row as STRING and will not cast it implicitly; an explicit cast is a no-op on Neo4j's side.
   */
  asInt: ((e: string) => ({ embedded: `CAST(${e} AS INT64)`, neo4j: `toInteger(${e})` })) satisfies DialectFn,
  asDouble: ((e: string) => ({ embedded: `CAST(${e} AS DOUBLE)`, neo4j: `toFloat(${e})` })) satisfies DialectFn,
  asBool: ((e: string) => ({ embedded: `CAST(${e} AS BOOLEAN)`, neo4j: `toBoolean(${e})` })) satisfies DialectFn,
  /** A node's (single) label: LadybugDB's label(), Neo4j's first of labels(). */
  labelOf: ((e: string) => ({ embedded: `label(${e})`, neo4j: `labels(${e})[0]` })) satisfies DialectFn,
} as const;

export function pick(pair: DialectPair, engine: EngineKind): string {
  return engine === 'embedded' ? pair.embedded : pair.neo4j;
}
