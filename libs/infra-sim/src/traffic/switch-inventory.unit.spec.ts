import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { smallSite, smallSiteSpec } from '../model/small-site.fixture.js';
import { buildSite, type SimSite } from '../model/build-site.js';
import type { SiteSpec } from '../topology/topology.js';
import { siteSwitches, switchIdOf } from './switch-inventory.js';

const addVm = (site: SimSite, name: string, hostIndex: number, start: 'now' | 'off' = 'now', metadata?: Record<string, string>) => {
  const network = [...site.model.networks.values()][0];
  return site.compute.createVm({ name, vcpus: 1, memoryMb: 1024, hostId: site.model.hostList[hostIndex].id, nics: [{ name: 'eth0', networkId: network.id }], start, metadata });
};

describe('siteSwitches', () => {
  it('given VMs on two hosts of an openstack site, lists one switch per host with VMs, each with its VMs\' ports under their UUIDs', () => {
    const site = smallSite();
    const a = addVm(site, 'a', 0);
    addVm(site, 'b', 0);
    addVm(site, 'c', 2);
    const switches = siteSwitches(site);
    assert.deepEqual(switches.map((s) => s.switchId).sort(), [switchIdOf('test-site', 'a-001'), switchIdOf('test-site', 'b-001')]);
    // Nova's server id and hypervisor id are the simulator's UUIDs.
    const first = switches.find((s) => s.hostId === site.model.hostList[0].id)!;
    assert.equal(first.ports.length, 2);
    const port = site.model.ports.get(a.nics[0].portId)!;
    assert.deepEqual(first.ports.find((p) => p.vmId === a.id), {
      mac: port.mac, ip: port.ip, vmId: a.id, hostId: a.hostId, domainId: 'test-site', tenantId: 'default', siteName: 'test-site', active: true,
    });
  });

  it('takes the domain from the options and the tenant from VM metadata; a stopped VM is reported but inactive', () => {
    const site = smallSite();
    addVm(site, 'a', 0, 'off', { tenant: 'acme' });
    const [sw] = siteSwitches(site, { domains: { 'test-site': 'east' }, defaultTenant: 'globex' });
    assert.equal(sw.domainId, 'east');
    assert.equal(sw.ports[0].tenantId, 'acme');
    assert.equal(sw.ports[0].active, false);
  });

  it('given a VM deleted, its host\'s switch disappears from the list', () => {
    const site = smallSite();
    const a = addVm(site, 'a', 1);
    site.compute.deleteVm(a.id);
    assert.deepEqual(siteSwitches(site), []);
  });

  it('given a vsphere site, reports the VM and the host by their MoRefs (vm-<serial>, host-<serial>), as the vCenter API names them', () => {
    const site = siteOf('vsphere');
    const a = addVm(site, 'a', 1);
    const host = site.model.hostList[1];
    const [sw] = siteSwitches(site);
    assert.equal(sw.hostId, `host-${host.serial}`);
    assert.deepEqual(sw.ports.map((p) => [p.vmId, p.hostId]), [[`vm-${a.serial}`, `host-${host.serial}`]]);
    assert.notEqual(a.serial, host.serial, 'a VM and its host do not share a serial');
  });

  it('given a kubevirt site, reports the VM as <namespace>/<name> and the host by its node name', () => {
    const site = siteOf('kubevirt');
    const network = [...site.model.networks.values()][0];
    site.compute.createVm({ name: 'web', namespace: 'shop', vcpus: 1, memoryMb: 1024, hostId: site.model.hostList[2].id, nics: [{ name: 'eth0', networkId: network.id }], start: 'now' });
    const [sw] = siteSwitches(site);
    assert.equal(sw.hostId, 'b-001');
    assert.deepEqual(sw.ports.map((p) => [p.vmId, p.hostId]), [['shop/web', 'b-001']]);
  });

  it('given a VM moved to another host, reports it under the same VM id on the new host\'s switch, with that host\'s id', () => {
    const site = siteOf('vsphere');
    const a = addVm(site, 'a', 0);
    site.compute.patchVm(a.id, { hostId: site.model.hostList[3].id });
    const [sw] = siteSwitches(site);
    assert.equal(sw.switchId, switchIdOf('test-site', 'b-002'));
    assert.deepEqual(sw.ports.map((p) => [p.vmId, p.hostId]), [[`vm-${a.serial}`, `host-${site.model.hostList[3].serial}`]]);
  });
});

function siteOf(dialect: SiteSpec['dialect']): SimSite {
  return buildSite(smallSiteSpec({ dialect }), { timing: { buildMs: 5, migrateMs: 10 } });
}
