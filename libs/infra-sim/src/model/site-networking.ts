import type { SegmentType } from '../topology/topology.js';
import type { Network, Port, Subnet } from './entities.js';
import { cidrsOverlap, formatIpv4, type Cidr } from './ipv4.js';
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
}

export interface PortInput {
  networkId: string;
  subnetId?: string;
  mac?: string;
  ip?: string;
  name?: string;
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
    const allocators = (input.subnets ?? []).map((s) => new SubnetAllocator(s.cidr, s.gateway));
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
    const allocator = new SubnetAllocator(input.cidr, input.gateway);
    assertNoOverlap([allocator.cidr, ...network.subnetIds.map((id) => this.site.requireSubnet(id).allocator.cidr)]);
    return this.storeSubnet(network, input, allocator);
  }

  deleteSubnet(id: string): Subnet {
    const subnet = this.site.requireSubnet(id);
    for (const port of this.site.portsOf(subnet.networkId)) {
      if (port.subnetId === id) throw new ResourceInUseError('subnet', id, 'ports hold addresses in it');
    }
    const network = this.site.requireNetwork(subnet.networkId);
    network.subnetIds = network.subnetIds.filter((s) => s !== id);
    this.site.subnets.remove(id);
    this.site.record('deleted', subnet);
    this.site.record('updated', network);
    return subnet;
  }

  /**
   * 1. choose the subnet (the one holding the asked IP, the one named, or the first with room)
   * 2. reserve or allocate the MAC, then the IP, undoing the MAC if the IP fails
   */
  createPort(input: PortInput): Port {
    const network = this.site.requireNetwork(input.networkId);
    const subnets = network.subnetIds.map((id) => this.site.requireSubnet(id));
    if (subnets.length === 0) throw new PoolExhaustedError(`network ${network.name} (it has no subnet)`);
    let candidates = subnets;
    if (input.subnetId) candidates = [this.site.requireSubnet(input.subnetId)].filter((s) => s.networkId === network.id);
    if (input.ip) candidates = candidates.filter((s) => s.allocator.contains(input.ip as string));
    if (candidates.length === 0) throw new AddressOutsideSubnetError(input.ip ?? '(any)', `network ${network.name}`);
    const mac = input.mac ? this.site.macs.reserve(input.mac) : this.site.macs.allocate();
    let subnet: Subnet | undefined;
    let ip: string | undefined;
    try {
      if (input.ip) {
        subnet = candidates[0];
        ip = subnet.allocator.reserve(input.ip);
      } else {
        for (const s of candidates) {
          ip = tryAllocate(s);
          if (ip) {
            subnet = s;
            break;
          }
        }
        if (!subnet || !ip) throw new PoolExhaustedError(`network ${network.name}`);
      }
    } catch (err) {
      this.site.macs.release(mac);
      throw err;
    }
    const port: Port = {
      kind: 'port',
      id: this.site.newId(),
      serial: this.site.nextSerial(),
      name: input.name ?? '',
      networkId: network.id,
      subnetId: subnet.id,
      mac,
      ip,
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
    this.site.subnets.get(port.subnetId)?.allocator.release(port.ip);
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

  private storeSubnet(network: Network, input: SubnetInput, allocator: SubnetAllocator): Subnet {
    const subnet: Subnet = {
      kind: 'subnet',
      id: this.site.newId(),
      serial: this.site.nextSerial(),
      name: input.name ?? `${network.name}-${network.subnetIds.length + 1}`,
      networkId: network.id,
      cidr: input.cidr,
      gateway: formatIpv4(allocator.gateway),
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

function assertNoOverlap(cidrs: Cidr[]): void {
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++) {
      if (cidrsOverlap(cidrs[i], cidrs[j])) throw new InvalidRequestError('subnets of one network must not overlap');
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
