/**
 * The in-memory organisation index: its threshold algorithm finds the same best documents as
 * scoring every document would, and organisations changed since it was built are found as they
 * are now (memory-index.ts).
 */
import { describe, expect, it } from 'vitest';
import { TermIndex } from '../../graph/search/term-index.js';
import { MemorySearchIndex } from '../../graph/search/memory-index.js';

const WORDS = ['hemlöshet', 'hemlösa', 'stadsmission', 'stockholm', 'förening', 'föreningen', 'demens', 'äldre', 'kvinnojour', 'ungdom', 'idrott', 'kyrka', 'träffpunkt', 'södermalm', 'kista', 'rinkeby', 'stöd', 'hjälp', 'mat', 'boende'];

function corpus(n: number, seed: number): (string | null)[][] {
  let r = seed;
  const rnd = () => ((r = (r * 1103515245 + 12345) % 2147483648) / 2147483648);
  const words = (k: number) => Array.from({ length: k }, () => WORDS[Math.floor(rnd() * rnd() * WORDS.length)]!).join(' ');
  return Array.from({ length: n }, () => [words(1 + Math.floor(rnd() * 4)), rnd() < 0.2 ? null : words(3 + Math.floor(rnd() * 12))]);
}

describe('the term index', () => {
  it('finds the best documents that scoring every document finds, for words, prefixes, typos and several words', async () => {
    const texts = corpus(1500, 7);
    const index = await TermIndex.build(texts, [3, 1], { readAtMost: Infinity });
    const queries = ['hemlösa', 'hemlös', 'stock', 'Stockholm', 'föreningen', 'fören', 'demens Kista', 'äldre södermalm stöd', 'Stadsmision', 'kvinojour', 'hjälp', 'mat boende'];
    for (const q of queries) {
      const found = index.search(q, 25);
      expect(found.length, q).toBeGreaterThan(0);
      // Every document scored as the index scores one from outside it (same statistics), best first.
      const typos = index.searchPass(q, false, 10).length < 10;
      const all = texts.map((t, doc) => ({ doc, score: index.scoreAnalysed(index.analyse(t), q, typos).score })).filter((h) => h.score > 0);
      all.sort((a, b) => b.score - a.score || a.doc - b.doc);
      // The same scores in the same order (the index keeps weights in 32 bits), each its document's own.
      const best = all.slice(0, 25);
      expect(found).toHaveLength(best.length);
      const byDoc = new Map(all.map((h) => [h.doc, h.score]));
      found.forEach((h, i) => {
        expect(Math.abs(h.score - best[i]!.score), `${q} #${i}`).toBeLessThan(1e-4);
        expect(Math.abs(h.score - byDoc.get(h.doc)!), `${q} #${i}`).toBeLessThan(1e-4);
      });
    }
  });

  it('stops reading at its budget once it has a full page, keeping the best it has met', async () => {
    const texts = corpus(3000, 11);
    const exact = await TermIndex.build(texts, [3, 1], { readAtMost: Infinity });
    const bounded = await TermIndex.build(texts, [3, 1], { readAtMost: 200 });
    const a = exact.search('stöd hjälp', 50);
    const b = bounded.search('stöd hjälp', 50);
    expect(b).toHaveLength(50);
    // The first document read is the best of each word's best, so the top one survives any budget.
    expect(b[0]!.score).toBeLessThanOrEqual(a[0]!.score + 1e-9);
    expect(b.every((h, i) => i === 0 || h.score <= b[i - 1]!.score)).toBe(true);
  });
});

describe('the in-memory search index', () => {
  const doc = (id: string, search: string, description: string | null = null) => ({ id, search, description });

  it('finds organisations changed, added and removed since it was built as they are now', async () => {
    const index = await MemorySearchIndex.build([doc('org:a', 'stockholms stadsmission'), doc('org:b', 'convictus', 'stod till hemlosa'), doc('org:c', 'frelsningsarmen')], []);
    expect(index.search('stadsmission', 10).organisations.map((h) => h.id)).toEqual(['org:a']);
    index.update([
      ['org:a', doc('org:a', 'stockholms kvinnojour')],
      ['org:c', null],
      ['org:d', doc('org:d', 'stadsmissionens ungdom')],
    ]);
    expect(index.search('stadsmission', 10).organisations.map((h) => h.id)).toEqual(['org:d']);
    expect(index.search('kvinnojour', 10).organisations.map((h) => h.id)).toEqual(['org:a']);
    expect(index.search('frelsningsarmen', 10).organisations).toEqual([]);
    expect(index.search('hemlösa', 10).organisations.map((h) => h.id)).toEqual(['org:b']);
    expect(index.size).toBe(3);
  });
});
