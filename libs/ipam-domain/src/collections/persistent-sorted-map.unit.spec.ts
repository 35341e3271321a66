import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareBigint, PersistentSortedMap, type Compare } from './persistent-sorted-map.js';
import { seededRandom } from './seeded-random.js';

const avlBound = (n: number) => Math.floor(1.4405 * Math.log2(n + 2) - 0.3277);

describe('PersistentSortedMap', () => {
  it('agrees with a plain Map plus sorting under 20,000 random sets and deletes', () => {
    const random = seededRandom(7);
    let map = PersistentSortedMap.empty<bigint, number>(compareBigint);
    const reference = new Map<bigint, number>();
    for (let i = 0; i < 20_000; i++) {
      const key = BigInt(Math.floor(random() * 5_000));
      if (random() < 0.6) {
        map = map.set(key, i);
        reference.set(key, i);
      } else {
        map = map.delete(key);
        reference.delete(key);
      }
    }
    const sorted = [...reference.keys()].sort(compareBigint);
    assert.equal(map.size, reference.size);
    assert.deepEqual([...map.entries()].map(([k]) => k), sorted);
    for (let probe = -1n; probe <= 5_001n; probe += 37n) {
      assert.equal(map.get(probe), reference.get(probe));
      const floor = [...sorted].reverse().find((k) => k <= probe);
      const ceiling = sorted.find((k) => k >= probe);
      assert.equal(map.floor(probe)?.[0], floor, `floor ${probe}`);
      assert.equal(map.ceiling(probe)?.[0], ceiling, `ceiling ${probe}`);
    }
    assert.ok(map.height <= avlBound(map.size), `height ${map.height} for ${map.size} keys`);
  });

  it('leaves every earlier version untouched (what makes evolve pure)', () => {
    const v1 = PersistentSortedMap.empty<bigint, string>(compareBigint).set(1n, 'a').set(2n, 'b');
    const v2 = v1.set(3n, 'c').delete(1n).set(2n, 'B');
    assert.deepEqual([...v1.entries()], [[1n, 'a'], [2n, 'b']]);
    assert.deepEqual([...v2.entries()], [[2n, 'B'], [3n, 'c']]);
  });

  it('stays balanced under ascending inserts, the worst case for a plain search tree', () => {
    let map = PersistentSortedMap.empty<bigint, null>(compareBigint);
    for (let i = 0n; i < 100_000n; i++) map = map.set(i, null);
    assert.equal(map.size, 100_000);
    assert.ok(map.height <= avlBound(100_000), `height ${map.height}`);
  });

  it('finds, inserts and deletes with O(log n) comparisons among 100,000 keys', () => {
    let comparisons = 0;
    const counting: Compare<bigint> = (a, b) => {
      comparisons++;
      return compareBigint(a, b);
    };
    const map = PersistentSortedMap.fromSorted(
      Array.from({ length: 100_000 }, (_, i) => [BigInt(i * 2), null] as const),
      counting,
    );
    const budget = map.height + 1;
    for (const op of [() => map.floor(99_999n), () => map.ceiling(12_345n), () => map.get(150_000n), () => map.set(77_777n, null)]) {
      comparisons = 0;
      op();
      assert.ok(comparisons <= budget, `${comparisons} comparisons > ${budget}`);
    }
    comparisons = 0;
    map.delete(50_000n);
    // delete looks the key up first, then walks down once more
    assert.ok(comparisons <= 2 * budget, `${comparisons} comparisons for delete`);
  });

  it('refuses unsorted input to fromSorted', () => {
    assert.throws(() => PersistentSortedMap.fromSorted([[2n, 0], [1n, 0]], compareBigint));
  });
});
