import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { smallSite } from './small-site.fixture.js';
import { AddressInUseError, AddressOutsideSubnetError, InvalidRequestError, PoolExhaustedError, ResourceInUseError, SegmentInUseError } from './sim-errors.js';

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

describe('SiteNetworking (dual-stack ports)', () => {
  const dualStack = () => {
    const site = smallSite();
    const net = site.networking.createNetwork({ name: 'ds', segment: { type: 'vxlan', id: 7001 }, subnets: [{ cidr: '10.50.0.0/29' }, { cidr: 'fd00:50::/64' }] });
    const [v4, v6] = net.subnetIds.map((id) => site.model.requireSubnet(id));
    return { ...site, net, v4, v6 };
  };

  it('given no fixed IP asked for, gives one IPv4 address and one from each IPv6 subnet, IPv4 first', () => {
    const { networking, net, v4, v6 } = dualStack();
    const port = networking.createPort({ networkId: net.id });
    assert.deepEqual(port.fixedIps, [{ subnetId: v4.id, ip: '10.50.0.2' }, { subnetId: v6.id, ip: 'fd00:50::2' }]);
    assert.deepEqual([port.ip, port.subnetId], ['10.50.0.2', v4.id], 'the first fixed IP is the port\'s single-address view');
  });

  it('given an IP version hint, allocates only from that family; a family the network lacks is refused', () => {
    const { networking, net, model } = dualStack();
    assert.deepEqual(networking.createPort({ networkId: net.id, ipVersion: 6 }).fixedIps.map((f) => f.ip), ['fd00:50::2']);
    assert.deepEqual(networking.createPort({ networkId: net.id, ipVersion: 4 }).fixedIps.map((f) => f.ip), ['10.50.0.2']);
    const v4only = networking.createNetwork({ name: 'only4', segment: { type: 'vxlan', id: 7002 }, subnets: [{ cidr: '10.51.0.0/24' }] });
    assert.throws(() => networking.createPort({ networkId: v4only.id, ipVersion: 6, mac: '02:00:00:00:00:61' }), InvalidRequestError);
    assert.equal(model.macs.isUsed('02:00:00:00:00:61'), false, 'no MAC held by a refused port');
  });

  it('takes fixed IPs naming an address, a subnet, or both; at most one per subnet', () => {
    const { networking, net, v4, v6 } = dualStack();
    const port = networking.createPort({ networkId: net.id, fixedIps: [{ ip: 'fd00:50::99' }, { subnetId: v4.id }] });
    assert.deepEqual(port.fixedIps, [{ subnetId: v6.id, ip: 'fd00:50::99' }, { subnetId: v4.id, ip: '10.50.0.2' }]);
    const both = networking.createPort({ networkId: net.id, fixedIps: [{ subnetId: v6.id, ip: 'fd00:50::9a' }] });
    assert.deepEqual(both.fixedIps, [{ subnetId: v6.id, ip: 'fd00:50::9a' }]);
    assert.throws(() => networking.createPort({ networkId: net.id, fixedIps: [{ ip: '10.50.0.3' }, { ip: '10.50.0.4' }] }), InvalidRequestError);
    assert.throws(() => networking.createPort({ networkId: net.id, fixedIps: [{ subnetId: v4.id, ip: 'fd00:50::9b' }] }), AddressOutsideSubnetError);
    assert.throws(() => networking.createPort({ networkId: net.id, fixedIps: [{}] }), InvalidRequestError);
  });

  it('given one of the asked addresses taken, refuses the port and frees what it had reserved (addresses and MAC)', () => {
    const { networking, net, v4, v6, model } = dualStack();
    networking.createPort({ networkId: net.id, ip: 'fd00:50::7' });
    assert.throws(() => networking.createPort({ networkId: net.id, fixedIps: [{ ip: '10.50.0.5' }, { ip: 'fd00:50::7' }], mac: '02:00:00:00:00:62' }), AddressInUseError);
    assert.equal(model.macs.isUsed('02:00:00:00:00:62'), false);
    assert.equal(v4.allocator.inUse, 0, '10.50.0.5 was given back');
    assert.equal(networking.createPort({ networkId: net.id, ip: '10.50.0.5' }).ip, '10.50.0.5');
    assert.equal(v6.allocator.inUse, 1);
  });

  it('given the IPv4 subnet full, a port asking for both families is refused whole; deleting a port frees all its addresses', () => {
    const { networking, net, v4, v6 } = dualStack();
    const ports = Array.from({ length: 5 }, () => networking.createPort({ networkId: net.id })); // a /29 holds 5 besides the gateway
    assert.throws(() => networking.createPort({ networkId: net.id }), PoolExhaustedError);
    assert.equal(v6.allocator.inUse, 5, 'the IPv6 address of the refused port was not kept');
    assert.equal(networking.createPort({ networkId: net.id, ipVersion: 6 }).fixedIps.length, 1, 'IPv6 alone still works');
    networking.deletePort(ports[0].id);
    assert.deepEqual([v4.allocator.inUse, v6.allocator.inUse], [4, 5]);
    assert.throws(() => networking.deleteSubnet(v6.id), ResourceInUseError);
  });
});
