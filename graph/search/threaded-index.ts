/**
 * The search index in a worker thread: at 250,000 organisations a text search spends most of its
 * millisecond in the term index, and there it runs beside the requests the main thread is
 * answering (parsing, the read model's ranking, GraphQL), on the machine's other core. The main
 * thread keeps the organisations' ids by document number, so hits come back as numbers.
 *
 * Requests are answered in the order sent. If the worker fails, every request waiting on it, and
 * every later one, is refused with the reason, and `broken` says so (the caller builds anew).
 */
import type { Worker } from 'node:worker_threads';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { tsWorker } from '../threads/ts-worker.js';
import type { SearchHits } from './hits.js';
import { DocHit, type CatalogueDoc, type OrganisationDoc, type SearchIndex } from './memory-index.js';
import { unpackHits, type IndexAnswer, type IndexRequest, type PackedHits } from './index-protocol.js';

const MODULE = new URL('./index-worker.ts', import.meta.url);
/** Organisations sent to the worker per message while building (each message is cloned on this thread). */
const SLICE = 10_000;

type Waiting = { resolve: (answer: IndexAnswer) => void; reject: (e: Error) => void };

export class ThreadedSearchIndex implements SearchIndex {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private failure: Error | null = null;
  private closed = false;
  /** MemorySearchIndex.changed in the worker, as its last update answered. */
  private changedThere = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly ids: readonly string[],
  ) {
    worker.on('message', (answer: IndexAnswer) => {
      const w = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (!this.waiting.size) worker.unref();
      w?.resolve(answer);
    });
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(this.closed ? 'the search index was closed' : `the search index's thread ended (exit code ${code})`)));
    // It keeps the process alive only while it owes an answer (ask); close() ends it.
    worker.unref();
  }

  /** Built in a new worker thread; the organisations are sent a slice at a time, so the event loop is never held for long. */
  static async build(organisations: Iterable<OrganisationDoc>, catalogue: Iterable<CatalogueDoc>): Promise<ThreadedSearchIndex> {
    const docs = [...organisations];
    const index = new ThreadedSearchIndex(tsWorker(MODULE), docs.map((d) => d.id));
    try {
      for (let at = 0; at < docs.length; at += SLICE) {
        index.post({ type: 'docs', docs: docs.slice(at, at + SLICE) });
        await yieldToLoop();
      }
      await index.ask((id) => ({ type: 'build', id, catalogue: [...catalogue] }));
      return index;
    } catch (e) {
      index.close();
      throw e;
    }
  }

  get changed(): number {
    return this.changedThere;
  }

  /** Whether close() was called: nothing more is asked. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Whether the worker has failed: nothing more will be answered. */
  get broken(): boolean {
    return this.failure !== null && !this.closed;
  }

  async search(text: string, limit: number): Promise<SearchHits> {
    const answer = await this.ask((id) => ({ type: 'search', id, text, limit }));
    const { ids } = this;
    return unpackHits((answer as { hits: PackedHits }).hits, ids, (doc, score, words) => new DocHit(ids, doc, score, words));
  }

  async update(changes: Iterable<[id: string, doc: OrganisationDoc | null]>): Promise<void> {
    const list = [...changes];
    const answer = await this.ask((id) => ({ type: 'update', id, changes: list }));
    this.changedThere = (answer as { changed: number }).changed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.failure) this.post({ type: 'close' });
  }

  private post(request: IndexRequest): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(request);
  }

  private async ask(request: (id: number) => IndexRequest): Promise<IndexAnswer> {
    if (this.closed) throw new Error('the search index was closed');
    const id = this.nextId++;
    const answer = await new Promise<IndexAnswer>((resolve, reject) => {
      if (!this.waiting.size) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      try {
        this.post(request(id));
      } catch (e) {
        this.waiting.delete(id);
        if (!this.waiting.size) this.worker.unref();
        reject(e as Error);
      }
    });
    if ('error' in answer) throw new Error(answer.error);
    return answer;
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }
}
