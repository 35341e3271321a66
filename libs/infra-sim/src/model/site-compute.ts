import type { Host, Migration, Nic, Vm } from './entities.js';
import {
  HostDownError,
  InvalidRequestError,
  InvalidStateError,
  NoCapacityError,
  ResourceBusyError,
  SimAlreadyExistsError,
} from './sim-errors.js';
import type { SiteModel } from './site-model.js';
import type { SiteNetworking } from './site-networking.js';

/** A NIC on a new port (`ips`: its fixed IPs, none for the VIM's choice) or on a port made beforehand. */
export type NicInput = { name: string; networkId: string; mac?: string; ips?: string[] } | { name: string; portId: string };

export interface VmInput {
  /** Default: a new UUID. The topology's VMs pass a stable one, so they keep their ids across restarts. */
  id?: string;
  name: string;
  namespace?: string;
  hostId?: string;
  failureDomain?: string;
  vcpus: number;
  memoryMb: number;
  gpus?: number;
  flavorId?: string;
  nics: NicInput[];
  /** 'async': building, running after buildMs; 'now': running at once; 'off': created stopped. */
  start: 'async' | 'now' | 'off';
  metadata?: Record<string, string>;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uniqueName?: boolean;
  document?: unknown;
}

interface Demand {
  vcpus: number;
  memoryMb: number;
  gpus: number;
}

/** VMs and their lifecycle on one site: scheduling, capacity, power, live migration. */
export class SiteCompute {
  private cursor = 0;

  constructor(
    private readonly site: SiteModel,
    private readonly networking: SiteNetworking,
  ) {}

  /**
   * 1. refuse a duplicate name where names are unique
   * 2. place: the named host (up and with room) or the next one round-robin
   * 3. make or bind the ports, undoing them all if one fails
   * 4. claim capacity, store, and start as asked
   */
  createVm(input: VmInput): Vm {
    const namespace = input.namespace ?? 'default';
    const key = `${namespace}/${input.name}`;
    if (input.uniqueName && this.site.vmsByKey.has(key)) throw new SimAlreadyExistsError('vm', input.name);
    const demand = { vcpus: input.vcpus, memoryMb: input.memoryMb, gpus: input.gpus ?? 0 };
    const host = input.hostId ? this.checkTarget(this.site.requireHost(input.hostId), demand) : this.pickHost(demand, input.failureDomain);
    const id = input.id ?? this.site.newId();
    const nics = this.attachNics(id, input.nics);
    const now = new Date().toISOString();
    const vm: Vm = {
      kind: 'vm',
      id,
      serial: this.site.nextSerial(),
      name: input.name,
      namespace,
      hostId: host.id,
      vcpus: input.vcpus,
      memoryMb: input.memoryMb,
      gpus: demand.gpus,
      flavorId: input.flavorId,
      phase: input.start === 'async' ? 'building' : input.start === 'now' ? 'running' : 'stopped',
      nics,
      metadata: input.metadata ?? {},
      labels: input.labels ?? {},
      annotations: input.annotations ?? {},
      startedAt: input.start === 'off' ? undefined : now,
      updatedAt: now,
      document: input.document,
      version: 0,
      createdAt: now,
    };
    claim(host, demand);
    this.site.vms.add(vm);
    this.site.vmsByKey.set(key, vm);
    this.placeOn(vm, host.id);
    this.site.recordVm('created', vm, 'gone');
    this.site.record('updated', host);
    if (vm.phase === 'building') this.finishBuild(vm);
    return vm;
  }

  deleteVm(id: string): Vm {
    const vm = this.site.requireVm(id);
    for (const nic of vm.nics) {
      if (nic.owned) this.networking.deletePort(nic.portId, { force: true });
      else this.networking.unbindPort(nic.portId);
    }
    const host = this.site.requireHost(vm.hostId);
    release(host, demandOf(vm));
    if (vm.migrationId) {
      const migration = this.site.migrations.get(vm.migrationId);
      if (migration) release(this.site.requireHost(migration.targetHostId), demandOf(vm));
    }
    this.site.vms.remove(id);
    const key = `${vm.namespace}/${vm.name}`;
    if (this.site.vmsByKey.get(key) === vm) this.site.vmsByKey.delete(key);
    this.site.vmsByHost.get(vm.hostId)?.delete(vm);
    this.site.recordVm('deleted', vm, vm.phase);
    this.site.record('updated', host);
    return vm;
  }

  startVm(id: string, { async = false } = {}): Vm {
    const vm = this.site.requireVm(id);
    if (vm.phase !== 'stopped') throw new InvalidStateError('vm', id, vm.phase, 'start');
    vm.phase = async ? 'building' : 'running';
    vm.startedAt = new Date().toISOString();
    this.touch(vm, 'stopped');
    if (async) this.finishBuild(vm);
    return vm;
  }

  stopVm(id: string): Vm {
    const vm = this.site.requireVm(id);
    if (vm.phase !== 'running') throw new InvalidStateError('vm', id, vm.phase, 'stop');
    vm.phase = 'stopped';
    vm.startedAt = undefined;
    this.touch(vm, 'running');
    return vm;
  }

  /**
   * Live migration: the target's capacity is claimed at once (as Nova's scheduler does), the move happens after
   * migrateMs; if the target is down by then the VM stays where it was and the migration fails.
   */
  migrateVm(id: string, opts: { targetHostId?: string; name?: string; namespace?: string } = {}): Migration {
    const vm = this.site.requireVm(id);
    if (vm.phase === 'migrating') throw new ResourceBusyError('vm', id, 'migration');
    if (vm.phase !== 'running') throw new InvalidStateError('vm', id, vm.phase, 'live-migrate');
    const source = this.site.requireHost(vm.hostId);
    if (!source.up) throw new HostDownError(source.name);
    const demand = demandOf(vm);
    let target: Host;
    if (opts.targetHostId) {
      target = this.site.requireHost(opts.targetHostId);
      if (target.id === source.id) throw new InvalidRequestError(`vm ${id} is already on host ${source.name}`);
      this.checkTarget(target, demand);
    } else {
      target = this.pickHost(demand, undefined, source.id);
    }
    const now = new Date().toISOString();
    const migration: Migration = {
      kind: 'migration',
      id: this.site.newId(),
      serial: this.site.nextSerial(),
      name: opts.name ?? `migration-${vm.name}-${Date.now().toString(36)}`,
      namespace: opts.namespace ?? vm.namespace,
      vmId: vm.id,
      sourceHostId: source.id,
      targetHostId: target.id,
      phase: 'running',
      version: 0,
      createdAt: now,
    };
    claim(target, demand);
    this.site.migrations.add(migration);
    this.site.migrationsByKey.set(`${migration.namespace}/${migration.name}`, migration);
    vm.phase = 'migrating';
    vm.migrationId = migration.id;
    vm.lastMigrationId = migration.id;
    this.site.record('created', migration);
    this.touch(vm, 'running');
    this.site.later(this.site.identity.timing.migrateMs, () => this.finishMigration(migration));
    return migration;
  }

  /** Changes made behind the manager's back (admin API): no rules beyond keeping the indexes true. */
  patchVm(id: string, patch: { name?: string; power?: 'on' | 'off'; hostId?: string; memoryMb?: number }): Vm {
    const vm = this.site.requireVm(id);
    const before = vm.phase;
    if (patch.name !== undefined) {
      const oldKey = `${vm.namespace}/${vm.name}`;
      if (this.site.vmsByKey.get(oldKey) === vm) this.site.vmsByKey.delete(oldKey);
      vm.name = patch.name;
      this.site.vmsByKey.set(`${vm.namespace}/${vm.name}`, vm);
    }
    if (patch.power === 'on' && vm.phase === 'stopped') {
      vm.phase = 'running';
      vm.startedAt = new Date().toISOString();
    }
    if (patch.power === 'off' && vm.phase !== 'stopped') {
      vm.phase = 'stopped';
      vm.startedAt = undefined;
    }
    if (patch.memoryMb !== undefined) {
      const host = this.site.requireHost(vm.hostId);
      host.usedMemoryMb += patch.memoryMb - vm.memoryMb;
      vm.memoryMb = patch.memoryMb;
    }
    if (patch.hostId !== undefined && patch.hostId !== vm.hostId) {
      const from = this.site.requireHost(vm.hostId);
      const to = this.site.requireHost(patch.hostId);
      release(from, demandOf(vm));
      claim(to, demandOf(vm));
      this.placeOn(vm, to.id);
    }
    this.touch(vm, before);
    return vm;
  }

  setHostUp(hostId: string, up: boolean): Host {
    const host = this.site.requireHost(hostId);
    if (host.up !== up) {
      host.up = up;
      this.site.record('updated', host);
    }
    return host;
  }

  /** Next up host, round-robin from where the last search stopped, that has room (and is in the zone asked). */
  pickHost(demand: Demand, failureDomain?: string, exclude?: string): Host {
    const list = failureDomain ? (this.site.hostsByDomain.get(failureDomain) ?? []) : this.site.hostList;
    if (failureDomain && list.length === 0) throw new NoCapacityError(`unknown failure domain ${failureDomain}`);
    for (let i = 0; i < list.length; i++) {
      const host = list[(this.cursor + i) % list.length];
      if (host.id !== exclude && host.up && fits(host, demand)) {
        this.cursor = (this.cursor + i + 1) % list.length;
        return host;
      }
    }
    throw new NoCapacityError(`no up host has ${demand.vcpus} vCPUs, ${demand.memoryMb} MB and ${demand.gpus} GPUs free`);
  }

  private checkTarget(host: Host, demand: Demand): Host {
    if (!host.up) throw new HostDownError(host.name);
    if (!fits(host, demand)) throw new NoCapacityError(`host ${host.name} lacks room`);
    return host;
  }

  private attachNics(vmId: string, inputs: NicInput[]): Nic[] {
    const nics: Nic[] = [];
    try {
      for (const input of inputs) {
        if ('portId' in input) {
          this.networking.bindPort(input.portId, vmId);
          nics.push({ name: input.name, portId: input.portId, owned: false });
        } else {
          const port = this.networking.createPort({ networkId: input.networkId, mac: input.mac, fixedIps: input.ips?.map((ip) => ({ ip })), name: input.name });
          this.networking.bindPort(port.id, vmId);
          nics.push({ name: input.name, portId: port.id, owned: true });
        }
      }
    } catch (err) {
      for (const nic of nics) {
        if (nic.owned) this.networking.deletePort(nic.portId, { force: true });
        else this.networking.unbindPort(nic.portId);
      }
      throw err;
    }
    return nics;
  }

  private finishBuild(vm: Vm): void {
    this.site.later(this.site.identity.timing.buildMs, () => {
      if (this.site.vms.get(vm.id) !== vm || vm.phase !== 'building') return;
      vm.phase = 'running';
      this.touch(vm, 'building');
    });
  }

  private finishMigration(migration: Migration): void {
    const vm = this.site.vms.get(migration.vmId);
    const target = this.site.requireHost(migration.targetHostId);
    const source = this.site.requireHost(migration.sourceHostId);
    migration.endedAt = new Date().toISOString();
    if (!vm) {
      migration.phase = 'failed';
      migration.error = 'the VM was deleted during the migration';
    } else if (!target.up) {
      release(target, demandOf(vm));
      migration.phase = 'failed';
      migration.error = `target host ${target.name} went down`;
    } else {
      release(source, demandOf(vm));
      this.placeOn(vm, target.id);
      migration.phase = 'succeeded';
    }
    if (vm) {
      vm.phase = 'running';
      vm.migrationId = undefined;
      this.touch(vm, 'migrating');
    }
    this.site.record('updated', migration);
    this.site.record('updated', source);
    this.site.record('updated', target);
  }

  private placeOn(vm: Vm, hostId: string): void {
    this.site.vmsByHost.get(vm.hostId)?.delete(vm);
    vm.hostId = hostId;
    const set = this.site.vmsByHost.get(hostId) ?? new Set<Vm>();
    set.add(vm);
    this.site.vmsByHost.set(hostId, set);
    for (const nic of vm.nics) {
      const port = this.site.ports.get(nic.portId);
      if (port) this.site.record('updated', port);
    }
  }

  private touch(vm: Vm, before: string): void {
    vm.updatedAt = new Date().toISOString();
    this.site.recordVm('updated', vm, before);
  }
}

function demandOf(vm: Vm): Demand {
  return { vcpus: vm.vcpus, memoryMb: vm.memoryMb, gpus: vm.gpus };
}

function fits(host: Host, d: Demand): boolean {
  return host.cpus - host.usedCpus >= d.vcpus && host.memoryMb - host.usedMemoryMb >= d.memoryMb && (host.gpus?.count ?? 0) - host.usedGpus >= d.gpus;
}

function claim(host: Host, d: Demand): void {
  host.usedCpus += d.vcpus;
  host.usedMemoryMb += d.memoryMb;
  host.usedGpus += d.gpus;
}

function release(host: Host, d: Demand): void {
  host.usedCpus -= d.vcpus;
  host.usedMemoryMb -= d.memoryMb;
  host.usedGpus -= d.gpus;
}
