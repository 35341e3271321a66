import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '#vorch/testing';
import { startInfraSim, type InfraSim } from '../http/infra-sim-server.js';
import { call, openstackToken, vsphereSession } from '../testing/http-call.fixture.js';
import { generateTopology } from '../topology/generate-topology.js';

const V4 = '10.77.0.0/24';
const V6 = 'fd00:77::/64';
const sortedVersions = (ips: string[]) => ips.map((ip) => (ip.includes(':') ? 6 : 4)).sort();

describe('dual-stack networks and ports in every dialect over HTTP', () => {
  let sim: InfraSim;

  before(async () => {
    sim = await startInfraSim({ topology: generateTopology({ sites: 3, hostsPerSite: 4 }), timing: { buildMs: 1, migrateMs: 1 } });
  });
  after(() => sim.stop());

  it('openstack: IPv6 subnets with their modes, ports with a fixed IP of each family, servers with both addresses', async () => {
    const endpoint = sim.siteUrl('site-1');
    const headers = { 'x-auth-token': await openstackToken(endpoint, 'admin', 'secret-site-1') };
    const neutron = `${endpoint}/network/v2.0`;
    const net = (await call(`${neutron}/networks`, { method: 'POST', headers, body: { network: { name: 'ds', 'provider:network_type': 'vxlan', 'provider:segmentation_id': 7701 } } })).body.network;
    const v4 = (await call(`${neutron}/subnets`, { method: 'POST', headers, body: { subnet: { network_id: net.id, cidr: V4, ip_version: 4 } } })).body.subnet;
    const wrongVersion = await call(`${neutron}/subnets`, { method: 'POST', headers, body: { subnet: { network_id: net.id, cidr: V6, ip_version: 4 } } });
    assert.equal(wrongVersion.status, 400);
    assert.equal(wrongVersion.body.NeutronError.type, 'InvalidInput');
    const created = await call(`${neutron}/subnets`, {
      method: 'POST',
      headers,
      body: { subnet: { network_id: net.id, cidr: 'FD00:77:0::/64', ip_version: 6, ipv6_address_mode: 'dhcpv6-stateful', ipv6_ra_mode: 'dhcpv6-stateful' } },
    });
    assert.equal(created.status, 201);
    const v6 = created.body.subnet;
    assert.deepEqual(
      [v6.cidr, v6.ip_version, v6.gateway_ip, v6.allocation_pools, v6.ipv6_address_mode, v6.ipv6_ra_mode],
      [V6, 6, 'fd00:77::1', [{ start: 'fd00:77::2', end: 'fd00:77::ffff:ffff:ffff:ffff' }], 'dhcpv6-stateful', 'dhcpv6-stateful'],
    );
    assert.equal(v4.ipv6_address_mode, null);

    const port = (await call(`${neutron}/ports`, { method: 'POST', headers, body: { port: { network_id: net.id } } })).body.port;
    assert.deepEqual(port.fixed_ips, [{ subnet_id: v4.id, ip_address: '10.77.0.2' }, { subnet_id: v6.id, ip_address: 'fd00:77::2' }]);
    const asked = (await call(`${neutron}/ports`, { method: 'POST', headers, body: { port: { network_id: net.id, fixed_ips: [{ subnet_id: v6.id }, { ip_address: '10.77.0.50' }] } } })).body.port;
    assert.deepEqual(asked.fixed_ips.map((f: { ip_address: string }) => f.ip_address), ['fd00:77::3', '10.77.0.50']);
    const twice = await call(`${neutron}/ports`, { method: 'POST', headers, body: { port: { network_id: net.id, fixed_ips: [{ ip_address: '10.77.0.60' }, { ip_address: '10.77.0.61' }] } } });
    assert.equal(twice.status, 400);

    const flavor = (await call(`${endpoint}/compute/v2.1/flavors/detail`, { headers })).body.flavors[0];
    const server = await call(`${endpoint}/compute/v2.1/servers`, { method: 'POST', headers, body: { server: { name: 'ds-vm', flavorRef: flavor.id, imageRef: 'x', networks: [{ port: port.id }] } } });
    const shown = (await call(`${endpoint}/compute/v2.1/servers/${server.body.server.id}`, { headers })).body.server;
    assert.deepEqual(shown.addresses.ds.map((a: { addr: string; version: number }) => [a.addr, a.version]), [['10.77.0.2', 4], ['fd00:77::2', 6]]);
  });

  it('vsphere: a port group with both subnets, and a VM NIC given an address of each family', async () => {
    const endpoint = sim.siteUrl('site-2');
    const headers = { 'vmware-api-session-id': await vsphereSession(endpoint, 'administrator@vsphere.local', 'secret-site-2') };
    const pg = await call(`${endpoint}/api/vcenter/network`, { method: 'POST', headers, body: { name: 'ds', segment: { type: 'vlan', id: 771 }, subnets: [{ cidr: V4 }, { cidr: V6, gateway: 'fd00:77::fe' }] } });
    assert.equal(pg.status, 201);
    const detail = (await call(`${endpoint}/api/vcenter/network/${pg.body}`, { headers })).body;
    assert.deepEqual(detail.vorch_subnets, [{ cidr: V4, gateway: '10.77.0.1' }, { cidr: V6, gateway: 'fd00:77::fe' }]);
    const nic = { backing: { type: 'DISTRIBUTED_PORTGROUP', network: pg.body }, vorch_ip_addresses: ['10.77.0.9', 'fd00:77::9'] };
    const vm = await call(`${endpoint}/api/vcenter/vm`, { method: 'POST', headers, body: { name: 'ds-vm', nics: [nic] } });
    assert.equal(vm.status, 201);
    const nics = (await call(`${endpoint}/api/vcenter/vm/${vm.body}`, { headers })).body.nics;
    assert.deepEqual([nics['4000'].vorch_ip_address, nics['4000'].vorch_ip_addresses], ['10.77.0.9', ['10.77.0.9', 'fd00:77::9']]);
    // the extension lists the port with both; with only an IPv6 hint, a new port gets an IPv6 address alone (::1 is free: the gateway is ::fe)
    const listed = (await call(`${endpoint}/vorch/v1/ports?network=${pg.body}`, { headers })).body.items;
    assert.deepEqual(listed.map((p: { ip_addresses: string[] }) => p.ip_addresses), [['10.77.0.9', 'fd00:77::9']]);
    const only6 = await call(`${endpoint}/vorch/v1/ports`, { method: 'POST', headers, body: { network: pg.body, ip_version: 6 } });
    assert.deepEqual([only6.body.ip_address, only6.body.ip_addresses], ['fd00:77::1', ['fd00:77::1']]);
  });

  it('kubevirt: a NAD with whereabouts ipRanges, and a VMI interface showing both addresses of its port', async () => {
    const endpoint = sim.siteUrl('site-3');
    const headers = { authorization: 'Bearer token-site-3' };
    const config = JSON.stringify({ cniVersion: '0.3.1', name: 'ds', type: 'ovs', vlan: 772, ipam: { type: 'whereabouts', ipRanges: [{ range: V4 }, { range: V6 }] } });
    const NADS = `${endpoint}/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions`;
    assert.equal((await call(NADS, { method: 'POST', headers, body: { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'ds' }, spec: { config } } })).status, 201);
    const noRange = await call(NADS, { method: 'POST', headers, body: { metadata: { name: 'bad' }, spec: { config: JSON.stringify({ vlan: 773, ipam: { type: 'whereabouts', ipRanges: [] } }) } } });
    assert.equal(noRange.status, 400);
    const port = (await call(`${endpoint}/vorch/v1/ports`, { method: 'POST', headers, body: { network: 'default/ds' } })).body;
    assert.deepEqual(sortedVersions(port.ip_addresses), [4, 6]);
    const body = {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'ds-vm', annotations: { 'vorch.io/ports': JSON.stringify({ net1: port.id }) } },
      spec: {
        running: true,
        template: { spec: { domain: { cpu: { cores: 1 }, memory: { guest: '1Gi' }, devices: { interfaces: [{ name: 'net1', bridge: {} }] } }, networks: [{ name: 'net1', multus: { networkName: 'default/ds' } }] } },
      },
    };
    assert.equal((await call(`${endpoint}/apis/kubevirt.io/v1/namespaces/default/virtualmachines`, { method: 'POST', headers, body })).status, 201);
    await eventually(async () => {
      const iface = (await call(`${endpoint}/apis/kubevirt.io/v1/namespaces/default/virtualmachineinstances/ds-vm`, { headers })).body.status.interfaces[0];
      assert.deepEqual([iface.ipAddress, iface.ipAddresses], [port.ip_address, port.ip_addresses]);
    });
  });
});
