import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startInfraSim, type InfraSim } from './infra-sim-server.js';
import { call, openstackToken, vsphereSession } from '../testing/http-call.fixture.js';
import { generateTopology } from '../topology/generate-topology.js';

// Holding 50,000 hosts in one process is a requirement; how fast pages come is measured in test/bench/infra-sim.bench.ts.
describe('infra-sim with 50,000 hosts in one process', () => {
  let sim: InfraSim;

  before(async () => {
    sim = await startInfraSim({ topology: generateTopology({ sites: 5, hostsPerSite: 10_000 }) });
  });
  after(() => sim.stop());

  it('holds every host and serves an inventory page from the end of each dialect’s list', async () => {
    const sites = (await call(`${sim.url}/admin/sites`)).body;
    assert.equal(sites.reduce((n: number, s: { hosts: number }) => n + s.hosts, 0), 50_000);

    const os = sim.siteUrl('site-4');
    const osHeaders = { 'x-auth-token': await openstackToken(os, 'admin', 'secret-site-4') };
    const last = [...sim.sites.get('site-4')!.model.hosts.values()].at(-101)!;
    const page = (await call(`${os}/compute/v2.1/os-hypervisors/detail?limit=100&marker=${last.id}`, { headers: osHeaders })).body;
    assert.equal(page.hypervisors.length, 100);
    assert.equal(page.hypervisors_links, undefined);

    const vs = sim.siteUrl('site-5');
    const vsHeaders = { 'vmware-api-session-id': await vsphereSession(vs, 'administrator@vsphere.local', 'secret-site-5') };
    const hosts = await call(`${vs}/api/vcenter/host?page_size=500`, { headers: vsHeaders });
    assert.equal(hosts.body.length, 500);
    assert.ok(hosts.headers.get('vorch-next-page-token'));

    const nodes = (await call(`${sim.siteUrl('site-3')}/api/v1/nodes?limit=500`, { headers: { authorization: 'Bearer token-site-3' } })).body;
    assert.equal(nodes.items.length, 500);
    assert.ok(nodes.metadata.continue);
  });
});
