import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager } from '@nats-io/jetstream';
import { VorchError, type CommandMeta } from '#vorch/contracts';
import { testNats, type TestNats } from '#vorch/testing';
import { IpamLedger, poolOf } from './ipam-ledger.js';
import { PoolWriter } from './pool-writer.js';

let seq = 0;
const meta = (): CommandMeta => ({ commandId: `c-${Date.now()}-${seq++}`, tenantId: 'acme', correlationId: 'corr' });

describe('address manager ledger and pool writers (real NATS JetStream)', () => {
  let t: TestNats;
  let stream: string;
  const open = () => IpamLedger.open(t.nc, { stream, subjectPrefix: `${t.prefix}.ipam`, snapshotBucket: `${t.prefix}_snap` });
  let pools = 0;
  const newPool = async (ledger: IpamLedger, cidr: string) => {
    const poolId = `pool-${++pools}`;
    await ledger.pool(poolId, { type: 'CreatePool', poolId, networkId: 'net', definition: { cidr } }, meta());
    return poolId;
  };
  const commits = async (poolId: string) => {
    const jsm = await jetstreamManager(t.nc);
    const info = await jsm.streams.info(stream, { subjects_filter: `${t.prefix}.ipam.pool.${poolId}` });
    return Object.values(info.state.subjects ?? {})[0] ?? 0;
  };

  before(async () => {
    t = await testNats();
    stream = `${t.prefix.toUpperCase()}_IPAM`;
  });
  after(() => t.cleanup());

  it('given 64 parallel requests on one /24, then 64 distinct addresses, no error, and far fewer than 64 commits', async () => {
    const ledger = await open();
    const writer = new PoolWriter(ledger);
    const poolId = await newPool(ledger, '10.0.0.0/24');
    const got = await Promise.all(Array.from({ length: 64 }, (_, i) => writer.allocateNext(poolId, { portId: `p${i}` }, meta())));
    assert.equal(new Set(got).size, 64);
    assert.ok(!got.includes('10.0.0.1'), 'never the gateway');
    assert.ok((await commits(poolId)) < 40, `batched: ${await commits(poolId)} commits`);
  });

  it('given two replicas allocating from one pool at once, then they never hand out one address twice', async () => {
    const [a, b] = [await open(), await open()];
    const poolId = await newPool(a, '10.1.0.0/24');
    const [wa, wb] = [new PoolWriter(a), new PoolWriter(b)];
    const got = await Promise.all(
      Array.from({ length: 64 }, (_, i) => (i % 2 ? wa : wb).allocateNext(poolId, { portId: `r${i}` }, meta())),
    );
    assert.equal(new Set(got).size, 64);
    const fresh = poolOf(await (await open()).loadPool(poolId))!;
    assert.equal(fresh.allocations().length, 64, 'a restarted replica replays the same ledger');
  });

  it('given a pool running out mid-batch, then those that fit get an address and the rest a 409 POOL.EXHAUSTED', async () => {
    const ledger = await open();
    const writer = new PoolWriter(ledger);
    const poolId = await newPool(ledger, '10.2.0.0/28'); // 14 hosts, one is the gateway
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => writer.allocateNext(poolId, { portId: `x${i}` }, meta())));
    const ok = settled.filter((s) => s.status === 'fulfilled');
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    assert.equal(ok.length, 13);
    assert.equal(refused.length, 7);
    assert.ok(refused.every((r) => r.reason instanceof VorchError && r.reason.code === 'POOL.EXHAUSTED' && r.reason.status === 409));
  });

  it('given a release on another replica, then a replica with the pool in memory sees it before refusing', async () => {
    const [a, b] = [await open(), await open()];
    const poolId = await newPool(a, '10.3.0.0/29');
    const wa = new PoolWriter(a);
    const first = await wa.allocateNext(poolId, { portId: 'holder' }, meta());
    await assert.rejects(wa.run(poolId, { type: 'AllocateSpecific', portId: 'other', address: first }, meta()), (err: VorchError) => err.code === 'ADDRESS.TAKEN' && err.message.includes('holder'));
    await new PoolWriter(b).run(poolId, { type: 'ReleaseAddress', address: first, portId: 'holder' }, meta());
    await wa.run(poolId, { type: 'AllocateSpecific', portId: 'other', address: first }, meta());
    assert.equal(poolOf(await b.loadPool(poolId))!.allocations()[0]!.portId, 'other');
  });

  it('gives a repeated command (same id) no second effect', async () => {
    const ledger = await open();
    const poolId = await newPool(ledger, '10.4.0.0/24');
    const m = meta();
    const writer = new PoolWriter(ledger);
    await writer.run(poolId, { type: 'AllocateSpecific', portId: 'p', address: '10.4.0.9' }, m);
    await writer.run(poolId, { type: 'ReleaseAddress', address: '10.4.0.9' }, meta());
    await writer.run(poolId, { type: 'AllocateSpecific', portId: 'p', address: '10.4.0.9' }, m);
    assert.equal(poolOf(await ledger.loadPool(poolId))!.allocations().length, 0, 'the resent allocation was not applied again');
  });

  it('hands out each VNI once across the federation and gives a retried network the same one', async () => {
    const ledger = await open();
    await ledger.ensureSegmentSpace('vxlan', 100, 102, meta());
    await ledger.ensureSegmentSpace('vxlan', 100, 102, meta());
    const ids = await Promise.all(['n1', 'n2', 'n3'].map((n) => ledger.allocateSegment('vxlan', n, meta())));
    assert.deepEqual([...ids].sort(), [100, 101, 102]);
    assert.equal(await ledger.allocateSegment('vxlan', 'n2', meta()), ids[1]);
    await assert.rejects(ledger.allocateSegment('vxlan', 'n4', meta()), (err: VorchError) => err.status === 409);
  });
});
