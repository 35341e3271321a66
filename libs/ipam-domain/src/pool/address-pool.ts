import { AllocationTable } from '../collections/allocation-table.js';
import type { Interval } from '../collections/interval-set.js';
import { cidrSize, defaultGateway, formatCidr, hostRange, parseCidr, parseHostAddress, type Cidr } from '../ip/cidr.js';
import { formatIp } from '../ip/ip-address.js';
import { AddressReservedError, AddressTakenError, InvalidPoolError } from '../ipam.errors.js';
import type { AddressHolder } from './address-holder.js';
import type { AddressRangeText, PoolDefinition, PoolLayout } from './pool-definition.js';

interface ReservedInterval extends Interval {
  reason: string;
}

/** A pool's whole state in plain JSON, so the service can keep a snapshot and skip replaying every allocation. */
export interface PoolSnapshot {
  layout: PoolLayout;
  allocations: (AddressHolder & { address: string })[];
}

/**
 * The addresses of one subnet: where next-free allocation looks, what is never handed out (the gateway,
 * reserved ranges, network and broadcast addresses) and who holds what. Immutable; every operation is
 * O(r + log n) for r allocation ranges and n allocations, whatever the size of the prefix.
 */
export class AddressPool {
  private constructor(
    readonly cidr: Cidr,
    readonly layout: PoolLayout,
    private readonly gateway: bigint | null,
    private readonly ranges: readonly Interval[],
    private readonly reserved: readonly ReservedInterval[],
    private readonly table: AllocationTable<AddressHolder>,
  ) {}

  /** Validates and normalises a definition. Every problem is a 400 (CIDR.INVALID, ADDRESS.*, POOL.INVALID). */
  static define(definition: PoolDefinition): AddressPool {
    // 1. the subnet, and the gateway inside it
    const cidr = parseCidr(definition.cidr);
    const gateway = definition.gateway === null ? null : definition.gateway === undefined ? defaultGateway(cidr) : parseHostAddress(cidr, definition.gateway);
    // 2. allocation ranges: inside the subnet, non-empty, not overlapping; default is every host address
    const hosts = hostRange(cidr);
    const ranges = (definition.allocationRanges ?? []).map((r) => parseRange(cidr, r.start, r.end));
    if (ranges.length === 0) ranges.push({ start: hosts.first, end: hosts.last });
    const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : 1));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].start <= sorted[i - 1].end) throw new InvalidPoolError('allocation ranges overlap');
    }
    // 3. reserved ranges may overlap each other and the gateway: the table merges them
    const reserved = (definition.reserved ?? []).map((r) => ({ ...parseRange(cidr, r.start, r.end), reason: r.reason ?? 'reserved' }));
    let table = AllocationTable.empty<AddressHolder>();
    if (gateway !== null) table = table.block(gateway, gateway);
    for (const r of reserved) table = table.block(r.start, r.end);
    const text = (v: bigint) => formatIp(cidr.family, v);
    const layout: PoolLayout = {
      cidr: formatCidr(cidr),
      gateway: gateway === null ? null : text(gateway),
      allocationRanges: ranges.map((r) => ({ start: text(r.start), end: text(r.end) })),
      reserved: reserved.map((r) => ({ start: text(r.start), end: text(r.end), reason: r.reason })),
    };
    return new AddressPool(cidr, layout, gateway, ranges, reserved, table);
  }

  static fromSnapshot(snapshot: PoolSnapshot): AddressPool {
    const empty = AddressPool.define(snapshot.layout);
    const allocations = snapshot.allocations.map(({ address, ...holder }) => ({
      value: parseHostAddress(empty.cidr, address),
      owner: holder.portId,
      holder,
    }));
    const blocked = [...(empty.gateway === null ? [] : [{ start: empty.gateway, end: empty.gateway }]), ...empty.reserved];
    return new AddressPool(empty.cidr, empty.layout, empty.gateway, empty.ranges, empty.reserved, AllocationTable.restore(allocations, blocked));
  }

  toSnapshot(): PoolSnapshot {
    return { layout: this.layout, allocations: this.allocations() };
  }

  /** JSON.stringify writes a pool as its snapshot (the instance holds bigints and trees, which JSON cannot). */
  toJSON(): PoolSnapshot {
    return this.toSnapshot();
  }

  /** A pool as it comes back from JSON is rebuilt; a live one is returned as is (O(1)). */
  static revive(pool: AddressPool | PoolSnapshot): AddressPool {
    return pool instanceof AddressPool ? pool : AddressPool.fromSnapshot(pool);
  }

  /** Parses an address the caller names: 400 unless it is a host address of this subnet and this IP version. */
  parseHost(text: string): bigint {
    return parseHostAddress(this.cidr, text);
  }

  format(value: bigint): string {
    return formatIp(this.cidr.family, value);
  }

  get allocatedCount(): number {
    return this.table.allocationCount;
  }

  /** Host addresses of the subnet that are neither allocated nor reserved (ranges aside). */
  get freeHostCount(): bigint {
    const { first, last } = hostRange(this.cidr);
    return last - first + 1n - this.table.takenCount;
  }

  get subnetSize(): bigint {
    return cidrSize(this.cidr);
  }

  /** Depth of the search tree behind next-free; exposed so tests can check the O(log n) bound. */
  get searchDepth(): number {
    return this.table.searchDepth;
  }

  /** The lowest free address of the first allocation range that has one. */
  nextFree(): bigint | undefined {
    return this.table.firstFreeIn(this.ranges);
  }

  /** 409 ADDRESS.RESERVED for the gateway and reserved ranges, 409 ADDRESS.TAKEN (naming the holder) when allocated. */
  ensureFree(value: bigint): void {
    if (!this.table.isTaken(value)) return;
    const allocation = this.table.allocationAt(value);
    if (allocation) throw new AddressTakenError(this.format(value), allocation.owner);
    throw new AddressReservedError(this.format(value), this.reservationReason(value));
  }

  isReserved(value: bigint): boolean {
    return this.table.isTaken(value) && !this.table.allocationAt(value);
  }

  reservationReason(value: bigint): string {
    if (value === this.gateway) return 'gateway';
    return this.reserved.find((r) => value >= r.start && value <= r.end)?.reason ?? 'reserved';
  }

  holderAt(value: bigint): AddressHolder | undefined {
    return this.table.allocationAt(value)?.holder;
  }

  addressOf(portId: string): bigint | undefined {
    return this.table.allocationOf(portId)?.value;
  }

  allocate(value: bigint, holder: AddressHolder): AddressPool {
    return this.withTable(this.table.allocate(value, holder.portId, holder));
  }

  release(value: bigint): AddressPool {
    return this.withTable(this.table.release(value));
  }

  /**
   * What a VIM's own address management may hand out to reproduce this pool (Neutron's allocation_pools): the
   * allocation ranges, in order, less the gateway and the reserved ranges. Empty when nothing is left.
   */
  handOutRanges(): AddressRangeText[] {
    const blocked = [...(this.gateway === null ? [] : [{ start: this.gateway, end: this.gateway }]), ...this.reserved].sort((a, b) => (a.start < b.start ? -1 : 1));
    const out: AddressRangeText[] = [];
    for (const range of this.ranges) {
      let start = range.start;
      for (const b of blocked) {
        if (b.end < start || b.start > range.end) continue;
        if (b.start > start) out.push({ start: this.format(start), end: this.format(b.start - 1n) });
        start = b.end + 1n;
        if (start > range.end) break;
      }
      if (start <= range.end) out.push({ start: this.format(start), end: this.format(range.end) });
    }
    return out;
  }

  allocations(): (AddressHolder & { address: string })[] {
    return [...this.table.allocations()].map((a) => ({ address: this.format(a.value), ...a.holder }));
  }

  private withTable(table: AllocationTable<AddressHolder>): AddressPool {
    return new AddressPool(this.cidr, this.layout, this.gateway, this.ranges, this.reserved, table);
  }
}

function parseRange(cidr: Cidr, startText: string, endText: string): Interval {
  const start = parseHostAddress(cidr, startText);
  const end = parseHostAddress(cidr, endText);
  if (end < start) throw new InvalidPoolError(`range ${startText}-${endText} ends before it starts`);
  return { start, end };
}
