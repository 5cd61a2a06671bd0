/**
 * A cyclic tour stored as an array plus the inverse (position of each city), so that successor,
 * predecessor and segment reversal are cheap. The complement is reversed when it is shorter, which
 * gives the same cycle.
 */
export class Tour {
  order: Int32Array;
  pos: Int32Array;
  n: number;

  constructor(order: ArrayLike<number>) {
    this.n = order.length;
    this.order = Int32Array.from(order);
    this.pos = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) this.pos[this.order[i]] = i;
  }

  copyFrom(t: Tour): void {
    this.order.set(t.order);
    this.pos.set(t.pos);
  }

  next(c: number): number {
    const i = this.pos[c] + 1;
    return this.order[i === this.n ? 0 : i];
  }

  prev(c: number): number {
    const i = this.pos[c] - 1;
    return this.order[i < 0 ? this.n - 1 : i];
  }

  /** Reverses the path from city a forward to city b (inclusive). */
  reverse(a: number, b: number): void {
    const n = this.n;
    let i = this.pos[a];
    let j = this.pos[b];
    let len = j - i;
    if (len < 0) len += n;
    len += 1;
    if (len * 2 > n) {
      // Reverse the complement instead: same cycle, fewer swaps.
      const ni = j + 1;
      const nj = i - 1;
      i = ni === n ? 0 : ni;
      j = nj < 0 ? n - 1 : nj;
      len = n - len;
    }
    for (let k = 0; k < len >> 1; k++) {
      const x = this.order[i];
      const y = this.order[j];
      this.order[i] = y;
      this.pos[y] = i;
      this.order[j] = x;
      this.pos[x] = j;
      i = i + 1 === n ? 0 : i + 1;
      j = j - 1 < 0 ? n - 1 : j - 1;
    }
  }

  length(dist: Float64Array): number {
    let d = 0;
    const n = this.n;
    for (let i = 0; i < n; i++) d += dist[this.order[i] * n + this.order[i + 1 === n ? 0 : i + 1]];
    return d;
  }
}
