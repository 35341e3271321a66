import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '#vorch/testing';
import { buildSite } from '../model/build-site.js';
import { siteSwitches } from '../traffic/switch-inventory.js';
import { planSwitchTraffic } from '../traffic/traffic-plan.js';
import { loadTopologyFile, parseTopology, validateTopology } from './load-topology.js';

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

  it('the demo estate runs VMs of two tenants whose traffic covers every class on every site', () => {
    const topology = loadTopologyFile(join(repoRoot(), 'deploy/local/sites.yaml'));
    const sites = new Map(topology.sites.map((spec) => [spec.name, buildSite(spec)]));
    const switches = [...sites.values()].flatMap((site) => siteSwitches(site));
    for (const [name, site] of sites) {
      const vms = [...site.model.vms.values()];
      assert.ok(vms.length >= 6 && vms.length <= 12, `${name} runs ${vms.length} VMs`);
      assert.deepEqual(new Set(vms.map((v) => v.metadata.tenant ?? 'default')), new Set(['default', 'acme']));
      for (const vm of vms) {
        const port = site.model.requirePort(vm.nics[0].portId);
        assert.ok(port.mac.startsWith(`${site.model.identity.macPrefix}:`), `${vm.name} has a MAC of the site`);
        assert.ok(site.model.requireSubnet(port.subnetId).allocator.contains(port.ip), `${vm.name} has an IP of its subnet`);
      }
      // What the simulated switches will send: each class from this site, for each tenant.
      for (const tenant of ['default', 'acme']) {
        const planned = new Set(
          switches
            .filter((sw) => sw.siteName === name)
            .flatMap((sw) => planSwitchTraffic(sw, switches, { framesPerSecond: 10, intervalMs: 1000, tick: 0 }))
            .filter((f) => f.src.tenantId === tenant)
            .map((f) => f.intended),
        );
        assert.deepEqual([...planned].sort(), ['external', 'inter-domain', 'inter-server-intra-domain', 'intra-server'], `${name}, ${tenant}`);
      }
    }
  });

  it('names the YAML path of a VM entry that does not fit the site', () => {
    const demo = readFileSync(join(repoRoot(), 'deploy/local/sites.yaml'), 'utf8');
    const broken = parse(demo) as { sites: { vms: Record<string, unknown>[] }[] };
    broken.sites[0].vms[1].network = 'no-such-net';
    broken.sites[1].vms[2].host = 'par-esx-amd-011';
    broken.sites[2].vms[0].cpus = 129;
    broken.sites[2].vms[1].memoryMb = 600_000;
    assert.throws(() => validateTopology(broken), (err: Error & { errors?: { field: string; message: string }[] }) => {
      assert.deepEqual(err.errors?.map((e) => e.field), ['sites.0.vms.1.network', 'sites.1.vms.2.host', 'sites.2.vms.0.cpus', 'sites.2.vms.1.memoryMb']);
      assert.match(err.errors![1].message, /unknown host par-esx-amd-011/);
      return true;
    });
    // each VM fits a host, but together they are more than the site has: found by placing them
    const crowded = parse(demo) as { sites: { vms: Record<string, unknown>[] }[] };
    crowded.sites[1].vms[1].count = 40;
    assert.throws(() => validateTopology(crowded), (err: Error & { errors?: { field: string; message: string }[] }) => {
      assert.deepEqual(err.errors?.map((e) => e.field), ['sites.1.vms.1']);
      assert.match(err.errors![0].message, /vm par-api-032: .*host par-esx-amd-001 lacks room/);
      return true;
    });
  });

  it('takes IPv6 subnets: a dual-stack network gives the VMs on it an address of each family', () => {
    const demo = parse(readFileSync(join(repoRoot(), 'deploy/local/sites.yaml'), 'utf8')) as { sites: { networks: { name: string; subnets: Record<string, unknown>[] }[]; vms: { network: string }[] }[] };
    const spec = demo.sites[0]!;
    const network = spec.networks.find((n) => n.name === spec.vms[0]!.network)!;
    network.subnets.push({ cidr: 'fd00:77::/64', gateway: 'fd00:77::1' });
    const site = buildSite(validateTopology(demo).sites[0]!);
    try {
      const vm = [...site.model.vms.values()].find((v) => site.model.requirePort(v.nics[0]!.portId).networkId === [...site.model.networks.values()].find((n) => n.name === network.name)!.id)!;
      const ips = site.model.requirePort(vm.nics[0]!.portId).fixedIps.map((f) => f.ip);
      assert.equal(ips.length, 2, ips.join(', '));
      assert.ok(ips.some((ip) => ip.startsWith('fd00:77::')) && ips.some((ip) => ip.includes('.')), ips.join(', '));
    } finally {
      site.model.dispose();
    }

    // not a prefix, a second IPv6 subnet, a gateway outside: each named by its path
    network.subnets.push({ cidr: 'fd00:78::1/64' }, { cidr: 'fd00:79::/64' });
    network.subnets[network.subnets.length - 3]!.gateway = 'fd00:99::1';
    assert.throws(() => validateTopology(demo), (err: Error & { errors?: { field: string; message: string }[] }) => {
      const at = `sites.0.networks.${spec.networks.indexOf(network)}.subnets`;
      const n = network.subnets.length;
      assert.deepEqual(err.errors?.map((e) => e.field), [`${at}.${n - 3}.gateway`, `${at}.${n - 2}.cidr`, `${at}.${n - 1}.cidr`]);
      assert.match(err.errors![2]!.message, /already has an IPv6 subnet/);
      return true;
    });
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
