import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from '#vorch/testing';
import { buildSite } from '../model/build-site.js';
import { loadTopologyFile, parseTopology } from './load-topology.js';

describe('topology files', () => {
  it('the demo estate has three sites, one per dialect, with what the product needs on them', () => {
    const topology = loadTopologyFile(join(repoRoot(), 'deploy/local/sites.yaml'));
    assert.deepEqual(topology.sites.map((s) => s.dialect).sort(), ['kubevirt', 'openstack', 'vsphere']);
    for (const spec of topology.sites) {
      const site = buildSite(spec);
      const hosts = [...site.model.hosts.values()];
      assert.ok(hosts.length >= 24, `${spec.name} has ${hosts.length} hosts`);
      assert.equal(new Set(hosts.map((h) => h.failureDomain)).size, 2);
      assert.ok(hosts.some((h) => h.gpus));
      assert.ok(hosts.some((h) => h.cpuFeatures.some((f) => ['sev-snp', 'tdx', 'sgx'].includes(f))));
      assert.ok(site.model.storage.some((s) => s.replicationModes.length > 0));
      assert.ok(site.model.networks.size >= 2);
    }
  });

  it('names every bad field of a broken file', () => {
    assert.throws(
      () => parseTopology('sites:\n  - name: Bad_Name\n    dialect: xen\n'),
      (err: Error & { errors?: { field: string }[] }) => {
        const fields = err.errors?.map((e) => e.field) ?? [];
        assert.ok(fields.includes('sites.0.name'));
        assert.ok(fields.includes('sites.0.dialect'));
        return true;
      },
    );
  });
});
