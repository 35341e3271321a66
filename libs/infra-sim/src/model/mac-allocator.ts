import { AddressInUseError, InvalidRequestError, PoolExhaustedError } from './sim-errors.js';

const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

export function normalizeMac(mac: string): string {
  const m = mac.trim().toLowerCase().replaceAll('-', ':');
  if (!MAC.test(m)) throw new InvalidRequestError(`${mac} is not a MAC address`);
  return m;
}

/**
 * Hands out MAC addresses of one site from its prefix and remembers every MAC in use in the site, including ones
 * asked for explicitly from outside the prefix (a port whose address another site's VIM allocated).
 */
export class MacAllocator {
  private readonly used = new Set<string>();
  private readonly prefix: string;
  private readonly suffixOctets: number;
  private readonly space: number;
  private next = 1;

  constructor(prefix: string) {
    this.prefix = prefix.toLowerCase();
    this.suffixOctets = 6 - this.prefix.split(':').length;
    this.space = 256 ** this.suffixOctets;
  }

  allocate(): string {
    // Sequential with wrap-around: at most one pass over the space, and in practice O(1) since frees are rare.
    for (let tried = 0; tried < this.space; tried++) {
      const candidate = this.format(this.next);
      this.next = (this.next + 1) % this.space;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    throw new PoolExhaustedError(`MAC prefix ${this.prefix}`);
  }

  reserve(mac: string): string {
    const m = normalizeMac(mac);
    if (this.used.has(m)) throw new AddressInUseError('mac', m);
    this.used.add(m);
    return m;
  }

  release(mac: string): void {
    this.used.delete(mac);
  }

  isUsed(mac: string): boolean {
    return this.used.has(normalizeMac(mac));
  }

  private format(n: number): string {
    const octets: string[] = [];
    for (let i = 0; i < this.suffixOctets; i++) {
      octets.unshift((n % 256).toString(16).padStart(2, '0'));
      n = Math.floor(n / 256);
    }
    return `${this.prefix}:${octets.join(':')}`;
  }
}
