import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressEntry } from './address-entry.js';
import { AddressIndex } from './address-index.js';
import { InvalidAddressReportError } from './address-map.errors.js';
import { DomainLayeredAddressIndex } from './domain-layered-address-index.js';

const entry = (vmId: string, ip: string, mac: string, hostId: string, domainId: string): AddressEntry => ({ vmId, ip, mac, hostId, domainId, tenantId: 't1' });
const A = entry('a', '10.0.0.1', '02:00:00:00:00:01', 'h1', 'dc1');
const B = entry('b', '10.0.0.2', '02:00:00:00:00:02', 'h2', 'dc1');
const C = entry('c', '10.1.0.1', '02:00:00:00:01:01', 'h9', 'dc2');

describe('domain-layered address index', () => {
  it('answers by IP and by MAC for every domain it holds, at the version it was given', () => {
    const index = new DomainLayeredAddressIndex();
    index.replaceDomain('dc1', [A, B], 4);
    index.replaceDomain('dc2', [C], 5);
    assert.equal(index.byAddress('10.0.0.2')?.vmId, 'b');
    assert.equal(index.byHardwareAddress('02:00:00:00:01:01')?.vmId, 'c');
    assert.equal(index.size, 3);
    assert.equal(index.version, 5);
    assert.equal(index.domainCount, 2);
  });

  it('replaces one domain as a whole and leaves the others as they were', () => {
    const index = new DomainLayeredAddressIndex();
    index.replaceDomain('dc1', [A, B], 1);
    index.replaceDomain('dc2', [C], 2);
    index.replaceDomain('dc1', [{ ...A, hostId: 'h7' }], 3);
    assert.equal(index.byAddress('10.0.0.1')?.hostId, 'h7', 'the VM moved host');
    assert.equal(index.byAddress('10.0.0.2'), undefined, 'the VM that left the domain is gone');
    assert.equal(index.byHardwareAddress('02:00:00:00:00:02'), undefined);
    assert.equal(index.byAddress('10.1.0.1'), C, 'the other domain keeps its very entries');
    assert.equal(index.size, 2);
  });

  it('lets the most recently written domain win an address two domains claim, and gives it back when that claim goes', () => {
    const inDc1 = entry('vm1', '10.0.0.9', '02:00:00:00:00:09', 'h1', 'dc1');
    const inDc2 = entry('vm1', '10.0.0.9', '02:00:00:00:00:09', 'h5', 'dc2');
    const index = new DomainLayeredAddressIndex();
    index.replaceDomain('dc1', [inDc1, A], 1);
    index.replaceDomain('dc2', [inDc2], 2);
    assert.equal(index.byAddress('10.0.0.9')?.domainId, 'dc2');
    // dc1 written again (still claiming the address): now it is the most recent, so it wins
    index.replaceDomain('dc1', [inDc1, A], 3);
    assert.equal(index.byAddress('10.0.0.9')?.domainId, 'dc1');
    // dc1 drops its claim: dc2's comes back, by IP and by MAC
    index.replaceDomain('dc1', [A], 4);
    assert.equal(index.byAddress('10.0.0.9')?.domainId, 'dc2');
    assert.equal(index.byHardwareAddress('02:00:00:00:00:09')?.domainId, 'dc2');
    // dc1 claims it again, then is forgotten: dc2's claim answers again
    index.replaceDomain('dc1', [inDc1, A], 5);
    index.forgetDomain('dc1', 6);
    assert.equal(index.byAddress('10.0.0.9')?.domainId, 'dc2');
    assert.equal(index.byAddress('10.0.0.1'), undefined);
    // an older domain dropping a claim it was not answering for changes nothing
    index.replaceDomain('dc3', [entry('vm1', '10.0.0.9', '02:00:00:00:00:09', 'h8', 'dc3')], 7);
    index.replaceDomain('dc2', [], 8);
    assert.equal(index.byAddress('10.0.0.9')?.domainId, 'dc3');
    index.forgetDomain('dc3', 9);
    assert.equal(index.byAddress('10.0.0.9'), undefined);
    assert.equal(index.size, 0);
  });

  it('keeps the entry objects of a domain re-sent unchanged', () => {
    const index = new DomainLayeredAddressIndex();
    index.replaceDomain('dc1', [A, B], 1);
    index.replaceDomain('dc1', [{ ...A }, { ...B, hostId: 'h3' }], 2);
    assert.equal(index.byAddress(A.ip), A);
    assert.equal(index.byHardwareAddress(A.mac), A);
    assert.equal(index.byAddress(B.ip)?.hostId, 'h3');
  });

  it('refuses a domain with an entry that is not an address entry, and stays exactly as it was', () => {
    const index = new DomainLayeredAddressIndex();
    index.replaceDomain('dc1', [A], 1);
    index.replaceDomain('dc2', [{ ...A, domainId: 'dc2', hostId: 'h5' }], 2);
    const bad = [B, { ...C, ip: 7 }] as unknown as AddressEntry[];
    assert.throws(() => index.replaceDomain('dc1', bad, 3), (e: unknown) => e instanceof InvalidAddressReportError && e.errors?.[0]?.field === 'entries.1.ip');
    assert.throws(() => index.replaceDomain('dc1', 'nope' as unknown as AddressEntry[], 3), InvalidAddressReportError);
    assert.equal(index.version, 2);
    assert.equal(index.byAddress(B.ip), undefined, 'no entry of the refused domain went in');
    // dc1 did not become the most recently written: forgetting dc2 gives the address back to dc1's claim
    assert.equal(index.byAddress(A.ip)?.domainId, 'dc2');
    index.forgetDomain('dc2', 4);
    assert.equal(index.byAddress(A.ip), A);
  });

  it('always answers what a full rebuild of every domain in write order would (seeded random changes and re-sends)', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    // few addresses and domains, so domains often claim the same ones
    const address = (k: number) => ({ ip: `10.9.0.${k}`, mac: `02:00:00:00:09:${k.toString(16).padStart(2, '0')}` });
    const index = new DomainLayeredAddressIndex();
    const written = new Map<string, AddressEntry[]>();
    for (let step = 1; step <= 5000; step++) {
      const domainId = `d${random(5)}`;
      if (random(6) === 0) {
        written.delete(domainId);
        index.forgetDomain(domainId, step);
      } else {
        const previous = written.get(domainId);
        const entries = previous && random(2) === 0
          // the domain re-sent (fresh copies, as a follower parses them), unchanged or with one VM moved
          ? previous.map((e, n) => ({ ...e, hostId: n === 0 && random(2) === 0 ? `h${random(3)}` : e.hostId }))
          : Array.from({ length: random(8) }, () => {
            const k = random(12);
            // sometimes one MAC for two IPs (a port with an IPv4 and an IPv6 address)
            return entry(`vm${k}`, address(k).ip, address(random(3) === 0 ? 0 : k).mac, `h${random(3)}`, domainId);
          });
        written.delete(domainId);
        written.set(domainId, entries);
        index.replaceDomain(domainId, entries, step);
      }
      const rebuilt = AddressIndex.build(step, [...written.values()].flat());
      assert.equal(index.size, rebuilt.size, `size at step ${step}`);
      for (let k = 0; k < 12; k++) {
        assert.deepEqual(index.byAddress(address(k).ip), rebuilt.byAddress(address(k).ip), `ip ${k} at step ${step}`);
        assert.deepEqual(index.byHardwareAddress(address(k).mac), rebuilt.byHardwareAddress(address(k).mac), `mac ${k} at step ${step}`);
      }
    }
  });
});
