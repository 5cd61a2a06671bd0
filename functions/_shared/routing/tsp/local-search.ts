import type { Tour } from './tour.ts';

const EPS = 1e-9;

/**
 * 2-opt and Or-opt (moving a segment of 1-3 cities, possibly reversed, next to one of its
 * neighbours) driven by a queue of "active" cities: a city whose neighbourhood held no improving move
 * is skipped (don't-look bit) until a move touches it again.
 */
export class TspLocalSearch {
  private n: number;
  private dist: Float64Array;
  private neigh: Int32Array;
  private k: number;
  private queue: Int32Array;
  private inQueue: Uint8Array;
  private head = 0;
  private size = 0;

  constructor(n: number, dist: Float64Array, neigh: Int32Array, k: number) {
    this.n = n;
    this.dist = dist;
    this.neigh = neigh;
    this.k = k;
    this.queue = new Int32Array(n);
    this.inQueue = new Uint8Array(n);
  }

  push(c: number): void {
    if (this.inQueue[c]) return;
    this.inQueue[c] = 1;
    this.queue[(this.head + this.size) % this.n] = c;
    this.size++;
  }

  pushAll(): void {
    for (let c = 0; c < this.n; c++) this.push(c);
  }

  run(t: Tour): void {
    while (this.size > 0) {
      const c = this.queue[this.head];
      this.head = (this.head + 1) % this.n;
      this.size--;
      this.inQueue[c] = 0;
      if (this.twoOpt(t, c) || this.orOpt(t, c)) this.push(c);
    }
  }

  private d(a: number, b: number): number {
    return this.dist[a * this.n + b];
  }

  private twoOpt(t: Tour, a: number): boolean {
    const row = a * this.k;
    for (let dir = 0; dir < 2; dir++) {
      const b = dir === 0 ? t.next(a) : t.prev(a);
      const dab = this.d(a, b);
      for (let i = 0; i < this.k; i++) {
        const c = this.neigh[row + i];
        const dac = this.d(a, c);
        if (dac >= dab - EPS) break;
        const dd = dir === 0 ? t.next(c) : t.prev(c);
        if (dd === a || c === b) continue;
        const delta = dac + this.d(b, dd) - dab - this.d(c, dd);
        if (delta < -EPS) {
          if (dir === 0) t.reverse(b, c);
          else t.reverse(c, b);
          this.push(a);
          this.push(b);
          this.push(c);
          this.push(dd);
          return true;
        }
      }
    }
    return false;
  }

  /** Tries segments that start or end at s, of length 1 to 3. */
  private orOpt(t: Tour, s: number): boolean {
    if (this.n < 8) return false;
    for (let len = 1; len <= 3; len++) {
      for (let dir = 0; dir < 2; dir++) {
        // Segment s..e in tour order (dir 0: s first; dir 1: s last).
        let first = s;
        let last = s;
        for (let i = 1; i < len; i++) {
          if (dir === 0) last = t.next(last);
          else first = t.prev(first);
        }
        if (this.tryMove(t, first, last, len)) return true;
      }
    }
    return false;
  }

  private tryMove(t: Tour, first: number, last: number, len: number): boolean {
    const p = t.prev(first);
    const nx = t.next(last);
    const gain = this.d(p, first) + this.d(last, nx) - this.d(p, nx);
    if (gain <= EPS) return false;
    for (let end = 0; end < 2; end++) {
      const anchor = end === 0 ? first : last;
      const row = anchor * this.k;
      for (let i = 0; i < this.k; i++) {
        const c = this.neigh[row + i];
        if (this.d(anchor, c) >= gain - EPS) break;
        if (this.inSegment(t, c, first, len)) continue;
        // Candidate edges (c, next c) and (prev c, c); skip the ones that touch the gap.
        for (let side = 0; side < 2; side++) {
          const u = side === 0 ? c : t.prev(c);
          const v = side === 0 ? t.next(c) : c;
          if (u === last || v === first || this.inSegment(t, u, first, len) || this.inSegment(t, v, first, len))
            continue;
          if (u === p && v === nx) continue;
          const duv = this.d(u, v);
          const fwd = this.d(u, first) + this.d(last, v) - duv;
          const rev = this.d(u, last) + this.d(first, v) - duv;
          const add = Math.min(fwd, rev);
          if (add < gain - EPS) {
            this.move(t, first, last, len, u, rev < fwd);
            this.push(p);
            this.push(nx);
            this.push(u);
            this.push(v);
            this.push(first);
            this.push(last);
            return true;
          }
        }
      }
    }
    return false;
  }

  private inSegment(t: Tour, c: number, first: number, len: number): boolean {
    let off = t.pos[c] - t.pos[first];
    if (off < 0) off += this.n;
    return off < len;
  }

  /** Moves the segment first..last to just after city u, reversed if asked. O(n) rebuild. */
  private move(t: Tour, first: number, last: number, len: number, u: number, reversed: boolean): void {
    const n = this.n;
    const seg: number[] = [];
    for (let c = first, i = 0; i < len; i++, c = t.next(c)) seg.push(c);
    if (reversed) seg.reverse();
    const out = new Int32Array(n);
    let k = 0;
    // Walk the tour from the city after the segment, skipping it, and splice it in after u.
    let c = t.next(last);
    for (let i = 0; i < n - len; i++) {
      out[k++] = c;
      if (c === u) for (const x of seg) out[k++] = x;
      c = t.next(c);
      if (c === first) c = t.next(last);
    }
    t.order.set(out);
    for (let i = 0; i < n; i++) t.pos[out[i]] = i;
  }
}
