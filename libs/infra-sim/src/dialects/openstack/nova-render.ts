import type { Host, Vm } from '../../model/entities.js';
import type { SiteModel } from '../../model/site-model.js';
import { familyOf } from '../../model/ip-block.js';

/** "8.2.0" → 8002000, the integer form Nova reports. */
export function versionNumber(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((p) => Number.parseInt(p, 10) || 0);
  return major * 1_000_000 + minor * 1000 + patch;
}

export function renderHypervisor(model: SiteModel, h: Host) {
  return {
    id: h.id,
    hypervisor_hostname: h.name,
    hypervisor_type: h.hypervisor.type,
    hypervisor_version: versionNumber(h.hypervisor.version),
    host_ip: h.ip,
    state: h.up ? 'up' : 'down',
    status: 'enabled',
    vcpus: h.cpus,
    vcpus_used: h.usedCpus,
    memory_mb: h.memoryMb,
    memory_mb_used: h.usedMemoryMb,
    local_gb: 2000,
    local_gb_used: 0,
    running_vms: model.vmsOn(h.id).size,
    current_workload: 0,
    cpu_info: {
      arch: 'x86_64',
      model: h.cpuModel,
      vendor: h.cpuVendor,
      topology: { sockets: 2, cores: Math.max(1, Math.floor(h.cpus / 4)), threads: 2 },
      features: h.cpuFeatures,
    },
    service: { host: h.name, id: model.stableId(`service/${h.name}`), disabled_reason: null },
  };
}

const STATUS = { building: 'BUILD', running: 'ACTIVE', stopped: 'SHUTOFF', migrating: 'MIGRATING' } as const;
const VM_STATE = { building: 'building', running: 'active', stopped: 'stopped', migrating: 'active' } as const;
const POWER = { building: 0, running: 1, stopped: 4, migrating: 1 } as const;
const TASK = { building: 'spawning', running: null, stopped: null, migrating: 'migrating' } as const;

export function renderServer(model: SiteModel, vm: Vm, projectId: string) {
  const host = model.hosts.get(vm.hostId);
  const flavor = model.identity.flavors.find((f) => f.id === vm.flavorId);
  const addresses: Record<string, unknown[]> = {};
  for (const nic of vm.nics) {
    const port = model.ports.get(nic.portId);
    if (!port) continue;
    const network = model.networks.get(port.networkId);
    const key = network?.name ?? port.networkId;
    for (const f of port.fixedIps) {
      (addresses[key] ??= []).push({ addr: f.ip, version: familyOf(f.ip), 'OS-EXT-IPS-MAC:mac_addr': port.mac, 'OS-EXT-IPS:type': 'fixed' });
    }
  }
  return {
    id: vm.id,
    name: vm.name,
    status: STATUS[vm.phase],
    tenant_id: projectId,
    user_id: projectId,
    metadata: vm.metadata,
    created: vm.createdAt,
    updated: vm.updatedAt,
    flavor: { original_name: flavor?.name ?? 'custom', vcpus: vm.vcpus, ram: vm.memoryMb, disk: flavor?.diskGb ?? 0, extra_specs: {} },
    addresses,
    'OS-EXT-SRV-ATTR:host': host?.name ?? null,
    'OS-EXT-SRV-ATTR:hypervisor_hostname': host?.name ?? null,
    'OS-EXT-SRV-ATTR:instance_name': `instance-${vm.serial.toString(16).padStart(8, '0')}`,
    'OS-EXT-AZ:availability_zone': host?.failureDomain ?? null,
    'OS-EXT-STS:power_state': POWER[vm.phase],
    'OS-EXT-STS:vm_state': VM_STATE[vm.phase],
    'OS-EXT-STS:task_state': TASK[vm.phase],
    links: [],
  };
}
