import { gatewayFor, ipFamilyOf, requestedIps, type IpFamily } from '../address-family.js';
import { checkedAllocationPools, poolRangesText } from '../allocation-pools.js';
import { waitForTask } from '../async/wait-for-task.js';
import { DriverAuthError, DriverNotFoundError, DriverProtocolError, DriverRejectedError, DriverTaskFailedError } from '../driver-errors.js';
import type { ResolvedDriverOptions } from '../driver-options.js';
import { HttpVimDriver } from '../http-vim-driver.js';
import type { Host, Network, Page, Port, ResourceChange, StoragePool, Vm } from '../inventory.js';
import type { CallOptions, CreateNetworkRequest, CreatePortRequest, CreateVmRequest, PageRequest, WatchRequest } from '../vim-driver.js';
import { changeFeedWatch, latestChange } from '../vorch-extension/change-feed-watch.js';
import { allMarkerPages, nextMarker } from './marker-pages.js';
import { readOpenStackError } from './openstack-errors.js';
import { smallestFlavorFor } from './flavor-choice.js';
import { HostDirectory } from './host-directory.js';
import { toNetwork, toPort, toStoragePool, toVm } from './openstack-mapping.js';
import type { CinderPool, Link, NeutronNetwork, NeutronPort, NeutronSubnet, NovaFlavor, NovaHypervisor, NovaServer } from './openstack-wire.js';

const COMPUTE = '/compute/v2.1';
const NETWORK = '/network/v2.0';

/**
 * Speaks Keystone (password token), Nova (servers, hypervisors, zones, flavors), Neutron (networks, subnets,
 * ports), Placement (GPUs) and Cinder (storage pools). Nova and Neutron have no idempotency keys, so creates are
 * resent only when the cloud certainly never saw them (connection refused, 429).
 */
export class OpenStackDriver extends HttpVimDriver {
  readonly dialect = 'openstack' as const;
  private projectId?: string;
  private flavors?: NovaFlavor[];
  private readonly hostDirectory: HostDirectory;
  /** Each network's subnets (id, IP version), for ports asked from one family; a subnet never changes its CIDR. */
  private readonly subnetsOf = new Map<string, { id: string; family: IpFamily }[]>();

  constructor(o: ResolvedDriverOptions) {
    super(o, readOpenStackError);
    this.hostDirectory = new HostDirectory(this.http, (extra) => this.fault(extra));
  }

  protected async login(signal?: AbortSignal): Promise<Record<string, string>> {
    const c = this.o.credentials;
    if (!c.username || !c.password) throw new DriverAuthError('openstack credentials need a username and a password', this.fault());
    const domain = { name: c.domain ?? 'Default' };
    const res = await this.http.send<{ token?: { project?: { id: string } } }>({
      method: 'POST',
      path: '/identity/v3/auth/tokens',
      anonymous: true,
      // A second token is harmless, so a lost answer may be asked again.
      idempotent: true,
      signal,
      body: {
        auth: {
          identity: { methods: ['password'], password: { user: { name: c.username, domain, password: c.password } } },
          scope: { project: { name: c.project ?? 'admin', domain } },
        },
      },
    });
    const token = res.headers.get('x-subject-token');
    if (!token) throw new DriverProtocolError('Keystone answered without X-Subject-Token', this.fault());
    this.projectId = res.body?.token?.project?.id;
    return { 'x-auth-token': token };
  }

  // ---- inventory ----

  async listHosts(req: PageRequest = {}): Promise<Page<Host>> {
    const page = await this.http.json<{ hypervisors: NovaHypervisor[]; hypervisors_links?: Link[] }>({
      method: 'GET',
      path: `${COMPUTE}/os-hypervisors/detail`,
      query: { limit: Math.min(req.limit ?? 1000, 1000), marker: req.cursor },
      signal: req.signal,
    });
    return { items: await this.hostDirectory.toHosts(page.hypervisors, req.signal), next: nextMarker(page.hypervisors_links) };
  }

  async listStorage(opts: CallOptions = {}): Promise<StoragePool[]> {
    if (!this.projectId) await this.auth.headers(opts.signal);
    const res = await this.http.json<{ pools: CinderPool[] }>({
      method: 'GET',
      path: `/volume/v3/${this.projectId ?? 'vorch'}/scheduler-stats/get_pools`,
      query: { detail: 'true' },
      signal: opts.signal,
    });
    return res.pools.map(toStoragePool);
  }

  async listNetworks(opts: CallOptions = {}): Promise<Network[]> {
    const [networks, subnets] = await Promise.all([
      allMarkerPages<NeutronNetwork>(this.http, `${NETWORK}/networks`, 'networks', {}, opts.signal),
      allMarkerPages<NeutronSubnet>(this.http, `${NETWORK}/subnets`, 'subnets', {}, opts.signal),
    ]);
    return networks.map((n) => toNetwork(n, subnets));
  }

  // ---- networks and ports ----

  async createNetwork(req: CreateNetworkRequest, opts: CallOptions = {}): Promise<Network> {
    const pools = checkedAllocationPools(req, this.fault({ network: req.name }));
    const body: Record<string, unknown> = { name: req.name };
    if (req.segmentation) {
      body['provider:network_type'] = req.segmentation.type;
      if (req.segmentation.id !== undefined) body['provider:segmentation_id'] = req.segmentation.id;
    }
    if (req.mtu !== undefined) body.mtu = req.mtu;
    const { network } = await this.http.json<{ network: NeutronNetwork }>({ method: 'POST', path: `${NETWORK}/networks`, body: { network: body }, signal: opts.signal });
    // Neutron holds the addressing in subnets: one per CIDR. A network left without its subnets is useless, so undo it.
    const subnets: NeutronSubnet[] = [];
    try {
      for (const [i, cidr] of req.cidrs.entries()) {
        const family = ipFamilyOf(cidr);
        const subnet: Record<string, unknown> = { network_id: network.id, cidr, ip_version: family, name: `${req.name}-${i}` };
        // Stateful DHCPv6: Neutron's IPAM picks (or accepts) each address, as for IPv4. SLAAC would derive it from the
        // MAC and refuse the fixed IPs Vorch copies from the home site to the others.
        if (family === 6) Object.assign(subnet, { ipv6_address_mode: 'dhcpv6-stateful', ipv6_ra_mode: 'dhcpv6-stateful' });
        const gateway = gatewayFor(req, i);
        if (gateway) subnet.gateway_ip = gateway;
        const own = pools.get(i);
        if (own) subnet.allocation_pools = poolRangesText(own);
        subnets.push((await this.http.json<{ subnet: NeutronSubnet }>({ method: 'POST', path: `${NETWORK}/subnets`, body: { subnet }, signal: opts.signal })).subnet);
      }
    } catch (err) {
      await this.http.send({ method: 'DELETE', path: `${NETWORK}/networks/${network.id}` }).catch(() => {});
      throw err;
    }
    return toNetwork(network, subnets);
  }

  async getNetwork(id: string, opts: CallOptions = {}): Promise<Network> {
    const network = await this.getNetworkOnly(id, opts.signal);
    const subnets = await allMarkerPages<NeutronSubnet>(this.http, `${NETWORK}/subnets`, 'subnets', { network_id: id }, opts.signal);
    return toNetwork(network, subnets);
  }

  async deleteNetwork(id: string, opts: CallOptions = {}): Promise<void> {
    this.subnetsOf.delete(id);
    await this.http.send({ method: 'DELETE', path: `${NETWORK}/networks/${enc(id)}`, signal: opts.signal });
  }

  async createPort(req: CreatePortRequest, opts: CallOptions = {}): Promise<Port> {
    const port: Record<string, unknown> = { network_id: req.networkId, name: req.name };
    if (req.mac) port.mac_address = req.mac;
    const ips = requestedIps(req);
    if (ips) port.fixed_ips = ips.map((ip) => ({ ip_address: ip }));
    const post = async () => {
      if (!ips && req.ipFamily) port.fixed_ips = [{ subnet_id: await this.subnetOfFamily(req.networkId, req.ipFamily, opts.signal) }];
      return (await this.http.json<{ port: NeutronPort }>({ method: 'POST', path: `${NETWORK}/ports`, body: { port }, signal: opts.signal })).port;
    };
    try {
      return toPort(await post());
    } catch (err) {
      // A cached subnet deleted behind Vorch's back: Neutron refused the port without making it, so look again once.
      if (!(err instanceof DriverNotFoundError) || ips || !req.ipFamily || !this.subnetsOf.delete(req.networkId)) throw err;
      return toPort(await post());
    }
  }

  async getPort(id: string, opts: CallOptions = {}): Promise<Port> {
    return toPort((await this.http.json<{ port: NeutronPort }>({ method: 'GET', path: `${NETWORK}/ports/${enc(id)}`, signal: opts.signal })).port);
  }

  async listPorts(networkId: string, opts: CallOptions = {}): Promise<Port[]> {
    const ports = await allMarkerPages<NeutronPort>(this.http, `${NETWORK}/ports`, 'ports', { network_id: networkId }, opts.signal);
    // Neutron filters an unknown network_id down to an empty list; asking for the network says whether it exists.
    if (ports.length === 0) await this.getNetworkOnly(networkId, opts.signal);
    return ports.map(toPort);
  }

  async deletePort(id: string, opts: CallOptions = {}): Promise<void> {
    await this.http.send({ method: 'DELETE', path: `${NETWORK}/ports/${enc(id)}`, signal: opts.signal });
  }

  // ---- VMs ----

  async createVm(req: CreateVmRequest, opts: CallOptions = {}): Promise<Vm> {
    const server: Record<string, unknown> = {
      name: req.name,
      flavorRef: (await this.flavorFor(req.cpu, req.memoryMb, opts.signal)).id,
      imageRef: req.image ?? 'vorch-default',
      networks: (req.portIds ?? []).map((port) => ({ port })),
    };
    if (req.hostId) server.host = await this.hostDirectory.nameOf(req.hostId, opts.signal);
    const res = await this.http.json<{ server: { id: string } }>({ method: 'POST', path: `${COMPUTE}/servers`, body: { server }, signal: opts.signal });
    return this.waitForVm(res.server.id, 'build', (vm) => this.settledBuild(vm), opts.signal);
  }

  async getVm(id: string, opts: CallOptions = {}): Promise<Vm> {
    const { server } = await this.http.json<{ server: NovaServer }>({ method: 'GET', path: `${COMPUTE}/servers/${enc(id)}`, signal: opts.signal });
    const ports = await allMarkerPages<NeutronPort>(this.http, `${NETWORK}/ports`, 'ports', { device_id: id }, opts.signal);
    return toVm(server, await this.hostIdOfServer(server, opts.signal), ports.map((p) => p.id));
  }

  async listVms(opts: CallOptions = {}): Promise<Vm[]> {
    const [servers, ports] = await Promise.all([
      allMarkerPages<NovaServer>(this.http, `${COMPUTE}/servers/detail`, 'servers', {}, opts.signal),
      allMarkerPages<NeutronPort>(this.http, `${NETWORK}/ports`, 'ports', {}, opts.signal),
    ]);
    const portsOf = new Map<string, string[]>();
    for (const p of ports) if (p.device_id) portsOf.set(p.device_id, [...(portsOf.get(p.device_id) ?? []), p.id]);
    const out: Vm[] = [];
    for (const s of servers) out.push(toVm(s, await this.hostIdOfServer(s, opts.signal), portsOf.get(s.id) ?? []));
    return out;
  }

  async startVm(id: string, opts: CallOptions = {}): Promise<Vm> {
    return this.powerAction(id, 'running', () => this.action(id, { 'os-start': null }, true, opts.signal), opts.signal);
  }

  async stopVm(id: string, opts: CallOptions = {}): Promise<Vm> {
    return this.powerAction(id, 'stopped', () => this.action(id, { 'os-stop': null }, true, opts.signal), opts.signal);
  }

  async deleteVm(id: string, opts: CallOptions = {}): Promise<void> {
    await this.http.send({ method: 'DELETE', path: `${COMPUTE}/servers/${enc(id)}`, signal: opts.signal });
    await this.waitForVmGone(id, opts.signal);
  }

  async liveMigrate(id: string, targetHostId: string, opts: CallOptions = {}): Promise<Vm> {
    const host = await this.hostDirectory.nameOf(targetHostId, opts.signal);
    // Not resent: a second os-migrateLive during the first is refused, and after it would move the VM again.
    await this.action(id, { 'os-migrateLive': { host, block_migration: 'auto' } }, false, opts.signal);
    return waitForTask(
      async () => {
        const { server } = await this.http.json<{ server: NovaServer }>({ method: 'GET', path: `${COMPUTE}/servers/${enc(id)}`, signal: opts.signal });
        if (server.status === 'MIGRATING' || server['OS-EXT-STS:task_state']) return undefined;
        if (server.status === 'ACTIVE' && server['OS-EXT-SRV-ATTR:hypervisor_hostname'] === host) return this.getVm(id, opts);
        throw new DriverTaskFailedError(`live migration of ${id} to ${host} did not complete (server ${server.status} on ${server['OS-EXT-SRV-ATTR:hypervisor_hostname']})`, this.fault({ vm: id, target: host }));
      },
      { intervalMs: this.o.pollIntervalMs, timeoutMs: this.o.taskTimeoutMs, signal: opts.signal, what: `live migration of ${id}`, fault: this.fault({ vm: id, target: host }) },
    );
  }

  currentResourceVersion(opts: CallOptions = {}): Promise<string> {
    return latestChange(this.http, opts.signal);
  }

  watchChanges(req: WatchRequest = {}): AsyncIterable<ResourceChange> {
    return changeFeedWatch(this.http, { since: req.since, intervalMs: this.o.pollIntervalMs, signal: req.signal });
  }

  // ---- translation helpers ----

  private settledBuild(vm: Vm): boolean {
    if (vm.state === 'error') throw new DriverTaskFailedError(`server ${vm.externalId} went to ERROR while building`, this.fault({ vm: vm.externalId }));
    return vm.state !== 'building';
  }

  /** The network's first subnet of `family`; the list is cached per network and read again when it has none. */
  private async subnetOfFamily(networkId: string, family: IpFamily, signal?: AbortSignal): Promise<string> {
    const find = () => this.subnetsOf.get(networkId)?.find((s) => s.family === family)?.id;
    if (!find()) {
      const subnets = await allMarkerPages<NeutronSubnet>(this.http, `${NETWORK}/subnets`, 'subnets', { network_id: networkId }, signal);
      this.subnetsOf.set(networkId, subnets.map((s) => ({ id: s.id, family: s.ip_version ?? ipFamilyOf(s.cidr) })));
    }
    const id = find();
    if (!id) throw new DriverRejectedError(`network ${networkId} has no IPv${family} subnet`, this.fault({ network: networkId, ipFamily: family }));
    return id;
  }

  private async getNetworkOnly(id: string, signal?: AbortSignal): Promise<NeutronNetwork> {
    return (await this.http.json<{ network: NeutronNetwork }>({ method: 'GET', path: `${NETWORK}/networks/${enc(id)}`, signal })).network;
  }

  private async action(id: string, body: unknown, idempotent: boolean, signal?: AbortSignal): Promise<void> {
    await this.http.send({ method: 'POST', path: `${COMPUTE}/servers/${enc(id)}/action`, body, idempotent, signal });
  }

  private async flavorFor(cpu: number, memoryMb: number, signal?: AbortSignal): Promise<NovaFlavor> {
    this.flavors ??= (await this.http.json<{ flavors: NovaFlavor[] }>({ method: 'GET', path: `${COMPUTE}/flavors/detail`, signal })).flavors;
    const flavor = smallestFlavorFor(this.flavors, cpu, memoryMb);
    if (!flavor) throw new DriverRejectedError(`no flavor has ${cpu} vCPUs and ${memoryMb} MB`, this.fault({ cpu, memoryMb }));
    return flavor;
  }

  private async hostIdOfServer(s: NovaServer, signal?: AbortSignal): Promise<string | undefined> {
    const name = s['OS-EXT-SRV-ATTR:hypervisor_hostname'] ?? s['OS-EXT-SRV-ATTR:host'];
    return name ? this.hostDirectory.idOf(name, signal) : undefined;
  }
}

const enc = encodeURIComponent;
