import type { KV } from '@nats-io/kv';
import { addressMapKey, addressMapShardKey, addressMapShardKeys } from '#vorch/contracts';
import type { AddressEntry } from '#vorch/stats-domain';
import type { DomainAddressesValue } from '#vorch/vswitch-agent';
import { createLogger } from '#vorch/telemetry';
import { layoutShards } from './address-map-shards.js';

const log = createLogger('stats-collector');

/** What one key of a domain holds in the bucket, as far as this writer knows. */
interface HeldKey {
  revision: number;
  /** `<shards>|<entries JSON>`: equal text = nothing to write. */
  content: string;
  /** The key's addresses (IPs and MACs): a key taking one over from another is written first. */
  addresses: Set<string>;
}

/** A domain's keys as last written (or read back from the bucket after a restart). */
interface HeldDomain {
  /** The aggregate version these keys reflect; another number means another writer moved the domain on. */
  version: number;
  shards: number;
  keys: Map<string, HeldKey>;
}

/** Another writer (a replica) changed a key since we read it: our picture is stale, so the report is retried. */
export class AddressMapWriteConflict extends Error {}

/**
 * Writes a domain's merged map into the address map bucket as shards (`domain.<domainId>.<shard>`), putting only
 * the shards whose content changed. It remembers what it wrote; after a restart, or when the aggregate moved on
 * without it (another replica handled a report), it reads the domain's keys back from the bucket instead. Writes are
 * compare-and-set on the revision it knows, so a replica writing the same domain at once makes one of them re-read
 * and retry rather than leave a shard behind that neither one's memory matches.
 */
export class ShardedAddressMapWriter {
  private readonly domains = new Map<string, HeldDomain>();

  constructor(private readonly kv: KV) {}

  /**
   * `priorVersion` is the aggregate's version before this report's events: if it is not the version last written
   * here, someone else wrote in between and the bucket is read back first.
   */
  async write(domainId: string, priorVersion: number, version: number, entries: readonly AddressEntry[]): Promise<{ puts: number; deletes: number }> {
    // 1. what the bucket holds for the domain
    let held = this.domains.get(domainId);
    if (!held || held.version !== priorVersion) held = await this.readBack(domainId);
    this.domains.delete(domainId);
    // 2. what it should hold
    const layout = layoutShards(entries, held.shards);
    const wanted = new Map<string, { value: string; content: string; addresses: Set<string> }>();
    for (let s = 0; s < layout.shards; s++) {
      if (layout.entries[s]!.length === 0) continue;
      const content = `${layout.shards}|${layout.contents[s]}`;
      const head = JSON.stringify({ domainId, version, shard: s, shards: layout.shards } satisfies Omit<DomainAddressesValue, 'entries'>);
      wanted.set(addressMapShardKey(domainId, s), {
        content, value: `${head.slice(0, -1)},"entries":${layout.contents[s]}}`, addresses: addressesOf(layout.entries[s]!),
      });
    }
    // 3. changed shards, those taking an address over from another key first: a follower then sees the address
    //    move to its new owner (the later write wins) before the old key is rewritten without it, with no moment
    //    the address is unknown (unless two shards swap addresses, where one of them has to go first)
    const owner = new Map<string, string>();
    for (const [key, k] of held.keys) for (const a of k.addresses) owner.set(a, key);
    const changed = [...wanted].filter(([key, w]) => held.keys.get(key)?.content !== w.content);
    const takesOver = ([key, w]: (typeof changed)[number]) => [...w.addresses].some((a) => owner.has(a) && owner.get(a) !== key);
    const next: HeldDomain = { version, shards: layout.shards, keys: new Map() };
    // within a group order does not matter: the writes go out together (a 20,000-VM domain may change 500 shards)
    for (const group of [changed.filter(takesOver), changed.filter((c) => !takesOver(c))]) {
      await Promise.all(group.map(async ([key, w]) => {
        const known = held.keys.get(key)?.revision;
        const revision = await this.cas(() => (known ? this.kv.update(key, w.value, known) : this.kv.create(key, w.value)), key);
        next.keys.set(key, { revision, content: w.content, addresses: w.addresses });
      }));
    }
    for (const [key, w] of wanted) if (!next.keys.has(key)) next.keys.set(key, { ...held.keys.get(key)!, addresses: w.addresses });
    // 4. then the keys that are empty or stale (a shard past the count, the old unsharded key) go
    const stale = [...held.keys].filter(([key]) => !wanted.has(key));
    await Promise.all(stale.map(([key, k]) => this.cas(async () => (await this.kv.delete(key, { previousSeq: k.revision }), 0), key)));
    this.domains.set(domainId, next);
    return { puts: changed.length, deletes: stale.length };
  }

  /** The domain's keys as the bucket holds them: its shards and its old unsharded key. */
  private async readBack(domainId: string): Promise<HeldDomain> {
    const held: HeldDomain = { version: -1, shards: 0, keys: new Map() };
    // one filter per listing: servers before 2.10 take one filter per consumer
    const keys: string[] = [];
    for (const filter of [addressMapShardKeys(domainId), addressMapKey(domainId)]) for await (const key of await this.kv.keys(filter)) keys.push(key);
    for (const key of keys) {
      const e = await this.kv.get(key);
      if (!e || e.operation !== 'PUT') continue;
      let value: DomainAddressesValue;
      try {
        value = e.json<DomainAddressesValue>();
      } catch {
        value = { domainId, version: 0, entries: [] };
      }
      // `domain.a.1` may be the old unsharded key of a domain named `a.1`: the value says whose it is
      if (value.domainId !== domainId) continue;
      const sharded = key !== addressMapKey(domainId) && Number.isInteger(value.shards) && Number.isInteger(value.shard);
      if (sharded) held.shards = Math.max(held.shards, value.shards!);
      const entries = Array.isArray(value.entries) ? value.entries : [];
      // an unreadable or unsharded value never equals a wanted shard, so it is rewritten or deleted
      held.keys.set(key, { revision: e.revision, content: sharded ? `${value.shards}|${JSON.stringify(entries)}` : '', addresses: addressesOf(entries) });
    }
    return held;
  }

  private async cas(write: () => Promise<number>, key: string): Promise<number> {
    try {
      return await write();
    } catch (err) {
      if (!/wrong last sequence|key exists/i.test((err as Error).message)) throw err;
      log.info({ key }, 'address map key changed by another writer; the report is retried from the bucket');
      throw new AddressMapWriteConflict(`address map key ${key} changed by another writer`);
    }
  }
}

function addressesOf(entries: readonly AddressEntry[]): Set<string> {
  const addresses = new Set<string>();
  for (const e of entries) {
    if (typeof e?.ip === 'string') addresses.add(e.ip);
    if (typeof e?.mac === 'string') addresses.add(e.mac);
  }
  return addresses;
}
