/**
 * The import's worker threads: an analysis runs off the event loop (timers keep firing while a
 * large file is validated), can be cancelled (its worker ends at once and the promise says so),
 * and the pool goes on serving analyses afterwards.
 */
import { describe, expect, it } from 'vitest';
import { analyseInWorker, ImportCancelled } from '../../graph/io/import/worker-pool.js';
import type { CatalogueData } from '../../graph/io/import/analyse.js';
import { orgNumber } from '../../bench/import/generate.js';

const catalogue: CatalogueData = {
  organisations: [{ id: 'org:a', name: 'Föreningen A', aliases: [], orgNumber: null }],
  targetGroups: [{ id: 'tg:aldre', name: 'Äldre', nameEn: 'Older people' }],
  districts: [{ id: 'd:kista', name: 'Kista', kind: 'STADSDEL' }],
  agreements: [],
  collaborations: [],
};

function file(rows: number): Uint8Array {
  const lines = ['Namn;Organisationsnummer;Målgrupp;Stadsdel'];
  for (let i = 0; i < rows; i++) lines.push(`Arbetarföreningen nummer ${i};${orgNumber(400_000 + i)};Äldre;Kista`);
  return new Uint8Array(Buffer.from(lines.join('\n'), 'utf8'));
}

describe('import worker pool', () => {
  it('analyses in a worker thread: the event loop keeps turning meanwhile', async () => {
    let ticks = 0;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 5);
    const answer = await analyseInWorker({ bytes: file(20_000), catalogue, options: {}, withPlan: true });
    clearInterval(timer);
    expect(answer.analysis!.counts.creates).toBe(20_000);
    expect(answer.analysis!.plan!.newGroups).toHaveLength(20_000);
    expect(answer.analysis!.plan!.freshLinks.targetGroups).toHaveLength(20_000);
    expect(ticks).toBeGreaterThan(5);
  });

  it('cancels an analysis at once, and serves the next', async () => {
    const stop = new AbortController();
    const running = analyseInWorker({ bytes: file(60_000), catalogue, options: {} }, { signal: stop.signal, onProgress: (p) => p.phase === 'validate' && stop.abort() });
    const started = performance.now();
    await expect(running).rejects.toBeInstanceOf(ImportCancelled);
    expect(performance.now() - started).toBeLessThan(30_000);
    const next = await analyseInWorker({ bytes: file(10), catalogue, options: {} });
    expect(next.analysis!.counts.creates).toBe(10);
    // A signal aborted before the job starts never starts one.
    await expect(analyseInWorker({ bytes: file(10), catalogue, options: {} }, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(ImportCancelled);
  });
});
