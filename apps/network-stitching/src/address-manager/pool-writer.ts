import { ulid } from 'ulid';
import { Counter, Histogram } from 'prom-client';
import { type CommandMeta } from '#vorch/contracts';
import { PoolExhaustedError, type AddressPoolCommand } from '#vorch/ipam-domain';
import { metricsRegistry } from '#vorch/telemetry';
import { poolOf, type IpamLedger } from './ipam-ledger.js';

export interface PortRef {
  portId: string;
  mac?: string;
  site?: string;
}

type Job =
  | { kind: 'next'; port: PortRef; meta: CommandMeta; resolve: (address: string) => void; reject: (err: unknown) => void }
  | { kind: 'command'; command: AddressPoolCommand; meta: CommandMeta; resolve: (v: unknown) => void; reject: (err: unknown) => void };

const BATCH_LIMIT = 256;

const batchSize = new Histogram({
  name: 'vorch_ipam_allocation_batch_size',
  help: 'Next-free allocations decided together in one commit',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  registers: [metricsRegistry],
});
const allocations = new Counter({ name: 'vorch_ipam_allocations_total', help: 'Addresses allocated by the address manager', registers: [metricsRegistry] });

/**
 * One writer per pool in this replica. Next-free requests that arrive while a commit is in flight wait and are
 * then decided together as one AllocateNextBatch: 64 parallel requests cost a handful of appends instead of 64
 * appends racing on the same aggregate. Other replicas still race; handleCommand's reload-and-retry settles that.
 */
export class PoolWriter {
  private readonly queues = new Map<string, Job[]>();

  constructor(private readonly ledger: IpamLedger) {}

  allocateNext(poolId: string, port: PortRef, meta: CommandMeta): Promise<string> {
    return new Promise((resolve, reject) => this.enqueue(poolId, { kind: 'next', port, meta, resolve, reject }));
  }

  /** Any other pool command, in order with the allocations of this replica. */
  run(poolId: string, command: AddressPoolCommand, meta: CommandMeta): Promise<unknown> {
    return new Promise((resolve, reject) => this.enqueue(poolId, { kind: 'command', command, meta, resolve, reject }));
  }

  private enqueue(poolId: string, job: Job): void {
    const queue = this.queues.get(poolId);
    if (queue) {
      queue.push(job);
      return;
    }
    this.queues.set(poolId, [job]);
    void this.drain(poolId);
  }

  private async drain(poolId: string): Promise<void> {
    const queue = this.queues.get(poolId)!;
    while (queue.length > 0) {
      const head = queue[0];
      if (head.kind === 'command') {
        queue.shift();
        await this.ledger.pool(poolId, head.command, head.meta).then(head.resolve, head.reject);
        continue;
      }
      let n = 0;
      while (n < queue.length && n < BATCH_LIMIT && queue[n].kind === 'next') n++;
      const batch = queue.splice(0, n) as Extract<Job, { kind: 'next' }>[];
      await this.allocateBatch(poolId, batch);
    }
    this.queues.delete(poolId);
  }

  private async allocateBatch(poolId: string, batch: Extract<Job, { kind: 'next' }>[]): Promise<void> {
    batchSize.observe(batch.length);
    const first = batch[0];
    const command: AddressPoolCommand =
      batch.length === 1 ? { type: 'AllocateNext', ...first.port } : { type: 'AllocateNextBatch', ports: batch.map((j) => j.port) };
    // A lone request keeps its own command id (a retry of it is then a duplicate); a batch is a new decision.
    const meta = batch.length === 1 ? first.meta : { ...first.meta, commandId: `batch-${ulid()}`, causationId: first.meta.commandId };
    try {
      const r = await this.ledger.pool(poolId, command, meta);
      const pool = poolOf(r.state);
      for (const job of batch) {
        const held = pool?.addressOf(job.port.portId);
        if (pool && held !== undefined) {
          allocations.inc();
          job.resolve(pool.format(held));
        } else job.reject(new Error(`allocation for ${job.port.portId} not recorded`));
      }
    } catch (err) {
      // An exhausted pool refuses the whole batch; decided one by one, those that still fit get their address.
      if (err instanceof PoolExhaustedError && batch.length > 1) {
        for (const job of batch) await this.allocateBatch(poolId, [job]);
        return;
      }
      for (const job of batch) job.reject(err);
    }
  }
}
