import { vmIdHash, type AddressEntry } from '#vorch/stats-domain';

/**
 * Average size a shard is allowed before the domain's shard count doubles. Every switch parses a whole shard when
 * it changes, so smaller shards make a change cheaper to follow; more keys cost a little more at catch-up. A
 * 100-VM domain (~11 KB) becomes 2 shards, a 20,000-VM domain (~2.2 MB) 512.
 */
export const TARGET_SHARD_BYTES = 8 * 1024;
/** No single value may exceed this (hashing is uneven, a VM may have many ports): far below the 1 MB payload limit. */
export const MAX_SHARD_BYTES = 64 * 1024;
/** Beyond this a domain is not split further (a 64 KB shard each: ~7 million VMs). */
export const MAX_SHARDS = 1 << 16;

/** A domain's entries laid out over its shards: `contents[s]` is the JSON array of shard s's entries ('[]' when empty). */
export interface ShardLayout {
  shards: number;
  contents: string[];
  entries: AddressEntry[][];
}

/** FNV-1a (32 bit) of the VM id: stable across processes and versions, so a VM stays in its shard. */
export const vmHash = vmIdHash;

export const shardOfVm = (vmId: string, shards: number) => vmHash(vmId) % shards;

/**
 * Splits a domain's entries over shards by VM. The count never shrinks below `held` (the count the bucket already
 * uses), so a domain that loses VMs does not re-shuffle every shard; it doubles while the average shard would pass
 * TARGET_SHARD_BYTES or one shard passes MAX_SHARD_BYTES. Doubling splits each shard s into s and s + held, so a
 * growth moves every entry at most once. Entries are copied with one key order and sorted, so the same entries
 * always give the same text, whatever order the merge produced them in: that text is what decides "changed".
 */
export function layoutShards(entries: readonly AddressEntry[], held: number): ShardLayout {
  // 1. canonical copies, in a stable order
  const canonical = entries
    .map((e): AddressEntry => ({ mac: e.mac, ip: e.ip, vmId: e.vmId, hostId: e.hostId, domainId: e.domainId, tenantId: e.tenantId }))
    .sort(compareEntries);
  const texts = canonical.map((e) => JSON.stringify(e));
  const total = texts.reduce((n, t) => n + t.length + 1, 2);
  // 2. enough shards for the average
  let shards = Math.max(1, held);
  while (shards < MAX_SHARDS && total > shards * TARGET_SHARD_BYTES) shards *= 2;
  // 3. and for the largest one
  for (;;) {
    const layout = split(canonical, texts, shards);
    if (shards >= MAX_SHARDS || layout.contents.every((c) => c.length <= MAX_SHARD_BYTES)) return layout;
    shards *= 2;
  }
}

function split(canonical: AddressEntry[], texts: string[], shards: number): ShardLayout {
  const parts: string[][] = Array.from({ length: shards }, () => []);
  const entries: AddressEntry[][] = Array.from({ length: shards }, () => []);
  for (let i = 0; i < canonical.length; i++) {
    const s = shardOfVm(canonical[i]!.vmId, shards);
    parts[s]!.push(texts[i]!);
    entries[s]!.push(canonical[i]!);
  }
  return { shards, contents: parts.map((p) => `[${p.join(',')}]`), entries };
}

function compareEntries(a: AddressEntry, b: AddressEntry): number {
  return cmp(a.vmId, b.vmId) || cmp(a.ip, b.ip) || cmp(a.mac, b.mac) || cmp(a.hostId, b.hostId) || cmp(a.tenantId, b.tenantId);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
