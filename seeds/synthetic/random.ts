/**
 * A small seeded PRNG (mulberry32) and the samplers the synthetic generator needs: uniform
 * integers, picks, shuffles, weighted draws (Vose alias table, or a cumulative array with binary
 * search), Zipf weights and bounded power laws. Everything is deterministic for a given seed and
 * stream; nothing here reads the clock or Math.random.
 */

/** A 32-bit mix of a seed and a stream number (murmur3 finaliser), so that streams are independent. */
export function mixSeed(seed: number, stream = 0): number {
  // Seeds may be any finite number: fold the high bits in, so 1 and 2**32 + 1 differ.
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let h = (lo ^ Math.imul(hi, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a string: a stable number derived from an id (used for seed-independent traits). */
export { hashString } from '../../graph/analytics/prng.js';
import { mulberry32 } from '../../graph/analytics/prng.js';

export class Random {
  private readonly draw: () => number;

  constructor(seed: number, stream = 0) {
    this.draw = mulberry32(mixSeed(seed, stream));
  }

  /** Uniform in [0, 1): the one PRNG of the code base (graph/analytics/prng.ts mulberry32). */
  next(): number {
    return this.draw();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max] (both inclusive). */
  range(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Fisher–Yates, in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** Standard normal (Box–Muller; one value per call, so the stream stays simple to reason about). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(N(mu, sigma)). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Log-uniform in [min, max): as many draws between 10k and 100k as between 100k and 1M. */
  logUniform(min: number, max: number): number {
    return min * Math.pow(max / min, this.next());
  }

  /**
   * Integer from a bounded power law (Pareto) on [min, max]: P(x) ~ x^-alpha, alpha > 1 gives a
   * heavy tail (most draws near min, a few near max).
   */
  powerLawInt(min: number, max: number, alpha: number): number {
    if (max <= min) return min;
    const a = 1 - alpha;
    const lo = Math.pow(min, a);
    const hi = Math.pow(max + 1, a);
    const x = Math.pow(lo + (hi - lo) * this.next(), 1 / a);
    return Math.min(max, Math.max(min, Math.floor(x)));
  }

  /** A new generator whose stream is derived from this one's next draw. */
  fork(stream: number): Random {
    return new Random(Math.floor(this.next() * 4294967296), stream);
  }
}

/** Zipf-like weights w[k] = 1 / (k + offset)^s for ranks k = 0..n-1. */
export function zipfWeights(n: number, s: number, offset = 1): Float64Array {
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) w[k] = 1 / Math.pow(k + offset, s);
  return w;
}

function checkWeights(weights: ArrayLike<number>): number {
  if (weights.length === 0) throw new RangeError('no weights');
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} is not a finite non-negative number`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError('weights sum to zero');
  return total;
}

/** Walker/Vose alias table: O(n) to build, O(1) and one random draw per sample. */
export class AliasTable {
  readonly size: number;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const total = checkWeights(weights);
    const n = weights.length;
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = ((weights[i] as number) * n) / total;
      if ((scaled[i] as number) < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns] as number;
      const l = large[--nl] as number;
      this.prob[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      if ((scaled[l] as number) < 1) small[ns++] = l;
      else large[nl++] = l;
    }
    while (nl > 0) {
      const l = large[--nl] as number;
      this.prob[l] = 1;
      this.alias[l] = l;
    }
    while (ns > 0) {
      // Only reached through rounding error.
      const s = small[--ns] as number;
      this.prob[s] = 1;
      this.alias[s] = s;
    }
  }

  sample(rng: Random): number {
    const u = rng.next() * this.size;
    const i = Math.floor(u);
    return u - i < (this.prob[i] as number) ? i : (this.alias[i] as number);
  }
}

/** Cumulative weights and binary search: O(log n) per sample, cheap to build for many small tables. */
export class CumulativeTable {
  readonly size: number;
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.total = checkWeights(weights);
    this.size = weights.length;
    this.cum = new Float64Array(weights.length);
    let acc = 0;
    for (let i = 0; i < weights.length; i++) {
      acc += weights[i] as number;
      this.cum[i] = acc;
    }
  }

  sample(rng: Random): number {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** A Zipf(s) sampler over ranks 0..n-1 (rank 0 the most frequent). */
export function zipfSampler(n: number, s: number, offset = 1): AliasTable {
  return new AliasTable(zipfWeights(n, s, offset));
}
