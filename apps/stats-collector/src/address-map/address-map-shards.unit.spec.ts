import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressEntry } from '#vorch/stats-domain';
import { layoutShards, MAX_SHARD_BYTES, shardOfVm, TARGET_SHARD_BYTES, vmHash } from './address-map-shards.js';

const vm = (n: number, domainId = 'dc1'): AddressEntry => ({
  tenantId: 't1', domainId, hostId: `h${n % 40}`, vmId: `vm-${n}`,
  ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, mac: `02:00:00:${((n >> 16) & 255).toString(16).padStart(2, '0')}:${((n >> 8) & 255).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`,
});
const vms = (count: number) => Array.from({ length: count }, (_, i) => vm(i + 1));
const parsedEntries = (contents: string[]) => contents.flatMap((c) => JSON.parse(c) as AddressEntry[]);

describe('address map shards', () => {
  it('hashes a VM id the same way every time (FNV-1a), so a VM keeps its shard across processes', () => {
    assert.equal(vmHash(''), 0x811c9dc5);
    assert.equal(vmHash('a'), 0xe40c292c);
    assert.equal(shardOfVm('vm-1', 8), vmHash('vm-1') % 8);
  });

  it('keeps a small domain in one shard and gives every entry exactly one shard', () => {
    const layout = layoutShards(vms(10), 0);
    assert.equal(layout.shards, 1);
    assert.equal(parsedEntries(layout.contents).length, 10);
  });

  it('splits a large domain into a power of two of shards, each well under the payload limit, by VM id', () => {
    const entries = vms(20_000);
    const layout = layoutShards(entries, 0);
    const total = JSON.stringify(entries).length;
    assert.ok(layout.shards * TARGET_SHARD_BYTES >= total, `${layout.shards} shards hold ${total} bytes`);
    assert.ok(layout.shards / 2 * TARGET_SHARD_BYTES < total, 'no more shards than needed');
    assert.equal(layout.shards & (layout.shards - 1), 0);
    for (const [s, c] of layout.contents.entries()) {
      assert.ok(c.length <= MAX_SHARD_BYTES);
      for (const e of JSON.parse(c) as AddressEntry[]) assert.equal(shardOfVm(e.vmId, layout.shards), s);
    }
    assert.deepEqual(parsedEntries(layout.contents).map((e) => e.vmId).sort(), entries.map((e) => e.vmId).sort());
  });

  it('gives the same text for the same entries whatever their order and key order', () => {
    const entries = vms(300);
    const shuffled = [...entries].reverse().map((e) => ({ vmId: e.vmId, tenantId: e.tenantId, ip: e.ip, mac: e.mac, domainId: e.domainId, hostId: e.hostId }));
    assert.deepEqual(layoutShards(shuffled, 0).contents, layoutShards(entries, 0).contents);
  });

  it('never shrinks below the count already used, and a change touches only the shard of the changed VM', () => {
    const before = layoutShards(vms(2_000), 0);
    const fewer = layoutShards(vms(10), before.shards);
    assert.equal(fewer.shards, before.shards, 'stable once chosen');
    const moved = vms(2_000).map((e) => (e.vmId === 'vm-7' ? { ...e, hostId: 'elsewhere' } : e));
    const after = layoutShards(moved, before.shards);
    const changed = after.contents.map((c, s) => (c === before.contents[s] ? -1 : s)).filter((s) => s >= 0);
    assert.deepEqual(changed, [shardOfVm('vm-7', before.shards)]);
  });

  it('doubles when it must grow, so each old shard splits into itself and one new shard', () => {
    const small = layoutShards(vms(150), 0);
    const grown = layoutShards(vms(150), small.shards * 2);
    assert.equal(grown.shards, small.shards * 2);
    for (let s = 0; s < small.shards; s++) {
      const split = [...JSON.parse(grown.contents[s]!), ...JSON.parse(grown.contents[s + small.shards]!)] as AddressEntry[];
      assert.deepEqual(split.map((e) => e.vmId).sort(), (JSON.parse(small.contents[s]!) as AddressEntry[]).map((e) => e.vmId).sort());
    }
  });
});
