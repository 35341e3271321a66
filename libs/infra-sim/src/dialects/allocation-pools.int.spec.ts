import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startInfraSim, type InfraSim } from '../http/infra-sim-server.js';
import { call, openstackToken, vsphereSession } from '../testing/http-call.fixture.js';
import { generateTopology } from '../topology/generate-topology.js';

const POOLS = [{ start: '10.88.0.10', end: '10.88.0.11' }, { start: '10.88.0.20', end: '10.88.0.20' }];

describe('allocation pools in every dialect over HTTP', () => {
  let sim: InfraSim;

  before(async () => {
    sim = await startInfraSim({ topology: generateTopology({ sites: 3, hostsPerSite: 2 }), timing: { buildMs: 1, migrateMs: 1 } });
  });
  after(() => sim.stop());

  /** Ports asked of the extension (vsphere, kubevirt) until the network's pools run out: their addresses, then the refusal. */
  async function drain(endpoint: string, headers: Record<string, string>, network: string): Promise<{ ips: string[]; refusal: { status: number; body: unknown } }> {
    const ips: string[] = [];
    for (;;) {
      const res = await call(`${endpoint}/vorch/v1/ports`, { method: 'POST', headers, body: { network } });
      if (res.status !== 201) return { ips, refusal: res };
      ips.push(res.body.ip_address);
    }
  }

  it('openstack: allocation_pools are kept, shown, drawn from in order; a named address outside them is taken; bad pools are InvalidInput', async () => {
    const endpoint = sim.siteUrl('site-1');
    const headers = { 'x-auth-token': await openstackToken(endpoint, 'admin', 'secret-site-1') };
    const neutron = `${endpoint}/network/v2.0`;
    const net = (await call(`${neutron}/networks`, { method: 'POST', headers, body: { network: { name: 'pools', 'provider:network_type': 'vxlan', 'provider:segmentation_id': 8801 } } })).body.network;
    const created = await call(`${neutron}/subnets`, { method: 'POST', headers, body: { subnet: { network_id: net.id, cidr: '10.88.0.0/24', ip_version: 4, allocation_pools: POOLS } } });
    assert.equal(created.status, 201);
    assert.deepEqual((await call(`${neutron}/subnets/${created.body.subnet.id}`, { headers })).body.subnet.allocation_pools, POOLS);
    const ips = [];
    for (let i = 0; i < 3; i++) ips.push((await call(`${neutron}/ports`, { method: 'POST', headers, body: { port: { network_id: net.id } } })).body.port.fixed_ips[0].ip_address);
    assert.deepEqual(ips, ['10.88.0.10', '10.88.0.11', '10.88.0.20']);
    const full = await call(`${neutron}/ports`, { method: 'POST', headers, body: { port: { network_id: net.id } } });
    assert.deepEqual([full.status, full.body.NeutronError.type], [409, 'IpAddressGenerationFailure']);
    const named = await call(`${neutron}/ports`, { method: 'POST', headers, body: { port: { network_id: net.id, fixed_ips: [{ ip_address: '10.88.0.200' }] } } });
    assert.equal(named.status, 201);

    const other = (await call(`${neutron}/networks`, { method: 'POST', headers, body: { network: { name: 'bad-pools' } } })).body.network;
    for (const allocation_pools of [[{ start: '10.89.0.250', end: '10.89.1.2' }], [{ start: '10.89.0.9', end: '10.89.0.3' }], [{ start: '10.89.0.2', end: '10.89.0.9' }, { start: '10.89.0.9', end: '10.89.0.12' }]]) {
      const refused = await call(`${neutron}/subnets`, { method: 'POST', headers, body: { subnet: { network_id: other.id, cidr: '10.89.0.0/24', allocation_pools } } });
      assert.deepEqual([refused.status, refused.body.NeutronError.type], [400, 'InvalidInput'], JSON.stringify(allocation_pools));
    }
    const plain = (await call(`${neutron}/subnets`, { method: 'POST', headers, body: { subnet: { network_id: other.id, cidr: '10.89.0.0/24', gateway_ip: '10.89.0.100' } } })).body.subnet;
    assert.deepEqual(plain.allocation_pools, [{ start: '10.89.0.1', end: '10.89.0.99' }, { start: '10.89.0.101', end: '10.89.0.254' }], "Neutron's default: all but the gateway");
  });

  it('vsphere: ip_ranges of a port group subnet are kept, shown, drawn from in order, and refused when they do not fit', async () => {
    const endpoint = sim.siteUrl('site-2');
    const headers = { 'vmware-api-session-id': await vsphereSession(endpoint, 'administrator@vsphere.local', 'secret-site-2') };
    const ipRanges = POOLS.map((p) => ({ start_address: p.start, end_address: p.end }));
    const pg = await call(`${endpoint}/api/vcenter/network`, {
      method: 'POST',
      headers,
      body: { name: 'pools', segment: { type: 'vlan', id: 881 }, subnets: [{ cidr: '10.88.0.0/24', ip_ranges: ipRanges }, { cidr: 'fd00:88::/64' }] },
    });
    assert.equal(pg.status, 201);
    const detail = (await call(`${endpoint}/api/vcenter/network/${pg.body}`, { headers })).body;
    assert.deepEqual(detail.vorch_subnets, [{ cidr: '10.88.0.0/24', gateway: '10.88.0.1', ip_ranges: ipRanges }, { cidr: 'fd00:88::/64', gateway: 'fd00:88::1' }]);
    const { ips, refusal } = await drain(endpoint, headers, pg.body);
    assert.deepEqual(ips, ['10.88.0.10', '10.88.0.11', '10.88.0.20']);
    assert.deepEqual([refusal.status, (refusal.body as { error_type: string }).error_type], [409, 'UNABLE_TO_ALLOCATE_RESOURCE']);
    const bad = await call(`${endpoint}/api/vcenter/network`, {
      method: 'POST',
      headers,
      body: { name: 'bad-pools', segment: { type: 'vlan', id: 882 }, subnets: [{ cidr: '10.89.0.0/24', ip_ranges: [{ start_address: '10.89.0.0', end_address: '10.89.0.5' }] }] },
    });
    assert.deepEqual([bad.status, bad.body.error_type], [400, 'INVALID_ARGUMENT']);
  });

  it('kubevirt: whereabouts range_start, range_end and exclude (on range and on each ipRanges entry) bound what a NAD hands out', async () => {
    const endpoint = sim.siteUrl('site-3');
    const headers = { authorization: 'Bearer token-site-3' };
    const NADS = `${endpoint}/apis/k8s.cni.cncf.io/v1/namespaces/default/network-attachment-definitions`;
    const nad = (name: string, vlan: number, ipam: Record<string, unknown>) =>
      call(NADS, { method: 'POST', headers, body: { metadata: { name }, spec: { config: JSON.stringify({ cniVersion: '0.3.1', name, type: 'ovs', vlan, ipam: { type: 'whereabouts', ...ipam } }) } } });

    // .10-.11 and .20: from .10 to .20, less .12-.19 (two CIDR blocks)
    const single = { range: '10.88.0.0/24', range_start: '10.88.0.10', range_end: '10.88.0.20', exclude: ['10.88.0.16/30', '10.88.0.12/30'] };
    assert.equal((await nad('pools', 883, single)).status, 201);
    assert.deepEqual(JSON.parse((await call(`${NADS}/pools`, { headers })).body.spec.config).ipam, { type: 'whereabouts', ...single }, 'the config is shown as sent');
    const drained = await drain(endpoint, headers, 'default/pools');
    assert.deepEqual(drained.ips, ['10.88.0.10', '10.88.0.11', '10.88.0.20']);
    assert.deepEqual([drained.refusal.status, (drained.refusal.body as { reason: string }).reason], [409, 'Conflict']);

    // dual-stack: the IPv6 entry alone is bounded; exclude without range_start/range_end cuts the subnet's own ends
    const ipRanges = [{ range: '10.90.0.0/24' }, { range: 'fd00:90::/64', exclude: ['fd00:90::/126', 'fd00:90::8/125', 'fd00:90::/120'] }];
    assert.equal((await nad('dual', 884, { ipRanges })).status, 201);
    const sixes = [];
    for (let i = 0; i < 5; i++) sixes.push((await call(`${endpoint}/vorch/v1/ports`, { method: 'POST', headers, body: { network: 'default/dual', ip_version: 6 } })).body.ip_address);
    assert.deepEqual(sixes, ['fd00:90::100', 'fd00:90::101', 'fd00:90::102', 'fd00:90::103', 'fd00:90::104']);

    for (const [i, ipam] of [
      { range: '10.91.0.0/24', range_start: '10.91.0.30', range_end: '10.91.0.20' },
      { range: '10.91.0.0/24', exclude: ['10.91.0.5'] },
      { range: '10.91.0.0/24', exclude: 'fd00::/64' },
      { range: '10.91.0.0/24', range_start: 'fd00::1' },
      { range: '10.91.0.0/24', range_end: '10.91.1.9' },
    ].entries()) {
      const refused = await nad(`bad-${i}`, 890 + i, ipam);
      assert.deepEqual([refused.status, refused.body.reason], [400, 'BadRequest'], JSON.stringify(ipam));
    }
  });
});
