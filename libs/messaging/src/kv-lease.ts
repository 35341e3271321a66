import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { VorchError } from '#vorch/contracts';
import { streamReplicas } from './stream-replicas.js';

export interface KvLeaseOptions {
  /**
   * The KV bucket. A bucket's ttl (max age) is one for all its keys, so the default is one bucket per ttl,
   * `VORCH_LEASES_<ttlMs>MS`, shared by every lease of that ttl; a named bucket must have been created with this ttl.
   */
  bucket?: string;
  /** One key per lease, e.g. `inventory.discovery`. */
  key: string;
  /** How long the lease outlives its holder's last renewal: renew well within it (a third of it, say). */
  ttlMs: number;
  /** JetStream replicas of a bucket this call creates (default VORCH_STREAM_REPLICAS, else 1; 3 on a 3-node cluster survives a node). */
  replicas?: number;
}

/** The lease bucket exists with another max age than the lease asks for: its expiry would not be the lease's. */
export class LeaseBucketTtlMismatchError extends VorchError {
  constructor(bucket: string, wantedMs: number, actualMs: number) {
    super('LEASE.BUCKET_TTL_MISMATCH', `lease bucket ${bucket} expires keys after ${actualMs} ms, not the ${wantedMs} ms asked for`, 500, {
      bucket,
      wantedMs,
      actualMs,
    });
  }
}

export class LeaseTtlInvalidError extends VorchError {
  constructor(ttlMs: number) {
    super('LEASE.TTL_INVALID', `a lease ttl must be a whole number of milliseconds, at least 100 (got ${ttlMs})`, 400, { field: 'ttlMs' });
  }
}

export function leaseBucketFor(ttlMs: number): string {
  return `VORCH_LEASES_${ttlMs}MS`;
}

/**
 * "Only one replica does this", on NATS KV as nats-server 2.9 offers it, with every expiry judged by the SERVER's
 * clock: the bucket's max age removes a key its holder stopped renewing, so replicas never compare timestamps.
 * - taking is `create` (refused while the key exists, so two replicas never both take it);
 * - renewing is `update` on the revision this holder wrote (a compare-and-set: it fails once another holder
 *   has written), and a new message restarts the key's age;
 * - releasing deletes the key on its revision, so another replica takes over at once.
 * A holder also keeps its own deadline, measured on its monotonic clock from before the write that took or renewed
 * the lease: the server counts the age from a later instant, so `heldUntil` never outlasts the key (no skew involved).
 */
export class KvLease {
  readonly holder = randomUUID();
  /** performance.now() until which this process may act as the holder; 0 when it does not hold the lease. */
  private deadline = 0;

  private constructor(
    private readonly kv: KV,
    readonly key: string,
    readonly ttlMs: number,
  ) {}

  static async open(nc: NatsConnection, o: KvLeaseOptions): Promise<KvLease> {
    if (!Number.isInteger(o.ttlMs) || o.ttlMs < 100) throw new LeaseTtlInvalidError(o.ttlMs);
    const bucket = o.bucket ?? leaseBucketFor(o.ttlMs);
    // An existing bucket is opened as it is (the client does not change its config): check that its age is ours.
    const kv = await new Kvm(nc).create(bucket, { history: 1, ttl: o.ttlMs, replicas: o.replicas ?? streamReplicas() });
    const actual = (await kv.status()).ttl;
    if (actual !== o.ttlMs) throw new LeaseBucketTtlMismatchError(bucket, o.ttlMs, actual);
    return new KvLease(kv, o.key, o.ttlMs);
  }

  /** True while this process may act as the holder by its own clock (it renewed less than a ttl ago). */
  get held(): boolean {
    return this.deadline > performance.now();
  }

  /** How much longer this process may act as the holder without renewing (0 when it does not hold the lease). */
  get remainingMs(): number {
    return Math.max(0, this.deadline - performance.now());
  }

  /** Takes the lease when free, renews it when this process holds it; false when another replica holds it. */
  async hold(): Promise<boolean> {
    const sentAt = performance.now();
    const entry = await this.kv.get(this.key);
    const ours = entry?.operation === 'PUT' && entry.string() === this.holder;
    try {
      if (ours) await this.kv.update(this.key, this.holder, entry.revision);
      else if (entry?.operation === 'PUT') return this.lost();
      else await this.kv.create(this.key, this.holder);
    } catch (err) {
      // The revision moved on (another replica took the key after ours expired) or the key exists: not ours.
      if (isWrongLastSequence(err)) return this.lost();
      throw err;
    }
    this.deadline = sentAt + this.ttlMs;
    return true;
  }

  /** Gives the lease up at once (on stop), so another replica need not wait for it to expire. */
  async release(): Promise<void> {
    this.deadline = 0;
    const entry = await this.kv.get(this.key);
    if (entry?.operation !== 'PUT' || entry.string() !== this.holder) return;
    await this.kv.delete(this.key, { previousSeq: entry.revision }).catch(() => undefined);
  }

  private lost(): false {
    this.deadline = 0;
    return false;
  }
}

/** JetStream's "wrong last sequence" (10071), what a create on an existing key and a stale update both answer. */
function isWrongLastSequence(err: unknown): boolean {
  const e = err as { code?: unknown; message?: string };
  return e?.code === 10071 || /wrong last sequence/i.test(e?.message ?? '');
}
