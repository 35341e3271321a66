import { randomUUID } from 'node:crypto';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

interface LeaseValue {
  holder: string;
  /** Epoch ms after which another replica may take the lease. */
  until: number;
}

export interface KvLeaseOptions {
  /** Shared by every lease of the deployment; one key per lease. */
  bucket?: string;
  key: string;
  /** How long a holder keeps the lease without renewing it: far longer than a renewal interval and clock skew. */
  ttlMs: number;
  now?: () => number;
}

/**
 * "Only one replica does this", for a service without PostgreSQL (where the projections' advisory-lock leader would
 * do): one key of a NATS KV bucket names the holder and until when it holds. Taking and renewing are a
 * compare-and-set on the key's revision, so two replicas never both win the same round; a holder that crashes stops
 * renewing, and once `until` has passed another replica takes over.
 */
export class KvLease {
  readonly holder = randomUUID();
  private readonly now: () => number;

  private constructor(
    private readonly kv: KV,
    private readonly o: KvLeaseOptions,
  ) {
    this.now = o.now ?? Date.now;
  }

  static async open(nc: NatsConnection, o: KvLeaseOptions): Promise<KvLease> {
    const kv = await new Kvm(nc).create(o.bucket ?? 'VORCH_LEASES', { history: 1 });
    return new KvLease(kv, o);
  }

  /** True when this process holds the lease now: taken when free or expired, renewed when already its own. */
  async hold(): Promise<boolean> {
    const entry = await this.kv.get(this.o.key);
    const current = entry?.operation === 'PUT' ? entry.json<LeaseValue>() : undefined;
    if (current && current.holder !== this.holder && current.until > this.now()) return false;
    const value = JSON.stringify({ holder: this.holder, until: this.now() + this.o.ttlMs } satisfies LeaseValue);
    try {
      if (entry && current) await this.kv.update(this.o.key, value, entry.revision);
      else await this.kv.create(this.o.key, value);
      return true;
    } catch (err) {
      // Another replica wrote first (the revision moved on): it holds the lease this round.
      const after = await this.kv.get(this.o.key);
      if (after?.operation === 'PUT' && after.json<LeaseValue>().holder !== this.holder) return false;
      throw err;
    }
  }

  /** Gives the lease up at once (on stop), so another replica need not wait for it to expire. */
  async release(): Promise<void> {
    const entry = await this.kv.get(this.o.key);
    if (entry?.operation !== 'PUT' || entry.json<LeaseValue>().holder !== this.holder) return;
    await this.kv.delete(this.o.key, { previousSeq: entry.revision }).catch(() => undefined);
  }
}
