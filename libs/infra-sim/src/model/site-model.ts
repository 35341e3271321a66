import { createHash, randomUUID } from 'node:crypto';
import type { CredentialsSpec, Dialect } from '../topology/topology.js';
import { ChangeFeed, type ChangeOp, type Transition } from './change-feed.js';
import type { Entity, Flavor, Host, Migration, Network, Port, Storage, Subnet, Vm } from './entities.js';
import { MacAllocator } from './mac-allocator.js';
import { OrderedCollection } from './ordered-collection.js';
import { SimNotFoundError, type ResourceKind } from './sim-errors.js';

export interface SiteTiming {
  buildMs: number;
  migrateMs: number;
}

export interface SiteIdentity {
  name: string;
  dialect: Dialect;
  credentials: CredentialsSpec;
  macPrefix: string;
  failureDomains: string[];
  timing: SiteTiming;
  flavors: Flavor[];
}

/**
 * Everything one simulated site holds, in memory, with the indexes that keep every request free of full scans.
 * The operations live in SiteNetworking and SiteCompute; this class is the state they share with the dialect
 * adapters and the admin API.
 */
export class SiteModel {
  readonly hosts = new OrderedCollection<Host>();
  readonly hostsByName = new Map<string, Host>();
  readonly hostsByDomain = new Map<string, Host[]>();
  /** Hosts in creation order, for round-robin scheduling. */
  readonly hostList: Host[] = [];

  readonly vms = new OrderedCollection<Vm>();
  readonly vmsByHost = new Map<string, Set<Vm>>();
  readonly vmsByKey = new Map<string, Vm>();

  readonly networks = new OrderedCollection<Network>();
  readonly networksByKey = new Map<string, Network>();
  readonly segments = new Map<string, string>();
  readonly subnets = new OrderedCollection<Subnet>();
  readonly ports = new OrderedCollection<Port>();
  readonly portsByNetwork = new Map<string, Set<Port>>();

  readonly migrations = new OrderedCollection<Migration>();
  readonly migrationsByKey = new Map<string, Migration>();

  readonly storage: Storage[] = [];
  readonly macs: MacAllocator;
  readonly feed: ChangeFeed;
  readonly createdAt = new Date().toISOString();

  private serial = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly identity: SiteIdentity,
    changeRetention = 100_000,
  ) {
    this.macs = new MacAllocator(identity.macPrefix);
    this.feed = new ChangeFeed(changeRetention);
  }

  get name(): string {
    return this.identity.name;
  }

  get dialect(): Dialect {
    return this.identity.dialect;
  }

  nextSerial(): number {
    return ++this.serial;
  }

  newId(): string {
    return randomUUID();
  }

  /** A UUID derived from the site and a name, so that hosts keep their ids across restarts of the simulator. */
  stableId(name: string): string {
    const h = createHash('sha1').update(`${this.name}/${name}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  record(op: ChangeOp, entity: Entity, transition?: Transition): void {
    this.feed.record(op, entity, transition);
  }

  /** Records a VM change with its phase before and after, which derived views (VMIs) need. */
  recordVm(op: ChangeOp, vm: Vm, before: string): void {
    this.feed.record(op, vm, { before, after: op === 'deleted' ? 'gone' : vm.phase });
  }

  /** Runs `fn` after `ms` unless the site is disposed first. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  addHost(host: Host): void {
    this.hosts.add(host);
    this.hostsByName.set(host.name, host);
    this.hostList.push(host);
    const domain = this.hostsByDomain.get(host.failureDomain) ?? [];
    domain.push(host);
    this.hostsByDomain.set(host.failureDomain, domain);
  }

  requireHost(id: string): Host {
    return this.hosts.get(id) ?? fail('host', id);
  }

  requireHostByName(name: string): Host {
    return this.hostsByName.get(name) ?? fail('host', name);
  }

  requireVm(id: string): Vm {
    return this.vms.get(id) ?? fail('vm', id);
  }

  requireNetwork(id: string): Network {
    return this.networks.get(id) ?? fail('network', id);
  }

  requireSubnet(id: string): Subnet {
    return this.subnets.get(id) ?? fail('subnet', id);
  }

  requirePort(id: string): Port {
    return this.ports.get(id) ?? fail('port', id);
  }

  requireMigration(id: string): Migration {
    return this.migrations.get(id) ?? fail('migration', id);
  }

  vmsOn(hostId: string): Set<Vm> {
    return this.vmsByHost.get(hostId) ?? new Set();
  }

  portsOf(networkId: string): Set<Port> {
    return this.portsByNetwork.get(networkId) ?? new Set();
  }
}

function fail(kind: ResourceKind, id: string): never {
  throw new SimNotFoundError(kind, id);
}
