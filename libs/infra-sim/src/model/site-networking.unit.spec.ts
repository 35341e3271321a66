import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { smallSite } from './small-site.fixture.js';
import { AddressInUseError, AddressOutsideSubnetError, PoolExhaustedError, ResourceInUseError, SegmentInUseError } from './sim-errors.js';

describe('SiteNetworking (IPAM)', () => {
  it('given a network, when ports are created without addresses, then each gets a distinct IP and MAC from the site', () => {
    const { model, networking } = smallSite();
    const net = [...model.networks.values()][0];
    const ports = Array.from({ length: 13 }, () => networking.createPort({ networkId: net.id }));
    assert.equal(new Set(ports.map((p) => p.ip)).size, 13);
    assert.equal(new Set(ports.map((p) => p.mac)).size, 13);
    assert.ok(ports.every((p) => p.mac.startsWith('fa:16:3e:99:')));
    assert.throws(() => networking.createPort({ networkId: net.id }), PoolExhaustedError);
  });

  it('given an IP taken by a port, when another port asks for it, then it is refused and nothing leaks', () => {
    const { model, networking } = smallSite();
    const net = [...model.networks.values()][0];
    networking.createPort({ networkId: net.id, ip: '10.0.0.5' });
    assert.throws(() => networking.createPort({ networkId: net.id, ip: '10.0.0.5', mac: '02:00:00:00:00:01' }), AddressInUseError);
    // The MAC reserved before the IP failed was given back.
    assert.ok(networking.createPort({ networkId: net.id, mac: '02:00:00:00:00:01' }));
  });

  it('given a MAC taken in the site, when a port on any network asks for it, then it is refused', () => {
    const { model, networking } = smallSite();
    const net = [...model.networks.values()][0];
    const other = networking.createNetwork({ name: 'other', segment: { type: 'vxlan', id: 77 }, subnets: [{ cidr: '192.168.0.0/24' }] });
    const taken = networking.createPort({ networkId: net.id }).mac;
    assert.throws(() => networking.createPort({ networkId: other.id, mac: taken.toUpperCase() }), AddressInUseError);
  });

  it('refuses an IP outside the network and a segment already in use', () => {
    const { model, networking } = smallSite();
    const net = [...model.networks.values()][0];
    assert.throws(() => networking.createPort({ networkId: net.id, ip: '10.9.9.9' }), AddressOutsideSubnetError);
    assert.throws(() => networking.createNetwork({ name: 'dup', segment: { type: 'vlan', id: 10 } }), SegmentInUseError);
  });

  it('given a network with a port, when it is deleted, then it is refused until the port goes; addresses are freed', () => {
    const { model, networking } = smallSite();
    const net = [...model.networks.values()][0];
    const port = networking.createPort({ networkId: net.id, ip: '10.0.0.9' });
    assert.throws(() => networking.deleteNetwork(net.id), ResourceInUseError);
    networking.deletePort(port.id);
    assert.equal(networking.createPort({ networkId: net.id, ip: '10.0.0.9' }).ip, '10.0.0.9');
  });

  it('records every change in the feed', () => {
    const { model, networking } = smallSite();
    const before = model.feed.latest;
    const net = networking.createNetwork({ name: 'n2', segment: { type: 'vlan', id: 11 }, subnets: [{ cidr: '10.1.0.0/24' }] });
    const changes = model.feed.since(before).map((c) => `${c.entity.kind}:${c.op}`);
    assert.deepEqual(changes, ['network:created', 'subnet:created', 'network:updated']);
    assert.equal(net.version, model.feed.latest);
  });
});
