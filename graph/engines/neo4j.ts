/**
 * Neo4j engine through neo4j-driver 6. Managed transactions (executeRead / executeWrite) so that
 * cluster routing works with neo4j:// URIs and the driver retries transient failures itself.
 * Every session shares one bookmark manager: a read that follows a write in this process waits
 * for that write on whichever cluster member serves it (read-your-writes, causal consistency).
 */
import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { render, type Statement } from '../cypher/statement.js';
import { EngineError, GraphError, UniqueValueError, messageOf } from '../errors.js';
import type { GraphBatch } from '../bulk/batch.js';
import { bulkLoadNeo4j, recoverNeo4jLoad } from '../bulk/load-neo4j.js';
import type { BulkLoadResult, EngineOptions, GraphEngine, SchemaDescription, Tx } from './port.js';

export interface Neo4jOptions extends EngineOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

export class Neo4jEngine implements GraphEngine {
  readonly kind = 'neo4j' as const;
  private readonly bookmarkManager: BookmarkManager = neo4j.bookmarkManager();
  private constructor(
    private readonly driver: Driver,
    private readonly options: Neo4jOptions,
  ) {}

  static async open(options: Neo4jOptions): Promise<Neo4jEngine> {
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      // Integers come back as JS numbers; our integers (epoch ms, counts) are within 2^53.
      disableLosslessIntegers: true,
      maxTransactionRetryTime: 15_000,
    });
    await driver.verifyConnectivity(options.database ? { database: options.database } : {});
    return new Neo4jEngine(driver, options);
  }

  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarkManager,
      ...(this.options.database ? { database: this.options.database } : {}),
    });
  }

  private txConfig() {
    return this.options.statementTimeoutMs ? { timeout: this.options.statementTimeoutMs } : undefined;
  }

  async read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.session('READ');
    try {
      return await session.executeRead((mtx) => work(this.wrap(mtx)), this.txConfig());
    } finally {
      await session.close();
    }
  }

  async write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.session('WRITE');
    try {
      return await session.executeWrite((mtx) => work(this.wrap(mtx)), this.txConfig());
    } finally {
      await session.close();
    }
  }

  async bulkLoad(batch: GraphBatch): Promise<BulkLoadResult> {
    return bulkLoadNeo4j(batch, this);
  }

  async exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
    await this.lockConstraint();
    const session = this.session('WRITE');
    const tx = session.beginTransaction();
    try {
      // The node's write lock is held until this transaction ends: other servers wait here.
      await tx.run('MERGE (l:SchemaMeta {id: $id}) SET l.appliedAt = $now', { id: `lock:${name}`, now: neo4j.int(Date.now()) });
      const result = await work();
      await tx.commit();
      return result;
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      throw error;
    } finally {
      await session.close();
    }
  }

  /** Lock nodes are unique by id: the constraint comes first (servers starting together may race to create it). */
  private async lockConstraint(): Promise<void> {
    const session = this.session('WRITE');
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await session.run('CREATE CONSTRAINT schema_meta_id_unique IF NOT EXISTS FOR (n:SchemaMeta) REQUIRE n.id IS UNIQUE');
          return;
        } catch (error) {
          const exists = (await session.run("SHOW CONSTRAINTS YIELD name WHERE name = 'schema_meta_id_unique' RETURN count(*) AS n")).records[0]?.get('n') as number;
          if (exists > 0) return;
          if (attempt >= 5) throw new EngineError(`could not create the lock constraint: ${messageOf(error)}`, 'schema', { cause: error });
          await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
        }
      }
    } finally {
      await session.close();
    }
  }

  recoverBulkLoad(options: { force?: boolean } = {}) {
    return recoverNeo4jLoad(this, options);
  }

  async applySchema(statements: readonly string[]): Promise<void> {
    const session = this.session('WRITE');
    try {
      // Schema commands cannot share a transaction with other statements: one auto-commit each.
      for (const text of statements) await session.run(text);
    } catch (error) {
      throw new EngineError(`schema statement failed: ${messageOf(error)}`, 'schema', { cause: error });
    } finally {
      await session.close();
    }
  }

  async describe(): Promise<SchemaDescription> {
    const session = this.session('READ');
    try {
      const indexes = new Set<string>();
      for (const r of (await session.run('SHOW INDEXES YIELD name RETURN name')).records) indexes.add(String(r.get('name')));
      for (const r of (await session.run('SHOW CONSTRAINTS YIELD name RETURN name')).records) indexes.add(String(r.get('name')));
      return { tables: new Map(), indexes };
    } finally {
      await session.close();
    }
  }

  /** The bookmarks every new session waits for: those of this process's latest writes. */
  async bookmarks(): Promise<string[]> {
    return [...(await this.bookmarkManager.getBookmarks())];
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private wrap(mtx: ManagedTransaction): Tx {
    return {
      run: async <P extends object, R>(statement: Statement<P, R>, params: P): Promise<R[]> => {
        const text = render(statement as Statement<never, unknown>, 'neo4j');
        const started = performance.now();
        let rows: R[] = [];
        let ok = false;
        // jscpd:ignore-start — kept: both engines wrap a statement alike but differ mid error handling (Neo4j maps unique violations, lets the driver retry)
        try {
          const result = await mtx.run(text, toNeo4jParams(params as Record<string, unknown>));
          rows = result.records.map((r) => fromNeo4j(r.toObject()) as R);
          ok = true;
          return rows;
        } catch (error) {
          if (error instanceof GraphError) throw error;
          const unique = uniqueViolation(error);
          if (unique) throw unique;
          // Let the driver see its own errors: it decides which are transient and retries those.
          if (error instanceof neo4j.Neo4jError && neo4j.isRetryableError(error)) throw error;
          throw new EngineError(`statement ${statement.name} failed: ${messageOf(error)}`, statement.name, { cause: error });
        } finally {
          this.options.onStatement?.({ name: statement.name, ms: performance.now() - started, rows: rows.length, ok });
        }
        // jscpd:ignore-end
      },
    };
  }
}

/** Neo4j's uniqueness constraint refusing a write, as the typed error (its message names label and property). */
function uniqueViolation(error: unknown): UniqueValueError | null {
  if (!(error instanceof neo4j.Neo4jError) || error.code !== 'Neo.ClientError.Schema.ConstraintValidationFailed') return null;
  const m = /label `([^`]+)` and property `([^`]+)`/.exec(error.message);
  return m ? new UniqueValueError(m[1]!, m[2]!) : null;
}

/** JS numbers that are integers travel as Neo4j integers (LIMIT, SKIP and INT64 properties need that). */
export function toNeo4jParams(value: Record<string, unknown>): Record<string, unknown> {
  return convert(value) as Record<string, unknown>;
}

function convert(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return neo4j.int(v);
  if (Array.isArray(v)) return v.map(convert);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = convert(x);
    return o;
  }
  return v;
}

function fromNeo4j(v: unknown): unknown {
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  if (Array.isArray(v)) return v.map(fromNeo4j);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = fromNeo4j(x);
    return o;
  }
  return v;
}
