import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { vmManifest } from './vm-manifest.js';

interface Manifest {
  metadata: { name: string; namespace: string; annotations: Record<string, string> };
  spec: {
    running: boolean;
    template: { spec: { networks: unknown; nodeSelector?: unknown; domain: { cpu: { cores: number }; memory: { guest: string }; devices: { interfaces: unknown } } } };
  };
}

describe('vmManifest', () => {
  const port = { externalId: 'p-1', networkId: 'default/blue', name: 'eth0', mac: '02:00:00:00:00:01', ips: ['10.0.0.5'] };

  it('given ports, then one interface per port on its network, and the ports named for binding', () => {
    const m = vmManifest({ name: 'Web 1', cpu: 2, memoryMb: 4096, hostId: 'node-7', portIds: ['p-1'] }, [port], 'tenant-a') as unknown as Manifest;
    assert.equal(m.metadata.name, 'web-1');
    assert.equal(m.metadata.namespace, 'tenant-a');
    assert.deepEqual(JSON.parse(m.metadata.annotations['vorch.io/ports']), { net0: 'p-1' });
    const spec = m.spec.template.spec;
    assert.deepEqual(spec.networks, [{ name: 'net0', multus: { networkName: 'default/blue' } }]);
    assert.deepEqual(spec.domain.devices.interfaces, [{ name: 'net0', bridge: {} }]);
    assert.deepEqual([spec.domain.cpu.cores, spec.domain.memory.guest, spec.nodeSelector], [2, '4096Mi', { 'kubernetes.io/hostname': 'node-7' }]);
    assert.equal(m.spec.running, true);
  });

  it('given no host, then no node selector: the Kubernetes scheduler chooses', () => {
    const m = vmManifest({ name: 'a', cpu: 1, memoryMb: 512 }, [], 'default') as unknown as Manifest;
    assert.equal(m.spec.template.spec.nodeSelector, undefined);
  });
});
