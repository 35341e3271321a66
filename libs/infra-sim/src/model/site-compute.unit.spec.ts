import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { smallSite } from './small-site.fixture.js';
import { HostDownError, InvalidStateError, NoCapacityError, ResourceBusyError, ResourceInUseError } from './sim-errors.js';

const small = { vcpus: 2, memoryMb: 2048, nics: [] };

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await sleep(5);
  assert.ok(check(), 'condition not reached');
}

describe('SiteCompute', () => {
  it('given a VM created to start asynchronously, then it is building and later running', async () => {
    const site = smallSite();
    const vm = site.compute.createVm({ ...small, name: 'v', start: 'async' });
    assert.equal(vm.phase, 'building');
    await until(() => vm.phase === 'running');
    site.model.dispose();
  });

  it('places VMs round-robin on up hosts, within a zone when asked, and claims their capacity', () => {
    const { model, compute } = smallSite();
    const hosts = [0, 1, 2, 3].map((i) => compute.createVm({ ...small, name: `v${i}`, start: 'now' }).hostId);
    assert.equal(new Set(hosts).size, 4);
    const inZ2 = compute.createVm({ ...small, name: 'z', failureDomain: 'z2', start: 'now' });
    assert.equal(model.requireHost(inZ2.hostId).failureDomain, 'z2');
    assert.equal(model.requireHost(inZ2.hostId).usedCpus, 4);
  });

  it('refuses a VM that fits nowhere, and a pinned host that is down', () => {
    const { model, compute } = smallSite();
    assert.throws(() => compute.createVm({ ...small, vcpus: 9, name: 'big', start: 'now' }), NoCapacityError);
    const host = model.requireHostByName('a-001');
    compute.setHostUp(host.id, false);
    assert.throws(() => compute.createVm({ ...small, name: 'x', hostId: host.id, start: 'now' }), HostDownError);
  });

  it('given a running VM, when it is live-migrated, then it moves after migrateMs and capacity follows', async () => {
    const site = smallSite();
    const { model, compute } = site;
    const src = model.requireHostByName('a-001');
    const dst = model.requireHostByName('b-001');
    const vm = compute.createVm({ ...small, name: 'm', hostId: src.id, start: 'now' });
    const migration = compute.migrateVm(vm.id, { targetHostId: dst.id });
    assert.equal(vm.phase, 'migrating');
    assert.throws(() => compute.migrateVm(vm.id), ResourceBusyError);
    assert.equal(dst.usedCpus, 2, 'target capacity is claimed at once');
    await until(() => migration.phase === 'succeeded');
    assert.equal(vm.hostId, dst.id);
    assert.equal(vm.phase, 'running');
    assert.equal(src.usedCpus, 0);
    assert.ok(model.vmsOn(dst.id).has(vm));
    assert.ok(!model.vmsOn(src.id).has(vm));
  });

  it('given a migration whose target goes down, then it fails and the VM stays on its source', async () => {
    const { model, compute } = smallSite();
    const src = model.requireHostByName('a-001');
    const dst = model.requireHostByName('a-002');
    const vm = compute.createVm({ ...small, name: 'm', hostId: src.id, start: 'now' });
    const migration = compute.migrateVm(vm.id, { targetHostId: dst.id });
    compute.setHostUp(dst.id, false);
    await until(() => migration.phase === 'failed');
    assert.equal(vm.hostId, src.id);
    assert.equal(vm.phase, 'running');
    assert.equal(dst.usedCpus, 0);
  });

  it('enforces power states and frees owned ports on delete while unbinding passed-in ones', () => {
    const { model, compute, networking } = smallSite();
    const net = [...model.networks.values()][0];
    const own = { name: 'eth0', networkId: net.id };
    const given = networking.createPort({ networkId: net.id });
    const vm = compute.createVm({ ...small, name: 'p', start: 'off', nics: [own, { name: 'eth1', portId: given.id }] });
    assert.throws(() => compute.stopVm(vm.id), InvalidStateError);
    assert.throws(() => networking.deletePort(given.id), ResourceInUseError);
    const ownedPortId = vm.nics[0].portId;
    compute.deleteVm(vm.id);
    assert.equal(model.ports.get(ownedPortId), undefined);
    assert.equal(model.requirePort(given.id).vmId, null);
  });

  it('given a NIC whose address is taken, then VM creation fails and leaves nothing behind', () => {
    const { model, compute, networking } = smallSite();
    const net = [...model.networks.values()][0];
    networking.createPort({ networkId: net.id, ip: '10.0.0.7' });
    const portsBefore = model.ports.size;
    assert.throws(() =>
      compute.createVm({ ...small, name: 'c', start: 'now', nics: [{ name: 'a', networkId: net.id }, { name: 'b', networkId: net.id, ips: ['10.0.0.7'] }] }),
    );
    assert.equal(model.ports.size, portsBefore);
    assert.equal(model.vms.size, 0);
    assert.ok([...model.hosts.values()].every((h) => h.usedCpus === 0));
  });
});
