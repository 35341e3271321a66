import type { AddressEntry } from '#vorch/stats-domain';

/** Who reported a domain's addresses: a virtual switch (sees the data plane) or Vorch's inventory (asks the VIM). */
export type AddressSourceKind = 'switch' | 'inventory';

export interface AddressSource {
  /** Absent in reports recorded before inventory reported: those were all switches. */
  kind?: AddressSourceKind;
  version: number;
  entries: AddressEntry[];
  /** An inventory report split over several messages: which part this source holds. Absent: the whole report. */
  part?: { index: number; count: number };
}

/** An inventory entry left out of the distributed map because a switch (or an earlier inventory source) says otherwise. */
export interface OverruledEntry {
  sourceId: string;
  entry: AddressEntry;
  winnerSourceId: string;
  winner: AddressEntry;
}

/**
 * The domain's one map from every source's latest report. Switches' entries are all kept (the decider refused a
 * switch that gave an address to another switch's VM). Inventory entries fill in what no switch reported: where a
 * switch already holds the same IP or MAC for the same VM on the same host, the inventory's copy adds nothing;
 * where it names another VM or another host, the switch, which sees the traffic, wins and the inventory entry is
 * overruled. Inventory sources are taken in source-id order, so the result does not depend on arrival order.
 */
export function mergeAddressSources(sources: Readonly<Record<string, AddressSource>>): { entries: AddressEntry[]; overruled: OverruledEntry[] } {
  const entries: AddressEntry[] = [];
  const overruled: OverruledEntry[] = [];
  const byIp = new Map<string, { sourceId: string; entry: AddressEntry }>();
  const byMac = new Map<string, { sourceId: string; entry: AddressEntry }>();
  const claim = (sourceId: string, entry: AddressEntry) => {
    entries.push(entry);
    if (!byIp.has(entry.ip)) byIp.set(entry.ip, { sourceId, entry });
    if (!byMac.has(entry.mac)) byMac.set(entry.mac, { sourceId, entry });
  };
  // 1. every switch entry
  const ids = Object.keys(sources);
  for (const id of ids) if (sources[id]!.kind !== 'inventory') for (const e of sources[id]!.entries) claim(id, e);
  // 2. inventory entries where they agree with, or add to, what is already held
  for (const id of ids.filter((i) => sources[i]!.kind === 'inventory').sort()) {
    for (const e of sources[id]!.entries) {
      const owner = [byIp.get(e.ip), byMac.get(e.mac)].find((o) => o && (o.entry.vmId !== e.vmId || o.entry.hostId !== e.hostId));
      if (owner) overruled.push({ sourceId: id, entry: e, winnerSourceId: owner.sourceId, winner: owner.entry });
      else if (!byIp.has(e.ip)) claim(id, e);
    }
  }
  return { entries, overruled };
}
