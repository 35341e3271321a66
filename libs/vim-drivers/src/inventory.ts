/**
 * The Vorch shape of everything a VIM holds. Every dialect's objects are normalised to these, so nothing above
 * the drivers ever sees a Nova server, a vCenter VM summary or a KubeVirt VirtualMachine. `externalId` is the
 * VIM's own id, kept verbatim: it is what the driver needs to address the object again.
 */
export type HostState = 'up' | 'down' | 'maintenance' | 'unknown';

export interface Gpu {
  model: string;
  count: number;
}

export interface Host {
  externalId: string;
  name: string;
  cpu: { cores: number; model?: string };
  memoryMb: number;
  gpus: Gpu[];
  hypervisorType: string;
  hypervisorVersion: string;
  cpuFeatures: string[];
  failureDomain: string;
  state: HostState;
}

export interface StoragePool {
  externalId: string;
  name: string;
  type: string;
  capacityGb: number;
  /** Absent where the VIM does not report usage (Kubernetes storage classes). */
  freeGb?: number;
  /** Replication modes the pool can take part in (e.g. 'sync', 'async'); empty when it cannot be paired. */
  replication: string[];
  /** externalIds of the pools it can replicate with. */
  replicationPeers: string[];
  /**
   * Failure domains whose hosts reach the pool. Reach is given per failure domain, as every dialect states it,
   * rather than per host: joining with Host.failureDomain gives the hosts without listing thousands of ids per pool.
   */
  reachableFrom: string[];
}

export type SegmentationType = 'vlan' | 'vxlan' | 'geneve' | 'flat';

export interface Segmentation {
  type: SegmentationType;
  id?: number;
}

export interface Network {
  externalId: string;
  name: string;
  cidrs: string[];
  segmentation?: Segmentation;
  mtu?: number;
  gateway?: string;
  /**
   * The subnets whose VIM hands addresses out from pools narrower than every host address but the gateway, with
   * those ranges (CreateNetworkRequest.allocationPools read back). Absent when no subnet has any.
   */
  allocationPools?: { cidr: string; ranges: { start: string; end: string }[] }[];
}

export interface Port {
  externalId: string;
  networkId: string;
  name: string;
  mac: string;
  ips: string[];
  /** The VM the port is plugged into, when it is. */
  vmId?: string;
}

export type VmState = 'building' | 'running' | 'stopped' | 'migrating' | 'error' | 'unknown';

export interface Vm {
  externalId: string;
  name: string;
  state: VmState;
  hostId?: string;
  cpu: number;
  memoryMb: number;
  portIds: string[];
}

export interface VirtualSwitch {
  externalId: string;
  name: string;
  hostId: string;
  /** ovs, vds, ovs-cni, … */
  type: string;
  uplinks: number;
}

export type SecurityModuleType = 'sev-snp' | 'tdx' | 'tpm' | 'sgx';

export interface SecurityModule {
  externalId: string;
  hostId: string;
  type: SecurityModuleType;
  firmwareVersion?: string;
  ready: boolean;
}

export type ResourceKind = 'host' | 'vm' | 'network' | 'port';

export interface ResourceChange {
  kind: ResourceKind;
  /** externalId of the changed object. */
  id: string;
  change: 'added' | 'modified' | 'deleted';
  /** Opaque; pass the last one seen back to watchChanges to resume after it. */
  resourceVersion: string;
}

/** One page of a list; `next` is an opaque cursor, absent on the last page. */
export interface Page<T> {
  items: T[];
  next?: string;
}
