import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite } from '../model/build-site.js';
import { generateTopology } from './generate-topology.js';
import { validateTopology } from './load-topology.js';

describe('generateTopology', () => {
  it('makes the asked number of sites and hosts, dialects in turn, and passes validation', () => {
    const topology = generateTopology({ sites: 4, hostsPerSite: 1001 });
    assert.deepEqual(topology.sites.map((s) => s.dialect), ['openstack', 'vsphere', 'kubevirt', 'openstack']);
    for (const site of topology.sites) assert.equal(site.hostGroups.reduce((n, g) => n + g.count, 0), 1001);
    assert.doesNotThrow(() => validateTopology(JSON.parse(JSON.stringify(topology))));
  });

  it('spreads hosts over both failure domains with CPU features, GPUs and security modules', () => {
    const site = buildSite(generateTopology({ sites: 1, hostsPerSite: 80 }).sites[0]);
    const hosts = [...site.model.hosts.values()];
    assert.equal(new Set(hosts.map((h) => h.failureDomain)).size, 2);
    assert.ok(hosts.some((h) => h.cpuFeatures.includes('sev-snp')));
    assert.ok(hosts.some((h) => h.cpuFeatures.includes('tdx')));
    assert.ok(hosts.some((h) => h.gpus));
    assert.ok(hosts.some((h) => h.securityModules.includes('sgx')));
    assert.equal(new Set(hosts.map((h) => h.name)).size, 80);
  });

  it('gives a site of fewer hosts than machine types only non-empty groups', () => {
    const site = generateTopology({ sites: 1, hostsPerSite: 3 }).sites[0];
    assert.equal(site.hostGroups.length, 3);
    assert.ok(site.hostGroups.every((g) => g.count === 1));
  });

  it('with vmsPerHost, puts exactly that many running VMs on every host, addressed on the tenant network', () => {
    const spec = generateTopology({ sites: 2, hostsPerSite: 10, vmsPerHost: 3 }).sites[1];
    assert.doesNotThrow(() => validateTopology(JSON.parse(JSON.stringify({ sites: [spec] }))));
    const site = buildSite(spec);
    const perHost = [...site.model.hosts.values()].map((h) => site.model.vmsOn(h.id).size);
    assert.deepEqual(perHost, Array(10).fill(3));
    const tenantNet = site.model.networksByKey.get('default/site-2-tenant')!;
    assert.equal(site.model.portsOf(tenantNet.id).size, 30);
    assert.ok([...site.model.vms.values()].every((v) => v.phase === 'running'));
    assert.equal(generateTopology({ sites: 1, hostsPerSite: 4 }).sites[0].vms?.length, 0, 'no VMs unless asked');
  });

  it('refuses a topology whose references do not resolve, naming the field', () => {
    const topology = JSON.parse(JSON.stringify(generateTopology({ sites: 1, hostsPerSite: 8 })));
    topology.sites[0].storage[0].reachableFrom = ['nowhere'];
    assert.throws(
      () => validateTopology(topology),
      (err: Error & { errors?: { field: string }[] }) => err.errors?.[0]?.field === 'sites.0.storage.0.reachableFrom',
    );
  });
});
