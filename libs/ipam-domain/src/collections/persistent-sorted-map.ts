export type Compare<K> = (a: K, b: K) => number;

export const compareBigint: Compare<bigint> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
export const compareString: Compare<string> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

interface Node<K, V> {
  readonly key: K;
  readonly value: V;
  readonly left: Node<K, V> | null;
  readonly right: Node<K, V> | null;
  readonly height: number;
  readonly size: number;
}

const height = (n: Node<unknown, unknown> | null) => (n ? n.height : 0);
const sizeOf = (n: Node<unknown, unknown> | null) => (n ? n.size : 0);

function node<K, V>(key: K, value: V, left: Node<K, V> | null, right: Node<K, V> | null): Node<K, V> {
  return { key, value, left, right, height: Math.max(height(left), height(right)) + 1, size: sizeOf(left) + sizeOf(right) + 1 };
}

/** Rebuilds `n` with new children and restores the AVL balance (heights differ by at most one) with one or two rotations. */
function balance<K, V>(key: K, value: V, left: Node<K, V> | null, right: Node<K, V> | null): Node<K, V> {
  const diff = height(left) - height(right);
  if (diff > 1) {
    const l = left!;
    if (height(l.left) >= height(l.right)) return node(l.key, l.value, l.left, node(key, value, l.right, right));
    const lr = l.right!;
    return node(lr.key, lr.value, node(l.key, l.value, l.left, lr.left), node(key, value, lr.right, right));
  }
  if (diff < -1) {
    const r = right!;
    if (height(r.right) >= height(r.left)) return node(r.key, r.value, node(key, value, left, r.left), r.right);
    const rl = r.left!;
    return node(rl.key, rl.value, node(key, value, left, rl.left), node(r.key, r.value, rl.right, r.right));
  }
  return node(key, value, left, right);
}

/**
 * An immutable sorted map (persistent AVL tree). Every update copies only the path from the root to the
 * changed node, O(log n), and shares the rest, which is what lets a decider's `evolve` return a new state
 * holding 100,000 allocations without copying them. Lookups (get, floor, ceiling) are O(log n) too.
 */
export class PersistentSortedMap<K, V> {
  private constructor(
    private readonly root: Node<K, V> | null,
    private readonly compare: Compare<K>,
  ) {}

  static empty<K, V>(compare: Compare<K>): PersistentSortedMap<K, V> {
    return new PersistentSortedMap<K, V>(null, compare);
  }

  /** Builds a balanced tree from entries in strictly ascending key order in O(n): the snapshot-restore path. */
  static fromSorted<K, V>(entries: ReadonlyArray<readonly [K, V]>, compare: Compare<K>): PersistentSortedMap<K, V> {
    for (let i = 1; i < entries.length; i++) {
      if (compare(entries[i - 1][0], entries[i][0]) >= 0) throw new Error('fromSorted needs strictly ascending keys');
    }
    const build = (lo: number, hi: number): Node<K, V> | null => {
      if (lo > hi) return null;
      const mid = (lo + hi) >>> 1;
      return node(entries[mid][0], entries[mid][1], build(lo, mid - 1), build(mid + 1, hi));
    };
    return new PersistentSortedMap(build(0, entries.length - 1), compare);
  }

  get size(): number {
    return sizeOf(this.root);
  }

  /** Exposed so tests can prove the O(log n) bound: an AVL tree of n nodes is at most ~1.44·log2(n + 2) high. */
  get height(): number {
    return height(this.root);
  }

  get(key: K): V | undefined {
    for (let n = this.root; n; ) {
      const c = this.compare(key, n.key);
      if (c === 0) return n.value;
      n = c < 0 ? n.left : n.right;
    }
    return undefined;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** The entry with the greatest key ≤ `key`. */
  floor(key: K): readonly [K, V] | undefined {
    let best: Node<K, V> | null = null;
    for (let n = this.root; n; ) {
      const c = this.compare(key, n.key);
      if (c === 0) return [n.key, n.value];
      if (c < 0) n = n.left;
      else [best, n] = [n, n.right];
    }
    return best ? [best.key, best.value] : undefined;
  }

  /** The entry with the least key ≥ `key`. */
  ceiling(key: K): readonly [K, V] | undefined {
    let best: Node<K, V> | null = null;
    for (let n = this.root; n; ) {
      const c = this.compare(key, n.key);
      if (c === 0) return [n.key, n.value];
      if (c > 0) n = n.right;
      else [best, n] = [n, n.left];
    }
    return best ? [best.key, best.value] : undefined;
  }

  set(key: K, value: V): PersistentSortedMap<K, V> {
    const insert = (n: Node<K, V> | null): Node<K, V> => {
      if (!n) return node(key, value, null, null);
      const c = this.compare(key, n.key);
      if (c === 0) return node(key, value, n.left, n.right);
      return c < 0 ? balance(n.key, n.value, insert(n.left), n.right) : balance(n.key, n.value, n.left, insert(n.right));
    };
    return new PersistentSortedMap(insert(this.root), this.compare);
  }

  delete(key: K): PersistentSortedMap<K, V> {
    if (!this.has(key)) return this;
    const removeMin = (n: Node<K, V>): Node<K, V> | null => (n.left ? balance(n.key, n.value, removeMin(n.left), n.right) : n.right);
    const remove = (n: Node<K, V>): Node<K, V> | null => {
      const c = this.compare(key, n.key);
      if (c < 0) return balance(n.key, n.value, remove(n.left!), n.right);
      if (c > 0) return balance(n.key, n.value, n.left, remove(n.right!));
      if (!n.left) return n.right;
      if (!n.right) return n.left;
      let successor = n.right;
      while (successor.left) successor = successor.left;
      return balance(successor.key, successor.value, n.left, removeMin(n.right));
    };
    return new PersistentSortedMap(remove(this.root!), this.compare);
  }

  /** In ascending key order. */
  *entries(): IterableIterator<readonly [K, V]> {
    const stack: Node<K, V>[] = [];
    for (let n = this.root; n || stack.length; ) {
      if (n) {
        stack.push(n);
        n = n.left;
      } else {
        const top = stack.pop()!;
        yield [top.key, top.value];
        n = top.right;
      }
    }
  }
}
