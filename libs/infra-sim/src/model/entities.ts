import type { SecurityModuleKind, SegmentType, VSwitchKind } from '../topology/topology.js';
import type { SubnetAllocator } from './subnet-allocator.js';

/** Fields every resource of a site has: a UUID, a site-wide serial (vSphere-style ids), a name, its last change. */
interface Resource {
  id: string;
  serial: number;
  name: string;
  /** Sequence number of the last change to it (the Kubernetes resourceVersion). */
  version: number;
  createdAt: string;
}

export interface Host extends Resource {
  kind: 'host';
  failureDomain: string;
  cpus: number;
  memoryMb: number;
  cpuModel: string;
  cpuVendor: string;
  cpuFeatures: string[];
  gpus?: { model: string; count: number };
  hypervisor: { type: string; version: string };
  securityModules: SecurityModuleKind[];
  vswitchKind: VSwitchKind;
  ip: string;
  up: boolean;
  usedCpus: number;
  usedMemoryMb: number;
  usedGpus: number;
}

export type VmPhase = 'building' | 'running' | 'stopped' | 'migrating';

export interface Vm extends Resource {
  kind: 'vm';
  /** Kubernetes namespace; 'default' elsewhere. */
  namespace: string;
  hostId: string;
  vcpus: number;
  memoryMb: number;
  gpus: number;
  flavorId?: string;
  phase: VmPhase;
  nics: Nic[];
  metadata: Record<string, string>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** When it last started (for a KubeVirt VMI's creation time). */
  startedAt?: string;
  updatedAt: string;
  migrationId?: string;
  lastMigrationId?: string;
  /** The object as a Kubernetes client sent it, echoed back in `spec` (KubeVirt only). */
  document?: unknown;
}

export interface Nic {
  /** Name in the dialect (KubeVirt interface name, vSphere NIC key); openstack: the network name. */
  name: string;
  portId: string;
  /** The VM created this port and deletes it with itself; a port passed in is only unbound. */
  owned: boolean;
}

export interface Network extends Resource {
  kind: 'network';
  namespace: string;
  segment: { type: SegmentType; id: number };
  physicalNetwork: string;
  subnetIds: string[];
  /** Dialect-specific leftovers worth echoing back (the KubeVirt NAD's CNI config). */
  config?: string;
}

export interface Subnet extends Resource {
  kind: 'subnet';
  networkId: string;
  cidr: string;
  gateway: string;
  /** Neutron's IPv6 modes, kept to be shown again; addresses always come from the allocator (stateful). */
  ipv6AddressMode?: string;
  ipv6RaMode?: string;
  allocator: SubnetAllocator;
}

/** One address of a port and the subnet it comes from (Neutron's fixed IP). */
export interface FixedIp {
  subnetId: string;
  ip: string;
}

export interface Port extends Resource {
  kind: 'port';
  networkId: string;
  /** Every address of the port, at most one per subnet; chosen by the VIM, IPv4 comes first. Never empty. */
  fixedIps: FixedIp[];
  /** The first fixed IP and its subnet: what views showing a single address show. */
  subnetId: string;
  ip: string;
  mac: string;
  vmId: string | null;
}

export interface Storage extends Resource {
  kind: 'storage';
  storageKind: 'array' | 'pool';
  capacityGb: number;
  freeGb: number;
  replicationModes: ('sync' | 'async')[];
  peerNames: string[];
  reachableFrom: string[];
}

export type MigrationPhase = 'pending' | 'running' | 'succeeded' | 'failed';

export interface Migration extends Resource {
  kind: 'migration';
  namespace: string;
  vmId: string;
  sourceHostId: string;
  targetHostId: string;
  phase: MigrationPhase;
  endedAt?: string;
  error?: string;
}

export interface Flavor {
  id: string;
  name: string;
  vcpus: number;
  ramMb: number;
  diskGb: number;
  gpus: number;
}

export type Entity = Host | Vm | Network | Subnet | Port | Migration;
export type EntityKind = Entity['kind'];
