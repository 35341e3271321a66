// npm run bench -- ipam
// The address manager's allocation path as the service runs it (per-pool writer coalescing concurrent requests
// into AllocateNextBatch, event store on the shared NATS), without the bus hop in front of it:
// - allocate-1-client / allocate-64-clients: next-free allocations per second on one pool, with the number of
//   addresses handed out twice (`duplicates`, must be 0); the 64-client case's baseline is the 1-client rate.
// - allocate-slash8-p50/p99 and allocate-ipv6-slash64-p50/p99: latency of one allocation from a /8 and an IPv6 /64
//   that already hold 20,000 allocations (the pool never scans the prefix).
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { CommandMeta } from '#vorch/contracts';
import { natsUrl } from '#vorch/testing';
import { IpamLedger } from '../../apps/network-stitching/src/address-manager/ipam-ledger.js';
import { PoolWriter } from '../../apps/network-stitching/src/address-manager/pool-writer.js';
import { percentile } from './bench-report.js';

const run = `bench${randomBytes(3).toString('hex')}`;
const STREAM = `${run.toUpperCase()}_IPAM`;
let commands = 0;
const meta = (): CommandMeta => ({ commandId: `${run}-${++commands}`, tenantId: 'bench', correlationId: run });

function emit(c: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: 'ipam', case: c, value: Math.round(value * 100) / 100, unit, ...extra }));
}


async function main(): Promise<void> {
  const nc = await connect({ servers: natsUrl() });
  const ledger = await IpamLedger.open(nc, { stream: STREAM, subjectPrefix: `${run}.ipam` });
  const writer = new PoolWriter(ledger);
  let pools = 0;
  const newPool = async (cidr: string) => {
    const poolId = `${run}-pool-${++pools}`;
    await ledger.pool(poolId, { type: 'CreatePool', poolId, networkId: run, definition: { cidr } }, meta());
    return poolId;
  };
  try {
    // 1 client: each allocation awaited before the next
    const single = await newPool('10.1.0.0/16');
    const singleAddresses: string[] = [];
    let t = performance.now();
    for (let i = 0; i < 500; i++) singleAddresses.push(await writer.allocateNext(single, { portId: `s${i}` }, meta()));
    const singleRate = singleAddresses.length / ((performance.now() - t) / 1000);
    emit('allocate-1-client', singleRate, 'allocations/s', { duplicates: singleAddresses.length - new Set(singleAddresses).size });

    // 64 clients on one pool, each awaiting its own allocations in turn
    const shared = await newPool('10.2.0.0/16');
    const sharedAddresses: string[] = [];
    t = performance.now();
    await Promise.all(
      Array.from({ length: 64 }, async (_, c) => {
        for (let i = 0; i < 40; i++) sharedAddresses.push(await writer.allocateNext(shared, { portId: `c${c}-${i}` }, meta()));
      }),
    );
    const sharedRate = sharedAddresses.length / ((performance.now() - t) / 1000);
    emit('allocate-64-clients', sharedRate, 'allocations/s', {
      duplicates: sharedAddresses.length - new Set(sharedAddresses).size,
      baseline: Math.round(singleRate * 100) / 100,
      ratio: Math.round((sharedRate / singleRate) * 100) / 100,
    });

    // latency from huge prefixes already holding many allocations
    for (const [name, cidr] of [['slash8', '10.0.0.0/8'], ['ipv6-slash64', 'fd00:1:2:3::/64']] as const) {
      const poolId = await newPool(cidr);
      for (let b = 0; b < 80; b++) {
        await ledger.pool(poolId, { type: 'AllocateNextBatch', ports: Array.from({ length: 250 }, (_, i) => ({ portId: `fill-${b}-${i}` })) }, meta());
      }
      const latencies: number[] = [];
      for (let i = 0; i < 200; i++) {
        const start = performance.now();
        await writer.allocateNext(poolId, { portId: `lat-${i}` }, meta());
        latencies.push(performance.now() - start);
      }
      emit(`allocate-${name}-p50`, percentile(latencies, 50), 'ms', { allocated: 20200 });
      emit(`allocate-${name}-p99`, percentile(latencies, 99), 'ms', { allocated: 20200 });
    }
  } finally {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(STREAM).catch(() => undefined);
    await jsm.streams.delete(`KV_SNAP_${STREAM}`).catch(() => undefined);
    await nc.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
