/**
 * Compressed sparse rows: the compact adjacency layout the projection uses for every relation
 * keyed by a dense integer index (organisation → target groups, target group → organisations, …).
 * Row i holds values[offsets[i] .. offsets[i + 1]), sorted ascending and without duplicates, so
 * membership is a binary search and a quarter of a million rows cost two typed arrays.
 */
export class Csr {
  readonly offsets: Int32Array;
  readonly values: Int32Array;

  constructor(offsets: Int32Array, values: Int32Array) {
    this.offsets = offsets;
    this.values = values;
  }

  get rowCount(): number {
    return this.offsets.length - 1;
  }

  start(row: number): number {
    return this.offsets[row]!;
  }

  end(row: number): number {
    return this.offsets[row + 1]!;
  }

  size(row: number): number {
    return this.offsets[row + 1]! - this.offsets[row]!;
  }

  /** A view (no copy) of one row. */
  row(row: number): Int32Array {
    return this.values.subarray(this.offsets[row]!, this.offsets[row + 1]!);
  }

  has(row: number, value: number): boolean {
    let lo = this.offsets[row]!;
    let hi = this.offsets[row + 1]! - 1;
    const values = this.values;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = values[mid]!;
      if (v === value) return true;
      if (v < value) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Rows and values swapped (the inverted index). `valueCount` is the number of distinct value slots. */
  transpose(valueCount: number): Csr {
    const b = new CsrBuilder(valueCount);
    for (let r = 0; r < this.rowCount; r++) {
      for (let k = this.offsets[r]!; k < this.offsets[r + 1]!; k++) b.add(this.values[k]!, r);
    }
    return b.build();
  }

  /**
   * A new Csr with the given rows replaced (each sorted ascending, without duplicates) and every
   * other row as it was: one copy of the arrays, no sorting. How a patched projection updates a
   * relation without rebuilding it.
   */
  withRows(rows: ReadonlyMap<number, Int32Array>): Csr {
    if (rows.size === 0) return this;
    const n = this.rowCount;
    const changed = [...rows.keys()].sort((x, y) => x - y);
    let delta = 0;
    for (const r of changed) delta += rows.get(r)!.length - this.size(r);
    const values = new Int32Array(this.values.length + delta);
    const offsets = new Int32Array(n + 1);
    let read = 0;
    let write = 0;
    for (const r of changed) {
      // The unchanged rows before r move as one block.
      const start = this.offsets[r]!;
      values.set(this.values.subarray(read, start), write);
      write += start - read;
      const row = rows.get(r)!;
      values.set(row, write);
      write += row.length;
      read = this.offsets[r + 1]!;
    }
    values.set(this.values.subarray(read), write);
    // Each row starts where it did, moved by the size changes of the changed rows before it.
    let k = 0;
    let moved = 0;
    for (let r = 0; r <= n; r++) {
      while (k < changed.length && changed[k]! < r) {
        const c = changed[k++]!;
        moved += rows.get(c)!.length - this.size(c);
      }
      offsets[r] = this.offsets[r]! + moved;
    }
    return new Csr(offsets, values);
  }

  static empty(rowCount: number): Csr {
    return new Csr(new Int32Array(rowCount + 1), new Int32Array(0));
  }
}

/** Collects (row, value) pairs, then sorts and de-duplicates them into a Csr. */
export class CsrBuilder {
  private readonly rowCount: number;
  private rows: Int32Array = new Int32Array(1024);
  private vals: Int32Array = new Int32Array(1024);
  private length = 0;

  constructor(rowCount: number) {
    this.rowCount = rowCount;
  }

  add(row: number, value: number): void {
    if (this.length === this.rows.length) {
      const rows = new Int32Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
      const vals = new Int32Array(this.vals.length * 2);
      vals.set(this.vals);
      this.vals = vals;
    }
    this.rows[this.length] = row;
    this.vals[this.length] = value;
    this.length++;
  }

  build(): Csr {
    const n = this.rowCount;
    const counts = new Int32Array(n + 1);
    for (let i = 0; i < this.length; i++) counts[this.rows[i]! + 1]!++;
    for (let r = 0; r < n; r++) counts[r + 1]! += counts[r]!;
    const cursor = counts.slice(0, n);
    const placed = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) placed[cursor[this.rows[i]!]!++] = this.vals[i]!;
    // Sort each row, drop duplicates, compact.
    const offsets = new Int32Array(n + 1);
    let write = 0;
    for (let r = 0; r < n; r++) {
      const from = counts[r]!;
      const to = counts[r + 1]!;
      offsets[r] = write;
      if (to - from > 1) placed.subarray(from, to).sort();
      let last = -1;
      let first = true;
      for (let k = from; k < to; k++) {
        const v = placed[k]!;
        if (first || v !== last) {
          placed[write++] = v;
          last = v;
          first = false;
        }
      }
    }
    offsets[n] = write;
    return new Csr(offsets, placed.slice(0, write));
  }
}
