/**
 * The search index in a worker thread answers as the same index in this thread does: the same
 * organisations, scores, words matched and catalogue entries, before and after updates; it is
 * numbered by the ids this thread keeps; it keeps a script alive while it owes an answer, and
 * not after; and once closed or failed it refuses, saying why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySearchIndex, type CatalogueDoc, type OrganisationDoc } from '../../graph/search/memory-index.js';
import { ThreadedSearchIndex } from '../../graph/search/threaded-index.js';
import type { SearchHits } from '../../graph/search/hits.js';

const WORDS = ['hemlöshet', 'hemlösa', 'stadsmission', 'stockholm', 'förening', 'föreningen', 'demens', 'äldre', 'kvinnojour', 'ungdom', 'idrott', 'kyrka', 'träffpunkt', 'stöd', 'hjälp', 'mat', 'boende'];

function organisations(n: number, seed: number): OrganisationDoc[] {
  let r = seed;
  const rnd = () => ((r = (r * 1103515245 + 12345) % 2147483648) / 2147483648);
  const words = (k: number) => Array.from({ length: k }, () => WORDS[Math.floor(rnd() * rnd() * WORDS.length)]!).join(' ');
  return Array.from({ length: n }, (_, i) => ({ id: `org:${String(i).padStart(5, '0')}`, search: words(1 + Math.floor(rnd() * 4)), description: rnd() < 0.2 ? null : words(3 + Math.floor(rnd() * 12)) }));
}

const catalogue: CatalogueDoc[] = [
  { id: 'tg:homeless', kind: 'TargetGroup', search: 'hemlösa hemlöshet', name: 'Hemlösa', nameEn: 'Homeless people' },
  { id: 'd:kista', kind: 'District', search: 'kista', name: 'Kista', nameEn: null },
];

/** Everything a caller reads of hits, with ids read through the hits' numbering. */
const plain = (h: SearchHits) => ({
  organisations: h.organisations.map((o) => ({ id: o.id, score: o.score, words: o.words, doc: o.doc })),
  catalogue: h.catalogue,
});

const QUERIES = ['hemlösa', 'hemlös', 'stock', 'Stockholm', 'fören', 'demens Kista', 'äldre stöd hjälp', 'Stadsmision', 'kvinojour', 'mat boende', 'och'];

const open: ThreadedSearchIndex[] = [];
afterEach(() => {
  for (const index of open.splice(0)) index.close();
});

describe('the search index in a worker thread', () => {
  it('finds what the index in this thread finds, before and after updates', async () => {
    const docs = organisations(25_000, 3);
    const here = await MemorySearchIndex.build(docs, catalogue);
    const there = await ThreadedSearchIndex.build(docs, catalogue);
    open.push(there);
    for (const q of QUERIES) {
      const a = here.search(q, 300);
      const b = await there.search(q, 300);
      expect(plain(b), q).toEqual(plain(a));
    }
    const hits = await there.search('stadsmission', 5);
    expect(hits.organisations).toHaveLength(5);
    expect(hits.numbering).toBe((await there.search('hemlösa', 1)).numbering);

    const changes: [string, OrganisationDoc | null][] = [
      ['org:00001', { id: 'org:00001', search: 'stadsmission stadsmission stadsmission', description: 'stadsmission' }],
      ['org:00002', null],
      ['org:99999', { id: 'org:99999', search: 'kvinnojour kista', description: null }],
    ];
    here.update(changes);
    await there.update(changes);
    expect(there.changed).toBe(here.changed);
    for (const q of [...QUERIES, 'stadsmission']) expect(plain(await there.search(q, 300)), q).toEqual(plain(here.search(q, 300)));
    expect((await there.search('stadsmission', 1)).organisations.map((h) => h.id)).toEqual(['org:00001']);
  });

  it('refuses once closed, and says so once its thread has failed', async () => {
    const docs = organisations(100, 5);
    const closed = await ThreadedSearchIndex.build(docs, []);
    const pending = closed.search('hemlösa', 10);
    closed.close();
    // Asked before it was closed: answered.
    expect((await pending).organisations.length).toBeGreaterThan(0);
    await expect(closed.search('hemlösa', 10)).rejects.toThrow(/closed/);

    const failing = await ThreadedSearchIndex.build(docs, []);
    open.push(failing);
    await (failing as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(failing.search('hemlösa', 10)).rejects.toThrow(/thread ended/);
    expect(failing.broken).toBe(true);
  });

  it('keeps a process alive while it owes an answer, and lets it end after', () => {
    const module = pathToFileURL(fileURLToPath(new URL('../../graph/search/threaded-index.ts', import.meta.url))).href;
    const script = `
      const { ThreadedSearchIndex } = await import(${JSON.stringify(module)});
      const index = await ThreadedSearchIndex.build([{ id: 'org:a', search: 'stockholms stadsmission', description: null }], []);
      await new Promise((r) => setTimeout(r, 50));
      const hits = await index.search('stadsmission', 10);
      console.log(JSON.stringify(hits.organisations.map((h) => h.id)));`;
    // Ends by itself (the index never closed): the test would time out otherwise.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-thread-'));
    try {
      fs.writeFileSync(path.join(dir, 'search.mjs'), script);
      const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(dir, 'search.mjs')], { encoding: 'utf8', timeout: 20_000 });
      expect(out.trim()).toBe('["org:a"]');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
