import { mapLimited } from '../async/map-limited.js';
import { waitForTask } from '../async/wait-for-task.js';
import { DriverAuthError, DriverProtocolError, DriverTaskFailedError } from '../driver-errors.js';
import type { ResolvedDriverOptions } from '../driver-options.js';
import { HttpVimDriver } from '../http-vim-driver.js';
import type { Host, Network, Page, Port, ResourceChange, StoragePool, Vm } from '../inventory.js';
import { gatewayFor } from '../address-family.js';
import { checkedAllocationPools, poolRangesText } from '../allocation-pools.js';
import type { CallOptions, CreateNetworkRequest, CreatePortRequest, CreateVmRequest, PageRequest, WatchRequest } from '../vim-driver.js';
import { changeFeedWatch, latestChange } from '../vorch-extension/change-feed-watch.js';
import { ExtensionPorts } from '../vorch-extension/extension-ports.js';
import { readVsphereError } from './vsphere-errors.js';
import { toHost, toNetwork, toStoragePool, toVm } from './vsphere-mapping.js';
import type { VsCluster, VsDatastoreDetail, VsDatastoreSummary, VsHostSummary, VsIpRange, VsNetworkDetail, VsNetworkSummary, VsTask, VsVmDetail, VsVmSummary } from './vsphere-wire.js';

const CLUSTERS_TTL_MS = 30000;

/**
 * Speaks the vSphere Automation REST API: a session from basic auth, bare-array lists (paged through the
 * documented `page_size`/`page_token` extension for large estates), distributed port groups for networks,
 * synchronous VM creation and power actions, and relocate tasks (`vmw-task=true`) for live migration.
 * Ports go through the Vorch `/vorch/v1/ports` extension, vSphere having no port object of its own.
 */
export class VsphereDriver extends HttpVimDriver {
  readonly dialect = 'vsphere' as const;
  private clusters?: { at: number; names: Map<string, string> };

  private readonly ports = new ExtensionPorts(this.http);

  constructor(o: ResolvedDriverOptions) {
    super(o, readVsphereError);
  }

  protected async login(signal?: AbortSignal): Promise<Record<string, string>> {
    const c = this.o.credentials;
    if (!c.username || !c.password) throw new DriverAuthError('vsphere credentials need a username and a password', this.fault());
    const basic = Buffer.from(`${c.username}:${c.password}`).toString('base64');
    const session = await this.http.json<unknown>({ method: 'POST', path: '/api/session', anonymous: true, idempotent: true, headers: { authorization: `Basic ${basic}` }, signal });
    if (typeof session !== 'string' || !session) throw new DriverProtocolError('vCenter answered the login without a session id', this.fault());
    return { 'vmware-api-session-id': session };
  }

  // ---- inventory ----

  async listHosts(req: PageRequest = {}): Promise<Page<Host>> {
    const res = await this.http.send<VsHostSummary[]>({
      method: 'GET',
      path: '/api/vcenter/host',
      query: { page_size: Math.min(req.limit ?? 1000, 1000), page_token: req.cursor },
      signal: req.signal,
    });
    const names = await this.clusterNames(req.signal);
    const items = res.body.map((h) => toHost(h, (h.cluster && names.get(h.cluster)) || ''));
    return { items, next: res.headers.get('vorch-next-page-token') ?? undefined };
  }

  async listStorage(opts: CallOptions = {}): Promise<StoragePool[]> {
    const list = await this.http.json<VsDatastoreSummary[]>({ method: 'GET', path: '/api/vcenter/datastore', signal: opts.signal });
    const names = await this.clusterNames(opts.signal);
    return mapLimited(list, 8, async (d) => {
      const detail = await this.http.json<VsDatastoreDetail>({ method: 'GET', path: `/api/vcenter/datastore/${enc(d.datastore)}`, signal: opts.signal });
      return toStoragePool(d.datastore, detail, names);
    });
  }

  async listNetworks(opts: CallOptions = {}): Promise<Network[]> {
    const list = await this.http.json<VsNetworkSummary[]>({ method: 'GET', path: '/api/vcenter/network', signal: opts.signal });
    return mapLimited(list, 8, (n) => this.getNetwork(n.network, opts));
  }

  // ---- networks and ports ----

  async createNetwork(req: CreateNetworkRequest, opts: CallOptions = {}): Promise<Network> {
    const pools = checkedAllocationPools(req, this.fault({ network: req.name }));
    const body: Record<string, unknown> = {
      name: req.name,
      subnets: req.cidrs.map((cidr, i) => {
        const gateway = gatewayFor(req, i);
        const own = pools.get(i);
        const ipRanges: VsIpRange[] | undefined = own && poolRangesText(own).map((r) => ({ start_address: r.start, end_address: r.end }));
        return { cidr, ...(gateway ? { gateway } : {}), ...(ipRanges ? { ip_ranges: ipRanges } : {}) };
      }),
    };
    if (req.segmentation) body.segment = { type: req.segmentation.type, id: req.segmentation.id };
    const id = await this.http.json<string>({ method: 'POST', path: '/api/vcenter/network', body, signal: opts.signal });
    return this.getNetwork(id, opts);
  }

  async getNetwork(id: string, opts: CallOptions = {}): Promise<Network> {
    return toNetwork(await this.http.json<VsNetworkDetail>({ method: 'GET', path: `/api/vcenter/network/${enc(id)}`, signal: opts.signal }));
  }

  async deleteNetwork(id: string, opts: CallOptions = {}): Promise<void> {
    await this.http.send({ method: 'DELETE', path: `/api/vcenter/network/${enc(id)}`, signal: opts.signal });
  }

  createPort(req: CreatePortRequest, opts: CallOptions = {}): Promise<Port> {
    return this.ports.create(req, opts.signal);
  }

  getPort(id: string, opts: CallOptions = {}): Promise<Port> {
    return this.ports.get(id, opts.signal);
  }

  listPorts(networkId: string, opts: CallOptions = {}): Promise<Port[]> {
    return this.ports.list(networkId, opts.signal);
  }

  deletePort(id: string, opts: CallOptions = {}): Promise<void> {
    return this.ports.delete(id, opts.signal);
  }

  // ---- VMs ----

  async createVm(req: CreateVmRequest, opts: CallOptions = {}): Promise<Vm> {
    const id = await this.http.json<string>({
      method: 'POST',
      path: '/api/vcenter/vm',
      body: {
        name: req.name,
        guest_OS: 'OTHER_LINUX_64',
        // Without a host, vCenter's own placement (DRS) chooses.
        placement: req.hostId ? { host: req.hostId } : undefined,
        cpu: { count: req.cpu },
        memory: { size_MiB: req.memoryMb },
        power_on: true,
        nics: (req.portIds ?? []).map((port) => ({ vorch_port: port })),
      },
      signal: opts.signal,
    });
    return this.waitForVm(id, 'power-on', (vm) => vm.state === 'running', opts.signal);
  }

  async getVm(id: string, opts: CallOptions = {}): Promise<Vm> {
    return toVm(id, await this.http.json<VsVmDetail>({ method: 'GET', path: `/api/vcenter/vm/${enc(id)}`, signal: opts.signal }));
  }

  async listVms(opts: CallOptions = {}): Promise<Vm[]> {
    const list = await this.http.json<VsVmSummary[]>({ method: 'GET', path: '/api/vcenter/vm', signal: opts.signal });
    return mapLimited(list, 16, (v) => this.getVm(v.vm, opts));
  }

  async startVm(id: string, opts: CallOptions = {}): Promise<Vm> {
    return this.powerAction(id, 'running', () => this.power(id, 'start', opts.signal), opts.signal);
  }

  async stopVm(id: string, opts: CallOptions = {}): Promise<Vm> {
    return this.powerAction(id, 'stopped', () => this.power(id, 'stop', opts.signal), opts.signal);
  }

  /** vCenter refuses to delete a powered-on VM; the generic delete means "gone", so it powers off first. */
  async deleteVm(id: string, opts: CallOptions = {}): Promise<void> {
    const vm = await this.getVm(id, opts);
    if (vm.state !== 'stopped') await this.stopVm(id, opts);
    await this.http.send({ method: 'DELETE', path: `/api/vcenter/vm/${enc(id)}`, signal: opts.signal });
  }

  async liveMigrate(id: string, targetHostId: string, opts: CallOptions = {}): Promise<Vm> {
    const task = await this.http.json<string>({
      method: 'POST',
      path: `/api/vcenter/vm/${enc(id)}`,
      query: { action: 'relocate', 'vmw-task': 'true' },
      body: { spec: { placement: { host: targetHostId } } },
      signal: opts.signal,
    });
    const fault = this.fault({ vm: id, target: targetHostId, task });
    await waitForTask(
      async () => {
        const t = await this.http.json<VsTask>({ method: 'GET', path: `/api/cis/tasks/${enc(task)}`, signal: opts.signal });
        if (t.status === 'SUCCEEDED') return true;
        if (t.status === 'FAILED') {
          const why = t.error?.messages?.map((m) => m.default_message).join('; ') ?? 'no reason given';
          throw new DriverTaskFailedError(`relocation of ${id} to ${targetHostId} failed: ${why}`, { ...fault, vimCode: t.error?.error_type, vimMessage: why });
        }
        return undefined;
      },
      { intervalMs: this.o.pollIntervalMs, timeoutMs: this.o.taskTimeoutMs, signal: opts.signal, what: `relocation of ${id}`, fault },
    );
    return this.getVm(id, opts);
  }

  currentResourceVersion(opts: CallOptions = {}): Promise<string> {
    return latestChange(this.http, opts.signal);
  }

  watchChanges(req: WatchRequest = {}): AsyncIterable<ResourceChange> {
    return changeFeedWatch(this.http, { since: req.since, intervalMs: this.o.pollIntervalMs, signal: req.signal });
  }

  // ---- translation helpers ----

  private async power(id: string, action: 'start' | 'stop', signal?: AbortSignal): Promise<void> {
    await this.http.send({ method: 'POST', path: `/api/vcenter/vm/${enc(id)}/power`, query: { action }, idempotent: true, signal });
  }

  private async clusterNames(signal?: AbortSignal): Promise<Map<string, string>> {
    if (this.clusters && Date.now() - this.clusters.at < CLUSTERS_TTL_MS) return this.clusters.names;
    const list = await this.http.json<VsCluster[]>({ method: 'GET', path: '/api/vcenter/cluster', signal });
    this.clusters = { at: Date.now(), names: new Map(list.map((c) => [c.cluster, c.name])) };
    return this.clusters.names;
  }
}

const enc = encodeURIComponent;
