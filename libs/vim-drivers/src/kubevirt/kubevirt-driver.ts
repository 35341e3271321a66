import { randomBytes } from 'node:crypto';
import { waitForTask } from '../async/wait-for-task.js';
import { DriverAuthError, DriverNotFoundError, DriverRejectedError, DriverTaskFailedError } from '../driver-errors.js';
import type { ResolvedDriverOptions } from '../driver-options.js';
import { HttpVimDriver } from '../http-vim-driver.js';
import type { Host, Network, Page, Port, ResourceChange, StoragePool, Vm } from '../inventory.js';
import { gatewayFor, ipFamilyOf } from '../address-family.js';
import { checkedAllocationPools } from '../allocation-pools.js';
import type { CallOptions, CreateNetworkRequest, CreatePortRequest, CreateVmRequest, PageRequest, WatchRequest } from '../vim-driver.js';
import { ExtensionPorts } from '../vorch-extension/extension-ports.js';
import { dnsLabel } from './kube-quantity.js';
import { createOnce } from './create-once.js';
import { readKubernetesError } from './kubernetes-errors.js';
import { namespacedId, splitId, toHost, toNetwork, toStoragePool, toVm } from './kubevirt-mapping.js';
import { watchKubevirtChanges } from './kubevirt-watch-changes.js';
import { whereaboutsBounds } from './whereabouts-pools.js';
import { vmManifest } from './vm-manifest.js';
import type {
  KubeList,
  KubeNode,
  NetworkAttachmentDefinition,
  StorageClass,
  VirtualMachine,
  VirtualMachineInstance,
  VirtualMachineInstanceMigration,
} from './kubevirt-wire.js';

const KV = '/apis/kubevirt.io/v1';
const NAD = '/apis/k8s.cni.cncf.io/v1';

/**
 * Speaks the Kubernetes API with KubeVirt and Multus: nodes, storage classes, NetworkAttachmentDefinitions,
 * VirtualMachines (+ their instances) and migrations. Objects Vorch creates get deterministic names, so a create
 * may be resent: "already exists" on a resend is the earlier attempt having worked. Ids of namespaced objects are
 * `<namespace>/<name>`; nodes are named by their name.
 */
export class KubevirtDriver extends HttpVimDriver {
  readonly dialect = 'kubevirt' as const;

  private readonly ports = new ExtensionPorts(this.http);

  constructor(o: ResolvedDriverOptions) {
    super(o, readKubernetesError);
  }

  private get namespace(): string {
    return this.o.credentials.namespace ?? 'default';
  }

  /** A bearer token needs no login; checking it with a cheap read makes bad credentials fail here, not later. */
  protected async login(signal?: AbortSignal): Promise<Record<string, string>> {
    const token = this.o.credentials.token;
    if (!token) throw new DriverAuthError('kubevirt credentials need a token', this.fault());
    const headers = { authorization: `Bearer ${token}` };
    await this.http.send({ method: 'GET', path: '/api/v1/nodes', query: { limit: 1 }, headers, anonymous: true, signal });
    return headers;
  }

  // ---- inventory ----

  async listHosts(req: PageRequest = {}): Promise<Page<Host>> {
    const list = await this.http.json<KubeList<KubeNode>>({
      method: 'GET',
      path: '/api/v1/nodes',
      query: { limit: Math.min(req.limit ?? 1000, 1000), continue: req.cursor },
      signal: req.signal,
    });
    return { items: list.items.map(toHost), next: list.metadata.continue || undefined };
  }

  async listStorage(opts: CallOptions = {}): Promise<StoragePool[]> {
    return (await this.http.json<KubeList<StorageClass>>({ method: 'GET', path: '/apis/storage.k8s.io/v1/storageclasses', signal: opts.signal })).items.map(toStoragePool);
  }

  async listNetworks(opts: CallOptions = {}): Promise<Network[]> {
    return (await this.http.json<KubeList<NetworkAttachmentDefinition>>({ method: 'GET', path: `${NAD}/network-attachment-definitions`, signal: opts.signal })).items.map(toNetwork);
  }

  // ---- networks and ports ----

  async createNetwork(req: CreateNetworkRequest, opts: CallOptions = {}): Promise<Network> {
    const fault = this.fault({ network: req.name });
    const families = req.cidrs.map(ipFamilyOf);
    if (req.cidrs.length === 0 || new Set(families).size !== families.length) {
      throw new DriverRejectedError('a kubevirt network (Multus + whereabouts) holds one CIDR, or one of each IP family (dual-stack ipRanges)', fault);
    }
    const segment = req.segmentation;
    if (segment && segment.type !== 'vlan' && segment.type !== 'vxlan') throw new DriverRejectedError(`kubevirt networks are vlan or vxlan, not ${segment.type}`, fault);
    const pools = checkedAllocationPools(req, fault);
    const name = dnsLabel(req.name);
    // One CIDR keeps whereabouts' single `range`; dual-stack takes `ipRanges`, one entry (with its gateway) per family.
    const rangeOf = (i: number) => {
      const own = pools.get(i);
      return { range: req.cidrs[i], gateway: gatewayFor(req, i), ...(own ? whereaboutsBounds(own) : {}) };
    };
    const ipam = req.cidrs.length === 1 ? { type: 'whereabouts', ...rangeOf(0) } : { type: 'whereabouts', ipRanges: req.cidrs.map((_, i) => rangeOf(i)) };
    const config: Record<string, unknown> = { cniVersion: '0.3.1', name, type: 'ovs', ipam };
    if (segment?.type === 'vlan') config.vlan = segment.id;
    if (segment?.type === 'vxlan') config.vni = segment.id;
    if (req.mtu !== undefined) config.mtu = req.mtu;
    const created = await createOnce<NetworkAttachmentDefinition>(this.http, `${NAD}/namespaces/${this.namespace}/network-attachment-definitions`, {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name, namespace: this.namespace },
      spec: { config: JSON.stringify(config) },
    }, opts.signal);
    return toNetwork(created);
  }

  async getNetwork(id: string, opts: CallOptions = {}): Promise<Network> {
    return toNetwork(await this.http.json<NetworkAttachmentDefinition>({ method: 'GET', path: this.nadPath(id), signal: opts.signal }));
  }

  async deleteNetwork(id: string, opts: CallOptions = {}): Promise<void> {
    await this.http.send({ method: 'DELETE', path: this.nadPath(id), signal: opts.signal });
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
    const ports = await Promise.all((req.portIds ?? []).map((id) => this.getPort(id, opts)));
    const vm = await createOnce<VirtualMachine>(this.http, `${KV}/namespaces/${this.namespace}/virtualmachines`, vmManifest(req, ports, this.namespace), opts.signal);
    return this.waitForVm(namespacedId(vm.metadata), 'start', (v) => this.settledStart(v), opts.signal);
  }

  async getVm(id: string, opts: CallOptions = {}): Promise<Vm> {
    const vm = await this.http.json<VirtualMachine>({ method: 'GET', path: this.vmPath(id, 'virtualmachines'), signal: opts.signal });
    return toVm(vm, await this.vmiOf(id, opts.signal));
  }

  async listVms(opts: CallOptions = {}): Promise<Vm[]> {
    const [vms, vmis] = await Promise.all([
      this.http.json<KubeList<VirtualMachine>>({ method: 'GET', path: `${KV}/virtualmachines`, signal: opts.signal }),
      this.http.json<KubeList<VirtualMachineInstance>>({ method: 'GET', path: `${KV}/virtualmachineinstances`, signal: opts.signal }),
    ]);
    const byId = new Map(vmis.items.map((i) => [namespacedId(i.metadata), i]));
    return vms.items.map((vm) => toVm(vm, byId.get(namespacedId(vm.metadata))));
  }

  async startVm(id: string, opts: CallOptions = {}): Promise<Vm> {
    return this.powerAction(id, 'running', () => this.subresource(id, 'start', opts.signal), opts.signal);
  }

  async stopVm(id: string, opts: CallOptions = {}): Promise<Vm> {
    return this.powerAction(id, 'stopped', () => this.subresource(id, 'stop', opts.signal), opts.signal);
  }

  async deleteVm(id: string, opts: CallOptions = {}): Promise<void> {
    await this.http.send({ method: 'DELETE', path: this.vmPath(id, 'virtualmachines'), signal: opts.signal });
    await this.waitForVmGone(id, opts.signal);
  }

  async liveMigrate(id: string, targetHostId: string, opts: CallOptions = {}): Promise<Vm> {
    const { namespace, name } = splitId(id, this.namespace);
    const fault = this.fault({ vm: id, target: targetHostId });
    // Named once per call, so a resend of this create is recognisably the same migration.
    const migrationName = `${name.slice(0, 48)}-mig-${randomBytes(4).toString('hex')}`;
    await createOnce<VirtualMachineInstanceMigration>(this.http, `${KV}/namespaces/${namespace}/virtualmachineinstancemigrations`, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstanceMigration',
      metadata: { name: migrationName, namespace },
      spec: { vmiName: name, addedNodeSelector: { 'kubernetes.io/hostname': targetHostId } },
    }, opts.signal);
    await waitForTask(
      async () => {
        const m = await this.http.json<VirtualMachineInstanceMigration>({ method: 'GET', path: `${KV}/namespaces/${namespace}/virtualmachineinstancemigrations/${migrationName}`, signal: opts.signal });
        if (m.status?.phase === 'Succeeded') return true;
        if (m.status?.phase === 'Failed') throw new DriverTaskFailedError(`migration of ${id} to ${targetHostId} failed`, { ...fault, migration: migrationName });
        return undefined;
      },
      { intervalMs: this.o.pollIntervalMs, timeoutMs: this.o.taskTimeoutMs, signal: opts.signal, what: `migration of ${id}`, fault },
    );
    return this.getVm(id, opts);
  }

  /** Every list carries the resourceVersion it was read at; a one-node list is the cheapest. */
  async currentResourceVersion(opts: CallOptions = {}): Promise<string> {
    const list = await this.http.json<KubeList<KubeNode>>({ method: 'GET', path: '/api/v1/nodes', query: { limit: 1 }, signal: opts.signal });
    return list.metadata.resourceVersion ?? '0';
  }

  async *watchChanges(req: WatchRequest = {}): AsyncGenerator<ResourceChange> {
    let since = req.since;
    if (since === undefined) {
      try {
        since = await this.currentResourceVersion({ signal: req.signal });
      } catch (err) {
        if (req.signal?.aborted) return;
        throw err;
      }
    }
    yield* watchKubevirtChanges(this.http, { since, intervalMs: this.o.pollIntervalMs, signal: req.signal });
  }

  // ---- translation helpers ----

  private settledStart(vm: Vm): boolean {
    if (vm.state === 'error') throw new DriverTaskFailedError(`VM ${vm.externalId} failed to start`, this.fault({ vm: vm.externalId }));
    return vm.state === 'running';
  }

  private async vmiOf(id: string, signal?: AbortSignal): Promise<VirtualMachineInstance | undefined> {
    try {
      return await this.http.json<VirtualMachineInstance>({ method: 'GET', path: this.vmPath(id, 'virtualmachineinstances'), signal });
    } catch (err) {
      if (err instanceof DriverNotFoundError) return undefined;
      throw err;
    }
  }

  private async subresource(id: string, action: 'start' | 'stop', signal?: AbortSignal): Promise<void> {
    const { namespace, name } = splitId(id, this.namespace);
    await this.http.send({ method: 'PUT', path: `/apis/subresources.kubevirt.io/v1/namespaces/${namespace}/virtualmachines/${enc(name)}/${action}`, signal });
  }

  private vmPath(id: string, collection: 'virtualmachines' | 'virtualmachineinstances'): string {
    const { namespace, name } = splitId(id, this.namespace);
    return `${KV}/namespaces/${namespace}/${collection}/${enc(name)}`;
  }

  private nadPath(id: string): string {
    const { namespace, name } = splitId(id, this.namespace);
    return `${NAD}/namespaces/${namespace}/network-attachment-definitions/${enc(name)}`;
  }
}

const enc = encodeURIComponent;
