/**
 * Named Cypher statements. Every statement the application runs is declared with
 * `defineStatement` in graph/cypher/statements/, so tests can execute each one on the embedded
 * engine and lint its Neo4j form. User input only ever travels as parameters.
 */
import { pick, type DialectPair, type EngineKind } from './dialect.js';

/** A piece of a statement: shared text, or a dialect pair. */
export type CypherPart = string | DialectPair;

export interface Statement<P extends object = Record<string, unknown>, R = Record<string, unknown>> {
  readonly name: string;
  /** Read statements run in read transactions (concurrent); writes in write transactions (serialised). */
  readonly mode: 'read' | 'write';
  readonly parts: readonly CypherPart[];
  /** Example parameters: used by the statement tests and the linter's parameter list. */
  readonly example: P;
  /** Phantom type of one result row. */
  readonly __row?: R;
}

export function defineStatement<P extends object, R = Record<string, unknown>>(def: {
  name: string;
  mode: 'read' | 'write';
  cypher: readonly CypherPart[] | string;
  example: P;
}): Statement<P, R> {
  const parts = typeof def.cypher === 'string' ? [def.cypher] : def.cypher;
  return { name: def.name, mode: def.mode, parts, example: def.example };
}

/** Template tag that keeps dialect pairs apart: cypher`UNWIND $rows AS r SET n.x = ${dialect.asInt('r.x')}`. */
export function cypher(strings: TemplateStringsArray, ...pairs: DialectPair[]): CypherPart[] {
  const parts: CypherPart[] = [];
  strings.forEach((s, i) => {
    parts.push(s);
    const pair = pairs[i];
    if (pair) parts.push(pair);
  });
  return parts;
}

const rendered = new WeakMap<Statement<never, unknown>, Partial<Record<EngineKind, string>>>();

export function render(statement: Statement<never, unknown>, engine: EngineKind): string {
  let cache = rendered.get(statement);
  if (!cache) rendered.set(statement, (cache = {}));
  return (cache[engine] ??= statement.parts.map((p) => (typeof p === 'string' ? p : pick(p, engine))).join(''));
}

export type ParamsOf<S> = S extends Statement<infer P, unknown> ? P : never;
export type RowOf<S> = S extends Statement<object, infer R> ? R : never;
