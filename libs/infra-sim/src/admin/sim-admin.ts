import type { SimSite } from '../model/build-site.js';
import type { Host, Network, Port, Vm } from '../model/entities.js';
import type { SiteFaultsState } from '../model/site-faults.js';
import { InvalidRequestError, SimNotFoundError } from '../model/sim-errors.js';
import type { SiteModel } from '../model/site-model.js';

export type AdminResourceKind = 'vm' | 'network' | 'port';

export interface SiteSummary {
  name: string;
  dialect: string;
  endpoint: string;
  hosts: number;
  vms: number;
  networks: number;
  ports: number;
  latestChange: number;
  faults: SiteFaultsState;
}

export interface VmPatch {
  name?: string;
  powerState?: 'on' | 'off';
  host?: string;
  memoryMb?: number;
}

/**
 * Fault injection and inspection, in process. The admin HTTP routes call exactly these methods; tests may too.
 * Resources are named by UUID, by dialect-style serial id (`vm-12`) or by name.
 */
export class SimAdmin {
  constructor(
    private readonly sites: Map<string, SimSite>,
    private readonly endpointOf: (site: string) => string,
  ) {}

  listSites(): SiteSummary[] {
    return [...this.sites.values()].map((s) => this.summary(s));
  }

  describeSite(name: string) {
    const site = this.site(name);
    const { identity } = site.model;
    return { ...this.summary(site), credentials: identity.credentials, failureDomains: identity.failureDomains, macPrefix: identity.macPrefix, timing: identity.timing };
  }

  hostsPage(siteName: string, after: number | undefined, limit: number) {
    return this.site(siteName).model.hosts.page(after, limit);
  }

  faults(siteName: string): SiteFaultsState {
    return this.site(siteName).faults.current;
  }

  setFaults(siteName: string, patch: Partial<SiteFaultsState>): SiteFaultsState {
    return this.site(siteName).faults.set(patch);
  }

  clearFaults(siteName: string): void {
    this.site(siteName).faults.clear();
  }

  setHostUp(siteName: string, hostRef: string, up: boolean): Host {
    const site = this.site(siteName);
    return site.compute.setHostUp(findHost(site.model, hostRef).id, up);
  }

  /** Deletes a resource behind the manager's back; a VM's own ports go with it, a network's ports too. */
  deleteResource(siteName: string, kind: AdminResourceKind, ref: string): void {
    const site = this.site(siteName);
    switch (kind) {
      case 'vm':
        site.compute.deleteVm(findVm(site.model, ref).id);
        return;
      case 'network': {
        const network = findNetwork(site.model, ref);
        for (const port of [...site.model.portsOf(network.id)]) site.networking.deletePort(port.id, { force: true });
        site.networking.deleteNetwork(network.id);
        return;
      }
      case 'port':
        site.networking.deletePort(findPort(site.model, ref).id, { force: true });
        return;
      default: {
        const never: never = kind;
        throw new InvalidRequestError(`unknown resource kind ${String(never)}`);
      }
    }
  }

  patchVm(siteName: string, ref: string, patch: VmPatch): Vm {
    const site = this.site(siteName);
    const vm = findVm(site.model, ref);
    return site.compute.patchVm(vm.id, {
      name: patch.name,
      power: patch.powerState,
      memoryMb: patch.memoryMb,
      hostId: patch.host === undefined ? undefined : findHost(site.model, patch.host).id,
    });
  }

  renameNetwork(siteName: string, ref: string, name: string): Network {
    const site = this.site(siteName);
    return site.networking.renameNetwork(findNetwork(site.model, ref).id, name);
  }

  site(name: string): SimSite {
    const site = this.sites.get(name);
    if (!site) throw new SimNotFoundError('site', name);
    return site;
  }

  private summary(s: SimSite): SiteSummary {
    const m = s.model;
    return {
      name: m.name,
      dialect: m.dialect,
      endpoint: this.endpointOf(m.name),
      hosts: m.hosts.size,
      vms: m.vms.size,
      networks: m.networks.size,
      ports: m.ports.size,
      latestChange: m.feed.latest,
      faults: s.faults.current,
    };
  }
}

function serialOf(ref: string): number | undefined {
  const m = /^[a-z]+(?:-[a-z]+)?-(\d+)$/.exec(ref);
  return m ? Number(m[1]) : undefined;
}

function findHost(model: SiteModel, ref: string): Host {
  const serial = serialOf(ref);
  const found = model.hosts.get(ref) ?? model.hostsByName.get(ref) ?? (serial !== undefined ? model.hosts.atSerial(serial) : undefined);
  if (!found) throw new SimNotFoundError('host', ref);
  return found;
}

function findVm(model: SiteModel, ref: string): Vm {
  const serial = serialOf(ref);
  const found =
    model.vms.get(ref) ??
    model.vmsByKey.get(ref.includes('/') ? ref : `default/${ref}`) ??
    (serial !== undefined ? model.vms.atSerial(serial) : undefined) ??
    [...model.vms.values()].find((v) => v.name === ref);
  if (!found) throw new SimNotFoundError('vm', ref);
  return found;
}

function findNetwork(model: SiteModel, ref: string): Network {
  const serial = serialOf(ref);
  const found =
    model.networks.get(ref) ??
    model.networksByKey.get(ref.includes('/') ? ref : `default/${ref}`) ??
    (serial !== undefined ? model.networks.atSerial(serial) : undefined) ??
    [...model.networks.values()].find((n) => n.name === ref);
  if (!found) throw new SimNotFoundError('network', ref);
  return found;
}

function findPort(model: SiteModel, ref: string): Port {
  const found = model.ports.get(ref) ?? [...model.ports.values()].find((p) => p.name === ref || p.mac === ref || p.fixedIps.some((f) => f.ip === ref));
  if (!found) throw new SimNotFoundError('port', ref);
  return found;
}
