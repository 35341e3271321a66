import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { smallSite } from '../model/small-site.fixture.js';
import type { SimSite } from '../model/build-site.js';
import { siteSwitches, switchIdOf } from './switch-inventory.js';

const addVm = (site: SimSite, name: string, hostIndex: number, start: 'now' | 'off' = 'now', metadata?: Record<string, string>) => {
  const network = [...site.model.networks.values()][0];
  return site.compute.createVm({ name, vcpus: 1, memoryMb: 1024, hostId: site.model.hostList[hostIndex].id, nics: [{ name: 'eth0', networkId: network.id }], start, metadata });
};

describe('siteSwitches', () => {
  it('given VMs on two hosts, lists one switch per host with VMs, each with its VMs\' ports', () => {
    const site = smallSite();
    const a = addVm(site, 'a', 0);
    addVm(site, 'b', 0);
    addVm(site, 'c', 2);
    const switches = siteSwitches(site);
    assert.deepEqual(switches.map((s) => s.switchId).sort(), [switchIdOf('test-site', 'a-001'), switchIdOf('test-site', 'b-001')]);
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
});
