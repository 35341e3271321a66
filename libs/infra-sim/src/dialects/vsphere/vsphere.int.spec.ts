import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '#vorch/testing';
import { startInfraSim, type InfraSim } from '../../http/infra-sim-server.js';
import { call, vsphereSession, type CallResult } from '../../testing/http-call.fixture.js';
import { generateTopology } from '../../topology/generate-topology.js';

describe('vsphere dialect over HTTP', () => {
  let sim: InfraSim;
  let api: string;
  let headers: Record<string, string>;

  before(async () => {
    const site = generateTopology({ sites: 2, hostsPerSite: 10_000 }).sites[1];
    sim = await startInfraSim({ topology: { sites: [site] }, timing: { buildMs: 20, migrateMs: 50 } });
    const endpoint = sim.siteUrl('site-2');
    api = `${endpoint}/api`;
    headers = { 'vmware-api-session-id': await vsphereSession(endpoint, 'administrator@vsphere.local', 'secret-site-2') };
  });
  after(() => sim.stop());

  it('answers a wrong password or session with UNAUTHENTICATED 401', async () => {
    const bad = await call(`${api}/session`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from('administrator@vsphere.local:nope').toString('base64')}` } });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error_type, 'UNAUTHENTICATED');
    const res = await call(`${api}/vcenter/host`, { headers: { 'vmware-api-session-id': 'stale' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.messages[0].id, 'vapi.security.authentication.invalid');
  });

  it('pages through 10,000 hosts with page_size and the vorch-next-page-token header', async () => {
    const ids = new Set<string>();
    let token: string | null = null;
    let pages = 0;
    do {
      const res: CallResult = await call(`${api}/vcenter/host?page_size=1000${token ? `&page_token=${token}` : ''}`, { headers });
      assert.equal(res.status, 200);
      for (const h of res.body) ids.add(h.host);
      token = res.headers.get('vorch-next-page-token');
      pages++;
    } while (token);
    assert.equal(ids.size, 10_000);
    assert.equal(pages, 10);
    assert.ok([...ids].every((id) => /^host-\d+$/.test(id)));
  });

  it('filters hosts by cluster (failure domain) and by name, and returns the whole list unpaged', async () => {
    const clusters = (await call(`${api}/vcenter/cluster`, { headers })).body;
    assert.equal(clusters.length, 2);
    const inFirst = (await call(`${api}/vcenter/host?clusters=${clusters[0].cluster}`, { headers })).body;
    assert.equal(inFirst.length, 5000);
    assert.ok(inFirst.every((h: { cluster: string }) => h.cluster === clusters[0].cluster));
    const named = (await call(`${api}/vcenter/host?names=${inFirst[3].name}`, { headers })).body;
    assert.deepEqual(named.map((h: { host: string }) => h.host), [inFirst[3].host]);
    const all = await call(`${api}/vcenter/host`, { headers });
    assert.equal(all.body.length, 10_000);
    assert.equal(all.headers.get('vorch-next-page-token'), null);
  });

  it('describes datastores with replication and reachable clusters', async () => {
    const stores = (await call(`${api}/vcenter/datastore`, { headers })).body;
    assert.equal(stores.length, 3);
    const detail = (await call(`${api}/vcenter/datastore/${stores[0].datastore}`, { headers })).body;
    assert.deepEqual(detail.vorch_replication.modes, ['sync', 'async']);
    assert.deepEqual(detail.vorch_replication.peers, [stores[1].datastore]);
    assert.deepEqual(detail.vorch_reachable_clusters, ['domain-c1']);
  });

  it('creates a port group, a VM with a manual MAC, refuses the same MAC again, relocates and deletes the VM', async () => {
    const pg = await call(`${api}/vcenter/network`, { method: 'POST', headers, body: { name: 'pg-blue', segment: { type: 'vlan', id: 444 }, subnets: [{ cidr: '172.20.0.0/24' }] } });
    assert.equal(pg.status, 201);
    assert.match(pg.body, /^network-\d+$/);
    const hosts = (await call(`${api}/vcenter/host?page_size=2`, { headers })).body;
    const spec = (name: string, mac: string) => ({
      name,
      placement: { host: hosts[0].host },
      cpu: { count: 2 },
      memory: { size_MiB: 4096 },
      power_on: true,
      nics: [{ backing: { type: 'DISTRIBUTED_PORTGROUP', network: pg.body }, mac_type: 'MANUAL', mac_address: mac, vorch_ip_address: '172.20.0.10' }],
    });
    const created = await call(`${api}/vcenter/vm`, { method: 'POST', headers, body: spec('app-1', '00:50:56:01:02:03') });
    assert.equal(created.status, 201);
    const vm = created.body;
    const detail = (await call(`${api}/vcenter/vm/${vm}`, { headers })).body;
    assert.equal(detail.power_state, 'POWERED_ON');
    assert.equal(detail.nics['4000'].mac_address, '00:50:56:01:02:03');
    assert.equal(detail.nics['4000'].vorch_ip_address, '172.20.0.10');
    assert.equal(detail.vorch_host, hosts[0].host);

    const clash = await call(`${api}/vcenter/vm`, { method: 'POST', headers, body: spec('app-2', '00:50:56:01:02:03') });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error_type, 'ALREADY_EXISTS');

    const task = await call(`${api}/vcenter/vm/${vm}?action=relocate&vmw-task=true`, { method: 'POST', headers, body: { spec: { placement: { host: hosts[1].host } } } });
    assert.equal(task.status, 202);
    assert.match(task.body, /^task-\d+$/);
    await eventually(async () => assert.equal((await call(`${api}/cis/tasks/${task.body}`, { headers })).body.status, 'SUCCEEDED'));
    assert.equal((await call(`${api}/vcenter/vm/${vm}`, { headers })).body.vorch_host, hosts[1].host);
    const onHost = (await call(`${api}/vcenter/vm?hosts=${hosts[1].host}`, { headers })).body;
    assert.deepEqual(onHost.map((v: { vm: string }) => v.vm), [vm]);

    const refused = await call(`${api}/vcenter/vm/${vm}`, { method: 'DELETE', headers });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error_type, 'NOT_ALLOWED_IN_CURRENT_STATE');
    assert.equal((await call(`${api}/vcenter/vm/${vm}/power?action=stop`, { method: 'POST', headers })).status, 204);
    assert.equal((await call(`${api}/vcenter/vm/${vm}`, { method: 'DELETE', headers })).status, 204);
    const gone = await call(`${api}/vcenter/vm/${vm}`, { headers });
    assert.equal(gone.status, 404);
    assert.equal(gone.body.error_type, 'NOT_FOUND');
    assert.equal((await call(`${api}/vcenter/network/${pg.body}`, { method: 'DELETE', headers })).status, 204);
  });

  it('attaches a port pre-allocated through the ports extension and fails a relocate to a host that goes down', async () => {
    const net = (await call(`${api}/vcenter/network?names=site-2-prov`, { headers })).body[0].network;
    const port = await call(`${sim.siteUrl('site-2')}/vorch/v1/ports`, { method: 'POST', headers, body: { network: net, ip_address: '10.2.0.99' } });
    assert.equal(port.status, 201);
    assert.equal(port.body.ip_address, '10.2.0.99');
    const hosts = (await call(`${api}/vcenter/host?page_size=3`, { headers })).body;
    const vm = (await call(`${api}/vcenter/vm`, { method: 'POST', headers, body: { name: 'db-1', placement: { host: hosts[0].host }, power_on: true, nics: [{ vorch_port: port.body.id }] } })).body;
    const bound = (await call(`${sim.siteUrl('site-2')}/vorch/v1/ports/${port.body.id}`, { headers })).body;
    assert.equal(bound.vm, vm);
    const task = (await call(`${api}/vcenter/vm/${vm}?action=relocate&vmw-task=true`, { method: 'POST', headers, body: { spec: { placement: { host: hosts[2].host } } } })).body;
    sim.admin.setHostUp('site-2', hosts[2].host, false);
    await eventually(async () => {
      const t = (await call(`${api}/cis/tasks/${task}`, { headers })).body;
      assert.equal(t.status, 'FAILED');
      assert.equal(t.error.error_type, 'RESOURCE_INACCESSIBLE');
    });
    assert.equal((await call(`${api}/vcenter/vm/${vm}`, { headers })).body.vorch_host, hosts[0].host);
    const down = (await call(`${api}/vcenter/host/${hosts[2].host}`, { headers })).body;
    assert.equal(down.connection_state, 'NOT_RESPONDING');
    sim.admin.setHostUp('site-2', hosts[2].host, true);
  });
});
