import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplicationContext } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { addressMapShardKeys, INVENTORY_SUBJECTS, statsSubjects, type CommandMeta, type SiteView } from '#vorch/contracts';
import { Bus } from '#vorch/messaging';
import { generateTopology, SimulatedSwitchFabric, type InfraSim, type SimSite } from '#vorch/infra-sim';
import { eventually, testDatabase, type TestDatabase } from '#vorch/testing';
import { AddressMapFollower, openAddressMapBucket, VSwitchAgent, type DomainAddressesValue } from '#vorch/vswitch-agent';
import { createInventoryService } from '../../apps/inventory/src/create-inventory-service.js';
import { driverFactory } from '../../apps/inventory/src/discovery/driver-factory.js';
import { InventoryCore } from '../../apps/inventory/src/inventory.core.js';
import type { InventoryConfig } from '../../apps/inventory/src/inventory.config.js';
import { startStatsStack, type StatsStack } from '../support/stats-stack.js';

const subjects = statsSubjects();
const TENANT = 'default';
const meta = (): CommandMeta => ({ commandId: `cmd-${Math.random()}`, tenantId: TENANT, correlationId: 'corr' });

/** The VM's first port as the simulator holds it: what both a switch and the VIM's API say about it. */
function addressOf(site: SimSite, vmId: string): { ip: string; mac: string; hostId: string } {
  const vm = site.model.requireVm(vmId);
  const port = site.model.ports.get(vm.nics[0]!.portId)!;
  return { ip: port.ip, mac: port.mac, hostId: vm.hostId };
}

describe('inventory → address map: a site\'s VMs discovered by Vorch reach every switch\'s map', () => {
  let stack: StatsStack;
  let inventoryDb: TestDatabase;
  let sim: InfraSim;
  let site: SimSite;
  let inventory: INestApplicationContext;
  let nc: NatsConnection;
  let bus: Bus;
  let follower: AddressMapFollower;
  let kv: KV;
  let siteId = '';
  let fabric: SimulatedSwitchFabric | undefined;
  let agent: VSwitchAgent | undefined;
  const config = (): InventoryConfig => ({
    natsUrl: stack.nats.url, databaseUrl: inventoryDb.url, credentialsKey: 'cd'.repeat(32), rediscoverySeconds: 0, pageSize: 50, retryBaseMs: 200,
  });
  const startInventory = () => createInventoryService(config(), driverFactory({ timeoutMs: 2000, retries: 1, retryBaseDelayMs: 10 }));
  /** The domain's entries over all its shards (the controller writes a domain as shards), in a stable order. */
  const domainValue = async () => {
    const entries: DomainAddressesValue['entries'] = [];
    const versions: Record<string, number> = {};
    for await (const key of await kv.keys(addressMapShardKeys('site-1'))) {
      const value = (await kv.get(key))!.json<DomainAddressesValue>();
      entries.push(...value.entries);
      versions[key] = value.version;
    }
    return entries.length ? { versions, entries: entries.sort((a, b) => a.vmId.localeCompare(b.vmId) || a.ip.localeCompare(b.ip)) } : undefined;
  };
  /** Versions of every inventory report on the input stream, in stream order. */
  const publishedVersions = async (): Promise<number[]> => {
    const jsm = await jetstreamManager(nc);
    const { state } = await jsm.streams.info(subjects.inputStream);
    const versions: number[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(subjects.inputStream, { seq }).catch(() => undefined);
      if (m?.subject === subjects.inventoryAddresses(siteId)) versions.push(m.json<{ version: number }>().version);
    }
    return versions;
  };

  before(async () => {
    // site-1 is an OpenStack site: its VIM's VM and host ids are the simulator's own, which its switches report too
    stack = await startStatsStack({ sim: { topology: generateTopology({ sites: 1, hostsPerSite: 4, vmsPerHost: 1 }), timing: { buildMs: 1, migrateMs: 1 } } });
    ({ sim, nc } = stack);
    site = sim.sites.get('site-1')!;
    inventoryDb = await testDatabase();
    inventory = await startInventory();
    bus = new Bus(nc);
    follower = await AddressMapFollower.start(nc, subjects.addressMapBucket);
    kv = await openAddressMapBucket(nc, subjects.addressMapBucket);
  });

  after(async () => {
    await fabric?.stop();
    agent?.stop();
    follower?.stop();
    await inventory?.close();
    await inventoryDb?.drop();
    await stack?.stop();
  });

  it('publishes a registered site\'s VMs (MAC, IP, host) into its domain\'s map within seconds of discovery', async () => {
    const d = sim.admin.describeSite('site-1');
    const registered = await bus.request<SiteView>(
      INVENTORY_SUBJECTS.registerSite,
      { name: 'site-1', dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: 'site-1' },
      meta(),
      { timeoutMs: 30000 },
    );
    siteId = registered.id;
    const vms = [...site.model.vms.values()];
    assert.equal(vms.length, 4);
    await eventually(() => {
      for (const vm of vms) {
        const want = addressOf(site, vm.id);
        const got = follower.index.byAddress(want.ip);
        assert.ok(got, `${vm.name} (${want.ip}) is in the map`);
        assert.deepEqual({ vmId: got.vmId, hostId: got.hostId, mac: got.mac, domainId: got.domainId, tenantId: got.tenantId },
          { vmId: vm.id, hostId: want.hostId, mac: want.mac, domainId: 'site-1', tenantId: TENANT });
      }
    }, { timeoutMs: 20000 });
  });

  it('follows VMs changed behind the manager\'s back: a deleted VM leaves the map, a moved VM shows its new host, a new VM appears', async () => {
    const [gone, moved] = [...site.model.vms.values()];
    const goneIp = addressOf(site, gone!.id).ip;
    const from = moved!.hostId;
    const target = site.model.hostList.find((h) => h.id !== from && h.id !== gone!.hostId)!;
    site.compute.deleteVm(gone!.id);
    site.compute.migrateVm(moved!.id, { targetHostId: target.id });
    const network = [...site.model.networks.values()][0]!;
    const born = site.compute.createVm({ name: 'born-behind-the-back', vcpus: 1, memoryMb: 512, hostId: from, nics: [{ name: 'eth0', networkId: network.id }], start: 'now' });
    const movedIp = addressOf(site, moved!.id).ip;
    await eventually(() => {
      assert.equal(follower.index.byAddress(goneIp), undefined, 'the deleted VM is gone');
      assert.equal(follower.index.byAddress(movedIp)?.hostId, target.id, 'the moved VM is on its new host');
      assert.equal(follower.index.byAddress(addressOf(site, born.id).ip)?.vmId, born.id, 'the new VM is there');
    }, { timeoutMs: 20000 });
  });

  it('does not re-apply or regress anything when inventory restarts, nor when an old report is delivered again', async () => {
    const before = await domainValue();
    const versionsBefore = await publishedVersions();
    assert.ok(versionsBefore.length >= 2);
    assert.deepEqual(versionsBefore, [...versionsBefore].sort((a, b) => a - b), 'report versions only grow');
    // 1. restart: the new process publishes every site's report again at the version it already had
    await inventory.close();
    inventory = await startInventory();
    await inventory.get(InventoryCore).addressReports.publishAll();
    assert.deepEqual(await publishedVersions(), versionsBefore, 'the re-publish was a duplicate the stream dropped');
    // 2. an old report published again (a redelivery, or a process that fell behind) changes nothing
    const oldest = versionsBefore[0]!;
    await jetstream(nc).publish(subjects.inventoryAddresses(siteId), JSON.stringify({ domainId: 'site-1', version: oldest, entries: [] }));
    await jetstream(nc).publish(subjects.inventoryAddresses(siteId), JSON.stringify({ domainId: 'site-1', version: oldest + 1, entries: [] }));
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await domainValue(), before);
  });

  it('converges with the site\'s switches on one entry per VM; where a switch disagrees, the switch wins and the rest stays', async () => {
    // 1. infra-sim's switches report the same VMs (same ids, MACs, IPs, hosts) as inventory does
    fabric = await SimulatedSwitchFabric.start({ nc, sites: sim.sites, defaultTenant: TENANT, intervalMs: 60_000, framesPerSecond: 0 });
    const vms = [...site.model.vms.values()];
    await eventually(async () => {
      const value = await domainValue();
      assert.ok(value);
      const ips = value.entries.map((e) => e.ip);
      assert.equal(ips.length, new Set(ips).size, 'one entry per address');
      assert.equal(ips.length, vms.length);
      for (const vm of vms) assert.equal(follower.index.byAddress(addressOf(site, vm.id).ip)?.vmId, vm.id);
      assert.equal(follower.revision, (await kv.status()).streamInfo.state.last_seq, 'the follower applied the bucket\'s last write');
    }, { timeoutMs: 20000 });
    await fabric.stop();
    fabric = undefined;
    // 2. a VM no switch reported yet reaches the map through inventory; then a switch says its address belongs to a
    //    VM the VIM does not know: the switch wins, inventory's other VMs stay, and its next report is still accepted
    const network = [...site.model.networks.values()][0]!;
    const disputed = site.compute.createVm({ name: 'disputed', vcpus: 1, memoryMb: 512, nics: [{ name: 'eth0', networkId: network.id }], start: 'now' });
    const { ip, mac, hostId } = addressOf(site, disputed.id);
    await eventually(() => assert.equal(follower.index.byAddress(ip)?.vmId, disputed.id), { timeoutMs: 20000 });
    agent = await VSwitchAgent.start({ nc, switchId: 'sw-rogue', domainId: 'site-1', subjects });
    await agent.reportVms([{ ip, mac, hostId, vmId: 'vm-only-the-switch-knows', domainId: 'site-1', tenantId: TENANT }]);
    await eventually(() => assert.equal(follower.index.byAddress(ip)?.vmId, 'vm-only-the-switch-knows'), { timeoutMs: 30_000 });
    assert.equal(follower.index.byAddress(addressOf(site, vms[0]!.id).ip)?.vmId, vms[0]!.id);
    const late = site.compute.createVm({ name: 'after-the-dispute', vcpus: 1, memoryMb: 512, nics: [{ name: 'eth0', networkId: network.id }], start: 'now' });
    await eventually(() => assert.equal(follower.index.byAddress(addressOf(site, late.id).ip)?.vmId, late.id), { timeoutMs: 20000 });
    assert.equal(follower.index.byAddress(ip)?.vmId, 'vm-only-the-switch-knows');
  });
});
