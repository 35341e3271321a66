import type { AddressEntry } from './address-entry.js';
import { AddressIndex } from './address-index.js';
import { checkDomainEntries, emptyDomainLayer, replaceLayerEntries, type DomainLayer } from './domain-layer.js';

type Claims = 'byIp' | 'byMac';

/**
 * An `AddressIndex` that takes one domain at a time, in O(size of that domain) rather than O(all domains): what a
 * switch following the distributed map needs when one domain changes among many.
 *
 * It keeps every domain's own claims (its layer) in write order next to the merged lookup maps readers use. The
 * rules are stats-domain's address map's: a domain is replaced as a whole, and the most recently written domain
 * wins an address two domains claim; when that domain stops claiming it, the most recent other domain that still
 * claims it gets it back. The result is always what `AddressIndex.build` would make of every domain's entries in
 * write order. Each entry object given belongs to one domain (the follower parses a fresh copy per value).
 *
 * Each change runs inside one synchronous call, and the entries are checked before anything is touched, so a
 * reader — which runs between event-loop turns — sees a domain either wholly old or wholly new, and a refused
 * domain leaves the index as it was.
 */
export class DomainLayeredAddressIndex extends AddressIndex {
  /** Least recently written first; a Map keeps insertion order, and re-inserting moves a domain last. */
  private readonly layers = new Map<string, DomainLayer>();

  constructor() {
    super(0, new Map(), new Map());
  }

  /** Replaces the domain's addresses as a whole and makes it the most recently written domain. */
  replaceDomain(domainId: string, entries: readonly AddressEntry[], version: number): void {
    // 1. refuse a bad entry before the index changes
    checkDomainEntries(entries);
    // 2. the domain's layer now holds exactly these entries, and it is the most recently written domain
    const layer = this.layers.get(domainId) ?? emptyDomainLayer();
    const change = replaceLayerEntries(layer, entries);
    this.layers.delete(domainId);
    this.layers.set(domainId, layer);
    // 3. being the most recent, it answers for every address it claims. Unless another domain was answering for
    //    some of them, the unchanged claims are answered with its entries already: only the changed ones are set.
    if (layer.shadowed === 0) {
      for (const [ip, held] of change.changedIps) this.answer('byIp', ip, layer.byIp.get(ip)!, held);
      for (const [mac, held] of change.changedMacs) this.answer('byMac', mac, layer.byMac.get(mac)!, held);
    } else {
      layer.byIp.forEach((e, ip) => this.answer('byIp', ip, e));
      layer.byMac.forEach((e, mac) => this.answer('byMac', mac, e));
    }
    // 4. what it no longer claims goes back to another domain's claim, or out of the index
    this.handOn('byIp', change.droppedIps);
    this.handOn('byMac', change.droppedMacs);
    layer.shadowed = 0;
    this.appliedVersion = version;
  }

  /** Removes the domain; addresses another domain also claims go back to it. */
  forgetDomain(domainId: string, version: number): void {
    const layer = this.layers.get(domainId);
    if (layer) {
      this.layers.delete(domainId);
      this.handOn('byIp', [...layer.byIp]);
      this.handOn('byMac', [...layer.byMac]);
    }
    this.appliedVersion = version;
  }

  get domainCount(): number {
    return this.layers.size;
  }

  /**
   * Sets the entry that answers for an address; the domain whose entry it replaces is now shadowed there. `held`
   * is the writing domain's own previous entry for it, which needs no owner lookup.
   */
  private answer(claims: Claims, key: string, e: AddressEntry, held?: AddressEntry): void {
    const merged = this[claims];
    const before = merged.get(key);
    if (before === e) return;
    merged.set(key, e);
    if (before === undefined || before === held) return;
    // never the writing domain itself: its own claim on this key is `e` by now
    const owner = this.ownerOf(claims, key, before);
    if (owner) owner.shadowed++;
  }

  /**
   * For each address a domain stopped claiming: if that domain was the one answering for it, the most recently
   * written domain that still claims it answers now (and is no longer shadowed there); if none does, it leaves the
   * index. An address another domain was already answering for is left alone.
   */
  private handOn(claims: Claims, dropped: readonly [string, AddressEntry][]): void {
    if (dropped.length === 0) return;
    const merged = this[claims];
    const newestFirst = [...this.layers.values()].reverse();
    for (const [key, e] of dropped) {
      if (merged.get(key) !== e) continue;
      const heir = newestFirst.find((l) => l[claims].has(key));
      if (heir) {
        merged.set(key, heir[claims].get(key)!);
        heir.shadowed--;
      } else merged.delete(key);
    }
  }

  /** The layer an entry answering for `key` came from: its own domain's, unless the entry names another. */
  private ownerOf(claims: Claims, key: string, e: AddressEntry): DomainLayer | undefined {
    const named = this.layers.get(e.domainId);
    if (named?.[claims].get(key) === e) return named;
    for (const layer of this.layers.values()) if (layer[claims].get(key) === e) return layer;
    return undefined;
  }
}
