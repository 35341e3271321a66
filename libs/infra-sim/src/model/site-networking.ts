import type { SegmentType } from '../topology/topology.js';
import type { AddressRangeText } from './allocation-ranges.js';
import type { FixedIp, Network, Port, Subnet } from './entities.js';
import { blocksOverlap, formatBlock, type IpBlock, type IpFamily } from './ip-block.js';
import {
  AddressOutsideSubnetError,
  InvalidRequestError,
  PoolExhaustedError,
  ResourceInUseError,
  SegmentInUseError,
  SimAlreadyExistsError,
} from './sim-errors.js';
import type { SiteModel } from './site-model.js';
import { SubnetAllocator } from './subnet-allocator.js';

export interface NetworkInput {
  name: string;
  namespace?: string;
  segment: { type: SegmentType; id: number };
  physicalNetwork?: string;
  subnets?: SubnetInput[];
  /** Refuse a name already used in the namespace (Kubernetes semantics); OpenStack allows duplicates. */
  uniqueName?: boolean;
  config?: string;
}

export interface SubnetInput {
  cidr: string;
  gateway?: string;
  name?: string;
  ipv6AddressMode?: string;
  ipv6RaMode?: string;
  /** The ranges the subnet hands addresses out from, in order; absent: every usable address but the gateway. */
  allocationPools?: AddressRangeText[];
}

/** One fixed IP asked for: an address, a subnet, or both (Neutron's `fixed_ips` entry). */
export interface FixedIpRequest {
  ip?: string;
  subnetId?: string;
}

export interface PortInput {
  networkId: string;
  /** At most one per subnet. None: the VIM picks one IPv4 address and one from each IPv6 subnet, like Neutron. */
  fixedIps?: FixedIpRequest[];
  /** Shorthand for a single fixed IP, when `fixedIps` is absent. */
  subnetId?: string;
  ip?: string;
  /** With no fixed IP asked for: only addresses of this IP version. */
  ipVersion?: IpFamily;
  mac?: string;
  name?: string;
}

/** One address of a new port: the asked address in the first subnet, or the next free one of the first with room. */
interface AddressPlan {
  subnets: Subnet[];
  ip?: string;
}

/** Networks, subnets and ports of a site, and its IPAM: every address is handed out at most once. */
export class SiteNetworking {
  constructor(private readonly site: SiteModel) {}

  createNetwork(input: NetworkInput): Network {
    const namespace = input.namespace ?? 'default';
    const key = `${namespace}/${input.name}`;
    if (input.uniqueName && this.site.networksByKey.has(key)) throw new SimAlreadyExistsError('network', input.name);
    const segmentKey = `${input.segment.type}:${input.segment.id}`;
    if (this.site.segments.has(segmentKey)) throw new SegmentInUseError(input.segment.type, input.segment.id);
    // Subnets are checked before anything is stored, so a bad CIDR leaves no half-made network behind.
    const allocators = (input.subnets ?? []).map((s) => new SubnetAllocator(s.cidr, s.gateway, s.allocationPools));
    assertNoOverlap(allocators.map((a) => a.cidr));
    const now = new Date().toISOString();
    const network: Network = {
      kind: 'network',
      id: this.site.newId(),
      serial: this.site.nextSerial(),
      name: input.name,
      namespace,
      segment: { ...input.segment },
      physicalNetwork: input.physicalNetwork ?? (input.segment.type === 'vlan' ? 'physnet1' : ''),
      subnetIds: [],
      config: input.config,
      version: 0,
      createdAt: now,
    };
    this.site.networks.add(network);
    this.site.networksByKey.set(key, network);
    this.site.segments.set(segmentKey, network.id);
    this.site.record('created', network);
    (input.subnets ?? []).forEach((s, i) => this.storeSubnet(network, s, allocators[i]));
    return network;
  }

  /** The first unused segment id of a type, for networks created without one (as Neutron does for tenants). */
  freeSegment(type: SegmentType): number {
    for (let id = 1000; id < 16_777_215; id++) if (!this.site.segments.has(`${type}:${id}`)) return id;
    throw new PoolExhaustedError(`${type} segments`);
  }

  deleteNetwork(id: string): Network {
    const network = this.site.requireNetwork(id);
    if (this.site.portsOf(id).size > 0) throw new ResourceInUseError('network', id, 'it still has ports');
    for (const subnetId of network.subnetIds) {
      const subnet = this.site.subnets.remove(subnetId);
      if (subnet) this.site.record('deleted', subnet);
    }
    this.site.networks.remove(id);
    const key = `${network.namespace}/${network.name}`;
    if (this.site.networksByKey.get(key) === network) this.site.networksByKey.delete(key);
    this.site.segments.delete(`${network.segment.type}:${network.segment.id}`);
    this.site.portsByNetwork.delete(id);
    this.site.record('deleted', network);
    return network;
  }

  renameNetwork(id: string, name: string): Network {
    const network = this.site.requireNetwork(id);
    const oldKey = `${network.namespace}/${network.name}`;
    if (this.site.networksByKey.get(oldKey) === network) this.site.networksByKey.delete(oldKey);
    network.name = name;
    this.site.networksByKey.set(`${network.namespace}/${name}`, network);
    this.site.record('updated', network);
    return network;
  }

  addSubnet(networkId: string, input: SubnetInput): Subnet {
    const network = this.site.requireNetwork(networkId);
    const allocator = new SubnetAllocator(input.cidr, input.gateway, input.allocationPools);
    assertNoOverlap([allocator.cidr, ...network.subnetIds.map((id) => this.site.requireSubnet(id).allocator.cidr)]);
    return this.storeSubnet(network, input, allocator);
  }

  deleteSubnet(id: string): Subnet {
    const subnet = this.site.requireSubnet(id);
    for (const port of this.site.portsOf(subnet.networkId)) {
      if (port.fixedIps.some((f) => f.subnetId === id)) throw new ResourceInUseError('subnet', id, 'ports hold addresses in it');
    }
    const network = this.site.requireNetwork(subnet.networkId);
    network.subnetIds = network.subnetIds.filter((s) => s !== id);
    this.site.subnets.remove(id);
    this.site.record('deleted', subnet);
    this.site.record('updated', network);
    return subnet;
  }

  /**
   * 1. choose the subnets: those of the fixed IPs asked for, else one IPv4 subnet with room and every IPv6 subnet
   * 2. reserve or allocate the MAC, then the IPs, undoing all of it if one IP fails
   */
  createPort(input: PortInput): Port {
    const network = this.site.requireNetwork(input.networkId);
    const subnets = network.subnetIds.map((id) => this.site.requireSubnet(id));
    if (subnets.length === 0) throw new PoolExhaustedError(`network ${network.name} (it has no subnet)`);
    const asked = input.fixedIps ?? (input.ip || input.subnetId ? [{ ip: input.ip, subnetId: input.subnetId }] : []);
    const plans = asked.length > 0 ? this.askedAddresses(network, subnets, asked) : automaticAddresses(network, subnets, input.ipVersion);
    const mac = input.mac ? this.site.macs.reserve(input.mac) : this.site.macs.allocate();
    const fixedIps: FixedIp[] = [];
    try {
      for (const plan of plans) fixedIps.push(plan.ip ? { subnetId: plan.subnets[0].id, ip: plan.subnets[0].allocator.reserve(plan.ip) } : allocateFrom(network, plan.subnets));
    } catch (err) {
      for (const f of fixedIps) this.site.requireSubnet(f.subnetId).allocator.release(f.ip);
      this.site.macs.release(mac);
      throw err;
    }
    const port: Port = {
      kind: 'port',
      id: this.site.newId(),
      serial: this.site.nextSerial(),
      name: input.name ?? '',
      networkId: network.id,
      fixedIps,
      subnetId: fixedIps[0].subnetId,
      ip: fixedIps[0].ip,
      mac,
      vmId: null,
      version: 0,
      createdAt: new Date().toISOString(),
    };
    this.site.ports.add(port);
    const set = this.site.portsByNetwork.get(network.id) ?? new Set<Port>();
    set.add(port);
    this.site.portsByNetwork.set(network.id, set);
    this.site.record('created', port);
    return port;
  }

  /** `force` deletes a bound port too (what happens when a VM goes, or behind the manager's back). */
  deletePort(id: string, { force = false } = {}): Port {
    const port = this.site.requirePort(id);
    if (port.vmId && !force) throw new ResourceInUseError('port', id, `it is bound to vm ${port.vmId}`);
    this.site.ports.remove(id);
    this.site.portsByNetwork.get(port.networkId)?.delete(port);
    this.site.macs.release(port.mac);
    for (const f of port.fixedIps) this.site.subnets.get(f.subnetId)?.allocator.release(f.ip);
    if (port.vmId) {
      const vm = this.site.vms.get(port.vmId);
      if (vm) {
        vm.nics = vm.nics.filter((n) => n.portId !== id);
        this.site.recordVm('updated', vm, vm.phase);
      }
    }
    this.site.record('deleted', port);
    return port;
  }

  bindPort(portId: string, vmId: string): Port {
    const port = this.site.requirePort(portId);
    if (port.vmId && port.vmId !== vmId) throw new ResourceInUseError('port', portId, `it is bound to vm ${port.vmId}`);
    port.vmId = vmId;
    this.site.record('updated', port);
    return port;
  }

  unbindPort(portId: string): void {
    const port = this.site.ports.get(portId);
    if (!port) return;
    port.vmId = null;
    this.site.record('updated', port);
  }

  /** Each fixed IP asked for: the subnet named, or the one holding the address (and both must agree). */
  private askedAddresses(network: Network, subnets: Subnet[], asked: FixedIpRequest[]): AddressPlan[] {
    const plans: AddressPlan[] = [];
    for (const request of asked) {
      if (!request.ip && !request.subnetId) throw new InvalidRequestError('a fixed IP names an IP address, a subnet or both');
      let candidates = subnets;
      if (request.subnetId) candidates = [this.site.requireSubnet(request.subnetId)].filter((s) => s.networkId === network.id);
      if (request.ip) candidates = candidates.filter((s) => s.allocator.contains(request.ip as string));
      if (candidates.length === 0) throw new AddressOutsideSubnetError(request.ip ?? '(any)', `network ${network.name}`);
      const subnet = candidates[0];
      if (plans.some((p) => p.subnets[0] === subnet)) throw new InvalidRequestError(`a port holds at most one address of subnet ${subnet.cidr}`);
      plans.push({ subnets: [subnet], ip: request.ip });
    }
    return plans;
  }

  private storeSubnet(network: Network, input: SubnetInput, allocator: SubnetAllocator): Subnet {
    const subnet: Subnet = {
      kind: 'subnet',
      id: this.site.newId(),
      serial: this.site.nextSerial(),
      name: input.name ?? `${network.name}-${network.subnetIds.length + 1}`,
      networkId: network.id,
      cidr: formatBlock(allocator.cidr),
      gateway: allocator.gatewayText,
      ...(input.ipv6AddressMode ? { ipv6AddressMode: input.ipv6AddressMode } : {}),
      ...(input.ipv6RaMode ? { ipv6RaMode: input.ipv6RaMode } : {}),
      allocator,
      version: 0,
      createdAt: new Date().toISOString(),
    };
    this.site.subnets.add(subnet);
    network.subnetIds.push(subnet.id);
    this.site.record('created', subnet);
    this.site.record('updated', network);
    return subnet;
  }
}

/** Neutron's choice with no fixed IP asked for: one IPv4 address (the first subnet with room) and one per IPv6 subnet. */
function automaticAddresses(network: Network, subnets: Subnet[], ipVersion?: IpFamily): AddressPlan[] {
  const wanted = ipVersion ? subnets.filter((s) => s.allocator.family === ipVersion) : subnets;
  if (wanted.length === 0) throw new InvalidRequestError(`network ${network.name} has no IPv${ipVersion} subnet`);
  const v4 = wanted.filter((s) => s.allocator.family === 4);
  const v6 = wanted.filter((s) => s.allocator.family === 6);
  return [...(v4.length > 0 ? [{ subnets: v4 }] : []), ...v6.map((s) => ({ subnets: [s] }))];
}

function allocateFrom(network: Network, subnets: Subnet[]): FixedIp {
  for (const subnet of subnets) {
    const ip = tryAllocate(subnet);
    if (ip !== undefined) return { subnetId: subnet.id, ip };
  }
  throw new PoolExhaustedError(`network ${network.name}`);
}

function assertNoOverlap(cidrs: IpBlock[]): void {
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++) {
      if (blocksOverlap(cidrs[i], cidrs[j])) throw new InvalidRequestError('subnets of one network must not overlap');
    }
  }
}

function tryAllocate(subnet: Subnet): string | undefined {
  try {
    return subnet.allocator.allocate();
  } catch (err) {
    if (err instanceof PoolExhaustedError) return undefined;
    throw err;
  }
}
