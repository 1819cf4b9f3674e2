/**
 * The in-memory hit source keeps up with writes: a write while its index is first built neither
 * waits for the build nor is lost from it, and a store on Neo4j answers from the engine's own
 * index until the in-memory one is built. The engine here is a stand-in whose reads of the whole
 * collection wait for the test, so the order of events is the test's, not the scheduler's.
 */
import { describe, expect, it } from 'vitest';
import type { GraphEngine, Tx } from '../../graph/engines/port.js';
import { MemoryHits, type HitSource } from '../../graph/search/sources.js';
import type { SearchHits } from '../../graph/search/hits.js';

type Doc = { id: string; search: string | null; description: string | null };

/** Serves the search documents from `docs`; the full read is taken at once and answered at `release()`. */
function standIn(kind: 'embedded' | 'neo4j', docs: Map<string, Doc>) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const tx: Tx = {
    async run(statement, params) {
      const p = params as { ids?: string[]; after?: string };
      if (statement.name === 'searchDocuments.organisations') {
        // Read now, answered once released: a build that saw the store before a write.
        const rows = [...docs.values()].filter((d) => d.id > (p.after ?? '')).map((d) => ({ ...d }));
        await gate;
        return rows as never[];
      }
      if (statement.name === 'searchDocuments.organisationsByIds') return (p.ids ?? []).flatMap((id) => (docs.has(id) ? [{ ...docs.get(id)! }] : [])) as never[];
      return [];
    },
  };
  const engine = { kind, read: <T>(work: (t: Tx) => Promise<T>) => work(tx) } as unknown as GraphEngine;
  return { engine, release };
}

const ids = (h: SearchHits) => h.organisations.map((o) => o.id);

// The index in this thread, and in a worker thread (as from THREAD_FROM organisations).
describe.each([
  ['in this thread', {}],
  ['in a worker thread', { threadFrom: 0 }],
])('the in-memory hit source, its index %s', (_, options) => {
  it('applies a write made while its index is first built, without the write waiting for the build', async () => {
    const docs = new Map<string, Doc>([['org:a', { id: 'org:a', search: 'stockholms stadsmission', description: null }]]);
    const { engine, release } = standIn('embedded', docs);
    const hits = new MemoryHits(engine, null, options);
    const warm = hits.warm();
    docs.set('org:a', { id: 'org:a', search: 'stockholms kvinnojour', description: null });
    let written = false;
    await hits.changed([{ type: 'organisations', ids: ['org:a'] }]).then(() => (written = true));
    expect(written).toBe(true);
    release();
    await warm;
    expect(ids(await hits.hits('kvinnojour', 10))).toEqual(['org:a']);
    expect(ids(await hits.hits('stadsmission', 10))).toEqual([]);
    hits.close();
  });

  it("answers from the engine's own index until its own is built (a store on Neo4j that reads from memory)", async () => {
    const docs = new Map<string, Doc>([['org:a', { id: 'org:a', search: 'convictus', description: null }]]);
    const { engine, release } = standIn('neo4j', docs);
    const asked: string[] = [];
    const fallback: HitSource = {
      async hits(text) {
        asked.push(text);
        return { organisations: [{ id: 'org:from-neo4j', score: 1, text: [] }], catalogue: { TargetGroup: [], District: [], ResourceType: [] } };
      },
      async changed() {},
      async warm() {},
      close() {},
    };
    const hits = new MemoryHits(engine, fallback, options);
    expect(ids(await hits.hits('convictus', 10))).toEqual(['org:from-neo4j']);
    release();
    await hits.warm();
    expect(ids(await hits.hits('convictus', 10))).toEqual(['org:a']);
    expect(asked).toEqual(['convictus']);
    hits.close();
  });
});

describe('the in-memory hit source, its index in a worker thread that fails', () => {
  const threadOf = (hits: MemoryHits) => (hits as unknown as { built: { worker: { terminate(): Promise<number> } } }).built.worker;

  it('lets a write pass, refuses the search the failed thread owed, and builds anew at the next search', async () => {
    const docs = new Map<string, Doc>([['org:a', { id: 'org:a', search: 'stockholms stadsmission', description: null }]]);
    const { engine, release } = standIn('embedded', docs);
    release();
    const hits = new MemoryHits(engine, null, { threadFrom: 0 });
    await hits.warm();
    // A write that finds the thread gone is not refused for it.
    await threadOf(hits).terminate();
    docs.set('org:b', { id: 'org:b', search: 'stadsmissionens ungdom', description: null });
    await hits.changed([{ type: 'organisations', ids: ['org:b'] }]);
    expect(ids(await hits.hits('stadsmission', 10)).sort()).toEqual(['org:a', 'org:b']);
    // A search that finds it gone is refused, saying why; the next is answered by a new one.
    await threadOf(hits).terminate();
    await expect(hits.hits('stadsmission', 10)).rejects.toThrow(/thread ended/);
    expect(ids(await hits.hits('ungdom', 10))).toEqual(['org:b']);
    hits.close();
  });
});
