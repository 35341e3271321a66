import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressEntry } from '../address-map/address-entry.js';
import { evolveAddressMap, initialAddressMapState, type AddressMapState } from '../address-map/address-map.decider.js';
import { classifyFlow } from './classify-flow.js';

const vm = (vmId: string, ip: string, mac: string, hostId: string, domainId: string): AddressEntry => ({ vmId, ip, mac, hostId, domainId, tenantId: 't1' });
const A = vm('a', '10.0.0.1', '02:00:00:00:00:01', 'h1', 'dc1');
const B = vm('b', '10.0.0.2', '02:00:00:00:00:02', 'h1', 'dc1');
const C = vm('c', '10.0.0.3', '02:00:00:00:00:03', 'h2', 'dc1');
const D = vm('d', '2001:db8::4', '02:00:00:00:00:04', 'h7', 'dc2');

function mapWith(...reports: [string, number, AddressEntry[]][]): AddressMapState {
  return reports.reduce(
    (s, [domainId, version, entries]) => evolveAddressMap(s, { type: 'DomainAddressesReplaced', domainId, version, entries }),
    initialAddressMapState,
  );
}

const flow = (srcIp: string, dstIp: string, srcMac = '', dstMac = '') => ({ srcIp, dstIp, srcMac, dstMac });

describe('classifyFlow', () => {
  const { index } = mapWith(['dc1', 1, [A, B, C]], ['dc2', 1, [D]]);

  it('given two VMs on the same host, then intra-server', () => {
    assert.equal(classifyFlow(index, flow('10.0.0.1', '10.0.0.2')), 'intra-server');
  });

  it('given two hosts of one domain, then inter-server-intra-domain', () => {
    assert.equal(classifyFlow(index, flow('10.0.0.1', '10.0.0.3')), 'inter-server-intra-domain');
  });

  it('given two domains, then inter-domain, whatever the IPv6 spelling in the record', () => {
    assert.equal(classifyFlow(index, flow('10.0.0.3', '2001:db8::4')), 'inter-domain');
  });

  it('given an address the map does not know on either end, then external (never dropped)', () => {
    assert.equal(classifyFlow(index, flow('10.0.0.1', '198.51.100.7')), 'external');
    assert.equal(classifyFlow(index, flow('203.0.113.1', '10.0.0.1')), 'external');
    assert.equal(classifyFlow(index, flow('203.0.113.1', '203.0.113.2')), 'external');
  });

  it('given an L2 record without IPs, then the ends are found by MAC', () => {
    assert.equal(classifyFlow(index, flow('', '', '02:00:00:00:00:01', '02:00:00:00:00:03')), 'inter-server-intra-domain');
    assert.equal(classifyFlow(index, flow('', '', '02:00:00:00:00:01', '02:00:00:00:00:99')), 'external');
  });

  it('given a VM that moves host, then the same flow changes class with the new map version', () => {
    const before = mapWith(['dc1', 1, [A, C]]);
    assert.equal(classifyFlow(before.index, flow('10.0.0.1', '10.0.0.3')), 'inter-server-intra-domain');
    const after = evolveAddressMap(before, { type: 'DomainAddressesReplaced', domainId: 'dc1', version: 2, entries: [{ ...A, hostId: 'h2' }, C] });
    assert.equal(classifyFlow(after.index, flow('10.0.0.1', '10.0.0.3')), 'intra-server');
    assert.equal(classifyFlow(before.index, flow('10.0.0.1', '10.0.0.3')), 'inter-server-intra-domain', 'the old index is unchanged');
  });
});
