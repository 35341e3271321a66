/** A site as the API shows it: never its credentials. */
export interface SiteView {
  id: string;
  name: string;
  dialect: string;
  endpoint: string;
  domain: string;
  status: 'registered' | 'discovering' | 'ready' | 'unreachable';
  lastError: string | null;
  resourceCount: number;
  discovery: { runId: string | null; resourcesSeen: number; completedAt: string | null };
  createdAt: string;
  updatedAt: string;
}

export interface HostView {
  siteId: string;
  id: string;
  name: string;
  cpuCores: number;
  memoryMb: number;
  gpus: number;
  gpuModels: string[];
  hypervisorType: string;
  hypervisorVersion: string;
  cpuFeatures: string[];
  failureDomain: string;
  state: string;
}

export interface StorageView {
  siteId: string;
  id: string;
  name: string;
  type: string;
  capacityGb: number;
  freeGb: number;
  replication: string[];
  hostIds: string[];
}

export interface CapacityView {
  siteId: string | null;
  hosts: number;
  hostsUp: number;
  cpuCores: number;
  memoryMb: number;
  gpus: number;
  storageCapacityGb: number;
  storageFreeGb: number;
}

export interface Paged<T> {
  items: T[];
  next: string | null;
}
