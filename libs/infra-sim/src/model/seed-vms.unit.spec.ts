import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ValidationError } from '#vorch/contracts';
import type { VmSpec } from '../topology/topology.js';
import { buildSite } from './build-site.js';
import { smallSiteSpec } from './small-site.fixture.js';

/** Hosts a-001, a-002 (zone z1) and b-001, b-002 (z2) of 8 CPUs and 16 GiB; one network `net` with a /28. */
const siteWith = (vms: VmSpec[]) => buildSite(smallSiteSpec({ vms }));
const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    return ((err as ValidationError).errors ?? []).map((e) => `${e.field}: ${e.message}`);
  }
  assert.fail('expected a ValidationError');
};

describe('VMs of a topology (seedVms through buildSite)', () => {
  it('makes a group by count, placed round-robin by the site scheduler, each with an address of the network and a MAC of the site', () => {
    const site = siteWith([{ name: 'web', count: 3, network: 'net', cpus: 2, memoryMb: 2048 }]);
    const vms = [...site.model.vms.values()];
    assert.deepEqual(vms.map((v) => v.name), ['web-001', 'web-002', 'web-003']);
    assert.deepEqual(vms.map((v) => site.model.requireHost(v.hostId).name), ['a-001', 'a-002', 'b-001']);
    const ports = vms.map((v) => site.model.requirePort(v.nics[0].portId));
    assert.deepEqual(ports.map((p) => p.ip), ['10.0.0.2', '10.0.0.3', '10.0.0.4']);
    assert.ok(ports.every((p) => p.mac.startsWith('fa:16:3e:99:') && p.vmId !== null));
    assert.equal(new Set(ports.map((p) => p.mac)).size, 3);
    assert.ok(vms.every((v) => v.phase === 'running'));
    assert.equal(site.model.requireHost(vms[0].hostId).usedCpus, 2, 'capacity is claimed');
    const again = siteWith([{ name: 'web', count: 3, network: 'net', cpus: 2, memoryMb: 2048 }]);
    assert.equal(again.model.vmsByKey.get('default/web-001')?.id, vms[0].id, 'a restarted simulator keeps the ids');
  });

  it('puts a VM on the host it names, with its tenant as metadata and its power state', () => {
    const site = siteWith([
      { name: 'db', host: 'b-002', network: 'net', cpus: 4, memoryMb: 8192, tenant: 'acme', powerState: 'off' },
      { name: 'app', network: 'net', cpus: 1, memoryMb: 1024 },
    ]);
    const db = site.model.vmsByKey.get('default/db');
    const app = site.model.vmsByKey.get('default/app');
    assert.equal(site.model.requireHost(db!.hostId).name, 'b-002');
    assert.equal(db!.metadata.tenant, 'acme');
    assert.equal(db!.phase, 'stopped');
    assert.deepEqual(app!.metadata, {}, 'no tenant: the statistics use the default one');
    assert.equal(app!.phase, 'running');
  });

  it('refuses what the site cannot hold, naming the entry', () => {
    // 4 hosts × 8 CPUs: the fifth 8-CPU VM has nowhere to go
    assert.deepEqual(fieldsOf(() => siteWith([{ name: 'big', count: 5, network: 'net', cpus: 8, memoryMb: 1024 }])), [
      'vms.0: vm big-005: no valid host was found: no up host has 8 vCPUs, 1024 MB and 0 GPUs free',
    ]);
    // a /28 has 13 usable addresses besides the gateway
    assert.match(fieldsOf(() => siteWith([{ name: 'tiny', count: 14, network: 'net', cpus: 1, memoryMb: 256 }]))[0], /^vms\.0: vm tiny-014: /);
    assert.match(fieldsOf(() => siteWith([{ name: 'x', network: 'nowhere', cpus: 1, memoryMb: 256 }]))[0], /^vms\.0\.network: unknown network nowhere/);
    assert.match(fieldsOf(() => siteWith([{ name: 'x', host: 'c-001', network: 'net', cpus: 1, memoryMb: 256 }]))[0], /^vms\.0\.host: unknown host c-001/);
    assert.match(
      fieldsOf(() => siteWith([{ name: 'x', network: 'net', cpus: 1, memoryMb: 256 }, { name: 'x', network: 'net', cpus: 1, memoryMb: 256 }]))[0],
      /^vms\.1: vm x: vm x already exists/,
    );
  });
});
