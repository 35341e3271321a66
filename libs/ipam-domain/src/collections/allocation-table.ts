import { IntervalSet, type Interval } from './interval-set.js';
import { compareBigint, compareString, PersistentSortedMap } from './persistent-sorted-map.js';

/** One handed-out number (an IP address, a MAC, a VNI), who owns it, and what the caller wants kept with it. */
export interface Allocation<H> {
  readonly value: bigint;
  readonly owner: string;
  readonly holder: H;
}

export interface AllocationTableJson<H> {
  allocations: { value: string; owner: string; holder: H }[];
  blocked: { start: string; end: string }[];
}

/**
 * The allocation bookkeeping every allocator here shares: which numbers are taken (allocated or blocked),
 * who holds each allocated one, and which number each owner holds. Immutable, O(log n) per operation,
 * with at most one number per owner, which is what makes a repeated request for the same owner idempotent.
 */
export class AllocationTable<H> {
  private constructor(
    /** Allocated and blocked numbers together: the only structure the free search looks at. */
    private readonly taken: IntervalSet,
    /** Blocked numbers alone (few intervals), kept so the table can be written as JSON. */
    private readonly blockedSet: IntervalSet,
    private readonly byValue: PersistentSortedMap<bigint, Allocation<H>>,
    private readonly byOwner: PersistentSortedMap<string, bigint>,
  ) {}

  static empty<H>(): AllocationTable<H> {
    return new AllocationTable<H>(IntervalSet.empty(), IntervalSet.empty(), PersistentSortedMap.empty(compareBigint), PersistentSortedMap.empty(compareString));
  }

  /**
   * Decider states are stored as JSON (event-store snapshots); a table writes itself as this plain form
   * (bigints as decimal text) and `fromJSON` reads it back.
   */
  toJSON(): AllocationTableJson<H> {
    return {
      allocations: [...this.allocations()].map((a) => ({ value: a.value.toString(), owner: a.owner, holder: a.holder })),
      blocked: [...this.blockedSet.intervals()].map((i) => ({ start: i.start.toString(), end: i.end.toString() })),
    };
  }

  static fromJSON<H>(json: AllocationTableJson<H>): AllocationTable<H> {
    return AllocationTable.restore(
      json.allocations.map((a) => ({ value: BigInt(a.value), owner: a.owner, holder: a.holder })),
      json.blocked.map((b) => ({ start: BigInt(b.start), end: BigInt(b.end) })),
    );
  }

  /** A table as it comes back from JSON is revived; a live one is returned as is (O(1)). */
  static revive<H>(table: AllocationTable<H> | AllocationTableJson<H>): AllocationTable<H> {
    return table instanceof AllocationTable ? table : AllocationTable.fromJSON(table);
  }

  /** Rebuilds a table from a snapshot in O(n log n), without replaying one event per allocation. */
  static restore<H>(allocations: Iterable<Allocation<H>>, blocked: Iterable<Interval>): AllocationTable<H> {
    const list = [...allocations].sort((a, b) => compareBigint(a.value, b.value));
    const owners = [...list].sort((a, b) => compareString(a.owner, b.owner));
    const blockedSet = IntervalSet.of(blocked);
    const taken = IntervalSet.of([...blockedSet.intervals(), ...list.map((a) => ({ start: a.value, end: a.value }))]);
    return new AllocationTable(
      taken,
      blockedSet,
      PersistentSortedMap.fromSorted(list.map((a) => [a.value, a] as const), compareBigint),
      PersistentSortedMap.fromSorted(owners.map((a) => [a.owner, a.value] as const), compareString),
    );
  }

  get allocationCount(): number {
    return this.byValue.size;
  }

  /** Numbers allocated or blocked. */
  get takenCount(): bigint {
    return this.taken.count;
  }

  /** Height of the taken-interval tree; the free search costs one descent of it per range searched. */
  get searchDepth(): number {
    return this.taken.treeHeight;
  }

  /** Marks numbers that are never handed out (reserved ranges, a gateway). They have no holder. */
  block(start: bigint, end: bigint): AllocationTable<H> {
    return new AllocationTable(this.taken.add(start, end), this.blockedSet.add(start, end), this.byValue, this.byOwner);
  }

  isTaken(value: bigint): boolean {
    return this.taken.has(value);
  }

  allocationAt(value: bigint): Allocation<H> | undefined {
    return this.byValue.get(value);
  }

  allocationOf(owner: string): Allocation<H> | undefined {
    const value = this.byOwner.get(owner);
    return value === undefined ? undefined : this.byValue.get(value);
  }

  /** The lowest free number in the first range that has one: one tree descent per range, whatever the range sizes. */
  firstFreeIn(ranges: readonly Interval[]): bigint | undefined {
    for (const range of ranges) {
      const candidate = this.taken.firstGapFrom(range.start);
      if (candidate <= range.end) return candidate;
    }
    return undefined;
  }

  /**
   * The lowest allocation in [range.start, range.end] the predicate accepts: one O(log n) step per allocation it
   * passes over, so it is cheap when what it skips is few (a prefix's own MACs when it is checked for others').
   */
  firstAllocationIn(range: Interval, accept: (a: Allocation<H>) => boolean): Allocation<H> | undefined {
    for (let at = this.byValue.ceiling(range.start); at && at[0] <= range.end; at = this.byValue.ceiling(at[0] + 1n)) {
      if (accept(at[1])) return at[1];
    }
    return undefined;
  }

  /** Callers check first (and turn a clash into their own typed error); a clash here is a bug, so it is a plain Error. */
  allocate(value: bigint, owner: string, holder: H): AllocationTable<H> {
    if (this.taken.has(value)) throw new Error(`${value} is already taken`);
    if (this.byOwner.has(owner)) throw new Error(`${owner} already holds a number`);
    return new AllocationTable(
      this.taken.add(value, value),
      this.blockedSet,
      this.byValue.set(value, { value, owner, holder }),
      this.byOwner.set(owner, value),
    );
  }

  release(value: bigint): AllocationTable<H> {
    const allocation = this.byValue.get(value);
    if (!allocation) throw new Error(`${value} is not allocated`);
    return new AllocationTable(this.taken.remove(value, value), this.blockedSet, this.byValue.delete(value), this.byOwner.delete(allocation.owner));
  }

  *allocations(): IterableIterator<Allocation<H>> {
    for (const [, allocation] of this.byValue.entries()) yield allocation;
  }
}
