/**
 * The engine port: the only surface the rest of the application sees of a graph database.
 * Two adapters implement it: embedded LadybugDB (graph/engines/embedded.ts) and Neo4j
 * (graph/engines/neo4j.ts). Statements are named and parametrised (graph/cypher/statement.ts).
 */
import type { EngineKind } from '../cypher/dialect.js';
import type { Statement } from '../cypher/statement.js';
import type { GraphBatch } from '../bulk/batch.js';

export interface Tx {
  /** Runs one statement in this transaction and returns its rows. */
  run<P extends object, R>(statement: Statement<P, R>, params: P): Promise<R[]>;
}

export interface BulkLoadResult {
  nodes: number;
  relationships: number;
  ms: number;
}

export interface GraphEngine {
  readonly kind: EngineKind;
  /** A read transaction. Many may run at once. */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A write transaction: all of `work` commits or none of it does. Retried (with `work` run
   * again from the start) only where the engine says a retry is safe, so `work` must not have
   * side effects outside the transaction.
   */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Loads new nodes and relationships in one transaction by the engine's fastest path
   * (LadybugDB COPY, Neo4j UNWIND batches). Nodes must not exist yet; endpoints must.
   */
  bulkLoad(batch: GraphBatch): Promise<BulkLoadResult>;
  /**
   * Finishes or removes a bulk load that did not end (a killed process). Neo4j loads in batches
   * and journals each load; LadybugDB's COPY is one transaction, so there is never one to recover.
   * With `force`, a load still marked running is removed too (a restore into a store that must be empty).
   */
  recoverBulkLoad(options?: { force?: boolean }): Promise<'none' | 'published' | 'removed' | 'running'>;
  /**
   * Runs `work` while no other process holds the lock `name` on this database: start-up (schema,
   * migrations, seed, first admin) happens once when several servers start together. Neo4j: a
   * lock node written in a transaction held open meanwhile; embedded: the process owns the store.
   */
  exclusively<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Runs schema statements (DDL), one transaction each. Only graph/schema calls this. */
  applySchema(statements: readonly string[]): Promise<void>;
  /** Data-definition introspection used by migrations: existing tables/labels and their properties. */
  describe(): Promise<SchemaDescription>;
  close(): Promise<void>;
}

export interface SchemaDescription {
  /** Embedded: node and relationship tables with their property names. Neo4j: constraint and index names. */
  tables: Map<string, Set<string>>;
  indexes: Set<string>;
}

/** Options shared by the engines. */
export interface EngineOptions {
  /** Per-statement timeout in milliseconds (0 = none). */
  statementTimeoutMs?: number;
  /** Called after each statement: used by tests that count store round trips, and by logs. */
  onStatement?: (event: StatementEvent) => void;
}

export interface StatementEvent {
  name: string;
  ms: number;
  rows: number;
  ok: boolean;
}
