import type { Host, Migration, Subnet, Vm } from '../../model/entities.js';
import type { SiteModel } from '../../model/site-model.js';
import type { VSphereIds } from './vsphere-ids.js';

export function renderHostSummary(model: SiteModel, ids: VSphereIds, h: Host) {
  return {
    host: ids.of(h),
    name: h.name,
    connection_state: h.up ? 'CONNECTED' : 'NOT_RESPONDING',
    power_state: 'POWERED_ON',
    cluster: ids.cluster(h.failureDomain),
    cpu_count: h.cpus,
    memory_size_MiB: h.memoryMb,
    cpu_model: h.cpuModel,
    cpu_vendor: h.cpuVendor,
    cpu_features: h.cpuFeatures,
    gpus: h.gpus ? [{ model: h.gpus.model, count: h.gpus.count }] : [],
    hypervisor: { type: h.hypervisor.type, version: h.hypervisor.version },
    cpu_used: h.usedCpus,
    memory_used_MiB: h.usedMemoryMb,
    vm_count: model.vmsOn(h.id).size,
  };
}

/** A port group's subnet (extension); `ip_ranges` only when pools were set, as they were sent. */
export function renderPortgroupSubnet(s: Subnet) {
  const ranges = s.allocator.poolsGiven ? s.allocator.allocationPools.map((r) => ({ start_address: r.start, end_address: r.end })) : undefined;
  return { cidr: s.cidr, gateway: s.gateway, ...(ranges ? { ip_ranges: ranges } : {}) };
}

export function powerState(vm: Vm): 'POWERED_ON' | 'POWERED_OFF' {
  return vm.phase === 'stopped' ? 'POWERED_OFF' : 'POWERED_ON';
}

export function renderVmSummary(ids: VSphereIds, vm: Vm) {
  return { vm: ids.of(vm), name: vm.name, power_state: powerState(vm), cpu_count: vm.vcpus, memory_size_MiB: vm.memoryMb };
}

export function renderVmDetail(model: SiteModel, ids: VSphereIds, vm: Vm) {
  const nics: Record<string, unknown> = {};
  vm.nics.forEach((nic, i) => {
    const port = model.ports.get(nic.portId);
    if (!port) return;
    const network = model.networks.get(port.networkId);
    nics[String(4000 + i)] = {
      label: `Network adapter ${i + 1}`,
      type: 'VMXNET3',
      mac_type: nic.owned && port.mac.startsWith(model.identity.macPrefix.toLowerCase()) ? 'GENERATED' : 'MANUAL',
      mac_address: port.mac,
      state: 'CONNECTED',
      start_connected: true,
      backing: { type: 'DISTRIBUTED_PORTGROUP', network: network ? ids.of(network) : null },
      vorch_ip_address: port.ip,
      vorch_ip_addresses: port.fixedIps.map((f) => f.ip),
      vorch_port: port.id,
    };
  });
  const host = model.hosts.get(vm.hostId);
  return {
    name: vm.name,
    power_state: powerState(vm),
    guest_OS: vm.metadata.guest_OS ?? 'OTHER_LINUX_64',
    cpu: { count: vm.vcpus, cores_per_socket: 1, hot_add_enabled: false, hot_remove_enabled: false },
    memory: { size_MiB: vm.memoryMb, hot_add_enabled: false },
    nics,
    vorch_host: host ? ids.of(host) : null,
    vorch_relocating: vm.phase === 'migrating',
  };
}

const TASK_STATUS = { pending: 'PENDING', running: 'RUNNING', succeeded: 'SUCCEEDED', failed: 'FAILED' } as const;

export function renderTask(model: SiteModel, ids: VSphereIds, m: Migration) {
  const vm = model.vms.get(m.vmId);
  const elapsed = Date.now() - Date.parse(m.createdAt);
  const completed = m.phase === 'running' ? Math.min(99, Math.floor((elapsed / Math.max(1, model.identity.timing.migrateMs)) * 100)) : 100;
  return {
    status: TASK_STATUS[m.phase],
    operation: 'relocate',
    description: { id: 'com.vmware.vcenter.vm.relocate', default_message: 'Relocate virtual machine', args: [] },
    target: { type: 'VirtualMachine', id: vm ? ids.of(vm) : `vm-?` },
    service: 'com.vmware.vcenter.vm',
    cancelable: false,
    start_time: m.createdAt,
    ...(m.endedAt ? { end_time: m.endedAt } : {}),
    progress: { total: 100, completed, message: { id: 'relocate', default_message: m.phase, args: [] } },
    ...(m.phase === 'failed'
      ? { error: { error_type: 'RESOURCE_INACCESSIBLE', messages: [{ id: 'com.vmware.vorch.sim.migration_failed', default_message: m.error ?? 'relocate failed', args: [] }] } }
      : {}),
  };
}
