/**
 * The first `size` of a ranking, kept while thousands go by: better first by more of the query's
 * words, then the higher score, then the caller's tie order on keys (rank.ts). A heap whose top
 * is the last kept, so most candidates are turned away by one comparison and no record.
 */
export interface Standing {
  key: number;
  covered: number;
  score: number;
}

export class TopPage {
  private readonly heap: Standing[] = [];

  constructor(
    private readonly size: number,
    /** Negative when key a goes before key b among equals. */
    private readonly tie: (a: number, b: number) => number,
  ) {}

  /** Negative when a goes before b. */
  private order(a: Standing, b: Standing): number {
    return b.covered - a.covered || b.score - a.score || this.tie(a.key, b.key);
  }

  offer(key: number, covered: number, score: number): void {
    if (this.size <= 0) return;
    const heap = this.heap;
    if (heap.length < this.size) {
      const s = { key, covered, score };
      let i = heap.push(s) - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.order(heap[parent]!, s) >= 0) break;
        heap[i] = heap[parent]!;
        i = parent;
      }
      heap[i] = s;
      return;
    }
    const top = heap[0]!;
    if ((covered - top.covered || score - top.score) < 0) return;
    const s = { key, covered, score };
    if (this.order(s, top) >= 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && this.order(heap[child + 1]!, heap[child]!) > 0) child += 1;
      if (this.order(heap[child]!, s) <= 0) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = s;
  }

  /** Whether the page is full and its last goes before or ties with (covered, score): nothing met later that scores so can enter. */
  closedTo(covered: number, score: number): boolean {
    const top = this.heap[0];
    return this.heap.length >= this.size && top !== undefined && (top.covered - covered || top.score - score) >= 0;
  }

  /** What was kept, best first. */
  sorted(): Standing[] {
    return [...this.heap].sort((a, b) => this.order(a, b));
  }
}
