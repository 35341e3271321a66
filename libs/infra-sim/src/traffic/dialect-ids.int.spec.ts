import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDriver, type Vm as DriverVm, type VimDriver } from '#vorch/vim-drivers';
import { startInfraSim, type InfraSim } from '../http/infra-sim-server.js';
import type { SimSite } from '../model/build-site.js';
import { generateTopology } from '../topology/generate-topology.js';
import { siteSwitches } from './switch-inventory.js';

/**
 * The switches' ids checked against the VIM drivers working on the same site over its API: the VM the inventory
 * knows (Vm.externalId, Vm.hostId, Host.externalId) is the VM the switches report, on every dialect, before and
 * after a live migration.
 */
describe('simulated switches name VMs and hosts as the VIM drivers do', () => {
  let sim: InfraSim;
  // site-1 openstack, site-2 vsphere, site-3 kubevirt, two hosts each and no VMs until a driver creates one.
  const topology = generateTopology({ sites: 3, hostsPerSite: 2 });

  before(async () => {
    sim = await startInfraSim({ topology, port: 0, timing: { buildMs: 20, migrateMs: 50 } });
  });
  after(() => sim.stop());

  const driverOf = (name: string): VimDriver => {
    const spec = topology.sites.find((s) => s.name === name)!;
    return createDriver({ dialect: spec.dialect, endpoint: sim.siteUrl(name), credentials: spec.credentials, retries: 0, pollIntervalMs: 20 });
  };

  /** What the site's switches report for the driver's VM, found by the MAC of the port the driver plugged into it. */
  const reportedFor = (site: SimSite, mac: string) => {
    const switches = siteSwitches(site);
    const sw = switches.find((s) => s.ports.some((p) => p.mac === mac))!;
    const port = sw.ports.find((p) => p.mac === mac)!;
    return { switchHost: sw.hostId, vmId: port.vmId, hostId: port.hostId };
  };
  const expectedFor = (vm: DriverVm) => ({ switchHost: vm.hostId, vmId: vm.externalId, hostId: vm.hostId });

  for (const [name, dialect] of [['site-1', 'openstack'], ['site-2', 'vsphere'], ['site-3', 'kubevirt']] as const) {
    it(`${dialect}: the switches report a driver-made VM under its externalId and its host's externalId, also after a migration`, async () => {
      const site = sim.sites.get(name)!;
      assert.equal(site.model.dialect, dialect);
      const driver = driverOf(name);
      const hosts: string[] = [];
      for await (const h of driver.hosts()) hosts.push(h.externalId);
      const network = (await driver.listNetworks()).find((n) => n.name === `${name}-tenant`)!;
      const port = await driver.createPort({ networkId: network.externalId, name: 'web-eth0' });

      // 1. created on the second host
      const created = await driver.createVm({ name: 'web', cpu: 1, memoryMb: 1024, hostId: hosts[1], portIds: [port.externalId] });
      assert.equal(created.hostId, hosts[1]);
      assert.deepEqual(reportedFor(site, port.mac), expectedFor(await driver.getVm(created.externalId)));

      // 2. moved to the first: same VM id, the other host's id
      const moved = await driver.liveMigrate(created.externalId, hosts[0]!);
      assert.equal(moved.hostId, hosts[0]);
      assert.deepEqual(reportedFor(site, port.mac), expectedFor(await driver.getVm(created.externalId)));
      assert.deepEqual((await driver.listVms()).map((v) => v.externalId), [created.externalId]);
    });
  }
});
