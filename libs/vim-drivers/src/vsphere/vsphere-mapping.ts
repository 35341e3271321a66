import type { Host, Network, SegmentationType, StoragePool, Vm } from '../inventory.js';
import type { VsDatastoreDetail, VsHostSummary, VsNetworkDetail, VsVmDetail } from './vsphere-wire.js';

const GB = 1024 ** 3;

export function toHost(h: VsHostSummary, clusterName: string): Host {
  return {
    externalId: h.host,
    name: h.name,
    cpu: { cores: h.cpu_count ?? 0, model: h.cpu_model },
    memoryMb: h.memory_size_MiB ?? 0,
    gpus: h.gpus ?? [],
    hypervisorType: h.hypervisor?.type ?? 'esxi',
    hypervisorVersion: h.hypervisor?.version ?? '',
    cpuFeatures: h.cpu_features ?? [],
    failureDomain: clusterName,
    state: h.connection_state !== 'CONNECTED' ? 'down' : h.in_maintenance_mode ? 'maintenance' : 'up',
  };
}

export function toNetwork(n: VsNetworkDetail): Network {
  const subnets = n.vorch_subnets ?? [];
  const allocationPools = subnets.flatMap((s) => (s.ip_ranges ? [{ cidr: s.cidr, ranges: s.ip_ranges.map((r) => ({ start: r.start_address, end: r.end_address })) }] : []));
  return {
    externalId: n.network,
    name: n.name,
    cidrs: subnets.map((s) => s.cidr),
    segmentation: n.vorch_segment ? { type: n.vorch_segment.type as SegmentationType, id: n.vorch_segment.id } : undefined,
    gateway: subnets.find((s) => s.gateway)?.gateway ?? undefined,
    ...(allocationPools.length > 0 ? { allocationPools } : {}),
  };
}

export function toVm(id: string, v: VsVmDetail): Vm {
  return {
    externalId: id,
    name: v.name,
    state: v.vorch_relocating ? 'migrating' : v.power_state === 'POWERED_ON' ? 'running' : 'stopped',
    hostId: v.vorch_host,
    cpu: v.cpu.count,
    memoryMb: v.memory.size_MiB,
    portIds: Object.values(v.nics ?? {})
      .map((n) => n.vorch_port)
      .filter((p): p is string => !!p),
  };
}

export function toStoragePool(id: string, d: VsDatastoreDetail, clusterNames: Map<string, string>): StoragePool {
  return {
    externalId: id,
    name: d.name,
    type: d.vorch_kind ?? d.type,
    capacityGb: Math.round((d.capacity ?? 0) / GB),
    freeGb: Math.round((d.free_space ?? 0) / GB),
    replication: d.vorch_replication?.modes ?? [],
    replicationPeers: d.vorch_replication?.peers ?? [],
    reachableFrom: (d.vorch_reachable_clusters ?? []).map((c) => clusterNames.get(c) ?? c),
  };
}
