import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseIp } from '../ip/ip-address.js';
import { AddressPool, type PoolSnapshot } from './address-pool.js';
import type { AddressHolder } from './address-holder.js';

const holder = (portId: string): AddressHolder => ({ portId, source: 'next-free' });
const v = (text: string) => parseIp(text).value;

/** Builds a pool holding `count` addresses from `first` on, through the snapshot path (no 100,000 evolves). */
function crowded(cidr: string, first: string, count: number): AddressPool {
  const empty = AddressPool.define({ cidr });
  const start = v(first);
  const allocations: PoolSnapshot['allocations'] = Array.from({ length: count }, (_, i) => ({
    address: empty.format(start + BigInt(i)),
    ...holder(`port-${i}`),
  }));
  return AddressPool.fromSnapshot({ layout: empty.layout, allocations });
}

describe('AddressPool.define', () => {
  it('defaults to every host address, the first one as gateway', () => {
    const pool = AddressPool.define({ cidr: '10.0.0.0/24' });
    assert.deepEqual(pool.layout, { cidr: '10.0.0.0/24', gateway: '10.0.0.1', allocationRanges: [{ start: '10.0.0.1', end: '10.0.0.254' }], reserved: [] });
    assert.equal(pool.format(pool.nextFree()!), '10.0.0.2');
    assert.equal(pool.freeHostCount, 253n);
  });

  it('normalises IPv6 text and can have no gateway at all', () => {
    const pool = AddressPool.define({ cidr: '2001:0DB8::/64', gateway: null });
    assert.equal(pool.layout.cidr, '2001:db8::/64');
    assert.equal(pool.layout.gateway, null);
    assert.equal(pool.format(pool.nextFree()!), '2001:db8::1');
  });

  it('refuses a gateway or range outside the subnet, reversed or overlapping ranges', () => {
    assert.throws(() => AddressPool.define({ cidr: '10.0.0.0/24', gateway: '10.0.1.1' }), { code: 'ADDRESS.OUT_OF_RANGE' });
    assert.throws(() => AddressPool.define({ cidr: '10.0.0.0/24', gateway: 'fe80::1' }), { code: 'ADDRESS.FAMILY_MISMATCH' });
    assert.throws(() => AddressPool.define({ cidr: '10.0.0.0/24', allocationRanges: [{ start: '10.0.0.9', end: '10.0.0.3' }] }), { code: 'POOL.INVALID' });
    assert.throws(
      () => AddressPool.define({ cidr: '10.0.0.0/24', allocationRanges: [{ start: '10.0.0.10', end: '10.0.0.20' }, { start: '10.0.0.20', end: '10.0.0.30' }] }),
      { code: 'POOL.INVALID' },
    );
    assert.throws(() => AddressPool.define({ cidr: '10.0.0.0/33' }), { code: 'CIDR.INVALID' });
  });
});

describe('AddressPool allocation', () => {
  it('hands out the lowest free address, skipping the gateway and reserved ranges', () => {
    let pool = AddressPool.define({ cidr: '10.0.0.0/28', reserved: [{ start: '10.0.0.2', end: '10.0.0.4', reason: 'dhcp' }] });
    const given: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = pool.nextFree()!;
      given.push(pool.format(next));
      pool = pool.allocate(next, holder(`p${i}`));
    }
    assert.deepEqual(given, ['10.0.0.5', '10.0.0.6', '10.0.0.7', '10.0.0.8']);
    assert.throws(() => pool.ensureFree(v('10.0.0.3')), (e: Error & { code: string; details: { reason: string } }) => e.code === 'ADDRESS.RESERVED' && e.details.reason === 'dhcp');
    assert.throws(() => pool.ensureFree(v('10.0.0.1')), (e: Error & { code: string; details: { reason: string } }) => e.code === 'ADDRESS.RESERVED' && e.details.reason === 'gateway');
    assert.throws(() => pool.ensureFree(v('10.0.0.6')), (e: Error & { code: string; details: { holder: string } }) => e.code === 'ADDRESS.TAKEN' && e.details.holder === 'p1');
  });

  it('gives a released address back, lowest first', () => {
    let pool = AddressPool.define({ cidr: '10.0.0.0/24' });
    for (let i = 0; i < 10; i++) pool = pool.allocate(pool.nextFree()!, holder(`p${i}`));
    pool = pool.release(v('10.0.0.5')).release(v('10.0.0.4'));
    assert.equal(pool.format(pool.nextFree()!), '10.0.0.4');
    pool = pool.allocate(v('10.0.0.4'), holder('again'));
    assert.equal(pool.format(pool.nextFree()!), '10.0.0.5');
    assert.equal(pool.addressOf('p2'), undefined);
    assert.equal(pool.addressOf('again'), v('10.0.0.4'));
  });

  it('looks in the allocation ranges in the order given, and ends up exhausted', () => {
    let pool = AddressPool.define({
      cidr: '10.0.0.0/24',
      allocationRanges: [{ start: '10.0.0.200', end: '10.0.0.201' }, { start: '10.0.0.50', end: '10.0.0.50' }],
    });
    const given: string[] = [];
    for (let next = pool.nextFree(); next !== undefined; next = pool.nextFree()) {
      given.push(pool.format(next));
      pool = pool.allocate(next, holder(`p${given.length}`));
    }
    assert.deepEqual(given, ['10.0.0.200', '10.0.0.201', '10.0.0.50']);
  });

  it('keeps a snapshot round trip identical', () => {
    let pool = AddressPool.define({ cidr: 'fd00::/120', reserved: [{ start: 'fd00::10', end: 'fd00::1f' }] });
    pool = pool.allocate(v('fd00::5'), { portId: 'a', source: 'specific', mac: '02:00:00:00:00:01', site: 'lyon' });
    pool = pool.allocate(pool.nextFree()!, holder('b'));
    const restored = AddressPool.fromSnapshot(JSON.parse(JSON.stringify(pool.toSnapshot())) as PoolSnapshot);
    assert.deepEqual(restored.toSnapshot(), pool.toSnapshot());
    assert.equal(restored.format(restored.nextFree()!), pool.format(pool.nextFree()!));
    assert.ok(restored.isReserved(v('fd00::11')));
  });
});

describe('AddressPool at scale (never a scan of the prefix)', () => {
  // The search tree of a pool with n allocations is at most ~1.44·log2(n) deep, and next-free descends it once
  // per allocation range; 100,000 allocations therefore cost about 25 comparisons, whatever the prefix size.
  const depthBound = (n: number) => Math.ceil(1.45 * Math.log2(n + 2));

  for (const [cidr, first, expected] of [
    ['10.0.0.0/8', '10.0.0.2', '10.1.134.162'],
    ['2001:db8::/64', '2001:db8::2', '2001:db8::1:86a2'],
  ] as const) {
    it(`allocates from ${cidr} with 100,000 addresses taken`, () => {
      const pool = crowded(cidr, first, 100_000);
      assert.equal(pool.allocatedCount, 100_000);
      assert.ok(pool.searchDepth <= depthBound(100_000), `search depth ${pool.searchDepth}`);
      const next = pool.nextFree()!;
      assert.equal(pool.format(next), expected);
      // releases in the middle are found first, and the allocations go on one by one
      let p = pool.release(v(first) + 50_000n).release(v(first) + 123n);
      const order: bigint[] = [];
      // a generous time budget: 1,000 allocations take about a few milliseconds; a scan of a /8 would take seconds
      const started = performance.now();
      for (let i = 0; i < 1_000; i++) {
        const n = p.nextFree()!;
        order.push(n - v(first));
        p = p.allocate(n, holder(`new-${i}`));
      }
      const elapsed = performance.now() - started;
      assert.deepEqual(order.slice(0, 3), [123n, 50_000n, 100_000n]);
      assert.equal(new Set(order).size, 1_000);
      assert.ok(elapsed < 2_000, `1,000 allocations took ${elapsed} ms`);
    });
  }
});

describe('AddressPool.handOutRanges (what a VIM may hand out)', () => {
  it('is every host address but the gateway by default', () => {
    assert.deepEqual(AddressPool.define({ cidr: '10.0.0.0/24' }).handOutRanges(), [{ start: '10.0.0.2', end: '10.0.0.254' }]);
    assert.deepEqual(AddressPool.define({ cidr: '10.0.0.0/24', gateway: null }).handOutRanges(), [{ start: '10.0.0.1', end: '10.0.0.254' }]);
  });

  it('keeps the ranges in their order and cuts out the gateway and reserved ranges, overlapping ones too', () => {
    const pool = AddressPool.define({
      cidr: '10.0.0.0/24',
      gateway: '10.0.0.100',
      allocationRanges: [{ start: '10.0.0.90', end: '10.0.0.120' }, { start: '10.0.0.10', end: '10.0.0.20' }],
      reserved: [{ start: '10.0.0.95', end: '10.0.0.97' }, { start: '10.0.0.96', end: '10.0.0.99' }, { start: '10.0.0.15', end: '10.0.0.25' }, { start: '10.0.0.120', end: '10.0.0.120' }],
    });
    assert.deepEqual(pool.handOutRanges(), [
      { start: '10.0.0.90', end: '10.0.0.94' },
      { start: '10.0.0.101', end: '10.0.0.119' },
      { start: '10.0.0.10', end: '10.0.0.14' },
    ]);
  });

  it('leaves out a range wholly reserved, and works on an IPv6 /64', () => {
    const v4 = AddressPool.define({ cidr: '10.0.0.0/24', allocationRanges: [{ start: '10.0.0.10', end: '10.0.0.20' }], reserved: [{ start: '10.0.0.5', end: '10.0.0.30' }] });
    assert.deepEqual(v4.handOutRanges(), []);
    const v6 = AddressPool.define({ cidr: 'fd00:1::/64', reserved: [{ start: 'fd00:1::2', end: 'fd00:1::ff' }] });
    assert.deepEqual(v6.handOutRanges(), [{ start: 'fd00:1::100', end: 'fd00:1::ffff:ffff:ffff:ffff' }]);
  });
});
