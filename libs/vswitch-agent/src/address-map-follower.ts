import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv';
import type { QueuedIterator } from '@nats-io/transport-node';
import { ADDRESS_MAP_ALL_KEYS, addressMapLayerId } from '#vorch/contracts';
import { DomainLayeredAddressIndex, type AddressEntry, type AddressIndex } from '#vorch/stats-domain';
import { streamReplicas } from '#vorch/messaging';
import { createLogger } from '#vorch/telemetry';

const log = createLogger('vswitch-agent');

/**
 * What the controller stores under `domain.<domainId>.<shard>` in the address map bucket: the entries of the domain
 * whose VM id hashes to `shard` of `shards`. A value under an old unsharded key (`domain.<domainId>`) has no
 * `shard`/`shards` and holds the whole domain.
 */
export interface DomainAddressesValue {
  domainId: string;
  version: number;
  shard?: number;
  shards?: number;
  entries: AddressEntry[];
}

/** The bucket's settings; the controller and every switch open it with these so either may create it first. */
export const ADDRESS_MAP_BUCKET_OPTIONS = { history: 1 } as const;

/** Creates the bucket when missing (with VORCH_STREAM_REPLICAS copies); an existing bucket is used as it is. */
export async function openAddressMapBucket(nc: NatsConnection, bucket: string, replicas = streamReplicas()): Promise<KV> {
  return new Kvm(nc).create(bucket, { ...ADDRESS_MAP_BUCKET_OPTIONS, replicas });
}

/**
 * A switch's copy of the address map, kept current by a KV watch. A watch delivers every key's current value
 * first and then each update, so a switch that was offline (or starts late) catches up without asking.
 * `revision` is the bucket revision last applied: the same number on every switch once they have converged.
 *
 * Every key is one layer of stats-domain's `DomainLayeredAddressIndex` (layer id `<domainId>.<shard>`, or
 * `<domainId>` for an old unsharded key): a layer is replaced as a whole in O(size of that shard), and the most
 * recently written layer wins an address two layers claim. That is how an address moving between two VMs of one
 * domain in different shards ends with its new owner: the controller writes the gaining shard first (the later
 * write wins), then the losing shard without it; written the other way round, the address is briefly unknown and
 * then the gaining shard's write brings it back.
 *
 * While catching up (the watch reports values still pending behind the one delivered), values are gathered and
 * applied once per burst, and only each key's latest value in the burst is parsed: a switch catching up on many
 * keys, or on several writes of one, does the work once. A live update is applied as it arrives. Either way a
 * burst is applied in one synchronous pass, so classification never sees a shard half-applied.
 */
export class AddressMapFollower {
  private readonly current = new DomainLayeredAddressIndex();
  /** Each layer's (key's) latest unapplied value, in write order (re-inserting moves a layer last). */
  private readonly pending = new Map<string, KvWatchEntry>();
  private pendingRevision = 0;
  private applyScheduled = false;
  private onApplied?: (revision: number, at: number) => void;
  private watcher?: QueuedIterator<KvWatchEntry>;
  private readonly waiters = new Set<{ revision: number; resolve: () => void }>();
  revision = 0;

  private constructor(private readonly kv: KV) {}

  static async start(nc: NatsConnection, bucket: string, onApplied?: (revision: number, at: number) => void): Promise<AddressMapFollower> {
    const follower = new AddressMapFollower(await openAddressMapBucket(nc, bucket));
    follower.onApplied = onApplied;
    follower.watcher = await follower.kv.watch({ key: ADDRESS_MAP_ALL_KEYS });
    void follower.follow(follower.watcher);
    return follower;
  }

  get index(): AddressIndex {
    return this.current;
  }

  /** Resolves once the map has applied the given bucket revision (or a later one). */
  waitForRevision(revision: number): Promise<void> {
    if (this.revision >= revision) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ revision, resolve }));
  }

  stop(): void {
    this.watcher?.stop();
  }

  private async follow(watcher: QueuedIterator<KvWatchEntry>): Promise<void> {
    for await (const e of watcher) {
      const layerId = addressMapLayerId(e.key);
      this.pending.delete(layerId);
      this.pending.set(layerId, e);
      this.pendingRevision = Math.max(this.pendingRevision, e.revision);
      // The watch says how many values are still on their way behind this one. While some are (catching up),
      // they are gathered and applied in one pass; the last one applies them all. A live update (nothing behind
      // it) is applied at once, so its message and parsed copy die young instead of waiting for other switches'
      // turns. The next-turn fallback keeps a pending count that never drains from holding values back.
      if ((e.delta ?? 0) === 0) this.applyBurst();
      else if (!this.applyScheduled) {
        this.applyScheduled = true;
        setImmediate(() => this.applyBurst());
      }
    }
  }

  private applyBurst(): void {
    this.applyScheduled = false;
    if (this.pending.size === 0) return;
    for (const [layerId, e] of this.pending) {
      try {
        if (e.operation === 'DEL' || e.operation === 'PURGE') this.current.forgetDomain(layerId, e.revision);
        else this.current.replaceDomain(layerId, e.json<DomainAddressesValue>().entries, e.revision);
      } catch (err) {
        // A value we cannot read must not stop the switch from following later, valid ones; the layer keeps
        // the last value it could read.
        log.warn({ err, key: e.key, revision: e.revision }, 'address map entry ignored');
      }
    }
    this.pending.clear();
    this.revision = this.pendingRevision;
    this.onApplied?.(this.revision, Date.now());
    for (const w of this.waiters) {
      if (this.revision >= w.revision) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }
}
