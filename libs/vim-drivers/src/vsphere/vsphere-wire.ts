/** The parts of vSphere Automation answers the driver reads; `vorch_` fields are extensions (docs/dialects.md). */
export interface VsHostSummary {
  host: string;
  name: string;
  connection_state: 'CONNECTED' | 'NOT_RESPONDING' | 'DISCONNECTED';
  power_state?: string;
  cluster?: string;
  cpu_count?: number;
  memory_size_MiB?: number;
  cpu_model?: string;
  cpu_features?: string[];
  gpus?: Array<{ model: string; count: number }>;
  hypervisor?: { type: string; version: string };
  in_maintenance_mode?: boolean;
}

export interface VsCluster {
  cluster: string;
  name: string;
}

export interface VsDatastoreSummary {
  datastore: string;
  name: string;
  type: string;
  free_space?: number;
  capacity?: number;
}

export interface VsDatastoreDetail {
  name: string;
  type: string;
  free_space?: number;
  capacity?: number;
  vorch_kind?: string;
  vorch_replication?: { modes: string[]; peers: string[] };
  vorch_reachable_clusters?: string[];
}

export interface VsNetworkSummary {
  network: string;
  name: string;
  type: string;
}

export interface VsNetworkDetail extends VsNetworkSummary {
  vorch_segment?: { type: string; id?: number };
  vorch_subnets?: Array<{ cidr: string; gateway?: string | null; ip_ranges?: VsIpRange[] }>;
}

/** An inclusive range a port group subnet hands addresses out from (extension). */
export interface VsIpRange {
  start_address: string;
  end_address: string;
}

export interface VsVmSummary {
  vm: string;
  name: string;
  power_state: string;
}

export interface VsVmDetail {
  name: string;
  power_state: 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED';
  cpu: { count: number };
  memory: { size_MiB: number };
  nics?: Record<string, { mac_address?: string; vorch_port?: string; backing?: { network?: string } }>;
  vorch_host?: string;
  vorch_relocating?: boolean;
}

export interface VsTask {
  status: 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'BLOCKED';
  error?: { error_type?: string; messages?: Array<{ default_message?: string }> };
}
