/** Latency statistics for benchmarks: medians and percentiles of measured samples. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function latency(samplesMs: number[]): Latency {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1] ?? NaN) };
}

export async function measure(samples: number, run: (i: number) => Promise<unknown>, warmup = 10): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  return latency(times);
}

/**
 * In-process latency of `run(i)` for i = 0 … count-1, `concurrency` callers at a time, after
 * `warmup` calls one by one (not measured).
 */
export async function measureConcurrently(concurrency: number, count: number, run: (i: number) => Promise<unknown>, warmup = 10): Promise<Latency> {
  for (let i = 0; i < Math.min(warmup, count); i++) await run(i);
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t = performance.now();
        await run(i);
        times.push(performance.now() - t);
      }
    }),
  );
  return latency(times);
}
