import type { Host, Network, Page, Port, ResourceChange, Segmentation, SecurityModule, StoragePool, VirtualSwitch, Vm } from './inventory.js';

export type Dialect = 'openstack' | 'vsphere' | 'kubevirt';
export const DIALECTS: readonly Dialect[] = ['openstack', 'vsphere', 'kubevirt'];

/** Every call accepts a signal: aborting it cancels the HTTP request in flight and any waiting between retries. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface PageRequest extends CallOptions {
  /** The `next` of the previous page; absent for the first page. */
  cursor?: string;
  /** A hint: dialects that page on the server honour it, the others return everything in one page. */
  limit?: number;
}

export interface CreateNetworkRequest {
  name: string;
  cidrs: string[];
  segmentation?: Segmentation;
  mtu?: number;
  /** The gateway of the subnet of its IP family (the VIM's default for the others). */
  gateway?: string;
  /** Gateways of a dual-stack network, at most one per IP family; combined with `gateway` if both are given. */
  gateways?: string[];
  /**
   * Per subnet (named by its CIDR, as in `cidrs`), the ranges the VIM's own address management may hand addresses out
   * from (Neutron's allocation_pools), inclusive, in order. A subnet not named hands out every host address but the
   * gateway. A port that names its fixed IP may still take one outside them, as in Neutron.
   */
  allocationPools?: { cidr: string; ranges: { start: string; end: string }[] }[];
}

export interface CreatePortRequest {
  networkId: string;
  name: string;
  /** Leave out to have the VIM's address management allocate one. */
  mac?: string;
  /**
   * Every fixed IP the port must hold, at most one per subnet (a dual-stack port: one IPv4 and one IPv6 address).
   * Leave out to have the VIM's address management allocate: one IPv4 address and one from each IPv6 subnet, as
   * Neutron does, or only from the subnet of `ipFamily`.
   */
  ips?: string[];
  /** One fixed IP: the one-address form of `ips` (ignored when `ips` is given). */
  ip?: string;
  /** With no IP named: allocate only from the network's subnet of this IP version (the first, if it has several). */
  ipFamily?: 4 | 6;
}

export interface CreateVmRequest {
  name: string;
  cpu: number;
  memoryMb: number;
  /** Pin to a host (externalId); absent lets the VIM's own scheduler choose. */
  hostId?: string;
  /** Ports created beforehand with createPort, plugged into the VM in this order. */
  portIds?: string[];
  image?: string;
}

export interface WatchRequest extends CallOptions {
  /** Resume after this resourceVersion; absent starts from now (no replay of what already exists). */
  since?: string;
}

/**
 * The generic commands Vorch gives any VIM. One implementation per dialect translates them; all of them are
 * held to the same behaviour by the shared contract suite. Expected failures are the Driver*Error classes.
 * Creates that the VIM completes asynchronously resolve only once the object is usable (a VM is running or
 * stopped, a migration has finished), so callers never poll dialect-specific task states.
 */
export interface VimDriver {
  readonly dialect: Dialect;
  readonly endpoint: string;

  /** Logs in (or checks the token) now; other calls log in on first use and again when a session expires. */
  authenticate(opts?: CallOptions): Promise<void>;

  listHosts(req?: PageRequest): Promise<Page<Host>>;
  /** Walks every page of listHosts. */
  hosts(opts?: CallOptions): AsyncIterable<Host>;
  listStorage(opts?: CallOptions): Promise<StoragePool[]>;
  listNetworks(opts?: CallOptions): Promise<Network[]>;
  listVirtualSwitches(opts?: CallOptions): Promise<VirtualSwitch[]>;
  listSecurityModules(opts?: CallOptions): Promise<SecurityModule[]>;

  createNetwork(req: CreateNetworkRequest, opts?: CallOptions): Promise<Network>;
  getNetwork(id: string, opts?: CallOptions): Promise<Network>;
  deleteNetwork(id: string, opts?: CallOptions): Promise<void>;

  createPort(req: CreatePortRequest, opts?: CallOptions): Promise<Port>;
  getPort(id: string, opts?: CallOptions): Promise<Port>;
  /**
   * Every port on the network, whoever created it (Vorch or an operator), read page after page. A network the VIM
   * does not know is DriverNotFoundError, so "no ports" and "no network" are never confused.
   */
  listPorts(networkId: string, opts?: CallOptions): Promise<Port[]>;
  deletePort(id: string, opts?: CallOptions): Promise<void>;

  /** Creates and starts the VM; resolves when it runs. */
  createVm(req: CreateVmRequest, opts?: CallOptions): Promise<Vm>;
  getVm(id: string, opts?: CallOptions): Promise<Vm>;
  listVms(opts?: CallOptions): Promise<Vm[]>;
  startVm(id: string, opts?: CallOptions): Promise<Vm>;
  stopVm(id: string, opts?: CallOptions): Promise<Vm>;
  deleteVm(id: string, opts?: CallOptions): Promise<void>;
  /** Live-migrates and waits for the dialect's asynchronous task; resolves with the VM on the target host. */
  liveMigrate(id: string, targetHostId: string, opts?: CallOptions): Promise<Vm>;

  /** Where the VIM's change history stands now: list, then watch from this, and nothing falls in between. */
  currentResourceVersion(opts?: CallOptions): Promise<string>;
  /** Changes made by anyone (Vorch or behind its back), until the signal aborts. */
  watchChanges(req?: WatchRequest): AsyncIterable<ResourceChange>;
}
