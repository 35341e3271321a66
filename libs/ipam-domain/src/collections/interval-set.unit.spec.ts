import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IntervalSet } from './interval-set.js';
import { seededRandom } from './seeded-random.js';

const list = (s: IntervalSet) => [...s.intervals()].map(({ start, end }) => [Number(start), Number(end)]);

describe('IntervalSet', () => {
  it('merges touching and overlapping additions into one interval', () => {
    const s = IntervalSet.empty().add(1n, 3n).add(7n, 9n).add(4n, 6n);
    assert.deepEqual(list(s), [[1, 9]]);
    assert.equal(s.count, 9n);
    assert.deepEqual(list(IntervalSet.empty().add(5n, 6n).add(1n, 2n).add(0n, 10n)), [[0, 10]]);
  });

  it('splits an interval when the middle is removed, and coalesces again when it comes back', () => {
    const full = IntervalSet.empty().add(0n, 9n);
    const holed = full.remove(4n, 5n);
    assert.deepEqual(list(holed), [[0, 3], [6, 9]]);
    assert.equal(holed.count, 8n);
    assert.deepEqual(list(holed.add(4n, 4n).add(5n, 5n)), [[0, 9]]);
  });

  it('finds the first gap from any point in one lookup', () => {
    const s = IntervalSet.of([{ start: 0n, end: 4n }, { start: 6n, end: 6n }]);
    assert.equal(s.firstGapFrom(0n), 5n);
    assert.equal(s.firstGapFrom(5n), 5n);
    assert.equal(s.firstGapFrom(6n), 7n);
  });

  it('agrees with a bitmap under 5,000 random adds and removes', () => {
    const random = seededRandom(42);
    const size = 300;
    const bits = new Array<boolean>(size).fill(false);
    let s = IntervalSet.empty();
    for (let i = 0; i < 5_000; i++) {
      const a = Math.floor(random() * size);
      const b = Math.min(size - 1, a + Math.floor(random() * 8));
      const adding = random() < 0.5;
      s = adding ? s.add(BigInt(a), BigInt(b)) : s.remove(BigInt(a), BigInt(b));
      for (let x = a; x <= b; x++) bits[x] = adding;
    }
    for (let x = 0; x < size; x++) assert.equal(s.has(BigInt(x)), bits[x], `point ${x}`);
    assert.equal(s.count, BigInt(bits.filter(Boolean).length));
    // coalesced: no two intervals touch
    const intervals = list(s);
    for (let i = 1; i < intervals.length; i++) assert.ok(intervals[i][0] > intervals[i - 1][1] + 1);
    for (let x = 0; x < size; x++) {
      const gap = bits.indexOf(false, x);
      assert.equal(s.firstGapFrom(BigInt(x)), BigInt(gap < 0 ? size : gap));
    }
  });
});
