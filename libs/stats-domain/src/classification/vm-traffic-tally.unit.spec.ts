import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressEntry } from '../address-map/address-entry.js';
import { AddressIndex } from '../address-map/address-index.js';
import { FlowRecord } from '../decoding/flow-record.js';
import { concat, ipv4, u16 } from '../test-support/datagram-builders.js';
import { VmTrafficTally } from './vm-traffic-tally.js';

const vm = (vmId: string, ip: string, mac: string, hostId: string, domainId = 'dc1'): AddressEntry => ({ vmId, ip, mac, hostId, domainId, tenantId: 't1' });
const index = AddressIndex.build(1, [vm('a', '10.0.0.1', '02:00:00:00:00:01', 'h1'), vm('b', '10.0.0.2', '02:00:00:00:00:02', 'h1'), vm('c', '10.0.0.3', '02:00:00:00:00:03', 'h2')]);

function flow(src: string, dst: string, bytes: number, packets: number, samplingRate = 1): FlowRecord {
  return Object.assign(new FlowRecord(), { srcIp: src, dstIp: dst, bytes, packets, samplingRate, ipVersion: 4 });
}

function frame(srcMac: number, dstMac: number, src: string, dst: string, srcPort: number, size = 100): Uint8Array {
  const udp = concat(u16(srcPort), u16(53), u16(8), u16(0));
  const ip = concat([0x45, 0], u16(28), u16(1), u16(0), [64, 17], u16(0), ipv4(src), ipv4(dst), udp);
  return concat([2, 0, 0, 0, 0, dstMac], [2, 0, 0, 0, 0, srcMac], u16(0x0800), ip, new Uint8Array(size - 14 - ip.length));
}

describe('VmTrafficTally', () => {
  it('collector mode: credits both VMs of a flow with its class, scaled by the sampling rate', () => {
    const tally = new VmTrafficTally();
    assert.equal(tally.addFlow(index, flow('10.0.0.1', '10.0.0.3', 1000, 2, 100)), 'inter-server-intra-domain');
    tally.addFlow(index, flow('10.0.0.1', '10.0.0.2', 10, 1));
    tally.addFlow(index, flow('10.0.0.1', '8.8.8.8', 50, 1));
    const rows = tally.drain().map((r) => `${r.vmId} ${r.trafficClass} ${r.bytes}/${r.packets}/${r.flows}`).sort();
    assert.deepEqual(rows, [
      'a external 50/1/1',
      'a inter-server-intra-domain 100000/200/1',
      'a intra-server 10/1/1',
      'b intra-server 10/1/1',
      'c inter-server-intra-domain 100000/200/1',
    ]);
    assert.deepEqual(tally.drain(), [], 'draining starts a new interval');
  });

  it('collector mode: counts both directions of a biflow record', () => {
    const tally = new VmTrafficTally();
    tally.addFlow(index, Object.assign(flow('10.0.0.1', '10.0.0.2', 100, 1), { reverseBytes: 300, reversePackets: 2 }));
    const a = tally.drain().find((r) => r.vmId === 'a');
    assert.deepEqual([a?.bytes, a?.packets, a?.flows], [400, 3, 1]);
  });

  it('collector mode: counts flows with no known end as unattributed rather than dropping them', () => {
    const tally = new VmTrafficTally();
    tally.addFlow(index, flow('192.0.2.1', '192.0.2.2', 70, 1));
    assert.deepEqual(tally.unattributed, { bytes: 70, packets: 1, flows: 1 });
    assert.deepEqual(tally.drain(), []);
  });

  it('agent mode: classifies frames and counts a flow once however many frames it has', () => {
    const tally = new VmTrafficTally();
    assert.equal(tally.addFrame(index, frame(1, 3, '10.0.0.1', '10.0.0.3', 4000)), 'inter-server-intra-domain');
    tally.addFrame(index, frame(1, 3, '10.0.0.1', '10.0.0.3', 4000));
    tally.addFrame(index, frame(1, 3, '10.0.0.1', '10.0.0.3', 4001));
    assert.equal(tally.addFrame(index, new Uint8Array(5)), undefined, 'not a frame');
    const a = tally.drain().find((r) => r.vmId === 'a');
    assert.deepEqual([a?.trafficClass, a?.bytes, a?.packets, a?.flows], ['inter-server-intra-domain', 300, 3, 2]);
  });
});
