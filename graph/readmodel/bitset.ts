/**
 * Sets of organisations as bits by rank (bit r is the organisation at position r of the
 * (name, id) order): a search intersects its conditions word by word and reads its page as the
 * first set bits after the cursor, instead of visiting tens of thousands of entries scattered
 * over the heap (a cache miss each).
 */

export type Bits = Uint32Array;

export function wordsFor(count: number): number {
  return Math.ceil(count / 32);
}

export function setBit(bits: Bits, i: number): void {
  bits[i >>> 5]! |= 1 << (i & 31);
}

export function clearBit(bits: Bits, i: number): void {
  bits[i >>> 5]! &= ~(1 << (i & 31));
}

/** Ors `from` into `into` (same length). */
export function orInto(into: Bits, from: Bits): void {
  for (let w = 0; w < into.length; w++) into[w]! |= from[w]!;
}

/** `into` becomes `a & b` (all the same length). */
export function andInto(into: Bits, a: Bits, b: Bits): void {
  for (let w = 0; w < into.length; w++) into[w] = a[w]! & b[w]!;
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function countBits(bits: Bits): number {
  let n = 0;
  for (let w = 0; w < bits.length; w++) if (bits[w] !== 0) n += popcount32(bits[w]!);
  return n;
}

/** Calls `visit` with each set bit's index from `from` on, in order, until it returns false. */
export function eachBit(bits: Bits, from: number, visit: (i: number) => boolean): void {
  if (from < 0) from = 0;
  for (let w = from >>> 5; w < bits.length; w++) {
    let word = bits[w]!;
    if (w === from >>> 5) word &= ~0 << (from & 31);
    while (word !== 0) {
      const low = word & -word;
      if (!visit((w << 5) + 31 - Math.clz32(low))) return;
      word ^= low;
    }
  }
}
