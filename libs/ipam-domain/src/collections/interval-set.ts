import { compareBigint, PersistentSortedMap } from './persistent-sorted-map.js';

export interface Interval {
  readonly start: bigint;
  readonly end: bigint;
}

const length = (start: bigint, end: bigint) => end - start + 1n;

/**
 * An immutable set of integers kept as disjoint, coalesced intervals (start → end, inclusive), so that
 * 10.0.0.0/8 with 100,000 allocations is a tree of at most 100,000 entries, never a scan of 16 million
 * addresses. Because neighbours are always merged, the number right after the interval that covers a
 * point is free: finding the first free number from any point is a single O(log n) lookup.
 */
export class IntervalSet {
  private constructor(
    private readonly tree: PersistentSortedMap<bigint, bigint>,
    /** How many numbers the set covers, kept up to date so counting is O(1). */
    readonly count: bigint,
  ) {}

  static empty(): IntervalSet {
    return new IntervalSet(PersistentSortedMap.empty(compareBigint), 0n);
  }

  /** Builds from intervals in any order, overlapping or not, in O(n log n). */
  static of(intervals: Iterable<Interval>): IntervalSet {
    const sorted = [...intervals].sort((a, b) => compareBigint(a.start, b.start));
    const merged: [bigint, bigint][] = [];
    for (const { start, end } of sorted) {
      if (end < start) throw new Error(`interval ${start}..${end} is empty`);
      const last = merged[merged.length - 1];
      if (last && start <= last[1] + 1n) last[1] = end > last[1] ? end : last[1];
      else merged.push([start, end]);
    }
    const count = merged.reduce((n, [s, e]) => n + length(s, e), 0n);
    return new IntervalSet(PersistentSortedMap.fromSorted(merged, compareBigint), count);
  }

  /** Number of disjoint intervals (the tree's size), which is what operation costs depend on. */
  get intervalCount(): number {
    return this.tree.size;
  }

  get treeHeight(): number {
    return this.tree.height;
  }

  /** The interval holding `point`, if any. */
  covering(point: bigint): Interval | undefined {
    const left = this.tree.floor(point);
    return left && left[1] >= point ? { start: left[0], end: left[1] } : undefined;
  }

  has(point: bigint): boolean {
    return this.covering(point) !== undefined;
  }

  /** The least number ≥ `from` that the set does not hold. */
  firstGapFrom(from: bigint): bigint {
    const covering = this.covering(from);
    return covering ? covering.end + 1n : from;
  }

  /** The union with [start, end]; merges every interval it touches or overlaps. */
  add(start: bigint, end: bigint): IntervalSet {
    if (end < start) throw new Error(`interval ${start}..${end} is empty`);
    let tree = this.tree;
    let count = this.count;
    let [s, e] = [start, end];
    const left = tree.floor(start);
    if (left && left[1] >= start - 1n) {
      s = left[0];
      e = left[1] > e ? left[1] : e;
      tree = tree.delete(left[0]);
      count -= length(left[0], left[1]);
    }
    for (let next = tree.ceiling(s); next && next[0] <= e + 1n; next = tree.ceiling(s)) {
      e = next[1] > e ? next[1] : e;
      tree = tree.delete(next[0]);
      count -= length(next[0], next[1]);
    }
    return new IntervalSet(tree.set(s, e), count + length(s, e));
  }

  /** The difference with [start, end]; splits the intervals cut at either end. */
  remove(start: bigint, end: bigint): IntervalSet {
    if (end < start) throw new Error(`interval ${start}..${end} is empty`);
    let tree = this.tree;
    let count = this.count;
    const cut = (s: bigint, e: bigint) => {
      tree = tree.delete(s);
      count -= length(s, e);
      if (s < start) {
        tree = tree.set(s, start - 1n);
        count += length(s, start - 1n);
      }
      if (e > end) {
        tree = tree.set(end + 1n, e);
        count += length(end + 1n, e);
      }
    };
    const left = tree.floor(start);
    if (left && left[1] >= start) cut(left[0], left[1]);
    for (let next = tree.ceiling(start); next && next[0] <= end; next = tree.ceiling(start)) cut(next[0], next[1]);
    return new IntervalSet(tree, count);
  }

  *intervals(): IterableIterator<Interval> {
    for (const [start, end] of this.tree.entries()) yield { start, end };
  }
}
