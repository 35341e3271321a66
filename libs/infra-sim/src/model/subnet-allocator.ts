import { blockContains, formatAddress, formatBlock, parseAddress, parseBlock, usableRange, type IpBlock, type IpFamily } from './ip-block.js';
import { AddressInUseError, AddressOutsideSubnetError, PoolExhaustedError } from './sim-errors.js';

/**
 * The IP addresses of one subnet, IPv4 or IPv6: never the gateway nor an address hosts may not hold (IPv4 network
 * and broadcast, IPv6 subnet-router anycast), never one address twice. Next-free with a cursor and a set of the
 * addresses in use, so an IPv6 /64 is never scanned: finding a free address passes each used one at most once.
 */
export class SubnetAllocator {
  readonly cidr: IpBlock;
  readonly gateway: bigint;
  readonly firstUsable: bigint;
  readonly lastUsable: bigint;
  private readonly used = new Set<bigint>();
  private next: bigint;

  constructor(cidrText: string, gatewayText?: string) {
    this.cidr = parseBlock(cidrText);
    ({ first: this.firstUsable, last: this.lastUsable } = usableRange(this.cidr));
    const gateway = gatewayText ? parseAddress(gatewayText) : { family: this.cidr.family, value: this.firstUsable };
    if (!blockContains(this.cidr, gateway)) throw new AddressOutsideSubnetError(gatewayText ?? '', formatBlock(this.cidr));
    this.gateway = gateway.value;
    this.next = this.firstUsable;
  }

  get family(): IpFamily {
    return this.cidr.family;
  }

  get gatewayText(): string {
    return formatAddress(this.family, this.gateway);
  }

  /** The range addresses are handed out from, as text (Neutron's allocation_pools). */
  get allocationPool(): { start: string; end: string } {
    return { start: formatAddress(this.family, this.firstUsable), end: formatAddress(this.family, this.lastUsable) };
  }

  get inUse(): number {
    return this.used.size;
  }

  allocate(): string {
    const gatewayUsable = this.gateway >= this.firstUsable && this.gateway <= this.lastUsable;
    const free = this.lastUsable - this.firstUsable + 1n - (gatewayUsable ? 1n : 0n) - BigInt(this.used.size);
    if (free <= 0n) throw new PoolExhaustedError(`subnet ${formatBlock(this.cidr)}`);
    // A free address exists, so this ends after passing at most every used address and the gateway once.
    for (;;) {
      const candidate = this.next;
      this.next = candidate >= this.lastUsable ? this.firstUsable : candidate + 1n;
      if (candidate !== this.gateway && !this.used.has(candidate)) {
        this.used.add(candidate);
        return formatAddress(this.family, candidate);
      }
    }
  }

  reserve(ipText: string): string {
    const ip = parseAddress(ipText);
    if (ip.family !== this.family || !this.isUsable(ip.value)) throw new AddressOutsideSubnetError(ipText, `subnet ${formatBlock(this.cidr)}`);
    if (this.used.has(ip.value)) throw new AddressInUseError('ip', ipText);
    this.used.add(ip.value);
    return formatAddress(this.family, ip.value);
  }

  release(ipText: string): void {
    const ip = parseAddress(ipText);
    if (ip.family === this.family) this.used.delete(ip.value);
  }

  contains(ipText: string): boolean {
    return blockContains(this.cidr, parseAddress(ipText));
  }

  private isUsable(ip: bigint): boolean {
    return ip >= this.firstUsable && ip <= this.lastUsable && ip !== this.gateway;
  }
}
