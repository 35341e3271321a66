/** The parts of Kubernetes / KubeVirt / Multus objects the driver reads (see docs/dialects.md). */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubeList<T> {
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface KubeNode {
  metadata: ObjectMeta;
  spec?: { unschedulable?: boolean };
  status?: {
    capacity?: Record<string, string>;
    conditions?: Array<{ type: string; status: string }>;
  };
}

export interface StorageClass {
  metadata: ObjectMeta;
  parameters?: Record<string, string>;
  allowedTopologies?: Array<{ matchLabelExpressions?: Array<{ key: string; values: string[] }> }>;
}

export interface NetworkAttachmentDefinition {
  metadata: ObjectMeta;
  spec: { config: string };
}

/** What `spec.config` (a JSON string) holds for the networks Vorch uses. */
export interface CniConfig {
  cniVersion?: string;
  name?: string;
  type?: string;
  vlan?: number;
  vni?: number;
  mtu?: number;
  /** whereabouts: `range` for one subnet, `ipRanges` for dual-stack; each may narrow what it hands out. */
  ipam?: { type?: string; range?: string; gateway?: string; ipRanges?: ({ range?: string; gateway?: string } & WhereaboutsBounds)[] } & WhereaboutsBounds;
}

/** whereabouts' fields that narrow what a range hands out (on `ipam` for one subnet, on each `ipRanges` entry). */
export interface WhereaboutsBounds {
  range_start?: string;
  range_end?: string;
  exclude?: string[];
}

export interface VirtualMachine {
  metadata: ObjectMeta;
  spec: {
    running?: boolean;
    runStrategy?: string;
    template: {
      spec: {
        nodeSelector?: Record<string, string>;
        domain: { cpu?: { cores?: number }; memory?: { guest?: string }; resources?: { requests?: { memory?: string } } };
      };
    };
  };
  status?: { printableStatus?: string; ready?: boolean };
}

export interface VirtualMachineInstance {
  metadata: ObjectMeta;
  status?: { phase?: string; nodeName?: string };
}

export interface VirtualMachineInstanceMigration {
  metadata: ObjectMeta;
  status?: { phase?: 'Pending' | 'Scheduling' | 'Scheduled' | 'PreparingTarget' | 'TargetReady' | 'Running' | 'Succeeded' | 'Failed' };
}
