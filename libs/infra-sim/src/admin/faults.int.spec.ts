import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startInfraSim, type InfraSim } from '../http/infra-sim-server.js';
import { call, openstackToken, vsphereSession } from '../testing/http-call.fixture.js';
import { generateTopology } from '../topology/generate-topology.js';

describe('fault injection through the admin API', () => {
  let sim: InfraSim;
  let osHeaders: Record<string, string>;
  let vsHeaders: Record<string, string>;
  const kvHeaders = { authorization: 'Bearer token-site-3' };
  const admin = (path: string) => `${sim.url}/admin/sites/${path}`;
  const hypervisors = () => call(`${sim.siteUrl('site-1')}/compute/v2.1/os-hypervisors/detail?limit=5`, { headers: osHeaders });

  before(async () => {
    sim = await startInfraSim({ topology: generateTopology({ sites: 3, hostsPerSite: 40 }), timing: { buildMs: 10, migrateMs: 20 } });
    osHeaders = { 'x-auth-token': await openstackToken(sim.siteUrl('site-1'), 'admin', 'secret-site-1') };
    vsHeaders = { 'vmware-api-session-id': await vsphereSession(sim.siteUrl('site-2'), 'administrator@vsphere.local', 'secret-site-2') };
  });
  after(() => sim.stop());

  it('lists the sites with their endpoints', async () => {
    const sites = (await call(`${sim.url}/admin/sites`)).body;
    assert.deepEqual(sites.map((s: { dialect: string }) => s.dialect), ['openstack', 'vsphere', 'kubevirt']);
    assert.equal(sites[0].endpoint, sim.siteUrl('site-1'));
    assert.equal(sites[0].hosts, 40);
  });

  it('an error rate of 1 answers every request of that site only with its dialect 503', async () => {
    assert.equal((await call(admin('site-1/faults'), { method: 'PUT', body: { errorRate: 1 } })).status, 200);
    const os = await hypervisors();
    assert.equal(os.status, 503);
    assert.equal(os.body.serviceUnavailable.code, 503);
    assert.equal((await call(`${sim.siteUrl('site-2')}/api/vcenter/host`, { headers: vsHeaders })).status, 200);
    await call(admin('site-2/faults'), { method: 'PUT', body: { errorRate: 1 } });
    const vs = await call(`${sim.siteUrl('site-2')}/api/vcenter/host`, { headers: vsHeaders });
    assert.equal(vs.body.error_type, 'SERVICE_UNAVAILABLE');
    await call(admin('site-3/faults'), { method: 'PUT', body: { errorRate: 1 } });
    const kv = await call(`${sim.siteUrl('site-3')}/api/v1/nodes`, { headers: kvHeaders });
    assert.equal(kv.body.reason, 'ServiceUnavailable');
    for (const s of ['site-1', 'site-2', 'site-3']) assert.equal((await call(admin(`${s}/faults`), { method: 'DELETE' })).status, 204);
    assert.equal((await hypervisors()).status, 200);
  });

  it('latency delays every answer of the site', async () => {
    await call(admin('site-1/faults'), { method: 'PUT', body: { latencyMs: 300 } });
    const started = Date.now();
    assert.equal((await hypervisors()).status, 200);
    assert.ok(Date.now() - started >= 290, `answered in ${Date.now() - started} ms`);
    await call(admin('site-1/faults'), { method: 'DELETE' });
  });

  it('an unreachable site drops connections without answering, and comes back', async () => {
    await call(admin('site-1/faults'), { method: 'PUT', body: { unreachable: true } });
    await assert.rejects(hypervisors(), TypeError);
    assert.equal((await call(admin('site-1/faults'))).body.unreachable, true);
    await call(admin('site-1/faults'), { method: 'PUT', body: { unreachable: false } });
    assert.equal((await hypervisors()).status, 200);
  });

  it('rejects bad fault values, naming the field', async () => {
    const res = await call(admin('site-1/faults'), { method: 'PUT', body: { errorRate: 2 } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.errors[0].field, 'errorRate');
  });

  it('host down shows in each dialect', async () => {
    const host = (await call(admin('site-3/hosts?limit=1'))).body.items[0].name;
    assert.equal((await call(admin(`site-3/hosts/${host}/state`), { method: 'PUT', body: { up: false } })).status, 200);
    const node = (await call(`${sim.siteUrl('site-3')}/api/v1/nodes/${host}`, { headers: kvHeaders })).body;
    assert.equal(node.status.conditions[0].status, 'Unknown');
    await call(admin(`site-3/hosts/${host}/state`), { method: 'PUT', body: { up: true } });
    assert.equal((await call(`${sim.siteUrl('site-3')}/api/v1/nodes/${host}`, { headers: kvHeaders })).body.status.conditions[0].status, 'True');
  });

  it('a VM deleted or changed behind the manager’s back is gone / changed, and the change feed says so', async () => {
    const endpoint = sim.siteUrl('site-1');
    const flavor = (await call(`${endpoint}/compute/v2.1/flavors/detail`, { headers: osHeaders })).body.flavors[0].id;
    const ids: string[] = [];
    for (const name of ['drift-a', 'drift-b']) ids.push((await call(`${endpoint}/compute/v2.1/servers`, { method: 'POST', headers: osHeaders, body: { server: { name, flavorRef: flavor } } })).body.server.id);
    const since = (await call(`${endpoint}/vorch/v1/changes?since=0&limit=1`, { headers: osHeaders })).body.latest;

    assert.equal((await call(admin(`site-1/resources/vm/${ids[0]}`), { method: 'DELETE' })).status, 204);
    assert.equal((await call(`${endpoint}/compute/v2.1/servers/${ids[0]}`, { headers: osHeaders })).status, 404);
    assert.equal((await call(admin('site-1/resources/vm/drift-b'), { method: 'PATCH', body: { name: 'renamed', powerState: 'off' } })).status, 200);
    const b = (await call(`${endpoint}/compute/v2.1/servers/${ids[1]}`, { headers: osHeaders })).body.server;
    assert.equal(b.name, 'renamed');
    assert.equal(b.status, 'SHUTOFF');

    const changes = (await call(`${endpoint}/vorch/v1/changes?since=${since}`, { headers: osHeaders })).body;
    const vmChanges = changes.items.filter((c: { kind: string }) => c.kind === 'vm');
    assert.ok(vmChanges.some((c: { id: string; op: string }) => c.id === ids[0] && c.op === 'deleted'));
    assert.ok(vmChanges.some((c: { id: string; name: string }) => c.id === ids[1] && c.name === 'renamed'));
    assert.equal(changes.next_since, changes.items[changes.items.length - 1].seq);
  });

  it('a network deleted behind the back of a vSphere manager takes its ports with it', async () => {
    const endpoint = sim.siteUrl('site-2');
    const net = (await call(`${endpoint}/api/vcenter/network`, { method: 'POST', headers: vsHeaders, body: { name: 'doomed', segment: { type: 'vlan', id: 999 }, subnets: [{ cidr: '172.31.0.0/24' }] } })).body;
    const port = (await call(`${endpoint}/vorch/v1/ports`, { method: 'POST', headers: vsHeaders, body: { network: net } })).body;
    assert.equal((await call(admin(`site-2/resources/network/${net}`), { method: 'DELETE' })).status, 204);
    assert.equal((await call(`${endpoint}/api/vcenter/network/${net}`, { headers: vsHeaders })).body.error_type, 'NOT_FOUND');
    assert.equal((await call(`${endpoint}/vorch/v1/ports/${port.id}`, { headers: vsHeaders })).status, 404);
  });

  it('serves vswitches and security modules per host through the extension', async () => {
    const endpoint = sim.siteUrl('site-2');
    const switches = (await call(`${endpoint}/vorch/v1/vswitches?limit=10`, { headers: vsHeaders })).body;
    assert.equal(switches.items.length, 10);
    assert.equal(switches.items[0].kind, 'vds');
    assert.ok(switches.next_cursor);
    const modules = (await call(`${endpoint}/vorch/v1/security-modules?host=${switches.items[0].host}`, { headers: vsHeaders })).body.items;
    assert.deepEqual(modules.map((m: { kind: string }) => m.kind), ['tpm', 'sev-snp']);

    const net = (await call(`${endpoint}/api/vcenter/network?names=site-2-prov`, { headers: vsHeaders })).body[0].network;
    const vm = (await call(`${endpoint}/api/vcenter/vm`, {
      method: 'POST',
      headers: vsHeaders,
      body: { name: 'switched', placement: { host: switches.items[0].host }, nics: [{ backing: { type: 'DISTRIBUTED_PORTGROUP', network: net } }] },
    })).body;
    const detail = (await call(`${endpoint}/vorch/v1/vswitches/${switches.items[0].id}`, { headers: vsHeaders })).body;
    assert.deepEqual(detail.ports.map((p: { vm: string }) => p.vm), [vm]);
    assert.match(detail.ports[0].mac_address, /^02:00:02:/);
    assert.match(detail.ports[0].ip_address, /^10\.2\./);
  });

  it('maps CPU features and TPMs to placement traits', async () => {
    const endpoint = sim.siteUrl('site-1');
    const rp = (await call(`${endpoint}/placement/resource_providers?name=site-1-intel-d1-001`, { headers: osHeaders })).body.resource_providers[0];
    const traits = (await call(`${endpoint}/placement/resource_providers/${rp.uuid}/traits`, { headers: osHeaders })).body.traits;
    assert.ok(traits.includes('HW_CPU_X86_TDX'));
    assert.ok(traits.includes('HW_CPU_X86_SGX'));
    assert.ok(traits.includes('COMPUTE_SECURITY_TPM_2_0'));
  });
});
