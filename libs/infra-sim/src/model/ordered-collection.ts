export interface Keyed {
  id: string;
  serial: number;
}

export interface Page<T> {
  items: T[];
  /** Serial of the last item returned when more items remain; null on the last page. */
  next: number | null;
}

/**
 * A collection kept in creation order (serials only grow), paged by "items after serial N": a binary search finds
 * the start and the page reads `limit` items, so a page costs the same at 50,000 items as at 50. Deleted items leave
 * a hole in the order array until enough holes accumulate to compact it.
 */
export class OrderedCollection<T extends Keyed> {
  private readonly byId = new Map<string, T>();
  private readonly bySerial = new Map<number, T>();
  private order: number[] = [];
  private holes = 0;

  get size(): number {
    return this.byId.size;
  }

  add(item: T): void {
    const last = this.order[this.order.length - 1];
    if (last !== undefined && item.serial <= last) throw new Error(`serial ${item.serial} is not after ${last}`);
    this.byId.set(item.id, item);
    this.bySerial.set(item.serial, item);
    this.order.push(item.serial);
  }

  remove(id: string): T | undefined {
    const item = this.byId.get(id);
    if (!item) return undefined;
    this.byId.delete(id);
    this.bySerial.delete(item.serial);
    if (++this.holes > 1024 && this.holes > this.order.length / 2) this.compact();
    return item;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  atSerial(serial: number): T | undefined {
    return this.bySerial.get(serial);
  }

  values(): IterableIterator<T> {
    return this.byId.values();
  }

  /** Items with a serial greater than `after` (all when undefined) in order, at most `limit`, optionally filtered. */
  page(after: number | undefined, limit: number, filter?: (item: T) => boolean): Page<T> {
    const items: T[] = [];
    let i = after === undefined ? 0 : this.upperBound(after);
    for (; i < this.order.length; i++) {
      const item = this.bySerial.get(this.order[i]);
      if (!item || (filter && !filter(item))) continue;
      if (items.length === limit) return { items, next: items[items.length - 1].serial };
      items.push(item);
    }
    return { items, next: null };
  }

  private upperBound(serial: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid] <= serial) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compact(): void {
    this.order = this.order.filter((s) => this.bySerial.has(s));
    this.holes = 0;
  }
}
