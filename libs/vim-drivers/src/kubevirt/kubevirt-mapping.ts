import type { Host, Network, StoragePool, Vm, VmState } from '../inventory.js';
import { quantityToCores, quantityToMb } from './kube-quantity.js';
import { poolsOfWhereabouts } from './whereabouts-pools.js';
import type { CniConfig, KubeNode, NetworkAttachmentDefinition, ObjectMeta, StorageClass, VirtualMachine, VirtualMachineInstance } from './kubevirt-wire.js';

const FEATURE = 'cpu-feature.node.kubevirt.io/';
const MODEL = 'cpu-model.node.kubevirt.io/';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const PORTS_ANNOTATION = 'vorch.io/ports';

/** Namespaced objects are addressed as `<namespace>/<name>`, the form Multus uses for network references too. */
export function namespacedId(m: ObjectMeta): string {
  return m.namespace ? `${m.namespace}/${m.name}` : m.name;
}

export function splitId(id: string, defaultNamespace: string): { namespace: string; name: string } {
  const slash = id.indexOf('/');
  return slash < 0 ? { namespace: defaultNamespace, name: id } : { namespace: id.slice(0, slash), name: id.slice(slash + 1) };
}

export function toHost(n: KubeNode): Host {
  const labels = n.metadata.labels ?? {};
  const [hvType, hvVersion] = (n.metadata.annotations?.['vorch.io/hypervisor'] ?? 'kvm/').split('/');
  const gpuCount = Number(n.status?.capacity?.['nvidia.com/gpu'] ?? 0);
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  return {
    externalId: n.metadata.name,
    name: n.metadata.name,
    cpu: { cores: quantityToCores(n.status?.capacity?.cpu), model: Object.keys(labels).find((k) => k.startsWith(MODEL))?.slice(MODEL.length) },
    memoryMb: quantityToMb(n.status?.capacity?.memory),
    gpus: gpuCount > 0 ? [{ model: labels['nvidia.com/gpu.product'] ?? 'unknown', count: gpuCount }] : [],
    hypervisorType: hvType ?? 'kvm',
    hypervisorVersion: hvVersion ?? '',
    cpuFeatures: Object.entries(labels)
      .filter(([k, v]) => k.startsWith(FEATURE) && v === 'true')
      .map(([k]) => k.slice(FEATURE.length)),
    failureDomain: labels[ZONE_LABEL] ?? '',
    state: !ready ? 'down' : n.spec?.unschedulable ? 'maintenance' : 'up',
  };
}

export function toStoragePool(s: StorageClass): StoragePool {
  const p = s.parameters ?? {};
  const list = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  return {
    externalId: s.metadata.name,
    name: s.metadata.name,
    type: s.metadata.labels?.['vorch.io/kind'] ?? 'pool',
    capacityGb: Number(p.capacityGb ?? 0),
    replication: list(p.replication),
    replicationPeers: list(p.replicationPeers),
    reachableFrom: (s.allowedTopologies ?? []).flatMap((t) => (t.matchLabelExpressions ?? []).filter((e) => e.key === ZONE_LABEL).flatMap((e) => e.values)),
  };
}

export function cniConfigOf(nad: NetworkAttachmentDefinition): CniConfig {
  try {
    return JSON.parse(nad.spec.config) as CniConfig;
  } catch {
    return {};
  }
}

export function toNetwork(nad: NetworkAttachmentDefinition): Network {
  const c = cniConfigOf(nad);
  // One subnet keeps its fields on `ipam` itself, several on their `ipRanges` entry.
  const ranges = c.ipam?.range ? [{ ...c.ipam, range: c.ipam.range }] : (c.ipam?.ipRanges ?? []).flatMap((r) => (r.range ? [{ ...r, range: r.range }] : []));
  const allocationPools = ranges.flatMap((r) => {
    const pools = poolsOfWhereabouts(r.range, r);
    return pools ? [{ cidr: r.range, ranges: pools }] : [];
  });
  return {
    externalId: namespacedId(nad.metadata),
    name: nad.metadata.name,
    cidrs: ranges.map((r) => r.range),
    segmentation: c.vlan !== undefined ? { type: 'vlan', id: c.vlan } : c.vni !== undefined ? { type: 'vxlan', id: c.vni } : undefined,
    mtu: c.mtu,
    gateway: c.ipam?.gateway ?? c.ipam?.ipRanges?.find((r) => r.gateway)?.gateway,
    ...(allocationPools.length > 0 ? { allocationPools } : {}),
  };
}

function vmState(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined): VmState {
  const s = vm.status?.printableStatus ?? '';
  if (s === 'Migrating') return 'migrating';
  if (s === 'Running') return vmi?.status?.phase === 'Running' ? 'running' : 'building';
  if (s === 'Stopped' || s === 'Halted') return 'stopped';
  if (s === 'Starting' || s === 'Provisioning' || s === 'WaitingForVolumeBinding') return 'building';
  if (/Error|Crash|Fail|Unschedulable/.test(s)) return 'error';
  return 'unknown';
}

export function toVm(vm: VirtualMachine, vmi: VirtualMachineInstance | undefined): Vm {
  // A VM written by hand (or by another tool) may leave out the template: the VM is still listed, with KubeVirt's defaults.
  const domain: VirtualMachine['spec']['template']['spec']['domain'] = vm.spec?.template?.spec?.domain ?? {};
  let portIds: string[] = [];
  try {
    portIds = Object.values(JSON.parse(vm.metadata.annotations?.[PORTS_ANNOTATION] ?? '{}') as Record<string, string>);
  } catch {
    portIds = [];
  }
  return {
    externalId: namespacedId(vm.metadata),
    name: vm.metadata.name,
    state: vmState(vm, vmi),
    hostId: vmi?.status?.nodeName || undefined,
    cpu: domain.cpu?.cores ?? 1,
    memoryMb: quantityToMb(domain.memory?.guest ?? domain.resources?.requests?.memory),
    portIds,
  };
}
