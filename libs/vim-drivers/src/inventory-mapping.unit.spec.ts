import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { VirtualMachine } from './kubevirt/kubevirt-wire.js';
import { toHost as kubeHost, toNetwork as kubeNetwork, toVm as kubeVm } from './kubevirt/kubevirt-mapping.js';
import { gpuModelOfTraits, hypervisorVersion, toHost as novaHost, toNetwork as neutronNetwork, toStoragePool as cinderPool } from './openstack/openstack-mapping.js';
import { toHost as vsphereHost, toVm as vsphereVm } from './vsphere/vsphere-mapping.js';

describe('OpenStack answers normalised', () => {
  it('unpacks Nova’s integer hypervisor version', () => {
    assert.equal(hypervisorVersion(8002000), '8.2.0');
    assert.equal(hypervisorVersion(6002001), '6.2.1');
  });

  it('names a GPU model from its Placement trait', () => {
    assert.equal(gpuModelOfTraits(['HW_CPU_X86_AVX2', 'CUSTOM_GPU_NVIDIA_A100']), 'nvidia-a100');
    assert.equal(gpuModelOfTraits(['HW_CPU_X86_AVX2']), undefined);
  });

  it('given a disabled but up hypervisor, then the host is in maintenance; given one down, then down', () => {
    const h = { id: 'u1', hypervisor_hostname: 'cmp-1', hypervisor_type: 'QEMU', hypervisor_version: 8002000, state: 'up' as const, status: 'disabled' as const, vcpus: 64, memory_mb: 1024, cpu_info: { model: 'EPYC', features: ['sev-snp'] } };
    assert.equal(novaHost(h, 'az1', []).state, 'maintenance');
    assert.equal(novaHost({ ...h, state: 'down', status: 'enabled' }, 'az1', []).state, 'down');
    assert.deepEqual(novaHost(h, 'az1', []).cpuFeatures, ['sev-snp']);
  });

  it('reads subnets’ allocation pools back, leaving out those that are Neutron’s default (all host addresses but the gateway)', () => {
    const net = { id: 'n1', name: 'blue', subnets: ['s1', 's2', 's3'] };
    const subnet = (id: string, cidr: string, gateway_ip: string | null, allocation_pools: { start: string; end: string }[]) => ({ id, network_id: 'n1', cidr, gateway_ip, allocation_pools });
    const pools = [{ start: '10.0.0.20', end: '10.0.0.29' }, { start: '10.0.0.10', end: '10.0.0.11' }];
    const read = neutronNetwork(net, [
      subnet('s1', '10.0.0.0/24', '10.0.0.1', pools),
      subnet('s2', '10.1.0.0/24', '10.1.0.100', [{ start: '10.1.0.101', end: '10.1.0.254' }, { start: '10.1.0.1', end: '10.1.0.99' }]),
      subnet('s3', 'fd00::/64', null, [{ start: 'fd00::1', end: 'fd00::ffff:ffff:ffff:ffff' }]),
    ]);
    assert.deepEqual(read.allocationPools, [{ cidr: '10.0.0.0/24', ranges: pools }]);
    assert.equal(neutronNetwork(net, [subnet('s2', '10.1.0.0/24', '10.1.0.1', [{ start: '10.1.0.2', end: '10.1.0.254' }])]).allocationPools, undefined);
    assert.deepEqual(neutronNetwork(net, [subnet('s2', '10.1.0.0/24', '10.1.0.1', [{ start: '10.1.0.1', end: '10.1.0.254' }])]).allocationPools?.[0]?.ranges, [{ start: '10.1.0.1', end: '10.1.0.254' }]);
  });

  it('reads a Cinder pool’s replication modes, peers and reach', () => {
    const pool = cinderPool({
      name: 's@a#a',
      capabilities: { pool_name: 'a', total_capacity_gb: 100, free_capacity_gb: 60, replication_enabled: true, replication_type: 'sync,async', replication_targets: ['s@b#b'], 'vorch:kind': 'array', 'vorch:reachable_availability_zones': ['az1'] },
    });
    assert.deepEqual(pool, { externalId: 's@a#a', name: 'a', type: 'array', capacityGb: 100, freeGb: 60, replication: ['sync', 'async'], replicationPeers: ['s@b#b'], reachableFrom: ['az1'] });
  });
});

describe('vSphere answers normalised', () => {
  it('given a host not responding, then it is down, in its cluster’s failure domain', () => {
    const h = vsphereHost({ host: 'host-3', name: 'esx-3', connection_state: 'NOT_RESPONDING', cpu_count: 48, memory_size_MiB: 4096 }, 'fd-1');
    assert.deepEqual([h.state, h.failureDomain, h.cpu.cores], ['down', 'fd-1', 48]);
  });

  it('given a relocating VM, then it is migrating, with its ports from the NICs', () => {
    const vm = vsphereVm('vm-9', {
      name: 'db',
      power_state: 'POWERED_ON',
      cpu: { count: 2 },
      memory: { size_MiB: 2048 },
      nics: { '4000': { vorch_port: 'p-1' }, '4001': {} },
      vorch_host: 'host-3',
      vorch_relocating: true,
    });
    assert.deepEqual(vm, { externalId: 'vm-9', name: 'db', state: 'migrating', hostId: 'host-3', cpu: 2, memoryMb: 2048, portIds: ['p-1'] });
  });
});

describe('Kubernetes objects normalised', () => {
  it('reads a node’s features, GPUs, zone, hypervisor and readiness from labels, annotations and status', () => {
    const host = kubeHost({
      metadata: {
        name: 'node-1',
        labels: {
          'topology.kubernetes.io/zone': 'z1',
          'cpu-feature.node.kubevirt.io/tdx': 'true',
          'cpu-feature.node.kubevirt.io/sgx': 'false',
          'cpu-model.node.kubevirt.io/SapphireRapids': 'true',
          'nvidia.com/gpu.product': 'nvidia-a100',
        },
        annotations: { 'vorch.io/hypervisor': 'kvm/8.2.0' },
      },
      status: { capacity: { cpu: '96', memory: '786432Mi', 'nvidia.com/gpu': '4' }, conditions: [{ type: 'Ready', status: 'Unknown' }] },
    });
    assert.deepEqual(host, {
      externalId: 'node-1',
      name: 'node-1',
      cpu: { cores: 96, model: 'SapphireRapids' },
      memoryMb: 786432,
      gpus: [{ model: 'nvidia-a100', count: 4 }],
      hypervisorType: 'kvm',
      hypervisorVersion: '8.2.0',
      cpuFeatures: ['tdx'],
      failureDomain: 'z1',
      state: 'down',
    });
  });

  it('reads a network’s segment and range out of the CNI config string', () => {
    const config = JSON.stringify({ cniVersion: '0.3.1', name: 'blue', type: 'ovs', vni: 5001, ipam: { type: 'whereabouts', range: '10.20.0.0/24', gateway: '10.20.0.1' } });
    assert.deepEqual(kubeNetwork({ metadata: { name: 'blue', namespace: 'default' }, spec: { config } }), {
      externalId: 'default/blue',
      name: 'blue',
      cidrs: ['10.20.0.0/24'],
      segmentation: { type: 'vxlan', id: 5001 },
      mtu: undefined,
      gateway: '10.20.0.1',
    });
  });

  it('reads allocation pools out of whereabouts bounds, on `ipam` for one range and on each `ipRanges` entry for several', () => {
    const nad = (ipam: unknown) => ({ metadata: { name: 'blue', namespace: 'default' }, spec: { config: JSON.stringify({ vlan: 7, ipam: { type: 'whereabouts', ...(ipam as object) } }) } });
    const single = kubeNetwork(nad({ range: '10.20.0.0/24', range_start: '10.20.0.10', range_end: '10.20.0.21', exclude: ['10.20.0.12/30', '10.20.0.16/30'] }));
    assert.deepEqual(single.allocationPools, [{ cidr: '10.20.0.0/24', ranges: [{ start: '10.20.0.10', end: '10.20.0.11' }, { start: '10.20.0.20', end: '10.20.0.21' }] }]);
    const dual = kubeNetwork(nad({ ipRanges: [{ range: '10.20.0.0/24' }, { range: 'fd00:20::/64', range_start: 'fd00:20::100', range_end: 'fd00:20::1ff' }] }));
    assert.deepEqual(dual.cidrs, ['10.20.0.0/24', 'fd00:20::/64']);
    assert.deepEqual(dual.allocationPools, [{ cidr: 'fd00:20::/64', ranges: [{ start: 'fd00:20::100', end: 'fd00:20::1ff' }] }]);
    assert.equal(kubeNetwork(nad({ range: '10.20.0.0/24' })).allocationPools, undefined);
  });

  it('lists a VirtualMachine written without a template, with KubeVirt defaults instead of failing', () => {
    const vm = { metadata: { name: 'web', namespace: 'shop', annotations: { 'vorch.io/ports': '{"nic0":"p-1"}' } }, spec: { running: true }, status: { printableStatus: 'Running' } };
    assert.deepEqual(kubeVm(vm as unknown as VirtualMachine, { status: { phase: 'Running', nodeName: 'node-2' } } as never), {
      externalId: 'shop/web',
      name: 'web',
      state: 'running',
      hostId: 'node-2',
      cpu: 1,
      memoryMb: 0,
      portIds: ['p-1'],
    });
  });
});
