/**
 * Embedded engine: LadybugDB in-process, on disk. One writer at a time (LadybugDB allows a
 * single write transaction), concurrent readers on a small pool of connections, each read in
 * a read-only transaction so multi-statement reads see one snapshot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import type { Connection, Database, LbugValue, PreparedStatement, QueryResult } from '@ladybugdb/core';
import { Mutex, Semaphore } from 'async-mutex';
import { render, type Statement } from '../cypher/statement.js';
import { EngineError, GraphError, messageOf } from '../errors.js';
import type { GraphBatch } from '../bulk/batch.js';
import { bulkLoadEmbedded } from '../bulk/load-embedded.js';
import type { BulkLoadResult, EngineOptions, GraphEngine, SchemaDescription, Tx } from './port.js';
import { toLbugParams } from './embedded-params.js';
import { embeddedTableInfo } from '../schema/ddl.js';

export interface EmbeddedOptions extends EngineOptions {
  /** Directory of the store; created when missing. */
  dataDir: string;
  /** Reader connections (concurrent read transactions). */
  readers?: number;
  /** Buffer pool in bytes (LadybugDB defaults to most of the machine's memory). */
  bufferPoolBytes?: number;
}

const DB_FILE = 'samverkan.lbug';
/** Execution threads of an ordinary write transaction (bulk loads use them all). */
const WRITE_THREADS = 1;

/** One connection with its prepared-statement cache. */
class Conn {
  private readonly prepared = new Map<string, PreparedStatement>();
  constructor(readonly raw: Connection) {}

  async prepare(text: string, name: string): Promise<PreparedStatement> {
    let ps = this.prepared.get(text);
    if (!ps) {
      ps = await this.raw.prepare(text);
      if (!ps.isSuccess()) throw new EngineError(`statement ${name} does not compile: ${ps.getErrorMessage()}`, name);
      this.prepared.set(text, ps);
    }
    return ps;
  }

  async exec(text: string): Promise<Record<string, LbugValue>[]> {
    return rowsOf(await this.raw.query(text));
  }
}

async function rowsOf(result: QueryResult | QueryResult[]): Promise<Record<string, LbugValue>[]> {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  if (!last) return [];
  const rows = await last.getAll();
  if (Array.isArray(result)) for (const r of result) r.close();
  else result.close();
  return rows;
}

/** LadybugDB reports a second concurrent writer this way; it is safe to try again later. */
const RETRYABLE = /Only one write transaction at a time|Cannot start a new write transaction/i;
const NO_ACTIVE_TX = /No active transaction/i;

export class EmbeddedEngine implements GraphEngine {
  readonly kind = 'embedded' as const;
  private db!: Database;
  private writer!: Conn;
  private readersFree: Conn[] = [];
  private readerSlots!: Semaphore;
  private readonly writeLock = new Mutex();
  private closed = false;

  private constructor(private readonly options: EmbeddedOptions) {}

  static async open(options: EmbeddedOptions): Promise<EmbeddedEngine> {
    const engine = new EmbeddedEngine(options);
    await engine.openDatabase();
    return engine;
  }

  /** Path of the database file (for backups and tests). */
  get file(): string {
    return path.join(this.options.dataDir, DB_FILE);
  }

  private async openDatabase(): Promise<void> {
    fs.mkdirSync(this.options.dataDir, { recursive: true });
    const bufferPool = this.options.bufferPoolBytes ?? 2 * 1024 ** 3;
    this.db = new lbug.Database(this.file, bufferPool);
    await this.db.init();
    const connect = async (): Promise<Conn> => {
      const c = new lbug.Connection(this.db);
      await c.init();
      if (this.options.statementTimeoutMs) c.setQueryTimeout(this.options.statementTimeoutMs);
      return new Conn(c);
    };
    this.writer = await connect();
    const n = Math.max(1, this.options.readers ?? 4);
    this.readersFree = [];
    for (let i = 0; i < n; i++) this.readersFree.push(await connect());
    this.readerSlots = new Semaphore(n);
  }

  private async closeDatabase(): Promise<void> {
    for (const c of [this.writer, ...this.readersFree]) await c.raw.close();
    await this.db.close();
  }

  async read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.readerSlots.runExclusive(async () => {
      const conn = this.readersFree.pop();
      if (!conn) throw new EngineError('no reader connection free');
      try {
        return await this.inTransaction(conn, 'BEGIN TRANSACTION READ ONLY', work);
      } finally {
        this.readersFree.push(conn);
      }
    });
  }

  async write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    this.assertOpen();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.writeLock.runExclusive(() => {
          // Transactions are serialised and mostly small; a large one (an import) runs on one
          // execution thread so it never takes every core from the thread that answers requests.
          this.writer.raw.setMaxNumThreadForExec(WRITE_THREADS);
          return this.inTransaction(this.writer, 'BEGIN TRANSACTION', work);
        });
      } catch (error) {
        if (attempt < 4 && isRetryable(error)) {
          await sleep(20 * 2 ** attempt);
          continue;
        }
        throw error;
      }
    }
  }

  /** The store is this process's alone (LadybugDB locks its files): nobody else to wait for. */
  exclusively<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  /** COPY loads in one transaction: an interrupted one leaves nothing to recover. */
  async recoverBulkLoad(): Promise<'none'> {
    return 'none';
  }

  async bulkLoad(batch: GraphBatch): Promise<BulkLoadResult> {
    this.assertOpen();
    return this.writeLock.runExclusive(async () => {
      try {
        // A bulk load (COPY) is the one write that may use every core.
        this.writer.raw.setMaxNumThreadForExec(os.availableParallelism());
        return await bulkLoadEmbedded(batch, {
          exec: (text) => this.writer.exec(text),
          run: (statement, params) => this.execute(this.writer, statement, params),
        });
      } catch (error) {
        // A COPY that failed and was rolled back leaves LadybugDB 0.19 unable to run the next
        // COPY safely (observed: native abort). Reopening the database clears that state.
        await this.closeDatabase();
        await this.openDatabase();
        throw error;
      }
    });
  }

  async applySchema(statements: readonly string[]): Promise<void> {
    this.assertOpen();
    await this.writeLock.runExclusive(async () => {
      for (const text of statements) {
        try {
          await this.writer.exec(text);
        } catch (error) {
          throw new EngineError(`schema statement failed: ${text}: ${messageOf(error)}`, 'schema', { cause: error });
        }
      }
    });
  }

  async describe(): Promise<SchemaDescription> {
    const tables = new Map<string, Set<string>>();
    await this.readerSlots.runExclusive(async () => {
      const conn = this.readersFree.pop()!;
      try {
        for (const t of await conn.exec('CALL show_tables() RETURN name')) {
          const table = String(t['name']);
          const columns = await conn.exec(embeddedTableInfo(table));
          tables.set(table, new Set(columns.map((c) => String(c['name']))));
        }
      } finally {
        this.readersFree.push(conn);
      }
    });
    return { tables, indexes: new Set() };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Wait for the writer and every reader to finish what they are doing.
    await this.writeLock.acquire();
    const n = this.options.readers ?? 4;
    for (let i = 0; i < Math.max(1, n); i++) await this.readerSlots.acquire();
    await this.closeDatabase();
  }

  /**
   * Closes a store that is about to be deleted (a test's temporary store) without first folding
   * its write-ahead log into the database file, which closing otherwise does.
   */
  async discard(): Promise<void> {
    if (!this.closed) await this.writeLock.runExclusive(() => this.writer.exec('CALL force_checkpoint_on_close=false'));
    await this.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new EngineError('the graph store is closed');
  }

  /**
   * Runs `work` in one transaction on `conn`. LadybugDB ends a transaction by itself when a
   * statement in it fails, and would run later statements in auto-commit mode: so the first
   * failure poisons the Tx and every later `run` rethrows it.
   */
  private async inTransaction<T>(conn: Conn, begin: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    await conn.exec(begin);
    let failure: unknown;
    const tx: Tx = {
      run: async (statement, params) => {
        if (failure !== undefined) throw failure;
        try {
          return (await this.execute(conn, statement, params)) as never;
        } catch (error) {
          failure = error;
          throw error;
        }
      },
    };
    try {
      const result = await work(tx);
      if (failure !== undefined) throw failure;
      await conn.exec('COMMIT');
      return result;
    } catch (error) {
      try {
        await conn.exec('ROLLBACK');
      } catch (rollbackError) {
        if (!NO_ACTIVE_TX.test(messageOf(rollbackError))) throw rollbackError;
      }
      throw error;
    }
  }

  private async execute<P extends object, R>(conn: Conn, statement: Statement<P, R>, params: P): Promise<R[]> {
    const text = render(statement as Statement<never, unknown>, 'embedded');
    const started = performance.now();
    let rows: Record<string, LbugValue>[] = [];
    let ok = false;
    // jscpd:ignore-start — kept: both engines wrap a statement alike but differ mid error handling (Neo4j maps unique violations, lets the driver retry)
    try {
      const ps = await conn.prepare(text, statement.name);
      rows = await rowsOf(await conn.raw.execute(ps, toLbugParams(params as Record<string, unknown>)));
      ok = true;
      return rows as R[];
    } catch (error) {
      if (error instanceof GraphError) throw error;
      throw new EngineError(`statement ${statement.name} failed: ${messageOf(error)}`, statement.name, { cause: error });
    } finally {
      this.options.onStatement?.({ name: statement.name, ms: performance.now() - started, rows: rows.length, ok });
    }
    // jscpd:ignore-end
  }
}

function isRetryable(error: unknown): boolean {
  return RETRYABLE.test(messageOf(error));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
