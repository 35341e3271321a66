import { formatRanges, parsePools, rangesAroundGateway, type AddressRange, type AddressRangeText } from './allocation-ranges.js';
import { blockContains, formatAddress, formatBlock, parseAddress, parseBlock, usableRange, type IpBlock, type IpFamily } from './ip-block.js';
import { AddressInUseError, AddressOutsideSubnetError, PoolExhaustedError } from './sim-errors.js';

/**
 * The IP addresses of one subnet, IPv4 or IPv6: never the gateway nor an address hosts may not hold (IPv4 network
 * and broadcast, IPv6 subnet-router anycast), never one address twice. What it hands out by itself comes from its
 * allocation pools only (Neutron's allocation_pools), in their order; an address asked for by name may be any
 * usable one, as in Neutron. Next-free with one cursor walking the pools and a set of the addresses in use, so an
 * IPv6 /64 is never scanned: finding a free address passes each used one at most once.
 */
export class SubnetAllocator {
  readonly cidr: IpBlock;
  readonly gateway: bigint;
  readonly firstUsable: bigint;
  readonly lastUsable: bigint;
  /** The pools were asked for, rather than being every usable address but the gateway. */
  readonly poolsGiven: boolean;
  private readonly pools: AddressRange[];
  /** Addresses the pools hold, the gateway not counted. */
  private readonly poolCapacity: bigint;
  private readonly used = new Set<bigint>();
  /** Used addresses inside the pools: the pools are exhausted when these reach their capacity. */
  private usedInPools = 0n;
  private cursor: { pool: number; next: bigint };

  constructor(cidrText: string, gatewayText?: string, pools?: AddressRangeText[]) {
    this.cidr = parseBlock(cidrText);
    const usable = usableRange(this.cidr);
    ({ first: this.firstUsable, last: this.lastUsable } = usable);
    const gateway = gatewayText ? parseAddress(gatewayText) : { family: this.cidr.family, value: this.firstUsable };
    if (!blockContains(this.cidr, gateway)) throw new AddressOutsideSubnetError(gatewayText ?? '', formatBlock(this.cidr));
    this.gateway = gateway.value;
    this.poolsGiven = pools !== undefined;
    this.pools = pools ? parsePools(pools, this.cidr, usable) : rangesAroundGateway(usable, this.gateway);
    const size = this.pools.reduce((n, r) => n + r.last - r.first + 1n, 0n);
    this.poolCapacity = size - (this.inPools(this.gateway) ? 1n : 0n);
    this.cursor = { pool: 0, next: this.pools[0]?.first ?? 0n };
  }

  get family(): IpFamily {
    return this.cidr.family;
  }

  get gatewayText(): string {
    return formatAddress(this.family, this.gateway);
  }

  /** The ranges addresses are handed out from, in order, as text (Neutron's allocation_pools). */
  get allocationPools(): AddressRangeText[] {
    return formatRanges(this.family, this.pools);
  }

  get inUse(): number {
    return this.used.size;
  }

  allocate(): string {
    if (this.usedInPools >= this.poolCapacity) throw new PoolExhaustedError(`subnet ${formatBlock(this.cidr)}`);
    // A free pool address exists, so this ends after passing at most every used pool address and the gateway once.
    for (;;) {
      const candidate = this.cursor.next;
      this.advance();
      if (candidate !== this.gateway && !this.used.has(candidate)) {
        this.take(candidate);
        return formatAddress(this.family, candidate);
      }
    }
  }

  reserve(ipText: string): string {
    const ip = parseAddress(ipText);
    if (ip.family !== this.family || !this.isUsable(ip.value)) throw new AddressOutsideSubnetError(ipText, `subnet ${formatBlock(this.cidr)}`);
    if (this.used.has(ip.value)) throw new AddressInUseError('ip', ipText);
    this.take(ip.value);
    return formatAddress(this.family, ip.value);
  }

  release(ipText: string): void {
    const ip = parseAddress(ipText);
    if (ip.family === this.family && this.used.delete(ip.value) && this.inPools(ip.value)) this.usedInPools--;
  }

  contains(ipText: string): boolean {
    return blockContains(this.cidr, parseAddress(ipText));
  }

  private take(ip: bigint): void {
    this.used.add(ip);
    if (this.inPools(ip)) this.usedInPools++;
  }

  /** One step along the pools in their order, back to the first after the last. */
  private advance(): void {
    const { pool, next } = this.cursor;
    if (next < this.pools[pool].last) this.cursor = { pool, next: next + 1n };
    else {
      const following = (pool + 1) % this.pools.length;
      this.cursor = { pool: following, next: this.pools[following].first };
    }
  }

  private inPools(ip: bigint): boolean {
    return this.pools.some((r) => ip >= r.first && ip <= r.last);
  }

  private isUsable(ip: bigint): boolean {
    return ip >= this.firstUsable && ip <= this.lastUsable && ip !== this.gateway;
  }
}
