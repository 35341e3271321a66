import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '#vorch/testing';
import { startInfraSim, type InfraSim } from '../../http/infra-sim-server.js';
import { call, openstackToken, type CallResult } from '../../testing/http-call.fixture.js';
import { generateTopology } from '../../topology/generate-topology.js';

describe('openstack dialect over HTTP', () => {
  let sim: InfraSim;
  let endpoint: string;
  let headers: Record<string, string>;
  const nova = () => `${endpoint}/compute/v2.1`;
  const neutron = () => `${endpoint}/network/v2.0`;

  before(async () => {
    // Long enough that the transient BUILD and MIGRATING states are seen even on a loaded machine.
    sim = await startInfraSim({ topology: generateTopology({ sites: 1, hostsPerSite: 10_000 }), timing: { buildMs: 1500, migrateMs: 1500 } });
    endpoint = sim.siteUrl('site-1');
    headers = { 'x-auth-token': await openstackToken(endpoint, 'admin', 'secret-site-1') };
  });
  after(() => sim.stop());

  it('answers wrong credentials and missing tokens with the Keystone 401', async () => {
    await assert.rejects(openstackToken(endpoint, 'admin', 'wrong'), /401/);
    const res = await call(`${nova()}/os-hypervisors/detail`);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 401);
    assert.equal(res.body.error.title, 'Unauthorized');
  });

  it('returns a service catalog pointing into the site', async () => {
    const res = await call(`${endpoint}/identity/v3/auth/tokens`, {
      method: 'POST',
      body: { auth: { identity: { methods: ['password'], password: { user: { name: 'admin', password: 'secret-site-1' } } } } },
    });
    const compute = res.body.token.catalog.find((s: { type: string }) => s.type === 'compute');
    assert.equal(compute.endpoints[0].url, `${endpoint}/compute/v2.1`);
  });

  it('pages through 10,000 hypervisors with limit, marker and hypervisors_links', async () => {
    const ids = new Set<string>();
    let url: string | undefined = `${nova()}/os-hypervisors/detail?limit=1000`;
    let pages = 0;
    while (url) {
      const res: CallResult = await call(url, { headers });
      assert.equal(res.status, 200);
      for (const h of res.body.hypervisors) ids.add(h.id);
      url = res.body.hypervisors_links?.find((l: { rel: string }) => l.rel === 'next')?.href;
      pages++;
    }
    assert.equal(ids.size, 10_000);
    assert.equal(pages, 10);
    const one = (await call(`${nova()}/os-hypervisors/detail?limit=1`, { headers })).body.hypervisors[0];
    assert.ok(Array.isArray(one.cpu_info.features));
    assert.equal(one.state, 'up');
  });

  it('refuses an unknown marker with a Nova badRequest', async () => {
    const res = await call(`${nova()}/os-hypervisors/detail?marker=nope`, { headers });
    assert.equal(res.status, 400);
    assert.equal(res.body.badRequest.code, 400);
  });

  it('lists availability zones as failure domains and placement inventories with VGPU', async () => {
    const zones = (await call(`${nova()}/os-availability-zone/detail`, { headers })).body.availabilityZoneInfo;
    assert.deepEqual(zones.map((z: { zoneName: string }) => z.zoneName), ['site-1-fd1', 'site-1-fd2']);
    const gpuHost = Object.keys(zones[0].hosts).find((n) => n.includes('-gpu-'));
    const rp = (await call(`${endpoint}/placement/resource_providers?name=${gpuHost}`, { headers })).body.resource_providers[0];
    const inv = (await call(`${endpoint}/placement/resource_providers/${rp.uuid}/inventories`, { headers })).body.inventories;
    assert.equal(inv.VGPU.total, 4);
    const pools = (await call(`${endpoint}/volume/v3/x/scheduler-stats/get_pools?detail=true`, { headers })).body.pools;
    assert.equal(pools[0].capabilities.replication_enabled, true);
  });

  it('creates a network, subnet and ports; refuses a taken IP or MAC with NeutronError 409', async () => {
    const net = await call(`${neutron()}/networks`, { method: 'POST', headers, body: { network: { name: 'blue', 'provider:network_type': 'vlan', 'provider:segmentation_id': 321 } } });
    assert.equal(net.status, 201);
    const networkId = net.body.network.id;
    const subnet = await call(`${neutron()}/subnets`, { method: 'POST', headers, body: { subnet: { network_id: networkId, cidr: '192.168.50.0/24', ip_version: 4 } } });
    assert.equal(subnet.status, 201);
    const auto = await call(`${neutron()}/ports`, { method: 'POST', headers, body: { port: { network_id: networkId } } });
    assert.equal(auto.status, 201);
    assert.match(auto.body.port.mac_address, /^02:00:01:/);
    const fixed = await call(`${neutron()}/ports`, { method: 'POST', headers, body: { port: { network_id: networkId, fixed_ips: [{ ip_address: '192.168.50.77' }] } } });
    assert.equal(fixed.body.port.fixed_ips[0].ip_address, '192.168.50.77');
    const ipClash = await call(`${neutron()}/ports`, { method: 'POST', headers, body: { port: { network_id: networkId, fixed_ips: [{ ip_address: '192.168.50.77' }] } } });
    assert.equal(ipClash.status, 409);
    assert.equal(ipClash.body.NeutronError.type, 'IpAddressAlreadyAllocated');
    const macClash = await call(`${neutron()}/ports`, { method: 'POST', headers, body: { port: { network_id: networkId, mac_address: auto.body.port.mac_address } } });
    assert.equal(macClash.status, 409);
    assert.equal(macClash.body.NeutronError.type, 'MacAddressInUse');
    const inUse = await call(`${neutron()}/networks/${networkId}`, { method: 'DELETE', headers });
    assert.equal(inUse.status, 409);
    assert.equal(inUse.body.NeutronError.type, 'NetworkInUse');
    for (const p of [auto, fixed]) assert.equal((await call(`${neutron()}/ports/${p.body.port.id}`, { method: 'DELETE', headers })).status, 204);
    assert.equal((await call(`${neutron()}/networks/${networkId}`, { method: 'DELETE', headers })).status, 204);
    const gone = await call(`${neutron()}/networks/${networkId}`, { headers });
    assert.equal(gone.body.NeutronError.type, 'NetworkNotFound');
  });

  it('builds a server (BUILD → ACTIVE), stops/starts it, live-migrates it, and deletes it', async () => {
    const flavors = (await call(`${nova()}/flavors/detail`, { headers })).body.flavors;
    const networks = (await call(`${neutron()}/networks?name=site-1-prov`, { headers })).body.networks;
    const created = await call(`${nova()}/servers`, {
      method: 'POST',
      headers,
      body: { server: { name: 'web-1', flavorRef: flavors[0].id, imageRef: 'cirros', availability_zone: 'site-1-fd1', networks: [{ uuid: networks[0].id, fixed_ip: '10.1.0.50' }] } },
    });
    assert.equal(created.status, 202);
    const id = created.body.server.id;
    const first = (await call(`${nova()}/servers/${id}`, { headers })).body.server;
    assert.equal(first.status, 'BUILD');
    assert.equal(first['OS-EXT-AZ:availability_zone'], 'site-1-fd1');
    assert.equal(first.addresses['site-1-prov'][0].addr, '10.1.0.50');
    await eventually(async () => assert.equal((await call(`${nova()}/servers/${id}`, { headers })).body.server.status, 'ACTIVE'));

    assert.equal((await call(`${nova()}/servers/${id}/action`, { method: 'POST', headers, body: { 'os-stop': null } })).status, 202);
    const wrong = await call(`${nova()}/servers/${id}/action`, { method: 'POST', headers, body: { 'os-migrateLive': { host: null, block_migration: 'auto' } } });
    assert.equal(wrong.status, 409);
    assert.equal(wrong.body.conflictingRequest.code, 409);
    assert.equal((await call(`${nova()}/servers/${id}/action`, { method: 'POST', headers, body: { 'os-start': null } })).status, 202);

    const source = (await call(`${nova()}/servers/${id}`, { headers })).body.server['OS-EXT-SRV-ATTR:host'];
    const target = (await call(`${nova()}/os-hypervisors/detail?limit=1000`, { headers })).body.hypervisors.find((h: { hypervisor_hostname: string }) => h.hypervisor_hostname !== source).hypervisor_hostname;
    const migrate = await call(`${nova()}/servers/${id}/action`, { method: 'POST', headers, body: { 'os-migrateLive': { host: target, block_migration: 'auto' } } });
    assert.equal(migrate.status, 202);
    assert.equal((await call(`${nova()}/servers/${id}`, { headers })).body.server.status, 'MIGRATING');
    await eventually(async () => {
      const s = (await call(`${nova()}/servers/${id}`, { headers })).body.server;
      assert.equal(s.status, 'ACTIVE');
      assert.equal(s['OS-EXT-SRV-ATTR:host'], target);
    });
    const onTarget = (await call(`${nova()}/servers/detail?host=${target}`, { headers })).body.servers;
    assert.deepEqual(onTarget.map((s: { id: string }) => s.id), [id]);

    assert.equal((await call(`${nova()}/servers/${id}`, { method: 'DELETE', headers })).status, 204);
    const missing = await call(`${nova()}/servers/${id}`, { headers });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.itemNotFound.code, 404);
    const ports = (await call(`${neutron()}/ports?device_id=${id}`, { headers })).body.ports;
    assert.equal(ports.length, 0, 'the port Nova made for the server went with it');
  });

  it('refuses a migration to a host that is down with 400', async () => {
    const flavors = (await call(`${nova()}/flavors/detail`, { headers })).body.flavors;
    const created = await call(`${nova()}/servers`, { method: 'POST', headers, body: { server: { name: 'db', flavorRef: flavors[0].name } } });
    const id = created.body.server.id;
    await eventually(async () => assert.equal((await call(`${nova()}/servers/${id}`, { headers })).body.server.status, 'ACTIVE'));
    const source = (await call(`${nova()}/servers/${id}`, { headers })).body.server['OS-EXT-SRV-ATTR:host'];
    const down = source === 'site-1-std-d2-1250' ? 'site-1-std-d2-1249' : 'site-1-std-d2-1250';
    const host = sim.admin.setHostUp('site-1', down, false);
    assert.equal((await call(`${nova()}/os-hypervisors/${host.id}`, { headers })).body.hypervisor.state, 'down');
    const res = await call(`${nova()}/servers/${id}/action`, { method: 'POST', headers, body: { 'os-migrateLive': { host: down } } });
    assert.equal(res.status, 400);
    assert.match(res.body.badRequest.message, /unavailable/);
    sim.admin.setHostUp('site-1', down, true);
  });
});
