import { cidrContains, formatCidr, formatIpv4, parseCidr, parseIpv4, type Cidr } from './ipv4.js';
import { AddressInUseError, AddressOutsideSubnetError, PoolExhaustedError } from './sim-errors.js';

/** The IP addresses of one subnet: never the network, gateway or broadcast address, never one address twice. */
export class SubnetAllocator {
  readonly cidr: Cidr;
  readonly gateway: number;
  private readonly used = new Set<number>();
  private next: number;

  constructor(cidrText: string, gatewayText?: string) {
    this.cidr = parseCidr(cidrText);
    this.gateway = gatewayText ? parseIpv4(gatewayText) : this.cidr.base + 1;
    if (!cidrContains(this.cidr, this.gateway)) throw new AddressOutsideSubnetError(formatIpv4(this.gateway), formatCidr(this.cidr));
    this.next = this.cidr.base + 1;
  }

  get firstUsable(): number {
    return this.cidr.base + 1;
  }

  get lastUsable(): number {
    return this.cidr.base + this.cidr.size - 2;
  }

  get inUse(): number {
    return this.used.size;
  }

  allocate(): string {
    const usable = this.cidr.size - 2;
    for (let tried = 0; tried < usable; tried++) {
      const candidate = this.next;
      this.next = candidate >= this.lastUsable ? this.firstUsable : candidate + 1;
      if (candidate !== this.gateway && !this.used.has(candidate)) {
        this.used.add(candidate);
        return formatIpv4(candidate);
      }
    }
    throw new PoolExhaustedError(`subnet ${formatCidr(this.cidr)}`);
  }

  reserve(ipText: string): string {
    const ip = parseIpv4(ipText);
    if (!this.isUsable(ip)) throw new AddressOutsideSubnetError(ipText, `subnet ${formatCidr(this.cidr)}`);
    if (this.used.has(ip)) throw new AddressInUseError('ip', ipText);
    this.used.add(ip);
    return formatIpv4(ip);
  }

  release(ipText: string): void {
    this.used.delete(parseIpv4(ipText));
  }

  contains(ipText: string): boolean {
    return cidrContains(this.cidr, parseIpv4(ipText));
  }

  private isUsable(ip: number): boolean {
    return ip >= this.firstUsable && ip <= this.lastUsable && ip !== this.gateway;
  }
}
