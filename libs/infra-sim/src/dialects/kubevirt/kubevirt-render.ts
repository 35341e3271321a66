import type { Host, Migration, Network, Storage, Subnet, Vm } from '../../model/entities.js';
import type { SiteModel } from '../../model/site-model.js';

const KUBEVIRT = 'kubevirt.io/v1';
/** Where Vorch's KubeVirt driver keeps a VM's interface → port id map (it writes it when it creates a VM). */
const PORTS_ANNOTATION = 'vorch.io/ports';

export function nodeLabels(h: Host): Record<string, string> {
  const labels: Record<string, string> = {
    'kubernetes.io/hostname': h.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'topology.kubernetes.io/zone': h.failureDomain,
    'kubevirt.io/schedulable': 'true',
    [`cpu-model.node.kubevirt.io/${h.cpuModel}`]: 'true',
    [`cpu-vendor.node.kubevirt.io/${h.cpuVendor}`]: 'true',
  };
  for (const f of h.cpuFeatures) labels[`cpu-feature.node.kubevirt.io/${f}`] = 'true';
  if (h.gpus) labels['nvidia.com/gpu.product'] = h.gpus.model;
  return labels;
}

export function renderNode(h: Host) {
  const capacity: Record<string, string> = { cpu: String(h.cpus), memory: `${h.memoryMb}Mi`, pods: '110' };
  if (h.gpus) capacity['nvidia.com/gpu'] = String(h.gpus.count);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: h.name,
      uid: h.id,
      resourceVersion: String(h.version),
      creationTimestamp: h.createdAt,
      labels: nodeLabels(h),
      annotations: { 'vorch.io/hypervisor': `${h.hypervisor.type}/${h.hypervisor.version}`, 'vorch.io/security-modules': h.securityModules.join(',') },
    },
    spec: {},
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        h.up
          ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
          : { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' },
      ],
      addresses: [
        { type: 'InternalIP', address: h.ip },
        { type: 'Hostname', address: h.name },
      ],
      nodeInfo: { kubeletVersion: 'v1.30.2', architecture: 'amd64', operatingSystem: 'linux', containerRuntimeVersion: 'containerd://1.7.18' },
    },
  };
}

const PRINTABLE = { building: 'Starting', running: 'Running', stopped: 'Stopped', migrating: 'Migrating' } as const;

interface VmDocument {
  metadata?: Record<string, unknown>;
  spec?: Record<string, unknown>;
}

export function renderVm(vm: Vm) {
  const doc = (vm.document ?? {}) as VmDocument;
  // A VM made from the topology or through /admin was never sent as a Kubernetes object: render what a client would have sent.
  const spec: Record<string, unknown> = vm.document === undefined ? { template: { spec: { domain: { cpu: { cores: vm.vcpus }, memory: { guest: `${vm.memoryMb}Mi` } } } } } : { ...(doc.spec ?? {}) };
  const annotations = vm.document === undefined && vm.nics.length > 0 && !(PORTS_ANNOTATION in vm.annotations)
    ? { ...vm.annotations, [PORTS_ANNOTATION]: JSON.stringify(Object.fromEntries(vm.nics.map((n) => [n.name, n.portId]))) }
    : vm.annotations;
  if ('runStrategy' in spec) spec.runStrategy = vm.phase === 'stopped' ? 'Halted' : 'Always';
  else spec.running = vm.phase !== 'stopped';
  return {
    apiVersion: KUBEVIRT,
    kind: 'VirtualMachine',
    metadata: {
      name: vm.name,
      namespace: vm.namespace,
      uid: vm.id,
      resourceVersion: String(vm.version),
      generation: 1,
      creationTimestamp: vm.createdAt,
      labels: vm.labels,
      annotations,
    },
    spec,
    status: { printableStatus: PRINTABLE[vm.phase], ready: vm.phase === 'running' || vm.phase === 'migrating', created: vm.phase !== 'stopped' },
  };
}

/** A VMI exists while its VM is not stopped. */
export function hasVmi(vm: Vm): boolean {
  return vm.phase !== 'stopped';
}

export function vmiLabels(model: SiteModel, vm: Vm): Record<string, string> {
  return { ...vm.labels, 'kubevirt.io/nodeName': model.hosts.get(vm.hostId)?.name ?? '' };
}

export function renderVmi(model: SiteModel, vm: Vm) {
  const host = model.hosts.get(vm.hostId);
  const doc = (vm.document ?? {}) as VmDocument;
  const template = (doc.spec?.template ?? {}) as { spec?: unknown };
  const interfaces = vm.nics.flatMap((nic) => {
    const port = model.ports.get(nic.portId);
    return port ? [{ name: nic.name, mac: port.mac, ipAddress: port.ip, ipAddresses: port.fixedIps.map((f) => f.ip), interfaceName: `eth${vm.nics.indexOf(nic) + 1}` }] : [];
  });
  const migration = vm.lastMigrationId ? model.migrations.get(vm.lastMigrationId) : undefined;
  return {
    apiVersion: KUBEVIRT,
    kind: 'VirtualMachineInstance',
    metadata: {
      name: vm.name,
      namespace: vm.namespace,
      uid: vm.id.replace(/^.{8}/, 'f1f1f1f1'),
      resourceVersion: String(vm.version),
      creationTimestamp: vm.startedAt ?? vm.createdAt,
      labels: vmiLabels(model, vm),
      ownerReferences: [{ apiVersion: KUBEVIRT, kind: 'VirtualMachine', name: vm.name, uid: vm.id, controller: true }],
    },
    spec: template.spec ?? {},
    status: {
      phase: vm.phase === 'building' ? 'Scheduled' : 'Running',
      nodeName: host?.name ?? '',
      interfaces,
      ...(migration ? { migrationState: migrationState(model, migration) } : {}),
    },
  };
}

function migrationState(model: SiteModel, m: Migration) {
  return {
    sourceNode: model.hosts.get(m.sourceHostId)?.name ?? '',
    targetNode: model.hosts.get(m.targetHostId)?.name ?? '',
    startTimestamp: m.createdAt,
    ...(m.endedAt ? { endTimestamp: m.endedAt } : {}),
    completed: m.phase === 'succeeded',
    failed: m.phase === 'failed',
    migrationUid: m.id,
  };
}

const MIGRATION_PHASE = { pending: 'Pending', running: 'Running', succeeded: 'Succeeded', failed: 'Failed' } as const;

export function renderMigration(model: SiteModel, m: Migration) {
  const vm = model.vms.get(m.vmId);
  return {
    apiVersion: KUBEVIRT,
    kind: 'VirtualMachineInstanceMigration',
    metadata: { name: m.name, namespace: m.namespace, uid: m.id, resourceVersion: String(m.version), creationTimestamp: m.createdAt },
    spec: { vmiName: vm?.name ?? '' },
    status: { phase: MIGRATION_PHASE[m.phase], migrationState: migrationState(model, m) },
  };
}

/** whereabouts: one subnet as `range`, several (dual-stack) as `ipRanges`, each with its gateway. */
function whereaboutsIpam(subnets: Subnet[]) {
  if (subnets.length === 0) return {};
  if (subnets.length === 1) return { type: 'whereabouts', range: subnets[0].cidr, gateway: subnets[0].gateway };
  return { type: 'whereabouts', ipRanges: subnets.map((s) => ({ range: s.cidr, gateway: s.gateway })) };
}

export function renderNad(model: SiteModel, n: Network) {
  const subnets = n.subnetIds.flatMap((id) => model.subnets.get(id) ?? []);
  const config =
    n.config ??
    JSON.stringify({
      cniVersion: '0.3.1',
      name: n.name,
      type: 'ovs',
      ...(n.segment.type === 'vlan' ? { vlan: n.segment.id } : { vni: n.segment.id }),
      ipam: whereaboutsIpam(subnets),
    });
  return {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name: n.name, namespace: n.namespace, uid: n.id, resourceVersion: String(n.version), creationTimestamp: n.createdAt },
    spec: { config },
  };
}

export function renderStorageClass(s: Storage) {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: s.name, uid: s.id, resourceVersion: String(s.version), creationTimestamp: s.createdAt, labels: { 'vorch.io/kind': s.storageKind } },
    provisioner: 'sim.vorch.io',
    parameters: { capacityGb: String(s.capacityGb), replication: s.replicationModes.join(','), replicationPeers: s.peerNames.join(',') },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: s.reachableFrom }] }],
  };
}
