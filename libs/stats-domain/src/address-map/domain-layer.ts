import type { AddressEntry } from './address-entry.js';
import { InvalidAddressReportError } from './address-map.errors.js';

/**
 * One domain's own claims, by canonical IP and by canonical MAC; later entries win a duplicate, as in
 * `AddressIndex.build`. A layer lives as long as its domain and is changed in place: replacing a small domain
 * among many then allocates nothing long-lived, so following the map does not feed the old generation of the
 * heap (whose collections are what a switch would feel as pauses).
 */
export interface DomainLayer {
  readonly byIp: Map<string, AddressEntry>;
  readonly byMac: Map<string, AddressEntry>;
  /**
   * How many of its claims (IPs and MACs) a more recently written domain answers for instead. While none, the
   * index already answers every claim of this domain that did not change with this domain's entry, and a rewrite
   * only touches the claims that changed.
   */
  shadowed: number;
}

/** How a replacement changed a layer: claims it dropped (to hand on) and claims it holds with a new entry. */
export interface LayerChange {
  readonly droppedIps: [string, AddressEntry][];
  readonly droppedMacs: [string, AddressEntry][];
  /** Each with the entry the layer held for it before (undefined for a new claim). */
  readonly changedIps: [string, AddressEntry | undefined][];
  readonly changedMacs: [string, AddressEntry | undefined][];
}

export function emptyDomainLayer(): DomainLayer {
  return { byIp: new Map(), byMac: new Map(), shadowed: 0 };
}

const FIELDS = ['mac', 'ip', 'vmId', 'hostId', 'domainId', 'tenantId'] as const;

/** Refuses entries an index cannot hold, before anything changes. Runs per entry of every update: allocates nothing when valid. */
export function checkDomainEntries(entries: readonly AddressEntry[]): void {
  if (!Array.isArray(entries)) throw new InvalidAddressReportError([{ field: 'entries', message: 'must be an array' }]);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (typeof e !== 'object' || e === null) throw new InvalidAddressReportError([{ field: `entries.${i}`, message: 'must be an address entry' }]);
    const valid = typeof e.mac === 'string' && typeof e.ip === 'string' && typeof e.vmId === 'string'
      && typeof e.hostId === 'string' && typeof e.domainId === 'string' && typeof e.tenantId === 'string';
    if (!valid) {
      throw new InvalidAddressReportError(FIELDS.filter((f) => typeof e[f] !== 'string').map((f) => ({ field: `entries.${i}.${f}`, message: `${f} must be a string` })));
    }
  }
}

/**
 * Makes the layer hold exactly `entries` (already checked) and says what changed. An entry equal to the one held
 * for its IP keeps the held object, so a re-sent domain's unchanged VMs stay as they are (and count as unchanged)
 * and the freshly parsed copies die young.
 */
export function replaceLayerEntries(layer: DomainLayer, entries: readonly AddressEntry[]): LayerChange {
  const change: LayerChange = { droppedIps: [], droppedMacs: [], changedIps: [], changedMacs: [] };
  // 1. drop what the new entries no longer claim (short-lived sets: they never outlive this call)
  if (layer.byIp.size > 0) {
    const ips = new Set<string>();
    const macs = new Set<string>();
    for (const e of entries) {
      ips.add(e.ip);
      macs.add(e.mac);
    }
    for (const [ip, e] of layer.byIp) {
      if (ips.has(ip)) continue;
      layer.byIp.delete(ip);
      change.droppedIps.push([ip, e]);
    }
    for (const [mac, e] of layer.byMac) {
      if (macs.has(mac)) continue;
      layer.byMac.delete(mac);
      change.droppedMacs.push([mac, e]);
    }
  }
  // 2. claim the new entries, in order, so the later of two entries for one address wins
  for (const given of entries) {
    const held = layer.byIp.get(given.ip);
    const e = held !== undefined && sameEntry(held, given) ? held : given;
    if (held !== e) {
      layer.byIp.set(e.ip, e);
      change.changedIps.push([e.ip, held]);
    }
    const heldForMac = layer.byMac.get(e.mac);
    if (heldForMac !== e) {
      layer.byMac.set(e.mac, e);
      change.changedMacs.push([e.mac, heldForMac]);
    }
  }
  return change;
}

function sameEntry(a: AddressEntry, b: AddressEntry): boolean {
  return a.ip === b.ip && a.mac === b.mac && a.vmId === b.vmId && a.hostId === b.hostId && a.domainId === b.domainId && a.tenantId === b.tenantId;
}
