import type { AddressEntry } from './address-entry.js';

/**
 * O(1) lookup of the VM behind an address, by canonical IP text and by canonical MAC text (for L2-only
 * records). Built from the address map state; never mutated after it is built, so a classifier can keep
 * using one index while the next one is being built.
 */
export class AddressIndex {
  private constructor(
    readonly version: number,
    private readonly byIp: ReadonlyMap<string, AddressEntry>,
    private readonly byMac: ReadonlyMap<string, AddressEntry>,
  ) {}

  static empty(): AddressIndex {
    return new AddressIndex(0, new Map(), new Map());
  }

  /** Entries must already be canonical (the decider stores them so). Later entries win on a duplicate address. */
  static build(version: number, entries: Iterable<AddressEntry>): AddressIndex {
    const byIp = new Map<string, AddressEntry>();
    const byMac = new Map<string, AddressEntry>();
    for (const e of entries) {
      byIp.set(e.ip, e);
      byMac.set(e.mac, e);
    }
    return new AddressIndex(version, byIp, byMac);
  }

  byAddress(ip: string): AddressEntry | undefined {
    return this.byIp.get(ip);
  }

  byHardwareAddress(mac: string): AddressEntry | undefined {
    return this.byMac.get(mac);
  }

  get size(): number {
    return this.byIp.size;
  }
}
