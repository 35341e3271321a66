/**
 * Keys of the address map bucket. The controller writes each domain as shards, `domain.<domainId>.<shard>`
 * (shard = 0 … shards-1), so no value nears the 1 MB payload limit and a change re-sends only the shards it touched.
 * A follower treats every key under `domain.` as one layer of its map, whatever follows the prefix, which is
 * why an old unsharded key (`domain.<domainId>`, written before sharding) is still followed correctly.
 */
export const ADDRESS_MAP_KEY_PREFIX = 'domain.';

/** KV key of one shard of a domain's addresses: value `{ domainId, version, shard, shards, entries }`. */
export const addressMapShardKey = (domainId: string, shard: number) => `${ADDRESS_MAP_KEY_PREFIX}${domainId}.${shard}`;

/** KV filter matching every shard key of one domain (and no other domain's shards, since shards are one token). */
export const addressMapShardKeys = (domainId: string) => `${ADDRESS_MAP_KEY_PREFIX}${domainId}.*`;

/** Every key of the bucket: what a follower watches. */
export const ADDRESS_MAP_ALL_KEYS = `${ADDRESS_MAP_KEY_PREFIX}>`;

/** The layer a key is followed as: `<domainId>.<shard>`, or `<domainId>` for an old unsharded key. */
export const addressMapLayerId = (key: string) => key.slice(ADDRESS_MAP_KEY_PREFIX.length);
