import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv';
import type { QueuedIterator } from '@nats-io/transport-node';
import { AddressIndex, type AddressEntry } from '#vorch/stats-domain';
import { createLogger } from '#vorch/telemetry';

const log = createLogger('vswitch-agent');

/** What the controller stores under `domain.<domainId>` in the address map bucket. */
export interface DomainAddressesValue {
  domainId: string;
  version: number;
  entries: AddressEntry[];
}

/** The bucket's settings; the controller and every switch open it with these so either may create it first. */
export const ADDRESS_MAP_BUCKET_OPTIONS = { history: 1 } as const;

export async function openAddressMapBucket(nc: NatsConnection, bucket: string): Promise<KV> {
  return new Kvm(nc).create(bucket, ADDRESS_MAP_BUCKET_OPTIONS);
}

/**
 * A switch's copy of the address map, kept current by a KV watch. A watch delivers every key's current value
 * first and then each update, so a switch that was offline (or starts late) catches up without asking.
 * `revision` is the bucket revision last applied: the same number on every switch once they have converged.
 *
 * Domains are replaced as a whole, and the most recently written domain wins an address two domains claim — the
 * rules of stats-domain's address map. The index is rebuilt once per burst of updates rather than per update,
 * so a switch catching up on many domains does the work once.
 */
export class AddressMapFollower {
  private readonly domains = new Map<string, AddressEntry[]>();
  private current = AddressIndex.empty();
  private pendingRevision = 0;
  private rebuildScheduled = false;
  private onApplied?: (revision: number, at: number) => void;
  private watcher?: QueuedIterator<KvWatchEntry>;
  private readonly waiters = new Set<{ revision: number; resolve: () => void }>();
  revision = 0;

  private constructor(private readonly kv: KV) {}

  static async start(nc: NatsConnection, bucket: string, onApplied?: (revision: number, at: number) => void): Promise<AddressMapFollower> {
    const follower = new AddressMapFollower(await openAddressMapBucket(nc, bucket));
    follower.onApplied = onApplied;
    follower.watcher = await follower.kv.watch({ key: 'domain.>' });
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
      try {
        this.apply(e);
      } catch (err) {
        // A value we cannot read must not stop the switch from following later, valid ones.
        log.warn({ err, key: e.key, revision: e.revision }, 'address map entry ignored');
      }
      this.pendingRevision = Math.max(this.pendingRevision, e.revision);
      if (!this.rebuildScheduled) {
        this.rebuildScheduled = true;
        setImmediate(() => this.rebuild());
      }
    }
  }

  private apply(e: KvWatchEntry): void {
    const domainId = e.key.slice('domain.'.length);
    // Re-inserting moves the domain last, so its addresses win over stale claims by other domains.
    this.domains.delete(domainId);
    if (e.operation === 'DEL' || e.operation === 'PURGE') return;
    this.domains.set(domainId, e.json<DomainAddressesValue>().entries);
  }

  private rebuild(): void {
    this.rebuildScheduled = false;
    this.current = AddressIndex.build(this.pendingRevision, [...this.domains.values()].flat());
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
