import type { Gpu, Host, Network, Port, SegmentationType, StoragePool, Vm, VmState } from '../inventory.js';
import { poolsSetOn } from './neutron-pools.js';
import type { CinderPool, NeutronNetwork, NeutronPort, NeutronSubnet, NovaHypervisor, NovaServer } from './openstack-wire.js';

/** Nova packs a version as major*1e6 + minor*1e3 + patch (QEMU 8.2.0 → 8002000). */
export function hypervisorVersion(v: number): string {
  return `${Math.floor(v / 1e6)}.${Math.floor((v % 1e6) / 1e3)}.${v % 1e3}`;
}

function cpuInfo(h: NovaHypervisor): { model?: string; features?: string[] } {
  if (typeof h.cpu_info === 'string') {
    try {
      return JSON.parse(h.cpu_info) as { model?: string; features?: string[] };
    } catch {
      return {};
    }
  }
  return h.cpu_info ?? {};
}

export function toHost(h: NovaHypervisor, failureDomain: string, gpus: Gpu[]): Host {
  const info = cpuInfo(h);
  return {
    externalId: h.id,
    name: h.hypervisor_hostname,
    cpu: { cores: h.vcpus, model: info.model },
    memoryMb: h.memory_mb,
    gpus,
    hypervisorType: h.hypervisor_type,
    hypervisorVersion: hypervisorVersion(h.hypervisor_version),
    cpuFeatures: info.features ?? [],
    failureDomain,
    state: h.state === 'down' ? 'down' : h.status === 'disabled' ? 'maintenance' : 'up',
  };
}

/** Placement names a GPU model in a custom trait: CUSTOM_GPU_NVIDIA_A100 → nvidia-a100. */
export function gpuModelOfTraits(traits: string[]): string | undefined {
  const t = traits.find((x) => x.startsWith('CUSTOM_GPU_'));
  return t?.slice('CUSTOM_GPU_'.length).toLowerCase().replaceAll('_', '-');
}

export function toNetwork(n: NeutronNetwork, subnets: NeutronSubnet[]): Network {
  const own = subnets.filter((s) => s.network_id === n.id);
  const type = n['provider:network_type'];
  const id = n['provider:segmentation_id'];
  const allocationPools = own.flatMap((s) => {
    const ranges = poolsSetOn(s);
    return ranges ? [{ cidr: s.cidr, ranges }] : [];
  });
  return {
    externalId: n.id,
    name: n.name,
    cidrs: own.map((s) => s.cidr),
    segmentation: type ? { type: type as SegmentationType, id: id ?? undefined } : undefined,
    mtu: n.mtu,
    gateway: own.find((s) => s.gateway_ip)?.gateway_ip ?? undefined,
    ...(allocationPools.length > 0 ? { allocationPools } : {}),
  };
}

export function toPort(p: NeutronPort): Port {
  return {
    externalId: p.id,
    networkId: p.network_id,
    name: p.name,
    mac: p.mac_address,
    ips: p.fixed_ips.map((f) => f.ip_address),
    vmId: p.device_id || undefined,
  };
}

const states: Record<string, VmState> = { BUILD: 'building', ACTIVE: 'running', SHUTOFF: 'stopped', MIGRATING: 'migrating', ERROR: 'error' };

/** hostId is the hypervisor id; the server only names the hypervisor's host name, which the caller resolves. */
export function toVm(s: NovaServer, hostId: string | undefined, portIds: string[]): Vm {
  return { externalId: s.id, name: s.name, state: states[s.status] ?? 'unknown', hostId, cpu: s.flavor.vcpus, memoryMb: s.flavor.ram, portIds };
}

export function toStoragePool(p: CinderPool): StoragePool {
  const c = p.capabilities;
  return {
    externalId: p.name,
    name: c.pool_name ?? p.name,
    type: c['vorch:kind'] ?? c.storage_protocol ?? 'pool',
    capacityGb: c.total_capacity_gb,
    freeGb: c.free_capacity_gb,
    replication: c.replication_enabled && c.replication_type ? c.replication_type.split(',').map((m) => m.trim()).filter(Boolean) : [],
    replicationPeers: c.replication_targets ?? [],
    reachableFrom: c['vorch:reachable_availability_zones'] ?? [],
  };
}
