import type { AddressEntry } from './address-entry.js';

/**
 * O(1) lookup of the VM behind an address, by canonical IP text and by canonical MAC text (for L2-only
 * records). An index from `build` or `empty` is never changed, so a classifier can keep using one index while
 * the next one is being built. `DomainLayeredAddressIndex` is the one kind that changes: a whole domain at a
 * time, inside one synchronous call, so a reader never sees a domain half-applied.
 */
export class AddressIndex {
  protected constructor(
    protected appliedVersion: number,
    protected readonly byIp: Map<string, AddressEntry>,
    protected readonly byMac: Map<string, AddressEntry>,
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

  /** Which map this is: the decider's change count, or the bucket revision a follower applied last. */
  get version(): number {
    return this.appliedVersion;
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
